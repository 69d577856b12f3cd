"""`doorbraakschool run` (what `make run` starts) as a real process: it says the school runs only
when the port answers, and Ctrl+C stops the server and the background video render."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench import common

pytestmark = pytest.mark.drill
ROOT = Path(__file__).resolve().parents[2]


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (from /proc), children of children included."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(entry)] = int(fields[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        children = {child for child, ppid in parents.items() if ppid == parent}
        todo.extend(children - found)
        found |= children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def read_until(process: subprocess.Popen[str], text: str, timeout: float) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if text in line:
            return lines
    raise AssertionError(f"no {text!r} within {timeout} s: {lines}")


def test_run_says_it_runs_once_the_port_answers_and_ctrl_c_stops_server_and_render(
    tmp_path: Path,
) -> None:
    site = common.make_site(tmp_path / "site")
    port = common.free_port()
    env = site.env(PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "app.cli", "run", "--port", str(port)]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        lines = read_until(process, "draait op", timeout=180)
        assert "eenmalig gecontroleerd" in "".join(lines)  # the course check ran before
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            assert answer.status == 200
        read_until(process, "op de achtergrond gerenderd", timeout=30)
        time.sleep(1.0)
        started = descendants(process.pid)
        assert len(started) >= 2, started  # the server and the render (and maybe its ffmpeg)
        asked = time.monotonic()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        assert time.monotonic() - asked < 10
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in started if alive(pid)]
        assert (site.root / "var" / "render.log").exists()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
