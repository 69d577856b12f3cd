"""Onboarding paths: a cohort template with required modules and a deadline after the start."""

from __future__ import annotations

from datetime import date, timedelta

from factories import create_user, csrf_for, html, login_as, post_form
from sqlmodel import select

from app.accounts.models import Role
from app.cohorts.models import Cohort, CohortMeeting, Enrollment, MeetingModule
from app.db import session_scope
from app.organisations.models import OnboardingPath, OnboardingStart


def _post_path(client, url: str, name: str, modules, days: str):
    """A form with several `modules` checkboxes (post_form takes one value per field)."""
    data = {"name": name, "deadline_days": days, "modules": list(modules)}
    return client.post(url, data=data | {"csrf_token": csrf_for(client)}, follow_redirects=False)


def _create_path(client, name: str = "Nieuw wijkteam", modules=("1", "2", "23"), days="60"):
    return _post_path(client, "/beheer/voorbeeld/inwerken", name, modules, days)


def test_org_admin_creates_a_path_and_starts_a_member_with_the_right_deadline(
    client, web_app, world
):
    login_as(client, world.admin)
    response = _create_path(client)
    assert response.status_code == 303
    with session_scope(web_app.state.db, write=False) as session:
        path = session.exec(select(OnboardingPath)).one()
    assert path.module_numbers == [1, 2, 23]
    assert path.deadline_days == 60

    response = post_form(
        client,
        f"/beheer/voorbeeld/inwerken/{path.id}/starten",
        {"user_id": str(world.noor.id), "starts_on": "2027-03-01"},
    )
    assert response.status_code == 303
    with session_scope(web_app.state.db, write=False) as session:
        start = session.exec(select(OnboardingStart)).one()
        cohort = session.get(Cohort, start.cohort_id)
        enrolled = session.exec(
            select(Enrollment).where(Enrollment.cohort_id == start.cohort_id)
        ).all()
        meeting = session.exec(
            select(CohortMeeting).where(CohortMeeting.cohort_id == start.cohort_id)
        ).one()
        due = session.exec(
            select(MeetingModule.module_number).where(MeetingModule.meeting_id == meeting.id)
        ).all()
    assert start.deadline_on == date(2027, 4, 30)
    assert (cohort.starts_on, cohort.ends_on) == (date(2027, 3, 1), date(2027, 4, 30))
    assert cohort.name == "Inwerken Nieuw wijkteam: Noor"
    assert [e.user_id for e in enrolled] == [world.noor.id]
    assert start.module_numbers == [1, 2, 23]
    assert sorted(due) == [1, 2, 23]
    page = client.get("/beheer/voorbeeld/inwerken")
    rows = html(page).select("#inwerk-starts tbody tr")
    assert len(rows) == 1
    assert "30 april 2027" in rows[0].get_text()


def test_starting_the_same_member_twice_changes_nothing(client, web_app, world):
    login_as(client, world.admin)
    _create_path(client)
    with session_scope(web_app.state.db, write=False) as session:
        path = session.exec(select(OnboardingPath)).one()
    for _ in range(2):
        post_form(
            client,
            f"/beheer/voorbeeld/inwerken/{path.id}/starten",
            {"user_id": str(world.noor.id), "starts_on": "2027-03-01"},
        )
    with session_scope(web_app.state.db, write=False) as session:
        assert len(session.exec(select(OnboardingStart)).all()) == 1


def test_changing_a_path_keeps_what_started_members_had_to_do(client, web_app, world):
    login_as(client, world.admin)
    _create_path(client)
    with session_scope(web_app.state.db, write=False) as session:
        path = session.exec(select(OnboardingPath)).one()
    post_form(
        client,
        f"/beheer/voorbeeld/inwerken/{path.id}/starten",
        {"user_id": str(world.noor.id), "starts_on": "2027-03-01"},
    )
    response = _post_path(
        client, f"/beheer/voorbeeld/inwerken/{path.id}", "Nieuw wijkteam", ["4"], "30"
    )
    assert response.status_code == 303
    with session_scope(web_app.state.db, write=False) as session:
        path = session.get(OnboardingPath, path.id)
        start = session.exec(select(OnboardingStart)).one()
    assert (path.module_numbers, path.deadline_days) == ([4], 30)
    assert (start.module_numbers, start.deadline_on) == ([1, 2, 23], date(2027, 4, 30))


def test_a_path_without_modules_is_refused_and_the_form_keeps_its_values(client, web_app, world):
    login_as(client, world.admin)
    response = _create_path(client, name="Snel starten", modules=(), days="45")
    assert response.status_code == 400
    page = html(response)
    assert "Kies minstens één module" in page.select_one("#formulier-fout").get_text()
    assert page.select_one("#new-name")["value"] == "Snel starten"
    assert page.select_one("#new-days")["value"] == "45"
    response = _create_path(client, name="Snel starten", modules=("3",), days="veel")
    assert response.status_code == 400
    assert html(response).select_one("#new-m3").has_attr("checked")
    with session_scope(web_app.state.db, write=False) as session:
        assert session.exec(select(OnboardingPath)).all() == []


def test_another_organisation_cannot_see_or_use_the_paths(client, web_app, world):
    login_as(client, world.admin)
    _create_path(client)
    with session_scope(web_app.state.db, write=False) as session:
        path = session.exec(select(OnboardingPath)).one()
    login_as(client, world.other_admin)
    assert client.get("/beheer/voorbeeld/inwerken").status_code == 404
    response = post_form(
        client,
        f"/beheer/voorbeeld/inwerken/{path.id}/starten",
        {"user_id": str(world.noor.id), "starts_on": "2027-03-01"},
    )
    assert response.status_code == 404
    response = post_form(
        client,
        f"/beheer/anderstad/inwerken/{path.id}/starten",
        {"user_id": str(world.other_trainee.id), "starts_on": "2027-03-01"},
    )
    assert response.status_code == 404


def test_someone_started_on_a_path_after_its_deadline_gets_catch_up_time_not_a_warning(
    client, web_app, world
):
    """Imported today with a start date weeks ago: the path's deadline (start + 14 days) has
    passed before they were enrolled, so they get the catch-up period from today."""
    late = create_user(web_app, "eva@voorbeeld.example", org=world.org, role=Role.trainee)
    login_as(client, world.admin)
    _create_path(client, modules=("1", "2"), days="14")
    with session_scope(web_app.state.db, write=False) as session:
        path = session.exec(select(OnboardingPath)).one()
    started = date.today() - timedelta(days=30)
    response = post_form(
        client,
        f"/beheer/voorbeeld/inwerken/{path.id}/starten",
        {"user_id": str(late.id), "starts_on": started.isoformat()},
    )
    assert response.status_code == 303
    login_as(client, late)
    page = html(client.get("/leerpad"))
    assert page.select_one("#achter-op-schema") is None
    plan = page.select_one("#inhaalschema-blok").get_text(" ")
    assert "Deadline inwerkpad" in plan
