"""A console progress bar for ``render_all``: one line per video, updated in place on a TTY,
plain lines (one per stage) otherwise."""

from __future__ import annotations

import sys
from typing import TextIO

FINAL_STAGES = ("done", "cached", "failed")
BAR_WIDTH = 24


class ConsoleProgress:
    """Pass an instance as ``render_all(..., progress=ConsoleProgress())``."""

    def __init__(self, stream: TextIO | None = None, tty: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.last: tuple[str, str] | None = None

    def __call__(self, video_id: str, stage: str, fraction: float) -> None:
        percent = round(max(0.0, min(1.0, fraction)) * 100)
        if self.tty:
            filled = round(BAR_WIDTH * percent / 100)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            end = "\n" if stage in FINAL_STAGES else ""
            self.stream.write(f"\r{video_id[:40]:<40} [{bar}] {percent:3d}% {stage:<7}{end}")
        elif self.last != (video_id, stage):
            self.stream.write(f"{video_id}: {stage} {percent}%\n")
        self.last = (video_id, stage)
        self.stream.flush()
