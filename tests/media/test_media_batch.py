"""render_all: choosing scripts, continuing past failures, and the console progress bar."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from media.media_helpers import Rendered, copy_fixture

from app.media import ConsoleProgress, find_scripts, render_all


def _videos(tmp_path: Path) -> Path:
    copy_fixture(tmp_path)
    broken = tmp_path / "videos" / "02-kapot"
    broken.mkdir()
    (broken / "script.yaml").write_text("module: 2\ntitle: Kapot\nscenes: []\n", encoding="utf-8")
    return tmp_path / "videos"


@pytest.mark.parametrize("only", ["01-proefvideo", "proefvideo", "01", "1"])
def test_only_picks_a_video_by_folder_slug_or_number(tmp_path: Path, only: str) -> None:
    assert [p.parent.name for p in find_scripts(_videos(tmp_path), only)] == ["01-proefvideo"]


def test_only_without_a_match_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="no video matches"):
        find_scripts(_videos(tmp_path), "99")


def test_render_all_reports_a_broken_script_and_keeps_going(
    rendered: Rendered, tmp_path: Path
) -> None:
    videos = _videos(tmp_path)
    media_dir = tmp_path / "media"
    shutil.copytree(rendered.media_dir, media_dir)  # the fixture video is current already
    events: list[tuple[str, str, float]] = []
    results = render_all(videos, media_dir, progress=lambda *event: events.append(event))
    assert [(r.video_id, r.cached, r.ok) for r in results] == [
        ("01-proefvideo", True, True),
        ("02-kapot", False, False),
    ]
    assert "scenes" in (results[1].error or "")
    assert ("01-proefvideo", "cached", 1.0) in events
    assert ("02-kapot", "failed", 1.0) in events


def test_console_progress_updates_one_line_on_a_terminal() -> None:
    out = io.StringIO()
    bar = ConsoleProgress(out, tty=True)
    bar("01-proefvideo", "encode", 0.5)
    bar("01-proefvideo", "done", 1.0)
    text = out.getvalue()
    assert text.count("\r") == 2
    assert " 50% encode" in text
    assert text.endswith("100% done   \n")


def test_console_progress_prints_plain_lines_per_stage_elsewhere() -> None:
    out = io.StringIO()
    bar = ConsoleProgress(out, tty=False)
    for fraction in (0.2, 0.4, 0.6):
        bar("01-proefvideo", "encode", fraction)
    bar("01-proefvideo", "done", 1.0)
    assert out.getvalue().splitlines() == ["01-proefvideo: encode 20%", "01-proefvideo: done 100%"]
