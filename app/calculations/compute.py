"""Run the calculator on a comparison mapping and keep what a saved calculation stores.

Pure: no web or database imports. Raises ``CalculatorError`` for bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.calculations.prices import price_list_from_snapshot, snapshot, used_ids
from app.calculator import (
    Comparison,
    PriceList,
    Receipt,
    calculate,
    comparison_from_mapping,
    receipt_to_dict,
)


@dataclass(frozen=True)
class Computed:
    """A computed comparison: its input, the receipt (object and JSON) and the figures used."""

    mapping: dict[str, object]
    comparison: Comparison
    receipt: Receipt
    receipt_data: dict[str, Any]
    prices: dict[str, object]

    @property
    def version(self) -> str:
        return self.receipt.price_list_version


def compute(mapping: Mapping[str, object], prices: PriceList) -> Computed:
    comparison = comparison_from_mapping(mapping)
    receipt = calculate(comparison, prices)
    return Computed(
        mapping=dict(mapping),
        comparison=comparison,
        receipt=receipt,
        receipt_data=receipt_to_dict(receipt),
        prices=snapshot(prices, used_ids(comparison)),
    )


def recompute_saved(mapping: Mapping[str, object], prices: Mapping[str, object]) -> Computed:
    """Compute a saved calculation again with the figures it was saved with."""
    return compute(mapping, price_list_from_snapshot(prices))
