"""The floor: a bare Starlette app that does the least work a scenario needs.

- GET /bytes/{name} and POST /bytes/{name} answer the bytes of FLOOR_DIR/{name} (captured from
  the real app in the same run) with the content type in FLOOR_DIR/{name}.type;
- POST /write does one database write the way the app does it: one INSERT of the request body
  into SQLite (WAL, synchronous=FULL, busy_timeout) inside BEGIN IMMEDIATE ... COMMIT, in the
  thread pool (the app's handlers are synchronous too).

Run: uvicorn --app-dir bench floor_app:app (bench/common.py floor_server does this).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

FLOOR_DIR = Path(os.environ.get("FLOOR_DIR", "."))
DATABASE = "floor.db"
ANSWER = b'{"ok":true}'


def prepare_database(folder: Path) -> Path:
    """Create the floor's one table (before the server starts, so workers never race)."""
    path = folder / DATABASE
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS beacon (id INTEGER PRIMARY KEY, body BLOB)")
    return path


def _load(folder: Path) -> dict[str, tuple[bytes, str]]:
    found = {}
    for path in folder.glob("*.type"):
        body = path.with_suffix("")
        if body.is_file():
            found[body.name] = (body.read_bytes(), path.read_text().strip())
    return found


PAGES = _load(FLOOR_DIR)
_local = threading.local()


def _connection() -> sqlite3.Connection:
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(FLOOR_DIR / DATABASE, timeout=10, check_same_thread=False)
        conn.isolation_level = None
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=10000")
        _local.conn = conn
    return conn


def _write(body: bytes) -> None:
    conn = _connection()
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO beacon (body) VALUES (?)", (body,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def same_bytes(request: Request) -> Response:
    found = PAGES.get(request.path_params["name"])
    if found is None:
        return Response(status_code=404)
    body, media_type = found
    return Response(body, media_type=media_type)


async def write(request: Request) -> Response:
    body = await request.body()
    await run_in_threadpool(_write, body)
    return Response(ANSWER, media_type="application/json")


app = Starlette(
    routes=[
        Route("/healthz", health),
        Route("/bytes/{name}", same_bytes, methods=["GET", "POST"]),
        Route("/write", write, methods=["POST"]),
    ]
)
