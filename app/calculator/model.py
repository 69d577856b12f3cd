"""Input of the calculator: the price list and a comparison of two scenarios."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from app.calculator.constants import DEFAULT_DISCOUNT_RATE, DEFAULT_HORIZON


@dataclass(frozen=True, slots=True)
class UnitCost:
    """One figure of the price list (kengetal): euros per unit at low/central/high."""

    id: str
    description: str
    low: Decimal
    central: Decimal
    high: Decimal
    unit: str  # hour | day | week | month | year | once | trajectory
    payer: str
    law: str | None
    year: int
    source: str
    confidence: str  # verified | partly | unverified | assumption
    proxy: bool = False
    aggregate_of: tuple[str, ...] = ()
    note: str = ""
    kind: str = "resource"  # resource (uses real means) | transfer (money moving between parties)


@dataclass(frozen=True, slots=True)
class PriceList:
    """All unit costs, with the content hash (``version``) a saved calculation records.

    ``cpi`` holds the CBS consumer price index as yearly percentage changes (year -> percent
    against the year before); figures are indexed with it to ``base_year`` (app/calculator/
    indexing.py). An empty ``cpi`` means no indexing, as for calculations saved before it.
    """

    version: str
    base_year: int
    items: Mapping[str, UnitCost]
    cpi: Mapping[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CustomItem:
    """A cost the user enters by hand instead of a price-list figure (one amount)."""

    description: str
    payer: str
    law: str | None
    amount: Decimal
    unit: str
    year: int | None
    source: str
    confidence: str
    kind: str = "resource"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a scenario: a unit cost (or custom item) over a stretch of months.

    ``per`` is ``"week"``, ``"month"`` or ``"year"`` for recurring units and may be ``""`` for
    ``once``/``trajectory`` units, where it is ignored. ``probability`` is a percentage 0..100.
    """

    unit_cost: str | None
    custom: CustomItem | None
    quantity: Decimal
    per: str
    start_month: int
    months: int
    probability: Decimal
    note: str = ""


@dataclass(frozen=True, slots=True)
class Scenario:
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Doormodderen (status quo) versus doorbreken (breakthrough).

    ``discount_rate`` is a fraction per year (``Decimal("0.0225")`` is 2.25 %).
    """

    status_quo: Scenario
    breakthrough: Scenario
    horizon_months: int = DEFAULT_HORIZON
    discount_rate: Decimal = DEFAULT_DISCOUNT_RATE

    def scenarios(self) -> tuple[tuple[str, Scenario], tuple[str, Scenario]]:
        """The two scenarios with their keys, status quo first."""
        return (("status_quo", self.status_quo), ("breakthrough", self.breakthrough))
