"""Choosing the organisation one acts in (for people who belong to more than one): their own
work is made in it and shown from it."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from app.accounts import service as account_service
from app.web.deps import CurrentViewer, DbSession, FormData
from app.web.forms import parse_id
from app.web.routes.accounts import safe_next

router = APIRouter()


@router.post("/organisatie-kiezen")
def post_choose_organisation(session: DbSession, viewer: CurrentViewer, form: FormData) -> Response:
    organisation_id = parse_id(
        form.get("organisation_id"), field="organisation_id", label="organisatie"
    )
    account_service.choose_organisation(session, viewer, organisation_id or 0)
    return RedirectResponse(safe_next(form.get("volgende")), status_code=303)
