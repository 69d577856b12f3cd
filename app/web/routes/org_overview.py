"""Beheer › Overzicht: per cohort and team enrolled, active, completed and certificates, and per
trainee their module count and certificate. No answers or free text are shown."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.dashboards.organisation import ACTIVE_DAYS, overview
from app.db import utcnow
from app.web.content import CatalogDep
from app.web.deps import DbSession, ManagedOrganisation
from app.web.templating import render_page_or_fragment

router = APIRouter(prefix="/beheer")


@router.get("/{org_slug}/overzicht", response_class=HTMLResponse)
def page_overview(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    org: ManagedOrganisation,
    team: str = "",
) -> HTMLResponse:
    data = overview(session, org, tuple(m.number for m in catalog.modules), utcnow())
    teams = sorted({p.team for p in data.people if p.team})
    people = [p for p in data.people if not team or p.team == team or (team == "-" and not p.team)]
    context = {
        "organisation": org,
        "overview": data,
        "people": people,
        "teams": teams,
        "team": team,
        "active_days": ACTIVE_DAYS,
    }
    return render_page_or_fragment(
        request, "admin/org/overview.html", "admin/org/_people.html", context
    )
