"""The course as content files: loading, checking and rendering (pure; no web or database).

``check_content(root)`` lists every problem with ``lessons/``, ``videos/`` and ``cases/``;
``load_catalog(root)`` returns the immutable :class:`Catalog` or raises :class:`ContentError`.
The format is described in docs/content-format.md.
"""

from app.content.catalog import Block, Catalog, LawArticle
from app.content.holder import CatalogHolder, load_catalog_cached
from app.content.load import check_content, content_version, load_catalog
from app.content.problems import ContentError, Minimums, Problem
from app.content.render import label_for, render_markdown

__all__ = [
    "Block",
    "Catalog",
    "CatalogHolder",
    "ContentError",
    "LawArticle",
    "Minimums",
    "Problem",
    "check_content",
    "content_version",
    "label_for",
    "load_catalog",
    "load_catalog_cached",
    "render_markdown",
]
