"""Exact amounts and the one rounding rule.

Inside a line everything is exact (fractions, or integers over one common denominator). A
line's cost is rounded once to whole cents, half a cent away from zero (``ROUND_HALF_UP``);
every subtotal and total is a sum of such rounded line costs, so the totals always equal the
sum of their parts.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

ZERO = Decimal("0.00")


def round_ratio(numerator: int, denominator: int, places: int = 2) -> Decimal:
    """``numerator / denominator`` (denominator > 0) rounded to ``places`` decimals.

    A tie goes away from zero: 0.125 -> 0.13 and -0.125 -> -0.13. Pure integer arithmetic:
    floor(x + 1/2) for x = |numerator| * 10**places / denominator.
    """
    scaled = 2 * abs(numerator) * 10**places
    units = (scaled + denominator) // (2 * denominator)
    return Decimal(-units if numerator < 0 else units).scaleb(-places)


def round_half_up(value: Fraction, places: int) -> Decimal:
    """Round an exact value to ``places`` decimals, a tie away from zero."""
    return round_ratio(value.numerator, value.denominator, places)


def round_cents(value: Fraction) -> Decimal:
    """An exact euro amount rounded to whole cents (the rounding rule of the receipt)."""
    return round_half_up(value, 2)


def ratio(numerator: Decimal, denominator: Decimal, places: int = 2) -> Decimal:
    """``numerator / denominator`` computed exactly, then rounded half up to ``places``."""
    return round_half_up(Fraction(numerator) / Fraction(denominator), places)
