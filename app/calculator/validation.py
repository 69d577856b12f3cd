"""Checks on a comparison before it is calculated; every failure names its field path."""

from __future__ import annotations

from decimal import Decimal

from app.calculator.constants import (
    CONFIDENCES,
    HORIZONS,
    KINDS,
    LAW_LABELS,
    MAX_AMOUNT,
    MAX_DECIMALS,
    MAX_DISCOUNT_RATE,
    MAX_MONTHS,
    MAX_QUANTITY,
    ONE_OFF_UNITS,
    PAYER_LABELS,
    PER_FACTORS,
    UNITS,
)
from app.calculator.errors import CalculatorError, join_path
from app.calculator.model import Comparison, CustomItem, Line

_QUANTUM = Decimal(1).scaleb(-MAX_DECIMALS)
_HORIZON_TEXT = ", ".join(str(h) for h in HORIZONS[:-1]) + f" of {HORIZONS[-1]}"


def check_number(value: object, field: str, what: str, maximum: Decimal) -> Decimal:
    """A finite, non-negative Decimal of at most ``maximum`` with few decimals."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise CalculatorError(field, f"{what} moet een getal zijn.")
    if value < 0:
        raise CalculatorError(field, f"{what} mag niet negatief zijn.")
    if value > maximum:
        raise CalculatorError(field, f"{what} is te groot (hoogstens {maximum}).")
    if value != value.quantize(_QUANTUM):
        raise CalculatorError(field, f"{what} mag hoogstens {MAX_DECIMALS} decimalen hebben.")
    return value


def check_month(value: object, field: str, what: str) -> int:
    """A whole number of months from 1 to MAX_MONTHS."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise CalculatorError(field, f"{what} moet een geheel getal zijn.")
    if value < 1:
        raise CalculatorError(field, f"{what} moet minstens 1 zijn.")
    if value > MAX_MONTHS:
        raise CalculatorError(field, f"{what} mag hoogstens {MAX_MONTHS} zijn.")
    return value


def check_payer(value: object, field: str) -> None:
    if value not in PAYER_LABELS:
        raise CalculatorError(field, f"Onbekende betaler: {value!r}.")


def check_law(value: object, field: str) -> None:
    if value is not None and value not in LAW_LABELS:
        raise CalculatorError(field, f"Onbekende wet: {value!r}.")


def check_kind(value: object, field: str) -> None:
    if value not in KINDS:
        raise CalculatorError(
            field, f"Onbekende soort: {value!r}. Kies resource (middelen) of transfer (overdracht)."
        )


def check_unit(value: object, field: str) -> None:
    if value not in UNITS:
        raise CalculatorError(field, f"Onbekende eenheid: {value!r}.")


def check_per(per: str, unit: str | None, field: str) -> None:
    """``per`` must be a known period; it may be empty only for once/trajectory units."""
    if per == "" and unit is not None and unit not in ONE_OFF_UNITS:
        raise CalculatorError(field, "Kies per week, maand of jaar.")
    if per != "" and per not in PER_FACTORS:
        raise CalculatorError(field, f"Onbekende periode: {per!r}. Kies week, maand of jaar.")


def check_custom(item: CustomItem, path: str) -> None:
    if not isinstance(item.description, str) or not item.description.strip():
        raise CalculatorError(join_path(path, "description"), "Geef een omschrijving.")
    check_payer(item.payer, join_path(path, "payer"))
    check_law(item.law, join_path(path, "law"))
    check_number(item.amount, join_path(path, "amount"), "Het bedrag", MAX_AMOUNT)
    check_unit(item.unit, join_path(path, "unit"))
    year = item.year
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise CalculatorError(join_path(path, "year"), "Het jaar moet een geheel getal zijn.")
    check_kind(item.kind, join_path(path, "kind"))
    if item.confidence not in CONFIDENCES:
        raise CalculatorError(
            join_path(path, "confidence"), f"Onbekende betrouwbaarheid: {item.confidence!r}."
        )


def check_source(line: Line, path: str) -> None:
    """Exactly one of ``unit_cost`` and ``custom``."""
    if line.unit_cost is not None and line.custom is not None:
        raise CalculatorError(
            join_path(path, "unit_cost"), "Kies een kengetal óf een eigen post, niet allebei."
        )
    if line.custom is not None:
        check_custom(line.custom, join_path(path, "custom"))
        return
    if not isinstance(line.unit_cost, str) or not line.unit_cost:
        raise CalculatorError(
            join_path(path, "unit_cost"), "Kies een kengetal of vul een eigen post in."
        )


def check_line(line: Line, path: str) -> None:
    """Everything about a line that does not need the price list."""
    check_source(line, path)
    check_number(line.quantity, join_path(path, "quantity"), "De hoeveelheid", MAX_QUANTITY)
    unit = line.custom.unit if line.custom is not None else None
    check_per(line.per, unit, join_path(path, "per"))
    check_month(line.start_month, join_path(path, "start_month"), "De startmaand")
    check_month(line.months, join_path(path, "months"), "Het aantal maanden")
    check_probability(line.probability, join_path(path, "probability"))


def check_probability(value: object, field: str) -> None:
    """A percentage from 0 to 100."""
    if isinstance(value, Decimal) and value.is_finite() and not 0 <= value <= 100:
        raise CalculatorError(field, "De kans ligt tussen 0 en 100 %.")
    check_number(value, field, "De kans", Decimal(100))


def check_horizon(horizon: object, field: str = "horizon_months") -> None:
    if isinstance(horizon, bool) or horizon not in HORIZONS:
        raise CalculatorError(field, f"Kies een horizon van {_HORIZON_TEXT} maanden.")


def check_discount_rate(rate: object, field: str = "discount_rate") -> None:
    """``rate`` is a fraction; the user sees and types percentages."""
    if not isinstance(rate, Decimal) or not rate.is_finite() or not 0 <= rate <= MAX_DISCOUNT_RATE:
        raise CalculatorError(
            field, f"De discontovoet ligt tussen 0 en {MAX_DISCOUNT_RATE * 100:.0f} %."
        )
    if rate != rate.quantize(_QUANTUM):
        raise CalculatorError(field, "De discontovoet heeft te veel decimalen.")


def check_comparison(comparison: Comparison) -> None:
    """Raise CalculatorError for the first invalid field of ``comparison``."""
    check_horizon(comparison.horizon_months)
    check_discount_rate(comparison.discount_rate)
    for key, scenario in comparison.scenarios():
        if not isinstance(scenario.title, str):
            raise CalculatorError(join_path(key, "title"), "De titel moet tekst zijn.")
        for index, line in enumerate(scenario.lines):
            check_line(line, join_path(join_path(key, "lines"), index))
