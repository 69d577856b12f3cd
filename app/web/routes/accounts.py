"""Login, logout, password change and reset, and accepting invitations."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.accounts import service
from app.accounts.models import Organisation, User
from app.db import Database
from app.errors import InvalidInput, TooManyAttempts
from app.mail.service import deliver_pending, queue_mail
from app.organisations.invitations import accept_invitation
from app.settings import Settings
from app.web.client import client_address
from app.web.deps import (
    CurrentViewer,
    DbSession,
    FormData,
    OptionalViewer,
    SettingsDep,
    session_cookie_name,
)
from app.web.templating import render

router = APIRouter()

# The login hashes a password: it takes the write gate only around its own short write.
SELF_GATED_PATHS = ("/inloggen",)


def safe_next(target: str | None) -> str:
    """Only local paths: never redirect to another site after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def with_session_cookie(response: Response, settings: Settings, raw: str) -> Response:
    response.set_cookie(
        session_cookie_name(settings),
        raw,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
        max_age=settings.session_absolute_hours * 3600,
    )
    return response


def without_session_cookie(response: Response, settings: Settings) -> Response:
    response.delete_cookie(
        session_cookie_name(settings),
        path="/",
        secure=settings.secure_cookies,
        httponly=True,
        samesite="lax",
    )
    return response


@router.get("/inloggen", response_class=HTMLResponse)
def page_login(request: Request, viewer: OptionalViewer, volgende: str = "/") -> Response:
    if viewer is not None:
        return RedirectResponse(safe_next(volgende), status_code=303)
    return render(request, "accounts/login.html", {"form": {"volgende": safe_next(volgende)}})


@router.post("/inloggen", response_class=HTMLResponse)
def post_login(request: Request, settings: SettingsDep, form: FormData) -> Response:
    try:
        raw, _user = service.login(
            request.app.state.db,
            settings,
            write_lock=request.app.state.write_gate.hold,
            email=form.get("email", ""),
            password=form.get("password", ""),
            client_address=client_address(request),
            user_agent=request.headers.get("user-agent", ""),
        )
    except (InvalidInput, TooManyAttempts) as exc:
        status = 429 if isinstance(exc, TooManyAttempts) else 400
        form.pop("password", None)
        return render(
            request, "accounts/login.html", {"form": form, "error": exc.message}, status_code=status
        )
    response = RedirectResponse(safe_next(form.get("volgende")), status_code=303)
    return with_session_cookie(response, settings, raw)


@router.post("/uitloggen")
def post_logout(
    request: Request, session: DbSession, settings: SettingsDep, viewer: OptionalViewer
) -> Response:
    if viewer is not None:
        service.end_session(session, viewer.session_id)
    response = RedirectResponse("/inloggen?uitgelogd=1", status_code=303)
    return without_session_cookie(response, settings)


@router.get("/account/wachtwoord", response_class=HTMLResponse)
def page_change_password(request: Request, viewer: CurrentViewer) -> HTMLResponse:
    return render(request, "accounts/change_password.html", {"form": {}})


@router.post("/account/wachtwoord", response_class=HTMLResponse)
def post_change_password(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    viewer: CurrentViewer,
    form: FormData,
) -> Response:
    if form.get("new_password", "") != form.get("new_password_again", ""):
        return render(
            request,
            "accounts/change_password.html",
            {"form": {}, "error": "De twee nieuwe wachtwoorden zijn niet gelijk."},
            status_code=400,
        )
    try:
        user = service.change_password(
            session,
            settings,
            user_id=viewer.user_id,
            current=form.get("current_password", ""),
            new=form.get("new_password", ""),
        )
    except InvalidInput as exc:
        return render(
            request,
            "accounts/change_password.html",
            {"form": {}, "error": exc.message},
            status_code=400,
        )
    raw = service.start_session(
        session,
        user=user,
        client_address=client_address(request),
        user_agent=request.headers.get("user-agent", ""),
    )
    response = render(request, "accounts/password_changed.html")
    return with_session_cookie(response, settings, raw)


@router.get("/wachtwoord-vergeten", response_class=HTMLResponse)
def page_forgot_password(request: Request) -> HTMLResponse:
    return render(request, "accounts/forgot_password.html", {"form": {}})


@router.post("/wachtwoord-vergeten", response_class=HTMLResponse)
def post_forgot_password(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    form: FormData,
    background: BackgroundTasks,
) -> HTMLResponse:
    email = form.get("email", "")
    try:
        raw = service.request_password_reset(
            session, settings, email=email, client_address=client_address(request)
        )
    except TooManyAttempts as exc:
        return render(
            request,
            "accounts/forgot_password.html",
            {"form": {"email": email}, "error": exc.message},
            status_code=429,
        )
    if raw is not None:
        link = f"{settings.base_url}/wachtwoord-herstellen/{raw}"
        queue_mail(
            session,
            settings,
            to=email.strip().lower(),
            subject="Nieuw wachtwoord kiezen voor de Doorbraakschool",
            body=_reset_mail(link, settings.reset_token_minutes),
        )
        _deliver_later(background, request.app.state.db, settings)
    return render(request, "accounts/forgot_password_sent.html", {"email": email})


def _reset_mail(link: str, minutes: int) -> str:
    return (
        "Hallo,\n\nJe hebt gevraagd om een nieuw wachtwoord voor de Doorbraakschool.\n"
        f"Kies een nieuw wachtwoord via deze link (geldig voor {minutes} minuten, één keer te "
        f"gebruiken):\n\n{link}\n\nHeb je dit niet zelf gevraagd? Dan kun je dit bericht negeren.\n"
    )


def _deliver_later(background: BackgroundTasks, db: Database, settings: Settings) -> None:
    if settings.smtp_enabled:
        background.add_task(deliver_pending, db, settings)


@router.get("/wachtwoord-herstellen/{token}", response_class=HTMLResponse)
def page_reset_password(request: Request, session: DbSession, token: str) -> HTMLResponse:
    service.valid_reset_token(session, token)
    return render(request, "accounts/reset_password.html", {"token": token})


@router.post("/wachtwoord-herstellen/{token}", response_class=HTMLResponse)
def post_reset_password(
    request: Request, session: DbSession, settings: SettingsDep, token: str, form: FormData
) -> Response:
    error = None
    if form.get("new_password", "") != form.get("new_password_again", ""):
        error = "De twee wachtwoorden zijn niet gelijk."
    else:
        try:
            user = service.reset_password(
                session, settings, raw=token, new=form.get("new_password", "")
            )
        except InvalidInput as exc:
            error = exc.message
    if error:
        return render(
            request,
            "accounts/reset_password.html",
            {"token": token, "error": error},
            status_code=400,
        )
    raw = service.start_session(
        session,
        user=user,
        client_address=client_address(request),
        user_agent=request.headers.get("user-agent", ""),
    )
    return with_session_cookie(
        RedirectResponse("/?wachtwoord=nieuw", status_code=303), settings, raw
    )


@router.get("/uitnodiging/{token}", response_class=HTMLResponse)
def page_invitation(
    request: Request, session: DbSession, viewer: OptionalViewer, token: str
) -> HTMLResponse:
    invitation = service.open_invitation(session, token)
    return render(
        request, "accounts/invitation.html", _invitation_context(session, invitation, token)
    )


def _invitation_context(session: DbSession, invitation, token: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from app.accounts.queries import user_by_email

    return {
        "invitation": invitation,
        "organisation": session.get(Organisation, invitation.organisation_id),
        "existing_account": user_by_email(session, invitation.email) is not None,
        "token": token,
    }


@router.post("/uitnodiging/{token}", response_class=HTMLResponse)
def post_invitation(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    viewer: OptionalViewer,
    token: str,
    form: FormData,
) -> Response:
    invitation = service.open_invitation(session, token)
    password = form.get("password")
    try:
        if password is not None and password != form.get("password_again"):
            raise InvalidInput("De twee wachtwoorden zijn niet gelijk.", field="password")
        user: User = accept_invitation(
            session,
            settings,
            invitation=invitation,
            password=password,
            logged_in_user_id=viewer.user_id if viewer else None,
        )
    except InvalidInput as exc:
        context = _invitation_context(session, invitation, token) | {"error": exc.message}
        return render(request, "accounts/invitation.html", context, status_code=400)
    if viewer is not None:
        return RedirectResponse("/?uitnodiging=aanvaard", status_code=303)
    raw = service.start_session(
        session,
        user=user,
        client_address=client_address(request),
        user_agent=request.headers.get("user-agent", ""),
    )
    return with_session_cookie(RedirectResponse("/?welkom=1", status_code=303), settings, raw)
