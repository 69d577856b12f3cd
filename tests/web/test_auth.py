"""Login, logout, sessions, throttling, password change and reset."""

from __future__ import annotations

from datetime import timedelta

from factories import PASSWORD, create_org, create_user, html, last_mail_link, login_as, post_form
from sqlmodel import select

from app.accounts.models import Role, UserSession
from app.db import session_scope, utcnow


def test_login_with_right_password_opens_the_start_page(client, web_app):
    org = create_org(web_app, "voorbeeld")
    create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    response = post_form(
        client, "/inloggen", {"email": "Sanne@Voorbeeld.example ", "password": PASSWORD}
    )
    assert response.status_code == 303
    page = client.get("/")
    assert html(page).h1.get_text() == "Welkom, Sanne"


def test_session_cookie_is_httponly_and_samesite_lax(client, web_app):
    create_user(web_app, "sanne@voorbeeld.example")
    response = post_form(
        client, "/inloggen", {"email": "sanne@voorbeeld.example", "password": PASSWORD}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie  # base URL is http in tests


def test_wrong_password_keeps_email_and_says_why_in_dutch(client, web_app):
    create_user(web_app, "sanne@voorbeeld.example")
    response = post_form(
        client, "/inloggen", {"email": "sanne@voorbeeld.example", "password": "fout wachtwoord"}
    )
    page = html(response)
    assert response.status_code == 400
    assert "klopt niet" in page.select_one("[role=alert]").get_text()
    assert page.select_one("#email")["value"] == "sanne@voorbeeld.example"


def test_login_redirects_only_to_local_paths(client, web_app):
    create_user(web_app, "sanne@voorbeeld.example")
    response = post_form(
        client,
        "/inloggen",
        {"email": "sanne@voorbeeld.example", "password": PASSWORD, "volgende": "//evil.example/"},
    )
    assert response.headers["location"] == "/"


def test_pages_that_need_login_redirect_to_login_with_return_path(client):
    response = client.get("/groepen", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/inloggen?volgende=/groepen"


def test_logout_makes_the_old_session_cookie_worthless(client, make_client, web_app):
    user = create_user(web_app, "sanne@voorbeeld.example")
    raw = login_as(client, user)
    thief = make_client()
    thief.cookies.set("dbs_session", raw)
    assert thief.get("/", follow_redirects=False).text.count("Uitloggen") == 1
    post_form(client, "/uitloggen")
    assert "Uitloggen" not in thief.get("/").text
    assert thief.get("/groepen", follow_redirects=False).status_code == 303


def test_password_change_ends_every_other_session(client, make_client, web_app):
    user = create_user(web_app, "sanne@voorbeeld.example")
    login_as(client, user)
    other_device = make_client()
    login_as(other_device, user)
    response = post_form(
        client,
        "/account/wachtwoord",
        {
            "current_password": PASSWORD,
            "new_password": "een nieuw wachtwoord",
            "new_password_again": "een nieuw wachtwoord",
        },
    )
    assert response.status_code == 200
    assert "Uitloggen" in client.get("/").text  # this device got a fresh session
    assert "Uitloggen" not in other_device.get("/").text


def test_password_change_with_wrong_current_password_is_refused(client, web_app):
    user = create_user(web_app, "sanne@voorbeeld.example")
    login_as(client, user)
    response = post_form(
        client,
        "/account/wachtwoord",
        {
            "current_password": "niet goed",
            "new_password": "een nieuw wachtwoord",
            "new_password_again": "een nieuw wachtwoord",
        },
    )
    assert response.status_code == 400
    assert "huidige wachtwoord klopt niet" in response.text


def test_idle_session_expires(client, web_app):
    user = create_user(web_app, "sanne@voorbeeld.example")
    login_as(client, user)
    idle = web_app.state.settings.session_idle_minutes
    with session_scope(web_app.state.db, write=True) as session:
        for row in session.exec(select(UserSession)).all():
            row.last_seen_at = utcnow() - timedelta(minutes=idle + 1)
    assert client.get("/groepen", follow_redirects=False).status_code == 303


def test_after_repeated_failures_the_account_waits_and_the_message_says_how_long(client, web_app):
    create_user(web_app, "sanne@voorbeeld.example")
    limit = web_app.state.settings.login_max_failures_account
    for _ in range(limit):
        post_form(client, "/inloggen", {"email": "sanne@voorbeeld.example", "password": "nee"})
    response = post_form(
        client, "/inloggen", {"email": "sanne@voorbeeld.example", "password": PASSWORD}
    )
    assert response.status_code == 429
    message = html(response).select_one("[role=alert]").get_text()
    assert "Te veel mislukte inlogpogingen" in message
    assert "over 1 minuut opnieuw" in message
    assert "Wachtwoord vergeten" in message


def test_throttling_per_client_address_covers_many_accounts(client, web_app):
    limit = web_app.state.settings.login_max_failures_address
    for number in range(limit):
        post_form(client, "/inloggen", {"email": f"iemand{number}@x.example", "password": "nee"})
    create_user(web_app, "sanne@voorbeeld.example")
    response = post_form(
        client, "/inloggen", {"email": "sanne@voorbeeld.example", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_password_reset_end_to_end_and_link_works_once(client, make_client, web_app):
    user = create_user(web_app, "sanne@voorbeeld.example")
    old_device = make_client()
    login_as(old_device, user)
    response = post_form(client, "/wachtwoord-vergeten", {"email": "sanne@voorbeeld.example"})
    assert "Kijk in je e-mail" in response.text
    link = last_mail_link(web_app, "/wachtwoord-herstellen/")
    assert client.get(link).status_code == 200
    response = post_form(
        client, link, {"new_password": "nieuw en geheim!", "new_password_again": "nieuw en geheim!"}
    )
    assert response.status_code == 303
    assert "Uitloggen" in client.get("/").text
    assert "Uitloggen" not in old_device.get("/").text
    assert client.get(link).status_code == 404
    fresh = make_client()
    ok = post_form(
        fresh, "/inloggen", {"email": "sanne@voorbeeld.example", "password": "nieuw en geheim!"}
    )
    assert ok.status_code == 303


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(client, web_app):
    response = post_form(client, "/wachtwoord-vergeten", {"email": "onbekend@x.example"})
    assert "Kijk in je e-mail" in response.text
    from app.mail.models import OutboxMessage

    with session_scope(web_app.state.db, write=False) as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_expired_reset_link_is_refused(client, web_app):
    create_user(web_app, "sanne@voorbeeld.example")
    post_form(client, "/wachtwoord-vergeten", {"email": "sanne@voorbeeld.example"})
    link = last_mail_link(web_app, "/wachtwoord-herstellen/")
    from app.accounts.models import PasswordResetToken

    with session_scope(web_app.state.db, write=True) as session:
        for token in session.exec(select(PasswordResetToken)).all():
            token.expires_at = utcnow() - timedelta(seconds=1)
    response = client.get(link)
    assert response.status_code == 404
    assert "verlopen" in response.text
