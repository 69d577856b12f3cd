"""Dutch sentences about a receipt (``receipt_to_dict`` data), shared by the page and the PDF."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.calculations.formatting import (
    PER_LABELS,
    SCENARIO_LABELS,
    STATUS_LABELS,
    UNIT_LABELS,
    euro,
    quantity,
)

ONE_OFF = frozenset({"once", "trajectory"})
WARNING_LABELS: dict[str, str] = {
    "old_figure": "Oud bedrag",
    "unverified_figure": "Niet geverifieerd",
    "proxy_figure": "Benadering",
    "double_counting": "Dubbeltelling",
    "past_horizon": "Voorbij de horizon",
}


def line_explanation(line: Mapping[str, Any]) -> str:
    """How a line's cost came about: ``365 per jaar × € 163,59 per dag · maand 1–12 ...``."""
    unit = str(line.get("unit", ""))
    price = f"{euro(line['unit_amount']['central'])} {UNIT_LABELS.get(unit, unit)}"
    start, months = int(line.get("start_month", 1)), int(line.get("months", 1))
    if unit in ONE_OFF:
        parts = [f"{quantity(line.get('quantity'))} × {price}", f"in maand {start}"]
    else:
        per = PER_LABELS.get(str(line.get("per", "")), str(line.get("per", "")))
        end = start + months - 1
        parts = [
            f"{quantity(line.get('quantity'))} {per} × {price}",
            f"maand {start}–{end}, {line.get('months_counted', months)} mnd geteld",
        ]
    probability = str(line.get("probability", "100"))
    if quantity(probability) != "100":
        parts.append(f"kans {quantity(probability)} %")
    parts.append(str(line.get("payer_label", "")))
    year = line.get("year")
    status = STATUS_LABELS.get(str(line.get("confidence", "")), "")
    parts.append(f"{year if year else 'jaar onbekend'}, {status}" if status else str(year or ""))
    return " · ".join(part for part in parts if part)


def scenario_heading(key: str, title: object) -> str:
    """``Doorbreken: <title>``, or the title alone when it already starts with that word."""
    label = SCENARIO_LABELS.get(key, key)
    text = str(title or "")
    return text if text.lower().startswith(label.lower()) else f"{label}: {text}"


def meta_line(receipt: Mapping[str, Any]) -> str:
    rate = str(receipt.get("discount_rate_percent", "0")).replace(".", ",")
    return (
        f"Horizon {receipt.get('horizon_months')} maanden · discontovoet {rate} % per jaar · "
        f"prijslijst {receipt.get('price_list_version')} (basisjaar {receipt.get('base_year')})"
    )


def line_refs(refs: list[Mapping[str, Any]]) -> str:
    """``Doormodderen regel 1, Doorbreken regel 2`` (regels counted from 1 for people)."""
    names = [SCENARIO_LABELS.get(str(ref["scenario"]), str(ref["scenario"])) for ref in refs]
    return ", ".join(
        f"{name} regel {int(ref['index']) + 1}" for name, ref in zip(names, refs, strict=True)
    )


def warning_lines(receipt: Mapping[str, Any]) -> list[str]:
    """Every warning in words: its kind, its message and the lines it concerns."""
    return [
        f"{WARNING_LABELS.get(str(w['code']), w['code'])}: {w['message']} ({line_refs(w['lines'])})"
        for w in receipt.get("warnings", [])
    ]


def return_text(receipt: Mapping[str, Any]) -> str:
    ratio = receipt.get("return_per_euro")
    if ratio is None:
        return "Niemand investeert extra, dus er is geen rendement per euro te berekenen."
    return f"Elke extra geïnvesteerde euro levert {euro(ratio)} besparing op."


def break_even_text(receipt: Mapping[str, Any]) -> str:
    month = receipt.get("break_even_month")
    horizon = receipt.get("horizon_months")
    if month is None:
        return f"Doorbreken verdient zich niet terug binnen {horizon} maanden."
    return f"Vanaf maand {month} is doorbreken (opgeteld) niet duurder dan doormodderen."
