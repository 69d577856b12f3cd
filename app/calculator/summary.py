"""Sums over rounded line costs: subtotals, per-payer deltas, break-even, return, sensitivity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from app.calculator.constants import LAW_LABELS, LEVELS, NO_LAW_LABEL, PAYER_LABELS
from app.calculator.money import ZERO, ratio
from app.calculator.receipt import (
    Amounts,
    LineResult,
    MonthPoint,
    PayerDelta,
    ScenarioResult,
    SensitivityCase,
    Subtotal,
)


def total(lines: Sequence[LineResult]) -> Amounts:
    result = Amounts.zero()
    for line in lines:
        result += line.cost
    return result


def _subtotals(
    lines: Sequence[LineResult],
    key: Callable[[LineResult], str | None],
    order: Sequence[str],
    label: Callable[[str | None], str],
) -> tuple[Subtotal, ...]:
    """One subtotal per distinct key, in ``order`` (unknown keys, then None, last)."""
    sums: dict[str | None, Amounts] = {}
    for line in lines:
        sums[key(line)] = sums.get(key(line), Amounts.zero()) + line.cost

    def position(item: str | None) -> tuple[int, str]:
        if item is None:
            return (len(order) + 1, "")
        return (order.index(item), "") if item in order else (len(order), item)

    return tuple(Subtotal(k, label(k), sums[k]) for k in sorted(sums, key=position))


def payer_label(payer: str | None) -> str:
    return PAYER_LABELS.get(payer or "", payer or "")


def law_label(law: str | None) -> str:
    return NO_LAW_LABEL if law is None else LAW_LABELS.get(law, law)


def scenario_result(key: str, title: str, lines: tuple[LineResult, ...]) -> ScenarioResult:
    by_payer = _subtotals(lines, lambda line: line.payer, list(PAYER_LABELS), payer_label)
    by_law = _subtotals(lines, lambda line: line.law, list(LAW_LABELS), law_label)
    everything = total(lines)
    transfers = total([line for line in lines if line.kind == "transfer"])
    return ScenarioResult(
        key, title, lines, everything, by_payer, by_law, transfers, everything - transfers
    )


def payer_deltas(
    status_quo: ScenarioResult, breakthrough: ScenarioResult
) -> tuple[PayerDelta, ...]:
    """Every payer in either scenario: what it pays in each, and status quo - breakthrough."""
    before = {s.key: s.amount for s in status_quo.by_payer}
    after = {s.key: s.amount for s in breakthrough.by_payer}
    keys = [s.key for s in status_quo.by_payer]
    keys += [s.key for s in breakthrough.by_payer if s.key not in before]
    order = list(PAYER_LABELS)
    keys.sort(key=lambda k: (order.index(k), "") if k in order else (len(order), str(k)))
    deltas = []
    for payer in keys:
        sq = before.get(payer, Amounts.zero())
        bt = after.get(payer, Amounts.zero())
        delta = sq - bt
        role = "saves" if delta.central > 0 else "invests" if delta.central < 0 else "neutral"
        deltas.append(PayerDelta(str(payer), payer_label(payer), sq, bt, delta, role))
    return tuple(deltas)


def investment_and_return(
    payers: Sequence[PayerDelta],
) -> tuple[Decimal, Decimal, Decimal | None]:
    """(invested, saved, saved per euro invested); the return is None if nobody invests."""
    invested = sum((-p.delta.central for p in payers if p.role == "invests"), ZERO)
    saved = sum((p.delta.central for p in payers if p.role == "saves"), ZERO)
    return invested, saved, (ratio(saved, invested) if invested > 0 else None)


def cumulative_points(
    status_quo: Sequence[Decimal], breakthrough: Sequence[Decimal]
) -> tuple[MonthPoint, ...]:
    return tuple(
        MonthPoint(month, sq, bt)
        for month, (sq, bt) in enumerate(zip(status_quo, breakthrough, strict=True), start=1)
    )


def break_even_month(points: Sequence[MonthPoint]) -> int | None:
    """First month from which breaking through costs no more, cumulatively, up to the horizon."""
    month: int | None = None
    for point in reversed(points):
        if point.breakthrough > point.status_quo:
            break
        month = point.month
    return month


def sensitivity(status_quo: Amounts, breakthrough: Amounts) -> tuple[SensitivityCase, ...]:
    return tuple(
        SensitivityCase(
            level,
            status_quo.at(level),
            breakthrough.at(level),
            status_quo.at(level) - breakthrough.at(level),
        )
        for level in LEVELS
    )
