"""Rendered media (video, captions, poster) for logged-in users, with HTTP Range.

Only three file names exist per video, so no path from the request ever reaches the disk. At
scale a static server sends the bytes: set DOORBRAAK_MEDIA_ACCEL_PREFIX and this route answers
with an X-Accel-Redirect header instead."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.errors import NotFound
from app.media.paths import media_paths
from app.web.deps import CurrentViewer, SettingsDep
from app.web.ranges import CONTENT_TYPES, serve_file

router = APIRouter(prefix="/media")

FILES = {"video.mp4": "mp4", "captions.nl.vtt": "vtt", "poster.jpg": "poster"}


@router.get("/{video_id}/{name}")
def get_media(
    request: Request, settings: SettingsDep, viewer: CurrentViewer, video_id: str, name: str
) -> Response:
    if name not in FILES:
        raise NotFound()
    try:
        path = getattr(media_paths(settings.media_dir, video_id), FILES[name])
    except ValueError:
        raise NotFound() from None
    if not path.is_file():
        raise NotFound("Deze video is nog niet klaar.")
    if settings.media_accel_prefix:
        target = f"{settings.media_accel_prefix.rstrip('/')}/{video_id}/{name}"
        return Response(
            headers={"X-Accel-Redirect": target, "Content-Type": CONTENT_TYPES.get(path.suffix, "")}
        )
    return serve_file(path, {k.lower(): v for k, v in request.headers.items()})
