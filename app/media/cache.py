"""The render cache: a hash over the script, its recordings and the renderer version, kept in
``manifest.json`` next to the media."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from app.media.fonts import font_file
from app.media.paths import MediaPaths, media_paths
from app.media.script import recordings

# Bump whenever a change to the renderer changes its output; every video then renders again.
RENDERER_VERSION = "1"

Status = Literal["ready", "missing", "stale"]


def content_hash(script_path: Path) -> str:
    """sha256 over the renderer version, the script bytes and every ``scene-NN.wav`` (name and
    bytes). Whether the DejaVu font was found is included too, so installing it re-renders."""
    digest = hashlib.sha256()
    fonts = "dejavu" if font_file(False) and font_file(True) else "builtin"
    digest.update(f"doorbraakschool-renderer {RENDERER_VERSION} fonts={fonts}\n".encode())
    for path in [script_path, *recordings(script_path.parent)]:
        data = path.read_bytes()
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def read_manifest(paths: MediaPaths) -> dict[str, Any] | None:
    try:
        data = json.loads(paths.manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_current(paths: MediaPaths, digest: str) -> bool:
    manifest = read_manifest(paths)
    return (
        manifest is not None
        and manifest.get("content_hash") == digest
        and manifest.get("renderer_version") == RENDERER_VERSION
        and all(p.is_file() for p in paths.published)
    )


def video_status(media_dir: Path, video_id: str, script_path: Path) -> Status:
    """``ready`` when the media matches the script, ``stale`` when older media is there (it can
    still be served), ``missing`` when there is nothing to play."""
    paths = media_paths(media_dir, video_id)
    if not paths.mp4.is_file() or read_manifest(paths) is None:
        return "missing"
    try:
        digest = content_hash(script_path)
    except OSError:
        return "stale"
    return "ready" if is_current(paths, digest) else "stale"
