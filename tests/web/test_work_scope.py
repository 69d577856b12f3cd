"""Work belongs to a context: what a trainee makes records the organisation and the cohort it
was made in, and staff read it through that context, never through who the trainee is today.
Only org admins change who is in a cohort."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from factories import create_cohort, create_org, create_user, html, login_as, post_form
from sqlmodel import func, select

from app.accounts import service as account_service
from app.accounts.models import Organisation, Role, User
from app.calculations.models import Calculation
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort, Enrollment
from app.db import session_scope
from app.exercises.models import Attempt, BreakthroughPlan

PLAN = {
    "situation": "Linda en Ruud wonen met twee kinderen; er zijn twaalf schuldeisers.",
    "bottleneck": "De ggz en de schuldhulp wachten op elkaar.",
    "breakthrough": "Alles start tegelijk met een regisseur en beschermingsbewind.",
    "legal_basis": "Wgs art. 3 en Pw art. 35; Awb 4:84 voor de beleidsregel.",
    "kassabon": "Doorbreken bespaart de gemeente het meest; de zorgverzekeraar investeert.",
    "engagement": "Ruud wil stoppen met gokken.",
    "agreements": "We kijken na drie maanden samen hoe het gaat.",
}
TRIANGLE = {
    "argument_legitimacy": "De Wmo 2015 geeft ruimte voor maatwerk.",
    "argument_engagement": "Mirjam wil zelf thuis blijven wonen.",
    "argument_return": "Doorbreken is voor alle betalers samen goedkoper.",
    "judgment_legitimacy": "ja",
    "judgment_engagement": "ja",
    "judgment_return": "ja",
}


@dataclass
class World:
    orgs: dict[str, Organisation]
    cohorts: dict[str, Cohort]
    users: dict[str, User]


@pytest.fixture
def world(web_app) -> World:
    """Municipality A with cohorts A1 and A2 (one trainer each), municipality B with cohort B1.
    Sam is a trainee of A in cohort A2; Yara a trainee of B in cohort B1."""
    a, b = create_org(web_app, "gemeente-a"), create_org(web_app, "gemeente-b")
    users = {
        "admin_a": create_user(web_app, "beheer@a.example", org=a, role=Role.org_admin),
        "trainer_a1": create_user(web_app, "trainer1@a.example", org=a, role=Role.trainer),
        "trainer_a2": create_user(web_app, "trainer2@a.example", org=a, role=Role.trainer),
        "sam": create_user(web_app, "sam@a.example", org=a, role=Role.trainee),
        "trainer_b": create_user(web_app, "trainer@b.example", org=b, role=Role.trainer),
        "yara": create_user(web_app, "yara@b.example", org=b, role=Role.trainee),
    }
    cohorts = {
        "a1": create_cohort(web_app, a, "Groep A1", trainers=(users["trainer_a1"],)),
        "a2": create_cohort(
            web_app, a, "Groep A2", trainers=(users["trainer_a2"],), trainees=(users["sam"],)
        ),
        "b1": create_cohort(
            web_app, b, "Groep B1", trainers=(users["trainer_b"],), trainees=(users["yara"],)
        ),
    }
    return World({"a": a, "b": b}, cohorts, users)


@dataclass(frozen=True)
class Work:
    calculation_id: int
    plan_id: int
    triangle_id: int


def make_work(client, web_app, user: User, title: str) -> Work:
    """The trainee makes a calculation, a doorbraakplan on it and a waardendriehoek."""
    login_as(client, user)
    response = post_form(client, "/rekentool/nieuw", {"case_id": "c9", "title": title})
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/rekentool/(\d+)", response.headers["location"])
    assert match
    calculation_id = int(match.group(1))
    plan = post_form(
        client, "/oefeningen/c9/doorbraakplan", {**PLAN, "calculation_id": str(calculation_id)}
    )
    assert plan.status_code == 303, plan.text
    assert post_form(client, "/oefeningen/c7/waardendriehoek", TRIANGLE).status_code == 303
    with session_scope(web_app.state.db, write=False) as session:
        plan_id = session.exec(
            select(func.max(BreakthroughPlan.id)).where(BreakthroughPlan.user_id == user.id)
        ).one()
        triangle_id = session.exec(
            select(func.max(Attempt.id)).where(
                Attempt.user_id == user.id, Attempt.kind == "value_triangle"
            )
        ).one()
    return Work(calculation_id, plan_id, triangle_id)


def work_pages(work: Work) -> list[str]:
    return [
        f"/rekentool/{work.calculation_id}",
        f"/beoordelen/plannen/{work.plan_id}",
        f"/beoordelen/plannen/{work.plan_id}/afdruk",
        f"/beoordelen/plannen/{work.plan_id}/afdruk.pdf",
        f"/beoordelen/waardendriehoek/{work.triangle_id}",
    ]


def join(web_app, user: User, org: Organisation, cohort: Cohort) -> None:
    """What accepting an invitation of `org` into `cohort` does: a trainee membership there
    and the enrollment."""
    with session_scope(web_app.state.db, write=True) as session:
        fresh = session.get(User, user.id)
        assert fresh is not None
        assert org.id is not None
        account_service.add_membership(
            session, user=fresh, organisation_id=org.id, role=Role.trainee, actor_id=None
        )
        cohort_service.enrol(session, cohort=cohort, user=fresh, actor_id=None)


def enrollment_count(web_app) -> int:
    with session_scope(web_app.state.db, write=False) as session:
        return session.exec(select(func.count()).select_from(Enrollment)).one()


def trainee_detail_text(client, cohort: Cohort, user: User) -> str:
    response = client.get(f"/groepen/{cohort.id}/deelnemers/{user.id}")
    assert response.status_code == 200
    return html(response).get_text()


# --- enrolling is for org admins -----------------------------------------------------------


def test_a_trainer_cannot_enrol_or_unenrol_trainees_and_sees_no_control_for_it(
    client, web_app, world
):
    trainer, sam = world.users["trainer_a1"], world.users["sam"]
    a1, a2 = world.cohorts["a1"], world.cohorts["a2"]
    login_as(client, trainer)
    before = enrollment_count(web_app)
    enrol = post_form(client, f"/groepen/{a1.id}/deelnemers", {"user_id": str(sam.id)})
    assert enrol.status_code == 403
    login_as(client, world.users["trainer_a2"])
    unenrol = post_form(client, f"/groepen/{a2.id}/deelnemers/{sam.id}/uitschrijven")
    assert unenrol.status_code == 403
    assert enrollment_count(web_app) == before
    page = html(client.get(f"/groepen/{a2.id}"))
    assert page.find("form", action=f"/groepen/{a2.id}/deelnemers") is None
    assert page.find("form", action=re.compile(r"/uitschrijven$")) is None


def test_an_org_admin_enrols_and_unenrols_trainees(client, web_app, world):
    sam, a1 = world.users["sam"], world.cohorts["a1"]
    login_as(client, world.users["admin_a"])
    assert html(client.get(f"/groepen/{a1.id}")).find("select", id="enrol-user") is not None
    before = enrollment_count(web_app)
    assert (
        post_form(client, f"/groepen/{a1.id}/deelnemers", {"user_id": str(sam.id)}).status_code
        == 303
    )
    assert enrollment_count(web_app) == before + 1
    path = f"/groepen/{a1.id}/deelnemers/{sam.id}/uitschrijven"
    assert post_form(client, path).status_code == 303
    assert enrollment_count(web_app) == before


# --- a trainer reads work made in the cohorts they train -----------------------------------


def test_work_records_the_organisation_and_cohort_it_was_made_in(client, web_app, world):
    work = make_work(client, web_app, world.users["sam"], "Kassabon van Sam")
    expected = (world.orgs["a"].id, world.cohorts["a2"].id)
    with session_scope(web_app.state.db, write=False) as session:
        calculation = session.get(Calculation, work.calculation_id)
        plan = session.get(BreakthroughPlan, work.plan_id)
        triangle = session.get(Attempt, work.triangle_id)
        assert calculation is not None
        assert plan is not None
        assert triangle is not None
        assert (calculation.organisation_id, calculation.cohort_id) == expected
        assert (plan.organisation_id, plan.cohort_id) == expected
        assert (triangle.organisation_id, triangle.cohort_id) == expected


def test_enrolling_a_trainee_does_not_open_work_made_in_another_cohort(
    client, make_client, web_app, world
):
    sam, a1 = world.users["sam"], world.cohorts["a1"]
    work = make_work(client, web_app, sam, "Kassabon van Sam")
    admin = make_client()
    login_as(admin, world.users["admin_a"])
    assert (
        post_form(admin, f"/groepen/{a1.id}/deelnemers", {"user_id": str(sam.id)}).status_code
        == 303
    )

    trainer = make_client()
    login_as(trainer, world.users["trainer_a1"])
    for path in work_pages(work):
        assert trainer.get(path).status_code == 404, path
    assert "Kassabon van Sam" not in trainee_detail_text(trainer, a1, sam)
    queue = html(trainer.get(f"/beoordelen/groepen/{a1.id}"))
    assert queue.find("a", href=f"/beoordelen/plannen/{work.plan_id}") is None
    assert queue.find("a", href=f"/beoordelen/waardendriehoek/{work.triangle_id}") is None
    assert "Kassabon van Sam" not in trainer.get("/rekentool").text

    own_trainer = make_client()
    login_as(own_trainer, world.users["trainer_a2"])
    for path in work_pages(work):
        assert own_trainer.get(path).status_code == 200, path
    assert "Kassabon van Sam" in trainee_detail_text(own_trainer, world.cohorts["a2"], sam)


# --- nobody reads work made for another organisation ---------------------------------------


def test_staff_of_a_new_municipality_cannot_read_what_was_made_for_the_previous_one(
    client, make_client, web_app, world
):
    yara, a1 = world.users["yara"], world.cohorts["a1"]
    work = make_work(client, web_app, yara, "Kassabon voor B")
    join(web_app, yara, world.orgs["a"], a1)

    for name in ("admin_a", "trainer_a1"):
        staff = make_client()
        login_as(staff, world.users[name])
        for path in work_pages(work):
            assert staff.get(path).status_code == 404, (name, path)
        assert "Kassabon voor B" not in staff.get("/rekentool").text
        assert "Kassabon voor B" not in trainee_detail_text(staff, a1, yara)

    previous = make_client()
    login_as(previous, world.users["trainer_b"])
    for path in work_pages(work):
        assert previous.get(path).status_code == 200, path


# --- the author keeps their own work ---------------------------------------------------------


def plan_status(client) -> str:
    return html(client.get("/oefeningen/c9/doorbraakplan")).find(id="plan-status").get_text()


def test_the_author_reads_their_own_work_in_the_organisation_it_was_made_for(
    client, web_app, world
):
    yara = world.users["yara"]
    work = make_work(client, web_app, yara, "Kassabon voor B")
    join(web_app, yara, world.orgs["a"], world.cohorts["a1"])
    login_as(client, yara)  # a new login acts in the organisation joined last

    assert client.get(f"/rekentool/{work.calculation_id}").status_code == 404
    assert "Kassabon voor B" not in client.get("/rekentool").text
    assert "wacht op beoordeling" not in plan_status(client)
    choice = html(client.get("/rekentool")).find("select", id="organisatie-keuze")
    assert [o.get_text() for o in choice.find_all("option")] == [
        "Gemeente Gemeente-A",
        "Gemeente Gemeente-B",
    ]

    switched = post_form(
        client,
        "/organisatie-kiezen",
        {"organisation_id": str(world.orgs["b"].id), "volgende": "/rekentool"},
    )
    assert switched.status_code == 303
    assert switched.headers["location"] == "/rekentool"
    assert client.get(f"/rekentool/{work.calculation_id}").status_code == 200
    assert "Kassabon voor B" in client.get("/rekentool").text
    assert "wacht op beoordeling" in plan_status(client)


def situation_field(client) -> str:
    page = html(client.get("/oefeningen/c9/doorbraakplan"))
    return page.find("textarea", attrs={"name": "situation"}).get_text()


def test_a_draft_typed_for_one_municipality_stays_there(client, web_app, world):
    yara = world.users["yara"]
    login_as(client, yara)
    typed = {"situation": "Concept voor gemeente B.", "bottleneck": "Wachten op elkaar."}
    saved = post_form(client, "/concepten/c9-plan", typed, headers={"HX-Request": "true"})
    assert saved.status_code == 200
    join(web_app, yara, world.orgs["a"], world.cohorts["a1"])
    login_as(client, yara)
    assert "Concept voor gemeente B." not in situation_field(client)
    post_form(client, "/organisatie-kiezen", {"organisation_id": str(world.orgs["b"].id)})
    assert "Concept voor gemeente B." in situation_field(client)


def test_new_work_after_joining_belongs_to_the_new_municipality(client, web_app, world):
    yara = world.users["yara"]
    make_work(client, web_app, yara, "Kassabon voor B")
    join(web_app, yara, world.orgs["a"], world.cohorts["a1"])
    work = make_work(client, web_app, yara, "Kassabon voor A")
    with session_scope(web_app.state.db, write=False) as session:
        plan = session.get(BreakthroughPlan, work.plan_id)
        assert plan is not None
        assert (plan.organisation_id, plan.cohort_id) == (
            world.orgs["a"].id,
            world.cohorts["a1"].id,
        )
    trainer = client
    login_as(trainer, world.users["trainer_a1"])
    assert trainer.get(f"/beoordelen/plannen/{work.plan_id}").status_code == 200


def test_one_cannot_act_in_an_organisation_one_does_not_belong_to(client, world):
    login_as(client, world.users["sam"])
    response = post_form(
        client, "/organisatie-kiezen", {"organisation_id": str(world.orgs["b"].id)}
    )
    assert response.status_code == 404
    huge = post_form(client, "/organisatie-kiezen", {"organisation_id": str(2**64)})
    assert huge.status_code == 404


# --- the matrix: who reads the work Sam made in cohort A2 of municipality A ----------------

# role -> (calculation, plan and its print pages, waardendriehoek): trainers read the free text
# of work made in the cohorts they train; org admins read calculations of their organisation
# but no free text; staff of another organisation read nothing.
READS = {
    "trainer_a2": (True, True, True),
    "trainer_a1": (False, False, False),
    "admin_a": (True, False, False),
    "trainer_b": (False, False, False),
    "yara": (False, False, False),
}


@pytest.mark.parametrize("role", sorted(READS))
def test_who_reads_work_made_in_a_cohort(client, make_client, web_app, world, role):
    work = make_work(client, web_app, world.users["sam"], "Kassabon van Sam")
    reader = make_client()
    login_as(reader, world.users[role])
    calculation, plan, triangle = READS[role]
    pages = work_pages(work)
    expected = [calculation, plan, plan, plan, triangle]
    assert [reader.get(path).status_code for path in pages] == [
        200 if allowed else 404 for allowed in expected
    ]
