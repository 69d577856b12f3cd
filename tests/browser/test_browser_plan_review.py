"""The doorbraakplan in a real browser: a trainee writes the plan for case c9 (the draft is kept
on the server while typing), attaches a kassabon and submits it; the trainer sees the cohort grid
change, reviews the plan with the rubric and returns it; the trainee sees the feedback next to
their own text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_support import login
from playwright.sync_api import expect

expect.set_options(timeout=15_000)

PLAN_PATH = "/oefeningen/c9/doorbraakplan"
PLAN_TEXT = {
    "situation": "Een gezin met twee ouders en twee kinderen; de schulden lopen op en de "
    "hulpverleners wachten op elkaar.",
    "bottleneck": "Ggz en schuldhulp beginnen pas als de ander klaar is; dat houdt de rest vast.",
    "breakthrough": "Een regisseur spreekt een gelijktijdige start af met ggz, verslavingszorg "
    "en schuldhulp.",
    "legal_basis": "De Wgs laat ruimte om de weigeringsgrond niet toe te passen; de inzet is "
    "evenredig.",
    "kassabon": "Doorbreken is binnen een jaar goedkoper; de zorgverzekeraar investeert en de "
    "gemeente bespaart.",
    "engagement": "Beide ouders willen dat de kinderen rust krijgen en stemmen in met bewind.",
    "agreements": "Na drie maanden evalueren met het gezin: afspraakmarker huur en behandeling.",
}
MARKER = "afspraakmarker"


def _new_calculation(page, case_id: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/rekentool")
    page.get_by_label("Beginnen met").select_option(case_id)
    page.get_by_role("button", name="Berekening maken").click()
    page.wait_for_url(re.compile(r"/rekentool/\d+$"))


def _write_plan(page) -> None:  # type: ignore[no-untyped-def]
    """Type every part; leaving the last field saves the complete draft on the server."""
    for key, value in PLAN_TEXT.items():
        page.locator(f"#plan-{key}").fill(value)

    def complete_draft(response) -> bool:  # type: ignore[no-untyped-def]
        body = response.request.post_data or ""
        return "/concepten/" in response.url and MARKER in body

    with page.expect_response(complete_draft) as saved:
        page.locator("#plan-agreements").press("Tab")
    assert saved.value.ok
    expect(page.locator("#concept-status")).to_contain_text("Concept opgeslagen om")


def _attach_and_submit(page) -> None:  # type: ignore[no-untyped-def]
    with page.expect_response(re.compile("/concepten/")):
        page.get_by_label("Kassabon uit de rekentool").select_option(index=1)
    page.get_by_role("button", name="Indienen ter beoordeling").click()
    expect(page.locator("#resultaat")).to_contain_text("Je plan is ingediend")
    expect(page.locator("#plan-status")).to_contain_text("ingediend, wacht op beoordeling")


def _submit_plan(page) -> None:  # type: ignore[no-untyped-def]
    _new_calculation(page, "c9")
    page.goto(PLAN_PATH)
    _write_plan(page)
    _attach_and_submit(page)


def test_trainee_writes_a_plan_the_draft_survives_a_reload_and_is_submitted(page):
    login(page, "deelnemer06@voorbeeld.example")
    _new_calculation(page, "c9")
    page.goto(PLAN_PATH)
    expect(page.locator("#plan-status")).to_contain_text("nog niet ingediend")
    _write_plan(page)
    # forget this browser's own copy: what comes back must come from the server
    page.evaluate("() => window.localStorage.clear()")
    page.reload()
    expect(page.locator("#concept-status")).to_contain_text("staat hieronder weer klaar")
    for key, value in PLAN_TEXT.items():
        expect(page.locator(f"#plan-{key}")).to_have_value(value)
    expect(page.locator("#plan-status")).to_contain_text("concept")

    _attach_and_submit(page)
    expect(page.locator("#plan-tekst")).to_contain_text(PLAN_TEXT["bottleneck"])
    expect(page.locator("#plan-tekst")).to_contain_text("Gekoppelde kassabon")
    page.goto("/oefeningen")
    expect(page.locator("section[data-case=c9] li[data-kind=plan] .status")).to_have_text("gemaakt")


@pytest.fixture
def trainer_page(browser, live_server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A second browser (own cookies) for the trainer, next to the trainee's ``page``."""
    context = browser.new_context(base_url=live_server, locale="nl-NL")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _module_cell(page, trainee: str, module: int):  # type: ignore[no-untyped-def]
    row = page.locator("tr", has=page.get_by_role("link", name=trainee, exact=True))
    return row.locator(f"td[data-module='{module}']")


def _open_grid(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/groepen")
    page.get_by_role("link", name="Doorbraaklab 2027").click()
    page.get_by_role("link", name="Voortgang per deelnemer").click()
    expect(page.get_by_role("table", name=re.compile("Voortgang per deelnemer"))).to_be_visible()


def _review_and_return(page, trainee: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/beoordelen")
    page.get_by_role("link", name=re.compile(f"doorbraakplan van {re.escape(trainee)}")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Doorbraakplan van {trainee}")
    for criterion in ("bottleneck", "legal_basis", "engagement", "agreements"):
        page.locator(f"#niveau-{criterion}-fully").check()
    page.locator("#niveau-kassabon-partly").check()
    page.locator("#toelichting-kassabon").fill("Laat zien hoe onzeker de bewindkosten zijn.")
    page.get_by_label("Algemene toelichting voor de deelnemer").fill("Sterk plan, bijna klaar.")
    page.get_by_label("Terugsturen voor verbetering").check()
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.locator("#beoordeling-titel")).to_contain_text("terug voor verbetering")


def test_trainer_sees_the_grid_change_and_returns_the_plan_with_rubric_feedback(page, trainer_page):
    trainee = "Yara (demo 07)"
    login(trainer_page, "trainer@voorbeeld.example")
    _open_grid(trainer_page)
    # module 23 asks for the c9 plan; this demo trainee has not started it yet
    expect(_module_cell(trainer_page, trainee, 23)).to_have_attribute("data-status", "not_started")

    login(page, "deelnemer07@voorbeeld.example")
    _submit_plan(page)

    trainer_page.reload()
    expect(_module_cell(trainer_page, trainee, 23)).to_have_attribute("data-status", "in_progress")
    _review_and_return(trainer_page, trainee)

    page.goto(PLAN_PATH)
    expect(page.locator("#plan-status")).to_contain_text("terug voor verbetering")
    expect(page.locator("#trainer-feedback")).to_contain_text("Sterk plan, bijna klaar.")
    text = page.locator("#plan-kassabon")
    feedback = page.locator("#plan-feedback-kassabon")
    expect(text).to_have_value(PLAN_TEXT["kassabon"])
    expect(feedback).to_contain_text("Laat zien hoe onzeker de bewindkosten zijn.")
    expect(feedback).to_contain_text("deels")
    expect(text).to_have_attribute("aria-describedby", re.compile("plan-feedback-kassabon"))
    _assert_side_by_side(text, feedback)


def _assert_side_by_side(text, feedback) -> None:  # type: ignore[no-untyped-def]
    left, right = text.bounding_box(), feedback.bounding_box()
    assert left is not None
    assert right is not None
    assert right["x"] >= left["x"] + left["width"]
    assert right["y"] < left["y"] + left["height"]
    assert left["y"] < right["y"] + right["height"] + 200
