"""Jinja2 setup and the one way to render a page or a partial."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Template, pass_context
from jinja2.runtime import Context
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse
from starlette.types import Receive, Scope, Send

from app.accounts.models import ROLE_LABELS
from app.calculations.formatting import (
    STATUS_LABELS,
    UNIT_LABELS,
    euro,
    number,
    price_list_label,
)
from app.content.vocab import DOMAIN_LABELS, OWNER_LABELS
from app.web import csrf
from app.web.nav import navigation

TEMPLATES_DIR = Path(__file__).resolve().parent.parent.parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.globals.update(
    role_labels={str(k): v for k, v in ROLE_LABELS.items()},
    unit_labels=UNIT_LABELS,
    status_labels=STATUS_LABELS,
    owner_labels=OWNER_LABELS,
    domain_labels=DOMAIN_LABELS,
    euro=euro,  # the one money and number notation (app/calculations/formatting.py)
    number=number,
    price_list_label=price_list_label,
)


@pass_context
def _case_title(context: Context, case_id: str | None) -> str:
    """The title of a case, for templates that hold only its id (people never read the id)."""
    request = context.get("request")
    if not case_id or request is None:
        return ""
    catalog = request.app.state.catalog_holder.get()
    return next((case.title for case in catalog.cases if case.id == case_id), "")


templates.env.globals["case_title"] = _case_title


def _date_nl(value: Any, fmt: str = "long") -> str:
    from app.dates import format_date

    return format_date(value, fmt)


templates.env.filters["datum"] = _date_nl


def is_fragment_request(request: Request) -> bool:
    """An htmx request that wants a partial: not boosted, not a history restore."""
    headers = request.headers
    return (
        headers.get("hx-request") == "true"
        and headers.get("hx-boosted") != "true"
        and headers.get("hx-history-restore-request") != "true"
    )


class RenderedOnSend(HTMLResponse):
    """A page or partial rendered when it is sent, in the thread pool.

    For unsafe requests: by then the request's unit of work has committed and given back the
    write turn (app/web/write_gate.py), so rendering, which only reads what the context holds,
    never keeps another write waiting."""

    def __init__(self, template: Template, context: dict[str, Any], status_code: int) -> None:
        self.template = template
        self.context = context
        super().__init__(None, status_code)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        html = await run_in_threadpool(self.template.render, self.context)
        self.body = html.encode(self.charset)
        self.headers["content-length"] = str(len(self.body))
        await super().__call__(scope, receive, send)


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    """Render a template with the shared context (viewer, CSRF token, navigation).

    Safe requests render at once; unsafe ones when the response is sent (RenderedOnSend)."""
    viewer = getattr(request.state, "viewer", None)
    ctx: dict[str, Any] = {
        "viewer": viewer,
        "csrf_token": csrf.token_for(request),
        "nav": navigation(viewer, request.url.path, request.app.state.nav_paths),
        "settings": request.app.state.settings,
        "static_version": request.app.state.static_version,
    }
    ctx.update(context or {})
    if request.method in csrf.SAFE_METHODS:
        return templates.TemplateResponse(request, name, ctx, status_code=status_code)
    ctx.setdefault("request", request)
    return RenderedOnSend(templates.get_template(name), ctx, status_code)


def render_page_or_fragment(
    request: Request, page: str, fragment: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    """The page includes the fragment; htmx asks for the fragment alone. Both vary on HX-Request."""
    name = fragment if is_fragment_request(request) else page
    response = render(request, name, context, status_code=status_code)
    response.headers["Vary"] = "HX-Request"
    return response
