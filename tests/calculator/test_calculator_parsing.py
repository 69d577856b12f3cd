"""Reading the LINE shape of docs/content-format.md (from YAML or JSON dicts)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from app.calculator import (
    CalculatorError,
    Comparison,
    CustomItem,
    Line,
    comparison_from_mapping,
    line_from_mapping,
)

D = Decimal

CUSTOM = {
    "description": "Borg en inrichting",
    "payer": "gemeente",
    "law": "pw",
    "amount": "2500.00",
    "unit": "once",
    "year": 2025,
    "source": "aanname",
    "confidence": "assumption",
}


def comparison_data() -> dict[str, Any]:
    return {
        "horizon_months": 24,
        "discount_rate": "3",
        "status_quo": {
            "title": "Doormodderen",
            "lines": [
                {"unit_cost": "k-jz-5", "quantity": "365", "per": "year", "months": 12},
                {"unit_cost": "k-jz-7", "quantity": 3, "per": "week", "months": 6},
            ],
        },
        "breakthrough": {
            "title": "Doorbreken",
            "lines": [
                {"custom": dict(CUSTOM), "quantity": "1", "start_month": 2, "months": 1},
                {"unit_cost": "k-jz-7", "quantity": "3", "per": "week", "months": 6},
                {"unit_cost": "k-ggz-2", "quantity": "1", "months": 1, "probability": 80},
            ],
        },
    }


def test_line_from_the_content_format_example() -> None:
    data = {
        "unit_cost": "k-jz-5",
        "quantity": "365",
        "per": "year",
        "start_month": 1,
        "months": 12,
        "probability": 100,
        "note": "Milan woont in een gezinshuis.",
    }
    assert line_from_mapping(data) == Line(
        "k-jz-5", None, D("365"), "year", 1, 12, D("100"), "Milan woont in een gezinshuis."
    )


def test_custom_line_from_the_content_format_example() -> None:
    line = line_from_mapping({"custom": CUSTOM, "quantity": 1, "start_month": 1, "months": 1})
    assert line.unit_cost is None
    assert line.custom == CustomItem(
        "Borg en inrichting", "gemeente", "pw", D("2500.00"), "once", 2025, "aanname", "assumption"
    )
    assert line.per == ""


def test_optional_fields_take_their_defaults() -> None:
    line = line_from_mapping({"unit_cost": "k-jz-5", "quantity": "2", "months": 3})
    assert (line.per, line.start_month, line.probability, line.note) == ("", 1, D(100), "")
    nulls = {"unit_cost": "a", "quantity": "2", "months": 3, "per": None, "probability": None}
    assert line_from_mapping(nulls).probability == D(100)


def test_custom_item_defaults_to_an_assumption_without_source() -> None:
    data = {"description": "Fiets", "payer": "gemeente", "amount": 500, "unit": "once"}
    line = line_from_mapping({"custom": data, "quantity": 1, "months": 1})
    assert line.custom is not None
    assert (line.custom.law, line.custom.year, line.custom.source, line.custom.confidence) == (
        None,
        None,
        "",
        "assumption",
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("163.59", D("163.59")), ("163,59", D("163.59")), (365, D(365)), (0.5, D("0.5")),
     (" 12 ", D(12)), (D("1.25"), D("1.25"))],
)  # fmt: skip
def test_numbers_may_be_strings_ints_or_floats(raw: object, expected: Decimal) -> None:
    line = line_from_mapping({"unit_cost": "a", "quantity": raw, "per": "month", "months": 1})
    assert line.quantity == expected


@pytest.mark.parametrize(("raw", "expected"), [(6, 6), ("6", 6), (6.0, 6)])
def test_months_may_be_whole_numbers_in_any_form(raw: object, expected: int) -> None:
    line = line_from_mapping({"unit_cost": "a", "quantity": 1, "per": "month", "months": raw})
    assert line.months == expected


def test_comparison_from_mapping_reads_horizon_rate_and_lines() -> None:
    comparison = comparison_from_mapping(comparison_data())
    assert isinstance(comparison, Comparison)
    assert comparison.horizon_months == 24
    assert comparison.discount_rate == D("0.03")  # 3 percent
    assert comparison.status_quo.title == "Doormodderen"
    assert len(comparison.breakthrough.lines) == 3
    assert comparison.breakthrough.lines[2].probability == D(80)


def test_comparison_defaults_to_12_months_and_the_standard_rate() -> None:
    data = comparison_data()
    del data["horizon_months"], data["discount_rate"]
    data["status_quo"] = {"lines": []}
    comparison = comparison_from_mapping(data)
    assert comparison.horizon_months == 12
    assert comparison.discount_rate == D("0.0225")
    assert comparison.status_quo == comparison.status_quo.__class__("Doormodderen", ())


def test_a_case_file_scenario_may_carry_its_description_id_and_articles() -> None:
    data = comparison_data()
    data["breakthrough"].update({"id": "b1", "description": "Coulance", "articles": ["zvw-13"]})
    assert comparison_from_mapping(data).breakthrough.title == "Doorbreken"


# --- errors carry the path of the offending field ------------------------------------------------


def _error_field(data: dict[str, Any]) -> str:
    with pytest.raises(CalculatorError) as caught:
        comparison_from_mapping(data)
    assert caught.value.message  # a Dutch sentence for the user
    return caught.value.field


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("breakthrough", 2, "probability"), 101, "breakthrough.lines.2.probability"),
        (("breakthrough", 2, "probability"), "-5", "breakthrough.lines.2.probability"),
        (("breakthrough", 2, "probability"), "veel", "breakthrough.lines.2.probability"),
        (("status_quo", 0, "months"), 0, "status_quo.lines.0.months"),
        (("status_quo", 0, "months"), -1, "status_quo.lines.0.months"),
        (("status_quo", 0, "months"), "6.5", "status_quo.lines.0.months"),
        (("status_quo", 0, "months"), True, "status_quo.lines.0.months"),
        (("status_quo", 1, "start_month"), 0, "status_quo.lines.1.start_month"),
        (("status_quo", 1, "quantity"), "-2", "status_quo.lines.1.quantity"),
        (("status_quo", 1, "quantity"), "NaN", "status_quo.lines.1.quantity"),
        (("status_quo", 1, "quantity"), "Infinity", "status_quo.lines.1.quantity"),
        (("status_quo", 1, "quantity"), "1e999999999", "status_quo.lines.1.quantity"),
        (("status_quo", 1, "per"), "dag", "status_quo.lines.1.per"),
        (("status_quo", 1, "unit_cost"), 7, "status_quo.lines.1.unit_cost"),
        (("status_quo", 1, "probabilty"), 50, "status_quo.lines.1.probabilty"),
        (("breakthrough", 0, "custom", "payer"), "buurman", "breakthrough.lines.0.custom.payer"),
        (("breakthrough", 0, "custom", "unit"), "km", "breakthrough.lines.0.custom.unit"),
        (("breakthrough", 0, "custom", "law"), "wet", "breakthrough.lines.0.custom.law"),
        (("breakthrough", 0, "custom", "amount"), "-1", "breakthrough.lines.0.custom.amount"),
        (("breakthrough", 0, "custom", "confidence"), "zeker",
         "breakthrough.lines.0.custom.confidence"),
        (("breakthrough", 0, "custom", "description"), " ",
         "breakthrough.lines.0.custom.description"),
        (("breakthrough", 0, "custom", "year"), "ooit", "breakthrough.lines.0.custom.year"),
    ],
)  # fmt: skip
def test_line_errors_name_their_field(path: tuple[Any, ...], value: object, field: str) -> None:
    data = comparison_data()
    target = data[path[0]]["lines"]
    for key in path[1:-1]:
        target = target[key]
    target[path[-1]] = value
    assert _error_field(data) == field


@pytest.mark.parametrize(
    ("key", "value"),
    [("horizon_months", 18), ("horizon_months", "lang"), ("horizon_months", True),
     ("discount_rate", "16"), ("discount_rate", -1), ("discount_rate", "NaN"),
     ("discount_rate", "sNaN"), ("discount_rate", "1e999999")],
)  # fmt: skip
def test_comparison_errors_name_their_field(key: str, value: object) -> None:
    data = comparison_data()
    data[key] = value
    assert _error_field(data) == key


def test_missing_required_fields_are_named() -> None:
    data = comparison_data()
    del data["status_quo"]["lines"][1]["months"]
    assert _error_field(data) == "status_quo.lines.1.months"
    data = comparison_data()
    del data["breakthrough"]
    assert _error_field(data) == "breakthrough"
    data = comparison_data()
    del data["breakthrough"]["lines"][0]["custom"]["amount"]
    assert _error_field(data) == "breakthrough.lines.0.custom.amount"


def test_a_line_needs_exactly_one_of_unit_cost_and_custom() -> None:
    data = comparison_data()
    data["breakthrough"]["lines"][0]["unit_cost"] = "k-jz-5"
    assert _error_field(data) == "breakthrough.lines.0.unit_cost"
    data = comparison_data()
    del data["status_quo"]["lines"][0]["unit_cost"]
    assert _error_field(data) == "status_quo.lines.0.unit_cost"


def test_structural_errors_are_named() -> None:
    data = comparison_data()
    data["status_quo"]["lines"] = "geen lijst"
    assert _error_field(data) == "status_quo.lines"
    data = comparison_data()
    data["status_quo"]["lines"][1] = ["geen", "object"]
    assert _error_field(data) == "status_quo.lines.1"
    data = comparison_data()
    data["extra"] = 1
    assert _error_field(data) == "extra"
    data = comparison_data()
    data["status_quo"]["kleur"] = "rood"
    assert _error_field(data) == "status_quo.kleur"


def test_line_from_mapping_prefixes_its_path() -> None:
    with pytest.raises(CalculatorError) as caught:
        line_from_mapping({"unit_cost": "a", "quantity": 1, "months": 0}, path="x.lines.4")
    assert caught.value.field == "x.lines.4.months"
    with pytest.raises(CalculatorError) as caught:
        line_from_mapping({"unit_cost": "a", "quantity": 1, "months": 0})
    assert caught.value.field == "months"


def test_parsing_does_not_change_its_input() -> None:
    data = comparison_data()
    before = copy.deepcopy(data)
    comparison_from_mapping(data)
    assert data == before
