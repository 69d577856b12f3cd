"""Markdown to safe HTML, with ``[[kind:id|label]]`` references turned into links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any, Final

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from app.content.catalog import Catalog
from app.content.references import REFERENCE

Link = Callable[[str, str], str]

TOKEN: Final = "doorbraak_reference"
ALLOWED_TAGS: Final = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "span", "img",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Final = {
    "a": {"href", "title", "class"},
    "span": {"class"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
}
URL_SCHEMES: Final = frozenset({"http", "https", "mailto"})


def _reference_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = REFERENCE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push(TOKEN, "", 0)
        token.meta = {"kind": match["kind"], "target": match["target"], "label": match["label"]}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _render_reference(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    return reference_html(
        token.meta["kind"], token.meta["target"], token.meta["label"], env["catalog"], env["link"]
    )


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.inline.ruler.before("link", "doorbraak_reference", _reference_rule)
    parser.add_render_rule(TOKEN, _render_reference)
    return parser


_PARSER: Final = _parser()


def label_for(kind: str, target: str, catalog: Catalog) -> str:
    """The default label of a reference.

    Learners never see a verification status here: that lives in the law library's
    "Bron en controle" section for staff. Raises KeyError for an unknown id and ValueError
    for an unknown kind.
    """
    if kind == "art":
        return catalog.article(target).label
    if kind == "wet":
        return catalog.law(target).abbreviation
    if kind == "casus":
        return catalog.case(target).title
    if kind == "kengetal":
        return catalog.unit_cost(target).description
    if kind == "module" and target.isdigit():
        module = catalog.module(int(target))
        return f"module {module.number}: {module.title}"
    raise ValueError(f"unknown reference kind {kind!r}")


def reference_html(kind: str, target: str, label: str | None, catalog: Catalog, link: Link) -> str:
    """One reference as a link (or, when it does not resolve, as marked plain text)."""
    try:
        default = label_for(kind, target, catalog)
    except (KeyError, ValueError):
        raw = f"[[{kind}:{target}{'|' + label if label else ''}]]"
        return f'<span class="ref-broken">{escape(raw)}</span>'
    text = escape(label.strip() if label else default)
    href = escape(link(kind, target), quote=True)
    return f'<a class="ref ref-{escape(kind)}" href="{href}">{text}</a>'


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
    )


def render_markdown(text: str, catalog: Catalog, link: Link) -> str:
    """Markdown (CommonMark, raw HTML disabled, tables on) to sanitised HTML.

    ``link(kind, id)`` gives the address of a reference; kinds are art, wet, casus, kengetal,
    module.
    """
    env: dict[str, Any] = {"catalog": catalog, "link": link}
    return sanitise(_PARSER.render(text, env))
