"""Security headers, body size limit, cleaned input and Dutch error pages."""

from __future__ import annotations

from factories import create_org, create_user, html, login_as, post_form

from app.accounts.models import Role


def test_security_headers_are_on_every_page(client):
    response = client.get("/inloggen")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_hx_on(client):
    page = html(client.get("/inloggen"))
    for script in page.find_all("script"):
        assert script.get("src"), "inline script found"
    assert "hx-on" not in str(page)


def test_too_large_body_gets_413(client, web_app):
    limit = web_app.state.settings.max_body_bytes
    response = client.post(
        "/inloggen",
        content=b"x" * (limit + 1),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert html(response).h1.get_text() == "Niet gevonden"


def test_bidi_controls_and_nul_are_removed_from_form_input(client, web_app):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    login_as(client, admin)
    response = post_form(client, "/beheer/voorbeeld/teams", {"name": "Team\u202eNoord\x00"})
    assert response.status_code == 303
    page = client.get("/beheer/voorbeeld/medewerkers").text
    assert "TeamNoord" in page
    assert "\u202e" not in page


def test_script_in_a_name_is_escaped(client, web_app):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    login_as(client, admin)
    post_form(client, "/beheer/voorbeeld/teams", {"name": "<script>alert(1)</script>"})
    page = client.get("/beheer/voorbeeld/medewerkers").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_bad_date_keeps_what_was_typed(client, web_app):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    login_as(client, admin)
    response = post_form(
        client,
        "/beheer/voorbeeld/groepen",
        {"name": "Doorbraaklab 2027", "starts_on": "31-01-2027", "ends_on": "2027-04-30"},
    )
    assert response.status_code == 400
    page = html(response)
    assert "begindatum" in page.select_one("[role=alert]").get_text()
    assert page.select_one("#c-name")["value"] == "Doorbraaklab 2027"


def test_healthz_reports_status_version_and_database(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"] is True
    assert body["version"]
