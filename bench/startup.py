"""Start-up, memory per worker and install size: what a municipality sees when it installs the app.

Run: .venv/bin/python bench/startup.py [--sizes] [--write]

- **Cold start**: a fresh data folder (migrated, as `make run` does before it starts), no checked
  course yet; `doorbraakschool run` from process start until "draait op" is printed, and until
  the first 200 on /healthz and on /inloggen. **Warm start**: the same again with the course
  checked before (every later start). Wall time and the server's CPU seconds (utime + stime from
  /proc): on a busy shared machine the CPU figure is what an idle machine's wall time would be.
- **RSS per worker**: VmRSS of the server process (one worker) when idle after start, and after
  300 requests alternating /inloggen and /healthz.
- **Install sizes** (`--sizes`): throwaway venvs under /tmp, one per extra, `pip install` with pip's
  cache; `du` of the venv (pip and setuptools included, 24 MiB of it).

`--write` puts the table between the startup markers in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

EXTRAS = ("", "[speech]", "[media]", "[content]", "[postgres]", "[dev]")
ALL_EXTRAS = "[media,content,postgres,dev]"
REQUESTS = 300


@dataclass
class Start:
    said_runs_s: float
    healthz_s: float
    login_s: float
    cpu_s: float
    rss_idle_mib: float
    rss_loaded_mib: float


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_pid(launcher: int) -> int:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == launcher:
                return int(entry)
    raise RuntimeError("no server process")


def first_200(url: str, started: float) -> float:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.02)


def one_start(site: common.Site) -> Start:
    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "app.cli", "run", "--port", str(port), "--no-render"]
    started = time.perf_counter()
    env = site.env(PYTHONPATH=str(ROOT))
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        while "draait op" not in process.stdout.readline():
            pass
        said = time.perf_counter() - started
        healthz = first_200(f"{base}/healthz", started)
        login = first_200(f"{base}/inloggen", started)
        pid = server_pid(process.pid)
        cpu = cpu_seconds(pid)
        idle = common.rss_mib(pid)
        for index in range(REQUESTS):
            path = "/inloggen" if index % 2 else "/healthz"
            with urllib.request.urlopen(base + path, timeout=10) as answer:
                answer.read()
        return Start(said, healthz, login, cpu, idle, common.rss_mib(pid))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def install_sizes() -> dict[str, int]:
    """MiB of a fresh venv per extra (``pip install`` of this checkout, pip's cache)."""
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        for extra in (*EXTRAS, ALL_EXTRAS):
            venv = Path(folder) / "venv"
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
            subprocess.run([*pip, "--upgrade", "pip"], check=True, capture_output=True)
            subprocess.run([*pip, f"{ROOT}{extra}"], check=True, capture_output=True)
            used = subprocess.run(["du", "-sm", str(venv)], check=True, capture_output=True)
            sizes[extra or "server"] = int(used.stdout.split()[0])
            shutil.rmtree(venv)
    return sizes


def table(cold: Start, warm: Start, sizes: dict[str, int], load: tuple[str, str]) -> str:
    lines = [
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, `bench/startup.py`. "
        f"Load average before {load[0]}, after {load[1]} (1/5/15 min; 2 cores, shared).",
        "",
        '| Start | "draait op" s | first 200 /healthz s | first 200 /inloggen s '
        "| server CPU s to ready | RSS idle MiB | RSS after 300 requests MiB |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, start in (("first start (fresh data folder)", cold), ("warm start", warm)):
        lines.append(
            f"| {name} | {start.said_runs_s:.2f} | {start.healthz_s:.2f} | {start.login_s:.2f} "
            f"| {start.cpu_s:.2f} | {start.rss_idle_mib:.0f} | {start.rss_loaded_mib:.0f} |"
        )
    if sizes:
        lines += ["", "| Install (`pip install .<extra>`, fresh venv) | MiB |", "|---|---|"]
        lines += [f"| `{name}` | {size} |" for name, size in sizes.items()]
    return "\n".join(lines)


def loadavg() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", action="store_true", help="also measure install sizes (slow)")
    parser.add_argument("--write", action="store_true", help="update bench/README.md")
    args = parser.parse_args()
    before = loadavg()
    with tempfile.TemporaryDirectory() as folder:
        site = common.make_site(Path(folder) / "site")
        cold = one_start(site)
        warm = one_start(site)
    sizes = install_sizes() if args.sizes else {}
    text = table(cold, warm, sizes, (before, loadavg()))
    print(text)
    if args.write:
        write_section(ROOT / "bench" / "README.md", text)


def write_section(readme: Path, text: str) -> None:
    """Replace what stands between the startup markers (added at the end if missing)."""
    start, end = "<!-- startup:start -->", "<!-- startup:end -->"
    current = readme.read_text(encoding="utf-8")
    if start not in current:
        current += f"\n## Start, memory and install size (bench/startup.py)\n\n{start}\n{end}\n"
    head, rest = current.split(start, 1)
    readme.write_text(f"{head}{start}\n{text}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


if __name__ == "__main__":
    main()
