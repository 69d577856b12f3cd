"""create_app(settings): middleware, routers, static files, error pages."""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

from fastapi import Depends, FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.content import CatalogHolder
from app.db import create_database
from app.settings import Settings, get_settings
from app.web import csrf, routes
from app.web.access_log import redact_access_log
from app.web.deps import verify_csrf
from app.web.errors import install_error_handlers
from app.web.security import BodySizeLimit, HeadAsGet, SecurityHeaders
from app.web.write_gate import Gate


def route_modules() -> list[ModuleType]:
    """Every module in app/web/routes/ that defines `router`: a new feature needs no line here."""
    found = []
    for info in sorted(pkgutil.iter_modules(routes.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"app.web.routes.{info.name}")
        if hasattr(module, "router"):
            found.append(module)
    return found


STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


class AnonCsrfCookie:
    """Set the anonymous CSRF cookie when a page generated a token for a visitor without one."""

    def __init__(self, app: ASGIApp, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                value = scope.get("state", {}).get("new_anon_cookie")
                if value:
                    cookie = f"{csrf.ANON_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax"
                    if self.secure:
                        cookie += "; Secure"
                    message["headers"] = [
                        *message.get("headers", []),
                        (b"set-cookie", cookie.encode()),
                    ]
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def static_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(str(path.stat().st_mtime_ns).encode())
    return digest.hexdigest()[:10]


_HOLDERS: dict[Path, CatalogHolder] = {}


def catalog_holder(settings: Settings) -> CatalogHolder:
    """Load the course once per process (raises ContentError on invalid content).

    Every check runs except the deep name check with deduce: that is ``doorbraakschool content
    check``'s (over a GiB and seconds to minutes per process; web workers never load deduce).
    """
    root = settings.content_dir.resolve()
    cache = settings.cache_dir
    if settings.reload_content:
        return CatalogHolder(root, reload=True, names=False, cache_dir=cache)
    if root not in _HOLDERS:
        _HOLDERS[root] = CatalogHolder(root, reload=False, names=False, cache_dir=cache)
    return _HOLDERS[root]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Doorbraakschool",
        version=__version__,
        description="Online school voor de Doorbraakmethode.",
        dependencies=[Depends(verify_csrf)],
        docs_url="/api/docs" if settings.api_docs_enabled else None,
        redoc_url=None,
        openapi_url="/api/openapi.json" if settings.api_docs_enabled else None,
    )
    app.state.settings = settings
    app.state.db = create_database(settings.database_url)
    app.state.static_version = static_version()
    app.state.catalog_holder = catalog_holder(settings)
    modules = route_modules()
    routers = [module.router for module in modules]
    app.state.self_gated_paths = frozenset(
        path for module in modules for path in getattr(module, "SELF_GATED_PATHS", ())
    )
    app.state.write_gate = Gate(enabled=app.state.db.is_sqlite)
    for router in routers:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.state.nav_paths = frozenset(
        route.path
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute) and "GET" in (route.methods or ()) and "{" not in route.path
    )
    install_error_handlers(app)
    redact_access_log()
    app.add_middleware(AnonCsrfCookie, secure=settings.secure_cookies)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app
