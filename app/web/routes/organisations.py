"""Organisation admin (Beheer): staff, teams, invitations and cohorts of one organisation."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.accounts import queries as account_queries
from app.accounts import service as account_service
from app.accounts.models import ROLE_LABELS, Organisation, Role
from app.cohorts import queries as cohort_queries
from app.cohorts import service as cohort_service
from app.db import utcnow
from app.errors import InvalidInput, NotFound
from app.mail.service import deliver_pending
from app.organisations.invitations import send_invitation
from app.web.deps import CurrentViewer, DbSession, FormData, ManagedOrganisation, SettingsDep
from app.web.forms import parse_date, parse_id
from app.web.templating import render

router = APIRouter(prefix="/beheer")


def _to_section(
    request: Request, session: DbSession, viewer: CurrentViewer, section: str
) -> Response:
    """Straight to the section of the one organisation the viewer manages, or a choice."""
    orgs = [
        o
        for o in account_queries.organisations_for(session, viewer)
        if o.id is not None and viewer.can_manage(o.id)
    ]
    if not orgs:
        raise NotFound()
    if len(orgs) == 1:
        return RedirectResponse(f"/beheer/{orgs[0].slug}/{section}", status_code=303)
    return render(request, "admin/organisations/index.html", {"organisations": orgs})


@router.get("", response_class=HTMLResponse)
def page_admin_index(request: Request, session: DbSession, viewer: CurrentViewer) -> Response:
    return _to_section(request, session, viewer, "medewerkers")


ADMIN_SECTIONS = ("medewerkers", "groepen", "instellingen")


def _section_redirect(section: str):  # type: ignore[no-untyped-def]
    def page_section(request: Request, session: DbSession, viewer: CurrentViewer) -> Response:
        return _to_section(request, session, viewer, section)

    page_section.__name__ = f"page_section_{section}"
    return page_section


for _section in ADMIN_SECTIONS:
    router.add_api_route(
        f"/{_section}", _section_redirect(_section), methods=["GET"], response_class=HTMLResponse
    )


def _staff_context(session: DbSession, org: Organisation) -> dict[str, object]:
    assert org.id is not None
    return {
        "organisation": org,
        "members": account_queries.members_of(session, org.id),
        "teams": account_queries.teams_of(session, org.id),
        "cohorts": cohort_queries.organisation_cohorts(session, org.id),
        "invitations": account_queries.pending_invitations(session, org.id, utcnow()),
        "roles": [(str(r), ROLE_LABELS[r]) for r in Role],
    }


@router.get("/{org_slug}/medewerkers", response_class=HTMLResponse)
def page_staff(request: Request, session: DbSession, org: ManagedOrganisation) -> HTMLResponse:
    return render(
        request, "admin/organisations/staff.html", _staff_context(session, org) | {"form": {}}
    )


@router.post("/{org_slug}/uitnodigingen", response_class=HTMLResponse)
def post_invite(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    form: FormData,
    background: BackgroundTasks,
) -> Response:
    assert org.id is not None
    try:
        role = form.get("role", "")
        if role not in {str(r) for r in Role}:
            raise InvalidInput("Kies een rol.", field="role")
        team_id = parse_id(form.get("team_id"), field="team_id", label="team", optional=True)
        cohort_id = parse_id(form.get("cohort_id"), field="cohort_id", label="groep", optional=True)
        if team_id is not None:
            account_queries.team_in(session, org.id, team_id)
        if (
            cohort_id is not None
            and cohort_queries.cohort_for_staff(session, viewer, cohort_id).organisation_id
            != org.id
        ):
            raise NotFound()
        invitation = send_invitation(
            session,
            settings,
            organisation_id=org.id,
            organisation_name=org.name,
            email=form.get("email", ""),
            display_name=form.get("display_name", ""),
            role=role,
            team_id=team_id,
            cohort_id=cohort_id,
            actor_id=viewer.user_id,
        )
    except InvalidInput as exc:
        context = _staff_context(session, org) | {"form": form, "error": exc.message}
        return render(request, "admin/organisations/staff.html", context, status_code=400)
    if settings.smtp_enabled:
        background.add_task(deliver_pending, request.app.state.db, settings)
    flag = "verstuurd" if invitation else "bestond"
    return RedirectResponse(f"/beheer/{org.slug}/medewerkers?uitnodiging={flag}", status_code=303)


@router.post("/{org_slug}/teams", response_class=HTMLResponse)
def post_team(
    request: Request,
    session: DbSession,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    form: FormData,
) -> Response:
    assert org.id is not None
    try:
        account_service.create_team(
            session, organisation_id=org.id, name=form.get("name", ""), actor_id=viewer.user_id
        )
    except InvalidInput as exc:
        context = _staff_context(session, org) | {"form": {}, "team_error": exc.message}
        return render(request, "admin/organisations/staff.html", context, status_code=400)
    return RedirectResponse(f"/beheer/{org.slug}/medewerkers", status_code=303)


@router.get("/{org_slug}/groepen", response_class=HTMLResponse)
def page_cohorts(request: Request, session: DbSession, org: ManagedOrganisation) -> HTMLResponse:
    assert org.id is not None
    cohorts = cohort_queries.organisation_cohorts(session, org.id)
    return render(
        request,
        "admin/organisations/cohorts.html",
        {"organisation": org, "cohorts": cohorts, "form": {}},
    )


@router.post("/{org_slug}/groepen", response_class=HTMLResponse)
def post_cohort(
    request: Request,
    session: DbSession,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    form: FormData,
) -> Response:
    assert org.id is not None
    try:
        cohort = cohort_service.create_cohort(
            session,
            organisation_id=org.id,
            name=form.get("name", ""),
            starts_on=parse_date(form.get("starts_on"), field="starts_on", label="begindatum"),
            ends_on=parse_date(form.get("ends_on"), field="ends_on", label="einddatum"),
            actor_id=viewer.user_id,
        )
    except InvalidInput as exc:
        cohorts = cohort_queries.organisation_cohorts(session, org.id)
        return render(
            request,
            "admin/organisations/cohorts.html",
            {"organisation": org, "cohorts": cohorts, "form": form, "error": exc.message},
            status_code=400,
        )
    return RedirectResponse(f"/groepen/{cohort.id}", status_code=303)
