"""The cases: an overview, and one page per case with its problem graph (SVG and a list)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.calculator import PAYER_LABELS
from app.errors import NotFound
from app.web.content import CatalogDep, markdown
from app.web.deps import CurrentViewer
from app.web.problem_graph import BOX_H, BOX_W, ProblemNode, layout
from app.web.templating import render

router = APIRouter(prefix="/casussen")


@router.get("", response_class=HTMLResponse)
def page_cases(request: Request, catalog: CatalogDep, viewer: CurrentViewer) -> HTMLResponse:
    return render(request, "cases/index.html", {"catalog": catalog})


@router.get("/{case_id}", response_class=HTMLResponse)
def page_case(
    request: Request, catalog: CatalogDep, viewer: CurrentViewer, case_id: str
) -> HTMLResponse:
    try:
        case = catalog.case(case_id)
    except KeyError:
        raise NotFound("Deze casus bestaat niet.") from None
    nodes = [ProblemNode(p.id, p.title, p.owner, p.blocks) for p in case.problems]
    titles = {p.id: p.title for p in case.problems}
    blocked_by = {p.id: [q.title for q in case.problems if p.id in q.blocks] for p in case.problems}
    return render(
        request,
        "cases/page.html",
        {
            "case": case,
            "situation": markdown(catalog, case.situation),
            "graph": layout(nodes),
            "box_w": BOX_W,
            "box_h": BOX_H,
            "titles": titles,
            "blocked_by": blocked_by,
            "modules": [catalog.module(n) for n in case.modules if 1 <= n <= len(catalog.modules)],
            "payer_labels": PAYER_LABELS,
        },
    )
