"""The grid keeps each cohort's progress between requests, but a change shows at once: a new
answer, a progress row written any other way, a trainee enrolled later."""

from __future__ import annotations

from dashboards.dashboard_helpers import set_progress
from factories import create_user, html, login_as, post_form
from sqlmodel import select

from app.accounts.models import Role
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort
from app.db import session_scope
from app.exercises.models import Attempt
from app.progress.models import ModuleProgress


def _statuses(client, cohort_id: int, name: str) -> dict[int, str]:
    page = html(client.get(f"/groepen/{cohort_id}/voortgang"))
    for row in page.select("#voortgang-rooster tbody tr[data-user]"):
        if row.th.get_text(strip=True) == name:
            return {int(td["data-module"]): td["data-status"] for td in row.select("td.cell")}
    raise AssertionError(f"{name} is not in the grid")


def test_a_new_answer_shows_in_the_grid_at_once(client, web_app, world):
    login_as(client, world.trainer)
    assert _statuses(client, world.cohort.id, "Noor")[1] == "not_started"
    login_as(client, world.noor)
    question = web_app.state.catalog_holder.get().module(1).exercises[0]
    answered = post_form(
        client, f"/modules/1/vragen/{question.id}", {"answer": "0"}, headers={"HX-Request": "true"}
    )
    assert answered.status_code == 200
    login_as(client, world.trainer)
    assert _statuses(client, world.cohort.id, "Noor")[1] == "in_progress"


def test_a_progress_row_written_directly_shows_at_once(client, web_app, world):
    login_as(client, world.trainer)
    assert _statuses(client, world.cohort.id, "Daan")[2] == "in_progress"
    set_progress(web_app, world.daan, 2, "completed", video=1.0)
    assert _statuses(client, world.cohort.id, "Daan")[2] == "completed"
    set_progress(web_app, world.daan, 2, "in_progress", video=0.5)
    assert _statuses(client, world.cohort.id, "Daan")[2] == "in_progress"


def test_a_trainee_enrolled_later_shows_with_their_progress(client, web_app, world):
    later = create_user(web_app, "later@voorbeeld.example", org=world.org, role=Role.trainee)
    set_progress(web_app, later, 4, "completed", video=1.0)
    login_as(client, world.trainer)
    _statuses(client, world.cohort.id, "Noor")  # the cohort's progress is now kept
    with session_scope(web_app.state.db, write=True) as session:
        cohort = session.get(Cohort, world.cohort.id)
        assert cohort is not None
        cohort_service.enrol(session, cohort=cohort, user=later, actor_id=None)
    assert _statuses(client, world.cohort.id, later.display_name)[4] == "completed"


def test_an_answer_that_changes_nothing_leaves_the_progress_row_alone(client, web_app, world):
    login_as(client, world.noor)
    question = web_app.state.catalog_holder.get().module(1).exercises[0]
    path = f"/modules/1/vragen/{question.id}"
    post_form(client, path, {"answer": "0"}, headers={"HX-Request": "true"})

    def stored() -> tuple[object, ...]:
        with session_scope(web_app.state.db, write=False) as session:
            row = session.exec(
                select(ModuleProgress).where(
                    ModuleProgress.user_id == world.noor.id, ModuleProgress.module_number == 1
                )
            ).one()
            return row.status, row.updated_at

    before = stored()
    post_form(client, path, {"answer": "0"}, headers={"HX-Request": "true"})
    with session_scope(web_app.state.db, write=False) as session:
        assert len(session.exec(select(Attempt)).all()) == 2
    assert stored() == before
