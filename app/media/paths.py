"""Where a rendered video's files live: ``<media_dir>/<video_id>/``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

VIDEO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
PARTIAL_DIR = ".partial"  # unfinished renders and locks; never a video id (ids start alnum)


@dataclass(frozen=True, slots=True)
class MediaPaths:
    folder: Path
    mp4: Path
    vtt: Path
    poster: Path
    manifest: Path

    @property
    def published(self) -> tuple[Path, Path, Path]:
        """The files a ready video must have besides the manifest."""
        return (self.mp4, self.vtt, self.poster)


def media_paths(media_dir: Path, video_id: str) -> MediaPaths:
    """The output paths for ``video_id`` (the script's folder name, e.g. ``01-waarom-doorbreken``).

    Raises ValueError for anything that is not a plain folder name, so no path can escape.
    """
    if not VIDEO_ID.match(video_id):
        raise ValueError(f"not a video id: {video_id!r}")
    return files_in(media_dir / video_id)


def files_in(folder: Path) -> MediaPaths:
    return MediaPaths(
        folder=folder,
        mp4=folder / "video.mp4",
        vtt=folder / "captions.nl.vtt",
        poster=folder / "poster.jpg",
        manifest=folder / "manifest.json",
    )
