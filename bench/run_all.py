"""Run every benchmark once and rewrite the results in bench/README.md.

Run: .venv/bin/python bench/run_all.py [--no-write]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import answers_while_watched  # noqa: E402
import beacons  # noqa: E402
import burst  # noqa: E402
import calculator_api  # noqa: E402
import cohort_grid  # noqa: E402
import common  # noqa: E402
import module_page  # noqa: E402

README = Path(__file__).resolve().parent / "README.md"
START = "<!-- results:start -->"
END = "<!-- results:end -->"
SCENARIOS: list[tuple[str, Callable[[], list[common.Row]]]] = [
    ("module page", module_page.run),
    ("progress beacons", beacons.run),
    ("calculator API", calculator_api.run),
    ("cohort grid", cohort_grid.run),
    ("burst", burst.run),
    ("answers while trainers watch", answers_while_watched.run),
]


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


def run_scenarios() -> list[common.Row]:
    rows: list[common.Row] = []
    for name, run in SCENARIOS:
        began = time.monotonic()
        print(f"== {name} (load average {load_average()})", file=sys.stderr, flush=True)
        try:
            rows += run()
        except Exception as exc:  # one broken scenario must not hide the others' figures
            traceback.print_exc()
            rows.append(common.Row(name, note=f"FAILED: {type(exc).__name__}: {exc}"[:200]))
        print(f"   {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
    return rows


def results(rows: list[common.Row], before: str, after: str, seconds: float) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join(
        [
            START,
            f"Run: {stamp}, `bench/run_all.py`, {seconds / 60:.0f} min. "
            f"Machine: {common.machine()}. Load average before {before}; after {after}.",
            "",
            common.markdown_table(rows),
            "",
            "Memory per worker (VmRSS from /proc/<pid>/status right after the scenario's load):",
            "",
            common.memory_table(rows),
            END,
        ]
    )


def rewrite_readme(text: str) -> None:
    current = README.read_text(encoding="utf-8")
    if START not in current or END not in current:
        raise SystemExit(f"{README} has no {START} ... {END} block")
    head, rest = current.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + text + tail, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-write", action="store_true", help="print only; keep the README")
    args = parser.parse_args()
    before = load_average()
    began = time.monotonic()
    rows = run_scenarios()
    text = results(rows, before, load_average(), time.monotonic() - began)
    print(text)
    if not args.no_write:
        rewrite_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
