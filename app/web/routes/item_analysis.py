"""Item analysis per cohort: per question the share answered correctly at the first attempt and
the most-chosen wrong answer, for knowledge checks and case exercises (trainers and org admins of
the cohort; no free text is shown)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.exercises import queries as exercise_queries
from app.exercises.item_analysis import FirstAttempt, analyse
from app.web.content import CatalogDep
from app.web.deps import CurrentViewer, DbSession, StaffCohort
from app.web.templating import render

router = APIRouter(prefix="/groepen")


@router.get("/{cohort_id}/itemanalyse", response_class=HTMLResponse)
def page_item_analysis(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    cohort: StaffCohort,
) -> HTMLResponse:
    assert cohort.id is not None
    users = exercise_queries.enrolled_user_ids(session, [cohort.id])
    attempts = [
        FirstAttempt(a.exercise_id, a.kind, a.case_id, a.answers, a.passed)
        for a in exercise_queries.first_attempts(session, cohort)
    ]
    rows = analyse(catalog, attempts)
    context = {
        "cohort": cohort,
        "rows": rows,
        "trainees": len(users),
        "queue": len(exercise_queries.queue_for_cohort(session, cohort)),
    }
    return render(request, "staff/review/item_analysis.html", context)
