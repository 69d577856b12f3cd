"""Mijn leerpad: statuses per module, the next step, deadlines from the current cohort and the
overall progress."""

from __future__ import annotations

from datetime import date

from dashboards.dashboard_helpers import D, add_meeting, now, set_progress
from factories import create_cohort, create_user, html, login_as

from app.accounts.models import Role
from app.cohorts.models import Cohort
from app.db import session_scope


def _status(page, number: int) -> str:
    return page.select_one(f"#module-{number} [data-status]")["data-status"]


def test_every_module_is_listed_by_block_with_its_status(client, world):
    set_progress(client.app, world.sanne, 4, "in_progress", missing=["video bekijken"])
    set_progress(client.app, world.sanne, 5, "completed", feedback=True)
    login_as(client, world.sanne)
    response = client.get("/leerpad")
    assert response.status_code == 200
    page = html(response)
    assert len(page.select("tr[id^=module-]")) == 25
    assert [h.get_text() for h in page.select("h2[id^=blok-]")][0].startswith("Blok A")
    assert [_status(page, n) for n in (1, 3, 4, 5, 6)] == [
        "completed",
        "completed",
        "in_progress",
        "completed",
        "not_started",
    ]
    assert "afgerond" in page.select_one("#module-1").get_text()
    assert "niet begonnen" in page.select_one("#module-6").get_text()
    assert (
        page.select_one("#module-5 [data-feedback]")
        .get_text(strip=True)
        .endswith("feedback ontvangen")
    )
    assert page.select_one("#module-4 [data-feedback]") is None


def test_overall_progress_is_shown_as_text_and_a_bar(client, world):
    login_as(client, world.sanne)
    page = html(client.get("/leerpad"))
    assert page.select_one("#voortgang-tekst").get_text() == "3 van 25 modules afgerond (12%)"
    bar = page.select_one("progress#voortgang-balk")
    assert (bar["value"], bar["max"]) == ("3", "25")


def test_the_next_step_is_the_first_module_not_completed_with_what_is_missing(client, world):
    login_as(client, world.daan)
    page = html(client.get("/leerpad"))
    step = page.select_one("#volgende-stap-blok")
    assert step.select_one("a.button")["href"] == "/modules/2"
    assert [li.get_text() for li in step.select("#nog-te-doen li")] == ["vraag 2"]


def test_deadlines_come_from_the_cohort_schedule_and_late_modules_are_flagged(client, world):
    login_as(client, world.daan)
    page = html(client.get("/leerpad"))
    assert "Startbijeenkomst" in page.select_one("#module-2").get_text()
    assert page.select_one("#module-2 [data-overdue]") is not None  # due a week ago
    assert page.select_one("#module-1 [data-overdue]") is None  # completed
    assert page.select_one("#module-3 [data-overdue]") is None  # due in two days
    assert "geen" in page.select_one("#module-9").get_text()  # no session requires it
    alert = page.select_one("#achter-op-schema")
    assert alert["role"] == "status"
    assert "module 2" in alert.get_text()


def test_a_trainee_on_schedule_sees_no_warning_and_the_next_deadline(client, world):
    login_as(client, world.sanne)
    page = html(client.get("/leerpad"))
    assert page.select_one("#achter-op-schema") is None
    assert "module 4" in page.get_text()  # next deadline: module 4 before the intervisie


def test_the_current_cohort_is_the_one_whose_dates_contain_today(client, world):
    """An older cohort without a schedule of its own must not hide the current deadlines; a
    cohort in the past does not count when another one runs today."""
    app = client.app
    with session_scope(app.state.db, write=True) as session:
        current = session.get(Cohort, world.cohort.id)
        assert current is not None
        today = date.today()
        current.starts_on, current.ends_on = today - 30 * D, today + 30 * D
    old = create_cohort(app, world.org, "Doorbraaklab 2019", trainees=(world.daan,))
    with session_scope(app.state.db, write=True) as session:
        fresh = session.get(Cohort, old.id)
        assert fresh is not None
        fresh.starts_on, fresh.ends_on = date(2029, 1, 1), date(2029, 6, 1)  # latest, not today
    add_meeting(app, old, "Oude start", now() - 100 * D, [9])
    login_as(client, world.daan)
    page = html(client.get("/leerpad"))
    assert "Doorbraaklab 2027" in page.select_one(".leerpad-summary").get_text()
    assert page.select_one("#module-9 [data-overdue]") is None


def test_without_a_current_cohort_the_latest_one_counts(client, world):
    login_as(client, world.noor)
    page = html(client.get("/leerpad"))
    assert "Doorbraaklab 2027" in page.select_one(".leerpad-summary").get_text()


def test_a_trainee_without_a_cohort_has_no_deadlines(client, world):
    loner = create_user(client.app, "ilse@voorbeeld.example", org=world.org, role=Role.trainee)
    login_as(client, loner)
    page = html(client.get("/leerpad"))
    assert "nog niet in een groep" in page.get_text()
    assert page.select_one("#achter-op-schema") is None
    assert page.select_one("#volgende-stap-blok a.button")["href"] == "/modules/1"


def test_all_modules_completed_means_no_next_step(client, world):
    for number in range(1, 26):
        set_progress(client.app, world.sanne, number, "completed")
    login_as(client, world.sanne)
    page = html(client.get("/leerpad"))
    assert "alle modules afgerond" in page.select_one("#volgende-stap-blok").get_text()
    assert page.select_one("#voortgang-tekst").get_text().startswith("25 van 25")


def test_the_learning_path_is_for_trainees_only(client, world):
    login_as(client, world.trainer)
    assert client.get("/leerpad").status_code == 404
    client.cookies.clear()
    assert client.get("/leerpad", follow_redirects=False).status_code in (303, 401)


def test_the_menu_links_to_the_learning_path_for_trainees(client, world):
    login_as(client, world.sanne)
    page = html(client.get("/leerpad"))
    link = page.select_one('nav[aria-label=Hoofdmenu] a[href="/leerpad"]')
    assert link is not None
    assert link.get("aria-current") == "page"


def test_a_trainee_of_another_cohort_gets_none_of_these_deadlines(client, world):
    login_as(client, world.other_trainee)
    page = html(client.get("/leerpad"))
    assert "Inwerkgroep" in page.select_one(".leerpad-summary").get_text()
    assert page.select_one("#achter-op-schema") is None
    assert "geen" in page.select_one("#module-1").get_text()
