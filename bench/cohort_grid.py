"""GET /groepen/{id}/voortgang (the trainer's cohort grid) for a 500-trainee cohort vs a floor
answering the same bytes; and how one request's time grows from 100 to 1,000 to 10,000 trainees.

Cohorts come from app.demo.progress.generate_cohort (bulk rows with spread progress). The grid
shows 100 trainees per page but summarises the whole cohort, so its work grows with the cohort.

Run: .venv/bin/python bench/cohort_grid.py
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

CLIENTS = 8
TOTAL = 600
SECONDS = 20.0
MAIN_SIZE = 500
GROWTH_SIZES = (100, 1_000, 10_000)
GROWTH_REPEATS = 7


def generate(site: common.Site, sizes: tuple[int, ...]) -> dict[int, int]:
    """Generate one cohort per size in the bench organisation; returns size -> cohort id."""
    from app.content.load import load_catalog
    from app.db import create_database, session_scope
    from app.demo.progress import generate_cohort

    settings = site.settings()
    catalog = load_catalog(settings.content_dir, names=False)
    db = create_database(site.url)
    found = {}
    try:
        for size in sizes:
            with session_scope(db, write=True) as session:
                cohort = generate_cohort(
                    session, settings, organisation_slug=common.ORG_SLUG, size=size, catalog=catalog
                )
                assert cohort.id is not None
                found[size] = cohort.id
    finally:
        db.dispose()
    return found


def grid_path(cohort_id: int) -> str:
    return f"/groepen/{cohort_id}/voortgang"


def touch_progress(database: Path) -> None:
    """Change one stored progress row (as an answer would), so the next grid must read anew."""
    with sqlite3.connect(database, timeout=10) as conn:
        conn.execute(
            "UPDATE module_progress SET updated_at = ? "
            "WHERE id = (SELECT min(id) FROM module_progress)",
            (datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),),
        )


def sequential_times(
    client: httpx.Client, path: str, server: common.Server, database: Path | None = None
) -> tuple[float, float]:
    """(median seconds of one request, server CPU seconds per request), one request at a time
    after one warm-up request; with `database`, progress changes just before each request (the
    grid cannot reuse its masks)."""
    if client.get(path).status_code != 200:
        raise RuntimeError(f"{path} did not answer 200")
    times = []
    workers = server.worker_pids()
    cpu = 0.0
    for _ in range(GROWTH_REPEATS):
        if database is not None:
            touch_progress(database)
        used = common.cpu_seconds(workers)
        began = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - began)
        cpu += common.cpu_seconds(workers) - used
    return statistics.median(times), cpu / GROWTH_REPEATS


async def measure(app_url: str, floor_url: str, email: str, path: str) -> tuple[common.Load, ...]:
    staff = await common.login_many(app_url, [email] * CLIENTS)
    floor = [common.async_client(floor_url) for _ in range(CLIENTS)]
    try:
        app_slots = [lambda _n, t=t: t.client.get(path) for t in staff]
        floor_slots = [lambda _n, c=c: c.get("/bytes/grid") for c in floor]
        return await common.compare(app_slots, floor_slots, total=TOTAL, max_seconds=SECONDS)
    finally:
        await common.close_all(staff)
        for client in floor:
            await client.aclose()


Timing = tuple[float, float]  # median wall seconds, server CPU seconds per request


def ms(timing: Timing) -> str:
    return f"{timing[0] * 1000:.0f} ms (server CPU {timing[1] * 1000:.0f} ms)"


def growth_row(timings: dict[int, Timing], changed: dict[int, Timing]) -> common.Row:
    times = {size: timing[0] for size, timing in timings.items()}
    small, *rest = sorted(times)
    parts = [
        f"{size:,} trainees {ms(timings[size])}, right after a progress change {ms(changed[size])}"
        for size in sorted(times)
    ]
    ratios = [
        f"{size // small}× trainees → {times[size] / times[small]:.1f}× time" for size in rest
    ]
    note = "; ".join(parts) + " (" + ", ".join(ratios) + "); one request at a time, median"
    return common.Row("Cohort grid growth 100 → 1,000 → 10,000 trainees", note=note)


def run() -> list[common.Row]:
    with common.workspace("cohort-grid") as work:
        site = common.make_site(work / "site")
        (trainer,) = common.seed_trainees(site, 1, prefix="trainer", role="trainer")
        cohorts = generate(site, (MAIN_SIZE, *GROWTH_SIZES))
        floor_dir = work / "floor"
        floor_dir.mkdir()
        app = common.app_server(site, work)
        with common.running(app):
            with httpx.Client(base_url=app.base_url, timeout=60) as client:
                common.login(client, trainer)
                page = client.get(grid_path(cohorts[MAIN_SIZE]))
                common.capture(floor_dir, "grid", page)
                sizes = (MAIN_SIZE, *GROWTH_SIZES)
                times = {
                    size: sequential_times(client, grid_path(cohorts[size]), app) for size in sizes
                }
                changed = {
                    size: sequential_times(client, grid_path(cohorts[size]), app, site.database)
                    for size in sizes
                }
            with common.running(common.floor_server(floor_dir, work)) as (floor,):
                path = grid_path(cohorts[MAIN_SIZE])
                app_load, floor_load = asyncio.run(
                    measure(app.base_url, floor.base_url, trainer, path)
                )
                note = (
                    f"{CLIENTS} clients, page {len(page.content) / 1024:.0f} KiB (100 rows shown)"
                )
                main = common.Row(f"Cohort grid, {MAIN_SIZE} trainees", app_load, floor_load, note)
                main.measure_memory(app, floor)
        sequential = common.Row(
            f"Cohort grid, {MAIN_SIZE} trainees, one request at a time (median)",
            note=f"{ms(times[MAIN_SIZE])}; right after a progress change (the cohort's masks "
            f"read anew) {ms(changed[MAIN_SIZE])}",
        )
        growth = growth_row(
            {size: times[size] for size in GROWTH_SIZES},
            {size: changed[size] for size in GROWTH_SIZES},
        )
        return [main, sequential, growth]


if __name__ == "__main__":
    print(common.markdown_table(run()))
