"""The rekentool with the keyboard alone: open a calculation, change a quantity, add a line from
the price list, and reach the kassabon. Focus must stay visible and must not fall back to <body>
when htmx swaps the receipt or the editor."""

from __future__ import annotations

import re

from browser_support import login
from playwright.sync_api import expect

expect.set_options(timeout=15_000)

FOCUS = """() => {
  const e = document.activeElement;
  return {id: e.id, tag: e.tagName, text: (e.textContent || '').trim().slice(0, 60),
          visible: e.matches(':focus-visible'), outline: getComputedStyle(e).outlineStyle,
          inReceipt: !!e.closest('#kassabon')};
}"""


def _focus(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return page.evaluate(FOCUS)  # type: ignore[no-any-return]


def _assert_visible_focus(page, element_id: str | None = None) -> None:  # type: ignore[no-untyped-def]
    focus = _focus(page)
    assert focus["tag"] != "BODY", "focus was lost to <body>"
    if element_id is not None:
        assert focus["id"] == element_id, focus
    assert focus["visible"], f"no visible focus on {focus}"
    assert focus["outline"] != "none", focus


def _tab_to(page, done: str, key: str = "Tab", limit: int = 80) -> None:  # type: ignore[no-untyped-def]
    """Press ``key`` until the focused element satisfies the JS predicate ``done`` (on el)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({done}); }}"):
            return
    raise AssertionError(f"{key} never reached {done}; focus is on {_focus(page)}")


def _tab_to_id(page, element_id: str, key: str = "Tab") -> None:  # type: ignore[no-untyped-def]
    _tab_to(page, f"el.id === {element_id!r}", key)
    _assert_visible_focus(page, element_id)


def _open_calculation_from_case_c1(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/rekentool")
    _tab_to_id(page, "nieuw-casus")
    page.keyboard.press("ArrowDown")  # the first case, c1
    expect(page.locator("#nieuw-casus")).to_have_value("c1")
    _tab_to(page, "el.textContent.trim() === 'Berekening maken'")
    _assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/rekentool/\d+$"))


def _change_quantity(page) -> None:  # type: ignore[no-untyped-def]
    field = "veld-breakthrough-lines-1-quantity"  # c1's breakthrough: traumatherapie, 1x
    _tab_to_id(page, field)
    page.keyboard.press("Control+A")
    with page.expect_response(re.compile(r"/herberekenen$")):
        page.keyboard.type("x")
    # a typo: the message appears next to the field (aria-describedby), focus stays put
    expect(page.locator("#fout-breakthrough-lines-1")).to_contain_text("moet een getal zijn")
    expect(page.locator(f"#{field}")).to_have_attribute(
        "aria-describedby", "fout-breakthrough-lines-1"
    )
    _assert_visible_focus(page, field)
    page.keyboard.press("Control+A")
    with page.expect_response(re.compile(r"/herberekenen$")):
        page.keyboard.type("2")
    expect(page.locator("#fout-breakthrough-lines-1")).to_have_text("")
    expect(page.locator("#per-betaler tr[data-payer=zorgverzekeraar]")).to_contain_text(
        "investeert € 4.028,70"  # twice € 1.950, indexed to the base year
    )
    _assert_visible_focus(page, field)  # the receipt was swapped, the field kept focus


def _add_line_from_price_list(page) -> None:  # type: ignore[no-untyped-def]
    button = "regel-toevoegen-breakthrough"
    _tab_to_id(page, button)
    editor = page.url  # the add button posts the editor to the calculation's own address
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == editor):
        page.keyboard.press("Enter")
    expect(page.locator("#regel-breakthrough-3")).to_be_visible()
    _assert_visible_focus(page, button)  # the editor was swapped; focus is where it was

    # back into the new line (it sits just above the button) and pick a price-list item
    _tab_to_id(page, "veld-breakthrough-lines-3-unit_cost", key="Shift+Tab")
    with page.expect_response(re.compile(r"/herberekenen$")):
        page.keyboard.type("Fiets")
    expect(page.locator("#veld-breakthrough-lines-3-unit_cost")).to_have_value("k-a-fiets")
    _assert_visible_focus(page, "veld-breakthrough-lines-3-unit_cost")
    _tab_to_id(page, "veld-breakthrough-lines-3-quantity")
    with page.expect_response(re.compile(r"/herberekenen$")):
        page.keyboard.type("1")
    expect(page.locator("#bon-breakthrough")).to_contain_text("Fiets")
    _assert_visible_focus(page, "veld-breakthrough-lines-3-quantity")


def _reach_the_receipt_and_save(page) -> None:  # type: ignore[no-untyped-def]
    _tab_to(page, "el.closest('#kassabon')")
    _assert_visible_focus(page)
    assert str(_focus(page)["text"]).startswith("De grafiek als tabel")
    page.keyboard.press("Enter")
    expect(page.locator("#grafiek-tabel")).to_be_visible()
    expect(page.locator("#grafiek-tabel")).to_contain_text("Zorgverzekeraar")
    # the last Opslaan button comes just before the receipt
    _tab_to(page, "el.textContent.trim() === 'Opslaan'", key="Shift+Tab")
    _assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?opgeslagen=1$"))
    expect(page.locator("#opgeslagen")).to_be_visible()
    expect(page.locator("#bon-breakthrough")).to_contain_text("Fiets")


def test_calculator_works_with_the_keyboard_alone_and_focus_survives_htmx_swaps(page):
    login(page, "deelnemer08@voorbeeld.example")
    _open_calculation_from_case_c1(page)
    _change_quantity(page)
    _add_line_from_price_list(page)
    _reach_the_receipt_and_save(page)
