"""A cohort with a schedule around now: one session a week ago (modules 1-2 due), one in two
days (modules 3-4), one in a month (module 5); three trainees in two teams; a second
organisation with its own trainer, trainee and cohort."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from dashboards.dashboard_helpers import D, add_meeting, complete, now, put_in_team, set_progress
from factories import create_cohort, create_org, create_user

from app.accounts.models import Organisation, Role, User
from app.cohorts.models import Cohort, CohortMeeting


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    admin: User
    trainer: User
    sanne: User  # modules 1-3 done: on schedule
    daan: User  # module 1 done, 2 in progress: behind
    noor: User  # nothing started: behind
    cohort: Cohort
    meetings: list[CohortMeeting]
    other_trainer: User
    other_trainee: User
    other_cohort: Cohort
    teams: dict[str, int]


@pytest.fixture
def world(web_app) -> World:
    org = create_org(web_app, "voorbeeld", "Gemeente Voorbeeld")
    other = create_org(web_app, "anderstad", "Gemeente Anderstad")
    admin = create_user(web_app, "beheerder@voorbeeld.example", org=org, role=Role.org_admin)
    trainer = create_user(web_app, "trainer@voorbeeld.example", org=org, role=Role.trainer)
    sanne = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    daan = create_user(web_app, "daan@voorbeeld.example", org=org, role=Role.trainee)
    noor = create_user(web_app, "noor@voorbeeld.example", org=org, role=Role.trainee)
    cohort = create_cohort(web_app, org, trainers=(trainer,), trainees=(sanne, daan, noor))
    teams = {
        "Wijkteam Noord": put_in_team(web_app, sanne, org, "Wijkteam Noord"),
        "Wijkteam Zuid": put_in_team(web_app, noor, org, "Wijkteam Zuid"),
    }
    put_in_team(web_app, daan, org, "Wijkteam Noord")
    moment = now()
    meetings = [
        add_meeting(web_app, cohort, "Startbijeenkomst", moment - 7 * D, [1, 2]),
        add_meeting(web_app, cohort, "Intervisie recht", moment + 2 * D, [3, 4]),
        add_meeting(web_app, cohort, "Slotbijeenkomst", moment + 30 * D, [5, 2]),
    ]
    complete(web_app, sanne, [1, 2, 3])
    complete(web_app, daan, [1])
    set_progress(web_app, daan, 2, "in_progress", missing=["vraag 2"], video=0.5)
    other_trainer = create_user(web_app, "trainer@anderstad.example", org=other, role=Role.trainer)
    other_trainee = create_user(web_app, "milan@anderstad.example", org=other, role=Role.trainee)
    other_cohort = create_cohort(
        web_app, other, "Inwerkgroep", trainers=(other_trainer,), trainees=(other_trainee,)
    )
    return World(
        org,
        other,
        admin,
        trainer,
        sanne,
        daan,
        noor,
        cohort,
        meetings,
        other_trainer,
        other_trainee,
        other_cohort,
        teams,
    )
