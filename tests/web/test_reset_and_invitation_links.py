"""Reset and invitation links: stored only as hashes, redacted wherever staff or logs see mail,
gone from mail once it is sent, and reset requests limited per address and per account."""

from __future__ import annotations

import hashlib
import logging

import pytest
from factories import create_org, create_user, html, last_mail_link, login_as, post_form
from sqlalchemy import text
from sqlmodel import select

from app.accounts.models import Invitation, PasswordResetToken, Role
from app.db import create_database, session_scope
from app.mail import service as mail_service
from app.mail.models import OutboxMessage
from app.migrate import upgrade
from app.organisations.invitations import send_invitation

EMAIL = "sanne@voorbeeld.example"


def _request_reset(client, email: str = EMAIL):  # type: ignore[no-untyped-def]
    return post_form(client, "/wachtwoord-vergeten", {"email": email})


def test_the_database_keeps_only_a_hash_of_the_reset_token(client, web_app):
    create_user(web_app, EMAIL)
    _request_reset(client)
    raw = last_mail_link(web_app, "/wachtwoord-herstellen/").rsplit("/", 1)[1]
    with session_scope(web_app.state.db, write=False) as session:
        stored = [t.token_hash for t in session.exec(select(PasswordResetToken)).all()]
    assert stored == [hashlib.sha256(raw.encode()).hexdigest()]


def test_the_database_keeps_only_a_hash_of_the_invitation_token(web_app):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    with session_scope(web_app.state.db, write=True) as session:
        send_invitation(
            session,
            web_app.state.settings,
            organisation_id=org.id,
            organisation_name=org.name,
            email="fleur@voorbeeld.example",
            display_name="Fleur Nieuw",
            role=Role.trainee,
            team_id=None,
            cohort_id=None,
            actor_id=admin.id,
        )
    raw = last_mail_link(web_app, "/uitnodiging/").rsplit("/", 1)[1]
    with session_scope(web_app.state.db, write=False) as session:
        stored = [i.token_hash for i in session.exec(select(Invitation)).all()]
    assert stored == [hashlib.sha256(raw.encode()).hexdigest()]


def test_outbox_page_shows_reset_and_invitation_links_redacted(client, make_client, web_app):
    create_user(web_app, EMAIL)
    _request_reset(make_client())
    raw = last_mail_link(web_app, "/wachtwoord-herstellen/").rsplit("/", 1)[1]
    login_as(client, create_user(web_app, "admin@x.example", platform_admin=True))
    page = html(client.get("/platform/outbox"))
    mail = page.select_one("article.mail pre").get_text()
    assert raw not in page.decode()
    assert "http://testserver/wachtwoord-herstellen/[verborgen]" in mail


def test_redaction_covers_invitation_links_and_leaves_other_links_alone():
    body = (
        "Open https://school.example/uitnodiging/AbC-123_xyz?x=1 of lees "
        "https://school.example/modules/01-waarom-doorbreken-en-nog-een-lange-naam."
    )
    assert mail_service.redact_links(body) == (
        "Open https://school.example/uitnodiging/[verborgen]?x=1 of lees "
        "https://school.example/modules/01-waarom-doorbreken-en-nog-een-lange-naam."
    )


@pytest.mark.parametrize(("log_links", "shows_link"), [(False, False), (True, True)])
def test_development_log_prints_links_only_when_the_setting_says_so(
    settings, caplog, log_links, shows_link
):
    dev = settings.model_copy(update={"environment": "development", "mail_log_links": log_links})
    body = "Kies een nieuw wachtwoord: http://testserver/wachtwoord-herstellen/geheim-token-123"
    database = create_database(dev.database_url)
    with (
        caplog.at_level(logging.WARNING, logger="doorbraakschool.mail"),
        session_scope(database, write=True) as session,
    ):
        mail_service.queue_mail(session, dev, to=EMAIL, subject="Nieuw wachtwoord", body=body)
    database.dispose()
    assert ("geheim-token-123" in caplog.text) is shows_link
    assert "Kies een nieuw wachtwoord" in caplog.text


def test_sent_mail_keeps_its_text_but_no_live_token(client, web_app, monkeypatch):
    create_user(web_app, EMAIL)
    _request_reset(client)
    sent: list[str] = []
    monkeypatch.setattr(mail_service, "_send", lambda _settings, message: sent.append(message.body))
    smtp = web_app.state.settings.model_copy(update={"smtp_host": "smtp.example"})
    assert mail_service.deliver_pending(web_app.state.db, smtp) == 1
    assert "/wachtwoord-herstellen/[verborgen]" not in sent[0]  # the addressee got the link
    with session_scope(web_app.state.db, write=False) as session:
        kept = session.exec(select(OutboxMessage)).one()
    assert kept.sent_at is not None
    assert "/wachtwoord-herstellen/[verborgen]" in kept.body
    assert "Kies een nieuw wachtwoord" in kept.body


def test_reset_requests_per_account_are_limited_with_a_dutch_message(client, web_app):
    create_user(web_app, EMAIL)
    limit = web_app.state.settings.reset_max_requests_account
    for _ in range(limit):
        assert _request_reset(client).status_code == 200
    refused = _request_reset(client)
    assert refused.status_code == 429
    alert = html(refused).select_one("[role=alert]").get_text()
    assert "het afgelopen uur al vaak" in alert
    assert "over 60 minuten opnieuw" in alert
    with session_scope(web_app.state.db, write=False) as session:
        assert len(session.exec(select(PasswordResetToken)).all()) == limit


def test_reset_limit_answers_the_same_for_unknown_addresses(client, make_client, web_app):
    create_user(web_app, EMAIL)
    limit = web_app.state.settings.reset_max_requests_account
    answers = []
    for email, browser in [(EMAIL, client), ("niemand@voorbeeld.example", make_client())]:
        for _ in range(limit):
            _request_reset(browser, email)
        refused = _request_reset(browser, email)
        answers.append((refused.status_code, html(refused).select_one("[role=alert]").get_text()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 429


def test_reset_requests_per_client_address_are_limited_across_accounts(client, web_app):
    limit = web_app.state.settings.reset_max_requests_address
    for number in range(limit):
        assert _request_reset(client, f"iemand{number}@x.example").status_code == 200
    create_user(web_app, EMAIL)
    assert _request_reset(client).status_code == 429


def test_migration_removes_tokens_from_sent_mail_and_keeps_unsent_mail_whole(tmp_path):
    url = f"sqlite:///{tmp_path / 'before.db'}"
    upgrade(url, "385a52681603")
    database = create_database(url)
    link = "https://school.example/wachtwoord-herstellen/AbCdEf0123456789_-xyz"
    with database.engine.begin() as conn:
        for sent_at in ("2026-11-30 10:00:00", None):
            conn.execute(
                text(
                    "INSERT INTO outbox_message (to_address, subject, body, created_at, sent_at, "
                    "error) VALUES ('a@b.example', 'Link', :body, '2026-11-30 09:00:00', :sent, '')"
                ),
                {"body": f"Kies via {link}", "sent": sent_at},
            )
    upgrade(url)
    with database.engine.connect() as conn:
        bodies = conn.execute(text("SELECT body FROM outbox_message ORDER BY id")).scalars().all()
    database.dispose()
    assert bodies == [
        "Kies via https://school.example/wachtwoord-herstellen/[verborgen]",
        f"Kies via {link}",
    ]


def test_access_log_lines_show_reset_and_invitation_paths_without_their_token(web_app, caplog):
    access = logging.getLogger("uvicorn.access")
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        for path in ("/wachtwoord-herstellen/GeheimToken123", "/uitnodiging/GeheimToken456"):
            access.info('%s - "%s %s HTTP/%s" %d', "203.0.113.7", "GET", path, "1.1", 200)
    assert "GeheimToken" not in caplog.text
    assert "/wachtwoord-herstellen/[verborgen]" in caplog.text
    assert "/uitnodiging/[verborgen]" in caplog.text
