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
    price_list_label,
    quantity,
)

ONE_OFF = frozenset({"once", "trajectory"})
WARNING_LABELS: dict[str, str] = {
    "old_figure": "Oud bedrag",
    "unverified_figure": "Niet geverifieerd",
    "proxy_figure": "Benadering",
    "double_counting": "Dubbeltelling",
    "past_horizon": "Voorbij de horizon",
    "not_indexed": "Niet geïndexeerd",
}
SMALLEST_HORIZON = 12


def line_explanation(line: Mapping[str, Any]) -> str:
    """How a line's cost came about: ``365 per jaar × € 163,59 per dag · maand 1–12 ...``."""
    unit = str(line.get("unit", ""))
    price = f"{euro(_used_amount(line))} {UNIT_LABELS.get(unit, unit)}"
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
    if line.get("kind") == "transfer":
        parts.append("overdracht")
    year = line.get("year")
    status = STATUS_LABELS.get(str(line.get("confidence", "")), "")
    parts.append(f"{year if year else 'jaar onbekend'}, {status}" if status else str(year or ""))
    return " · ".join(part for part in parts if part)


def _used_amount(line: Mapping[str, Any]) -> object:
    """The central amount the line computed with (indexed when it was indexed)."""
    indexed = line.get("indexed_amount")
    return indexed["central"] if isinstance(indexed, Mapping) else line["unit_amount"]["central"]


def index_text(line: Mapping[str, Any], base_year: object) -> str:
    """Original amount, its year and the indexed amount: what indexing did to this line."""
    status = line.get("index_status")
    original = euro(line["unit_amount"]["central"])
    year = line.get("year")
    if status == "indexed":
        indexed = euro(line["indexed_amount"]["central"])
        return f"Bedrag {original} uit {year}, geïndexeerd naar {base_year}: {indexed}."
    if status == "missing":
        return f"Bedrag {original} uit {year}: niet geïndexeerd, de prijsindex ontbreekt."
    if status == "after_base":
        return f"Bedrag {original} uit {year}, na het basisjaar {base_year}: niet geïndexeerd."
    if status == "no_year":
        return f"Bedrag {original} zonder jaar: gerekend als prijspeil {base_year}."
    return ""


def horizon_text(receipt: Mapping[str, Any]) -> str:
    """Why a longer horizon does or does not change this receipt (empty for old receipts)."""
    last = receipt.get("last_cost_month")
    horizon = int(receipt.get("horizon_months") or 0)
    if not isinstance(last, int):
        return ""
    if last == 0:
        return "Geen enkele regel kost iets, dus ook een andere horizon verandert niets."
    if last > horizon:
        return (
            f"Er lopen kosten door tot en met maand {last}, voorbij de horizon van {horizon} "
            "maanden. Een langere horizon laat die kosten zien."
        )
    if last <= SMALLEST_HORIZON:
        return (
            f"Alle kosten vallen in de eerste {SMALLEST_HORIZON} maanden (de laatste in maand "
            f"{last}). Een horizon van 24, 36 of 60 maanden geeft daarom dezelfde kassabon."
        )
    return (
        f"De laatste kosten vallen in maand {last}. Een horizon langer dan {horizon} maanden "
        "verandert deze kassabon daarom niet."
    )


def scenario_heading(key: str, title: object) -> str:
    """``Doorbreken: <title>``, or the title alone when it already starts with that word."""
    label = SCENARIO_LABELS.get(key, key)
    text = str(title or "")
    return text if text.lower().startswith(label.lower()) else f"{label}: {text}"


def meta_line(receipt: Mapping[str, Any]) -> str:
    rate = str(receipt.get("discount_rate_percent", "0")).replace(".", ",")
    return (
        f"Horizon {receipt.get('horizon_months')} maanden · discontovoet {rate} % per jaar · "
        f"{price_list_label(str(receipt.get('price_list_version', '')))} "
        f"(basisjaar {receipt.get('base_year')})"
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
