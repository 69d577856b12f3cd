"""axe-core (WCAG 2.1 A/AA rules) on the main pages of each role: no serious or critical
violations. Keyboard-only use of the player is covered in test_browser_trainee.py, of the
rekentool in test_browser_keyboard_calculator.py.

Paths with {placeholders} need ids that exist only at run time: the ``run_ids`` fixture makes
them (a calculation and a submitted doorbraakplan of deelnemer12) through the browser."""

from __future__ import annotations

import re

import pytest
from browser_support import login, run_axe

PLAN_AUTHOR = "deelnemer12@voorbeeld.example"
PLAN = {
    "situation": "Een gezin van vier met schulden, een depressie en een gokprobleem.",
    "bottleneck": "Ggz en schuldhulp wachten op elkaar.",
    "breakthrough": "Een regisseur laat ggz, verslavingszorg en schuldhulp tegelijk starten.",
    "legal_basis": "De Wgs geeft ruimte; de inzet is evenredig.",
    "kassabon": "De zorgverzekeraar investeert, de gemeente bespaart.",
    "engagement": "De ouders willen rust voor de kinderen.",
    "agreements": "Na drie maanden evalueren met het gezin.",
}

PAGES = {
    None: ["/", "/inloggen", "/wachtwoord-vergeten", "/toegankelijkheid"],
    "deelnemer01@voorbeeld.example": [
        "/",
        "/modules",
        "/modules/1",
        "/modules/20",
        "/wetten",
        "/wetten?q=bijstand",
        "/wetten/artikel/pw-18-1",
        "/casussen",
        "/casussen/c1",
        "/kengetallen",
        "/account/wachtwoord",
        "/leerpad",
        "/oefeningen",
        "/oefeningen/c4/knelpunt",
        "/oefeningen/c1/grondslag",
        "/oefeningen/c1/kassabon",
        "/oefeningen/c1/waardendriehoek",
        "/oefeningen/c9/doorbraakplan",
        "/rekentool",
        "/certificaten",
        "/account/gegevens",
    ],
    PLAN_AUTHOR: ["/rekentool/{calculation}", "/oefeningen/c9/doorbraakplan"],
    "trainer@voorbeeld.example": [
        "/",
        "/groepen",
        "/groepen/{cohort}",
        "/groepen/{cohort}/voortgang",
        "/groepen/{cohort}/itemanalyse",
        "/beoordelen",
        "/beoordelen/plannen/{plan}",
        "/rekentool/{calculation}",
    ],
    "beheerder@voorbeeld.example": [
        "/beheer/voorbeeld/medewerkers",
        "/beheer/voorbeeld/groepen",
        "/beheer/voorbeeld/overzicht",
        "/beheer/voorbeeld/import",
        "/beheer/voorbeeld/instellingen",
        "/beheer/voorbeeld/tarieven",
    ],
    "admin@doorbraakschool.example": ["/platform", "/platform/outbox"],
}
CASES = [(email, path) for email, paths in PAGES.items() for path in paths]


def _number(href: str | None) -> str:
    found = re.search(r"/(\d+)$", href or "")
    assert found, href
    return found.group(1)


def _submit_plan(page) -> str:  # type: ignore[no-untyped-def]
    """A c9 calculation and a submitted doorbraakplan; returns the calculation's id."""
    login(page, PLAN_AUTHOR)
    page.goto("/rekentool")
    page.get_by_label("Beginnen met").select_option("c9")
    page.get_by_role("button", name="Berekening maken").click()
    page.wait_for_url(re.compile(r"/rekentool/\d+$"))
    calculation = _number(page.url)
    page.goto("/oefeningen/c9/doorbraakplan")
    for key, value in PLAN.items():
        page.locator(f"#plan-{key}").fill(value)
    page.get_by_label("Kassabon uit de rekentool").select_option(calculation)
    page.get_by_role("button", name="Indienen ter beoordeling").click()
    page.locator("#resultaat").wait_for()
    return calculation


@pytest.fixture(scope="module")
def run_ids(browser, live_server: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server, locale="nl-NL")
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        calculation = _submit_plan(page)
        context.clear_cookies()
        login(page, "trainer@voorbeeld.example")
        page.goto("/groepen")
        cohort = page.get_by_role("link", name="Doorbraaklab 2027").get_attribute("href")
        page.goto("/beoordelen")
        plan = page.locator("a[href^='/beoordelen/plannen/']").first.get_attribute("href")
        return {"calculation": calculation, "cohort": _number(cohort), "plan": _number(plan)}
    finally:
        context.close()


@pytest.fixture(scope="module")
def sessions() -> dict[str, list[object]]:
    """Session cookies per account, so that each account logs in once in this module."""
    return {}


def _log_in_once(page, email: str, sessions: dict[str, list[object]]) -> None:  # type: ignore[no-untyped-def]
    if email in sessions:
        page.context.add_cookies(sessions[email])
        return
    login(page, email)
    sessions[email] = page.context.cookies()


@pytest.mark.parametrize(("email", "path"), CASES, ids=[f"{e or 'anoniem'}{p}" for e, p in CASES])
def test_page_has_no_serious_accessibility_violations(axe_page, email, path, request, sessions):
    if "{" in path:
        path = path.format(**request.getfixturevalue("run_ids"))
    if email:
        _log_in_once(axe_page, email, sessions)
    response = axe_page.goto(path)
    assert response is not None
    assert response.status == 200
    assert run_axe(axe_page) == []


def test_import_report_has_no_serious_accessibility_violations(axe_page, sessions):
    _log_in_once(axe_page, "beheerder@voorbeeld.example", sessions)
    axe_page.goto("/beheer/voorbeeld/import")
    axe_page.get_by_label("Lijst als tekst").fill(
        "e-mail;naam;team;groep\n"
        "axe.nieuw@voorbeeld.example;Axe Nieuw;;\n"
        "geen-adres;Zonder Adres;;\n"
    )
    axe_page.get_by_role("button", name="Controleren").click()
    axe_page.locator("#import-rapport tr[data-status=error]").wait_for()
    assert run_axe(axe_page) == []


def test_calculator_showing_an_input_error_has_no_serious_accessibility_violations(
    axe_page, sessions, run_ids
):
    _log_in_once(axe_page, PLAN_AUTHOR, sessions)
    axe_page.goto(f"/rekentool/{run_ids['calculation']}")
    quantity = axe_page.locator("#veld-status_quo-lines-0-quantity")
    quantity.fill("veel")
    with axe_page.expect_response(re.compile(r"/herberekenen$")):
        quantity.press("Tab")
    axe_page.locator("#kassabon-fout").wait_for()
    assert run_axe(axe_page) == []


def test_the_accessibility_check_does_report_a_broken_page(axe_page, live_server):
    axe_page.goto("/inloggen")
    axe_page.set_content('<html lang="nl"><body><img src="x.png"><input></body></html>')
    found = {violation["id"] for violation in run_axe(axe_page)}
    assert "image-alt" in found
