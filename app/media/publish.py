"""Rendering into a temporary folder and swapping it into place, under a per-video lock.

A crashed render leaves at most a folder under ``<media_dir>/.partial``, never a half video in the
published folder; the manifest is written last, so a folder without one is never "ready".
"""

from __future__ import annotations

import fcntl
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.media.paths import PARTIAL_DIR, MediaPaths


@contextmanager
def video_lock(media_dir: Path, video_id: str) -> Iterator[None]:
    """Hold an exclusive lock so two processes never render the same video at once."""
    partial = media_dir / PARTIAL_DIR
    partial.mkdir(parents=True, exist_ok=True)
    with (partial / f"{video_id}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def staging_folder(media_dir: Path, video_id: str) -> Iterator[Path]:
    """A fresh folder to render into; removed afterwards unless it was published."""
    folder = media_dir / PARTIAL_DIR / f"{video_id}-{uuid.uuid4().hex[:12]}"
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(staged: Path, paths: MediaPaths) -> None:
    """Move the staged output into ``paths.folder``, replacing an older render."""
    old: Path | None = None
    if paths.folder.exists():
        old = staged.with_name(staged.name + "-old")
        paths.folder.rename(old)
    try:
        staged.rename(paths.folder)
    except OSError:
        if old is not None:
            old.rename(paths.folder)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def sweep_abandoned(media_dir: Path, older_than_seconds: float = 6 * 3600) -> int:
    """Remove staging folders a killed render left behind; returns how many were removed."""
    partial = media_dir / PARTIAL_DIR
    if not partial.is_dir():
        return 0
    limit = time.time() - older_than_seconds
    stale = [p for p in partial.iterdir() if p.is_dir() and p.stat().st_mtime < limit]
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return len(stale)
