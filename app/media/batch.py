"""Rendering every video under ``videos/`` (or one of them), continuing past failures."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app.media.paths import media_paths
from app.media.publish import sweep_abandoned
from app.media.render import RENDER_ERRORS, RenderResult, render_video

log = logging.getLogger("doorbraakschool.media")

BatchProgress = Callable[[str, str, float], None]  # (video id, stage, fraction 0..1)


def find_scripts(videos_dir: Path, only: str | None = None) -> list[Path]:
    """``videos/*/script.yaml`` sorted by folder; ``only`` picks one by folder name, slug or number
    (``01-waarom-doorbreken``, ``waarom-doorbreken``, ``01`` or ``1``)."""
    scripts = sorted(videos_dir.glob("*/script.yaml"))
    if only is None:
        return scripts
    chosen = [p for p in scripts if _matches(p.parent.name, only)]
    if not chosen:
        raise LookupError(f"no video matches {only!r} in {videos_dir}")
    return chosen


def _matches(video_id: str, only: str) -> bool:
    number, _, slug = video_id.partition("-")
    wanted = only.strip().strip("/")
    if wanted.isdigit() and number.isdigit():
        return int(wanted) == int(number)
    return wanted in (video_id, slug)


def render_all(
    videos_dir: Path,
    media_dir: Path,
    *,
    only: str | None = None,
    force: bool = False,
    progress: BatchProgress | None = None,
) -> list[RenderResult]:
    """Render every script (skipping current ones). A failing video is logged and returned with
    ``error`` set; the others still render."""
    results: list[RenderResult] = []
    scripts = find_scripts(videos_dir, only)
    sweep_abandoned(media_dir)
    for script in scripts:
        video_id = script.parent.name
        report = _for_video(progress, video_id)
        try:
            results.append(render_video(script, media_dir, force=force, progress=report))
        except RENDER_ERRORS as error:
            log.error("rendering %s failed: %s", video_id, error)
            report("failed", 1.0)
            paths = media_paths(media_dir, video_id)
            results.append(RenderResult(video_id, paths, False, error=str(error)))
    return results


def _for_video(progress: BatchProgress | None, video_id: str) -> Callable[[str, float], None]:
    def report(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(video_id, stage, fraction)

    return report
