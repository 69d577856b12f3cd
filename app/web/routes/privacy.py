"""Mijn gegevens (AVG): download everything stored about you, and ask for your account to be
deleted (with a confirmation step; afterwards you are logged out)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.db import utcnow
from app.errors import InvalidInput
from app.organisations.models import Retention
from app.privacy.deletion import close_own_account, strictest
from app.privacy.export import user_data
from app.web.deps import CurrentViewer, DbSession, FormData, SettingsDep, session_cookie_name
from app.web.templating import render

router = APIRouter(prefix="/account")


@router.get("/gegevens", response_class=HTMLResponse)
def page_my_data(request: Request, session: DbSession, viewer: CurrentViewer) -> HTMLResponse:
    data = user_data(session, viewer.user_id)
    counts = {section: len(rows) for section, rows in data["onderdelen"].items()}
    return render(request, "privacy/my_data.html", {"counts": counts})


@router.get("/gegevens.json")
def get_my_data(session: DbSession, viewer: CurrentViewer) -> Response:
    body = json.dumps(user_data(session, viewer.user_id), ensure_ascii=False, indent=2)
    name = f"doorbraakschool-mijn-gegevens-{utcnow():%Y-%m-%d}.json"
    return Response(
        body,
        media_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


def _delete_context(session: DbSession, viewer: CurrentViewer) -> dict[str, object]:
    mode = strictest(session, viewer.user_id)
    return {"anonymise": mode == Retention.anonymise, "is_platform_admin": viewer.is_platform_admin}


@router.get("/verwijderen", response_class=HTMLResponse)
def page_delete_account(
    request: Request, session: DbSession, viewer: CurrentViewer
) -> HTMLResponse:
    return render(request, "privacy/delete.html", _delete_context(session, viewer))


@router.post("/verwijderen", response_class=HTMLResponse)
def post_delete_account(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    viewer: CurrentViewer,
    form: FormData,
) -> Response:
    try:
        if form.get("confirm") != "ja":
            raise InvalidInput(
                "Vink aan dat je je account wilt laten verwijderen.", field="confirm"
            )
        removal = close_own_account(
            session, settings, user_id=viewer.user_id, password=form.get("password", "")
        )
    except InvalidInput as exc:
        context = _delete_context(session, viewer) | {
            "error": exc.message,
            "error_field": exc.field,
        }
        return render(request, "privacy/delete.html", context, status_code=400)
    request.state.viewer = None
    response = render(request, "privacy/deleted.html", {"outcome": removal.outcome})
    response.delete_cookie(
        session_cookie_name(settings),
        path="/",
        secure=settings.secure_cookies,
        httponly=True,
        samesite="lax",
    )
    return response
