"""Helpers for the renderer tests: the fixture script, a tone WAV, and a WebVTT parser."""

from __future__ import annotations

import html
import math
import shutil
import struct
import wave
from dataclasses import dataclass
from pathlib import Path

from app.media import RenderResult

FIXTURE = Path(__file__).parent / "fixtures" / "01-proefvideo"


@dataclass(frozen=True)
class Rendered:
    script: Path
    media_dir: Path
    result: RenderResult


@dataclass(frozen=True)
class VttCue:
    start: float
    end: float
    text: str


def copy_fixture(target: Path) -> Path:
    """A copy of the fixture video folder under ``target/videos``; returns its script path."""
    folder = target / "videos" / FIXTURE.name
    shutil.copytree(FIXTURE, folder)
    return folder / "script.yaml"


def write_tone(path: Path, seconds: float, rate: int = 44_100) -> None:
    """A stereo 440 Hz tone as 16-bit PCM WAV (a stand-in for a recorded voice)."""
    frames = bytearray()
    for i in range(round(seconds * rate)):
        sample = round(8000 * math.sin(2 * math.pi * 440 * i / rate))
        frames += struct.pack("<hh", sample, sample)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))


def parse_timestamp(text: str) -> float:
    hours, minutes, seconds = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def parse_vtt(text: str) -> tuple[list[str], list[VttCue]]:
    """(header lines, cues) of a WebVTT file; asserts the structure on the way."""
    blocks = text.strip("\n").split("\n\n")
    header = blocks[0].splitlines()
    assert header[0] == "WEBVTT"
    cues: list[VttCue] = []
    for block in blocks[1:]:
        lines = block.splitlines()
        timing_index = 1 if "-->" not in lines[0] else 0
        start, arrow, end = lines[timing_index].split()[:3]
        assert arrow == "-->"
        body = "\n".join(lines[timing_index + 1 :])
        assert body.strip(), f"empty cue: {block!r}"
        cues.append(VttCue(parse_timestamp(start), parse_timestamp(end), html.unescape(body)))
    return header, cues
