"""The start page: what this viewer can do next, per role."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.accounts.queries import organisations_for
from app.cohorts import queries as cohort_queries
from app.web.deps import DbSession, OptionalViewer
from app.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def page_home(request: Request, session: DbSession, viewer: OptionalViewer) -> HTMLResponse:
    if viewer is None:
        return render(request, "home/welcome.html")
    context = {
        "organisations": organisations_for(session, viewer),
        "staff_cohorts": cohort_queries.staff_cohorts(session, viewer) if viewer.is_staff else [],
        "my_cohorts": [
            (cohort, cohort_queries.meetings_of(session, cohort))
            for cohort in cohort_queries.trainee_cohorts(session, viewer)
        ],
    }
    return render(request, "home/start.html", context)
