"""Rendering the tiny two-scene fixture: MP4, captions, poster, manifest, cache and recordings."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from media.media_helpers import Rendered, copy_fixture, parse_vtt, write_tone
from PIL import Image

from app.media import RENDERER_VERSION, media_paths, render_video, video_status
from app.media.probe import probe_mp4
from app.media.script import load_script
from app.media.tools import ffmpeg_exe


def _narration_words(script: Path) -> list[str]:
    return [word for scene in load_script(script).scenes for word in scene.narration.split()]


def test_render_writes_mp4_with_h264_and_aac_and_index_first(rendered: Rendered) -> None:
    paths = rendered.result.paths
    info = probe_mp4(paths.mp4)
    assert set(info.codecs) == {"avc1", "mp4a"}
    assert info.faststart
    assert info.duration == pytest.approx(rendered.result.duration, abs=0.1)
    assert 4 < info.duration < 20


def test_ffmpeg_reads_the_mp4_as_720p_yuv420p_h264_with_aac(rendered: Rendered) -> None:
    done = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(rendered.result.paths.mp4)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Video: h264" in done.stderr
    assert "yuv420p" in done.stderr
    assert "1280x720" in done.stderr
    assert "Audio: aac" in done.stderr


def test_captions_are_webvtt_with_the_narration_words_in_order(rendered: Rendered) -> None:
    header, cues = parse_vtt(rendered.result.paths.vtt.read_text(encoding="utf-8"))
    assert "Language: nl" in header
    words = [word for cue in cues for word in cue.text.split()]
    assert words == _narration_words(rendered.script)


def test_captions_increase_and_never_overlap(rendered: Rendered) -> None:
    _, cues = parse_vtt(rendered.result.paths.vtt.read_text(encoding="utf-8"))
    assert len(cues) >= 2
    for cue in cues:
        assert 0 < cue.end - cue.start <= 7.0
        assert len(cue.text.splitlines()) <= 2
    for before, after in zip(cues, cues[1:], strict=False):
        assert before.end <= after.start
    assert cues[-1].end <= rendered.result.duration


def test_each_scene_starts_with_its_own_first_caption(rendered: Rendered) -> None:
    manifest = json.loads(rendered.result.paths.manifest.read_text(encoding="utf-8"))
    _, cues = parse_vtt(rendered.result.paths.vtt.read_text(encoding="utf-8"))
    starts = manifest["scene_starts"]
    assert starts[0] == 0
    assert cues[0].start == pytest.approx(0.6, abs=0.01)  # after the lead silence
    second = next(cue for cue in cues if cue.text.startswith("Los"))
    assert second.start >= starts[1] + 0.6 - 0.01


def test_poster_is_a_720p_jpeg_of_the_first_slide(rendered: Rendered) -> None:
    with Image.open(rendered.result.paths.poster) as poster:
        assert poster.format == "JPEG"
        assert poster.size == (1280, 720)
        pixel = poster.getpixel((640, 20))  # inside the dark blue header band
    assert isinstance(pixel, tuple)
    assert max(abs(a - b) for a, b in zip(pixel, (0x08, 0x3F, 0x56), strict=True)) < 12


def test_manifest_records_hash_version_duration_and_scene_starts(rendered: Rendered) -> None:
    manifest = json.loads(rendered.result.paths.manifest.read_text(encoding="utf-8"))
    assert manifest["content_hash"] == rendered.result.content_hash
    assert manifest["renderer_version"] == RENDERER_VERSION
    assert manifest["duration_seconds"] == pytest.approx(rendered.result.duration)
    assert len(manifest["scene_starts"]) == 2
    assert manifest["created"]
    assert manifest["recorded_scenes"] == []


def test_unchanged_script_is_not_rendered_again(rendered: Rendered) -> None:
    paths = rendered.result.paths
    before = paths.mp4.stat().st_mtime_ns
    again = render_video(rendered.script, rendered.media_dir)
    assert again.cached
    assert again.duration == pytest.approx(rendered.result.duration)
    assert paths.mp4.stat().st_mtime_ns == before
    assert video_status(rendered.media_dir, "01-proefvideo", rendered.script) == "ready"


def test_changed_script_is_stale_and_renders_again(rendered: Rendered, tmp_path: Path) -> None:
    script = copy_fixture(tmp_path)
    media_dir = tmp_path / "media"
    assert video_status(media_dir, "01-proefvideo", script) == "missing"
    shutil.copytree(rendered.media_dir, media_dir)  # as if rendered before
    first = render_video(script, media_dir)
    assert first.cached
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace("in beweging.", "weer in beweging."), encoding="utf-8")
    assert video_status(media_dir, "01-proefvideo", script) == "stale"
    second = render_video(script, media_dir)
    assert not second.cached
    assert second.content_hash != first.content_hash
    assert "weer in beweging" in media_paths(media_dir, "01-proefvideo").vtt.read_text()
    assert not list((media_dir / ".partial").glob("01-proefvideo-*"))


def test_recorded_wav_replaces_the_synthetic_voice_for_its_scene(tmp_path: Path) -> None:
    script = copy_fixture(tmp_path)
    write_tone(script.parent / "scene-01.wav", seconds=2.0)
    result = render_video(script, tmp_path / "media")
    manifest = json.loads(result.paths.manifest.read_text(encoding="utf-8"))
    assert manifest["recorded_scenes"] == [1]
    assert manifest["scene_starts"][1] == pytest.approx(0.6 + 2.0 + 1.0)  # lead + WAV + tail
    _, cues = parse_vtt(result.paths.vtt.read_text(encoding="utf-8"))
    first_scene = [cue for cue in cues if cue.start < manifest["scene_starts"][1]]
    assert first_scene[0].start == pytest.approx(0.6, abs=0.01)
    assert first_scene[-1].end == pytest.approx(2.6, abs=0.01)  # spread over the recording
    assert [w for c in cues for w in c.text.split()] == _narration_words(script)
