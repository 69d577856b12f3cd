"""Organisation settings: name, the local doorbraakroute, retention and expiry; the route is
shown to the organisation's own trainees."""

from __future__ import annotations

from bs4 import BeautifulSoup
from factories import html, login_as, post_form

from app.db import session_scope
from app.organisations.models import OrganisationSettings
from app.organisations.queries import escalation_route_for_user
from app.web.templating import templates

FORM = {
    "name": "Gemeente Voorbeeld-Noord",
    "contact_name": "Ilse, doorbraakregisseur",
    "contact_details": "via het teamkanaal",
    "budget": "3.000",
    "budget_note": "per team per jaar",
    "mandate_holder": "Het team beslist samen tot € 500; daarboven de teamleider",
    "steps": "1. Eigen mandaat van het team\n- Teamleider\n\nDoorbraakteam\n",
    "retention": "anonymise",
    "inactive_expiry_months": "12",
    "catch_up_days": "21",
}


def _render_partial(routes) -> BeautifulSoup:
    text = templates.get_template("admin/org/_escalation_route.html").render(
        escalation_routes=routes
    )
    return BeautifulSoup(text, "html.parser")


def test_settings_are_saved_and_shown_again(client, web_app, world):
    login_as(client, world.admin)
    response = post_form(client, "/beheer/voorbeeld/instellingen", FORM)
    assert response.status_code == 303
    with session_scope(web_app.state.db, write=False) as session:
        row = session.get(OrganisationSettings, world.org.id)
    assert row.budget_cents == 300_000
    assert row.escalation_steps == ["Eigen mandaat van het team", "Teamleider", "Doorbraakteam"]
    assert (row.retention, row.inactive_expiry_months) == ("anonymise", 12)
    assert row.catch_up_days == 21
    page = html(client.get("/beheer/voorbeeld/instellingen"))
    assert page.select_one("#s-catch-up")["value"] == "21"
    assert page.select_one("#s-name")["value"] == "Gemeente Voorbeeld-Noord"
    assert page.select_one("#s-budget")["value"] == "3.000"
    assert page.select_one("#s-ret-anonymise").has_attr("checked")
    preview = page.select_one("#doorbraakroute")
    assert [li.get_text() for li in preview.select("ol li")] == row.escalation_steps
    assert "€ 3.000, per team per jaar" in preview.get_text()


def test_a_wrong_budget_changes_nothing_and_keeps_what_was_typed(client, web_app, world):
    login_as(client, world.admin)
    response = post_form(client, "/beheer/voorbeeld/instellingen", FORM | {"budget": "veel"})
    assert response.status_code == 400
    page = html(response)
    assert "euro" in page.select_one("#formulier-fout").get_text()
    assert page.select_one("#s-budget")["value"] == "veel"
    assert page.select_one("#s-contact")["value"] == FORM["contact_name"]
    assert "Eigen mandaat" in page.select_one("#s-steps").get_text()
    response = post_form(
        client, "/beheer/voorbeeld/instellingen", FORM | {"inactive_expiry_months": "-3"}
    )
    assert response.status_code == 400
    for days in ("0", "twee weken", "365", ""):
        response = post_form(
            client, "/beheer/voorbeeld/instellingen", FORM | {"catch_up_days": days}
        )
        assert response.status_code == 400
        assert "inhaaltermijn" in html(response).select_one("#formulier-fout").get_text()
    with session_scope(web_app.state.db, write=False) as session:
        assert session.get(OrganisationSettings, world.org.id) is None


def test_escalation_route_reaches_only_the_organisations_own_trainees(client, web_app, world):
    login_as(client, world.admin)
    post_form(client, "/beheer/voorbeeld/instellingen", FORM)
    with session_scope(web_app.state.db, write=False) as session:
        own = escalation_route_for_user(session, world.sanne.id)
        other = escalation_route_for_user(session, world.other_trainee.id)
        admin = escalation_route_for_user(session, world.admin.id)
    assert [r.organisation_name for r in own] == ["Gemeente Voorbeeld-Noord"]
    assert other == []
    assert admin == []
    partial = _render_partial(own)
    assert partial.select_one("h2").get_text() == "Jouw doorbraakroute"
    assert "Ilse, doorbraakregisseur (via het teamkanaal)" in partial.get_text()
    assert [li.get_text() for li in partial.select("ol.escalation-steps li")] == [
        "Eigen mandaat van het team",
        "Teamleider",
        "Doorbraakteam",
    ]


def test_without_a_route_the_partial_tells_the_trainee_whom_to_ask():
    partial = _render_partial([])
    assert "nog niet ingevuld" in partial.get_text()


def test_settings_of_another_organisation_answer_404(client, web_app, world):
    login_as(client, world.other_admin)
    assert client.get("/beheer/voorbeeld/instellingen").status_code == 404
    assert post_form(client, "/beheer/voorbeeld/instellingen", FORM).status_code == 404
    login_as(client, world.trainer)
    assert client.get("/beheer/voorbeeld/instellingen").status_code == 404
