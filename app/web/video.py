"""What the module page needs to show a video: is it ready, where are its files, how far is
this trainee (a view over app.media and app.progress for templates)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from app.content.models import Module
from app.media.cache import read_manifest
from app.media.paths import media_paths
from app.progress import intervals
from app.progress.queries import video_progress


@dataclass(frozen=True)
class VideoView:
    video_id: str
    ready: bool
    duration: float
    progress: float
    threshold: float
    missing: str
    position: float

    @property
    def percent(self) -> int:
        return int(self.progress * 100)

    @property
    def watched(self) -> bool:
        return self.progress >= self.threshold


def video_duration(media_dir: Path, video_id: str) -> float | None:
    """Seconds of the rendered video, or None when it is not rendered (yet)."""
    try:
        paths = media_paths(media_dir, video_id)
    except ValueError:
        return None
    manifest = read_manifest(paths)
    if manifest is None or not paths.mp4.is_file():
        return None
    value = manifest.get("duration_seconds")
    return float(value) if isinstance(value, int | float) and value > 0 else None


def video_view(session: Session, media_dir: Path, user_id: int, module: Module) -> VideoView:
    duration = video_duration(media_dir, module.video)
    row = video_progress(session, user_id, module.video)
    segments = [(a, b) for a, b in row.played_segments] if row else []
    return VideoView(
        video_id=module.video,
        ready=duration is not None,
        duration=duration or 0.0,
        progress=row.progress if row else 0.0,
        threshold=module.completion.video_threshold,
        missing=intervals.describe_gaps(segments, duration) if duration else "",
        position=row.position if row else 0.0,
    )
