"""Checks on the law library and the price list."""

from __future__ import annotations

from decimal import Decimal

from app.content.library import LawLibrary, PriceListFile, UnitCostEntry
from app.content.problems import Minimums, Problem
from app.content.sources import Parsed


def check_laws(laws: Parsed[LawLibrary], minimums: Minimums) -> list[Problem]:
    problems = []
    seen_laws: set[str] = set()
    seen_articles: set[str] = set()
    for law_index, law in enumerate(laws.model.laws):
        if law.id in seen_laws:
            line = laws.lines.line(("laws", law_index, "id"))
            problems.append(Problem(laws.file, line, f"law {law.id!r} appears twice"))
        seen_laws.add(law.id)
        for index, article in enumerate(law.articles):
            path = ("laws", law_index, "articles", index)
            line = laws.lines.line((*path, "id"))
            if article.id in seen_articles:
                problems.append(Problem(laws.file, line, f"article {article.id!r} appears twice"))
            seen_articles.add(article.id)
            if not article.id.startswith(f"{law.id}-"):
                message = f"article id {article.id!r} must start with the law id {law.id}-"
                problems.append(Problem(laws.file, line, message))
            if article.status != "unverified" and article.source is None:
                message = f"article {article.id!r} is {article.status} but names no source"
                problems.append(Problem(laws.file, laws.lines.line(path), message))
    if len(laws.model.laws) < minimums.laws:
        message = f"the law library has {len(laws.model.laws)} laws; at least {minimums.laws}"
        problems.append(Problem(laws.file, None, message))
    return problems


def check_prices(
    prices: Parsed[PriceListFile], law_ids: frozenset[str] | None, minimums: Minimums
) -> list[Problem]:
    """Unique ids, known aggregates and laws; ``law_ids`` is None when the law library failed."""
    problems = []
    items = prices.model.unit_costs
    ids = {item.id for item in items}
    seen: set[str] = set()
    for index, item in enumerate(items):
        path = ("unit_costs", index)
        if item.id in seen:
            line = prices.lines.line((*path, "id"))
            problems.append(Problem(prices.file, line, f"unit cost {item.id!r} appears twice"))
        seen.add(item.id)
        for part_index, part in enumerate(item.aggregate_of):
            line = prices.lines.line((*path, "aggregate_of", part_index))
            if part not in ids:
                message = f"aggregate_of names unknown unit cost {part!r}"
                problems.append(Problem(prices.file, line, message))
            elif part == item.id:
                problems.append(Problem(prices.file, line, "a unit cost cannot contain itself"))
        if law_ids is not None and item.law is not None and item.law not in law_ids:
            message = f"law {item.law!r} is not in the law library"
            problems.append(Problem(prices.file, prices.lines.line((*path, "law")), message))
        line = prices.lines.line(path)
        problems += [Problem(prices.file, line, text) for text in range_problems(item)]
        problems += [Problem(prices.file, line, text) for text in index_problems(item, prices)]
    problems += cpi_problems(prices)
    if len(items) < minimums.unit_costs:
        message = f"the price list has {len(items)} unit costs; at least {minimums.unit_costs}"
        problems.append(Problem(prices.file, None, message))
    return problems


# A range narrower than this share of the central amount is no real range (10.11-10.13).
MIN_RANGE_SHARE = Decimal("0.01")


def range_problems(item: UnitCostEntry) -> list[str]:
    """A figure has a sourced range (low < high) or a reason to be a point value."""
    amount = item.amount
    name = f"unit cost {item.id!r}"
    if item.range is None and item.point_reason is None:
        return [f"{name} needs a 'range' (where low and high come from) or a 'point_reason'"]
    if item.range is not None and item.point_reason is not None:
        return [f"{name} has both a 'range' and a 'point_reason'; keep one"]
    if item.point_reason is not None:
        if amount.low != amount.high:
            return [f"{name} has a 'point_reason' but low and high differ"]
        return []
    if amount.low == amount.high:
        return [f"{name} has a 'range' but low equals high; give a point_reason instead"]
    if amount.high - amount.low < MIN_RANGE_SHARE * amount.central:
        return [
            f"{name}: the range {amount.low}-{amount.high} is narrower than 1 % of the central "
            "amount; give a real range or a point value"
        ]
    return []


def index_problems(item: UnitCostEntry, prices: Parsed[PriceListFile]) -> list[str]:
    """The CPI must cover every year from the figure's year to the base year."""
    base_year = prices.model.base_year
    if item.year >= base_year:
        return []
    cpi = prices.model.cpi
    known = cpi.percents() if cpi is not None else {}
    missing = [year for year in range(item.year + 1, base_year + 1) if year not in known]
    if not missing:
        return []
    years = ", ".join(str(year) for year in missing)
    return [f"unit cost {item.id!r} from {item.year} cannot be indexed: no CPI change for {years}"]


def cpi_problems(prices: Parsed[PriceListFile]) -> list[Problem]:
    cpi = prices.model.cpi
    if cpi is None:
        return []
    problems = []
    seen: set[int] = set()
    for index, change in enumerate(cpi.changes):
        if change.year in seen:
            line = prices.lines.line(("cpi", "changes", index))
            problems.append(Problem(prices.file, line, f"CPI year {change.year} appears twice"))
        seen.add(change.year)
    return problems
