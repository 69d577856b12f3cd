"""The one CSRF mechanism: an HMAC token bound to the login session (or, before login, to a
random cookie), required on every unsafe request as a form field or the X-CSRF-Token header.
Before the token, the browser's own word is checked: a request marked Sec-Fetch-Site: cross-site,
or with an Origin header that is not this site's, is refused outright."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import secrets
from urllib.parse import urlsplit

from fastapi import Request

from app.errors import DomainError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
ANON_COOKIE = "dbs_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"


class CsrfFailed(DomainError):
    status_code = 403


def make_token(secret_key: str, binding: str) -> str:
    return hmac.new(secret_key.encode(), binding.encode(), hashlib.sha256).hexdigest()


def binding_for(request: Request) -> str:
    """What the token is bound to: the session id, or the anonymous cookie (created when absent)."""
    viewer = getattr(request.state, "viewer", None)
    if viewer is not None:
        return f"s:{viewer.session_id}"
    anon = request.cookies.get(ANON_COOKIE) or getattr(request.state, "new_anon_cookie", None)
    if not anon:
        anon = secrets.token_urlsafe(24)
        request.state.new_anon_cookie = anon
    return f"a:{anon}"


def token_for(request: Request) -> str:
    return make_token(request.app.state.settings.secret_key, binding_for(request))


async def submitted_token(request: Request) -> str:
    header = request.headers.get(HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        # Keep the body, so a route that reads it as JSON still finds it ("Stream consumed":
        # FastAPI parsed the form already, and form() below returns that parse).
        with contextlib.suppress(RuntimeError):
            await request.body()
        form = await request.form()
        value = form.get(FIELD)
        return value if isinstance(value, str) else ""
    if content_type.startswith(("application/json", "text/plain")):
        # navigator.sendBeacon cannot set headers: the player puts the token in the JSON body.
        try:
            data = json.loads(await request.body())
        except ValueError:
            return ""
        value = data.get(FIELD) if isinstance(data, dict) else None
        return value if isinstance(value, str) else ""
    return ""


CROSS_SITE_MESSAGE = "Dit verzoek kwam van een andere website en is geweigerd."


def own_origins(request: Request) -> set[str]:
    """The public origin from the settings, and the origin the request was addressed to."""
    public = urlsplit(request.app.state.settings.base_url)
    own = {f"{public.scheme}://{public.netloc}".lower()}
    host = request.headers.get("host")
    if host:
        own.add(f"{request.url.scheme}://{host}".lower())
    return own


def from_another_site(request: Request) -> bool:
    """True when the browser says the request comes from another site (Origin may be absent)."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = request.headers.get("origin")
    return origin is not None and origin.lower() not in own_origins(request)


async def verify(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    if from_another_site(request):
        raise CsrfFailed(CROSS_SITE_MESSAGE)
    expected = token_for(request)
    if not hmac.compare_digest(expected, await submitted_token(request)):
        raise CsrfFailed(
            "Je formulier is verlopen of niet vanaf deze website verstuurd. "
            "Laad de pagina opnieuw en probeer het nog eens; wat je had ingevuld staat er nog."
        )
