"""The course catalog for the web layer: the dependency, reference links and Markdown."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from markupsafe import Markup

from app.content import Catalog, render_markdown

LINK_PATTERNS = {
    "art": "/wetten/artikel/{}",
    "wet": "/wetten/{}",
    "casus": "/casussen/{}",
    "kengetal": "/kengetallen#{}",
    "module": "/modules/{}",
}


def get_catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog_holder.get()
    return catalog


CatalogDep = Annotated[Catalog, Depends(get_catalog)]


def link(kind: str, target: str) -> str:
    return LINK_PATTERNS[kind].format(target)


def markdown(catalog: Catalog, text: str) -> Markup:
    """Render course Markdown (already sanitised by the content package) for a template."""
    return Markup(render_markdown(text, catalog, link))  # noqa: S704
