"""CSRF: every unsafe request needs the token, for plain forms and htmx alike."""

from __future__ import annotations

from factories import create_org, create_user, csrf_for, login_as, post_form

from app.accounts.models import Role


def _admin(client, web_app):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    login_as(client, admin)
    return org


def test_form_post_without_token_is_refused(client, web_app):
    _admin(client, web_app)
    response = client.post("/beheer/voorbeeld/teams", data={"name": "Wijkteam Oost"})
    assert response.status_code == 403
    assert "verlopen" in response.text


def test_form_post_with_wrong_token_is_refused(client, web_app):
    _admin(client, web_app)
    response = client.post(
        "/beheer/voorbeeld/teams", data={"name": "Wijkteam Oost", "csrf_token": "0" * 64}
    )
    assert response.status_code == 403


def test_htmx_post_without_token_is_refused(client, web_app):
    _admin(client, web_app)
    response = client.post(
        "/beheer/voorbeeld/teams", data={"name": "Wijkteam Oost"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 403
    assert response.headers["HX-Retarget"] == "#meldingen"


def test_htmx_post_with_token_header_is_accepted(client, web_app):
    _admin(client, web_app)
    response = client.post(
        "/beheer/voorbeeld/teams",
        data={"name": "Wijkteam Oost"},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf_for(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_cross_site_request_is_refused_even_with_token(client, web_app):
    _admin(client, web_app)
    response = post_form(
        client,
        "/beheer/voorbeeld/teams",
        {"name": "Wijkteam Oost"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403


def test_token_of_one_session_does_not_work_for_another(client, make_client, web_app):
    _admin(client, web_app)
    token = csrf_for(client)
    other = make_client()
    login_as(other, create_user(web_app, "ander@voorbeeld.example"))
    response = other.post("/uitloggen", data={"csrf_token": token})
    assert response.status_code == 403


def test_login_form_needs_the_anonymous_token(client, web_app):
    create_user(web_app, "sanne@voorbeeld.example")
    response = client.post("/inloggen", data={"email": "sanne@voorbeeld.example", "password": "x"})
    assert response.status_code == 403
