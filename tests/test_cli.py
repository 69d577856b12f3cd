"""The doorbraakschool command: demo data, backup, create-admin."""

from __future__ import annotations

import sqlite3

import pytest
from factories import post_form
from sqlmodel import func, select

from app import cli
from app.accounts.models import Membership, User
from app.cohorts.models import CohortMeeting, Enrollment
from app.db import session_scope


@pytest.fixture
def run_cli(settings, monkeypatch):
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    return cli.main


def _count(web_app, model) -> int:
    with session_scope(web_app.state.db, write=False) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_demo_creates_two_municipalities_and_running_it_twice_changes_nothing(
    run_cli, web_app, capsys
):
    assert run_cli(["demo", "--password", "demo-wachtwoord"]) == 0
    counts = [_count(web_app, m) for m in (User, Membership, Enrollment, CohortMeeting)]
    assert counts[0] == 1 + 2 * 14  # platform admin + per org: admin, trainer, 12 trainees
    assert counts[2] == 24
    assert run_cli(["demo", "--password", "demo-wachtwoord"]) == 0
    assert [_count(web_app, m) for m in (User, Membership, Enrollment, CohortMeeting)] == counts
    assert "niets veranderd" in capsys.readouterr().out


def test_demo_accounts_can_log_in_with_the_given_password(run_cli, client):
    run_cli(["demo", "--password", "demo-wachtwoord"])
    for email in (
        "trainer@voorbeeld.example",
        "beheerder@anderstad.example",
        "deelnemer01@voorbeeld.example",
    ):
        client.cookies.clear()
        response = post_form(client, "/inloggen", {"email": email, "password": "demo-wachtwoord"})
        assert response.status_code == 303, email


def test_demo_without_password_prints_generated_ones(run_cli, capsys):
    run_cli(["demo"])
    out = capsys.readouterr().out
    assert "trainer@voorbeeld.example" in out
    assert "(het opgegeven wachtwoord)" not in out


def test_backup_on_postgresql_refuses_and_points_to_pg_dump(run_cli, settings, tmp_path, capsys):
    if settings.is_sqlite:
        pytest.skip("PostgreSQL only: SQLite databases are copied by the backup command")
    assert run_cli(["backup", str(tmp_path / "b.db")]) == 2
    assert "pg_dump" in capsys.readouterr().err


def test_backup_makes_a_consistent_copy(run_cli, settings, tmp_path, capsys):
    if not settings.is_sqlite:
        pytest.skip("SQLite only: on PostgreSQL backups are pg_dump's job")
    run_cli(["demo", "--password", "demo-wachtwoord"])
    target = tmp_path / "backup.db"
    assert run_cli(["backup", str(target)]) == 0
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM app_user").fetchone()[0] == 29
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_create_admin_refuses_a_short_password(run_cli, capsys):
    assert run_cli(["create-admin", "root@x.example", "--password", "kort"]) == 1
    assert "minstens 10 tekens" in capsys.readouterr().err


def test_demo_with_a_too_short_password_says_so_in_dutch(run_cli, capsys):
    assert run_cli(["demo", "--password", "kort"]) == 1
    assert "minstens 10 tekens" in capsys.readouterr().err
