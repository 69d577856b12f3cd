"""Finding and running ffmpeg: the system's (Debian's /usr/bin/ffmpeg), else the imageio-ffmpeg
wheel's binary (the ``[media]`` extra)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from functools import lru_cache


class FfmpegError(RuntimeError):
    """ffmpeg is missing or failed; the message holds the tail of its output."""


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    found = shutil.which("ffmpeg")
    if found is not None:
        return found
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        raise FfmpegError(
            "no ffmpeg: install Debian's ffmpeg or the [media] extra (imageio-ffmpeg)"
        ) from None


def missing_tools() -> list[str]:
    """What video rendering lacks on this machine, in Dutch (empty when it can render)."""
    missing = []
    try:
        ffmpeg_exe()
    except FfmpegError:
        missing.append(
            "ffmpeg ontbreekt (installeer Debians ffmpeg: apt-get install ffmpeg, "
            "of pip install -e '.[media]')"
        )
    if importlib.util.find_spec("espeakng_loader") is None:
        missing.append("de Nederlandse spraak ontbreekt (pip install -e '.[speech]')")
    return missing


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
