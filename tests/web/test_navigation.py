"""The menu per role shows what the issue promises, and only links that work."""

from __future__ import annotations

import pytest
from factories import create_org, create_user, html, login_as

from app.accounts.models import Role

EXPECTED = {
    Role.trainee: ["Mijn leerpad", "Modules", "Oefeningen", "Rekentool", "Certificaten"],
    Role.trainer: ["Mijn groepen", "Beoordelen"],
    Role.org_admin: ["Medewerkers", "Groepen", "Instellingen"],
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_menu_per_role_lists_its_items_and_every_link_answers(client, web_app, role):
    org = create_org(web_app, "voorbeeld")
    login_as(client, create_user(web_app, "iemand@voorbeeld.example", org=org, role=role))
    menu = html(client.get("/")).select("nav[aria-label=Hoofdmenu] a")
    labels = [a.get_text() for a in menu]
    for label in EXPECTED[role]:
        assert label in labels
    for link in menu:
        assert client.get(link["href"]).status_code == 200, link["href"]


def test_the_current_page_is_marked_for_screen_readers(client, web_app):
    org = create_org(web_app, "voorbeeld")
    login_as(client, create_user(web_app, "iemand@voorbeeld.example", org=org, role=Role.trainee))
    current = html(client.get("/modules")).select("nav[aria-label=Hoofdmenu] [aria-current=page]")
    assert [a.get_text() for a in current] == ["Modules"]
