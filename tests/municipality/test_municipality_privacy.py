"""Privacy (AVG): download all your data, delete your account, an org admin removes a member
(deleted or anonymised per the retention setting), inactive accounts expire."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta

from factories import PASSWORD, create_org, html, login_as, post_form
from municipality.municipality_helpers import (
    SECRET,
    add_attempt,
    add_calculation,
    add_video,
    complete_all,
    set_module,
    set_retention,
)
from sqlmodel import select

from app.accounts import service as account_service
from app.accounts.models import Membership, Role, User, UserSession
from app.calculations.models import Calculation
from app.certificates.models import Certificate
from app.cohorts.models import Enrollment
from app.db import session_scope, utcnow
from app.exercises.models import Attempt
from app.privacy.cli import register
from app.privacy.expiry import expire_inactive
from app.progress.models import ModuleProgress


def _rows(web_app, model, user_id, column="user_id"):
    with session_scope(web_app.state.db, write=False) as session:
        return session.exec(select(model).where(getattr(model, column) == user_id)).all()


def _user(web_app, user_id) -> User | None:
    with session_scope(web_app.state.db, write=False) as session:
        return session.get(User, user_id)


def test_data_export_holds_the_users_rows_and_no_one_elses(client, web_app, world):
    for user in (world.sanne, world.daan):
        set_module(web_app, user, [1, 2], "in_progress", at=None)
        add_attempt(web_app, user, free_text=f"antwoord van {user.display_name}")
        add_calculation(web_app, user, title=f"berekening van {user.display_name}")
    add_video(web_app, world.sanne)
    login_as(client, world.sanne)
    page = html(client.get("/account/gegevens"))
    assert page.select_one("#download-gegevens")["href"] == "/account/gegevens.json"
    response = client.get("/account/gegevens.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = json.loads(response.text)
    assert data["profiel"]["email"] == "sanne@voorbeeld.example"
    tables = data["onderdelen"]
    assert len(tables["voortgang per module"]) == 2
    assert len(tables["pogingen bij oefeningen"]) == 2
    assert len(tables["voortgang per video"]) == 1
    assert tables["berekeningen"][0]["title"] == "berekening van Sanne"
    assert [e["cohort_id"] for e in tables["inschrijvingen"]] == [world.cohort.id]
    assert tables["rollen per organisatie"][0]["role"] == "trainee"
    text = response.text
    assert "antwoord van Sanne" in text
    for foreign in ("Daan", "daan@", "password_hash", "token_hash"):
        assert foreign not in text
    assert "user_session" not in text
    shown = [th.get_text() for th in page.select("#gegevens-overzicht tbody th")]
    assert "Voortgang per module" in shown
    assert not [name for name in shown if "_" in name]


def test_every_table_of_the_export_has_a_dutch_section_name():
    from app.db import import_all_models, metadata
    from app.privacy.export import SECTIONS, SKIPPED_TABLES

    import_all_models()
    tables = {table.name for table in metadata.sorted_tables} - SKIPPED_TABLES
    assert sorted(tables - set(SECTIONS)) == []


def _delete_own(client, password=PASSWORD, confirm="ja"):
    return post_form(client, "/account/verwijderen", {"password": password, "confirm": confirm})


def test_deleting_your_account_removes_everything_and_logs_you_out(client, web_app, world):
    complete_all(web_app, world.sanne)
    add_attempt(web_app, world.sanne)
    add_calculation(web_app, world.sanne)
    login_as(client, world.sanne)
    post_form(client, f"/certificaten/{world.cohort.id}")
    confirm = html(client.get("/account/verwijderen"))
    assert "al je gegevens" in confirm.get_text()
    response = _delete_own(client)
    assert response.status_code == 200
    assert (
        "Je account en al je gegevens zijn gewist"
        in html(response).select_one("#verwijderd").get_text()
    )
    assert "dbs_session=" in response.headers["set-cookie"]
    assert _user(web_app, world.sanne.id) is None
    for model, column in (
        (ModuleProgress, "user_id"),
        (Attempt, "user_id"),
        (Calculation, "owner_id"),
        (Certificate, "user_id"),
        (UserSession, "user_id"),
    ):
        assert _rows(web_app, model, world.sanne.id, column) == [], model
    after = client.get("/account/gegevens", follow_redirects=False)
    assert after.status_code == 303
    assert _user(web_app, world.daan.id) is not None


def test_deletion_needs_the_password_and_the_confirmation(client, web_app, world):
    login_as(client, world.sanne)
    response = _delete_own(client, password="fout wachtwoord")
    assert response.status_code == 400
    assert "wachtwoord klopt niet" in html(response).select_one("#formulier-fout").get_text()
    response = _delete_own(client, confirm="")
    assert response.status_code == 400
    assert _user(web_app, world.sanne.id) is not None


def test_anonymising_keeps_progress_without_identity(client, web_app, world):
    set_retention(web_app, world.org, "anonymise")
    complete_all(web_app, world.sanne)
    add_attempt(web_app, world.sanne)
    add_calculation(web_app, world.sanne)
    login_as(client, world.sanne)
    post_form(client, f"/certificaten/{world.cohort.id}")
    response = _delete_own(client)
    assert response.status_code == 200
    user = _user(web_app, world.sanne.id)
    assert user.email.endswith("@verwijderd.invalid")
    assert user.display_name == "Geanonimiseerde deelnemer"
    assert (user.password_hash, user.is_active) == (None, False)
    assert len(_rows(web_app, ModuleProgress, user.id)) == 25
    attempts = _rows(web_app, Attempt, user.id)
    assert len(attempts) == 2
    assert SECRET not in json.dumps([a.answers for a in attempts])
    assert _rows(web_app, Calculation, user.id, "owner_id") == []
    assert _rows(web_app, Certificate, user.id) == []
    assert _rows(web_app, Membership, user.id) == []
    assert len(_rows(web_app, Enrollment, user.id)) == 1  # cohort figures stay right


def test_org_admin_removes_a_member_per_retention_setting(client, web_app, world):
    set_module(web_app, world.daan, [1], at=None)
    set_module(web_app, world.noor, [1], at=None)
    login_as(client, world.admin)
    confirm = client.get(f"/beheer/voorbeeld/medewerkers/{world.daan.id}/verwijderen")
    assert "verwijderd, met alle leergegevens" in confirm.text
    response = post_form(client, f"/beheer/voorbeeld/medewerkers/{world.daan.id}/verwijderen")
    assert response.headers["location"].endswith("verwijderd=deleted")
    assert _user(web_app, world.daan.id) is None
    assert _rows(web_app, ModuleProgress, world.daan.id) == []

    with session_scope(web_app.state.db, write=True) as session:
        from app.organisations.models import OrganisationSettings

        session.add(OrganisationSettings(organisation_id=world.org.id, retention="anonymise"))
    response = post_form(client, f"/beheer/voorbeeld/medewerkers/{world.noor.id}/verwijderen")
    assert response.headers["location"].endswith("verwijderd=anonymised")
    assert _user(web_app, world.noor.id).display_name == "Geanonimiseerde deelnemer"
    assert len(_rows(web_app, ModuleProgress, world.noor.id)) == 1


def test_member_of_two_organisations_only_leaves_this_one(client, web_app, world):
    with session_scope(web_app.state.db, write=True) as session:
        account_service.add_membership(
            session,
            user=session.merge(world.sanne),
            organisation_id=world.other_org.id,
            role=Role.trainee,
            actor_id=None,
        )
    set_module(web_app, world.sanne, [1], at=None)
    login_as(client, world.admin)
    response = post_form(client, f"/beheer/voorbeeld/medewerkers/{world.sanne.id}/verwijderen")
    assert response.headers["location"].endswith("verwijderd=left_organisation")
    memberships = _rows(web_app, Membership, world.sanne.id)
    assert [m.organisation_id for m in memberships] == [world.other_org.id]
    assert _rows(web_app, Enrollment, world.sanne.id) == []
    assert len(_rows(web_app, ModuleProgress, world.sanne.id)) == 1


def test_org_admin_cannot_remove_themselves_or_someone_elsewhere(client, web_app, world):
    login_as(client, world.admin)
    response = post_form(client, f"/beheer/voorbeeld/medewerkers/{world.admin.id}/verwijderen")
    assert response.status_code == 400
    assert "jezelf" in html(response).select_one("#formulier-fout").get_text()
    url = f"/beheer/voorbeeld/medewerkers/{world.other_trainee.id}/verwijderen"
    assert post_form(client, url).status_code == 404
    login_as(client, world.other_admin)
    url = f"/beheer/voorbeeld/medewerkers/{world.sanne.id}/verwijderen"
    assert client.get(url).status_code == 404
    assert post_form(client, url).status_code == 404
    assert client.get("/beheer/voorbeeld/privacy").status_code == 404
    assert _user(web_app, world.sanne.id) is not None


def _age(web_app, user, days: int) -> None:
    old = utcnow() - timedelta(days=days)
    with session_scope(web_app.state.db, write=True) as session:
        session.get(User, user.id).created_at = old
        for membership in session.exec(select(Membership).where(Membership.user_id == user.id)):
            membership.created_at = old


def test_inactive_trainees_expire_after_the_configured_period(client, web_app, world):
    set_retention(web_app, world.org, "delete", months=6)
    for user in (world.sanne, world.daan, world.noor, world.trainer):
        _age(web_app, user, 400)
    set_module(web_app, world.sanne, [1], at=utcnow() - timedelta(days=10))  # active
    set_module(web_app, world.daan, [1], at=utcnow() - timedelta(days=300))  # inactive
    login_as(client, world.admin)
    listed = html(client.get("/beheer/voorbeeld/privacy")).select("#verlopen-lijst li")
    assert sorted(li.get_text().split(" — ")[0] for li in listed) == ["Daan", "Noor"]
    with session_scope(web_app.state.db, write=True) as session:
        preview = expire_inactive(session, utcnow(), dry_run=True)
    assert sorted(e.user_id for e in preview) == sorted([world.daan.id, world.noor.id])
    assert _user(web_app, world.daan.id) is not None
    with session_scope(web_app.state.db, write=True) as session:
        expired = expire_inactive(session, utcnow())
    assert {e.outcome for e in expired} == {"deleted"}
    assert _user(web_app, world.daan.id) is None
    assert _user(web_app, world.noor.id) is None
    assert _user(web_app, world.sanne.id) is not None
    assert _user(web_app, world.trainer.id) is not None  # trainers do not expire
    assert _user(web_app, world.other_trainee.id) is not None  # no period set there


def test_an_organisation_without_a_period_never_expires_anyone(web_app, world):
    create_org(web_app, "leeg")
    _age(web_app, world.sanne, 4000)
    with session_scope(web_app.state.db, write=True) as session:
        assert expire_inactive(session, utcnow()) == []


def test_cli_registers_privacy_expire():
    parser = argparse.ArgumentParser(prog="doorbraakschool")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["privacy", "expire", "--dry-run"])
    assert args.dry_run is True
    assert args.func.__name__ == "cmd_privacy_expire"


def test_cli_expire_runs_against_the_database(web_app, world, settings, capsys):
    set_retention(web_app, world.org, "delete", months=1)
    _age(web_app, world.noor, 100)
    _age(web_app, world.daan, 100)
    _age(web_app, world.sanne, 100)
    complete_all(web_app, world.sanne)
    add_video(web_app, world.daan)
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["privacy", "expire"])
    assert args.func(args, settings) == 0
    assert "1 inactieve accounts verlopen." in capsys.readouterr().out
    assert _user(web_app, world.noor.id) is None
    assert _user(web_app, world.daan.id) is not None


def test_deletion_keeps_the_audit_log_but_erases_the_email_in_it(client, web_app, world):
    from app.audit.models import AuditEvent
    from app.audit.service import record

    with session_scope(web_app.state.db, write=True) as session:
        record(
            session,
            action="invitation.create",
            actor_id=world.admin.id,
            organisation_id=world.org.id,
            email="sanne@voorbeeld.example",
            role="trainee",
        )
    login_as(client, world.sanne)
    assert _delete_own(client).status_code == 200
    with session_scope(web_app.state.db, write=False) as session:
        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "invitation.create")
        ).one()
    assert event.detail == {"email": "[gewist]", "role": "trainee"}
