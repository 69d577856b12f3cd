"""The cases: an overview, and one page per case with its problem graph (SVG and a list)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.calculator import PAYER_LABELS
from app.exercises import views as exercise_views
from app.web.content import CatalogDep, find_case, markdown
from app.web.deps import CurrentViewer, DbSession
from app.web.problem_graph import graph_context
from app.web.templating import render

router = APIRouter(prefix="/casussen")


@router.get("", response_class=HTMLResponse)
def page_cases(request: Request, catalog: CatalogDep, viewer: CurrentViewer) -> HTMLResponse:
    return render(request, "trainee/cases/index.html", {"catalog": catalog})


@router.get("/{case_id}", response_class=HTMLResponse)
def page_case(
    request: Request, session: DbSession, catalog: CatalogDep, viewer: CurrentViewer, case_id: str
) -> HTMLResponse:
    case = find_case(catalog, case_id)
    return render(
        request,
        "trainee/cases/page.html",
        {
            "case": case,
            "situation": markdown(catalog, case.situation),
            **graph_context(case),
            "modules": [catalog.module(n) for n in case.modules if 1 <= n <= len(catalog.modules)],
            "payer_labels": PAYER_LABELS,
            "exercise_links": exercise_views.case_exercise_links(session, viewer, case),
        },
    )
