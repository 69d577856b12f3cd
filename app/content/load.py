"""``check_content`` and ``load_catalog``: read, check and assemble the course."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import MappingProxyType

from app.calculator import PriceList
from app.content.catalog import Catalog
from app.content.check_amounts import check_quoted_amounts
from app.content.check_cases import check_cases
from app.content.check_library import check_laws, check_prices
from app.content.check_modules import check_modules, count_words
from app.content.check_references import check_references
from app.content.check_wording import check_graded_articles, check_wording
from app.content.gate import check_anonymisation
from app.content.known import known_ids
from app.content.library import Law, LawLibrary
from app.content.models import Module
from app.content.pricing import build_price_list, check_calculations
from app.content.problems import ContentError, Minimums, Problem
from app.content.sources import PRICES_FILE, Sources, content_files, read_sources

COURSE = Minimums.course()


def check_content(root: Path, *, minimums: Minimums = COURSE, names: bool = True) -> list[Problem]:
    """Every problem with the course under ``root``; an empty list means it is valid.

    ``names=False`` leaves personal names out of the anonymisation gate (the name detector
    takes seconds to load); structured identifiers are always checked.
    """
    problems, _ = _check(root, minimums, names)
    return problems


def load_catalog(root: Path, *, minimums: Minimums = COURSE, names: bool = True) -> Catalog:
    """The catalog of the course under ``root``; raises ContentError when it has problems."""
    problems, sources = _check(root, minimums, names)
    if problems:
        raise ContentError(problems)
    return build_catalog(sources)


def content_version(root: Path) -> str:
    """A short hash over every content file (names and bytes)."""
    digest = hashlib.sha256()
    for path in content_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def _check(root: Path, minimums: Minimums, names: bool) -> tuple[list[Problem], Sources]:
    sources = read_sources(root)
    known = known_ids(sources)
    problems = list(sources.problems)
    problems += check_modules(sources, known, minimums)
    problems += check_references(sources, known)
    problems += check_cases(sources, known, minimums)
    if sources.laws is not None:
        problems += check_laws(sources.laws, minimums)
    problems += check_wording(sources)
    problems += check_graded_articles(sources)
    price_list = _price_list(sources)
    if sources.prices is not None and price_list is not None:
        problems += check_prices(sources.prices, known.laws, minimums)
        for case in sources.cases:
            problems += check_calculations(case, price_list)
            problems += check_quoted_amounts(case, price_list)
    problems += check_anonymisation(sources, names)
    problems.sort(key=lambda problem: (problem.file, problem.line or 0))
    return problems, sources


def _price_list(sources: Sources) -> PriceList | None:
    if sources.prices is None:
        return None
    version = hashlib.sha256((sources.root / PRICES_FILE).read_bytes()).hexdigest()[:12]
    return build_price_list(sources.prices.model, version)


def build_catalog(sources: Sources) -> Catalog:
    """Assemble a catalog from sources that passed every check."""
    if sources.laws is None or sources.prices is None:
        raise ContentError(sources.problems)
    price_list = _price_list(sources)
    assert price_list is not None
    modules = tuple(
        Module.model_validate(
            {**dict(lesson.front), "body": lesson.body, "word_count": count_words(lesson.body)}
        )
        for lesson in sorted(sources.lessons, key=lambda lesson: lesson.front.number)
    )
    cases = sorted((case.model for case in sources.cases), key=lambda case: int(case.id[1:]))
    return Catalog(
        root=sources.root,
        version=content_version(sources.root),
        modules=modules,
        laws=_laws_with_dates(sources.laws.model),
        cases=tuple(cases),
        unit_costs=sources.prices.model.unit_costs,
        price_list=price_list,
        video_scripts=MappingProxyType({k: v.model for k, v in sources.scripts.items()}),
        laws_checked_on=sources.laws.model.checked_on,
        cpi=sources.prices.model.cpi,
    )


def _laws_with_dates(library: LawLibrary) -> tuple[Law, ...]:
    """Laws whose articles all carry their checked_on date (the file default if not their own)."""
    return tuple(
        law.model_copy(
            update={
                "articles": tuple(
                    article.model_copy(
                        update={"checked_on": article.checked_on or library.checked_on}
                    )
                    for article in law.articles
                )
            }
        )
        for law in library.laws
    )
