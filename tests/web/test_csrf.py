"""CSRF: every unsafe request needs the token, for plain forms and htmx alike."""

from __future__ import annotations

import pytest
from factories import create_org, create_user, csrf_for, html, login_as, post_form

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


def test_form_from_another_origin_is_refused_even_with_token(client, web_app):
    _admin(client, web_app)
    response = post_form(
        client,
        "/beheer/voorbeeld/teams",
        {"name": "Wijkteam Oost"},
        headers={"Origin": "https://aanvaller.example"},
    )
    assert response.status_code == 403
    assert html(response).h1.get_text() == "Geen toegang"
    assert "andere website" in response.text


def test_opaque_origin_null_is_refused(client, web_app):
    _admin(client, web_app)
    response = post_form(
        client, "/beheer/voorbeeld/teams", {"name": "Wijkteam Oost"}, headers={"Origin": "null"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("origin", ["http://testserver", "HTTP://TESTSERVER"])
def test_form_from_the_own_origin_is_accepted(client, web_app, origin):
    _admin(client, web_app)
    response = post_form(
        client,
        "/beheer/voorbeeld/teams",
        {"name": "Wijkteam Oost"},
        headers={"Origin": origin, "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 303


def test_public_origin_from_the_settings_is_accepted_behind_a_proxy(client, web_app):
    _admin(client, web_app)
    web_app.state.settings.base_url = "https://leren.gemeente.example"
    response = post_form(
        client,
        "/beheer/voorbeeld/teams",
        {"name": "Wijkteam Oost"},
        headers={"Origin": "https://leren.gemeente.example"},
    )
    assert response.status_code == 303


@pytest.mark.parametrize(
    "headers", [{"Origin": "https://aanvaller.example"}, {"Sec-Fetch-Site": "cross-site"}]
)
def test_api_request_from_another_site_gets_a_json_403(client, web_app, headers):
    _admin(client, web_app)
    response = client.post(
        "/api/progress/video",
        json={"video": "x", "page": "p", "seq": 0, "segments": [], "rate": 1, "position": 0},
        headers={"X-CSRF-Token": csrf_for(client), **headers},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Dit verzoek kwam van een andere website en is geweigerd."
