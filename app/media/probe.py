"""A small MP4 box reader: duration, track codecs and whether the index comes first (faststart).

Used to check an encode before it is published, and by the tests (the wheel has no ffprobe).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


class Mp4Error(ValueError):
    """Not a well-formed MP4."""


@dataclass(frozen=True, slots=True)
class Mp4Info:
    brand: str
    duration: float  # seconds, from the movie header
    codecs: tuple[str, ...]  # sample entry per track, e.g. ("avc1", "mp4a")
    faststart: bool  # the moov box comes before the media data


def _boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, box end) of the boxes in data[start:end]."""
    found: list[tuple[bytes, int, int]] = []
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise Mp4Error(f"box {kind!r} at {pos} has a bad size {size}")
        found.append((kind, pos + header, pos + size))
        pos += size
    return found


def _walk(data: bytes, start: int, end: int, out: dict[bytes, list[tuple[int, int]]]) -> None:
    for kind, body, stop in _boxes(data, start, end):
        out.setdefault(kind, []).append((body, stop))
        if kind in CONTAINERS:
            _walk(data, body, stop, out)


def probe_mp4(path: Path) -> Mp4Info:
    data = path.read_bytes()
    top = _boxes(data, 0, len(data))
    kinds = [kind for kind, _, _ in top]
    if not kinds or kinds[0] != b"ftyp" or b"moov" not in kinds or b"mdat" not in kinds:
        raise Mp4Error(f"{path}: no ftyp/moov/mdat boxes (found {kinds})")
    found: dict[bytes, list[tuple[int, int]]] = {}
    _walk(data, 0, len(data), found)
    return Mp4Info(
        brand=data[top[0][1] : top[0][1] + 4].decode("ascii", "replace"),
        duration=_movie_duration(data, found[b"mvhd"][0][0]),
        codecs=tuple(_sample_entry(data, body) for body, _ in found.get(b"stsd", [])),
        faststart=kinds.index(b"moov") < kinds.index(b"mdat"),
    )


def _movie_duration(data: bytes, body: int) -> float:
    version = data[body]
    if version == 1:
        scale, duration = struct.unpack(">IQ", data[body + 20 : body + 32])
    else:
        scale, duration = struct.unpack(">II", data[body + 12 : body + 20])
    return float(duration / scale) if scale else 0.0


def _sample_entry(data: bytes, body: int) -> str:
    # full box header (4) + entry count (4), then the first entry: size (4) + type (4)
    return data[body + 12 : body + 16].decode("ascii", "replace")
