"""Fixtures of the rekentool tests: two organisations with every role and cohorts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from factories import create_cohort, create_org, create_user, login_as

from app.accounts.models import Role


@dataclass
class World:
    users: dict
    orgs: dict
    cohorts: dict


@pytest.fixture
def world(web_app) -> World:
    users, orgs, cohorts = {}, {}, {}
    for key in ("a", "b"):
        org = create_org(web_app, f"org-{key}")
        orgs[key] = org
        users[f"admin_{key}"] = create_user(
            web_app, f"admin@{key}.example", org=org, role=Role.org_admin
        )
        users[f"trainer_{key}"] = create_user(
            web_app, f"trainer@{key}.example", org=org, role=Role.trainer
        )
        users[f"trainee_{key}"] = create_user(
            web_app, f"sanne@{key}.example", org=org, role=Role.trainee
        )
        users[f"other_{key}"] = create_user(
            web_app, f"noor@{key}.example", org=org, role=Role.trainee
        )
        cohorts[key] = create_cohort(
            web_app,
            org,
            trainers=(users[f"trainer_{key}"],),
            trainees=(users[f"trainee_{key}"], users[f"other_{key}"]),
        )
    # A trainer of org a who does not train the trainee's cohort.
    users["lone_trainer_a"] = create_user(
        web_app, "los@a.example", org=orgs["a"], role=Role.trainer
    )
    return World(users, orgs, cohorts)


@pytest.fixture
def trainee_client(client, world):
    login_as(client, world.users["trainee_a"])
    return client
