"""The ffmpeg step: slides + narration into an MP4 (H.264 + AAC, yuv420p, faststart).

Traps (see docs in /work/shared/domain/video-pipeline.md): ``format=yuv420p`` must come before
``fps``; ``-g 250`` keeps still slides small; ``-t`` instead of ``-shortest`` gives an exact length.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from app.media.tools import FfmpegError, failure_message, ffmpeg_exe

LOUDNESS = "loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000"


def write_concat_list(path: Path, slides: Sequence[Path], durations: Sequence[float]) -> None:
    """An ffmpeg concat list; the last file is repeated without a duration (concat quirk)."""
    lines = ["ffconcat version 1.0"]
    for slide, seconds in zip(slides, durations, strict=True):
        lines += [f"file '{slide.name}'", f"duration {seconds:.3f}"]
    lines.append(f"file '{slides[-1].name}'")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def mp4_arguments(concat: Path, narration: Path, total: float, fps: int, out: Path) -> list[str]:
    return [
        *("-f", "concat", "-safe", "0", "-i", str(concat), "-i", str(narration)),
        *("-map", "0:v", "-map", "1:a", "-vf", f"format=yuv420p,fps={fps}", "-af", LOUDNESS),
        *("-t", f"{total:.3f}", "-map_metadata", "-1", "-fflags", "+bitexact"),
        *("-flags", "+bitexact", "-c:v", "libx264", "-preset", "medium", "-tune", "stillimage"),
        *("-crf", "23", "-g", "250", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"),
        *("-ac", "1", "-metadata:s:a:0", "language=dut", "-movflags", "+faststart", str(out)),
    ]


def encode_mp4(
    concat: Path,
    narration: Path,
    total: float,
    fps: int,
    out: Path,
    on_progress: Callable[[float], None] | None = None,
) -> None:
    """Run ffmpeg, reporting the share of ``total`` encoded so far through ``on_progress``."""
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"]
    command += [
        "-progress",
        "pipe:1",
        "-nostats",
        *mp4_arguments(concat, narration, total, fps, out),
    ]
    log_path = out.with_suffix(".ffmpeg.log")
    with (
        log_path.open("wb") as log,
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True) as process,
    ):
        assert process.stdout is not None
        for line in process.stdout:
            seconds = _progress_seconds(line)
            if seconds is not None and on_progress is not None:
                on_progress(min(1.0, seconds / total))
    if process.returncode != 0:
        raise FfmpegError(failure_message(process.returncode, log_path.read_text(errors="replace")))
    log_path.unlink()


def _progress_seconds(line: str) -> float | None:
    key, _, value = line.strip().partition("=")
    if key != "out_time_us" or not value.lstrip("-").isdigit():
        return None
    return max(0, int(value)) / 1_000_000
