"""Case exercises: knelpunt, wettelijke grondslag, kassabon, waardendriehoek and doorbraakplan.

Every case has every kind at /oefeningen/{case}/{kind}; modules name the ones they require.
Submitting grades at once (feedback in the same response): ``exercise_service.submit`` keeps the
attempt, drops the draft and refreshes the stored progress of every module that uses it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.accounts.viewer import Viewer
from app.calculations.chart import payer_chart
from app.calculations.view_helpers import HELPERS
from app.content import Catalog
from app.content.cases import Case
from app.content.kinds import exercise_path, kind_from_slug
from app.dates import format_date
from app.errors import InvalidInput, NotFound
from app.exercises import queries as exercise_queries
from app.exercises import service as exercise_service
from app.exercises import views
from app.exercises.answers import form_values
from app.exercises.grading import AnswerError
from app.exercises.models import BreakthroughPlan, BreakthroughPlanVersion, Review
from app.exercises.plan_pdf import plan_pdf
from app.exercises.submission import Submission
from app.web.content import CatalogDep, find_case, markdown
from app.web.deps import CurrentViewer, CurrentWork, DbSession, FormLists, SettingsDep
from app.web.problem_graph import graph_context
from app.web.templating import is_fragment_request, render, render_page_or_fragment

router = APIRouter(prefix="/oefeningen")


def _kind(slug: str) -> str:
    kind = kind_from_slug(slug)
    if kind is None:
        raise NotFound("Deze oefening bestaat niet.")
    return kind


@router.get("", response_class=HTMLResponse)
def page_exercises(
    request: Request, session: DbSession, catalog: CatalogDep, viewer: CurrentViewer
) -> HTMLResponse:
    context = {
        "catalog": catalog,
        "links": views.exercise_links_by_case(session, viewer, catalog.cases),
    }
    return render(request, "trainee/exercises/index.html", context)


def exercise_context(
    session: Session,
    catalog: Catalog,
    viewer: Viewer,
    case: Case,
    kind: str,
    **overrides: Any,
) -> dict[str, Any]:
    """Everything the page and its fragment show; ``overrides`` carry a submission's outcome."""
    values, _, draft_at = views.saved_values(session, viewer, case, kind)
    context = views.base_context(case, kind)
    context |= views.kind_context(session, catalog, viewer, case, kind)
    context |= views.attempt_context(session, catalog, viewer, case, kind)
    context |= {
        "values": values,
        "draft_saved_at": draft_at,
        "situation": markdown(catalog, case.situation),
        "error": None,
        "fresh": False,
        "warning": "",
        "viewer_id": viewer.user_id,
    }
    if kind == "bottleneck":
        context |= graph_context(case)
    if context.get("latest") is not None:
        context["warning"] = str(context["latest"].answers.get("warning", ""))
    if context.get("latest_version") is not None and context["plan"].status != "approved":
        context["warning"] = context["latest_version"].warning
    return context | overrides


@router.get("/{case_id}/{slug}", response_class=HTMLResponse)
def page_exercise(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    case_id: str,
    slug: str,
) -> HTMLResponse:
    case = find_case(catalog, case_id)
    kind = _kind(slug)
    context = exercise_context(session, catalog, viewer, case, kind)
    return render_page_or_fragment(
        request, "trainee/exercises/page.html", "trainee/exercises/_exercise.html", context
    )


# --- submitting ------------------------------------------------------------------------------


@router.post("/{case_id}/{slug}", response_class=HTMLResponse)
def post_exercise(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    work: CurrentWork,
    case_id: str,
    slug: str,
    form: FormLists,
) -> Response:
    case = find_case(catalog, case_id)
    kind = _kind(slug)
    values = form_values(kind, form)
    sub = Submission(session, catalog, settings, viewer, work, case, kind, values)
    try:
        warning = exercise_service.submit(sub)
    except (AnswerError, InvalidInput) as exc:
        message = exc.message if isinstance(exc, InvalidInput) else str(exc)
        context = exercise_context(
            session, catalog, viewer, case, kind, values=values, error=message
        )
        return render_page_or_fragment(
            request,
            "trainee/exercises/page.html",
            "trainee/exercises/_exercise.html",
            context,
            status_code=400,
        )
    if not is_fragment_request(request):
        return RedirectResponse(f"{exercise_path(case.id, kind)}#resultaat", status_code=303)
    context = exercise_context(session, catalog, viewer, case, kind, fresh=True)
    context["warning"] = warning or context["warning"]
    return render_page_or_fragment(
        request, "trainee/exercises/page.html", "trainee/exercises/_exercise.html", context
    )


# --- the plan as one printable document ------------------------------------------------------


def plan_document(
    session: Session, plan: BreakthroughPlan, number: str | None
) -> tuple[BreakthroughPlanVersion, Review | None]:
    """The asked version of a plan (default: the latest) and its review."""
    assert plan.id is not None
    versions = exercise_queries.plan_versions(session, plan.id)
    chosen = versions[-1] if versions else None
    if number:
        chosen = next((v for v in versions if str(v.number) == number), None)
    if chosen is None or chosen.id is None:
        raise NotFound("Deze versie van het plan bestaat niet.")
    return chosen, exercise_queries.reviews_by_version(session, [chosen.id]).get(chosen.id)


def print_context(
    session: Session, catalog: Catalog, plan: BreakthroughPlan, number: str | None
) -> dict[str, Any]:
    version, review = plan_document(session, plan, number)
    receipt = version.kassabon.get("receipt") or None
    author = exercise_queries.user_names(session, [plan.user_id]).get(plan.user_id, "")
    return {
        **HELPERS,
        **views.labels(),
        "case": find_case(catalog, plan.case_id),
        "plan": plan,
        "version": version,
        "review": review,
        "author": author,
        "receipt": receipt,
        "calculation": {"title": version.kassabon.get("title", "")},
        "chart": payer_chart(receipt["payers"]) if isinstance(receipt, dict) else None,
        "error": None,
        "receipt_error": None,
        "error_field": "",
    }


def plan_pdf_response(context: dict[str, Any]) -> Response:
    version = context["version"]
    body = plan_pdf(
        case_title=context["case"].title,
        author=context["author"],
        version_line=f"versie {version.number}, ingediend {format_date(version.submitted_at)}",
        fields=version.fields,
        kassabon=version.kassabon,
    )
    name = f"doorbraakplan-{context['case'].id}-versie-{version.number}.pdf"
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _own_plan(session: Session, viewer: Viewer, case: Case) -> BreakthroughPlan:
    plan = exercise_queries.plan_for(
        session, viewer.user_id, case.id, organisation_id=viewer.organisation_id
    )
    if plan is None:
        raise NotFound("Je hebt voor deze casus nog geen doorbraakplan ingediend.")
    return plan


@router.get("/{case_id}/doorbraakplan/afdruk", response_class=HTMLResponse)
def page_plan_print(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    case_id: str,
    versie: str | None = None,
) -> HTMLResponse:
    case = find_case(catalog, case_id)
    context = print_context(session, catalog, _own_plan(session, viewer, case), versie)
    context |= {
        "back_href": exercise_path(case.id, "plan"),
        "back_label": "Terug naar je doorbraakplan",
        "pdf_href": f"/oefeningen/{case.id}/doorbraakplan/afdruk.pdf"
        + (f"?versie={context['version'].number}" if versie else ""),
    }
    return render(request, "trainee/exercises/plan_print.html", context)


@router.get("/{case_id}/doorbraakplan/afdruk.pdf")
def get_plan_pdf(
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    case_id: str,
    versie: str | None = None,
) -> Response:
    case = find_case(catalog, case_id)
    return plan_pdf_response(
        print_context(session, catalog, _own_plan(session, viewer, case), versie)
    )
