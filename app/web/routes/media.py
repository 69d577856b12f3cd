"""Rendered media (video, captions, poster) for logged-in users, with HTTP Range.

Only three file names exist per video, so no path from the request ever reaches the disk. Ranges,
If-Range and multipart answers are Starlette's `FileResponse`; this module adds the 304 answer to
If-None-Match / If-Modified-Since and refuses a Range header that is not plain ASCII byte ranges
with 416. At scale a static server sends the bytes: set DOORBRAAK_MEDIA_ACCEL_PREFIX and this
route answers with an X-Accel-Redirect header instead."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

from fastapi import APIRouter, Request
from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse

from app.errors import NotFound
from app.media.paths import media_paths
from app.web.deps import CurrentViewer, SettingsDep

router = APIRouter(prefix="/media")

# name in the URL -> (attribute of MediaPaths, content type)
FILES = {
    "video.mp4": ("mp4", "video/mp4"),
    "captions.nl.vtt": ("vtt", "text/vtt"),
    "poster.jpg": ("poster", "image/jpeg"),
}
# Course media holds nothing personal and players seek a lot: the browser may keep it an hour.
CACHE_CONTROL = "private, max-age=3600"
MAX_RANGES = 8
MAX_DIGITS = 4000  # below Python's int() limit of 4300 digits; any such number is past the end
# RFC 9110 byte ranges with ASCII digits only (int() would also take "٣" or "1_0") and at most
# MAX_RANGES of them (no amplification). Anything else is answered with 416.
_NUMBER = rf"[0-9]{{1,{MAX_DIGITS}}}"
_RANGE = rf"\s*(?:{_NUMBER}-(?:{_NUMBER})?|-{_NUMBER})\s*"
RANGE_HEADER = re.compile(
    rf"bytes\s*=(?:{_RANGE})(?:,{_RANGE}){{0,{MAX_RANGES - 1}}}", re.IGNORECASE | re.ASCII
)


@router.get("/{video_id}/{name}")
def get_media(
    request: Request, settings: SettingsDep, viewer: CurrentViewer, video_id: str, name: str
) -> Response:
    if name not in FILES:
        raise NotFound()
    attribute, content_type = FILES[name]
    try:
        path = getattr(media_paths(settings.media_dir, video_id), attribute)
    except ValueError:
        raise NotFound() from None
    if not path.is_file():
        raise NotFound("Deze video is nog niet klaar.")
    headers = {"Cache-Control": CACHE_CONTROL}
    if settings.media_accel_prefix:
        target = f"{settings.media_accel_prefix.rstrip('/')}/{video_id}/{name}"
        return Response(
            headers=headers | {"X-Accel-Redirect": target, "Content-Type": content_type}
        )
    stat = path.stat()
    response = FileResponse(path, media_type=content_type, headers=headers, stat_result=stat)
    if not_modified(request.headers, response.headers):
        return NotModifiedResponse(response.headers)
    range_header = request.headers.get("range")
    if range_header is not None and not _readable_ranges(range_header, stat.st_size):
        return Response(
            status_code=416, headers=headers | {"Content-Range": f"bytes */{stat.st_size}"}
        )
    return response


def _readable_ranges(header: str, size: int) -> bool:
    """A Range header FileResponse can answer: well-formed, each first <= last."""
    if not RANGE_HEADER.fullmatch(header):
        return False
    for part in header.partition("=")[2].split(","):
        first, _, last = part.strip().partition("-")
        if first and last and int(first) > int(last):
            return False
    return size > 0


def not_modified(request_headers: Headers, response_headers: Headers) -> bool:
    """RFC 9110 13.1.2/13.1.3: If-None-Match wins; If-Modified-Since only without it."""
    if_none_match = request_headers.get("if-none-match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return if_none_match.strip() == "*" or response_headers["etag"] in tags
    since = request_headers.get("if-modified-since")
    if not since:
        return False
    try:
        return parsedate_to_datetime(response_headers["last-modified"]) <= parsedate_to_datetime(
            since
        )
    except (TypeError, ValueError):
        return False
