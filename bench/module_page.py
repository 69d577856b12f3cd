"""GET /modules/1 for logged-in trainees vs a floor that answers the same bytes.

Run: .venv/bin/python bench/module_page.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

TRAINEES = 8  # concurrent clients
TOTAL = 1500  # requests per round
SECONDS = 20.0  # time limit per round


async def measure(app_url: str, floor_url: str, emails: list[str]) -> tuple[common.Load, ...]:
    trainees = await common.login_many(app_url, emails)
    floor = [common.async_client(floor_url) for _ in emails]
    try:
        app_slots = [lambda _n, t=t: t.client.get("/modules/1") for t in trainees]
        floor_slots = [lambda _n, c=c: c.get("/bytes/module_page") for c in floor]
        return await common.compare(app_slots, floor_slots, total=TOTAL, max_seconds=SECONDS)
    finally:
        await common.close_all(trainees)
        for client in floor:
            await client.aclose()


async def measure_app(app_url: str, emails: list[str]) -> common.Load:
    trainees = await common.login_many(app_url, emails)
    try:
        slots = [lambda _n, t=t: t.client.get("/modules/1") for t in trainees]
        await common.run_load(slots, total=40, max_seconds=SECONDS)
        runs = [await common.run_load(slots, total=TOTAL, max_seconds=SECONDS) for _ in range(2)]
        return common.best(runs)
    finally:
        await common.close_all(trainees)


def run() -> list[common.Row]:
    with common.workspace("module-page") as work:
        site = common.make_site(work / "site")
        emails = common.seed_trainees(site, TRAINEES)
        floor_dir = work / "floor"
        floor_dir.mkdir()
        app = common.app_server(site, work)
        shipped = common.app_server(site, work, cli=True)
        with common.running(app):
            with common.httpx.Client(base_url=app.base_url) as client:
                common.login(client, emails[0])
                page = client.get("/modules/1")
                common.capture(floor_dir, "module_page", page)
            with common.running(common.floor_server(floor_dir, work)) as (floor,):
                app_load, floor_load = asyncio.run(measure(app.base_url, floor.base_url, emails))
                main = common.Row("Module page GET /modules/1", app_load, floor_load)
                main.measure_memory(app, floor)
                with common.running(shipped):
                    cli_load = asyncio.run(measure_app(shipped.base_url, emails))
        main.note = f"{TRAINEES} clients, page {len(page.content) / 1024:.0f} KiB"
        cli = common.Row(
            "Module page, app started with `doorbraakschool serve --workers 2` as shipped",
            cli_load,
            floor_load,
            note="the shipped command binds with IPPROTO_TCP (app/serve.py), so keep-alive "
            "responses no longer wait ~40 ms for a delayed ACK (uvicorn #3149)",
        )
        return [main, cli]


if __name__ == "__main__":
    print(common.markdown_table(run()))
