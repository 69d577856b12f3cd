"""A case amount quoted in text must be what the calculator gives for that case."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from app.content import Problem
from app.content.check_amounts import matches, quoted_amounts

CASE = "cases/c1-anna-en-bo.yaml"
RETURN = "  return: De gemeente bespaart een half jaar gezinshuis."
Check = Callable[[Path], list[Problem]]
Edit = Callable[[str, str, str], None]
D = Decimal


def test_quotes_carry_the_precision_they_were_written_with() -> None:
    text = "ongeveer € 59.700, € 1.950 extra, € 163,59 per dag, € 500, € 201 miljoen"
    assert list(quoted_amounts(text)) == [
        (D("59700"), D("100")),
        (D("1950"), D("10")),
        (D("163.59"), D("0.01")),
        (D("500"), D("100")),
    ]


@pytest.mark.parametrize(
    ("quote", "place", "value", "matched"),
    [
        ("59700", "100", "59710.35", True),
        ("59700", "100", "59650.00", True),
        ("59700", "100", "59649.99", False),
        ("37000", "1000", "36500.00", True),
        ("163.59", "0.01", "163.59", True),
        ("163.59", "0.01", "163.60", False),
        ("2600", "100", "-2600.00", True),  # a payer's delta is quoted without its sign
    ],
)
def test_a_quote_matches_a_value_that_rounds_to_it(
    quote: str, place: str, value: str, matched: bool
) -> None:
    assert matches(D(quote), D(place), [D(value)]) is matched


def test_the_calculators_own_total_may_be_quoted(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, RETURN, "  return: Doormodderen kost ongeveer € 61.700, doorbreken € 40.012,76.")
    assert check(course) == []


def test_a_quoted_amount_the_calculator_does_not_give_fails_the_check(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, RETURN, "  return: Doormodderen kost ongeveer € 59.700 per jaar.")
    (problem,) = check(course)
    assert problem.file == CASE
    assert "quotes € 59700" in problem.message
    assert "update the text" in problem.message
