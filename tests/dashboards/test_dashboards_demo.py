"""Demo data for the dashboards: the demo cohorts get a schedule and spread progress so that the
grid shows real statuses and who is behind; a generated big cohort for benchmarks."""

from __future__ import annotations

from factories import html, login_as
from sqlmodel import func, select

from app.accounts import queries as account_queries
from app.cohorts.models import Cohort, Enrollment, MeetingModule
from app.db import session_scope
from app.demo.people import create_demo
from app.demo.progress import generate_cohort, seed_demo_progress
from app.exercises.models import Attempt
from app.progress.models import ModuleProgress


def _demo(app) -> int:
    with session_scope(app.state.db, write=True) as session:
        create_demo(session, app.state.settings, password="demo-wachtwoord-lang")
    with session_scope(app.state.db, write=True) as session:
        return seed_demo_progress(session, app.state.settings, app.state.catalog_holder.get())


def _count(app, model) -> int:
    with session_scope(app.state.db, write=False) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_the_demo_trainer_sees_real_statuses_and_who_is_behind(client):
    assert _demo(client.app) == 22  # one per cohort has not started
    with session_scope(client.app.state.db, write=False) as session:
        trainer = account_queries.user_by_email(session, "trainer@voorbeeld.example")
        cohort = session.exec(select(Cohort).where(Cohort.name == "Doorbraaklab 2027")).one()
    login_as(client, trainer)
    page = html(client.get(f"/groepen/{cohort.id}/voortgang"))
    statuses = {td["data-status"] for td in page.select("td.cell")}
    assert {"not_started", "in_progress", "completed", "feedback"} <= statuses
    behind = [td for td in page.select("td.behind-col") if td["data-behind"] == "ja"]
    assert 0 < len(behind) < 12
    assert int(page.select_one("#niet-klaar").get_text()) > 0  # not ready for the next session


def test_the_demo_late_joiner_is_on_schedule_and_sees_a_catch_up_plan(client):
    _demo(client.app)
    with session_scope(client.app.state.db, write=False) as session:
        trainer = account_queries.user_by_email(session, "trainer@voorbeeld.example")
        late = account_queries.user_by_email(session, "deelnemer12@voorbeeld.example")
        cohort = session.exec(select(Cohort).where(Cohort.name == "Doorbraaklab 2027")).one()
    login_as(client, trainer)
    page = html(client.get(f"/groepen/{cohort.id}/voortgang"))
    row = page.select_one(f"tr[data-user='{late.id}']")
    assert row.select_one("td.behind-col")["data-behind"] == "nee"
    assert row.select_one("td.cell[data-status='in_progress']") is not None
    login_as(client, late)
    leerpad = html(client.get("/leerpad"))
    assert leerpad.select_one("#achter-op-schema") is None
    plan = leerpad.select_one("#inhaalschema-blok").get_text(" ")
    assert "14 dagen per gemiste bijeenkomst" in plan
    assert "Startbijeenkomst" in plan


def test_seeding_twice_changes_nothing(client):
    _demo(client.app)
    counts = [_count(client.app, m) for m in (ModuleProgress, Attempt, MeetingModule)]
    assert all(counts)
    with session_scope(client.app.state.db, write=True) as session:
        assert (
            seed_demo_progress(
                session, client.app.state.settings, client.app.state.catalog_holder.get()
            )
            == 0
        )
    assert [_count(client.app, m) for m in (ModuleProgress, Attempt, MeetingModule)] == counts


def test_a_generated_cohort_has_its_trainees_schedule_and_spread_progress(client):
    _demo(client.app)
    with session_scope(client.app.state.db, write=True) as session:
        cohort = generate_cohort(
            session,
            client.app.state.settings,
            organisation_slug="voorbeeld",
            size=300,
            catalog=client.app.state.catalog_holder.get(),
        )
        enrolled = session.exec(
            select(func.count()).select_from(Enrollment).where(Enrollment.cohort_id == cohort.id)
        ).one()
    assert enrolled == 300
    with session_scope(client.app.state.db, write=False) as session:
        trainer = account_queries.user_by_email(session, "trainer@voorbeeld.example")
    login_as(client, trainer)  # the organisation's trainers train the generated cohort
    page = html(client.get(f"/groepen/{cohort.id}/voortgang"))
    assert (
        "300 deelnemers getoond, pagina 1 van 3" in page.select_one("#rooster-telling").get_text()
    )
    assert len(page.select("#voortgang-rooster tbody tr[data-user]")) == 100
    summary = " ".join(page.select_one("#samenvatting").get_text().split())
    assert summary.startswith("300 deelnemers")
    statuses = {td["data-status"] for td in page.select("td.cell")}
    assert {"not_started", "in_progress", "completed"} <= statuses
    second = html(client.get(f"/groepen/{cohort.id}/voortgang?pagina=3"))
    assert len(second.select("#voortgang-rooster tbody tr[data-user]")) == 100
