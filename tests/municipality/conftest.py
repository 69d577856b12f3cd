"""Two municipalities: Voorbeeld (admin, trainer, three trainees, one cohort) and Anderstad (its
own admin, trainee and cohort), for import, onboarding, overview, certificates and privacy."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from factories import create_cohort, create_org, create_user

from app.accounts.models import Organisation, Role, User
from app.cohorts.models import Cohort


@dataclass
class World:
    org: Organisation
    admin: User
    trainer: User
    sanne: User
    daan: User
    noor: User
    cohort: Cohort
    other_org: Organisation
    other_admin: User
    other_trainee: User
    other_cohort: Cohort


@pytest.fixture
def world(web_app) -> World:
    org = create_org(web_app, "voorbeeld", "Gemeente Voorbeeld")
    admin = create_user(web_app, "beheerder@voorbeeld.example", org=org, role=Role.org_admin)
    trainer = create_user(web_app, "trainer@voorbeeld.example", org=org, role=Role.trainer)
    sanne = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    daan = create_user(web_app, "daan@voorbeeld.example", org=org, role=Role.trainee)
    noor = create_user(web_app, "noor@voorbeeld.example", org=org, role=Role.trainee)
    cohort = create_cohort(web_app, org, trainers=(trainer,), trainees=(sanne, daan, noor))
    other = create_org(web_app, "anderstad", "Gemeente Anderstad")
    other_admin = create_user(
        web_app, "beheerder@anderstad.example", org=other, role=Role.org_admin
    )
    other_trainee = create_user(web_app, "milan@anderstad.example", org=other, role=Role.trainee)
    other_cohort = create_cohort(web_app, other, "Inwerkgroep Anderstad", trainees=(other_trainee,))
    return World(
        org,
        admin,
        trainer,
        sanne,
        daan,
        noor,
        cohort,
        other,
        other_admin,
        other_trainee,
        other_cohort,
    )
