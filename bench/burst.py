""" "The whole cohort presses play at 09:00": N trainees send their first beacon within one second,
then a few more, one per second (each with one second of newly watched video).

Reports p50/p95/max latency of all beacons and of the first wave, and the error count, which
must be zero. The floor gets the same pattern of single SQLite writes.

Run: .venv/bin/python bench/burst.py [N]
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from floor_app import prepare_database  # noqa: E402

TRAINEES = 200
FOLLOW_UPS = 3  # beacons after the first one, one second apart
LIMIT_SECONDS = 60.0

Send = Callable[[], Awaitable[httpx.Response]]


async def burst(senders: Sequence[Send], seed: int = 9) -> tuple[common.Load, common.Load]:
    """Every sender starts at a random moment within one second; returns (all, first wave).

    A beacon without an answer after LIMIT_SECONDS counts as an error ("unfinished")."""
    rng = random.Random(seed)
    offsets = [rng.random() for _ in senders]
    everything, first = common.Load(), common.Load()
    start = time.monotonic() + 0.5

    async def trainee(send: Send, offset: float) -> None:
        for number in range(1 + FOLLOW_UPS):
            await asyncio.sleep(max(0.0, start + offset + number - time.monotonic()))
            began = time.perf_counter()
            failure = ""
            try:
                response = await send()
                status: int | None = response.status_code
            except httpx.HTTPError as exc:
                status, failure = None, common.failure_kind(exc)
            latency = time.perf_counter() - began
            everything.add(latency, status, (200,), failure)
            if number == 0:
                first.add(latency, status, (200,), failure)

    began = time.perf_counter()
    tasks = [
        asyncio.create_task(trainee(send, offset))
        for send, offset in zip(senders, offsets, strict=True)
    ]
    _, pending = await asyncio.wait(tasks, timeout=LIMIT_SECONDS)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    everything.elapsed = first.elapsed = time.perf_counter() - began
    _count_unfinished(everything, len(senders) * (1 + FOLLOW_UPS))
    _count_unfinished(first, len(senders))
    return everything, first


def _count_unfinished(load: common.Load, planned: int) -> None:
    finished = sum(load.statuses.values()) + load.no_answer
    if planned > finished:
        load.failures += planned - finished
        load.unexpected[f"unfinished after {LIMIT_SECONDS:.0f} s"] = planned - finished


async def measure(app_url: str, floor_url: str, emails: list[str]) -> list[common.Row]:
    trainees = await common.login_many(app_url, emails)
    floor = [common.async_client(floor_url) for _ in emails]
    body = common.beacon_body(0, 0.0)
    headers = {"content-type": "application/json"}
    try:
        app_all, app_first = await burst([t.beacon for t in trainees])
        await asyncio.sleep(1)
        floor_sends = [lambda c=c: c.post("/write", content=body, headers=headers) for c in floor]
        floor_all, floor_first = await burst(floor_sends)
    finally:
        await common.close_all(trainees)
        for client in floor:
            await client.aclose()
    n = len(emails)
    return [
        common.Row(
            f"Burst: {n} trainees press play within 1 s — first beacon",
            app_first,
            floor_first,
            note=f"max {app_first.percentile(1.0) * 1000:.0f} ms (floor "
            f"{floor_first.percentile(1.0) * 1000:.0f} ms)",
            paced=True,
        ),
        common.Row(
            f"Burst: all {n * (1 + FOLLOW_UPS)} beacons (1 + {FOLLOW_UPS} per trainee, 1 s apart)",
            app_all,
            floor_all,
            note=f"max {app_all.percentile(1.0) * 1000:.0f} ms (floor "
            f"{floor_all.percentile(1.0) * 1000:.0f} ms), all done in {app_all.elapsed:.1f} s "
            f"(floor {floor_all.elapsed:.1f} s)",
            paced=True,
        ),
    ]


def run(trainees: int = TRAINEES) -> list[common.Row]:
    with common.workspace("burst") as work:
        site = common.make_site(work / "site")
        emails = common.seed_trainees(site, trainees)
        floor_dir = work / "floor"
        floor_dir.mkdir()
        prepare_database(floor_dir)
        servers = (common.app_server(site, work), common.floor_server(floor_dir, work))
        with common.running(*servers) as (app, floor):
            rows = asyncio.run(measure(app.base_url, floor.base_url, emails))
            rows[-1].measure_memory(app, floor)
            return rows


if __name__ == "__main__":
    print(common.markdown_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else TRAINEES)))
