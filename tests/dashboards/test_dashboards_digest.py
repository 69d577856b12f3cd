"""The digest before each session: to the cohort's trainers, N days before, once per session;
who has not started, who is behind, which questions were hardest. CLI and the grid's button."""

from __future__ import annotations

import argparse

from dashboards.dashboard_helpers import D, add_attempt, add_meeting, now
from factories import create_cohort, create_user, login_as, post_form
from sqlmodel import col, func, select

from app.accounts.models import Role, User
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort
from app.dashboards import cli as digest_cli
from app.dashboards.digest import due_digests
from app.dashboards.models import DigestSent
from app.db import session_scope
from app.mail.models import OutboxMessage


def _run(settings, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="doorbraakschool")
    digest_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["digest", *argv])
    return args.func(args, settings)


def _outbox(app) -> list[OutboxMessage]:
    with session_scope(app.state.db, write=False) as session:
        return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())


def test_the_digest_lands_in_the_outbox_once_per_session(client, settings, world, capsys):
    assert _run(settings) == 0  # the intervisie starts in two days
    mails = _outbox(client.app)
    assert [m.to_address for m in mails] == ["trainer@voorbeeld.example"]
    assert "Intervisie recht" in mails[0].subject
    assert "verstuurd aan 1 trainer" in capsys.readouterr().out
    assert _run(settings) == 0
    assert len(_outbox(client.app)) == 1
    assert "Geen overzichten" in capsys.readouterr().out
    with session_scope(client.app.state.db, write=False) as session:
        sent = session.exec(select(DigestSent)).all()
    assert [row.meeting_id for row in sent] == [world.meetings[1].id]


def test_the_digest_names_who_has_not_started_and_who_is_behind(client, settings, world):
    _run(settings)
    body = _outbox(client.app)[0].body
    not_started = body.split("Nog niet begonnen:")[1].split("\n\n")[0]
    behind = body.split("Achter op schema")[1].split("\n\n")[0]
    assert "Noor (Wijkteam Zuid)" in not_started
    assert "Daan" not in not_started
    assert "Daan (Wijkteam Noord): module 2" in behind
    assert "Noor (Wijkteam Zuid): module 1, 2" in behind
    assert "Sanne" not in behind
    assert "module 3 (" in body  # due before this session
    assert f"http://testserver/groepen/{world.cohort.id}/voortgang" in body


def test_the_hardest_questions_come_from_first_attempts(client, settings, world):
    app = client.app
    for user in (world.sanne, world.daan, world.noor):
        add_attempt(app, user, "m01-q2", passed=False)  # everyone wrong first ...
        add_attempt(app, user, "m01-q2", passed=True)  # ... then right: first attempt counts
        add_attempt(app, user, "m01-q1", passed=True)
    add_attempt(app, world.other_trainee, "m01-q2", passed=True)  # another cohort: not counted
    _run(settings)
    hardest = _outbox(app)[0].body.split("Moeilijkste vragen")[1]
    lines = [line for line in hardest.splitlines() if line.startswith("- ")]
    assert lines[0].startswith("- 0% van 3: module 1,")
    assert lines[1].startswith("- 100% van 3: module 1,")


def test_too_few_answers_are_not_ranked(client, settings, world):
    add_attempt(client.app, world.daan, "m01-q2", passed=False)
    _run(settings)
    assert "nog te weinig antwoorden" in _outbox(client.app)[0].body


def test_sessions_further_away_than_the_window_wait(client, settings, world):
    assert _run(settings, "--days", "1") == 0
    assert _outbox(client.app) == []
    assert _run(settings, "--days", "40") == 0  # now both future sessions are due
    assert len(_outbox(client.app)) == 2


def test_past_sessions_never_get_a_digest(client, settings, world):
    with session_scope(client.app.state.db, write=False) as session:
        due = due_digests(session, now(), 3)
    assert [meeting.title for meeting, _ in due] == ["Intervisie recht"]


def test_a_dry_run_sends_nothing(client, settings, world, capsys):
    assert _run(settings, "--dry-run") == 0
    assert "Zou versturen: Doorbraaklab 2027: Intervisie recht" in capsys.readouterr().out
    assert _outbox(client.app) == []


def test_a_cohort_without_trainers_is_retried_later(client, settings, world, capsys):
    app = client.app
    cohort = create_cohort(app, world.other_org, "Zonder trainer", trainees=(world.other_trainee,))
    add_meeting(app, cohort, "Start", now() + 1 * D)
    _run(settings, "--days", "1")
    assert "nog geen trainers" in capsys.readouterr().out
    assert _outbox(app) == []
    _assign(app, cohort, world.other_trainer)
    _run(settings, "--days", "1")
    assert [m.to_address for m in _outbox(app)] == ["trainer@anderstad.example"]


def _assign(app, cohort, trainer) -> None:
    with session_scope(app.state.db, write=True) as session:
        fresh = session.get(Cohort, cohort.id)
        user = session.get(User, trainer.id)
        cohort_service.assign_trainer(session, cohort=fresh, user=user, actor_id=None)


def test_a_trainer_can_send_the_digest_now_from_the_grid(client, world):
    second = create_user(client.app, "trainer2@voorbeeld.example", org=world.org, role=Role.trainer)
    _assign(client.app, world.cohort, second)
    login_as(client, world.trainer)
    response = post_form(client, f"/groepen/{world.cohort.id}/overzicht-versturen")
    assert response.status_code == 303
    assert response.headers["location"].endswith("overzicht=verstuurd")
    mails = _outbox(client.app)
    assert sorted(m.to_address for m in mails) == [
        "trainer2@voorbeeld.example",
        "trainer@voorbeeld.example",
    ]
    page = client.get(response.headers["location"]).text
    assert "overzicht-verstuurd" in page
    with session_scope(client.app.state.db, write=False) as session:  # the automatic one still goes
        assert session.exec(select(func.count()).select_from(DigestSent)).one() == 0


def test_an_org_admin_who_sends_it_gets_a_copy(client, world):
    login_as(client, world.admin)
    assert post_form(client, f"/groepen/{world.cohort.id}/overzicht-versturen").status_code == 303
    assert sorted(m.to_address for m in _outbox(client.app)) == [
        "beheerder@voorbeeld.example",
        "trainer@voorbeeld.example",
    ]


def test_outsiders_cannot_send_the_digest(client, world):
    login_as(client, world.other_trainer)
    assert post_form(client, f"/groepen/{world.cohort.id}/overzicht-versturen").status_code == 404
    assert _outbox(client.app) == []
