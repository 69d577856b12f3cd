"""The kassabon: the calculator's result. All money is a Decimal with exactly two decimals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.calculator.money import ZERO


@dataclass(frozen=True, slots=True)
class Amounts:
    """One amount at low, central and high unit prices (the sensitivity range)."""

    low: Decimal
    central: Decimal
    high: Decimal

    @classmethod
    def zero(cls) -> Amounts:
        return cls(ZERO, ZERO, ZERO)

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.low + other.low, self.central + other.central, self.high + other.high)

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(self.low - other.low, self.central - other.central, self.high - other.high)

    def at(self, level: str) -> Decimal:
        """The amount at ``"low"``, ``"central"`` or ``"high"``."""
        value: Decimal = getattr(self, level)
        return value


@dataclass(frozen=True, slots=True)
class LineRef:
    """Which line: scenario key and 0-based index in that scenario's lines."""

    scenario: str
    index: int


@dataclass(frozen=True, slots=True)
class LineResult:
    """One line of the receipt, with the figure it used and what it costs within the horizon."""

    scenario: str  # "status_quo" | "breakthrough"
    index: int  # 0-based position in the scenario's lines
    unit_cost: str | None  # price-list id, None for a custom item
    description: str
    payer: str
    payer_label: str
    law: str | None
    unit: str
    quantity: Decimal
    per: str
    start_month: int
    months: int  # as entered
    months_counted: int  # months (or the one payment) that fall within the horizon
    probability: Decimal  # percent
    unit_amount: Amounts  # euros per unit as in the price list (or the custom amount thrice)
    year: int | None
    source: str
    confidence: str
    proxy: bool
    note: str
    cost: Amounts  # rounded once to cents per level
    warnings: tuple[str, ...]  # warning codes that concern this line
    kind: str  # "resource" | "transfer" (MKBA)
    indexed_amount: Amounts  # euros per unit at base-year prices: what the line computed with
    index_status: str  # indexed | base_year | no_year | after_base | missing | no_series


@dataclass(frozen=True, slots=True)
class Subtotal:
    """Sum of line costs for one payer or one law (``key`` None: lines without a law)."""

    key: str | None
    label: str
    amount: Amounts


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    key: str  # "status_quo" | "breakthrough"
    title: str
    lines: tuple[LineResult, ...]
    total: Amounts
    by_payer: tuple[Subtotal, ...]
    by_law: tuple[Subtotal, ...]
    transfers: Amounts  # "waarvan overdrachten": the part of ``total`` in transfer lines
    resources: Amounts  # total - transfers: the MKBA view (real means only)


@dataclass(frozen=True, slots=True)
class PayerDelta:
    """What one payer pays in each scenario; ``delta`` = status quo - breakthrough.

    A positive delta means this payer saves when the household breaks through; a negative one
    means it invests (pays more). ``role`` follows the central delta.
    """

    payer: str
    label: str
    status_quo: Amounts
    breakthrough: Amounts
    delta: Amounts
    role: str  # "invests" | "saves" | "neutral"


@dataclass(frozen=True, slots=True)
class MonthPoint:
    """Cumulative central cost of each scenario up to and including ``month``."""

    month: int
    status_quo: Decimal
    breakthrough: Decimal


@dataclass(frozen=True, slots=True)
class SensitivityCase:
    """Totals when every figure takes its low, central or high amount."""

    level: str  # "low" | "central" | "high"
    status_quo: Decimal
    breakthrough: Decimal
    difference: Decimal


@dataclass(frozen=True, slots=True)
class ReceiptWarning:
    code: str  # one of WARNING_CODES
    message: str  # Dutch
    lines: tuple[LineRef, ...]


@dataclass(frozen=True, slots=True)
class Receipt:
    price_list_version: str
    base_year: int
    horizon_months: int
    discount_rate: Decimal  # fraction per year
    status_quo: ScenarioResult
    breakthrough: ScenarioResult
    difference: Amounts  # status quo - breakthrough; positive: breaking through saves
    difference_resources: Amounts  # the same without transfers: the MKBA view
    payers: tuple[PayerDelta, ...]
    invested: Decimal  # central: extra paid by the payers who invest
    saved: Decimal  # central: saved by the payers who save
    return_per_euro: Decimal | None  # saved / invested, 2 decimals; None if nobody invests
    break_even_month: int | None
    cumulative: tuple[MonthPoint, ...]
    sensitivity: tuple[SensitivityCase, ...]
    warnings: tuple[ReceiptWarning, ...]
    last_cost_month: int  # last month with a cost in either scenario (0: none), past horizon too

    @property
    def investors(self) -> tuple[PayerDelta, ...]:
        return tuple(p for p in self.payers if p.role == "invests")

    @property
    def savers(self) -> tuple[PayerDelta, ...]:
        return tuple(p for p in self.payers if p.role == "saves")

    @property
    def warning_codes(self) -> tuple[str, ...]:
        """The distinct warning codes, in the order of WARNING_CODES."""
        seen: list[str] = []
        for warning in self.warnings:
            if warning.code not in seen:
                seen.append(warning.code)
        return tuple(seen)

    def scenario(self, key: str) -> ScenarioResult:
        return self.status_quo if key == "status_quo" else self.breakthrough
