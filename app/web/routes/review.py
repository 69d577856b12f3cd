"""Trainer review: the queue per cohort, reviewing a doorbraakplan or a waardendriehoek with the
rubric, and returning or approving a plan.

Trainers read the free text of trainees in the cohorts they train. Org admins (and platform
admins) see the queue and statuses of their organisation's cohorts, never the text: opening a
piece of work outside the cohorts one trains answers 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.accounts.viewer import Viewer
from app.cohorts import queries as cohort_queries
from app.content import Catalog
from app.errors import InvalidInput
from app.exercises import queries as exercise_queries
from app.exercises import service as exercise_service
from app.exercises import views
from app.exercises.answers import values_from_answers
from app.exercises.case_grading import regrade
from app.exercises.grading import AnswerError
from app.exercises.models import Attempt, BreakthroughPlan
from app.exercises.plan import (
    PLAN_RUBRIC,
    TRIANGLE_RUBRIC,
    check_comment,
    check_decision,
    parse_rubric,
)
from app.exercises.reference import legal_basis_options, reference_receipt
from app.web.content import CatalogDep, find_case
from app.web.deps import DbSession, FormData, SettingsDep, Staff, StaffCohort
from app.web.routes.exercises import plan_pdf_response, print_context
from app.web.templating import render, render_page_or_fragment

router = APIRouter(prefix="/beoordelen")


def _cohort_rows(session: Session, viewer: Viewer) -> list[dict[str, Any]]:
    readable = exercise_queries.reviewer_cohort_ids(session, viewer)
    return [
        {
            "cohort": cohort,
            "items": exercise_queries.queue_for_cohort(session, cohort),
            "can_read": cohort.id in readable,
        }
        for cohort in cohort_queries.staff_cohorts(session, viewer)
    ]


@router.get("", response_class=HTMLResponse)
def page_review(request: Request, session: DbSession, viewer: Staff) -> HTMLResponse:
    context = {
        "rows": _cohort_rows(session, viewer),
        "count": exercise_queries.queue_count(session, viewer),
        "reviewed": request.query_params.get("beoordeeld") == "1",
        **views.labels(),
    }
    return render(request, "staff/review/index.html", context)


@router.get("/teller", response_class=HTMLResponse)
def fragment_review_count(request: Request, session: DbSession, viewer: Staff) -> HTMLResponse:
    """The number of items waiting for this trainer, for any page that wants to show it."""
    context = {"count": exercise_queries.queue_count(session, viewer)}
    return render_page_or_fragment(
        request, "staff/review/count_page.html", "staff/review/_count.html", context
    )


@router.get("/groepen/{cohort_id}", response_class=HTMLResponse)
def page_cohort_queue(
    request: Request, session: DbSession, viewer: Staff, cohort: StaffCohort
) -> HTMLResponse:
    plans = exercise_queries.plan_statuses(session, cohort)
    context = {
        "cohort": cohort,
        "items": exercise_queries.queue_for_cohort(session, cohort),
        "can_read": cohort.id in exercise_queries.reviewer_cohort_ids(session, viewer),
        "plans": plans,
        "names": exercise_queries.user_names(session, [p.user_id for p in plans]),
        **views.labels(),
    }
    return render(request, "staff/review/cohort.html", context)


# --- a doorbraakplan -------------------------------------------------------------------------


def trainer_reference(catalog: Catalog, case_id: str) -> dict[str, Any]:
    """The case's reference answers, for the trainer's eyes only."""
    case = find_case(catalog, case_id)
    return {
        "reference_bottleneck": case.problem(case.bottleneck).title,
        "reference_articles": [o for o in legal_basis_options(catalog, case) if o.correct],
        "reference_receipt": reference_receipt(catalog, case),
        "reference_triangle": case.value_triangle,
    }


def _plan_review_context(
    session: Session, catalog: Catalog, plan: BreakthroughPlan, **extra: Any
) -> dict[str, Any]:
    assert plan.id is not None
    versions = exercise_queries.plan_versions(session, plan.id)
    reviews = exercise_queries.reviews_by_version(session, [v.id for v in versions if v.id])
    latest = versions[-1]
    return {
        **views.labels(),
        **trainer_reference(catalog, plan.case_id),
        "case": find_case(catalog, plan.case_id),
        "plan": plan,
        "author": exercise_queries.user_names(session, [plan.user_id]).get(plan.user_id, ""),
        "versions": versions,
        "reviews": reviews,
        "version": latest,
        "review": reviews.get(latest.id) if latest.id else None,
        "form": {},
        "error": None,
        **extra,
    }


@router.get("/plannen/{plan_id}", response_class=HTMLResponse)
def page_plan_review(
    request: Request, session: DbSession, catalog: CatalogDep, viewer: Staff, plan_id: int
) -> HTMLResponse:
    plan = exercise_queries.plan_for_reviewer(session, viewer, plan_id)
    return render(request, "staff/review/plan.html", _plan_review_context(session, catalog, plan))


@router.post("/plannen/{plan_id}", response_class=HTMLResponse)
def post_plan_review(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    catalog: CatalogDep,
    viewer: Staff,
    plan_id: int,
    form: FormData,
) -> Response:
    plan = exercise_queries.plan_for_reviewer(session, viewer, plan_id)
    assert plan.id is not None
    version = exercise_queries.plan_versions(session, plan.id)[-1]
    decision, comment = form.get("decision", ""), form.get("comment", "").strip()
    try:
        rubric = parse_rubric(form, PLAN_RUBRIC)
        check_decision(decision, rubric, comment)
        exercise_service.review_plan(
            session,
            catalog,
            settings.media_dir,
            plan=plan,
            version=version,
            reviewer_id=viewer.user_id,
            rubric=rubric,
            comment=comment,
            decision=decision,
        )
    except (AnswerError, InvalidInput) as exc:
        message = exc.message if isinstance(exc, InvalidInput) else str(exc)
        context = _plan_review_context(session, catalog, plan, form=form, error=message)
        return render(request, "staff/review/plan.html", context, status_code=400)
    return RedirectResponse(f"/beoordelen/plannen/{plan.id}#beoordeling", status_code=303)


@router.get("/plannen/{plan_id}/afdruk", response_class=HTMLResponse)
def page_plan_review_print(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: Staff,
    plan_id: int,
    versie: str | None = None,
) -> HTMLResponse:
    plan = exercise_queries.plan_for_reviewer(session, viewer, plan_id)
    context = print_context(session, catalog, plan, versie)
    context |= {
        "back_href": f"/beoordelen/plannen/{plan_id}",
        "back_label": "Terug naar de beoordeling",
        "pdf_href": f"/beoordelen/plannen/{plan_id}/afdruk.pdf"
        + (f"?versie={context['version'].number}" if versie else ""),
    }
    return render(request, "trainee/exercises/plan_print.html", context)


@router.get("/plannen/{plan_id}/afdruk.pdf")
def get_plan_review_pdf(
    session: DbSession, catalog: CatalogDep, viewer: Staff, plan_id: int, versie: str | None = None
) -> Response:
    plan = exercise_queries.plan_for_reviewer(session, viewer, plan_id)
    return plan_pdf_response(print_context(session, catalog, plan, versie))


# --- a waardendriehoek -----------------------------------------------------------------------


def _triangle_context(
    session: Session, catalog: Catalog, attempt: Attempt, **extra: Any
) -> dict[str, Any]:
    case = find_case(catalog, attempt.case_id or "")
    assert attempt.id is not None
    return {
        **views.labels(),
        **trainer_reference(catalog, case.id),
        "case": case,
        "attempt": attempt,
        "values": values_from_answers("value_triangle", attempt.answers),
        "grade": regrade(catalog, case, "value_triangle", attempt.answers),
        "author": exercise_queries.user_names(session, [attempt.user_id]).get(attempt.user_id),
        "review": exercise_queries.reviews_by_attempt(session, [attempt.id]).get(attempt.id),
        "form": {},
        "error": None,
        **extra,
    }


@router.get("/waardendriehoek/{attempt_id}", response_class=HTMLResponse)
def page_triangle_review(
    request: Request, session: DbSession, catalog: CatalogDep, viewer: Staff, attempt_id: int
) -> HTMLResponse:
    attempt = exercise_queries.attempt_for_reviewer(session, viewer, attempt_id)
    return render(
        request, "staff/review/triangle.html", _triangle_context(session, catalog, attempt)
    )


@router.post("/waardendriehoek/{attempt_id}", response_class=HTMLResponse)
def post_triangle_review(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: Staff,
    attempt_id: int,
    form: FormData,
) -> Response:
    attempt = exercise_queries.attempt_for_reviewer(session, viewer, attempt_id)
    try:
        rubric = parse_rubric(form, TRIANGLE_RUBRIC)
        check_comment(form.get("comment", ""))
        exercise_service.review_attempt(
            session,
            attempt=attempt,
            reviewer_id=viewer.user_id,
            rubric=rubric,
            comment=form.get("comment", ""),
        )
    except AnswerError as exc:
        context = _triangle_context(session, catalog, attempt, form=form, error=str(exc))
        return render(request, "staff/review/triangle.html", context, status_code=400)
    return RedirectResponse("/beoordelen?beoordeeld=1", status_code=303)
