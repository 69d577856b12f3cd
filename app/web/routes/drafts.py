"""Autosave: the exercise forms post themselves here while the trainee types (htmx
``keyup changed delay:1s, change``). One draft per user x exercise; the page shows it again when
it opens, so a closed tab or an expired session loses nothing."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.content.kinds import split_exercise_id
from app.dates import to_local
from app.db import utcnow
from app.errors import NotFound
from app.exercises import service as exercise_service
from app.exercises.answers import form_values
from app.web.content import CatalogDep, find_case
from app.web.deps import DbSession, FormLists, OptionalViewer, SettingsDep
from app.web.templating import render

router = APIRouter(prefix="/concepten")


@router.post("/{exercise_id}", response_class=HTMLResponse)
def post_draft(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    catalog: CatalogDep,
    viewer: OptionalViewer,
    exercise_id: str,
    form: FormLists,
) -> HTMLResponse:
    if viewer is None:  # never redirect away from the text being typed
        expired = {"expired": True}
        return render(request, "trainee/exercises/_draft_status.html", expired, status_code=401)
    parts = split_exercise_id(exercise_id)
    if parts is None:
        raise NotFound("Deze oefening bestaat niet.")
    case = find_case(catalog, parts[0])
    kind = parts[1]
    draft = exercise_service.autosave(
        session,
        catalog,
        settings.media_dir,
        viewer=viewer,
        case=case,
        kind=kind,
        values=form_values(kind, form),
    )
    saved_at = draft.updated_at if draft is not None else utcnow()
    clock = f"{to_local(saved_at):%H:%M}"
    context: dict[str, object] = {"saved": draft is not None, "saved_clock": clock}
    response = render(request, "trainee/exercises/_draft_status.html", context)
    response.headers["Vary"] = "HX-Request"
    return response
