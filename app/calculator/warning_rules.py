"""Warnings on a comparison: old, unverified or proxy figures, double counting, past horizon,
figures that could not be indexed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.calculator.constants import (
    OLD_FIGURE_YEARS,
    SCENARIO_KEYS,
    SCENARIO_LABELS,
    UNVERIFIED_CONFIDENCES,
    WARNING_CODES,
)
from app.calculator.indexing import MISSING
from app.calculator.lines import Figure, ResolvedLine, is_one_off, last_month
from app.calculator.receipt import LineRef, ReceiptWarning

_CONFIDENCE_LABELS = {"unverified": "niet geverifieerd", "assumption": "een aanname"}

# (code, subject) -> the warning's message and the lines it concerns, in order of discovery.
_Found = dict[tuple[str, str], tuple[str, list[LineRef]]]


def find_warnings(
    scenarios: Sequence[Sequence[ResolvedLine]], base_year: int, horizon: int
) -> tuple[ReceiptWarning, ...]:
    """All warnings, one per code and subject (a figure, a line, or an aggregate/part pair)."""
    found: _Found = {}
    for lines in scenarios:
        for resolved in lines:
            _figure_warnings(found, resolved, base_year)
            _horizon_warning(found, resolved, horizon)
        _double_counting(found, lines)
    _double_counting_across(found, scenarios)
    ordered = sorted(found.items(), key=lambda item: WARNING_CODES.index(item[0][0]))
    return tuple(
        ReceiptWarning(code, message, tuple(sorted(refs, key=_ref_order)))
        for (code, _), (message, refs) in ordered
    )


def _ref_order(ref: LineRef) -> tuple[int, int]:
    order = SCENARIO_KEYS.index(ref.scenario) if ref.scenario in SCENARIO_KEYS else 2
    return (order, ref.index)


def codes_for(warnings: Iterable[ReceiptWarning], ref: LineRef) -> tuple[str, ...]:
    """The warning codes that name line ``ref``, in the order of WARNING_CODES."""
    return tuple(sorted({w.code for w in warnings if ref in w.lines}, key=WARNING_CODES.index))


def _add(found: _Found, code: str, subject: str, message: str, ref: LineRef) -> None:
    entry = found.setdefault((code, subject), (message, []))
    if ref not in entry[1]:
        entry[1].append(ref)


def _subject(resolved: ResolvedLine) -> str:
    """A price-list figure is one subject wherever it is used; a custom item is its line."""
    if resolved.figure.unit_cost is not None:
        return f"kengetal:{resolved.figure.unit_cost}"
    return f"regel:{resolved.scenario}:{resolved.index}"


def _figure_warnings(found: _Found, resolved: ResolvedLine, base_year: int) -> None:
    figure, subject = resolved.figure, _subject(resolved)
    ref = LineRef(resolved.scenario, resolved.index)
    name = _name(figure)
    if figure.year is not None and figure.year < base_year - OLD_FIGURE_YEARS:
        message = (
            f"{name} is een bedrag uit {figure.year}, meer dan {OLD_FIGURE_YEARS} jaar vóór "
            f"het basisjaar {base_year} van de prijslijst. Controleer of het nog klopt."
        )
        _add(found, "old_figure", subject, message, ref)
    if figure.confidence in UNVERIFIED_CONFIDENCES:
        label = _CONFIDENCE_LABELS[figure.confidence]
        message = f"{name} is {label}. Reken ermee om te oefenen, niet als vaststaand feit."
        _add(found, "unverified_figure", subject, message, ref)
    if figure.proxy:
        message = f"{name} is een benadering (proxy): het echte bedrag wordt nergens gepubliceerd."
        _add(found, "proxy_figure", subject, message, ref)
    if figure.index.status == MISSING:
        years = ", ".join(str(year) for year in figure.index.missing)
        message = (
            f"{name} is een bedrag uit {figure.year}. De prijslijst mist de prijsindex van "
            f"{years}, dus het bedrag is niet geïndexeerd naar {base_year}."
        )
        _add(found, "not_indexed", subject, message, ref)


def _horizon_warning(found: _Found, resolved: ResolvedLine, horizon: int) -> None:
    line, figure = resolved.line, resolved.figure
    end = last_month(line, figure.unit)
    if end <= horizon:
        return
    name = _name(figure)
    if is_one_off(figure.unit):
        message = (
            f"{name} valt in maand {line.start_month}, na de horizon van {horizon} maanden, "
            "en telt daarom niet mee."
        )
    else:
        cut = end - max(horizon, line.start_month - 1)
        message = (
            f"{name} loopt tot en met maand {end}, voorbij de horizon van {horizon} maanden; "
            f"{cut} maand(en) tellen niet mee."
        )
    ref = LineRef(resolved.scenario, resolved.index)
    _add(found, "past_horizon", f"regel:{resolved.scenario}:{resolved.index}", message, ref)


def _double_counting(found: _Found, lines: Sequence[ResolvedLine]) -> None:
    """An aggregate figure and one of its parts in the same scenario."""
    by_id: dict[str, list[ResolvedLine]] = {}
    for resolved in lines:
        if resolved.figure.unit_cost is not None:
            by_id.setdefault(resolved.figure.unit_cost, []).append(resolved)
    for aggregate_id, aggregates in by_id.items():
        aggregate = aggregates[0]
        for part_id in aggregate.figure.aggregate_of:
            parts = by_id.get(part_id, [])
            if not parts or part_id == aggregate_id:
                continue
            scenario = SCENARIO_LABELS.get(aggregate.scenario, aggregate.scenario)
            message = (
                f"In '{scenario}' staat {_name(aggregate.figure)} naast "
                f"{_name(parts[0].figure)}, dat er al in zit. Zo tel je kosten dubbel."
            )
            subject = f"{aggregate.scenario}:{aggregate_id}:{part_id}"
            for resolved in [*aggregates, *parts]:
                ref = LineRef(resolved.scenario, resolved.index)
                _add(found, "double_counting", subject, message, ref)


def _double_counting_across(found: _Found, scenarios: Sequence[Sequence[ResolvedLine]]) -> None:
    """An aggregate figure in one scenario and one of its parts in the other.

    Not a sum twice on one receipt, but two scenarios counted differently: the aggregate holds
    costs (the parts and more) that the other scenario prices one by one or leaves out, so the
    difference between the scenarios is skewed.
    """
    for here, there in ((0, 1), (1, 0)):
        parts = {r.figure.unit_cost: r for r in scenarios[there] if r.figure.unit_cost}
        for aggregate in scenarios[here]:
            for part_id in aggregate.figure.aggregate_of:
                part = parts.get(part_id)
                if part is None or part_id == aggregate.figure.unit_cost:
                    continue
                _add_across(found, aggregate, part)


def _add_across(found: _Found, aggregate: ResolvedLine, part: ResolvedLine) -> None:
    first = SCENARIO_LABELS.get(aggregate.scenario, aggregate.scenario)
    second = SCENARIO_LABELS.get(part.scenario, part.scenario)
    message = (
        f"'{first}' rekent met het totaalbedrag {_name(aggregate.figure)}, waar "
        f"{_name(part.figure)} al in zit; '{second}' rekent die post los. Zo tellen de twee "
        "scenario's niet op dezelfde manier en is het verschil scheef. Reken beide scenario's "
        "met losse posten, of beide met het totaalbedrag."
    )
    subject = f"across:{aggregate.figure.unit_cost}:{part.figure.unit_cost}"
    for resolved in (aggregate, part):
        _add(found, "double_counting", subject, message, LineRef(resolved.scenario, resolved.index))


def _name(figure: Figure) -> str:
    if figure.unit_cost is not None:
        return f"'{figure.description}' ({figure.unit_cost})"
    return f"'{figure.description}'"
