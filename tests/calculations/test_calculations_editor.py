"""The editor: htmx recalculates the receipt without saving (as fragment, page and boosted),
lines are added and removed with and without htmx, and bad input shows the calculator's Dutch
message next to the right field while keeping everything typed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from calculations.calc_helpers import editor_form, new_calculation, open_editor
from factories import html, post_form

from app.calculations.models import Calculation
from app.db import session_scope

HX = {"HX-Request": "true"}
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}


@pytest.fixture
def c1(trainee_client):
    calculation_id = new_calculation(trainee_client, "c1")
    _, form = open_editor(trainee_client, calculation_id)
    return calculation_id, form


def _receipt(web_app, calculation_id):
    with session_scope(web_app.state.db, write=False) as session:
        return session.get(Calculation, calculation_id).receipt


def test_editor_form_recalculates_on_change_without_trigger_filters(trainee_client, c1):
    calculation_id, _ = c1
    page, _ = open_editor(trainee_client, calculation_id)
    form = page.find("form", id="rekentool-form")
    assert form["hx-post"] == f"/rekentool/{calculation_id}/herberekenen"
    assert form["hx-trigger"] == "change, keyup delay:500ms"
    assert "[" not in form["hx-trigger"]
    assert form["method"] == "post"
    assert form["action"] == f"/rekentool/{calculation_id}"


def test_recalculation_fragment_returns_only_the_receipt_and_does_not_save(
    trainee_client, c1, web_app
):
    calculation_id, form = c1
    saved = _receipt(web_app, calculation_id)
    form["status_quo.lines.0.months"] = "6"
    response = post_form(
        trainee_client, f"/rekentool/{calculation_id}/herberekenen", form, headers=HX
    )
    assert response.status_code == 200
    assert "HX-Request" in response.headers["vary"]
    assert "<html" not in response.text
    fragment = html(response)
    assert fragment.find(id="kassabon")
    assert fragment.find(id="totaal-status_quo").get_text() == "€ 34.268,03"
    assert _receipt(web_app, calculation_id) == saved


@pytest.mark.parametrize("headers", [{}, BOOSTED], ids=["page", "boosted"])
def test_recalculation_as_page_or_boosted_renders_the_whole_editor(trainee_client, c1, headers):
    calculation_id, form = c1
    form["status_quo.lines.0.months"] = "6"
    response = post_form(
        trainee_client, f"/rekentool/{calculation_id}/herberekenen", form, headers=headers
    )
    assert response.status_code == 200
    assert "<html" in response.text
    page = html(response)
    assert page.find("form", id="rekentool-form")
    assert page.find(id="totaal-status_quo").get_text() == "€ 34.268,03"
    assert editor_form(page)["status_quo.lines.0.months"] == "6"


BAD_INPUT = [
    ("breakthrough.lines.1.unit_cost", "k-bestaat-niet", "breakthrough.lines.1"),
    ("status_quo.lines.0.months", "-3", "status_quo.lines.0"),
    ("breakthrough.lines.2.probability", "120", "breakthrough.lines.2"),
    ("status_quo.lines.0.quantity", "veel", "status_quo.lines.0"),
    ("discount_rate", "40", "discount_rate"),
    ("horizon_months", "18", "horizon_months"),
]


@pytest.mark.parametrize(("field", "value", "slot"), BAD_INPUT)
def test_bad_input_on_save_shows_the_message_next_to_the_field_and_keeps_input(
    trainee_client, c1, web_app, field, value, slot
):
    calculation_id, form = c1
    saved = _receipt(web_app, calculation_id)
    form[field] = value
    form["breakthrough.lines.0.note"] = "Getypte toelichting"
    response = post_form(trainee_client, f"/rekentool/{calculation_id}", form | {"action": "save"})
    assert response.status_code == 400
    page = html(response)
    message = page.find(id="fout-" + slot.replace(".", "-")).get_text().strip()
    assert message
    assert page.find(id="formulier-fout")
    field_input = page.find(id="veld-" + field.replace(".", "-"))
    assert field_input["aria-invalid"] == "true"
    kept = editor_form(page)
    assert kept[field] == value
    assert kept["breakthrough.lines.0.note"] == "Getypte toelichting"
    assert _receipt(web_app, calculation_id) == saved


@pytest.mark.parametrize(("field", "value", "slot"), BAD_INPUT)
def test_bad_input_while_typing_updates_the_error_slot_out_of_band(
    trainee_client, c1, field, value, slot
):
    calculation_id, form = c1
    form[field] = value
    response = post_form(
        trainee_client, f"/rekentool/{calculation_id}/herberekenen", form, headers=HX
    )
    assert response.status_code == 200  # htmx swaps only 2xx answers
    fragment = html(response)
    alert = fragment.find(id="kassabon-fout")
    assert alert["role"] == "alert"
    slot_el = fragment.find(id="fout-" + slot.replace(".", "-"))
    assert slot_el["hx-swap-oob"] == "innerHTML"
    assert slot_el.get_text().strip() in alert.get_text()
    others = [p for p in fragment.find_all("p", attrs={"hx-swap-oob": True}) if p is not slot_el]
    assert all(not p.get_text().strip() for p in others)


def test_probability_over_100_message_is_the_calculators_dutch_text(trainee_client, c1):
    calculation_id, form = c1
    form["breakthrough.lines.2.probability"] = "120"
    response = post_form(trainee_client, f"/rekentool/{calculation_id}", form | {"action": "save"})
    slot = html(response).find(id="fout-breakthrough-lines-2")
    assert slot.get_text().strip() == "De kans ligt tussen 0 en 100 %."


def test_negative_months_while_typing_as_full_page_is_400_with_input_kept(trainee_client, c1):
    calculation_id, form = c1
    form["status_quo.lines.0.months"] = "-1"
    response = post_form(trainee_client, f"/rekentool/{calculation_id}/herberekenen", form)
    assert response.status_code == 400
    page = html(response)
    assert editor_form(page)["status_quo.lines.0.months"] == "-1"
    assert "minstens 1" in page.find(id="fout-status_quo-lines-0").get_text()


def test_missing_title_is_refused_with_the_rest_kept(trainee_client, c1):
    calculation_id, form = c1
    form["title"] = ""
    response = post_form(trainee_client, f"/rekentool/{calculation_id}", form | {"action": "save"})
    assert response.status_code == 400
    page = html(response)
    assert "titel" in page.find(id="fout-title").get_text()
    assert editor_form(page)["status_quo.lines.0.unit_cost"] == "k-jz-5"


def test_add_line_without_javascript_rerenders_the_page_keeping_input_unsaved(
    trainee_client, c1, web_app
):
    calculation_id, form = c1
    saved = _receipt(web_app, calculation_id)
    form["breakthrough.lines.0.note"] = "nog niet bewaard"
    response = post_form(
        trainee_client, f"/rekentool/{calculation_id}", form | {"action": "add:status_quo"}
    )
    assert response.status_code == 200
    page = html(response)
    assert "<html" in response.text
    kept = editor_form(page)
    assert kept["breakthrough.lines.0.note"] == "nog niet bewaard"
    assert "status_quo.lines.1.unit_cost" in kept
    assert kept["status_quo.lines.1.unit_cost"] == ""
    assert page.find(id="kassabon-bon")  # the blank line does not block the receipt
    assert _receipt(web_app, calculation_id) == saved


@pytest.mark.parametrize(
    ("headers", "full"),
    [(HX, False), (BOOSTED, True), ({}, True)],
    ids=["fragment", "boosted", "page"],
)
def test_remove_line_as_fragment_page_or_boosted(trainee_client, c1, headers, full):
    calculation_id, form = c1
    response = post_form(
        trainee_client,
        f"/rekentool/{calculation_id}",
        form | {"action": "remove:breakthrough:1"},
        headers=headers,
    )
    assert response.status_code == 200
    assert ("<html" in response.text) == full
    if not full:
        assert "HX-Request" in response.headers["vary"]
    page = html(response)
    assert page.find(id="rekentool")
    kept = editor_form(page)
    assert kept["breakthrough.lines.1.unit_cost"] == "k-jz-7"
    assert kept["breakthrough.lines.2.unit_cost"] == "k-jz-5"  # the placement if it fails
    assert "breakthrough.lines.3.unit_cost" not in kept


def test_add_and_remove_buttons_work_with_and_without_htmx(trainee_client, c1):
    calculation_id, _ = c1
    page, _ = open_editor(trainee_client, calculation_id)
    add = page.find("button", id="regel-toevoegen-breakthrough")
    assert add["type"] == "submit"
    assert add["name"] == "action"
    assert add["value"] == "add:breakthrough"
    assert add["hx-post"] == f"/rekentool/{calculation_id}"
    remove = page.find("button", id="verwijder-breakthrough-0")
    assert remove["value"] == "remove:breakthrough:0"
    first_submit = page.find("form", id="rekentool-form").find("button", type="submit")
    assert first_submit["value"] == "save"  # Enter in a field saves, never removes a line


def test_custom_item_is_calculated_and_kept(trainee_client, c1, web_app):
    calculation_id, form = c1
    response = post_form(
        trainee_client, f"/rekentool/{calculation_id}", form | {"action": "add:breakthrough"}
    )
    form = editor_form(html(response))
    form |= {
        "breakthrough.lines.4.custom.description": "Startpakket inrichting",
        "breakthrough.lines.4.custom.amount": "500",
        "breakthrough.lines.4.custom.unit": "once",
        "breakthrough.lines.4.custom.payer": "gemeente",
        "breakthrough.lines.4.custom.source": "Eigen schatting",
        "breakthrough.lines.4.per": "",
        "breakthrough.lines.4.months": "1",
    }
    response = post_form(trainee_client, f"/rekentool/{calculation_id}", form | {"action": "save"})
    assert response.status_code == 303
    receipt = _receipt(web_app, calculation_id)
    line = receipt["breakthrough"]["lines"][4]
    assert line["unit_cost"] is None
    assert line["cost"]["central"] == "500.00"
    assert line["kind"] == "resource"
    assert "unverified_figure" in receipt["warning_codes"]


def test_a_custom_transfer_is_shown_as_waarvan_overdrachten_and_left_out_of_the_mkba_view(
    trainee_client, c1, web_app
):
    calculation_id, form = c1
    response = post_form(
        trainee_client, f"/rekentool/{calculation_id}", form | {"action": "add:breakthrough"}
    )
    form = editor_form(html(response))
    form |= {
        "breakthrough.lines.4.custom.description": "Bijzondere bijstand voor de eigen bijdrage",
        "breakthrough.lines.4.custom.amount": "400",
        "breakthrough.lines.4.custom.unit": "once",
        "breakthrough.lines.4.custom.payer": "gemeente",
        "breakthrough.lines.4.custom.kind": "transfer",
        "breakthrough.lines.4.per": "",
        "breakthrough.lines.4.months": "1",
    }
    response = post_form(trainee_client, f"/rekentool/{calculation_id}", form | {"action": "save"})
    assert response.status_code == 303
    receipt = _receipt(web_app, calculation_id)
    assert receipt["breakthrough"]["transfers"]["central"] == "400.00"
    assert receipt["status_quo"]["transfers"]["central"] == "0.00"
    difference = Decimal(receipt["difference"]["central"])
    assert Decimal(receipt["difference_resources"]["central"]) == difference + Decimal("400.00")
    page, _ = open_editor(trainee_client, calculation_id)
    assert page.find(id="overdrachten-breakthrough").get_text() == "€ 400,00"
    assert page.find(id="overdrachten-status_quo").get_text() == "€ 0,00"
    assert "MKBA-blik" in page.find(id="mkba-verschil").find_parent("tr").get_text()
    assert "maatschappelijke business case" in page.find(id="kassabon-bon").get_text()


def test_receipt_shows_original_amount_year_and_indexed_amount_and_why_the_horizon_matters(
    trainee_client, c1
):
    calculation_id, _ = c1
    page, _ = open_editor(trainee_client, calculation_id)
    indexed = page.select_one("#bon-status_quo [data-index]")
    assert indexed["data-index"] == "indexed"
    assert indexed.get_text() == "Bedrag € 181,77 uit 2024, geïndexeerd naar 2025: € 187,77."
    note = page.find(id="horizon-uitleg").get_text()
    assert "tot en met maand 60" in note
    assert "Een langere horizon laat die kosten zien." in note


def test_receipt_shows_till_receipt_parts_chart_and_table(trainee_client, c1):
    calculation_id, _ = c1
    page, _ = open_editor(trainee_client, calculation_id)
    receipt = page.find(id="kassabon-bon")
    text = receipt.get_text(" ")
    for words in (
        "Kosten van doormodderen",
        "Kosten van doorbreken",
        "Maatschappelijk verschil",
        "Subtotaal Gemeente",
        "investeert",
        "bespaart",
        "Terugverdienmaand",
        "Rendement per geïnvesteerde euro",
        "Gevoeligheid",
        "Niet geverifieerd",
    ):
        assert words in text, words
    assert page.select_one("#gevoeligheid tbody").find_all("tr").__len__() == 3
    svg = page.select_one("#grafiek-per-betaler svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text()
    assert len(svg.select("rect.bar")) == 4  # two payers, two scenarios each
    table = page.select_one("#grafiek-per-betaler details table")
    assert table.find("caption")
    assert [th.get_text() for th in table.select("tbody th")] == ["Gemeente", "Zorgverzekeraar"]
    assert all(th["scope"] for th in table.find_all("th"))


def test_every_editor_input_has_a_label(trainee_client, c1):
    calculation_id, _ = c1
    page, _ = open_editor(trainee_client, calculation_id)
    form = page.find("form", id="rekentool-form")
    for field in form.find_all(["input", "select"]):
        if field.get("type") == "hidden":
            continue
        assert field.get("id"), field
        assert page.find("label", attrs={"for": field["id"]}), field["id"]
