"""HTTP-level behaviour: caching, HEAD, security.txt and the API docs switch."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from factories import create_org, create_user, login_as
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.accounts.models import Role
from app.main import create_app, route_modules


@pytest.fixture
def trainee(client, web_app):
    org = create_org(web_app, "voorbeeld")
    user = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    login_as(client, user)
    return user


def _get_paths() -> list[str]:
    """Every GET route of the app, path parameters filled with a plausible value."""
    paths = [
        re.sub(r"\{[^}]+\}", "1", route.path)
        for module in route_modules()
        for route in module.router.routes
        if isinstance(route, APIRoute) and "GET" in route.methods
    ]
    assert len(paths) > 40
    return sorted(set(paths))


# --- Cache-Control -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/modules/1", "/account/wachtwoord", "/leerpad"])
def test_pages_for_a_logged_in_user_are_never_stored(client, trainee, path):
    response = client.get(path)
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    "path", ["/inloggen", "/wachtwoord-vergeten", "/wachtwoord-herstellen/abc", "/uitnodiging/abc"]
)
def test_login_reset_and_invitation_pages_are_never_stored(client, path):
    assert client.get(path).headers["cache-control"] == "no-store"


def test_every_get_route_of_a_logged_in_user_sets_no_store_except_media(client, trainee, web_app):
    for path in _get_paths():
        response = client.get(path, follow_redirects=False)
        if path.startswith("/media/") and response.status_code == 200:
            assert response.headers["cache-control"].startswith("private"), path
        else:
            assert "no-store" in response.headers["cache-control"], path


def test_versioned_static_assets_are_cached_for_a_year(client, web_app):
    version = web_app.state.static_version
    response = client.get(f"/static/css/app.css?v={version}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    unversioned = client.get("/static/css/app.css")
    assert unversioned.headers["cache-control"] == "no-cache"


# --- HEAD ----------------------------------------------------------------------------------


def test_head_is_answered_like_get_on_every_get_route_without_a_body(client, trainee, web_app):
    for path in _get_paths():
        get = client.get(path, follow_redirects=False)
        head = client.head(path, follow_redirects=False)
        assert head.status_code == get.status_code != 405, path
        assert head.content == b"", path
        assert head.headers.get("content-type") == get.headers.get("content-type"), path


def test_head_on_a_page_gives_200_with_its_length(client, trainee):
    get = client.get("/modules/1")
    head = client.head("/modules/1")
    assert head.status_code == 200
    assert head.headers["content-length"] == str(len(get.content))
    assert head.content == b""


def test_head_on_a_post_only_route_is_still_405(client):
    assert client.head("/uitloggen").status_code == 405


# --- security.txt --------------------------------------------------------------------------


def test_security_txt_follows_rfc_9116(client, web_app):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.text.splitlines())
    assert fields["Contact"] == web_app.state.settings.security_contact
    assert fields["Preferred-Languages"] == "nl, en"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now < expires < now + timedelta(days=365)


def test_security_txt_contact_comes_from_the_setting(settings):
    settings.security_contact = "mailto:beveiliging@gemeente.example"
    app = create_app(settings)
    with TestClient(app) as client:
        text = client.get("/.well-known/security.txt").text
    app.state.db.dispose()
    assert "Contact: mailto:beveiliging@gemeente.example\n" in text


# --- API docs ------------------------------------------------------------------------------


def _status(settings, path: str) -> int:
    app = create_app(settings)
    with TestClient(app) as client:
        status = client.get(path).status_code
    app.state.db.dispose()
    return status


def test_api_docs_are_served_outside_production(client):
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Doorbraakschool"
    assert client.get("/api/docs").status_code == 200


@pytest.mark.parametrize("path", ["/api/openapi.json", "/api/docs", "/docs", "/redoc"])
def test_api_docs_are_off_in_production(settings, path):
    production = settings.model_copy(update={"environment": "production"})
    assert _status(production, path) == 404


def test_a_setting_turns_the_api_docs_on_in_production(settings):
    production = settings.model_copy(update={"environment": "production", "api_docs": True})
    assert _status(production, "/api/openapi.json") == 200
