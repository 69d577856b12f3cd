"""Fixtures for the case exercises: a cohort with a trainer and trainees, the catalog, and saved
calculations made the way the rekentool makes them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from factories import create_cohort, create_org, create_user, login_as

from app.accounts.models import Role


@dataclass
class Group:
    org: object
    trainer: object
    trainee: object
    other_trainee: object
    admin: object
    cohort: object


@pytest.fixture
def catalog(web_app):
    return web_app.state.catalog_holder.get()


@pytest.fixture
def group(web_app) -> Group:
    org = create_org(web_app, "voorbeeld")
    trainer = create_user(web_app, "trainer@voorbeeld.example", org=org, role=Role.trainer)
    trainee = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    other = create_user(web_app, "daan@voorbeeld.example", org=org, role=Role.trainee)
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    cohort = create_cohort(web_app, org, trainers=(trainer,), trainees=(trainee, other))
    return Group(org, trainer, trainee, other, admin, cohort)


@pytest.fixture
def trainee(client, group):
    login_as(client, group.trainee)
    return group.trainee
