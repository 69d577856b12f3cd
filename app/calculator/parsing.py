"""Build calculator input from plain dicts (parsed YAML or JSON) in the LINE shape.

The shape is the one of docs/content-format.md. Every error is a CalculatorError whose
``field`` is the dotted path of the offending value, e.g. ``"breakthrough.lines.2.probability"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from app.calculator.constants import DEFAULT_DISCOUNT_RATE, DEFAULT_HORIZON, SCENARIO_LABELS
from app.calculator.errors import CalculatorError, join_path
from app.calculator.model import Comparison, CustomItem, Line, Scenario
from app.calculator.validation import (
    check_comparison,
    check_custom,
    check_discount_rate,
    check_line,
)

LINE_KEYS = frozenset(
    {"unit_cost", "custom", "quantity", "per", "start_month", "months", "probability", "note"}
)
CUSTOM_KEYS = frozenset(
    {"description", "payer", "law", "amount", "unit", "year", "source", "confidence", "kind"}
)
COMPARISON_KEYS = frozenset({"horizon_months", "discount_rate", "status_quo", "breakthrough"})
# A case file's scenario also carries these; the calculator does not need them.
SCENARIO_KEYS = frozenset({"title", "lines", "description", "id", "articles"})

_MISSING = object()


def line_from_mapping(data: Mapping[str, object], path: str = "") -> Line:
    """One LINE. ``path`` prefixes every error field (``"status_quo.lines.0"``)."""
    fields = _mapping(data, path, LINE_KEYS)
    custom_data = fields.get("custom")
    unit_cost = fields.get("unit_cost")
    if unit_cost is not None and not isinstance(unit_cost, str):
        raise CalculatorError(join_path(path, "unit_cost"), "Het kengetal moet een id zijn.")
    line = Line(
        unit_cost=unit_cost,
        custom=None if custom_data is None else _custom(custom_data, join_path(path, "custom")),
        quantity=_decimal(fields, "quantity", path, "De hoeveelheid"),
        per=_text(fields, "per", path, "De periode", default=""),
        start_month=_integer(fields, "start_month", path, "De startmaand", default=1),
        months=_integer(fields, "months", path, "Het aantal maanden"),
        probability=_decimal(fields, "probability", path, "De kans", default=Decimal(100)),
        note=_text(fields, "note", path, "De toelichting", default=""),
    )
    check_line(line, path)
    return line


def comparison_from_mapping(data: Mapping[str, object]) -> Comparison:
    """A whole comparison; ``discount_rate`` is given in percent (``2.25``) and is optional."""
    fields = _mapping(data, "", COMPARISON_KEYS)
    comparison = Comparison(
        status_quo=_scenario(fields, "status_quo"),
        breakthrough=_scenario(fields, "breakthrough"),
        horizon_months=_integer(fields, "horizon_months", "", "De horizon", DEFAULT_HORIZON),
        discount_rate=_discount_rate(fields),
    )
    check_comparison(comparison)
    return comparison


def _discount_rate(fields: Mapping[str, object]) -> Decimal:
    """The rate in percent (optional) as a fraction per year."""
    default = DEFAULT_DISCOUNT_RATE * 100
    percent = _decimal(fields, "discount_rate", "", "De discontovoet", default=default)
    # Divide only sane numbers (a huge or NaN percentage would make Decimal raise); the check
    # then reports any value outside 0..15 % on the "discount_rate" field.
    sane = percent.is_finite() and abs(percent) <= 100
    check_discount_rate(percent / 100 if sane else percent)
    return percent / 100


def _scenario(fields: Mapping[str, object], key: str) -> Scenario:
    if key not in fields:
        raise CalculatorError(key, "Dit scenario ontbreekt.")
    scenario = _mapping(fields[key], key, SCENARIO_KEYS)
    title = _text(scenario, "title", key, "De titel", default=SCENARIO_LABELS[key])
    raw_lines = scenario.get("lines", [])
    lines_path = join_path(key, "lines")
    if not isinstance(raw_lines, Sequence) or isinstance(raw_lines, str | bytes):
        raise CalculatorError(lines_path, "Verwacht een lijst met regels.")
    lines = tuple(
        line_from_mapping(_as_mapping(item, join_path(lines_path, i)), join_path(lines_path, i))
        for i, item in enumerate(raw_lines)
    )
    return Scenario(title=title, lines=lines)


def _custom(data: object, path: str) -> CustomItem:
    fields = _mapping(data, path, CUSTOM_KEYS)
    law = fields.get("law")
    if law is not None and not isinstance(law, str):
        raise CalculatorError(join_path(path, "law"), "De wet moet een id zijn.")
    year = fields.get("year")
    item = CustomItem(
        description=_text(fields, "description", path, "De omschrijving"),
        payer=_text(fields, "payer", path, "De betaler"),
        law=law,
        amount=_decimal(fields, "amount", path, "Het bedrag"),
        unit=_text(fields, "unit", path, "De eenheid"),
        year=None if year is None else _integer(fields, "year", path, "Het jaar"),
        source=_text(fields, "source", path, "De bron", default=""),
        confidence=_text(fields, "confidence", path, "De betrouwbaarheid", "assumption"),
        kind=_text(fields, "kind", path, "De soort", "resource"),
    )
    check_custom(item, path)
    return item


def _as_mapping(data: object, path: str) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        raise CalculatorError(path, "Verwacht een object met velden.")
    return data


def _mapping(data: object, path: str, allowed: frozenset[str]) -> Mapping[str, object]:
    """``data`` as a mapping with only ``allowed`` keys."""
    mapping = _as_mapping(data, path)
    for key in mapping:
        if key not in allowed:
            raise CalculatorError(join_path(path, str(key)), "Onbekend veld.")
    return mapping


def _get(fields: Mapping[str, object], key: str, path: str, default: object) -> object:
    """The value of ``key``; an absent or null optional field takes its default."""
    value = fields.get(key)
    if value is None:
        value = default
    if value is _MISSING:
        raise CalculatorError(join_path(path, key), "Dit veld ontbreekt.")
    return value


def _decimal(
    fields: Mapping[str, object], key: str, path: str, what: str, default: object = _MISSING
) -> Decimal:
    """A number from a string ("163.59" or "163,59"), an int or a float."""
    value = _get(fields, key, path, default)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = repr(value)
    if isinstance(value, str):
        text = value.strip()
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            pass
    raise CalculatorError(join_path(path, key), f"{what} moet een getal zijn.")


def _integer(
    fields: Mapping[str, object], key: str, path: str, what: str, default: object = _MISSING
) -> int:
    """A whole number from an int, an integral float or a string of digits."""
    value = _get(fields, key, path, default)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise CalculatorError(join_path(path, key), f"{what} moet een geheel getal zijn.")


def _text(
    fields: Mapping[str, object], key: str, path: str, what: str, default: object = _MISSING
) -> str:
    value = _get(fields, key, path, default)
    if not isinstance(value, str):
        raise CalculatorError(join_path(path, key), f"{what} moet tekst zijn.")
    return value
