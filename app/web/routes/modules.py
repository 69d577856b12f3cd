"""The 25 modules: the overview by block, a module page, and its knowledge-check questions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.accounts.viewer import Viewer
from app.content import Catalog
from app.content.models import Exercise, Module
from app.dashboards.grid import CELL_LOOKS, NOT_STARTED, cell_key
from app.errors import InvalidInput, NotFound
from app.exercises import service as exercise_service
from app.exercises.check_views import question_views
from app.exercises.grading import AnswerError
from app.exercises.views import module_case_exercises
from app.organisations.queries import escalation_route_for_user
from app.progress.queries import module_progress_for_user
from app.web.content import CatalogDep, markdown
from app.web.deps import CurrentViewer, CurrentWork, DbSession, FormLists, SettingsDep
from app.web.templating import is_fragment_request, render, render_page_or_fragment
from app.web.video import video_view

router = APIRouter(prefix="/modules")

# The module about escalating shows the trainee's own organisation's doorbraakroute.
ESCALATION_MODULE = 23


def _module(catalog: Catalog, number: int) -> Module:
    try:
        return catalog.module(number)
    except KeyError:
        raise NotFound("Deze module bestaat niet.") from None


def _question(module: Module, exercise_id: str) -> Exercise:
    for exercise in module.exercises:
        if exercise.id == exercise_id:
            return exercise
    raise NotFound("Deze vraag bestaat niet.")


@router.get("", response_class=HTMLResponse)
def page_modules(
    request: Request, session: DbSession, catalog: CatalogDep, viewer: CurrentViewer
) -> HTMLResponse:
    """The modules by block; a trainee sees each module's status (as on Mijn leerpad)."""
    rows = module_progress_for_user(session, viewer.user_id) if viewer.is_trainee else {}
    keys = {number: cell_key(row.status, row.feedback_received) for number, row in rows.items()}
    context = {
        "catalog": catalog,
        "statuses": keys,
        "looks": CELL_LOOKS,
        "not_started": NOT_STARTED,
        "show_status": viewer.is_trainee,
    }
    return render(request, "trainee/modules/index.html", context)


def _module_context(
    session: DbSession, catalog: Catalog, media_dir: Path, viewer: Viewer, module: Module
) -> dict[str, Any]:
    script = catalog.video_scripts.get(module.video)
    progress = module_progress_for_user(session, viewer.user_id).get(module.number)
    return {
        "video": video_view(session, media_dir, viewer.user_id, module),
        "progress": progress,
        "module": module,
        "block": catalog.blocks[module.block],
        "body": markdown(catalog, module.body),
        "script": script,
        "question_views": question_views(session, viewer, module.exercises),
        "cases": catalog.cases_for_module(module.number),
        "previous": catalog.module(module.number - 1) if module.number > 1 else None,
        "next": catalog.module(module.number + 1) if module.number < len(catalog.modules) else None,
        "explain": lambda text: markdown(catalog, text),
        "case_exercises": module_case_exercises(session, catalog, viewer, module),
        "escalation_routes": escalation_route_for_user(session, viewer.user_id)
        if module.number == ESCALATION_MODULE
        else None,
    }


@router.get("/{number}", response_class=HTMLResponse)
def page_module(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    number: int,
) -> HTMLResponse:
    module = _module(catalog, number)
    context = _module_context(session, catalog, settings.media_dir, viewer, module)
    return render(request, "trainee/modules/page.html", context)


def _chosen(form: dict[str, list[str]]) -> list[int]:
    values = form.get("answer", [])
    try:
        return [int(value) for value in values]
    except ValueError:
        raise InvalidInput("Dit antwoord hoort niet bij de vraag.") from None


@router.post("/{number}/vragen/{exercise_id}", response_class=HTMLResponse)
def post_question(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    work: CurrentWork,
    number: int,
    exercise_id: str,
    form: FormLists,
) -> Response:
    module = _module(catalog, number)
    question = _question(module, exercise_id)
    error = None
    try:
        exercise_service.answer_question(
            session,
            catalog,
            settings.media_dir,
            context=work,
            module_number=module.number,
            question=question,
            chosen=_chosen(form),
        )
    except (AnswerError, InvalidInput) as exc:
        error = str(exc) if isinstance(exc, AnswerError) else exc.message
    fragment = request.headers.get("hx-request") == "true"
    if not fragment and error is None:
        return RedirectResponse(f"/modules/{number}#vraag-{question.id}", status_code=303)
    # htmx swaps only the question: render just that, not the whole module page.
    context = (
        {"module": module}
        if is_fragment_request(request)
        else _module_context(session, catalog, settings.media_dir, viewer, module)
    )
    context |= {
        "question": question,
        "view": question_views(session, viewer, [question])[question.id],
        "question_error": error,
        "number_in_module": module.exercises.index(question) + 1,
    }
    status = 400 if error else 200
    return render_page_or_fragment(
        request,
        "trainee/modules/page.html",
        "trainee/modules/_question.html",
        context,
        status_code=status,
    )
