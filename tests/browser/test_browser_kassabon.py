"""A trainee builds a kassabon in the rekentool: starts from case c1, sees the receipt recalculate
while typing (htmx), sees per payer who invests and who saves, saves it and downloads the PDF."""

from __future__ import annotations

import re
from pathlib import Path

from browser_support import login
from playwright.sync_api import expect

TRAUMA_QUANTITY = "#veld-breakthrough-lines-1-quantity"  # c1's breakthrough: traumatherapie


def _payer_row(page, payer: str):  # type: ignore[no-untyped-def]
    return page.locator(f"#per-betaler tr[data-payer={payer}]")


def _start_from_case(page, case_id: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/rekentool")
    page.get_by_label("Beginnen met").select_option(case_id)
    page.get_by_role("button", name="Berekening maken").click()
    page.wait_for_url(re.compile(r"/rekentool/\d+$"))


def test_trainee_builds_saves_and_downloads_a_kassabon_showing_who_invests_and_who_saves(
    page, tmp_path: Path
):
    login(page, "deelnemer05@voorbeeld.example")
    _start_from_case(page, "c1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kassabon")
    expect(_payer_row(page, "zorgverzekeraar")).to_have_class(re.compile("role-invests"))
    expect(_payer_row(page, "zorgverzekeraar")).to_contain_text(
        "investeert € 2.014,35"
    )  # € 1.950 indexed
    expect(_payer_row(page, "gemeente")).to_have_class(re.compile("role-saves"))
    expect(_payer_row(page, "gemeente")).to_contain_text("bespaart")
    difference = page.locator("#maatschappelijk-verschil").inner_text()

    quantity = page.locator(TRAUMA_QUANTITY)
    assert quantity.input_value() == "1"
    quantity.fill("2")
    with page.expect_response(re.compile(r"/herberekenen$")) as answer:
        quantity.press("Tab")
    assert answer.value.ok
    # only the receipt was swapped: the typed value is still there, the figures follow it
    expect(_payer_row(page, "zorgverzekeraar")).to_contain_text("investeert € 4.028,70")
    expect(page.locator("#maatschappelijk-verschil")).not_to_have_text(difference)
    assert page.locator(TRAUMA_QUANTITY).input_value() == "2"

    page.get_by_role("button", name="Opslaan").first.click()
    expect(page.locator("#opgeslagen")).to_contain_text("opgeslagen")
    assert page.url.endswith("?opgeslagen=1")
    page.reload()
    assert page.locator(TRAUMA_QUANTITY).input_value() == "2"
    expect(_payer_row(page, "zorgverzekeraar")).to_contain_text("investeert € 4.028,70")

    with page.expect_download() as download:
        page.get_by_role("link", name="Kassabon als pdf downloaden").click()
    assert re.fullmatch(r"kassabon-\d+\.pdf", download.value.suggested_filename)
    target = tmp_path / "kassabon.pdf"
    download.value.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 1000
