"""Beheer › Instellingen: the organisation's name, local doorbraakroute, retention, expiry and the
catch-up period of late joiners."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.accounts.models import Organisation
from app.errors import InvalidInput
from app.organisations import queries as org_queries
from app.organisations import service as org_service
from app.organisations.models import RETENTION_LABELS, OrganisationSettings
from app.web.deps import CurrentViewer, DbSession, FormData, ManagedOrganisation
from app.web.templating import render

router = APIRouter(prefix="/beheer")
PAGE = "admin/org/settings.html"


def form_of(org: Organisation, settings: OrganisationSettings) -> dict[str, str]:
    budget = org_queries.euro_text(settings.budget_cents) if settings.budget_cents else ""
    return {
        "name": org.name,
        "contact_name": settings.contact_name,
        "contact_details": settings.contact_details,
        "budget": budget.removeprefix("€ "),
        "budget_note": settings.budget_note,
        "mandate_holder": settings.mandate_holder,
        "steps": "\n".join(settings.escalation_steps),
        "retention": settings.retention,
        "inactive_expiry_months": str(settings.inactive_expiry_months or ""),
        "catch_up_days": str(settings.catch_up_days),
    }


def _context(
    org: Organisation, form: dict[str, str], settings: OrganisationSettings
) -> dict[str, Any]:
    route = org_queries.route_of(org, settings)
    return {
        "organisation": org,
        "form": form,
        "escalation_routes": [] if route.is_empty else [route],
        "retention_labels": {str(k): v for k, v in RETENTION_LABELS.items()},
    }


@router.get("/{org_slug}/instellingen", response_class=HTMLResponse)
def page_settings(request: Request, session: DbSession, org: ManagedOrganisation) -> HTMLResponse:
    assert org.id is not None
    settings = org_queries.settings_for(session, org.id)
    return render(request, PAGE, _context(org, form_of(org, settings), settings))


@router.post("/{org_slug}/instellingen", response_class=HTMLResponse)
def post_settings(
    request: Request,
    session: DbSession,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    form: FormData,
) -> Response:
    try:
        data = org_service.SettingsForm.from_form(form)
        org_service.save_settings(session, org, data, actor_id=viewer.user_id)
    except InvalidInput as exc:
        assert org.id is not None
        settings = org_queries.settings_for(session, org.id)
        context = _context(org, form, settings) | {"error": exc.message, "error_field": exc.field}
        return render(request, PAGE, context, status_code=400)
    return RedirectResponse(f"/beheer/{org.slug}/instellingen?opgeslagen=1", status_code=303)
