"""Course Markdown is rendered and sanitised once per content version, not on every request."""

from __future__ import annotations

from dataclasses import replace

from app.content import render_markdown
from app.web.content import link, markdown


def test_the_same_text_of_the_same_content_version_is_rendered_once(web_app):
    catalog = web_app.state.catalog_holder.get()
    text = catalog.module(4).body
    first = markdown(catalog, text)
    assert first == render_markdown(text, catalog, link)
    assert markdown(catalog, text) is first


def test_a_new_content_version_renders_its_own_text(web_app):
    catalog = web_app.state.catalog_holder.get()
    text = "Zie [[module:1]]."
    before = markdown(catalog, text)
    module = catalog.module(1).model_copy(update={"title": "Een nieuwe titel"})
    changed = replace(catalog, version="nieuw", modules=(module, *catalog.modules[1:]))
    after = markdown(changed, text)
    assert "Een nieuwe titel" in after
    assert "Een nieuwe titel" not in before
