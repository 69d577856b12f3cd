"""Step 2b of the calculation: index a figure from its price year to the base year (CBS CPI).

The price list carries the CBS consumer price index as **yearly percentage changes** of the
yearly average (``cpi[2024] = Decimal("3.3")``: prices in 2024 were on average 3.3 % higher
than in 2023), the numbers CBS publishes. The factor from year ``y`` to base year ``b`` is the
exact product of ``1 + change / 100`` for every year ``y + 1 .. b``. The indexed amount is that
exact product times the amount, rounded once to whole cents, half away from zero (the receipt's
one rounding rule); the line then computes with that amount. See docs/algorithms/kassabon.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from app.calculator.money import round_cents

# Why an amount was or was not indexed (``LineResult.index_status``).
INDEXED = "indexed"  # year before the base year, every change known: indexed
BASE_YEAR = "base_year"  # the figure is from the base year: nothing to do
NO_YEAR = "no_year"  # a custom item without a year: taken as base-year prices
AFTER_BASE = "after_base"  # a figure from after the base year: left as it is
MISSING = "missing"  # a yearly change between the figure's year and the base year is missing
NO_SERIES = "no_series"  # the price list has no CPI (calculations saved before indexing)


@dataclass(frozen=True, slots=True)
class Indexation:
    status: str
    factor: Fraction  # 1 unless ``status`` is INDEXED
    missing: tuple[int, ...] = ()  # the years without a change (status MISSING)


def indexation(cpi: Mapping[int, Decimal], year: int | None, base_year: int) -> Indexation:
    """How an amount from ``year`` is brought to ``base_year`` prices."""
    if not cpi:
        return Indexation(NO_SERIES, Fraction(1))
    if year is None:
        return Indexation(NO_YEAR, Fraction(1))
    if year == base_year:
        return Indexation(BASE_YEAR, Fraction(1))
    if year > base_year:
        return Indexation(AFTER_BASE, Fraction(1))
    years = range(year + 1, base_year + 1)
    missing = tuple(y for y in years if y not in cpi)
    if missing:
        return Indexation(MISSING, Fraction(1), missing)
    factor = Fraction(1)
    for y in years:
        factor *= 1 + Fraction(cpi[y]) / 100
    return Indexation(INDEXED, factor)


def indexed_amount(amount: Decimal, index: Indexation) -> Decimal:
    """The amount at base-year prices: rounded to cents when indexed, else unchanged."""
    if index.status != INDEXED:
        return amount
    return round_cents(Fraction(amount) * index.factor)
