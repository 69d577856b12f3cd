"""Beheer › Privacy: remove a member (retention setting applies) and see who would expire."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.accounts import queries as account_queries
from app.db import utcnow
from app.errors import InvalidInput
from app.organisations import queries as org_queries
from app.organisations.models import RETENTION_LABELS, Retention
from app.privacy.deletion import remove_member
from app.privacy.expiry import inactive_members
from app.web.deps import CurrentViewer, DbSession, ManagedOrganisation
from app.web.templating import render

router = APIRouter(prefix="/beheer")


@router.get("/{org_slug}/privacy", response_class=HTMLResponse)
def page_privacy(
    request: Request, session: DbSession, org: ManagedOrganisation, viewer: CurrentViewer
) -> HTMLResponse:
    assert org.id is not None
    settings = org_queries.settings_for(session, org.id)
    expiring = inactive_members(session, utcnow(), organisation_id=org.id)
    members = account_queries.members_of(session, org.id)
    names = {m.user.id: m.user.display_name for m in members}
    context = {
        "organisation": org,
        "settings": settings,
        "retention_label": RETENTION_LABELS[Retention(settings.retention)],
        "members": [m for m in members if m.user.id != viewer.user_id],
        "expiring": [(names.get(uid, "?"), last) for _org, uid, last in expiring],
        "removed": request.query_params.get("verwijderd", ""),
    }
    return render(request, "admin/org/privacy.html", context)


@router.get("/{org_slug}/medewerkers/{user_id}/verwijderen", response_class=HTMLResponse)
def page_remove_member(
    request: Request, session: DbSession, org: ManagedOrganisation, user_id: int
) -> HTMLResponse:
    assert org.id is not None
    user = account_queries.member_of(session, org.id, user_id)
    settings = org_queries.settings_for(session, org.id)
    context = {"organisation": org, "member": user, "retention": settings.retention}
    return render(request, "admin/org/remove_member.html", context)


@router.post("/{org_slug}/medewerkers/{user_id}/verwijderen", response_class=HTMLResponse)
def post_remove_member(
    request: Request,
    session: DbSession,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    user_id: int,
) -> Response:
    assert org.id is not None
    user = account_queries.member_of(session, org.id, user_id)
    try:
        removal = remove_member(session, org, user_id, actor_id=viewer.user_id)
    except InvalidInput as exc:
        settings = org_queries.settings_for(session, org.id)
        context = {
            "organisation": org,
            "member": user,
            "retention": settings.retention,
            "error": exc.message,
        }
        return render(request, "admin/org/remove_member.html", context, status_code=400)
    return RedirectResponse(
        f"/beheer/{org.slug}/privacy?verwijderd={removal.outcome}", status_code=303
    )
