"""The law library (search, filter, one page per law and per article) and the price list."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.calculator import PAYER_LABELS
from app.content.search import payers_in_library, search_articles
from app.errors import NotFound
from app.web.content import CatalogDep, markdown
from app.web.deps import CurrentViewer
from app.web.templating import render, render_page_or_fragment
from app.web.text import clean_text

router = APIRouter()


@router.get("/wetten", response_class=HTMLResponse)
def page_laws(
    request: Request,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    q: str = "",
    wet: str = "",
    betaler: str = "",
) -> HTMLResponse:
    q = clean_text(q.replace("\x00", ""))[:100]
    results = search_articles(catalog, words=q, law_id=wet, payer=betaler)
    context = {
        "catalog": catalog,
        "results": results,
        "q": q,
        "wet": wet,
        "betaler": betaler,
        "payers": [(p, PAYER_LABELS.get(p, p)) for p in payers_in_library(catalog)],
        "payer_labels": PAYER_LABELS,
    }
    return render_page_or_fragment(
        request, "trainee/library/index.html", "trainee/library/_results.html", context
    )


@router.get("/wetten/artikel/{article_id}", response_class=HTMLResponse)
def page_article(
    request: Request, catalog: CatalogDep, viewer: CurrentViewer, article_id: str
) -> HTMLResponse:
    try:
        item = catalog.article(article_id)
    except KeyError:
        raise NotFound("Dit wetsartikel staat niet in de wettenbibliotheek.") from None
    used_in = [
        case
        for case in catalog.cases
        if any(i.article == article_id for i in case.legal_basis)
        or any(article_id in b.articles for b in case.scenarios.breakthroughs)
    ]
    modules = [m for m in catalog.modules if f"[[art:{article_id}" in m.body]
    payers = [item.article.payer] if item.article.payer else list(item.law.payers)
    return render(
        request,
        "trainee/library/article.html",
        {
            "item": item,
            "used_in": used_in,
            "modules": modules,
            "payer_text": ", ".join(PAYER_LABELS.get(p, p) for p in payers) or "—",
            "checked_on": item.article.checked_on or catalog.laws_checked_on,
        },
    )


@router.get("/wetten/{law_id}", response_class=HTMLResponse)
def page_law(
    request: Request, catalog: CatalogDep, viewer: CurrentViewer, law_id: str
) -> HTMLResponse:
    try:
        law = catalog.law(law_id)
    except KeyError:
        raise NotFound("Deze wet staat niet in de wettenbibliotheek.") from None
    return render(
        request,
        "trainee/library/law.html",
        {"law": law, "payer_labels": PAYER_LABELS, "catalog": catalog},
    )


@router.get("/kengetallen", response_class=HTMLResponse)
def page_unit_costs(request: Request, catalog: CatalogDep, viewer: CurrentViewer) -> HTMLResponse:
    return render(
        request,
        "trainee/library/unit_costs.html",
        {
            "catalog": catalog,
            "payer_labels": PAYER_LABELS,
            "note": lambda text: markdown(catalog, text),
        },
    )
