"""The pure parts of the rekentool web layer: form fields <-> comparison mapping, the effective
price list and its version, Dutch money formatting and the chart geometry."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.calculations.chart import BAR_AREA, payer_chart
from app.calculations.editor import (
    empty_fields,
    error_slot,
    fields_from_form,
    fields_from_mapping,
    form_path,
    parse_action,
    to_mapping,
    with_line_added,
    with_line_removed,
)
from app.calculations.formatting import delta_text, euro, quantity
from app.calculations.prices import (
    Tariff,
    effective_price_list,
    price_list_from_snapshot,
    snapshot,
    tariff_version,
)
from app.calculations.tariff_form import parse_euros
from app.calculator import PriceList, UnitCost, calculate, comparison_from_mapping
from app.errors import InvalidInput

ITEM = UnitCost(
    id="vb-uur",
    description="Voorbeelduur",
    low=Decimal("70"),
    central=Decimal("80"),
    high=Decimal("90"),
    unit="hour",
    payer="gemeente",
    law="wmo2015",
    year=2024,
    source="voorbeeld",
    confidence="assumption",
)
PRICES = PriceList(version="abc123", base_year=2025, items={"vb-uur": ITEM})
TARIFF = Tariff("vb-uur", Decimal("60.00"), Decimal("65.00"), Decimal("70.00"), 2026, "contract")


def test_form_fields_round_trip_through_the_comparison_mapping():
    form = {
        "title": "Oefening",
        "horizon_months": "24",
        "discount_rate": "2,25",
        "status_quo.title": "Zo gaat het nu",
        "status_quo.lines.0.unit_cost": "vb-uur",
        "status_quo.lines.0.quantity": "2",
        "status_quo.lines.0.per": "week",
        "status_quo.lines.0.months": "12",
        "status_quo.lines.0.start_month": "",
        "status_quo.lines.0.probability": "",
        "breakthrough.lines.5.custom.description": "Eigen post",
        "breakthrough.lines.5.custom.amount": "10,50",
        "breakthrough.lines.5.custom.unit": "once",
        "breakthrough.lines.5.custom.payer": "rijk",
        "breakthrough.lines.5.custom.law": "",
        "breakthrough.lines.5.months": "1",
        "breakthrough.lines.5.quantity": "1",
    }
    fields = fields_from_form(form)
    mapping, positions = to_mapping(fields)
    comparison = comparison_from_mapping(mapping)
    assert comparison.horizon_months == 24
    assert comparison.discount_rate == Decimal("0.0225")
    assert comparison.status_quo.lines[0].start_month == 1  # empty: the default
    assert comparison.breakthrough.lines[0].custom.amount == Decimal("10.50")
    assert positions == {"status_quo": [0], "breakthrough": [0]}  # gaps close
    again = fields_from_mapping("Oefening", mapping)
    assert again.scenario("status_quo").lines[0].get("quantity") == "2"
    assert again.scenario("breakthrough").lines[0].is_custom


def test_blank_lines_are_left_out_and_error_paths_point_at_the_form_line():
    fields = empty_fields("x")
    with_line_added(fields, "breakthrough")
    fields.scenario("breakthrough").lines[1].values["unit_cost"] = "vb-uur"
    fields.scenario("breakthrough").lines[1].values["probability"] = "300"
    mapping, positions = to_mapping(fields)
    assert len(mapping["breakthrough"]["lines"]) == 1
    assert form_path("breakthrough.lines.0.probability", positions) == (
        "breakthrough.lines.1.probability"
    )
    assert error_slot("breakthrough.lines.1.probability") == "breakthrough.lines.1"
    assert error_slot("discount_rate") == "discount_rate"


def test_removing_the_last_line_leaves_one_blank_line():
    fields = empty_fields()
    with_line_removed(fields, "status_quo", 0)
    assert len(fields.scenario("status_quo").lines) == 1
    assert fields.scenario("status_quo").lines[0].is_blank


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("save", "save"),
        ("add:status_quo", "add"),
        ("remove:breakthrough:2", "remove"),
        ("remove:elders:1", "save"),
        ("iets", "save"),
    ],
)
def test_actions_are_parsed_and_anything_unknown_saves(value, kind):
    assert parse_action(value).kind == kind


def test_tariff_replaces_the_figure_and_changes_the_version():
    prices = effective_price_list(PRICES, [TARIFF], "Gemeente A")
    item = prices.items["vb-uur"]
    assert (item.low, item.central, item.high) == (
        Decimal("60.00"),
        Decimal("65.00"),
        Decimal("70.00"),
    )
    assert item.source == "Eigen tarief Gemeente A: contract"
    assert prices.version.startswith("abc123+t")
    other = Tariff("vb-uur", Decimal("60.00"), Decimal("66.00"), Decimal("70.00"), 2026, "c")
    assert tariff_version("abc123", [other]) != prices.version
    assert effective_price_list(PRICES, [], "x") is PRICES
    unknown = replace(TARIFF, unit_cost_id="elders")
    assert effective_price_list(PRICES, [unknown], "x") is PRICES  # unknown ids are ignored


def test_snapshot_round_trips_the_figures():
    data = snapshot(PRICES, ["vb-uur"])
    rebuilt = price_list_from_snapshot(data)
    assert rebuilt.version == "abc123"
    assert rebuilt.items["vb-uur"] == ITEM


def test_money_is_written_the_dutch_way():
    assert euro("59710.35") == "€ 59.710,35"
    assert euro(Decimal("-2600")) == "€ -2.600,00"
    assert euro("0") == "€ 0,00"
    assert quantity("365") == "365"
    assert quantity("0.50") == "0,50"
    payer = {"role": "invests", "delta": {"central": "-2600.00"}}
    assert delta_text(payer) == "investeert € 2.600,00"


@pytest.mark.parametrize("text", ["1.234,56", "1234,56", "1234.56", "€ 1234,56"])
def test_tariff_amounts_accept_dutch_and_english_notation(text):
    assert parse_euros(text, "central", "Het bedrag") == Decimal("1234.56")


@pytest.mark.parametrize("text", ["", "abc", "-1", "1,234", "NaN", "1e99"])
def test_bad_tariff_amounts_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_euros(text, "central", "Het bedrag")


def test_chart_scales_bars_to_the_largest_amount():
    payers = [
        {"label": "Gemeente", "status_quo": {"central": "100"}, "breakthrough": {"central": "50"}},
        {"label": "Rijk", "status_quo": {"central": "0"}, "breakthrough": {"central": "25"}},
    ]
    chart = payer_chart(payers)
    widths = [bar.width for group in chart.groups for bar in group.bars]
    assert widths == [BAR_AREA, BAR_AREA // 2, 1, BAR_AREA // 4]
    assert "Gemeente: doormodderen € 100,00, doorbreken € 50,00" in chart.summary


def test_a_snapshot_saved_before_indexing_reopens_without_indexing():
    from app.calculations.prices import price_list_from_snapshot

    old = {
        "version": "oud",
        "base_year": 2025,
        "items": {
            "k-jz-5": {
                "description": "Gezinshuis", "low": "150.00", "central": "163.59",
                "high": "180.00", "unit": "day", "payer": "gemeente", "law": "jeugdwet",
                "year": 2024, "source": "s", "confidence": "verified",
            }
        },
    }  # fmt: skip
    prices = price_list_from_snapshot(old)
    assert prices.cpi == {}
    assert prices.items["k-jz-5"].kind == "resource"
    comparison = comparison_from_mapping(
        {
            "status_quo": {"lines": [{"unit_cost": "k-jz-5", "quantity": "365", "per": "year",
                                      "months": 12}]},
            "breakthrough": {"lines": []},
        }
    )  # fmt: skip
    receipt = calculate(comparison, prices)
    assert receipt.status_quo.total.central == Decimal("59710.35")  # as it was saved
    assert receipt.status_quo.lines[0].index_status == "no_series"
    assert receipt.warnings == ()
