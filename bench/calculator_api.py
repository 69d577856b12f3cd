"""POST /api/calculator/receipt (the kassabon as JSON) vs a floor answering the same JSON.

The request is the API's own documented example (case c1); each client is a logged-in trainee.

Run: .venv/bin/python bench/calculator_api.py
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

TRAINEES = 8
TOTAL = 1500
SECONDS = 20.0
PATH = "/api/calculator/receipt"


def example() -> bytes:
    from app.calculations.api_schema import EXAMPLE

    return json.dumps(EXAMPLE).encode()


async def measure(app_url: str, floor_url: str, emails: list[str], body: bytes) -> common.Row:
    trainees = await common.login_many(app_url, emails)
    floor = [common.async_client(floor_url) for _ in emails]
    json_type = {"content-type": "application/json"}
    try:
        app_slots = [
            lambda _n, t=t: t.client.post(
                PATH, content=body, headers=json_type | {"X-CSRF-Token": t.token}
            )
            for t in trainees
        ]
        floor_slots = [
            lambda _n, c=c: c.post("/bytes/receipt", content=body, headers=json_type) for c in floor
        ]
        app, bare = await common.compare(app_slots, floor_slots, total=TOTAL, max_seconds=SECONDS)
    finally:
        await common.close_all(trainees)
        for client in floor:
            await client.aclose()
    return common.Row(f"Calculator API POST {PATH}", app, bare, note=f"{len(emails)} clients")


def run() -> list[common.Row]:
    body = example()
    with common.workspace("calculator") as work:
        site = common.make_site(work / "site")
        emails = common.seed_trainees(site, TRAINEES)
        floor_dir = work / "floor"
        floor_dir.mkdir()
        app = common.app_server(site, work)
        with common.running(app):
            with common.httpx.Client(base_url=app.base_url) as client:
                token = common.login(client, emails[0])
                headers = {"content-type": "application/json", "X-CSRF-Token": token}
                receipt = client.post(PATH, content=body, headers=headers)
                common.capture(floor_dir, "receipt", receipt)
            with common.running(common.floor_server(floor_dir, work)) as (floor,):
                row = asyncio.run(measure(app.base_url, floor.base_url, emails, body))
                row.measure_memory(app, floor)
        row.note += f", receipt {len(receipt.content) / 1024:.0f} KiB"
        return [row]


if __name__ == "__main__":
    print(common.markdown_table(run()))
