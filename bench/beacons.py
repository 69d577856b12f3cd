"""POST /api/progress/video (watched-interval beacons) vs a floor doing one SQLite write.

Each simulated trainee has its own account and sends beacons one after another; each beacon
adds one second of newly watched video, which the server's plausibility rule always accepts
(growth <= elapsed x rate + 2 s tolerance).

Run: .venv/bin/python bench/beacons.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from floor_app import prepare_database  # noqa: E402

TRAINEES = 32  # concurrent clients, one account each
TOTAL = 1500
SECONDS = 20.0


async def measure(app_url: str, floor_url: str, emails: list[str]) -> common.Row:
    trainees = await common.login_many(app_url, emails)
    floor = [common.async_client(floor_url) for _ in emails]
    body = common.beacon_body(0, 0.0)
    headers = {"content-type": "application/json"}
    try:
        app_slots = [lambda _n, t=t: t.beacon() for t in trainees]
        floor_slots = [
            lambda _n, c=c: c.post("/write", content=body, headers=headers) for c in floor
        ]
        app, bare = await common.compare(app_slots, floor_slots, total=TOTAL, max_seconds=SECONDS)
    finally:
        await common.close_all(trainees)
        for client in floor:
            await client.aclose()
    note = f"{len(emails)} trainees; floor: 1 INSERT, WAL, synchronous=FULL, BEGIN IMMEDIATE"
    return common.Row("Progress beacon POST /api/progress/video", app, bare, note=note)


def run() -> list[common.Row]:
    with common.workspace("beacons") as work:
        site = common.make_site(work / "site")
        emails = common.seed_trainees(site, TRAINEES)
        floor_dir = work / "floor"
        floor_dir.mkdir()
        prepare_database(floor_dir)
        servers = (common.app_server(site, work), common.floor_server(floor_dir, work))
        with common.running(*servers) as (app, floor):
            row = asyncio.run(measure(app.base_url, floor.base_url, emails))
            row.measure_memory(app, floor)
            return [row]


if __name__ == "__main__":
    print(common.markdown_table(run()))
