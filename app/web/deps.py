"""Request dependencies: the database session, the viewer, and what each route requires."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.accounts import queries as account_queries
from app.accounts.models import Organisation, Role
from app.accounts.service import touch_session
from app.accounts.tokens import hash_token
from app.accounts.viewer import Viewer
from app.cohorts import queries as cohort_queries
from app.cohorts.context import WorkContext
from app.cohorts.models import Cohort
from app.dates import LOCAL
from app.db import Database, session_scope, utcnow
from app.errors import DomainError, NotAllowed, NotFound
from app.settings import Settings
from app.web import csrf
from app.web.text import clean_text
from app.web.write_gate import Gate

TOUCH_AFTER = timedelta(seconds=60)


# Dependencies that only look at the request or the viewer are `async def`: FastAPI runs them in
# the event loop instead of handing each to the thread pool (a hand-off costs more than the
# check). Those that query the database stay `def` and run in the pool.


class LoginRequired(DomainError):
    status_code = 401


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def request_writes(request: Request) -> bool:
    """Unsafe methods write through the request session, except self-gated paths (the login):
    their service opens its own short write (see `app/web/write_gate.py`)."""
    if request.method in csrf.SAFE_METHODS:
        return False
    return request.url.path not in request.app.state.self_gated_paths


async def write_turn(request: Request) -> AsyncIterator[None]:
    """A writing request first reads its whole body, then waits for the worker's write gate
    (app/web/write_gate.py); the gate opens again right after the session below commits."""
    if not request_writes(request):
        yield
        return
    with contextlib.suppress(RuntimeError):  # "Stream consumed": FastAPI parsed the form already
        await request.body()
    gate: Gate = request.app.state.write_gate
    async with gate.turn():
        yield


def db_session(
    request: Request, _turn: Annotated[None, Depends(write_turn, scope="function")]
) -> Iterator[Session]:
    """One unit of work per request; it commits before the response is sent (scope="function")
    and before it is rendered (app.web.templating.render), inside the write gate."""
    with session_scope(get_database(request), write=request_writes(request)) as session:
        yield session


DbSession = Annotated[Session, Depends(db_session, scope="function")]


async def settings_dependency(request: Request) -> Settings:
    return get_settings(request)


SettingsDep = Annotated[Settings, Depends(settings_dependency)]


def session_cookie_name(settings: Settings) -> str:
    return "__Host-dbs_session" if settings.secure_cookies else "dbs_session"


def optional_viewer(request: Request, session: DbSession) -> Viewer | None:
    if hasattr(request.state, "viewer"):
        cached: Viewer | None = request.state.viewer
        return cached
    request.state.viewer = None
    settings = get_settings(request)
    raw = request.cookies.get(session_cookie_name(settings))
    if not raw or len(raw) > 200:
        return None
    now = utcnow()
    found = account_queries.live_session(
        session,
        hash_token(raw),
        now=now,
        idle=timedelta(minutes=settings.session_idle_minutes),
        absolute=timedelta(hours=settings.session_absolute_hours),
    )
    if found is None:
        return None
    user_session, user = found
    if now - user_session.last_seen_at > TOUCH_AFTER:
        _touch(request, session, user_session.id)
    viewer = account_queries.viewer_for(session, user_session, user)
    request.state.viewer = viewer
    return viewer


def _touch(request: Request, session: Session, session_id: str) -> None:
    if request_writes(request):
        touch_session(session, session_id, utcnow())
        return
    with session_scope(get_database(request), write=True) as writer:
        touch_session(writer, session_id, utcnow())


OptionalViewer = Annotated[Viewer | None, Depends(optional_viewer)]


async def current_viewer(viewer: OptionalViewer) -> Viewer:
    if viewer is None:
        raise LoginRequired("Log in om verder te gaan.")
    return viewer


CurrentViewer = Annotated[Viewer, Depends(current_viewer)]


async def verify_csrf(request: Request, _viewer: OptionalViewer) -> None:
    await csrf.verify(request)


async def form_data(request: Request) -> dict[str, str]:
    """The submitted form with every text value cleaned (bidi controls, NUL, surrogates removed)."""
    form = await request.form()
    cleaned: dict[str, str] = {}
    for key, value in form.multi_items():
        if isinstance(value, str) and key != csrf.FIELD:
            text = value.replace("\x00", "")
            text = text.encode("utf-8", "replace").decode("utf-8")
            cleaned[key] = clean_text(text)
    return cleaned


FormData = Annotated[dict[str, str], Depends(form_data)]


async def form_lists(request: Request) -> dict[str, list[str]]:
    """Every submitted value per field (for checkboxes), cleaned like `form_data`."""
    form = await request.form()
    cleaned: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str) and key != csrf.FIELD:
            text = value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
            cleaned.setdefault(key, []).append(clean_text(text))
    return cleaned


FormLists = Annotated[dict[str, list[str]], Depends(form_lists)]


async def require_platform_admin(viewer: CurrentViewer) -> Viewer:
    if not viewer.is_platform_admin:
        raise NotFound()
    return viewer


PlatformAdmin = Annotated[Viewer, Depends(require_platform_admin)]


def managed_organisation(org_slug: str, viewer: CurrentViewer, session: DbSession) -> Organisation:
    """Route needs: org_admin of the organisation in the path (or platform admin)."""
    return account_queries.managed_organisation(session, viewer, org_slug)


ManagedOrganisation = Annotated[Organisation, Depends(managed_organisation)]


def staff_cohort(cohort_id: int, viewer: CurrentViewer, session: DbSession) -> Cohort:
    """Route needs: trainer of this cohort, or org_admin of its organisation."""
    return cohort_queries.cohort_for_staff(session, viewer, cohort_id)


StaffCohort = Annotated[Cohort, Depends(staff_cohort)]


async def managed_cohort(cohort: StaffCohort, viewer: CurrentViewer) -> Cohort:
    """Route needs: org_admin of the cohort's organisation. Trainers of the cohort see it but
    may not change who is in it (moving a person would not move their earlier work)."""
    if not viewer.can_manage(cohort.organisation_id):
        raise NotAllowed("Alleen de organisatiebeheerder schrijft deelnemers in of uit.")
    return cohort


ManagedCohort = Annotated[Cohort, Depends(managed_cohort)]


async def require_trainer_or_admin(viewer: CurrentViewer) -> Viewer:
    if not viewer.is_staff:
        raise NotFound()
    return viewer


Staff = Annotated[Viewer, Depends(require_trainer_or_admin)]


def current_work(viewer: CurrentViewer, session: DbSession) -> WorkContext:
    """Where the viewer's new work belongs: the organisation they act in, their cohort there."""
    return cohort_queries.work_context(session, viewer, utcnow().astimezone(LOCAL).date())


CurrentWork = Annotated[WorkContext, Depends(current_work)]


async def require_trainee(viewer: CurrentViewer) -> Viewer:
    if not viewer.organisation_ids(Role.trainee):
        raise NotFound()
    return viewer


Trainee = Annotated[Viewer, Depends(require_trainee)]
