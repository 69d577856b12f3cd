"""What the rekentool templates need besides the data: choices for selects and text helpers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.calculations import formatting, receipt_text
from app.calculations.formatting import KIND_LABELS, PER_LABELS, STATUS_LABELS, UNIT_LABELS
from app.calculator import HORIZONS, LAW_LABELS, PAYER_LABELS, UNITS, PriceList


@dataclass(frozen=True)
class Choice:
    value: str
    text: str


@dataclass(frozen=True)
class ChoiceGroup:
    label: str
    choices: tuple[Choice, ...]


def unit_cost_groups(prices: PriceList) -> list[ChoiceGroup]:
    """The price list for a <select>, grouped per payer, with description, amount and unit."""
    groups: list[ChoiceGroup] = []
    for payer, label in PAYER_LABELS.items():
        items = sorted(
            (item for item in prices.items.values() if item.payer == payer),
            key=lambda item: item.description.lower(),
        )
        choices = tuple(
            Choice(
                item.id,
                f"{item.description} — {formatting.euro(item.central)} "
                f"{UNIT_LABELS.get(item.unit, item.unit)} · {label}",
            )
            for item in items
        )
        if choices:
            groups.append(ChoiceGroup(label, choices))
    return groups


def editor_choices() -> dict[str, Any]:
    return {
        "horizons": HORIZONS,
        "per_choices": [Choice("", "— (eenmalig)"), *(Choice(k, v) for k, v in PER_LABELS.items())],
        "payer_choices": [Choice(k, v) for k, v in PAYER_LABELS.items()],
        "law_choices": [Choice("", "geen wet"), *(Choice(k, v) for k, v in LAW_LABELS.items())],
        "unit_choices": [Choice(u, UNIT_LABELS.get(u, u)) for u in UNITS],
        "confidence_choices": [Choice(k, v) for k, v in STATUS_LABELS.items()],
        "kind_choices": [Choice(k, v) for k, v in KIND_LABELS.items()],
    }


HELPERS: dict[str, Any] = {
    "euro": formatting.euro,
    "money": formatting.money,
    "quantity": formatting.quantity,
    "delta_text": formatting.delta_text,
    "scenario_labels": formatting.SCENARIO_LABELS,
    "level_labels": formatting.LEVEL_LABELS,
    "role_labels": formatting.ROLE_LABELS,
    "unit_labels_nl": UNIT_LABELS,
    "status_labels_nl": STATUS_LABELS,
    "payer_labels": PAYER_LABELS,
    "line_explanation": receipt_text.line_explanation,
    "index_text": receipt_text.index_text,
    "horizon_text": receipt_text.horizon_text,
    "meta_line": receipt_text.meta_line,
    "scenario_heading": receipt_text.scenario_heading,
    "line_refs": receipt_text.line_refs,
    "warning_labels": receipt_text.WARNING_LABELS,
    "return_text": receipt_text.return_text,
    "break_even_text": receipt_text.break_even_text,
    "field_id": lambda name: "veld-" + name.replace(".", "-"),
    "slot_id": lambda name: "fout-" + name.replace(".", "-"),
}
