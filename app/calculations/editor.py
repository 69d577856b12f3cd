"""The calculation editor's form: flat form fields <-> the calculator's comparison mapping.

Pure: no web or database imports. Form field names are the calculator's error paths
(``breakthrough.lines.2.probability``, ``status_quo.lines.0.custom.amount``), so an error names
its input directly. A line that is entirely blank (no unit cost, no custom description or
amount) is left out of the calculation; ``Positions`` maps the calculator's line indexes back
to the form's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from app.calculator import DEFAULT_DISCOUNT_RATE, DEFAULT_HORIZON
from app.numbers import whole_number

SCENARIOS: tuple[str, str] = ("status_quo", "breakthrough")
LINE_FIELDS: tuple[str, ...] = (
    "unit_cost",
    "quantity",
    "per",
    "start_month",
    "months",
    "probability",
    "note",
)
CUSTOM_FIELDS: tuple[str, ...] = (
    "description",
    "payer",
    "law",
    "amount",
    "unit",
    "year",
    "source",
    "confidence",
    "kind",
)
OPTIONAL_CUSTOM: frozenset[str] = frozenset({"law", "year", "confidence", "kind"})
MAX_LINES = 40
MAX_TITLE = 200
DEFAULT_DISCOUNT_TEXT = format((DEFAULT_DISCOUNT_RATE * 100).normalize(), "f").replace(".", ",")
NEW_LINE: Mapping[str, str] = {
    "quantity": "1",
    "per": "month",
    "start_month": "1",
    "months": "12",
    "probability": "100",
    "custom.confidence": "assumption",
    "custom.kind": "resource",
}
_LINE_KEY = re.compile(r"^(status_quo|breakthrough)\.lines\.(\d{1,3})\.((?:custom\.)?[a-z_]+)$")
_LINE_PATH = re.compile(r"^(status_quo|breakthrough)\.lines\.(\d+)(\..*)?$")
_KNOWN_KEYS = frozenset({*LINE_FIELDS, *(f"custom.{name}" for name in CUSTOM_FIELDS)})

Positions = dict[str, list[int]]


@dataclass
class LineFields:
    """The raw text of one line's inputs, keyed ``quantity`` ... ``custom.amount``."""

    values: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    @property
    def is_blank(self) -> bool:
        return not (
            self.get("unit_cost") or self.get("custom.description") or self.get("custom.amount")
        )

    @property
    def is_custom(self) -> bool:
        return not self.get("unit_cost") and not self.is_blank


@dataclass
class ScenarioFields:
    key: str
    title: str
    lines: list[LineFields]


@dataclass
class EditorFields:
    """Everything the editor shows, exactly as typed."""

    title: str
    horizon_months: str
    discount_rate: str
    scenarios: dict[str, ScenarioFields]

    def scenario(self, key: str) -> ScenarioFields:
        return self.scenarios[key]


def new_line() -> LineFields:
    return LineFields(dict(NEW_LINE))


def empty_fields(title: str = "") -> EditorFields:
    """A new calculation: one blank line per scenario."""
    return EditorFields(
        title=title,
        horizon_months=str(DEFAULT_HORIZON),
        discount_rate=DEFAULT_DISCOUNT_TEXT,
        scenarios={key: ScenarioFields(key, "", [new_line()]) for key in SCENARIOS},
    )


def fields_from_form(form: Mapping[str, str]) -> EditorFields:
    """Read the submitted editor; lines keep their order, gaps in the numbering close."""
    found: dict[str, dict[int, dict[str, str]]] = {key: {} for key in SCENARIOS}
    for name, value in form.items():
        match = _LINE_KEY.match(name)
        if match and match.group(3) in _KNOWN_KEYS:
            found[match.group(1)].setdefault(int(match.group(2)), {})[match.group(3)] = value
    scenarios = {
        key: ScenarioFields(
            key,
            form.get(f"{key}.title", "").strip(),
            [LineFields(found[key][i]) for i in sorted(found[key])][:MAX_LINES],
        )
        for key in SCENARIOS
    }
    return EditorFields(
        title=form.get("title", "").strip(),
        horizon_months=form.get("horizon_months", str(DEFAULT_HORIZON)).strip(),
        discount_rate=form.get("discount_rate", "").strip(),
        scenarios=scenarios,
    )


def fields_from_mapping(title: str, mapping: Mapping[str, object]) -> EditorFields:
    """The editor for a stored comparison (or a case's comparison)."""
    rate = mapping.get("discount_rate")
    scenarios = {}
    for key in SCENARIOS:
        data = mapping.get(key)
        scenario = data if isinstance(data, Mapping) else {}
        raw_lines = scenario.get("lines", [])
        lines = [
            _line_fields(line)
            for line in (raw_lines if isinstance(raw_lines, list) else [])
            if isinstance(line, Mapping)
        ]
        scenarios[key] = ScenarioFields(key, _text(scenario.get("title")), lines or [new_line()])
    return EditorFields(
        title=title,
        horizon_months=_text(mapping.get("horizon_months")) or str(DEFAULT_HORIZON),
        discount_rate=_percent_text(rate) if rate is not None else DEFAULT_DISCOUNT_TEXT,
        scenarios=scenarios,
    )


def _line_fields(line: Mapping[str, object]) -> LineFields:
    values = {name: _text(line.get(name)) for name in LINE_FIELDS if line.get(name) is not None}
    custom = line.get("custom")
    if isinstance(custom, Mapping):
        values |= {
            f"custom.{name}": _text(custom.get(name))
            for name in CUSTOM_FIELDS
            if custom.get(name) is not None
        }
    return LineFields(values)


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _percent_text(value: object) -> str:
    return _text(value).replace(".", ",")


def to_mapping(fields: EditorFields) -> tuple[dict[str, object], Positions]:
    """The comparison mapping, and for each scenario the form index of every mapped line."""
    mapping: dict[str, object] = {"horizon_months": fields.horizon_months or None}
    if fields.discount_rate:
        mapping["discount_rate"] = fields.discount_rate
    positions: Positions = {}
    for key in SCENARIOS:
        scenario = fields.scenario(key)
        kept = [(i, line) for i, line in enumerate(scenario.lines) if not line.is_blank]
        positions[key] = [i for i, _ in kept]
        data: dict[str, object] = {"lines": [line_mapping(line) for _, line in kept]}
        if scenario.title:
            data["title"] = scenario.title
        mapping[key] = data
    if mapping["horizon_months"] is None:
        del mapping["horizon_months"]
    return mapping, positions


def line_mapping(line: LineFields) -> dict[str, object]:
    """One line in the calculator's LINE shape; empty inputs are left out (or defaulted)."""
    data: dict[str, object] = {
        name: line.get(name) for name in LINE_FIELDS if name != "unit_cost" and line.get(name)
    }
    if line.get("unit_cost"):
        data["unit_cost"] = line.get("unit_cost")
    else:
        data["custom"] = {
            name: line.get(f"custom.{name}")
            for name in CUSTOM_FIELDS
            if line.get(f"custom.{name}") or name not in OPTIONAL_CUSTOM
        }
    return data


def form_path(field_path: str, positions: Positions) -> str:
    """A calculator error path with the line index translated back to the form's numbering."""
    match = _LINE_PATH.match(field_path)
    if not match:
        return field_path
    key, index, rest = match.group(1), int(match.group(2)), match.group(3) or ""
    mapped = positions.get(key, [])
    form_index = mapped[index] if index < len(mapped) else index
    return f"{key}.lines.{form_index}{rest}"


def error_slot(field_path: str) -> str:
    """The place where an error about ``field_path`` is shown: its line, or the field itself."""
    match = _LINE_PATH.match(field_path)
    if match:
        return f"{match.group(1)}.lines.{match.group(2)}"
    return field_path or "title"


def with_line_added(fields: EditorFields, key: str) -> EditorFields:
    scenario = fields.scenario(key)
    if len(scenario.lines) < MAX_LINES:
        scenario.lines.append(new_line())
    return fields


def with_line_removed(fields: EditorFields, key: str, index: int) -> EditorFields:
    scenario = fields.scenario(key)
    if 0 <= index < len(scenario.lines):
        del scenario.lines[index]
    if not scenario.lines:
        scenario.lines.append(new_line())
    return fields


@dataclass(frozen=True)
class Action:
    """What a submit button asked for: ``save``, ``add`` or ``remove`` (with its line)."""

    kind: str
    scenario: str = ""
    index: int = -1


def parse_action(value: str) -> Action:
    """``"save"``, ``"add:status_quo"`` or ``"remove:breakthrough:2"``; anything else saves."""
    parts = value.split(":")
    if len(parts) == 2 and parts[0] == "add" and parts[1] in SCENARIOS:
        return Action("add", parts[1])
    if len(parts) == 3 and parts[0] == "remove" and parts[1] in SCENARIOS:
        index = whole_number(parts[2], maximum=MAX_LINES)
        if index is not None:
            return Action("remove", parts[1], index)
    return Action("save")


def free_texts(title: str, mapping: Mapping[str, object]) -> list[str]:
    """Every text a user can type freely: titles, notes, custom descriptions and sources."""
    texts = [title]
    for key in SCENARIOS:
        scenario = mapping.get(key)
        if not isinstance(scenario, Mapping):
            continue
        texts.append(_text(scenario.get("title")))
        lines = scenario.get("lines", [])
        for line in lines if isinstance(lines, list) else []:
            if not isinstance(line, Mapping):
                continue
            texts.append(_text(line.get("note")))
            custom = line.get("custom")
            if isinstance(custom, Mapping):
                texts += [_text(custom.get("description")), _text(custom.get("source"))]
    return [text for text in texts if text.strip()]


def percent(value: Decimal) -> str:
    """A fraction as a Dutch percentage text: Decimal("0.0225") -> "2,25"."""
    return format((value * 100).normalize(), "f").replace(".", ",")
