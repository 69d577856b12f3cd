"""Every page of every role on a 390 x 844 phone (the sweep: tests/phone_sweep.py): nothing
scrolls sideways and axe finds nothing serious; the header folds behind a menu button."""

from __future__ import annotations

import pytest
from browser_support import login
from phone_sweep import PHONE, ROLES, visits_of


def test_every_linked_page_opens(sweep):
    assert sweep.failures == []
    assert len(sweep.seen) > 100


@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_on_a_phone(sweep, role):
    visits = visits_of(sweep, role)
    wide = [(v.path, v.scroll_width, v.wide) for v in visits if v.scroll_width > v.inner_width]
    assert wide == []


@pytest.mark.parametrize("role", ROLES)
def test_pages_on_a_phone_have_no_serious_accessibility_violations(sweep, role):
    checked = [v for v in visits_of(sweep, role) if v.axe is not None]
    assert checked
    assert [(v.path, v.axe) for v in checked if v.axe] == []


def test_the_menu_button_opens_and_closes_the_menu_by_keyboard(page):
    page.set_viewport_size(PHONE)
    login(page, "deelnemer01@voorbeeld.example")
    button = page.get_by_role("button", name="Menu")
    menu = page.locator("#site-menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "site-menu"
    assert not menu.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    menu.get_by_role("link", name="Modules").click()
    page.wait_for_url("**/modules")
    page.get_by_role("button", name="Menu").click()
    page.keyboard.press("Escape")
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.className") == "menu-button"


def test_on_a_wide_screen_the_menu_shows_without_a_button(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, "deelnemer01@voorbeeld.example")
    assert page.locator("#site-menu").is_visible()
    assert not page.locator(".menu-button").is_visible()
