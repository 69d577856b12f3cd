"""A cohort's progress for trainers and org admins: the grid (trainees x modules), the schedule
(modules due per session), one trainee's detail page and the digest button."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlmodel import Session
from starlette.routing import NoMatchFound

from app.accounts.viewer import Viewer
from app.cohorts.models import Cohort
from app.cohorts.service import set_meeting_modules
from app.content import Catalog
from app.dashboards import queries
from app.dashboards.digest import send_now
from app.dashboards.grid import CELL_LOOKS, COMPLETED, TRAINEE_FILTERS, GridJudge, PageRow
from app.dashboards.grid_page import grid_page
from app.dashboards.trainee import attempt_lines, module_lines
from app.db import utcnow
from app.errors import InvalidInput, NotFound
from app.exercises import queries as exercise_queries
from app.exercises.views import PLAN_STATUS_LABELS
from app.numbers import whole_number
from app.progress.queries import module_progress_for_user, video_progress_for_user
from app.web.content import CatalogDep
from app.web.deps import CurrentViewer, DbSession, FormLists, SettingsDep, StaffCohort
from app.web.templating import render, render_page_or_fragment, templates

router = APIRouter(prefix="/groepen")

MAX_PAGE = 10_000
ITEM_ANALYSIS = "page_item_analysis"  # /groepen/{cohort_id}/itemanalyse
REVIEW_QUEUE = "page_cohort_queue"  # /beoordelen/groepen/{cohort_id}


def _link(request: Request, endpoint: str, cohort: Cohort) -> str | None:
    """The path of another feature's page for this cohort, or None when it is not installed."""
    try:
        return str(request.app.url_path_for(endpoint, cohort_id=cohort.id))
    except NoMatchFound:
        return None


def _review_count(session: Session, cohort: Cohort) -> int:
    """Work of this cohort's trainees waiting for a trainer (plans, value triangles)."""
    return len(exercise_queries.queue_for_cohort(session, cohort))


@dataclass(frozen=True)
class Submission:
    case_id: str
    status: str
    versions: int
    updated_at: datetime
    href: str | None  # only trainers of the cohort read the work itself


def _submissions(
    session: Session, viewer: Viewer, cohort: Cohort, user_id: int
) -> list[Submission]:
    readable = cohort.id in exercise_queries.reviewer_cohort_ids(session, viewer)
    return [
        Submission(
            plan.case_id.upper(),
            PLAN_STATUS_LABELS.get(plan.status, plan.status),
            plan.versions,
            plan.updated_at,
            f"/beoordelen/plannen/{plan.id}" if readable else None,
        )
        for plan in exercise_queries.plans_in_cohort(session, cohort, user_id)
    ]


def _filters(request: Request) -> tuple[int | None, str, int]:
    params = request.query_params
    team = params.get("team", "")
    status = params.get("status", "")
    page = params.get("pagina", "1")
    return (
        whole_number(team),
        status if status in TRAINEE_FILTERS else "",
        max(1, whole_number(page, maximum=MAX_PAGE) or 1),
    )


# Rendered cells per (modules, row looks): rows that look alike share them. Bounded.
_CELLS: dict[tuple[tuple[int, ...], tuple[int, int, int, int]], Markup] = {}
CELLS_LIMIT = 20_000


def _cells(judge: GridJudge, row: PageRow) -> Markup:
    """The row's cells from templates/staff/progress/_cell.html, each distinct row rendered once."""
    key = (judge.module_numbers, row.looks)
    html = _CELLS.get(key)
    if html is None:
        macro = templates.env.get_template("staff/progress/_cell.html").module.cell  # type: ignore[attr-defined]
        html = Markup("").join(macro(number, view) for number, view in judge.cells(row.looks))
        if len(_CELLS) >= CELLS_LIMIT:
            _CELLS.clear()
        _CELLS[key] = html
    return html


def _grid_context(
    request: Request, session: Session, catalog: Catalog, cohort: Cohort
) -> dict[str, Any]:
    team_id, status, page = _filters(request)
    grid = grid_page(
        session,
        cohort,
        [m.number for m in catalog.modules],
        team_id=team_id,
        status=status,
        page=page,
        now=utcnow(),
    )

    def page_url(number: int) -> str:
        query = {"team": team_id or "", "status": status, "pagina": number}
        return f"/groepen/{cohort.id}/voortgang?" + urlencode(query)

    return {
        "cohort": cohort,
        "modules": catalog.modules,
        "rows": [(row, _cells(grid.judge, row)) for row in grid.rows],
        "shown": grid.shown,
        "summary": grid.summary,
        "teams": queries.cohort_teams(session, cohort),
        "team_id": team_id,
        "status": status,
        "filters": TRAINEE_FILTERS,
        "looks": CELL_LOOKS,
        "page": grid.page,
        "pages": grid.pages,
        "page_url": page_url,
        "next_meeting": grid.next_meeting,
        "due": grid.due,
        "not_ready": grid.not_ready,
        "review_count": _review_count(session, cohort),
        "item_analysis": _link(request, ITEM_ANALYSIS, cohort),
        "review_queue": _link(request, REVIEW_QUEUE, cohort),
    }


@router.get("/{cohort_id}/voortgang", response_class=HTMLResponse)
def page_progress_grid(
    request: Request, session: DbSession, catalog: CatalogDep, cohort: StaffCohort
) -> HTMLResponse:
    context = _grid_context(request, session, catalog, cohort)
    return render_page_or_fragment(
        request, "staff/progress/grid.html", "staff/progress/_grid.html", context
    )


@router.post("/{cohort_id}/overzicht-versturen")
def post_send_digest(
    session: DbSession,
    settings: SettingsDep,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    cohort: StaffCohort,
) -> Response:
    send_now(
        session,
        settings,
        catalog,
        cohort,
        now=utcnow(),
        actor_id=viewer.user_id,
        actor_email=viewer.email,
    )
    return RedirectResponse(f"/groepen/{cohort.id}/voortgang?overzicht=verstuurd", status_code=303)


def _schedule_context(session: Session, catalog: Catalog, cohort: Cohort) -> dict[str, Any]:
    schedule = queries.schedule_of(session, cohort)
    return {
        "cohort": cohort,
        "schedule": schedule,
        "blocks": catalog.blocks,
        "chosen": {
            m.id: sorted(schedule.requirements.get(m.id or 0, ())) for m in schedule.meetings
        },
        "error": None,
        "error_meeting": None,
    }


@router.get("/{cohort_id}/schema", response_class=HTMLResponse)
def page_schedule(
    request: Request, session: DbSession, catalog: CatalogDep, cohort: StaffCohort
) -> HTMLResponse:
    return render(
        request, "staff/progress/schedule.html", _schedule_context(session, catalog, cohort)
    )


@router.post("/{cohort_id}/schema/{meeting_id}", response_class=HTMLResponse)
def post_schedule(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    cohort: StaffCohort,
    meeting_id: int,
    form: FormLists,
) -> Response:
    meeting = queries.meeting_of(session, cohort, meeting_id)
    if meeting is None:
        raise NotFound("Deze bijeenkomst hoort niet bij deze groep.")
    values = form.get("module", [])
    try:
        numbers = [whole_number(value) for value in values]
        if None in numbers:
            raise InvalidInput("Kies alleen modules uit de lijst.", field=f"modules-{meeting_id}")
        set_meeting_modules(
            session,
            cohort=cohort,
            meeting=meeting,
            modules={number for number in numbers if number is not None},
            known=[m.number for m in catalog.modules],
            actor_id=viewer.user_id,
        )
    except InvalidInput as exc:
        context = _schedule_context(session, catalog, cohort)
        context["chosen"][meeting_id] = [n for v in values if (n := whole_number(v)) is not None]
        context |= {"error": exc.message, "error_meeting": meeting_id}
        return render(request, "staff/progress/schedule.html", context, status_code=400)
    return RedirectResponse(
        f"/groepen/{cohort.id}/schema?opgeslagen={meeting_id}#bijeenkomst-{meeting_id}",
        status_code=303,
    )


@router.get("/{cohort_id}/deelnemers/{user_id}", response_class=HTMLResponse)
def page_trainee(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    cohort: StaffCohort,
    user_id: int,
) -> HTMLResponse:
    user = queries.enrolled_user(session, cohort, user_id)
    if user is None:
        raise NotFound("Deze deelnemer staat niet in deze groep.")
    schedule = queries.schedule_of(session, cohort)
    lines = module_lines(
        catalog,
        module_progress_for_user(session, user_id),
        video_progress_for_user(session, user_id),
        schedule.deadlines_for(user_id),
        utcnow(),
    )
    context = {
        "cohort": cohort,
        "trainee": user,
        "lines": lines,
        "completed": sum(1 for line in lines if line.status == COMPLETED),
        "overdue": [line.number for line in lines if line.overdue],
        "attempts": attempt_lines(catalog, queries.user_attempts(session, cohort, user_id)),
        "calculations": queries.user_calculations(session, cohort, user_id),
        "submissions": _submissions(session, viewer, cohort, user_id),
    }
    return render(request, "staff/progress/trainee.html", context)
