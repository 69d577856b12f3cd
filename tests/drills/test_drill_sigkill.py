"""Drill: SIGKILL the server (master and workers) while trainees send beacons and answers.

Every write the server acknowledged with a 2xx must be in the database after a restart, and
SQLite's integrity check must say ok."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from drills.drill_support import Acks, integrity, missing_writes, write_loop

from bench import common

pytestmark = pytest.mark.drill

LOAD_SECONDS = 3.0


async def load_then_kill(server: common.Server, emails: list[str]) -> Acks:
    trainees = await common.login_many(server.base_url, emails)
    acks, stop = Acks(), asyncio.Event()
    deadline = time.monotonic() + LOAD_SECONDS + 20
    loops = [asyncio.create_task(write_loop(t, acks, stop, deadline)) for t in trainees]
    try:
        await asyncio.sleep(LOAD_SECONDS)
        await asyncio.to_thread(server.kill)  # mid-load: requests are in flight
        await asyncio.sleep(0.5)
        stop.set()
        await asyncio.wait_for(asyncio.gather(*loops), timeout=30)
    finally:
        stop.set()
        await common.close_all(trainees)
    return acks


def test_every_acknowledged_write_survives_a_sigkill_under_load(site, emails, start_server):
    server = start_server(site, cli=True)
    acks = asyncio.run(load_then_kill(server, emails))
    print(f"SIGKILL drill: {acks.summary()}")

    assert acks.total >= 20, "the drill needs real load before the kill"
    assert acks.transport_errors >= 1, "the kill should have cut requests off"
    assert set(acks.refused) <= {500}, acks.refused  # nothing refused for another reason

    restarted = start_server(site, cli=True)
    assert httpx.get(restarted.base_url + "/healthz").json()["database"] is True
    with httpx.Client(base_url=restarted.base_url) as client:
        common.login(client, emails[0])
        assert client.get("/modules/1").status_code == 200
    restarted.stop()

    assert integrity(site.database) == "ok"
    assert missing_writes(site.database, acks) == []
