"""The course catalog for the web layer: the dependency, reference links and Markdown."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from app.content import Catalog, CatalogHolder, render_markdown
from app.content.cases import Case
from app.errors import NotFound

LINK_PATTERNS = {
    "art": "/wetten/artikel/{}",
    "wet": "/wetten/{}",
    "casus": "/casussen/{}",
    "kengetal": "/kengetallen#{}",
    "module": "/modules/{}",
}


async def get_catalog(request: Request) -> Catalog:
    """The catalog, in the event loop; with content reload on (development) the holder checks
    the files first, which is blocking work for the thread pool."""
    holder: CatalogHolder = request.app.state.catalog_holder
    if holder.reload:
        return await run_in_threadpool(holder.get)
    return holder.get()


CatalogDep = Annotated[Catalog, Depends(get_catalog)]


def find_case(catalog: Catalog, case_id: str) -> Case:
    """The case with this id, or a 404 in Dutch."""
    try:
        return catalog.case(case_id)
    except KeyError:
        raise NotFound("Deze casus bestaat niet.") from None


def link(kind: str, target: str) -> str:
    return LINK_PATTERNS[kind].format(target)


# Rendered and sanitised Markdown per (content version, text): the course only changes with a
# new content version, and rendering + sanitising a module's text took a quarter of an answer.
_RENDERED: dict[tuple[str, str], Markup] = {}
RENDERED_LIMIT = 4_096


def markdown(catalog: Catalog, text: str) -> Markup:
    """Render course Markdown (already sanitised by the content package) for a template."""
    key = (catalog.version, text)
    found = _RENDERED.get(key)
    if found is None:
        if len(_RENDERED) >= RENDERED_LIMIT:
            _RENDERED.clear()
        found = _RENDERED[key] = Markup(render_markdown(text, catalog, link))  # noqa: S704
    return found
