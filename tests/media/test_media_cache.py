"""The cache hash, media paths, the status of a video, and a failing render."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from media.media_helpers import Rendered, copy_fixture, write_tone

from app.media import content_hash, media_paths, render_video, video_status
from app.media.publish import sweep_abandoned
from app.media.tools import FfmpegError


def test_hash_changes_with_the_script_and_with_a_recording(tmp_path: Path) -> None:
    script = copy_fixture(tmp_path)
    original = content_hash(script)
    assert content_hash(script) == original
    write_tone(script.parent / "scene-02.wav", seconds=0.2)
    with_recording = content_hash(script)
    assert with_recording != original
    script.write_text(script.read_text(encoding="utf-8") + "\n# edit\n", encoding="utf-8")
    assert content_hash(script) not in (original, with_recording)


def test_hash_ignores_files_that_are_not_scene_recordings(tmp_path: Path) -> None:
    script = copy_fixture(tmp_path)
    original = content_hash(script)
    (script.parent / "notes.txt").write_text("aantekening", encoding="utf-8")
    assert content_hash(script) == original


def test_media_paths_name_the_four_files(tmp_path: Path) -> None:
    paths = media_paths(tmp_path, "01-waarom-doorbreken")
    assert paths.folder == tmp_path / "01-waarom-doorbreken"
    assert (paths.mp4.name, paths.vtt.name) == ("video.mp4", "captions.nl.vtt")
    assert (paths.poster.name, paths.manifest.name) == ("poster.jpg", "manifest.json")


@pytest.mark.parametrize("video_id", ["../etc", "a/b", "", ".partial", "..", "01 x"])
def test_media_paths_refuse_anything_but_a_folder_name(tmp_path: Path, video_id: str) -> None:
    with pytest.raises(ValueError, match="not a video id"):
        media_paths(tmp_path, video_id)


def test_status_is_missing_without_media(tmp_path: Path) -> None:
    script = copy_fixture(tmp_path)
    assert video_status(tmp_path / "media", "01-proefvideo", script) == "missing"


def test_failed_render_keeps_the_previous_video_and_leaves_no_partial_output(
    rendered: Rendered, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = copy_fixture(tmp_path)
    media_dir = tmp_path / "media"
    shutil.copytree(rendered.media_dir, media_dir)
    script.write_text(script.read_text(encoding="utf-8").replace("Zoek", "Vind"), "utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise FfmpegError("simulated crash")

    monkeypatch.setattr("app.media.render.encode_mp4", broken)
    with pytest.raises(FfmpegError):
        render_video(script, media_dir)
    paths = media_paths(media_dir, "01-proefvideo")
    assert all(p.is_file() for p in (*paths.published, paths.manifest))
    assert "Zoek" in paths.vtt.read_text(encoding="utf-8")  # the old render is untouched
    assert video_status(media_dir, "01-proefvideo", script) == "stale"
    assert [p.name for p in (media_dir / ".partial").iterdir()] == ["01-proefvideo.lock"]


def test_abandoned_staging_folders_are_swept_but_fresh_ones_stay(tmp_path: Path) -> None:
    partial = tmp_path / ".partial"
    old, fresh = partial / "01-proefvideo-aaaa", partial / "01-proefvideo-bbbb"
    old.mkdir(parents=True)
    fresh.mkdir()
    os.utime(old, (time.time() - 86_400, time.time() - 86_400))
    assert sweep_abandoned(tmp_path) == 1
    assert not old.exists()
    assert fresh.exists()
