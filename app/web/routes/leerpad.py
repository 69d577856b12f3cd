"""Mijn leerpad: a trainee's modules with status, next step, their own deadlines (with the
catch-up plan of a late joiner) and overall progress."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.cohorts.schedule import catch_up_plan
from app.dashboards import queries
from app.dashboards.leerpad import learning_path
from app.dates import to_local
from app.db import utcnow
from app.progress.queries import module_progress_for_user
from app.web.content import CatalogDep
from app.web.deps import DbSession, Trainee
from app.web.templating import render

router = APIRouter()


@router.get("/leerpad", response_class=HTMLResponse)
def page_learning_path(
    request: Request, session: DbSession, catalog: CatalogDep, viewer: Trainee
) -> HTMLResponse:
    now = utcnow()
    cohort = queries.current_cohort(session, viewer, to_local(now).date())
    schedule = queries.schedule_of(session, cohort) if cohort else None
    mine = schedule.deadlines_for(viewer.user_id) if schedule else {}
    path = learning_path(catalog, module_progress_for_user(session, viewer.user_id), mine, now)
    context = {
        "path": path,
        "cohort": cohort,
        "schedule": schedule,
        "catch_up": catch_up_plan(mine),
        "now": now,
    }
    return render(request, "trainee/leerpad/page.html", context)
