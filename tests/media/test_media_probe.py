"""The MP4 box reader."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from app.media.probe import Mp4Error, probe_mp4


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def test_probe_rejects_a_file_that_is_not_mp4(tmp_path: Path) -> None:
    path = tmp_path / "x.mp4"
    path.write_bytes(b"WEBVTT\n\nnot a video at all")
    with pytest.raises(Mp4Error):
        probe_mp4(path)


def test_probe_reads_duration_and_box_order(tmp_path: Path) -> None:
    mvhd = _box(b"mvhd", bytes(12) + struct.pack(">II", 1000, 12_500) + bytes(80))
    data = _box(b"ftyp", b"isom" + bytes(4)) + _box(b"moov", mvhd) + _box(b"mdat", bytes(16))
    path = tmp_path / "x.mp4"
    path.write_bytes(data)
    info = probe_mp4(path)
    assert (info.brand, info.duration, info.faststart, info.codecs) == ("isom", 12.5, True, ())
