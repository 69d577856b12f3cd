"""The access-control matrix over two complete organisations: every role, own and other
organisation, reading and changing cohorts, users and enrollments. Outside scope answers 404."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from factories import create_cohort, create_org, create_user, login_as, post_form
from sqlmodel import func, select

from app.accounts.models import Invitation, Role
from app.cohorts.models import Cohort, Enrollment
from app.db import session_scope


@dataclass
class World:
    users: dict[str, object]
    orgs: dict[str, object]
    cohorts: dict[str, object]
    spare_trainee: dict[str, object]


@pytest.fixture
def world(web_app) -> World:
    users, orgs, cohorts, spare = {}, {}, {}, {}
    for key in ("a", "b"):
        org = create_org(web_app, f"org-{key}")
        orgs[key] = org
        admin = create_user(web_app, f"admin@{key}.example", org=org, role=Role.org_admin)
        trainer = create_user(web_app, f"trainer@{key}.example", org=org, role=Role.trainer)
        trainee = create_user(web_app, f"trainee@{key}.example", org=org, role=Role.trainee)
        spare[key] = create_user(web_app, f"nieuw@{key}.example", org=org, role=Role.trainee)
        cohorts[key] = create_cohort(web_app, org, trainers=(trainer,), trainees=(trainee,))
        users.update(
            {f"org_admin_{key}": admin, f"trainer_{key}": trainer, f"trainee_{key}": trainee}
        )
    return World(users, orgs, cohorts, spare)


ROLES = ["org_admin", "trainer", "trainee"]
# role -> (may read the own cohort, may change its enrollments, may change the cohort itself,
#          may read/change the organisation's staff and cohort list)
OWN_RIGHTS = {
    "org_admin": (True, True, True, True),
    "trainer": (True, False, False, False),
    "trainee": (False, False, False, False),
}


def _counts(web_app) -> tuple[int, int, int]:
    with session_scope(web_app.state.db, write=False) as session:
        enrollments = session.exec(select(func.count()).select_from(Enrollment)).one()
        invitations = session.exec(select(func.count()).select_from(Invitation)).one()
        cohorts = session.exec(select(func.count()).select_from(Cohort)).one()
    return enrollments, invitations, cohorts


def _allowed(status: int) -> bool:
    return status in (200, 303)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["own", "other"])
def test_reading_cohorts_and_staff(client, world, role, target):
    login_as(client, world.users[f"{role}_a"])
    key = "a" if target == "own" else "b"
    can_read_cohort, _, _, can_manage_org = OWN_RIGHTS[role] if target == "own" else (False,) * 4
    cohort = world.cohorts[key]
    org = world.orgs[key]
    assert _allowed(client.get(f"/groepen/{cohort.id}").status_code) == can_read_cohort
    staff = client.get(f"/beheer/{org.slug}/medewerkers")
    assert _allowed(staff.status_code) == can_manage_org
    assert _allowed(client.get(f"/beheer/{org.slug}/groepen").status_code) == can_manage_org
    if not can_read_cohort:
        assert client.get(f"/groepen/{cohort.id}").status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["own", "other"])
def test_changing_enrollments(client, web_app, world, role, target):
    login_as(client, world.users[f"{role}_a"])
    key = "a" if target == "own" else "b"
    _, may_change, _, _ = OWN_RIGHTS[role] if target == "own" else (False,) * 4
    cohort = world.cohorts[key]
    before = _counts(web_app)
    response = post_form(
        client, f"/groepen/{cohort.id}/deelnemers", {"user_id": str(world.spare_trainee[key].id)}
    )
    assert _allowed(response.status_code) == may_change
    trainee = world.users[f"trainee_{key}"]
    response = post_form(client, f"/groepen/{cohort.id}/deelnemers/{trainee.id}/uitschrijven")
    assert _allowed(response.status_code) == may_change
    if not may_change:
        # A trainer sees the own cohort but may not change who is in it (403); others: 404.
        assert response.status_code == (403 if role == "trainer" and target == "own" else 404)
        assert _counts(web_app) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["own", "other"])
def test_changing_cohorts_and_users(client, web_app, world, role, target):
    login_as(client, world.users[f"{role}_a"])
    key = "a" if target == "own" else "b"
    _, _, may_edit_cohort, may_manage = OWN_RIGHTS[role] if target == "own" else (False,) * 4
    cohort, org = world.cohorts[key], world.orgs[key]
    before = _counts(web_app)
    edit = post_form(
        client,
        f"/groepen/{cohort.id}/bewerken",
        {"name": "Nieuwe naam", "starts_on": "2027-01-01", "ends_on": "2027-06-01"},
    )
    assert _allowed(edit.status_code) == may_edit_cohort
    create = post_form(
        client,
        f"/beheer/{org.slug}/groepen",
        {"name": "Extra groep", "starts_on": "2027-01-01", "ends_on": "2027-06-01"},
    )
    assert _allowed(create.status_code) == may_manage
    invite = post_form(
        client,
        f"/beheer/{org.slug}/uitnodigingen",
        {"email": "nieuwe@x.example", "display_name": "Nieuwe", "role": "trainee"},
    )
    assert _allowed(invite.status_code) == may_manage
    if not may_manage:
        assert create.status_code == 404
        assert invite.status_code == 404
        if not may_edit_cohort:
            assert _counts(web_app) == before


def test_trainer_does_not_see_a_cohort_of_the_own_organisation_they_do_not_train(
    client, web_app, world
):
    other_cohort = create_cohort(web_app, world.orgs["a"], "Andere groep")
    login_as(client, world.users["trainer_a"])
    assert client.get(f"/groepen/{other_cohort.id}").status_code == 404
    assert "Andere groep" not in client.get("/groepen").text


def test_cohort_list_shows_only_what_the_viewer_may_see(client, world):
    login_as(client, world.users["org_admin_a"])
    page = client.get("/groepen").text
    assert f"/groepen/{world.cohorts['a'].id}" in page
    assert f"/groepen/{world.cohorts['b'].id}" not in page


def test_trainee_cannot_reach_staff_pages(client, world):
    login_as(client, world.users["trainee_a"])
    assert client.get("/groepen").status_code == 404
    assert client.get("/platform").status_code == 404
    assert client.get("/beheer").status_code == 404


def test_platform_admin_manages_every_organisation(client, web_app, world):
    admin = create_user(web_app, "platform@x.example", platform_admin=True)
    login_as(client, admin)
    for key in ("a", "b"):
        assert client.get(f"/beheer/{world.orgs[key].slug}/medewerkers").status_code == 200
    assert client.get("/platform/outbox").status_code == 200
