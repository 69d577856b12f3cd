"""Cohorts for trainers and org admins: the list, one cohort, trainees, sessions, invitations."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.accounts import queries as account_queries
from app.accounts.models import Organisation, Role, User
from app.accounts.viewer import Viewer
from app.cohorts import queries as cohort_queries
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort
from app.errors import InvalidInput, NotAllowed
from app.mail.service import deliver_pending
from app.organisations.invitations import send_invitation
from app.web.deps import (
    CurrentViewer,
    DbSession,
    FormData,
    ManagedCohort,
    SettingsDep,
    Staff,
    StaffCohort,
)
from app.web.forms import parse_date, parse_id, parse_local_datetime
from app.web.templating import render

router = APIRouter(prefix="/groepen")


@router.get("", response_class=HTMLResponse)
def page_cohorts(request: Request, session: DbSession, viewer: Staff) -> HTMLResponse:
    cohorts = cohort_queries.staff_cohorts(session, viewer)
    return render(request, "staff/cohorts/index.html", {"cohorts": cohorts})


def _cohort_context(session: Session, viewer: Viewer, cohort: Cohort) -> dict[str, object]:
    trainees = cohort_queries.enrolled_trainees(session, cohort)
    enrolled = {row.user.id for row in trainees}
    org_trainees = [
        member.user
        for member in account_queries.members_of(session, cohort.organisation_id)
        if Role.trainee in member.roles and member.user.id not in enrolled
    ]
    return {
        "cohort": cohort,
        "organisation": session.get(Organisation, cohort.organisation_id),
        "trainees": trainees,
        "trainers": cohort_queries.trainers_of(session, cohort),
        "meetings": cohort_queries.meetings_of(session, cohort),
        "candidates": org_trainees,
        "can_manage": viewer.can_manage(cohort.organisation_id),
        "form": {},
    }


@router.get("/{cohort_id}", response_class=HTMLResponse)
def page_cohort(
    request: Request, session: DbSession, viewer: CurrentViewer, cohort: StaffCohort
) -> HTMLResponse:
    return render(request, "staff/cohorts/detail.html", _cohort_context(session, viewer, cohort))


def _again(
    request: Request,
    session: Session,
    viewer: Viewer,
    cohort: Cohort,
    exc: InvalidInput,
    form: dict[str, str],
) -> HTMLResponse:
    context = _cohort_context(session, viewer, cohort) | {
        "error": exc.message,
        "form": form,
        "error_field": exc.field,
    }
    return render(request, "staff/cohorts/detail.html", context, status_code=400)


@router.post("/{cohort_id}/deelnemers", response_class=HTMLResponse)
def post_enrol(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    cohort: ManagedCohort,
    form: FormData,
) -> Response:
    try:
        user_id = parse_id(form.get("user_id"), field="user_id", label="deelnemer")
        user = account_queries.member_of(session, cohort.organisation_id, user_id or 0)
        cohort_service.enrol(session, cohort=cohort, user=user, actor_id=viewer.user_id)
    except InvalidInput as exc:
        return _again(request, session, viewer, cohort, exc, form)
    return RedirectResponse(f"/groepen/{cohort.id}", status_code=303)


@router.post("/{cohort_id}/deelnemers/{user_id}/uitschrijven")
def post_unenrol(
    session: DbSession, viewer: CurrentViewer, cohort: ManagedCohort, user_id: int
) -> Response:
    cohort_service.unenrol(session, cohort=cohort, user_id=user_id, actor_id=viewer.user_id)
    return RedirectResponse(f"/groepen/{cohort.id}", status_code=303)


@router.post("/{cohort_id}/bijeenkomsten", response_class=HTMLResponse)
def post_meeting(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    cohort: StaffCohort,
    form: FormData,
) -> Response:
    try:
        starts_at = parse_local_datetime(form.get("day"), form.get("time"), field="day")
        cohort_service.add_meeting(
            session,
            cohort=cohort,
            title=form.get("title", ""),
            starts_at=starts_at,
            location=form.get("location", ""),
            actor_id=viewer.user_id,
        )
    except InvalidInput as exc:
        return _again(request, session, viewer, cohort, exc, form)
    return RedirectResponse(f"/groepen/{cohort.id}#bijeenkomsten", status_code=303)


@router.post("/{cohort_id}/uitnodigen", response_class=HTMLResponse)
def post_invite_trainee(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    viewer: CurrentViewer,
    cohort: StaffCohort,
    form: FormData,
    background: BackgroundTasks,
) -> Response:
    org = session.get(Organisation, cohort.organisation_id)
    assert org is not None
    assert org.id is not None
    try:
        send_invitation(
            session,
            settings,
            organisation_id=org.id,
            organisation_name=org.name,
            email=form.get("email", ""),
            display_name=form.get("display_name", ""),
            role=Role.trainee,
            team_id=None,
            cohort_id=cohort.id,
            actor_id=viewer.user_id,
        )
    except InvalidInput as exc:
        return _again(request, session, viewer, cohort, exc, form)
    if settings.smtp_enabled:
        background.add_task(deliver_pending, request.app.state.db, settings)
    return RedirectResponse(f"/groepen/{cohort.id}?uitnodiging=verstuurd", status_code=303)


@router.post("/{cohort_id}/bewerken", response_class=HTMLResponse)
def post_edit_cohort(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    cohort: StaffCohort,
    form: FormData,
) -> Response:
    if not viewer.can_manage(cohort.organisation_id):
        raise NotAllowed("Alleen de organisatiebeheerder kan de groep wijzigen.")
    try:
        cohort_service.update_cohort(
            session,
            cohort,
            name=form.get("name", ""),
            starts_on=parse_date(form.get("starts_on"), field="starts_on", label="begindatum"),
            ends_on=parse_date(form.get("ends_on"), field="ends_on", label="einddatum"),
            actor_id=viewer.user_id,
        )
    except InvalidInput as exc:
        return _again(request, session, viewer, cohort, exc, form)
    return RedirectResponse(f"/groepen/{cohort.id}", status_code=303)


@router.post("/{cohort_id}/trainers", response_class=HTMLResponse)
def post_trainer(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    cohort: StaffCohort,
    form: FormData,
) -> Response:
    if not viewer.can_manage(cohort.organisation_id):
        raise NotAllowed("Alleen de organisatiebeheerder kan trainers toewijzen.")
    try:
        user_id = parse_id(form.get("user_id"), field="trainer_id", label="trainer")
        user: User = account_queries.member_of(session, cohort.organisation_id, user_id or 0)
        cohort_service.assign_trainer(session, cohort=cohort, user=user, actor_id=viewer.user_id)
    except InvalidInput as exc:
        return _again(request, session, viewer, cohort, exc, form)
    return RedirectResponse(f"/groepen/{cohort.id}", status_code=303)
