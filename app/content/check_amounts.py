"""Amounts quoted in a case's text must be what the calculator gives for that case.

A quoted amount ("ongeveer € 59.700", "€ 1.950", "€ 163,59") matches a known amount when the
known amount, rounded to the precision of the quote, equals it: "€ 59.700" is rounded to the
hundred, "€ 37.000" to the thousand, "€ 1.950" to the ten, "€ 163,59" to the cent. Known amounts
are everything the calculator gives for the case at every horizon (totals, differences, the MKBA
view, transfers, payer amounts and deltas, line costs, a recurring line's cost per year, all at
low, central and high) and the amounts of the price-list figures (as published and indexed).
Amounts in millions ("€ 201 miljoen") are national context and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction

from app.calculator import (
    HORIZONS,
    PER_FACTORS,
    Amounts,
    CalculatorError,
    PriceList,
    Receipt,
    calculate,
    comparison_from_mapping,
)
from app.content.cases import Case
from app.content.pricing import comparison_mapping
from app.content.problems import Problem
from app.content.sources import Parsed
from app.content.yamlsource import KeyPath

QUOTE = re.compile(r"€\s?(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d{2}))?(?!\d)(?!\s*(?:miljoen|miljard))")


def quoted_amounts(text: str) -> Iterator[tuple[Decimal, Decimal]]:
    """Every quoted amount in ``text`` with the precision it was quoted at."""
    for match in QUOTE.finditer(text):
        whole, cents = match.group(1).replace(".", ""), match.group(2)
        if cents is not None:
            yield Decimal(f"{whole}.{cents}"), Decimal("0.01")
            continue
        zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
        yield Decimal(whole), Decimal(10) ** min(zeros, 3)


def matches(quote: Decimal, place: Decimal, known: Iterable[Decimal]) -> bool:
    """Some known amount, rounded half up to ``place``, equals ``quote``."""
    for value in known:
        rounded = (Fraction(abs(value)) / Fraction(place) + Fraction(1, 2)).__floor__()
        if Decimal(rounded) * place == quote:
            return True
    return False


def known_amounts(case: Case, prices: PriceList) -> set[Decimal]:
    amounts: set[Decimal] = set()
    for item in prices.items.values():
        amounts.update((item.low, item.central, item.high))
    for option in range(len(case.scenarios.breakthroughs)):
        for horizon in HORIZONS:
            mapping = comparison_mapping(case, option)
            mapping["horizon_months"] = horizon
            try:
                receipt = calculate(comparison_from_mapping(mapping), prices)
            except CalculatorError:
                return amounts  # reported by the calculation check
            amounts.update(_receipt_amounts(receipt))
    return amounts


def _receipt_amounts(receipt: Receipt) -> Iterator[Decimal]:
    groups: list[Amounts] = [receipt.difference, receipt.difference_resources]
    for scenario in (receipt.status_quo, receipt.breakthrough):
        groups += [scenario.total, scenario.transfers, scenario.resources]
        groups += [subtotal.amount for subtotal in (*scenario.by_payer, *scenario.by_law)]
        for line in scenario.lines:
            groups += [line.cost, line.indexed_amount, line.unit_amount]
            if line.per in PER_FACTORS:
                factor = PER_FACTORS[line.per] * 12 * Fraction(line.quantity)
                yield Decimal(float(Fraction(line.indexed_amount.central) * factor))
    for payer in receipt.payers:
        groups += [payer.status_quo, payer.breakthrough, payer.delta]
    for amounts in groups:
        yield from (amounts.low, amounts.central, amounts.high)


def check_quoted_amounts(case: Parsed[Case], prices: PriceList) -> list[Problem]:
    known = known_amounts(case.model, prices)
    problems = []
    for path, text in _texts(case.raw, ()):
        for quote, place in quoted_amounts(text):
            if not matches(quote, place, known):
                message = (
                    f"the text quotes € {quote} but the calculator gives no amount that rounds to "
                    "it for this case (at any horizon); update the text"
                )
                problems.append(Problem(case.file, case.lines.line(path), message))
    return problems


def _texts(value: object, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "custom":  # a custom item's amount is a figure, not a quote
                yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
