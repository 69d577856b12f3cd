"""A trainee of two municipalities switches the organisation they work for from the header:
their own work follows the choice, and the header stays accessible."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import login, run_axe
from playwright.sync_api import expect

from app.accounts import queries as account_queries
from app.accounts import service as account_service
from app.accounts.models import Role
from app.db import create_database, session_scope

TRAINEE = "deelnemer10@voorbeeld.example"


@pytest.fixture(scope="module")
def second_municipality(live_server: str, live_data_dir: Path) -> str:
    """The demo trainee also joins Gemeente Andersdorp (the name shown in the switcher)."""
    database = create_database(f"sqlite:///{live_data_dir / 'browser.db'}")
    with session_scope(database, write=True) as session:
        org = account_queries.organisation_by_slug(session, "andersdorp")
        if org is None:
            org = account_service.create_organisation(
                session, name="Gemeente Andersdorp", slug="andersdorp", actor_id=None
            )
        user = account_queries.user_by_email(session, TRAINEE)
        assert user is not None
        assert org.id is not None
        account_service.add_membership(
            session, user=user, organisation_id=org.id, role=Role.trainee, actor_id=None
        )
    database.dispose()
    return "Gemeente Andersdorp"


def test_a_trainee_of_two_municipalities_switches_and_sees_that_ones_work(
    axe_page, second_municipality
):
    page = axe_page
    login(page, TRAINEE)
    page.goto("/rekentool")
    choice = page.get_by_label("Je werkt voor")
    # the organisation joined last is the one worked for after logging in
    assert page.locator("#organisatie-keuze option:checked").inner_text() == second_municipality
    page.get_by_label("Titel (optioneel)").fill("Kassabon voor Andersdorp")
    page.get_by_role("button", name="Berekening maken").click()
    page.wait_for_url("**/rekentool/*")
    page.goto("/rekentool")
    expect(page.get_by_text("Kassabon voor Andersdorp")).to_be_visible()

    choice.select_option(label="Gemeente Voorbeeld")
    page.get_by_role("button", name="Wisselen").press("Enter")
    page.wait_for_url("**/rekentool")
    assert page.locator("#organisatie-keuze option:checked").inner_text() == "Gemeente Voorbeeld"
    expect(page.get_by_text("Kassabon voor Andersdorp")).to_have_count(0)
    assert run_axe(page) == []
