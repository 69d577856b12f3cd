"""HTTP Range requests for media files (RFC 9110): parsing is pure, serving streams the bytes.

One range gives 206 with Content-Range; several give multipart/byteranges; a malformed or
unsatisfiable range gives 416; more than MAX_RANGES ranges gives 416 too (no amplification)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from starlette.responses import Response, StreamingResponse

MAX_RANGES = 8
CHUNK = 64 * 1024
CONTENT_TYPES = {
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
    ".jpg": "image/jpeg",
}


class RangeNotSatisfiable(ValueError):
    pass


def parse_range(header: str, size: int) -> list[tuple[int, int]]:
    """Byte ranges as inclusive (first, last) pairs, overlapping ones merged."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec.strip():
        raise RangeNotSatisfiable("only byte ranges")
    parts = [part.strip() for part in spec.split(",")]
    if len(parts) > MAX_RANGES:
        raise RangeNotSatisfiable("too many ranges")
    ranges = [_one_range(part, size) for part in parts]
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _one_range(part: str, size: int) -> tuple[int, int]:
    first_text, dash, last_text = part.partition("-")
    if not dash or not (first_text.isdigit() or last_text.isdigit()):
        raise RangeNotSatisfiable("malformed range")
    if not first_text:  # suffix: the last N bytes
        length = int(last_text)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable("empty suffix")
        return max(0, size - length), size - 1
    if last_text and not last_text.isdigit():
        raise RangeNotSatisfiable("malformed range")
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if first >= size or last < first:
        raise RangeNotSatisfiable("outside the file")
    return first, min(last, size - 1)


def _read(path: Path, first: int, last: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(first)
        remaining = last - first + 1
        while remaining > 0:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data


def etag_for(path: Path) -> tuple[str, str]:
    stat = path.stat()
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"', formatdate(stat.st_mtime, usegmt=True)


def _not_modified(headers: dict[str, str], etag: str, stat_mtime: float) -> bool:
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match == "*"
    since = headers.get("if-modified-since")
    if since:
        try:
            return int(stat_mtime) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False


def serve_file(path: Path, request_headers: dict[str, str]) -> Response:
    """Serve `path` honouring Range, If-Range, If-None-Match and If-Modified-Since."""
    size = path.stat().st_size
    etag, modified = etag_for(path)
    content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
    base = {
        "accept-ranges": "bytes",
        "etag": etag,
        "last-modified": modified,
        "cache-control": "private, max-age=3600",
    }
    if _not_modified(request_headers, etag, os.path.getmtime(path)):
        return Response(status_code=304, headers=base)
    header = request_headers.get("range")
    if_range = request_headers.get("if-range")
    if header and (if_range is None or if_range in (etag, modified)):
        try:
            ranges = parse_range(header, size)
        except RangeNotSatisfiable:
            return Response(status_code=416, headers=base | {"content-range": f"bytes */{size}"})
        if len(ranges) == 1:
            first, last = ranges[0]
            headers = base | {
                "content-range": f"bytes {first}-{last}/{size}",
                "content-length": str(last - first + 1),
            }
            return StreamingResponse(
                _read(path, first, last), status_code=206, media_type=content_type, headers=headers
            )
        return _multipart(path, ranges, size, content_type, base)
    return StreamingResponse(
        _read(path, 0, size - 1) if size else iter([b""]),
        media_type=content_type,
        headers=base | {"content-length": str(size)},
    )


def _multipart(
    path: Path, ranges: list[tuple[int, int]], size: int, content_type: str, base: dict[str, str]
) -> Response:
    boundary = secrets.token_hex(12)

    def body() -> Iterator[bytes]:
        for first, last in ranges:
            yield (
                f"--{boundary}\r\nContent-Type: {content_type}\r\n"
                f"Content-Range: bytes {first}-{last}/{size}\r\n\r\n"
            ).encode()
            yield from _read(path, first, last)
            yield b"\r\n"
        yield f"--{boundary}--\r\n".encode()

    return StreamingResponse(
        body(),
        status_code=206,
        media_type=f"multipart/byteranges; boundary={boundary}",
        headers=base,
    )
