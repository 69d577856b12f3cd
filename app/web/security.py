"""ASGI middleware: security and cache headers on every response, HEAD answered like GET, and a
request body size limit. All pure ASGI (no BaseHTTPMiddleware): each adds one function call."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


STATIC_PREFIX = "/static/"
# Versioned static URLs (?v=<hash of the files>) never change: cache them for a year.
STATIC_VERSIONED = b"public, max-age=31536000, immutable"
STATIC_PLAIN = b"no-cache"
# Everything else may show personal data (and login/reset pages carry tokens): never stored,
# unless the route chose its own Cache-Control (media files: "private, max-age=3600").
DYNAMIC = b"no-store"


def cache_control_for(scope: Scope) -> bytes:
    if scope.get("path", "").startswith(STATIC_PREFIX):
        return STATIC_VERSIONED if b"v=" in scope.get("query_string", b"") else STATIC_PLAIN
    return DYNAMIC


class SecurityHeaders:
    """Security headers and a Cache-Control on every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.extend((n, v) for n, v in HEADERS if n not in names)
                if b"cache-control" not in names:
                    headers.append((b"cache-control", cache_control_for(scope)))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answer HEAD on every GET route: run the GET and send its status and headers, no body.

    FastAPI's APIRoute (unlike Starlette's Route) does not add HEAD to a GET route, and adding it
    to each route would double every operation in the OpenAPI schema."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Refuse bodies over `max_bytes` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _too_large(scope, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(scope, send)


async def _too_large(scope: Scope, send: Send) -> None:
    wants_json = scope.get("path", "").startswith("/api/")
    body: Any
    if wants_json:
        body = json.dumps({"detail": "Het verzoek is te groot."}).encode()
        content_type = b"application/json"
    else:
        body = b"Het verzonden bestand of formulier is te groot."
        content_type = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
