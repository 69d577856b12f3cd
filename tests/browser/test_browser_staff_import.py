"""The org admin imports new staff from a CSV file (a dry run first, then the import); the
invitation lands in the outbox; the invitee opens the link, chooses a password and logs in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import login
from playwright.sync_api import expect
from sqlmodel import select

from app.db import create_database, session_scope
from app.mail.models import OutboxMessage

expect.set_options(timeout=15_000)

INVITEE = "fenna.import@voorbeeld.example"
INVITEE_NAME = "Fenna Import"
CSV = f"e-mail;naam;team;groep\n{INVITEE};{INVITEE_NAME};Wijkteam Noord;\n"
NEW_PASSWORD = "nieuw-wachtwoord-voor-fenna"


@pytest.fixture
def second_page(browser, live_server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Another browser with its own cookies (the platform admin, then the invitee)."""
    context = browser.new_context(base_url=live_server, locale="nl-NL")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _import_csv(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/beheer/voorbeeld/import")
    page.get_by_label("CSV-bestand").set_input_files(
        {"name": "nieuwe-medewerkers.csv", "mimeType": "text/csv", "buffer": CSV.encode()}
    )
    page.get_by_role("button", name="Controleren").click()
    summary = page.locator("#import-samenvatting")
    expect(summary).to_contain_text("1 rijen: 1 klaar om te importeren")
    expect(summary).to_contain_text("Er is nog niets veranderd")
    report_row = page.locator("#import-rapport tbody tr")
    expect(report_row).to_have_count(1)
    expect(report_row).to_have_attribute("data-status", "ready")
    expect(report_row).to_contain_text(INVITEE)
    # the checked list stays in the form, so the import needs no second upload
    expect(page.get_by_label("Lijst als tekst")).to_have_value(re.compile(re.escape(INVITEE)))
    page.get_by_role("button", name=re.compile(r"^Importeren")).click()
    expect(page.locator("#import-resultaat")).to_contain_text("1 rij verwerkt")


def _invitation_path(page, data_dir: Path) -> str:  # type: ignore[no-untyped-def]
    """The platform admin sees the mail with its link redacted; the invitee's mailbox (here: the
    outbox table itself) has the real link."""
    login(page, "admin@doorbraakschool.example")
    page.goto("/platform/outbox")
    mail = page.locator("article.mail", has_text=f"Aan {INVITEE}")
    expect(mail).to_have_count(1)
    expect(mail.locator("pre")).to_contain_text("/uitnodiging/[verborgen]")
    _log_out(page)
    database = create_database(f"sqlite:///{data_dir / 'browser.db'}")
    with session_scope(database, write=False) as session:
        body = session.exec(select(OutboxMessage.body).where(OutboxMessage.to_address == INVITEE))
        found = re.search(r"/uitnodiging/[A-Za-z0-9_\-]+", body.one())
    database.dispose()
    assert found, "no invitation link in the mail"
    return found.group(0)


def _log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()


def test_org_admin_imports_staff_and_the_invitee_accepts_and_logs_in(
    page, second_page, live_data_dir
):
    login(page, "beheerder@voorbeeld.example")
    _import_csv(page)
    page.goto("/beheer/voorbeeld/medewerkers")
    expect(page.locator("main")).to_contain_text(INVITEE)

    link = _invitation_path(second_page, live_data_dir)
    second_page.goto(link)
    expect(second_page.locator("main")).to_contain_text(INVITEE_NAME)
    second_page.get_by_label("Wachtwoord", exact=True).fill(NEW_PASSWORD)
    second_page.get_by_label("Wachtwoord nog een keer").fill(NEW_PASSWORD)
    second_page.get_by_role("button", name="Account maken").click()
    second_page.wait_for_url(re.compile(r"/\?welkom=1$"))
    expect(second_page.locator(".who")).to_have_text(INVITEE_NAME)

    _log_out(second_page)
    login(second_page, INVITEE, NEW_PASSWORD)
    expect(second_page.locator(".who")).to_have_text(INVITEE_NAME)
    # the link is spent: opening it again does not offer a new account
    second_page.goto(link)
    expect(second_page.get_by_role("button", name="Account maken")).to_have_count(0)
