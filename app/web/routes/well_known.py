"""/.well-known/security.txt (RFC 9116): where to report a vulnerability, in Dutch or English."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from app.web.deps import SettingsDep

router = APIRouter()

# RFC 9116 advises an Expires less than a year ahead; the file is generated, so it moves along.
VALID_FOR = timedelta(days=180)


@router.get("/.well-known/security.txt", response_class=PlainTextResponse, tags=["systeem"])
def get_security_txt(settings: SettingsDep) -> PlainTextResponse:
    today = datetime.combine(datetime.now(UTC).date(), time(), tzinfo=UTC)
    expires = (today + VALID_FOR).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f"Contact: {settings.security_contact}",
        f"Expires: {expires}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.base_url.rstrip('/')}/.well-known/security.txt",
    ]
    return PlainTextResponse("\n".join(lines) + "\n")
