"""``doorbraakschool run`` (what ``make run`` starts): serve, then render videos in the background.

The server starts first; "draait op" is printed only once ``GET /healthz`` answers 200, so the
address works the moment it is shown. Then the missing videos render in the background (log in
``var/render.log``), so rendering never slows the start. Ctrl+C (SIGINT) or SIGTERM stops the
server and the render, including the render's ffmpeg, within seconds: each child runs in its
own process group, which gets SIGTERM and, after a grace period, SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType

READY_TIMEOUT_S = 120.0
STOP_GRACE_S = 5.0


class _Stop:
    """Set by SIGINT or SIGTERM; the main loop polls it."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True


def run(host: str, port: int, *, render_log: Path | None, note: str = "") -> int:
    """Serve until Ctrl+C; with ``render_log``, render missing videos once the port answers."""
    stop = _Stop()
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    command = [sys.executable, "-m", "app.cli", "serve", "--host", host, "--port", str(port)]
    children = [_start(command)]
    try:
        if not _wait_ready(children[0], host, port, stop):
            return _not_started(children[0], stop)
        print(f"Doorbraakschool draait op http://{host}:{port}{note}", flush=True)
        if render_log is not None:
            children.append(_start_render(render_log))
        while not stop.requested and children[0].poll() is None:
            time.sleep(0.2)
    finally:
        stop_all(children)
    if stop.requested:
        print("Doorbraakschool is gestopt.", flush=True)
        return 0
    return children[0].returncode or 1


def _start(command: list[str], log: Path | None = None) -> subprocess.Popen[bytes]:
    if log is None:
        return subprocess.Popen(command, start_new_session=True)
    with log.open("wb") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _start_render(log: Path) -> subprocess.Popen[bytes]:
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"Video's die nog ontbreken worden op de achtergrond gerenderd (log: {log}).")
    return _start([sys.executable, "-m", "app.cli", "videos", "render"], log)


def _wait_ready(server: subprocess.Popen[bytes], host: str, port: int, stop: _Stop) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT_S
    url = f"http://{host}:{port}/healthz"
    while time.monotonic() < deadline and not stop.requested and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - own server
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    return False


def _not_started(server: subprocess.Popen[bytes], stop: _Stop) -> int:
    if stop.requested:
        print("Doorbraakschool is gestopt.", flush=True)
        return 0
    if server.poll() is None:
        print(f"De server antwoordde niet binnen {READY_TIMEOUT_S:.0f} seconden.", file=sys.stderr)
    else:
        print("De server kon niet starten (zie de melding hierboven).", file=sys.stderr)
    return 1


def stop_all(children: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to every child's process group, SIGKILL to what is left after the grace period."""
    for child in children:
        _signal_group(child, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_S
    for child in children:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
    for child in children:
        _signal_group(child, signal.SIGKILL)
        child.wait()


def _signal_group(child: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signum)
