"""Offline video rendering: Dutch speech (espeak-ng), Pillow slides and ffmpeg into MP4 + WebVTT.

Public API::

    render_video(script_path, media_dir, force=False, progress=None) -> RenderResult
    render_all(videos_dir, media_dir, only=None, force=False, progress=None) -> list[RenderResult]
    media_paths(media_dir, video_id) -> MediaPaths   # .mp4 .vtt .poster .manifest
    video_status(media_dir, video_id, script_path) -> "ready" | "missing" | "stale"
"""

from __future__ import annotations

from app.media.batch import find_scripts, render_all
from app.media.cache import RENDERER_VERSION, content_hash, video_status
from app.media.paths import MediaPaths, media_paths
from app.media.progress import ConsoleProgress
from app.media.render import RenderResult, render_video

__all__ = [
    "RENDERER_VERSION",
    "ConsoleProgress",
    "MediaPaths",
    "RenderResult",
    "content_hash",
    "find_scripts",
    "media_paths",
    "render_all",
    "render_video",
    "video_status",
]
