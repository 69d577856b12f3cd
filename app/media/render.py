"""Rendering one video: script -> speech, slides, captions, MP4, poster, manifest."""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from app.media import audio
from app.media.cache import RENDERER_VERSION, content_hash, is_current, read_manifest
from app.media.captions import build_cues, to_vtt
from app.media.encode import encode_mp4, write_concat_list
from app.media.paths import MediaPaths, files_in, media_paths
from app.media.probe import Mp4Error, probe_mp4
from app.media.publish import publish, staging_folder, video_lock
from app.media.script import ScriptError, ScriptSpec, load_script
from app.media.slides import write_slides
from app.media.speech import SpeechError
from app.media.timeline import FPS, Timeline, build_timeline
from app.media.tools import FfmpegError

log = logging.getLogger("doorbraakschool.media")

Progress = Callable[[str, float], None]
RENDER_ERRORS = (ScriptError, SpeechError, FfmpegError, Mp4Error, OSError)


@dataclass(frozen=True, slots=True)
class RenderResult:
    video_id: str
    paths: MediaPaths
    cached: bool  # True: the media was up to date and nothing was rendered
    content_hash: str = ""
    duration: float = 0.0  # seconds of video
    elapsed: float = 0.0  # seconds the render took
    error: str | None = None  # set by render_all when this video failed

    @property
    def ok(self) -> bool:
        return self.error is None


def render_video(
    script_path: Path, media_dir: Path, *, force: bool = False, progress: Progress | None = None
) -> RenderResult:
    """Render ``script_path`` into ``media_dir/<folder name>/`` unless the cache is current."""
    report = progress or (lambda stage, fraction: None)
    began = time.monotonic()
    video_id = script_path.parent.name
    paths = media_paths(media_dir, video_id)
    digest = content_hash(script_path)
    if not force and is_current(paths, digest):
        report("cached", 1.0)
        return RenderResult(video_id, paths, True, digest, _manifest_duration(paths))
    with video_lock(media_dir, video_id):
        if not force and is_current(paths, digest):  # another process just rendered it
            report("cached", 1.0)
            return RenderResult(video_id, paths, True, digest, _manifest_duration(paths))
        script = load_script(script_path)
        with staging_folder(media_dir, video_id) as staged:
            duration = _build(script, digest, staged, report)
            publish(staged, paths)
    elapsed = time.monotonic() - began
    report("done", 1.0)
    log.info("rendered %s: %.1f s of video in %.1f s", video_id, duration, elapsed)
    return RenderResult(video_id, paths, False, digest, duration, elapsed)


def _build(script: ScriptSpec, digest: str, staged: Path, report: Progress) -> float:
    out = files_in(staged)
    work = staged / "work"
    work.mkdir()
    report("speech", 0.0)
    timeline = build_timeline(script)
    audio.write_wav(work / "narration.wav", timeline.pcm)
    report("slides", 0.10)
    slides = write_slides(script, work)
    with Image.open(slides[0]) as first:
        first.convert("RGB").save(out.poster, quality=85)
    out.vtt.write_text(to_vtt(build_cues(timeline)), encoding="utf-8")
    concat = work / "slides.txt"
    write_concat_list(concat, slides, [s.duration for s in timeline.scenes])
    report("encode", 0.15)
    encode_mp4(
        concat,
        work / "narration.wav",
        timeline.duration,
        FPS,
        out.mp4,
        lambda share: report("encode", 0.15 + 0.85 * share),
    )
    _check_mp4(out.mp4, timeline.duration)
    shutil.rmtree(work)
    _write_manifest(out, script, digest, timeline)
    return timeline.duration


def _check_mp4(path: Path, expected: float) -> None:
    info = probe_mp4(path)
    if not {"avc1", "mp4a"} <= set(info.codecs) or not info.faststart:
        raise Mp4Error(f"{path}: unexpected streams {info.codecs} or index not at the front")
    if abs(info.duration - expected) > 0.5:
        raise Mp4Error(f"{path}: duration {info.duration:.2f} s, expected {expected:.2f} s")


def _write_manifest(out: MediaPaths, script: ScriptSpec, digest: str, timeline: Timeline) -> None:
    manifest = {
        "video_id": script.video_id,
        "module": script.module,
        "title": script.title,
        "content_hash": digest,
        "renderer_version": RENDERER_VERSION,
        "duration_seconds": round(timeline.duration, 3),
        "scene_starts": [round(s.start, 3) for s in timeline.scenes],
        "recorded_scenes": [s.number for s in timeline.scenes if s.recorded],
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": {"mp4": out.mp4.name, "vtt": out.vtt.name, "poster": out.poster.name},
        "mp4_bytes": out.mp4.stat().st_size,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    out.manifest.write_text(text, encoding="utf-8")


def _manifest_duration(paths: MediaPaths) -> float:
    manifest = read_manifest(paths) or {}
    value = manifest.get("duration_seconds", 0.0)
    return float(value) if isinstance(value, int | float) else 0.0
