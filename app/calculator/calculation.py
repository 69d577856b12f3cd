"""calculate(comparison, prices) -> Receipt; steps in docs/algorithms/kassabon.md."""

from __future__ import annotations

from decimal import Decimal

from app.calculator.constants import LEVELS
from app.calculator.lines import (
    Discounts,
    ResolvedLine,
    discount_factors,
    last_cost_month,
    month_costs,
    months_counted,
    resolve_line,
)
from app.calculator.model import Comparison, PriceList
from app.calculator.money import ZERO
from app.calculator.receipt import Amounts, LineRef, LineResult, Receipt, ReceiptWarning
from app.calculator.summary import (
    break_even_month,
    cumulative_points,
    investment_and_return,
    payer_deltas,
    payer_label,
    scenario_result,
    sensitivity,
)
from app.calculator.validation import check_comparison
from app.calculator.warning_rules import codes_for, find_warnings


def calculate(comparison: Comparison, prices: PriceList) -> Receipt:
    """The kassabon of ``comparison`` with the figures of ``prices``.

    Raises CalculatorError (with a field path) for invalid input or an unknown unit cost.
    """
    check_comparison(comparison)
    horizon = comparison.horizon_months
    discounts = discount_factors(horizon, comparison.discount_rate)
    resolved = [
        [resolve_line(line, key, index, prices) for index, line in enumerate(scenario.lines)]
        for key, scenario in comparison.scenarios()
    ]
    warnings = find_warnings(resolved, prices.base_year, horizon)
    last = max((last_cost_month(r) for lines in resolved for r in lines), default=0)
    results = []
    curves = []
    for (key, scenario), lines in zip(comparison.scenarios(), resolved, strict=True):
        computed = [_line_result(r, discounts, warnings) for r in lines]
        results.append(scenario_result(key, scenario.title, tuple(c[0] for c in computed)))
        curves.append(_sum_curves([c[1] for c in computed], horizon))
    status_quo, breakthrough = results
    payers = payer_deltas(status_quo, breakthrough)
    invested, saved, return_per_euro = investment_and_return(payers)
    points = cumulative_points(curves[0], curves[1])
    return Receipt(
        price_list_version=prices.version,
        base_year=prices.base_year,
        horizon_months=horizon,
        discount_rate=comparison.discount_rate,
        status_quo=status_quo,
        breakthrough=breakthrough,
        difference=status_quo.total - breakthrough.total,
        difference_resources=status_quo.resources - breakthrough.resources,
        payers=payers,
        invested=invested,
        saved=saved,
        return_per_euro=return_per_euro,
        break_even_month=break_even_month(points),
        cumulative=points,
        sensitivity=sensitivity(status_quo.total, breakthrough.total),
        warnings=warnings,
        last_cost_month=last,
    )


def _line_result(
    resolved: ResolvedLine, discounts: Discounts, warnings: tuple[ReceiptWarning, ...]
) -> tuple[LineResult, list[Decimal]]:
    """The receipt line and its cumulative central cost per month (rounded to cents)."""
    line, figure = resolved.line, resolved.figure
    costs = {level: month_costs(resolved, level, discounts) for level in LEVELS}
    cost = Amounts(*(costs[level].total() for level in LEVELS))
    result = LineResult(
        scenario=resolved.scenario,
        index=resolved.index,
        unit_cost=figure.unit_cost,
        description=figure.description,
        payer=figure.payer,
        payer_label=payer_label(figure.payer),
        law=figure.law,
        unit=figure.unit,
        quantity=line.quantity,
        per=line.per,
        start_month=line.start_month,
        months=line.months,
        months_counted=months_counted(line, figure.unit, len(discounts.numerators)),
        probability=line.probability,
        unit_amount=figure.amounts,
        year=figure.year,
        source=figure.source,
        confidence=figure.confidence,
        proxy=figure.proxy,
        note=line.note,
        cost=cost,
        warnings=codes_for(warnings, LineRef(resolved.scenario, resolved.index)),
        kind=figure.kind,
        indexed_amount=figure.indexed,
        index_status=figure.index.status,
    )
    return result, costs["central"].cumulative()


def _sum_curves(curves: list[list[Decimal]], horizon: int) -> list[Decimal]:
    """Month-by-month sum of the lines' cumulative costs."""
    return [sum((curve[month] for curve in curves), ZERO) for month in range(horizon)]
