"""Checks on the law library and the price list."""

from __future__ import annotations

from app.content.library import LawLibrary, PriceListFile
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
    if len(items) < minimums.unit_costs:
        message = f"the price list has {len(items)} unit costs; at least {minimums.unit_costs}"
        problems.append(Problem(prices.file, None, message))
    return problems
