"""Beheer › Inwerken: onboarding paths (a cohort template) and starting a new member on one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.accounts import queries as account_queries
from app.accounts.models import Organisation, Role, User
from app.content import Catalog
from app.dates import LOCAL
from app.db import utcnow
from app.errors import InvalidInput
from app.numbers import whole_number
from app.organisations import queries as org_queries
from app.organisations import service as org_service
from app.organisations.models import OnboardingPath
from app.web.content import CatalogDep
from app.web.deps import CurrentViewer, DbSession, FormData, FormLists, ManagedOrganisation
from app.web.forms import parse_date, parse_id
from app.web.templating import render

router = APIRouter(prefix="/beheer")
PAGE = "admin/org/onboarding.html"


def _context(session: Session, catalog: Catalog, org: Organisation) -> dict[str, Any]:
    assert org.id is not None
    return {
        "organisation": org,
        "catalog": catalog,
        "paths": org_queries.onboarding_paths(session, org.id),
        "starts": org_queries.onboarding_starts(session, org.id),
        "trainees": [
            m.user
            for m in account_queries.members_of(session, org.id)
            if str(Role.trainee) in m.roles
        ],
        "today": utcnow().astimezone(LOCAL).date().isoformat(),
        "form": {},
        "chosen": [],
    }


def _module_numbers(catalog: Catalog, lists: dict[str, list[str]]) -> list[int]:
    known = {m.number for m in catalog.modules}
    chosen = [n for v in lists.get("modules", []) if (n := whole_number(v)) in known]
    if not chosen:
        raise InvalidInput("Kies minstens één module voor het inwerkpad.", field="modules")
    return sorted(set(chosen))


@router.get("/{org_slug}/inwerken", response_class=HTMLResponse)
def page_onboarding(
    request: Request, session: DbSession, catalog: CatalogDep, org: ManagedOrganisation
) -> HTMLResponse:
    return render(request, PAGE, _context(session, catalog, org))


def _save_path(
    request: Request,
    session: Session,
    catalog: Catalog,
    org: Organisation,
    path: OnboardingPath | None,
    actor_id: int,
    form: dict[str, str],
    lists: dict[str, list[str]],
) -> Response:
    assert org.id is not None
    try:
        org_service.save_onboarding_path(
            session,
            organisation_id=org.id,
            path=path,
            name=form.get("name", ""),
            module_numbers=_module_numbers(catalog, lists),
            deadline_days=form.get("deadline_days", ""),
            actor_id=actor_id,
        )
    except InvalidInput as exc:
        chosen = [n for v in lists.get("modules", []) if (n := whole_number(v)) is not None]
        context = _context(session, catalog, org) | {
            "form": form,
            "chosen": chosen,
            "editing": path.id if path is not None else None,
            "error": exc.message,
        }
        return render(request, PAGE, context, status_code=400)
    return RedirectResponse(f"/beheer/{org.slug}/inwerken?opgeslagen=1", status_code=303)


@router.post("/{org_slug}/inwerken", response_class=HTMLResponse)
def post_path(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    form: FormData,
    lists: FormLists,
) -> Response:
    return _save_path(request, session, catalog, org, None, viewer.user_id, form, lists)


@router.post("/{org_slug}/inwerken/{path_id}", response_class=HTMLResponse)
def post_edit_path(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    path_id: int,
    form: FormData,
    lists: FormLists,
) -> Response:
    assert org.id is not None
    path = org_queries.onboarding_path_in(session, org.id, path_id)
    return _save_path(request, session, catalog, org, path, viewer.user_id, form, lists)


def _trainee(session: Session, organisation_id: int, user_id: int) -> User:
    user = account_queries.member_of(session, organisation_id, user_id)
    memberships = account_queries.memberships(session, organisation_id, user_id)
    if not any(m.role == Role.trainee for m in memberships):
        raise InvalidInput("Deze medewerker is geen deelnemer.", field="user_id")
    return user


@router.post("/{org_slug}/inwerken/{path_id}/starten", response_class=HTMLResponse)
def post_start(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    path_id: int,
    form: FormData,
) -> Response:
    assert org.id is not None
    path = org_queries.onboarding_path_in(session, org.id, path_id)
    try:
        user_id = parse_id(form.get("user_id"), field="user_id", label="medewerker")
        user = account_queries.member_of(session, org.id, user_id or 0)
        assert user.id is not None
        if not any(
            m.role == Role.trainee for m in account_queries.memberships(session, org.id, user.id)
        ):
            raise InvalidInput("Deze medewerker is geen deelnemer.", field="user_id")
        org_service.start_onboarding(
            session,
            path=path,
            email=user.email,
            display_name=user.display_name,
            starts_on=parse_date(form.get("starts_on"), field="starts_on", label="startdatum"),
            user=user,
            actor_id=viewer.user_id,
        )
    except InvalidInput as exc:
        context = _context(session, catalog, org) | {"start_form": form, "error": exc.message}
        return render(request, PAGE, context, status_code=400)
    return RedirectResponse(f"/beheer/{org.slug}/inwerken?gestart=1#gestart", status_code=303)
