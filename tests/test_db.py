"""Write transactions on SQLite begin IMMEDIATE, so concurrent writers wait instead of failing."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from app.db import create_database, session_scope


def test_concurrent_read_then_write_transactions_do_not_fail(settings):
    if not settings.is_sqlite:
        pytest.skip("SQLite only: PostgreSQL has no database-wide write lock to upgrade to")
    database = create_database(settings.database_url)
    with session_scope(database, write=True) as session:
        session.exec(text("CREATE TABLE counter (n INTEGER)"))  # type: ignore[call-overload]
        session.exec(text("INSERT INTO counter VALUES (0)"))  # type: ignore[call-overload]
    errors: list[Exception] = []

    def worker() -> None:
        for _ in range(25):
            try:
                with session_scope(database, write=True) as session:
                    value = session.exec(text("SELECT n FROM counter")).one()[0]  # type: ignore[call-overload]
                    session.exec(text(f"UPDATE counter SET n = {value + 1}"))  # type: ignore[call-overload]
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with session_scope(database, write=False) as session:
        total = session.exec(text("SELECT n FROM counter")).one()[0]  # type: ignore[call-overload]
    database.dispose()
    assert errors == []
    assert total == 100
