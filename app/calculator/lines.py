"""Steps 2-3 of the calculation: resolve a line's figure, spread its cost over the months."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from app.calculator.constants import (
    LEVELS,
    MAX_AMOUNT,
    ONE_OFF_UNITS,
    PER_FACTORS,
)
from app.calculator.errors import CalculatorError, join_path
from app.calculator.indexing import Indexation, indexation, indexed_amount
from app.calculator.model import Line, PriceList
from app.calculator.money import round_ratio
from app.calculator.receipt import Amounts
from app.calculator.validation import (
    check_kind,
    check_number,
    check_payer,
    check_per,
    check_unit,
)


@dataclass(frozen=True, slots=True)
class Figure:
    """The price a line uses, whether from the price list or typed in."""

    unit_cost: str | None
    description: str
    payer: str
    law: str | None
    unit: str
    amounts: Amounts
    year: int | None
    source: str
    confidence: str
    proxy: bool
    aggregate_of: tuple[str, ...]
    kind: str
    index: Indexation
    indexed: Amounts  # the amounts at base-year prices: what the line computes with


@dataclass(frozen=True, slots=True)
class ResolvedLine:
    scenario: str
    index: int
    line: Line
    figure: Figure


def resolve_line(line: Line, scenario: str, index: int, prices: PriceList) -> ResolvedLine:
    """Attach the figure; unknown or broken price-list entries are errors on ``unit_cost``."""
    path = join_path(join_path(scenario, "lines"), index)
    if line.custom is not None:
        item = line.custom
        amounts = Amounts(item.amount, item.amount, item.amount)
        indexing = indexation(prices.cpi, item.year, prices.base_year)
        figure = Figure(
            None, item.description, item.payer, item.law, item.unit, amounts,
            item.year, item.source, item.confidence, False, (), item.kind, indexing,
            _indexed(amounts, indexing),
        )  # fmt: skip
    else:
        figure = _price_list_figure(str(line.unit_cost), prices, join_path(path, "unit_cost"))
    check_per(line.per, figure.unit, join_path(path, "per"))
    return ResolvedLine(scenario, index, line, figure)


def _price_list_figure(unit_cost: str, prices: PriceList, field: str) -> Figure:
    cost = prices.items.get(unit_cost)
    if cost is None:
        raise CalculatorError(field, f"Onbekend kengetal: {unit_cost!r}.")
    check_unit(cost.unit, field)
    check_payer(cost.payer, field)
    for level in LEVELS:
        check_number(getattr(cost, level), field, f"Het bedrag van {unit_cost}", MAX_AMOUNT)
    check_kind(cost.kind, field)
    amounts = Amounts(cost.low, cost.central, cost.high)
    index = indexation(prices.cpi, cost.year, prices.base_year)
    return Figure(
        cost.id, cost.description, cost.payer, cost.law, cost.unit, amounts, cost.year,
        cost.source, cost.confidence, cost.proxy, tuple(cost.aggregate_of), cost.kind, index,
        _indexed(amounts, index),
    )  # fmt: skip


def _indexed(amounts: Amounts, index: Indexation) -> Amounts:
    return Amounts(*(indexed_amount(amounts.at(level), index) for level in LEVELS))


@dataclass(frozen=True, slots=True)
class Discounts:
    """Discount factor of each month 1..horizon as ``numerators[m - 1] / denominator``.

    The factor is 1 / (1 + rate) ** ((m - 1) // 12). One common denominator keeps the month
    sums in integer arithmetic, which is exact and much faster than adding fractions.
    """

    numerators: tuple[int, ...]
    denominator: int


def discount_factors(horizon: int, rate: Decimal) -> Discounts:
    rate_fraction = Fraction(rate)
    base, growth = rate_fraction.denominator, rate_fraction.denominator + rate_fraction.numerator
    last_year = (horizon - 1) // 12
    per_year = [base**year * growth ** (last_year - year) for year in range(last_year + 1)]
    numerators = tuple(per_year[(month - 1) // 12] for month in range(1, horizon + 1))
    return Discounts(numerators, growth**last_year)


def is_one_off(unit: str) -> bool:
    return unit in ONE_OFF_UNITS


def last_month(line: Line, unit: str) -> int:
    """The last month the line runs in (a one-off line runs only in its start month)."""
    return line.start_month if is_one_off(unit) else line.start_month + line.months - 1


def last_cost_month(resolved: ResolvedLine) -> int:
    """The last month the line costs anything (0 for a line that never costs anything)."""
    line, figure = resolved.line, resolved.figure
    if line.quantity == 0 or line.probability == 0 or figure.indexed.high == 0:
        return 0
    return last_month(line, figure.unit)


def months_counted(line: Line, unit: str, horizon: int) -> int:
    """How many of the line's months (or its one payment) fall within the horizon."""
    return max(0, min(last_month(line, unit), horizon) - line.start_month + 1)


@dataclass(frozen=True, slots=True)
class MonthCosts:
    """Exact cost of a line in each month of the horizon: ``numerators[m - 1] / denominator``."""

    numerators: list[int]
    denominator: int

    def total(self) -> Decimal:
        """The line cost: the exact sum of the months, rounded once to cents."""
        return round_ratio(sum(self.numerators), self.denominator)

    def cumulative(self) -> list[Decimal]:
        """The cost up to and including each month, each rounded once to cents."""
        running = 0
        result: list[Decimal] = []
        for numerator in self.numerators:
            running += numerator
            result.append(round_ratio(running, self.denominator))
        return result


def month_costs(resolved: ResolvedLine, level: str, discounts: Discounts) -> MonthCosts:
    """Cost of the line in each month: amount x quantity x probability (x factor), discounted."""
    line, figure = resolved.line, resolved.figure
    base = Fraction(figure.indexed.at(level)) * Fraction(line.quantity)
    base *= Fraction(line.probability) / 100
    if not is_one_off(figure.unit):
        base *= PER_FACTORS[line.per]
    horizon = len(discounts.numerators)
    numerators = [0] * horizon
    for month in range(line.start_month, min(last_month(line, figure.unit), horizon) + 1):
        numerators[month - 1] = base.numerator * discounts.numerators[month - 1]
    return MonthCosts(numerators, base.denominator * discounts.denominator)
