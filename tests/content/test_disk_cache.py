"""The checked catalog kept on disk (app/content/disk_cache.py): reused while nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content import ContentError, disk_cache
from app.content.disk_cache import load_catalog_via_disk
from app.content.problems import Minimums


def test_second_load_comes_from_disk_without_checking_again(
    course: Path, small: Minimums, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_catalog_via_disk(course, cache, minimums=small)
    monkeypatch.setattr(disk_cache, "load_catalog", _must_not_load)
    assert load_catalog_via_disk(course, cache, minimums=small) == first
    assert len(list(cache.glob("catalog-*.pickle"))) == 1


def test_a_changed_content_file_is_loaded_and_checked_afresh(
    course: Path, small: Minimums, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load_catalog_via_disk(course, cache, minimums=small)
    lesson = sorted((course / "lessons").rglob("*.md"))[0]
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nEen nieuwe zin.\n", "utf-8")
    again = load_catalog_via_disk(course, cache, minimums=small)
    assert "Een nieuwe zin." in "".join(module.body for module in again.modules)
    assert len(list(cache.glob("catalog-*.pickle"))) == 1  # the old one is gone


def test_invalid_content_is_never_cached(course: Path, small: Minimums, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (course / "cases" / "c1-anna-en-bo.yaml").write_text("id: [", "utf-8")
    with pytest.raises(ContentError):
        load_catalog_via_disk(course, cache, minimums=small)
    assert not list(cache.glob("catalog-*.pickle"))


def test_an_unreadable_cache_file_falls_back_to_loading(
    course: Path, small: Minimums, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = load_catalog_via_disk(course, cache, minimums=small)
    [stored] = cache.glob("catalog-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert load_catalog_via_disk(course, cache, minimums=small) == first


def _must_not_load(*args: object, **kwargs: object) -> None:
    raise AssertionError("the catalog should come from the disk cache")
