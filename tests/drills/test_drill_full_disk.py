"""Drill: the database's disk fills up through the app.

The database lives on a 1 MiB tmpfs (when this process may mount one; otherwise every SQLite
connection of the server is capped with PRAGMA max_page_count, which gives SQLite the same
"database or disk is full" error). Trainees submit answers until the server refuses them.
The refusal must be a clear Dutch message (no traceback, no crash), the server must keep
answering, acknowledged writes must stay, and the integrity check must say ok. With tmpfs the
disk is then enlarged and writes must work again without a restart.

DRILL_FULL_DISK=tmpfs|pages forces one way (default: tmpfs when possible)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from drills.drill_support import Acks, integrity, missing_writes

from bench import common

pytestmark = pytest.mark.drill

DRILLS = Path(__file__).resolve().parent
FILL_LIMIT = 2_000  # answers at most
FILL_SECONDS = 40.0
EXTRA_PAGES = 12  # room left in "pages" mode (about 48 KiB)
SEED_SIZE = "8m"  # the tmpfs while the site is seeded; then it shrinks to what is used plus ROOM
ROOM = 256 * 1024  # room left in "tmpfs" mode for logins and the first answers
LEAKS = ("Traceback", "OperationalError", "sqlite", "SQLITE")
# After an unexpected error uvicorn closes the keep-alive connection (Starlette re-raises the
# exception once the 500 is sent); a request racing that close gets a reset. The drill is about
# the server, so every request here goes on a fresh connection.
NO_KEEPALIVE = httpx.Limits(max_keepalive_connections=0)


@dataclass(frozen=True)
class Disk:
    folder: Path
    mode: str  # "tmpfs" or "pages"


def _run(*argv: str) -> bool:
    return subprocess.run(argv, capture_output=True, timeout=30, check=False).returncode == 0


def _mount_tmpfs(folder: Path, size: str) -> bool:
    return os.geteuid() == 0 and _run(
        "mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)
    )


@pytest.fixture
def disk(tmp_path: Path, record_property: pytest.RecordProperty) -> Iterator[Disk]:
    wanted = os.environ.get("DRILL_FULL_DISK", "auto")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = wanted in ("auto", "tmpfs") and _mount_tmpfs(folder, SEED_SIZE)
    if wanted == "tmpfs" and not mounted:
        pytest.fail("could not mount a tmpfs (needs root and CAP_SYS_ADMIN)")
    found = Disk(folder, "tmpfs" if mounted else "pages")
    record_property("full_disk_mode", found.mode)
    print(f"full-disk drill: {found.mode}")
    try:
        yield found
    finally:
        if mounted and not _run("umount", str(folder)):
            _run("umount", "-l", str(folder))


def _leave_little_room(disk: Disk) -> None:
    """Shrink the tmpfs to what the seeded site uses plus ROOM, so answers fill it quickly
    however large the schema grows."""
    if disk.mode != "tmpfs":
        return
    used = sum(path.stat().st_size for path in disk.folder.iterdir() if path.is_file())
    size_kib = (used + ROOM) // 1024 + 4
    assert _run("mount", "-o", f"remount,size={size_kib}k", str(disk.folder))


def _server(site: common.Site, disk: Disk, log_dir: Path) -> common.Server:
    if disk.mode == "tmpfs":
        return common.app_server(site, log_dir, cli=True)
    with sqlite3.connect(site.database) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    argv = [common.PYTHON, str(common.BENCH_DIR / "serve.py"), "page_limited_asgi:app"]
    argv += ["--app-dir", str(DRILLS), "--host", common.HOST, "--port", "{port}"]
    env = site.env(DRILL_MAX_PAGE_COUNT=str(pages + EXTRA_PAGES))
    return common.Server(argv=argv + ["--workers", "2"], env=env, log_path=log_dir / "app.log")


def _answer(client: httpx.Client, token: str, *, htmx: bool = True) -> httpx.Response:
    headers = {"HX-Request": "true"} if htmx else {}
    form = {"answer": "0", "csrf_token": token}
    return client.post("/modules/1/vragen/m01-q1", data=form, headers=headers)


def _fill(client: httpx.Client, token: str, email: str, acks: Acks) -> httpx.Response:
    """Answer until the server refuses; return the refusal."""
    deadline = time.monotonic() + FILL_SECONDS
    for _ in range(FILL_LIMIT):
        if time.monotonic() > deadline:
            break
        response = _answer(client, token)
        if not response.is_success:
            return response
        acks.answer_acked(email)
    pytest.fail(f"the disk did not fill up after {sum(acks.answers.values())} answers")


def _assert_clear_dutch_error(response: httpx.Response, *, json_body: bool = False) -> None:
    assert response.status_code in (500, 503, 507), response.status_code
    text = response.json()["detail"] if json_body else response.text
    assert "niet opgeslagen" in text, text[:400]
    assert not any(leak in response.text for leak in LEAKS), response.text[:400]


def _refusals_are_clear(
    client: httpx.Client, token: str, email: str, refusal: httpx.Response, acks: Acks
) -> None:
    """The refused answer is a clear Dutch error; so is every later write that does not fit (a
    small one may still fit in a half-empty page: then it must be acknowledged and kept)."""
    _assert_clear_dutch_error(refusal)
    form_post = _answer(client, token, htmx=False)
    if form_post.status_code == 303:
        acks.answer_acked(email)
    else:
        _assert_clear_dutch_error(form_post)
    beacon = client.post(
        "/api/progress/video",
        content=common.beacon_body(0, 0.0),
        headers={"X-CSRF-Token": token, "content-type": "application/json"},
    )
    if beacon.is_success:
        acks.beacon_acked(email, common.segment_at(0.0))
    else:
        _assert_clear_dutch_error(beacon, json_body=True)


def test_a_full_disk_gives_a_clear_dutch_error_and_no_corruption(disk, tmp_path):
    site = common.make_site(tmp_path / "site", database=disk.folder / "doorbraakschool.db")
    filler, reader = common.seed_trainees(site, 2)
    _leave_little_room(disk)
    acks = Acks()
    server = _server(site, disk, tmp_path)
    with (
        common.running(server),
        httpx.Client(base_url=server.base_url, timeout=30, limits=NO_KEEPALIVE) as client,
        httpx.Client(base_url=server.base_url, timeout=30, limits=NO_KEEPALIVE) as other,
    ):
        token = common.login(client, filler)
        common.login(other, reader)
        refusal = _fill(client, token, filler, acks)
        print(f"disk full after {acks.answers.get(filler, 0)} answers: {refusal.status_code}")
        _refusals_are_clear(client, token, filler, refusal, acks)

        assert server.process is not None
        assert server.process.poll() is None, "the server keeps running"
        assert client.get("/healthz").status_code == 200
        assert other.get("/modules/1").status_code == 200, "pages still load"

        if disk.mode == "tmpfs":
            assert _run("mount", "-o", "remount,size=8m", str(disk.folder))
            again = _answer(client, token)
            assert again.status_code == 200, "writes work again once there is room"
            acks.answer_acked(filler)
    assert integrity(site.database) == "ok"
    assert missing_writes(site.database, acks) == []
