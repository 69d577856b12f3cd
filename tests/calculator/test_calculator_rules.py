"""Every calculation rule, each with a small example worked out by hand in the comments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from app.calculator import (
    DEFAULT_DISCOUNT_RATE,
    CalculatorError,
    Comparison,
    CustomItem,
    Line,
    LineResult,
    PriceList,
    Receipt,
    Scenario,
    UnitCost,
    calculate,
)
from app.calculator.money import round_cents, round_half_up

D = Decimal


def cost(
    id: str = "x",
    amount: str = "100.00",
    unit: str = "month",
    *,
    payer: str = "gemeente",
    law: str | None = "jeugdwet",
    year: int = 2024,
    confidence: str = "verified",
    proxy: bool = False,
    aggregate_of: tuple[str, ...] = (),
) -> UnitCost:
    return UnitCost(
        id, f"Post {id}", D(amount), D(amount), D(amount), unit, payer, law, year,
        "https://example.org", confidence, proxy, aggregate_of,
    )  # fmt: skip


def custom(
    amount: str, unit: str = "month", *, payer: str = "gemeente", year: int | None = 2025
) -> CustomItem:
    return CustomItem("Eigen post", payer, None, D(amount), unit, year, "aanname", "partly")


def line(
    unit_cost: str | None = "x",
    quantity: str = "1",
    per: str = "month",
    start: int = 1,
    months: int = 1,
    probability: str = "100",
    item: CustomItem | None = None,
) -> Line:
    return Line(unit_cost, item, D(quantity), per, start, months, D(probability))


def run(
    status_quo: Sequence[Line] = (),
    breakthrough: Sequence[Line] = (),
    costs: Sequence[UnitCost] = (),
    horizon: int = 12,
    rate: Decimal = DEFAULT_DISCOUNT_RATE,
) -> Receipt:
    comparison = Comparison(
        Scenario("Doormodderen", tuple(status_quo)),
        Scenario("Doorbreken", tuple(breakthrough)),
        horizon,
        rate,
    )
    items = {c.id: c for c in costs} or {"x": cost()}
    return calculate(comparison, PriceList("v1", 2025, items))


def single(the_line: Line, *costs: UnitCost, horizon: int = 12, rate: str = "0.0225") -> LineResult:
    """The result of one line placed alone in the status quo."""
    receipt = run([the_line], [], costs or [cost()], horizon, D(rate))
    return receipt.status_quo.lines[0]


# --- units and periods ---------------------------------------------------------------------------


def test_per_month_counts_quantity_times_amount_each_month() -> None:
    # 100.00 x 3 per month x 4 months = 1,200.00
    assert single(line(quantity="3", months=4)).cost.central == D("1200.00")


def test_per_week_uses_52_twelfths_of_a_week_per_month() -> None:
    # 10.00 x 1 per week x 52/12 = 43.333... a month; 12 months = 10 x 52 = 520.00
    assert single(line(per="week", months=12), cost(amount="10.00")).cost.central == D("520.00")
    # one month: 43.333... -> 43.33
    assert single(line(per="week", months=1), cost(amount="10.00")).cost.central == D("43.33")


def test_per_year_uses_a_twelfth_per_month() -> None:
    # 1,000.00 per year: 83.333... a month; 7 months = 583.333... -> 583.33
    assert single(line(per="year", months=7), cost(amount="1000.00")).cost.central == D("583.33")
    # 12 months give exactly the yearly amount
    assert single(line(per="year", months=12), cost(amount="1000.00")).cost.central == D("1000.00")


def test_day_unit_with_days_per_week() -> None:
    # 10.00 a day, 7 days a week, 12 months: 10 x 7 x 52/12 x 12 = 3,640.00
    result = single(line(quantity="7", per="week", months=12), cost(amount="10.00", unit="day"))
    assert result.cost.central == D("3640.00")


@pytest.mark.parametrize("unit", ["once", "trajectory"])
def test_one_off_units_cost_amount_times_quantity_once(unit: str) -> None:
    # 250.00 x 2 = 500.00, once; "months: 6" and "per" do not multiply it
    result = single(line(quantity="2", per="", months=6), cost(amount="250.00", unit=unit))
    assert result.cost.central == D("500.00")
    assert result.months_counted == 1


def test_quantity_zero_costs_nothing() -> None:
    assert single(line(quantity="0", months=12)).cost.central == D("0.00")


# --- months, start month and the horizon ---------------------------------------------------------


def test_start_month_delays_the_cost() -> None:
    # 100.00 a month in months 4, 5, 6 = 300.00; nothing before month 4
    receipt = run([line(start=4, months=3)])
    assert receipt.status_quo.lines[0].cost.central == D("300.00")
    curve = [p.status_quo for p in receipt.cumulative]
    assert curve[:7] == [D("0.00")] * 3 + [D("100.00"), D("200.00"), D("300.00"), D("300.00")]


def test_months_past_the_horizon_are_cut_and_warned() -> None:
    # months 10..15 with a 12-month horizon: only 10, 11, 12 count = 300.00; 3 months cut
    receipt = run([line(start=10, months=6)])
    result = receipt.status_quo.lines[0]
    assert (result.months_counted, result.cost.central) == (3, D("300.00"))
    assert result.warnings == ("past_horizon",)
    (warning,) = receipt.warnings
    assert "maand 15" in warning.message
    assert "3 maand(en)" in warning.message


def test_a_line_ending_on_the_last_month_is_not_past_the_horizon() -> None:
    # months 7..12: exactly inside
    receipt = run([line(start=7, months=6)])
    assert receipt.status_quo.lines[0].cost.central == D("600.00")
    assert receipt.warnings == ()


def test_a_line_starting_after_the_horizon_counts_nothing() -> None:
    receipt = run([line(start=13, months=4)])
    result = receipt.status_quo.lines[0]
    assert (result.months_counted, result.cost.central) == (0, D("0.00"))
    assert receipt.warning_codes == ("past_horizon",)


def test_one_off_line_in_the_last_month_counts_and_after_it_does_not() -> None:
    once = cost("o", "500.00", "once")
    assert single(line("o", per="", start=12), once).cost.central == D("500.00")
    after = single(line("o", per="", start=13), once)
    assert (after.cost.central, after.warnings) == (D("0.00"), ("past_horizon",))


def test_a_longer_horizon_counts_more_months() -> None:
    # months 10..15 on a 24-month horizon: 6 months; month 13-15 are discounted at 10 %:
    # 3 x 100 + 3 x 100 / 1.1 = 300 + 272.7272... = 572.7272... -> 572.73
    result = single(line(start=10, months=6), horizon=24, rate="0.10")
    assert (result.months_counted, result.cost.central) == (6, D("572.73"))
    assert result.warnings == ()


# --- probability ---------------------------------------------------------------------------------


def test_probability_weights_the_line() -> None:
    # 1,000.00 a month x 12 months x 25 % = 3,000.00
    monthly = single(line(months=12, probability="25"), cost(amount="1000.00"))
    assert monthly.cost.central == D("3000.00")
    # 800.00 once x 12.5 % = 100.00
    once = single(line("o", per="", probability="12.5"), cost("o", "800.00", "once"))
    assert once.cost.central == D("100.00")


def test_probability_zero_contributes_nothing() -> None:
    assert single(line(months=12, probability="0")).cost.central == D("0.00")


# --- discounting ---------------------------------------------------------------------------------


def test_default_discount_rate_is_the_mkba_standard_rate() -> None:
    assert D("0.0225") == DEFAULT_DISCOUNT_RATE


def test_discounting_has_no_effect_within_the_first_year() -> None:
    # 100.00 x 12 = 1,200.00 whatever the rate, because months 1-12 are not discounted
    assert single(line(months=12), rate="0.15").cost.central == D("1200.00")


def test_discounting_divides_year_two_by_one_plus_the_rate() -> None:
    # 1,100.00 once at 10 %: month 12 -> 1,100.00; month 13 -> 1,100 / 1.1 = 1,000.00;
    # month 25 -> 1,100 / 1.21 = 909.0909... -> 909.09
    once = cost("o", "1100.00", "once")
    results = [
        single(line("o", per="", start=m), once, horizon=36, rate="0.10").cost.central
        for m in (12, 13, 25)
    ]
    assert results == [D("1100.00"), D("1000.00"), D("909.09")]


def test_discounting_over_three_years() -> None:
    # 1,000.00 a month for 36 months at 10 %:
    # 12,000 + 12,000 / 1.1 + 12,000 / 1.21 = 12,000 + 10,909.0909... + 9,917.3553...
    # = 32,826.4462... -> 32,826.45
    result = single(line(months=36), cost(amount="1000.00"), horizon=36, rate="0.10")
    assert result.cost.central == D("32826.45")


def test_discounting_at_the_default_rate_in_year_two() -> None:
    # 1,022.50 once in month 13 at 2.25 %: 1,022.50 / 1.0225 = 1,000.00
    once = cost("o", "1022.50", "once")
    assert single(line("o", per="", start=13), once, horizon=24).cost.central == D("1000.00")


# --- rounding ------------------------------------------------------------------------------------


def test_half_a_cent_rounds_away_from_zero() -> None:
    # 0.01 x 0.5 = 0.005 -> 0.01 (bankers' rounding would give 0.00)
    assert single(line(quantity="0.5"), cost(amount="0.01")).cost.central == D("0.01")
    # 0.05 x 0.5 = 0.025 -> 0.03 (bankers' rounding would give 0.02)
    assert single(line(quantity="0.5"), cost(amount="0.05")).cost.central == D("0.03")
    # just below half a cent rounds down: 0.004999 -> 0.00
    assert single(line(), cost(amount="0.004999")).cost.central == D("0.00")


def test_round_half_up_is_symmetric_for_negative_amounts() -> None:
    assert round_cents(Fraction(-1, 200)) == D("-0.01")  # -0.005 -> -0.01
    assert round_cents(Fraction(-1, 8)) == D("-0.13")  # -0.125 -> -0.13
    assert round_half_up(Fraction(2, 3), 2) == D("0.67")
    assert str(round_cents(Fraction(0))) == "0.00"


def test_a_line_is_rounded_once_not_per_month() -> None:
    # 0.01 per year: 0.000833... a month. Rounding each month would give 12 x 0.00 = 0.00;
    # rounding the line's exact total (0.01) gives 0.01.
    assert single(line(per="year", months=12), cost(amount="0.01")).cost.central == D("0.01")


def test_totals_are_sums_of_rounded_lines() -> None:
    # two lines of 0.005 each: each rounds to 0.01, so the total is 0.02 (not round(0.01))
    half_cent = line(quantity="0.5")
    receipt = run([half_cent, half_cent], [], [cost(amount="0.01")])
    assert receipt.status_quo.total.central == D("0.02")
    assert receipt.status_quo.by_payer[0].amount.central == D("0.02")


# --- payers, laws, deltas, return ----------------------------------------------------------------


def test_subtotals_per_payer_and_law_follow_the_fixed_order() -> None:
    costs = [
        cost("zv", "10.00", payer="zorgverzekeraar", law="zvw"),
        cost("g1", "20.00", payer="gemeente", law="jeugdwet"),
        cost("g2", "30.00", payer="gemeente", law=None),
        cost("g3", "40.00", payer="gemeente", law="pw"),
    ]
    receipt = run([line("zv"), line("g1"), line("g2"), line("g3")], [], costs)
    payers = [(s.key, s.label, s.amount.central) for s in receipt.status_quo.by_payer]
    assert payers == [
        ("gemeente", "Gemeente", D("90.00")),
        ("zorgverzekeraar", "Zorgverzekeraar", D("10.00")),
    ]
    laws = [(s.key, s.label, s.amount.central) for s in receipt.status_quo.by_law]
    assert laws == [
        ("pw", "Participatiewet", D("40.00")),
        ("jeugdwet", "Jeugdwet", D("20.00")),
        ("zvw", "Zvw", D("10.00")),
        (None, "Zonder wet", D("30.00")),
    ]


def test_payer_deltas_show_who_invests_and_who_saves() -> None:
    # gemeente: 1,000 -> 400 saves 600; zorgverzekeraar: 0 -> 300 invests 300;
    # rijk: 50 -> 50 neutral. Difference 1,050 - 750 = 300 = 600 - 300 + 0.
    costs = [
        cost("g", "1000.00"),
        cost("g-low", "400.00"),
        cost("zv", "300.00", payer="zorgverzekeraar", law="zvw"),
        cost("r", "50.00", payer="rijk", law=None),
    ]
    receipt = run([line("g"), line("r")], [line("g-low"), line("zv"), line("r")], costs)
    rows = [(p.payer, p.status_quo.central, p.breakthrough.central, p.delta.central, p.role)
            for p in receipt.payers]  # fmt: skip
    assert rows == [
        ("gemeente", D("1000.00"), D("400.00"), D("600.00"), "saves"),
        ("zorgverzekeraar", D("0.00"), D("300.00"), D("-300.00"), "invests"),
        ("rijk", D("50.00"), D("50.00"), D("0.00"), "neutral"),
    ]
    assert receipt.difference.central == D("300.00")
    assert [p.payer for p in receipt.investors] == ["zorgverzekeraar"]
    assert [p.payer for p in receipt.savers] == ["gemeente"]
    # 600 / 300 = 2.00 euro saved per euro invested
    assert (receipt.invested, receipt.saved, receipt.return_per_euro) == (
        D("300.00"),
        D("600.00"),
        D("2.00"),
    )


def test_return_per_euro_is_rounded_half_up_to_cents() -> None:
    # saved 200, invested 300: 0.666... -> 0.67
    costs = [cost("g", "200.00"), cost("zv", "300.00", payer="zorgverzekeraar", law="zvw")]
    receipt = run([line("g")], [line("zv")], costs)
    assert receipt.return_per_euro == D("0.67")


def test_return_per_euro_is_none_when_nobody_invests() -> None:
    receipt = run([line(months=2)], [line(months=1)])
    assert receipt.invested == D("0.00")
    assert receipt.return_per_euro is None


# --- break-even ----------------------------------------------------------------------------------


def test_break_even_is_the_first_month_from_which_breakthrough_stays_cheaper() -> None:
    # status quo 100 a month: 100, 200, 300, 400, ...; breakthrough 350 once in month 3:
    # 0, 0, 350, 350, ... Cheaper in months 1-2, dearer in month 3, cheaper again from month 4.
    costs = [cost(), cost("o", "350.00", "once")]
    receipt = run([line(months=12)], [line("o", per="", start=3)], costs)
    assert receipt.break_even_month == 4


def test_break_even_is_none_when_breakthrough_is_dearer_at_the_horizon() -> None:
    costs = [cost(), cost("o", "1300.00", "once")]
    receipt = run([line(months=12)], [line("o", per="", start=1)], costs)
    assert receipt.break_even_month is None


def test_equal_costs_break_even_in_month_one() -> None:
    receipt = run([line(months=12)], [line(months=12)])
    assert receipt.break_even_month == 1
    assert receipt.difference.central == D("0.00")


def test_cumulative_curve_ends_on_the_totals() -> None:
    receipt = run([line(months=12, quantity="0.333")], [line(per="week", months=5)])
    last = receipt.cumulative[-1]
    assert (last.status_quo, last.breakthrough) == (
        receipt.status_quo.total.central,
        receipt.breakthrough.total.central,
    )
    assert len(receipt.cumulative) == 12


# --- sensitivity ---------------------------------------------------------------------------------


def test_sensitivity_recalculates_with_low_and_high_amounts() -> None:
    ranged = UnitCost("r", "Post", D("80"), D("100"), D("150"), "month", "gemeente", None, 2024,
                      "bron", "partly")  # fmt: skip
    receipt = run([line("r", months=2)], [line("r", months=1)], [ranged])
    table = [(s.level, s.status_quo, s.breakthrough, s.difference) for s in receipt.sensitivity]
    assert table == [
        ("low", D("160.00"), D("80.00"), D("80.00")),
        ("central", D("200.00"), D("100.00"), D("100.00")),
        ("high", D("300.00"), D("150.00"), D("150.00")),
    ]


def test_custom_items_use_their_one_amount_at_every_level() -> None:
    result = single(line(None, quantity="2", months=3, item=custom("12.50")))
    assert result.unit_amount.low == result.unit_amount.high == D("12.50")
    assert (result.cost.low, result.cost.central, result.cost.high) == (D("75.00"),) * 3
    assert result.unit_cost is None


# --- warnings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "warned"), [(2019, True), (2020, False), (2025, False)])
def test_old_figure_means_more_than_five_years_before_the_base_year(
    year: int, warned: bool
) -> None:
    receipt = run([line()], [], [cost(year=year)])
    assert ("old_figure" in receipt.warning_codes) is warned


def test_old_custom_item_is_warned_and_a_custom_item_without_year_is_not() -> None:
    old = run([line(None, item=custom("1.00", year=2010))])
    assert old.warning_codes == ("old_figure",)
    undated = run([line(None, item=custom("1.00", year=None))])
    assert undated.warnings == ()


@pytest.mark.parametrize(
    ("confidence", "warned"),
    [("verified", False), ("partly", False), ("unverified", True), ("assumption", True)],
)
def test_unverified_figure_for_unverified_and_assumed_figures(
    confidence: str, warned: bool
) -> None:
    receipt = run([line()], [], [cost(confidence=confidence)])
    assert ("unverified_figure" in receipt.warning_codes) is warned


def test_proxy_figure_warning_names_every_line_using_it() -> None:
    receipt = run([line()], [line(), line(months=2)], [cost(proxy=True)])
    (warning,) = receipt.warnings
    assert warning.code == "proxy_figure"
    refs = [(r.scenario, r.index) for r in warning.lines]
    assert refs == [("status_quo", 0), ("breakthrough", 0), ("breakthrough", 1)]


def test_double_counting_within_one_scenario_names_both_lines() -> None:
    costs = [cost("total", aggregate_of=("part",)), cost("part")]
    same = run([line("total"), line("part")], [], costs)
    assert same.warning_codes == ("double_counting",)
    assert same.status_quo.lines[1].warnings == ("double_counting",)
    alone = run([line("total")], [line("total")], costs)
    assert alone.warnings == ()


@pytest.mark.parametrize("aggregate_in", ["status_quo", "breakthrough"])
def test_an_aggregate_in_one_scenario_and_its_part_in_the_other_is_double_counting(
    aggregate_in: str,
) -> None:
    costs = [cost("total", aggregate_of=("part",)), cost("part")]
    sides = ([line("total")], [line("part")])
    status_quo, breakthrough = sides if aggregate_in == "status_quo" else sides[::-1]
    receipt = run(status_quo, breakthrough, costs)
    (warning,) = receipt.warnings
    assert warning.code == "double_counting"
    assert {(ref.scenario, ref.index) for ref in warning.lines} == {
        ("status_quo", 0),
        ("breakthrough", 0),
    }
    assert "totaalbedrag" in warning.message
    assert "niet op dezelfde manier" in warning.message
    assert receipt.status_quo.lines[0].warnings == ("double_counting",)
    assert receipt.breakthrough.lines[0].warnings == ("double_counting",)


def test_warnings_come_in_the_documented_code_order() -> None:
    costs = [cost("a", year=2000, proxy=True, confidence="assumption")]
    receipt = run([line("a", start=12, months=2)], [], costs)
    assert receipt.warning_codes == (
        "old_figure",
        "unverified_figure",
        "proxy_figure",
        "past_horizon",
    )


# --- errors found while calculating --------------------------------------------------------------


def test_unknown_unit_cost_is_an_error_on_its_field() -> None:
    with pytest.raises(CalculatorError) as caught:
        run([line()], [line(), line("nope")])
    assert caught.value.field == "breakthrough.lines.1.unit_cost"
    assert "nope" in caught.value.message


def test_missing_period_for_a_recurring_unit_is_an_error() -> None:
    with pytest.raises(CalculatorError) as caught:
        run([line(per="")])
    assert caught.value.field == "status_quo.lines.0.per"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"months": 0}, "status_quo.lines.0.months"),
        ({"months": -3}, "status_quo.lines.0.months"),
        ({"start_month": 0}, "status_quo.lines.0.start_month"),
        ({"probability": D("100.01")}, "status_quo.lines.0.probability"),
        ({"probability": D("-1")}, "status_quo.lines.0.probability"),
        ({"quantity": D("-1")}, "status_quo.lines.0.quantity"),
        ({"quantity": D("NaN")}, "status_quo.lines.0.quantity"),
        ({"quantity": D("1E+9")}, "status_quo.lines.0.quantity"),
        ({"quantity": D("1E-30")}, "status_quo.lines.0.quantity"),
        ({"per": "day"}, "status_quo.lines.0.per"),
        ({"unit_cost": None}, "status_quo.lines.0.unit_cost"),
        ({"custom": CustomItem("x", "gemeente", None, D(1), "once", None, "", "partly")},
         "status_quo.lines.0.unit_cost"),
        ({"unit_cost": None,
          "custom": CustomItem("x", "buurman", None, D(1), "once", None, "", "partly")},
         "status_quo.lines.0.custom.payer"),
        ({"unit_cost": None,
          "custom": CustomItem("x", "gemeente", None, D(1), "km", None, "", "partly")},
         "status_quo.lines.0.custom.unit"),
    ],
)  # fmt: skip
def test_invalid_lines_are_refused_with_their_field(changes: dict[str, object], field: str) -> None:
    bad = replace(line(), **changes)
    with pytest.raises(CalculatorError) as caught:
        run([bad])
    assert caught.value.field == field
    assert caught.value.message


@pytest.mark.parametrize("horizon", [0, 6, 18, 120])
def test_horizon_must_be_one_of_the_fixed_choices(horizon: int) -> None:
    with pytest.raises(CalculatorError) as caught:
        run([line()], horizon=horizon)
    assert caught.value.field == "horizon_months"


@pytest.mark.parametrize("rate", ["-0.01", "0.1501", "1"])
def test_discount_rate_must_lie_between_0_and_15_percent(rate: str) -> None:
    with pytest.raises(CalculatorError) as caught:
        run([line()], rate=D(rate))
    assert caught.value.field == "discount_rate"
    assert "15 %" in caught.value.message


def test_calculator_error_is_a_value_error_with_field_and_message() -> None:
    error = CalculatorError("status_quo.lines.0.months", "Het aantal maanden moet minstens 1 zijn.")
    assert isinstance(error, ValueError)
    assert str(error) == "status_quo.lines.0.months: Het aantal maanden moet minstens 1 zijn."
