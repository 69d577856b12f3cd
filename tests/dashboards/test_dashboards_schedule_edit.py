"""Editing the schedule: the modules due before each session, on the cohort's schema page."""

from __future__ import annotations

from factories import html, login_as, post_form
from sqlmodel import select

from app.cohorts.models import MeetingModule
from app.db import session_scope


def _stored(app, meeting_id: int) -> set[int]:
    with session_scope(app.state.db, write=False) as session:
        rows = session.exec(
            select(MeetingModule.module_number).where(MeetingModule.meeting_id == meeting_id)
        ).all()
    return set(rows)


def test_the_schedule_page_has_one_form_per_session_with_the_25_modules(client, world):
    login_as(client, world.trainer)
    response = client.get(f"/groepen/{world.cohort.id}/schema")
    assert response.status_code == 200
    page = html(response)
    forms = page.select("form[action*='/schema/']")
    assert len(forms) == 3
    first = forms[0]
    assert first.select_one("legend") is not None
    boxes = first.select("input[type=checkbox][name=module]")
    assert len(boxes) == 25
    assert all(first.select_one(f"label[for={box['id']}]") for box in boxes)
    assert {box["value"] for box in boxes if box.has_attr("checked")} == {"1", "2"}
    assert first.select_one("input[name=csrf_token]") is not None
    deadlines = page.select_one("#deadlines").find_next("table").get_text()
    assert "Startbijeenkomst" in deadlines


def test_saving_a_sessions_modules_replaces_them(client, world):
    meeting = world.meetings[1]
    login_as(client, world.trainer)
    response = client.post(
        f"/groepen/{world.cohort.id}/schema/{meeting.id}",
        data={"module": ["6", "7", "3"], "csrf_token": _token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/groepen/{world.cohort.id}/schema")
    assert _stored(client.app, meeting.id) == {3, 6, 7}
    page = html(client.get(response.headers["location"]))
    assert page.select_one(f"#bijeenkomst-{meeting.id} [role=status]") is not None


def test_saving_nothing_clears_the_session(client, world):
    meeting = world.meetings[0]
    login_as(client, world.admin)
    assert post_form(client, f"/groepen/{world.cohort.id}/schema/{meeting.id}").status_code == 303
    assert _stored(client.app, meeting.id) == set()


def test_an_unknown_module_is_refused_with_a_dutch_message_and_the_choices_kept(client, world):
    meeting = world.meetings[1]
    login_as(client, world.trainer)
    response = client.post(
        f"/groepen/{world.cohort.id}/schema/{meeting.id}",
        data={"module": ["6", "99"], "csrf_token": _token(client)},
    )
    assert response.status_code == 400
    page = html(response)
    assert "Kies alleen modules uit de lijst" in page.select_one("[role=alert]").get_text()
    form = page.select_one(f"form[action$='/schema/{meeting.id}']")
    assert form.select_one("input[value='6']").has_attr("checked")
    assert _stored(client.app, meeting.id) == {3, 4}


def test_a_session_of_another_cohort_or_outsiders_get_404(client, world):
    login_as(client, world.other_trainer)
    meeting = world.meetings[0]
    assert client.get(f"/groepen/{world.cohort.id}/schema").status_code == 404
    url = f"/groepen/{world.other_cohort.id}/schema/{meeting.id}"
    assert post_form(client, url, {"module": "3"}).status_code == 404
    assert post_form(client, f"/groepen/{world.cohort.id}/schema/{meeting.id}").status_code == 404
    assert _stored(client.app, meeting.id) == {1, 2}


def _token(client) -> str:
    from factories import csrf_for

    return csrf_for(client)
