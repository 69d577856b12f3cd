"""Narration audio: every scene's voice as 16-bit mono PCM at one rate, padded to whole frames."""

from __future__ import annotations

import math
import wave
from pathlib import Path

from app.media.tools import run_ffmpeg

SAMPLE_RATE = 48_000
BYTES_PER_SAMPLE = 2


def resample_pcm(pcm: bytes, rate: int) -> bytes:
    """16-bit mono PCM at ``rate`` Hz converted to ``SAMPLE_RATE``."""
    if rate == SAMPLE_RATE or not pcm:
        return pcm
    args = ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
    return run_ffmpeg([*args, *_pcm_output()], stdin=pcm)


def decode_wav(path: Path) -> bytes:
    """Any WAV (any rate, channels or sample format) as 16-bit mono PCM at ``SAMPLE_RATE``."""
    return run_ffmpeg(["-i", str(path), *_pcm_output()])


def _pcm_output() -> list[str]:
    return ["-vn", "-f", "s16le", "-acodec", "pcm_s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-"]


def duration(pcm: bytes) -> float:
    return len(pcm) / BYTES_PER_SAMPLE / SAMPLE_RATE


def silence(seconds: float) -> bytes:
    return b"\x00" * (round(seconds * SAMPLE_RATE) * BYTES_PER_SAMPLE)


def frames_to_cover(seconds: float, fps: int) -> int:
    """Whole video frames needed to cover ``seconds`` (tolerant of float noise)."""
    return math.ceil(round(seconds * fps, 6))


def pad_to(pcm: bytes, seconds: float) -> bytes:
    """``pcm`` cut or padded with silence to exactly ``seconds``."""
    size = round(seconds * SAMPLE_RATE) * BYTES_PER_SAMPLE
    return pcm[:size] + b"\x00" * max(0, size - len(pcm))


def write_wav(path: Path, pcm: bytes) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(BYTES_PER_SAMPLE)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm)
