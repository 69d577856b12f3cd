"""Platform administration: organisations and the e-mail outbox."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.accounts import queries as account_queries
from app.accounts import service as account_service
from app.errors import InvalidInput
from app.mail.service import outbox
from app.web.deps import DbSession, FormData, PlatformAdmin
from app.web.templating import render

router = APIRouter(prefix="/platform")


@router.get("", response_class=HTMLResponse)
def page_platform(request: Request, session: DbSession, viewer: PlatformAdmin) -> HTMLResponse:
    orgs = account_queries.organisations_for(session, viewer)
    return render(request, "admin/platform/platform.html", {"organisations": orgs, "form": {}})


@router.post("/organisaties", response_class=HTMLResponse)
def post_organisation(
    request: Request, session: DbSession, viewer: PlatformAdmin, form: FormData
) -> Response:
    try:
        account_service.create_organisation(
            session,
            name=form.get("name", ""),
            slug=form.get("slug", "").strip().lower(),
            actor_id=viewer.user_id,
        )
    except InvalidInput as exc:
        orgs = account_queries.organisations_for(session, viewer)
        return render(
            request,
            "admin/platform/platform.html",
            {"organisations": orgs, "form": form, "error": exc.message},
            status_code=400,
        )
    return RedirectResponse("/platform", status_code=303)


@router.get("/outbox", response_class=HTMLResponse)
def page_outbox(request: Request, session: DbSession, viewer: PlatformAdmin) -> HTMLResponse:
    return render(request, "admin/platform/outbox.html", {"messages": outbox(session)})
