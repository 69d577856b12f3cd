"""Drill: `doorbraakschool backup` taken while trainees keep writing restores to a consistent
database: integrity ok, every write acknowledged before the backup started is in it, and the
app starts on the restored copy."""

from __future__ import annotations

import asyncio
import shutil
import sys
import time
from pathlib import Path

import httpx
import pytest
from drills.drill_support import Acks, integrity, missing_writes, write_loop

from bench import common

pytestmark = pytest.mark.drill

BIG_COHORT = 3_000  # makes the database ~5 MB: the backup copies it in several steps
WARM_SECONDS = 2.0  # load before the backup starts
AFTER_SECONDS = 1.0  # load after it finished
BACKUP_TIMEOUT = 60.0


async def backup_under_load(
    server: common.Server, site: common.Site, emails: list[str], target: Path
) -> tuple[Acks, Acks, Acks, str]:
    """Returns (acknowledged before the backup, during it, in all, the command's output)."""
    trainees = await common.login_many(server.base_url, emails)
    acks, stop = Acks(), asyncio.Event()
    deadline = time.monotonic() + WARM_SECONDS + BACKUP_TIMEOUT + AFTER_SECONDS + 10
    loops = [asyncio.create_task(write_loop(t, acks, stop, deadline)) for t in trainees]
    try:
        await asyncio.sleep(WARM_SECONDS)
        before = acks.snapshot()
        command = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "app.cli", "backup", str(target),
            env=site.env(), cwd=common.ROOT,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        output, _ = await asyncio.wait_for(command.communicate(), timeout=BACKUP_TIMEOUT)
        during = acks.total - before.total
        await asyncio.sleep(AFTER_SECONDS)
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*loops), timeout=30)
        await common.close_all(trainees)
    text = output.decode(errors="replace")
    assert command.returncode == 0, text
    return before, during, acks, text


def _grow(site: common.Site) -> None:
    from app.db import create_database, session_scope
    from app.demo.progress import generate_cohort

    db = create_database(site.url)
    try:
        with session_scope(db, write=True) as session:
            generate_cohort(session, site.settings(), organisation_slug="groot", size=BIG_COHORT)
    finally:
        db.dispose()


def test_a_backup_taken_under_load_restores_to_a_consistent_database(
    site, emails, start_server, tmp_path
):
    _grow(site)
    server = start_server(site, cli=True)
    target = tmp_path / "backup" / "doorbraakschool.db"
    before, during, everything, output = asyncio.run(
        backup_under_load(server, site, emails, target)
    )
    server.stop()
    print(f"backup drill: {before.total} acknowledged before, {during} during; {output.strip()}")

    assert before.total >= 10, "the drill needs writes before the backup"
    assert everything.total > before.total, "the load kept going during and after the backup"
    assert "integrity_check: ok" in output
    assert integrity(target) == "ok"
    assert missing_writes(target, before) == []
    assert missing_writes(site.database, everything) == []

    restored = common.Site(root=tmp_path / "restored", database=tmp_path / "restored" / "db.sqlite")
    restored.database.parent.mkdir(parents=True)
    shutil.copy(target, restored.database)
    common.render_video(restored.media_dir)
    app = start_server(restored, cli=True, workers=1)
    with httpx.Client(base_url=app.base_url) as client:
        health = client.get("/healthz").json()
        assert (health["status"], health["database"]) == ("ok", True)
        common.login(client, emails[0])
        assert client.get("/modules/1").status_code == 200
