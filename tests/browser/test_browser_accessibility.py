"""axe-core (WCAG 2.1 A/AA rules) on the main pages of each role: no serious or critical
violations. Keyboard-only use of the player is covered in test_browser_trainee.py."""

from __future__ import annotations

import pytest
from browser_support import login, run_axe

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
    ],
    "trainer@voorbeeld.example": ["/", "/groepen"],
    "beheerder@voorbeeld.example": ["/beheer/voorbeeld/medewerkers", "/beheer/voorbeeld/groepen"],
    "admin@doorbraakschool.example": ["/platform", "/platform/outbox"],
}
CASES = [(email, path) for email, paths in PAGES.items() for path in paths]


@pytest.mark.parametrize(("email", "path"), CASES, ids=[f"{e or 'anoniem'}{p}" for e, p in CASES])
def test_page_has_no_serious_accessibility_violations(axe_page, email, path):
    if email:
        login(axe_page, email)
    response = axe_page.goto(path)
    assert response is not None
    assert response.status == 200
    assert run_axe(axe_page) == []


def test_the_accessibility_check_does_report_a_broken_page(axe_page, live_server):
    axe_page.goto("/inloggen")
    axe_page.set_content('<html lang="nl"><body><img src="x.png"><input></body></html>')
    found = {violation["id"] for violation in run_axe(axe_page)}
    assert "image-alt" in found
