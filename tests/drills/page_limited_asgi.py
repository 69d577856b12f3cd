"""The app with every SQLite connection capped at DRILL_MAX_PAGE_COUNT pages.

The full-disk drill uses this when it cannot mount a tiny tmpfs: SQLite then answers
SQLITE_FULL ("database or disk is full") exactly as it does when the disk has no room left.
Run: python bench/serve.py page_limited_asgi:app --app-dir tests/drills ...
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

MAX_PAGES = int(os.environ["DRILL_MAX_PAGE_COUNT"])


@event.listens_for(Engine, "connect")
def _cap_pages(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA max_page_count={MAX_PAGES}")
    cursor.close()


from app.asgi import app  # noqa: E402

__all__ = ["app"]
