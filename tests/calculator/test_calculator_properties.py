"""Properties that must hold for every comparison (hypothesis)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.calculator import (
    HORIZONS,
    LAW_LABELS,
    PAYER_LABELS,
    UNITS,
    CalculatorError,
    Comparison,
    CustomItem,
    Line,
    PriceList,
    Receipt,
    Scenario,
    UnitCost,
    calculate,
    comparison_from_mapping,
    receipt_to_dict,
)

IDS = ("a", "b", "c", "d", "e")
PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def money(max_value: int = 5000) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=max_value, places=2)


@st.composite
def unit_costs(draw: st.DrawFn, id: str) -> UnitCost:
    low, central, high = sorted(draw(st.lists(money(), min_size=3, max_size=3)))
    return UnitCost(
        id=id,
        description=f"Post {id}",
        low=low,
        central=central,
        high=high,
        unit=draw(st.sampled_from(UNITS)),
        payer=draw(st.sampled_from(sorted(PAYER_LABELS))),
        law=draw(st.none() | st.sampled_from(sorted(LAW_LABELS))),
        year=draw(st.integers(2000, 2025)),
        source="bron",
        confidence=draw(st.sampled_from(["verified", "partly", "unverified", "assumption"])),
        proxy=draw(st.booleans()),
        aggregate_of=tuple(draw(st.lists(st.sampled_from(IDS), max_size=2, unique=True))),
    )


@st.composite
def price_lists(draw: st.DrawFn) -> PriceList:
    return PriceList("v", 2025, {id: draw(unit_costs(id)) for id in IDS})


@st.composite
def custom_items(draw: st.DrawFn) -> CustomItem:
    return CustomItem(
        description="Eigen post",
        payer=draw(st.sampled_from(sorted(PAYER_LABELS))),
        law=draw(st.none() | st.sampled_from(sorted(LAW_LABELS))),
        amount=draw(money()),
        unit=draw(st.sampled_from(UNITS)),
        year=draw(st.none() | st.integers(2000, 2025)),
        source="aanname",
        confidence=draw(st.sampled_from(["verified", "partly", "unverified", "assumption"])),
    )


@st.composite
def lines(draw: st.DrawFn, probability: st.SearchStrategy[Decimal] | None = None) -> Line:
    item = draw(st.none() | custom_items())
    return Line(
        unit_cost=None if item is not None else draw(st.sampled_from(IDS)),
        custom=item,
        quantity=draw(st.decimals(min_value=0, max_value=400, places=2)),
        per=draw(st.sampled_from(["week", "month", "year"])),
        start_month=draw(st.integers(1, 70)),
        months=draw(st.integers(1, 70)),
        probability=draw(
            st.decimals(min_value=0, max_value=100, places=1)
            if probability is None
            else probability
        ),
    )


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    return Comparison(
        status_quo=Scenario("Doormodderen", tuple(draw(st.lists(lines(), max_size=6)))),
        breakthrough=Scenario("Doorbreken", tuple(draw(st.lists(lines(), max_size=6)))),
        horizon_months=draw(st.sampled_from(HORIZONS)),
        discount_rate=draw(st.decimals(min_value=0, max_value="0.15", places=4)),
    )


def summary(receipt: Receipt) -> tuple[Any, ...]:
    """Everything on the receipt that must not depend on the order of the lines."""
    return (
        receipt.status_quo.total,
        receipt.breakthrough.total,
        receipt.status_quo.by_payer,
        receipt.breakthrough.by_payer,
        receipt.status_quo.by_law,
        receipt.breakthrough.by_law,
        receipt.difference,
        receipt.payers,
        receipt.return_per_euro,
        receipt.break_even_month,
        receipt.cumulative,
        receipt.sensitivity,
        set(receipt.warning_codes),
    )


@PROPERTY_SETTINGS
@given(comparisons(), price_lists())
def test_totals_equal_the_sum_of_payer_and_law_subtotals(
    comparison: Comparison, prices: PriceList
) -> None:
    receipt = calculate(comparison, prices)
    for scenario in (receipt.status_quo, receipt.breakthrough):
        for level in ("low", "central", "high"):
            total = scenario.total.at(level)
            assert total == sum(s.amount.at(level) for s in scenario.by_payer)
            assert total == sum(s.amount.at(level) for s in scenario.by_law)
            assert total == sum(line.cost.at(level) for line in scenario.lines)
    assert receipt.difference.central == sum(p.delta.central for p in receipt.payers)
    assert receipt.saved - receipt.invested == receipt.difference.central


@PROPERTY_SETTINGS
@given(comparisons(), price_lists(), st.randoms(use_true_random=False))
def test_line_order_does_not_matter(comparison: Comparison, prices: PriceList, rnd: Any) -> None:
    def shuffled(scenario: Scenario) -> Scenario:
        new_lines = list(scenario.lines)
        rnd.shuffle(new_lines)
        return replace(scenario, lines=tuple(new_lines))

    reordered = replace(
        comparison,
        status_quo=shuffled(comparison.status_quo),
        breakthrough=shuffled(comparison.breakthrough),
    )
    assert summary(calculate(reordered, prices)) == summary(calculate(comparison, prices))


@PROPERTY_SETTINGS
@given(comparisons(), price_lists())
def test_low_central_high_stay_ordered_when_every_amount_is(
    comparison: Comparison, prices: PriceList
) -> None:
    receipt = calculate(comparison, prices)
    for scenario in (receipt.status_quo, receipt.breakthrough):
        for line in scenario.lines:
            assert line.cost.low <= line.cost.central <= line.cost.high
        assert scenario.total.low <= scenario.total.central <= scenario.total.high
        for subtotal in (*scenario.by_payer, *scenario.by_law):
            assert subtotal.amount.low <= subtotal.amount.central <= subtotal.amount.high


@PROPERTY_SETTINGS
@given(comparisons(), price_lists(), lines(probability=st.just(Decimal(0))))
def test_zero_probability_contributes_zero(
    comparison: Comparison, prices: PriceList, unlikely: Line
) -> None:
    before = calculate(comparison, prices)
    extended = replace(
        comparison,
        breakthrough=replace(
            comparison.breakthrough, lines=(*comparison.breakthrough.lines, unlikely)
        ),
    )
    after = calculate(extended, prices)
    assert after.breakthrough.lines[-1].cost.high == Decimal("0.00")
    assert after.breakthrough.total == before.breakthrough.total
    assert after.difference == before.difference
    assert after.cumulative == before.cumulative


@PROPERTY_SETTINGS
@given(comparisons(), price_lists())
def test_curve_ends_on_the_totals_and_break_even_matches_it(
    comparison: Comparison, prices: PriceList
) -> None:
    receipt = calculate(comparison, prices)
    last = receipt.cumulative[-1]
    assert last.status_quo == receipt.status_quo.total.central
    assert last.breakthrough == receipt.breakthrough.total.central
    month = receipt.break_even_month
    later = [p for p in receipt.cumulative if month is not None and p.month >= month]
    assert all(p.breakthrough <= p.status_quo for p in later)
    if month is None:
        assert last.breakthrough > last.status_quo
    elif month > 1:
        before = receipt.cumulative[month - 2]
        assert before.breakthrough > before.status_quo


@PROPERTY_SETTINGS
@given(comparisons(), price_lists())
def test_receipt_dict_is_json_with_money_as_two_decimal_strings(
    comparison: Comparison, prices: PriceList
) -> None:
    data = receipt_to_dict(calculate(comparison, prices))
    json.dumps(data)
    for amount in (data["difference"]["central"], data["status_quo"]["total"]["low"]):
        assert isinstance(amount, str)
        assert re.fullmatch(r"-?\d+\.\d\d", amount)


# --- parser errors carry the right field path -----------------------------------------------------

VALID_LINE: dict[str, Any] = {
    "unit_cost": "a",
    "quantity": "2",
    "per": "month",
    "start_month": 1,
    "months": 3,
    "probability": 50,
}
BAD_VALUES: dict[str, list[object]] = {
    "quantity": ["-1", "x", None, "1e12", [1]],
    "per": ["dag", 3],
    "start_month": [0, -4, "x", 2.5, "1.5"],
    "months": [0, -1, "x", 1.5, 10_000],
    "probability": [-1, "100.5", 1000, "kans"],
    "unit_cost": [3, ""],
}


@PROPERTY_SETTINGS
@given(
    st.sampled_from(["status_quo", "breakthrough"]),
    st.integers(0, 4),
    st.integers(1, 5),
    st.sampled_from(sorted(BAD_VALUES)),
    st.data(),
)
def test_parser_errors_carry_the_field_path(
    scenario: str, index: int, size: int, field: str, data: st.DataObject
) -> None:
    count = max(size, index + 1)
    payload: dict[str, Any] = {
        "status_quo": {"lines": [dict(VALID_LINE) for _ in range(count)]},
        "breakthrough": {"lines": [dict(VALID_LINE) for _ in range(count)]},
    }
    payload[scenario]["lines"][index][field] = data.draw(st.sampled_from(BAD_VALUES[field]))
    with pytest.raises(CalculatorError) as caught:
        comparison_from_mapping(payload)
    assert caught.value.field == f"{scenario}.lines.{index}.{field}"
