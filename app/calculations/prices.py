"""The effective price list of an organisation, and snapshots of the figures a calculation used.

Pure: no web or database imports. An organisation's tariffs replace the amounts (and the year,
source and confidence) of price-list figures; the version then becomes
``"<catalog version>+t<hash of the tariffs>"`` so every change of a tariff changes the version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from app.calculator import Comparison, PriceList, UnitCost

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Tariff:
    """An organisation's own amount for one unit cost (euros with cents)."""

    unit_cost_id: str
    low: Decimal
    central: Decimal
    high: Decimal
    year: int
    source: str


def cents_to_euros(cents: int) -> Decimal:
    return (Decimal(cents) * CENT).quantize(CENT)


def euros_to_cents(euros: Decimal) -> int:
    return int((euros / CENT).to_integral_value())


def tariff_version(base_version: str, tariffs: Iterable[Tariff]) -> str:
    """The base version when there are no (applicable) tariffs, else base + a hash of them."""
    rows = sorted(
        f"{t.unit_cost_id}|{t.low}|{t.central}|{t.high}|{t.year}|{t.source}" for t in tariffs
    )
    if not rows:
        return base_version
    digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:10]
    return f"{base_version}+t{digest}"


def effective_price_list(base: PriceList, tariffs: Iterable[Tariff], owner: str) -> PriceList:
    """``base`` with each tariff's figure replaced; tariffs for unknown ids are ignored."""
    applicable = [t for t in tariffs if t.unit_cost_id in base.items]
    if not applicable:
        return base
    items = dict(base.items)
    for tariff in applicable:
        items[tariff.unit_cost_id] = replace(
            base.items[tariff.unit_cost_id],
            low=tariff.low,
            central=tariff.central,
            high=tariff.high,
            year=tariff.year,
            source=f"Eigen tarief {owner}: {tariff.source}",
            confidence="verified",
            proxy=False,
        )
    version = tariff_version(base.version, applicable)
    return PriceList(version=version, base_year=base.base_year, items=items, cpi=base.cpi)


def used_ids(comparison: Comparison) -> list[str]:
    """The price-list ids the comparison's lines use, in order of first use."""
    ids: list[str] = []
    for _, scenario in comparison.scenarios():
        for line in scenario.lines:
            if line.unit_cost is not None and line.unit_cost not in ids:
                ids.append(line.unit_cost)
    return ids


def snapshot(prices: PriceList, ids: Iterable[str]) -> dict[str, object]:
    """The figures ``ids`` of ``prices`` as JSON-ready data (amounts as strings), with the CPI.

    The whole CPI series is kept (a custom item of any year may need it), so reopening the
    calculation indexes exactly as it did when it was saved.
    """
    items = {item_id: _item_data(prices.items[item_id]) for item_id in ids}
    cpi = {str(year): str(percent) for year, percent in sorted(prices.cpi.items())}
    return {"version": prices.version, "base_year": prices.base_year, "items": items, "cpi": cpi}


def _item_data(item: UnitCost) -> dict[str, object]:
    return {
        "description": item.description,
        "low": str(item.low),
        "central": str(item.central),
        "high": str(item.high),
        "unit": item.unit,
        "payer": item.payer,
        "law": item.law,
        "year": item.year,
        "source": item.source,
        "confidence": item.confidence,
        "proxy": item.proxy,
        "aggregate_of": list(item.aggregate_of),
        "note": item.note,
        "kind": item.kind,
    }


def price_list_from_snapshot(data: Mapping[str, object]) -> PriceList:
    """Rebuild the (partial) price list a calculation was saved with.

    Snapshots from before indexing have no ``cpi`` (nothing is indexed, as then) and no
    ``kind`` (every figure counts as a resource).
    """
    raw_items = data.get("items", {})
    items: dict[str, UnitCost] = {}
    if isinstance(raw_items, Mapping):
        for item_id, fields in raw_items.items():
            if isinstance(fields, Mapping):
                items[str(item_id)] = _unit_cost(str(item_id), fields)
    base_year = data.get("base_year", 0)
    return PriceList(
        version=str(data.get("version", "")),
        base_year=base_year if isinstance(base_year, int) else 0,
        items=items,
        cpi=_cpi(data.get("cpi", {})),
    )


def _cpi(raw: object) -> dict[int, Decimal]:
    if not isinstance(raw, Mapping):
        return {}
    return {int(year): Decimal(str(percent)) for year, percent in raw.items()}


def _unit_cost(item_id: str, fields: Mapping[str, object]) -> UnitCost:
    law = fields.get("law")
    year = fields.get("year")
    aggregate = fields.get("aggregate_of", [])
    return UnitCost(
        id=item_id,
        description=str(fields.get("description", "")),
        low=Decimal(str(fields.get("low", "0"))),
        central=Decimal(str(fields.get("central", "0"))),
        high=Decimal(str(fields.get("high", "0"))),
        unit=str(fields.get("unit", "")),
        payer=str(fields.get("payer", "")),
        law=law if isinstance(law, str) else None,
        year=year if isinstance(year, int) else 0,
        source=str(fields.get("source", "")),
        confidence=str(fields.get("confidence", "")),
        proxy=bool(fields.get("proxy", False)),
        aggregate_of=tuple(str(a) for a in aggregate) if isinstance(aggregate, list) else (),
        note=str(fields.get("note", "")),
        kind=str(fields.get("kind", "resource")),
    )
