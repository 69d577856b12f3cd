"""Geometry of the bar chart per payer (status quo against breakthrough), as plain numbers.

Pure: the template draws the SVG from these values; a table with the same numbers sits next
to it for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.calculations.formatting import SCENARIO_LABELS, euro, to_decimal

WIDTH = 640
LABEL_WIDTH = 130
BAR_AREA = 360
BAR_HEIGHT = 18
BAR_GAP = 4
HEADER = 22
GROUP_GAP = 14


@dataclass(frozen=True)
class Bar:
    kind: str  # "status_quo" | "breakthrough"
    label: str
    value: Decimal
    text: str
    x: int
    y: int
    width: int


@dataclass(frozen=True)
class PayerGroup:
    label: str
    y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    groups: tuple[PayerGroup, ...]
    bar_height: int = BAR_HEIGHT

    @property
    def summary(self) -> str:
        """A one-sentence description for the SVG's <title>."""
        parts = [
            f"{g.label}: doormodderen {g.bars[0].text}, doorbreken {g.bars[1].text}"
            for g in self.groups
        ]
        return "Kosten per betaler. " + "; ".join(parts) + "."


def payer_chart(payers: object) -> Chart:
    """One group of two bars per payer, scaled to the largest amount (central level)."""
    rows = [p for p in payers if isinstance(p, dict)] if isinstance(payers, list) else []
    values = [
        (str(p.get("label", "")), _central(p.get("status_quo")), _central(p.get("breakthrough")))
        for p in rows
    ]
    top = max([max(sq, bt) for _, sq, bt in values] + [Decimal(0)])
    groups: list[PayerGroup] = []
    y = 0
    for label, status_quo, breakthrough in values:
        bars = tuple(
            _bar(kind, value, top, y + HEADER + i * (BAR_HEIGHT + BAR_GAP))
            for i, (kind, value) in enumerate(
                (("status_quo", status_quo), ("breakthrough", breakthrough))
            )
        )
        groups.append(PayerGroup(label, y, bars))
        y += HEADER + 2 * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    return Chart(width=WIDTH, height=max(y, 1), groups=tuple(groups))


def _bar(kind: str, value: Decimal, top: Decimal, y: int) -> Bar:
    width = 0 if top <= 0 else int((value / top * BAR_AREA).to_integral_value())
    return Bar(kind, SCENARIO_LABELS[kind], value, euro(value), LABEL_WIDTH, y, max(width, 1))


def _central(amounts: object) -> Decimal:
    return to_decimal(amounts.get("central")) if isinstance(amounts, dict) else Decimal(0)
