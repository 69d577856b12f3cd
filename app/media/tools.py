"""Finding and running ffmpeg: the imageio-ffmpeg wheel's binary, else the system's."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache


class FfmpegError(RuntimeError):
    """ffmpeg is missing or failed; the message holds the tail of its output."""


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        found = shutil.which("ffmpeg")
        if found is None:
            raise FfmpegError("no ffmpeg: install imageio-ffmpeg or Debian's ffmpeg") from None
        return found


def run_ffmpeg(args: list[str], stdin: bytes | None = None) -> bytes:
    """Run ffmpeg with ``args`` (after the binary) and return its standard output."""
    command = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", *args]
    if stdin is not None:
        command.remove("-nostdin")
    done = subprocess.run(command, input=stdin, capture_output=True, check=False)
    if done.returncode != 0:
        raise FfmpegError(failure_message(done.returncode, done.stderr.decode(errors="replace")))
    return done.stdout


def failure_message(code: int, output: str) -> str:
    tail = "\n".join(output.strip().splitlines()[-8:])
    return f"ffmpeg failed with exit code {code}:\n{tail}"
