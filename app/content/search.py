"""Searching the law library: by word, law and payer (pure)."""

from __future__ import annotations

import unicodedata

from app.content.catalog import Catalog, LawArticle


def fold(text: str) -> str:
    """Lowercase without accents, so that "cliënt" matches "client"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_articles(
    catalog: Catalog, *, words: str = "", law_id: str = "", payer: str = ""
) -> list[LawArticle]:
    """Articles whose text contains every word, optionally of one law and/or one payer."""
    terms = [fold(term) for term in words.split() if term]
    found = []
    for item in catalog.articles:
        if law_id and item.law.id != law_id:
            continue
        payers = {item.article.payer} if item.article.payer else set(item.law.payers)
        if payer and payer not in payers:
            continue
        haystack = fold(
            " ".join(
                [
                    item.law.name,
                    item.law.abbreviation,
                    item.article.number,
                    item.article.title,
                    item.article.paraphrase,
                    item.article.maatwerk,
                ]
            )
        )
        if all(term in haystack for term in terms):
            found.append(item)
    return found


def payers_in_library(catalog: Catalog) -> list[str]:
    payers: set[str] = set()
    for law in catalog.laws:
        payers.update(law.payers)
        payers.update(a.payer for a in law.articles if a.payer)
    return sorted(payers)
