"""What the case exercises are graded against, derived from the course content (pure).

The reference kassabon is the case's status quo against its first breakthrough option, on the
course price list at central amounts. The legal-basis options are the case's key mixed with a
few other verified articles of the same laws (never one the case's breakthroughs name); the
content check makes sure the key itself only uses verified articles.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from app.calculator import calculate, comparison_from_mapping, receipt_to_dict
from app.content import Catalog
from app.content.cases import Case
from app.content.pricing import comparison_mapping
from app.exercises.grading import KassabonFigures, figures_from_receipt

EXTRA_ARTICLES = 3
_RECEIPTS: dict[tuple[str, str], dict[str, Any]] = {}


def reference_receipt(catalog: Catalog, case: Case) -> dict[str, Any]:
    """The reference receipt (``receipt_to_dict`` shape), computed once per content version."""
    key = (catalog.version, case.id)
    if key not in _RECEIPTS:
        comparison = comparison_from_mapping(comparison_mapping(case, 0))
        _RECEIPTS[key] = receipt_to_dict(calculate(comparison, catalog.price_list))
    return _RECEIPTS[key]


def reference_figures(catalog: Catalog, case: Case) -> KassabonFigures:
    return figures_from_receipt(reference_receipt(catalog, case))


@dataclass(frozen=True)
class LegalOption:
    """One article offered in the legal-basis exercise, with the key's verdict and reason."""

    article: str
    correct: bool
    reason: str
    label: str  # "art. 18 lid 1 Pw"
    title: str


def _shuffle_key(case_id: str, article_id: str) -> str:
    return hashlib.sha256(f"{case_id}:{article_id}".encode()).hexdigest()


def _extra_articles(catalog: Catalog, case: Case) -> list[LegalOption]:
    keyed = {item.article for item in case.legal_basis}
    named = {a for option in case.scenarios.breakthroughs for a in option.articles}
    laws = []
    for item in case.legal_basis:
        law = catalog.article(item.article).law.id
        if law not in laws:
            laws.append(law)
    candidates = [
        article
        for law_id in laws
        for article in catalog.law(law_id).articles
        if article.verified and article.id not in keyed and article.id not in named
    ]
    candidates.sort(key=lambda article: _shuffle_key(case.id, article.id))
    chosen = []
    for article in candidates[:EXTRA_ARTICLES]:
        found = catalog.article(article.id)
        reason = (
            "Dit artikel is voor deze doorbraak niet nodig: het gaat over "
            f"{article.title[0].lower()}{article.title[1:]}."
        )
        chosen.append(LegalOption(article.id, False, reason, found.label, article.title))
    return chosen


def legal_basis_options(catalog: Catalog, case: Case) -> list[LegalOption]:
    """The key plus a few other articles of the same laws, in a stable mixed order."""
    options = [
        LegalOption(
            item.article,
            item.correct,
            item.reason,
            catalog.article(item.article).label,
            catalog.article(item.article).article.title,
        )
        for item in case.legal_basis
    ]
    options += _extra_articles(catalog, case)
    return sorted(options, key=lambda option: _shuffle_key(case.id, option.article))
