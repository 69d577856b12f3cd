"""CatalogHolder: one catalog in memory, reloaded in development when files change."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.content import CatalogHolder, ContentError, Minimums

LESSON2 = "lessons/02-recht-als-gereedschap.md"


def holder(course: Path, small: Minimums, reload: bool) -> CatalogHolder:
    return CatalogHolder(course, reload, minimums=small, names=False)


def retitle(course: Path, title: str) -> None:
    path = course / LESSON2
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Recht als gereedschap", f"title: {title}"), "utf-8")


def test_without_reload_the_same_catalog_is_kept(course: Path, small: Minimums) -> None:
    held = holder(course, small, reload=False)
    first = held.get()
    retitle(course, "Nieuwe titel")
    assert held.get() is first


def test_with_reload_unchanged_files_keep_the_same_catalog(course: Path, small: Minimums) -> None:
    held = holder(course, small, reload=True)
    assert held.get() is held.get()


def test_with_reload_a_changed_file_is_loaded(course: Path, small: Minimums) -> None:
    held = holder(course, small, reload=True)
    first = held.get()
    retitle(course, "Recht als instrument in de praktijk")
    second = held.get()
    assert second.module(2).title == "Recht als instrument in de praktijk"
    assert second.version != first.version


def test_invalid_change_keeps_the_old_catalog_and_logs_the_problems(
    course: Path, small: Minimums, caplog: pytest.LogCaptureFixture
) -> None:
    held = holder(course, small, reload=True)
    first = held.get()
    path = course / LESSON2
    path.write_text(path.read_text(encoding="utf-8").replace("block: B", "block: Q"), "utf-8")
    with caplog.at_level(logging.ERROR, logger="app.content.holder"):
        assert held.get() is first
    assert f"{LESSON2}:5: block" in caplog.text


def test_invalid_content_at_start_raises(course: Path, small: Minimums) -> None:
    (course / LESSON2).unlink()
    with pytest.raises(ContentError):
        holder(course, small, reload=True)
