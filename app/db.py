"""Engine, SQLite pragmas, BEGIN IMMEDIATE for writes, and the one session helper.

Every unit of work goes through `session_scope(db, write=...)`: it commits at the end and rolls back
on an exception. On SQLite a write scope starts with `BEGIN IMMEDIATE`, so concurrent writers wait
for the busy timeout instead of failing with "database is locked" when they upgrade a read lock.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import Session, SQLModel, create_engine

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata
APP = Path(__file__).resolve().parent


def import_all_models() -> list[str]:
    """Import every table module so that `metadata` knows the whole schema (Alembic, tests).

    Every `app/<domain>/models.py` is found automatically: a new domain needs no line anywhere.
    Returns the domains found. (A function, not an import side effect: the table modules import
    this module.)"""
    names = []
    for info in sorted(pkgutil.iter_modules([str(APP)]), key=lambda i: i.name):
        if info.ispkg and (APP / info.name / "models.py").exists():
            importlib.import_module(f"app.{info.name}.models")
            names.append(info.name)
    return names


BUSY_TIMEOUT_MS = 10_000

# Takes the per-worker write gate around a write that a service opens itself (see
# app/web/write_gate.py); `contextlib.nullcontext` where there is no gate (CLI, tests, PostgreSQL).
WriteLock = Callable[[], AbstractContextManager[object]]


def utcnow() -> datetime:
    """Aware UTC: SQLModel's UTCDateTime stores it the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC)


def normalise_url(url: str) -> str:
    """Let `postgresql://` mean psycopg 3, the driver we ship."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.removeprefix("postgres://")
    return url


@dataclass(frozen=True)
class Database:
    """The read engine and the write engine (the same pool; writes begin IMMEDIATE on SQLite)."""

    engine: Engine
    writer: Engine

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()


def create_database(url: str) -> Database:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = _sqlite_engine(url)
        return Database(engine=engine, writer=engine.execution_options(sqlite_begin="IMMEDIATE"))
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    return Database(engine=engine, writer=engine)


def _sqlite_engine(url: str) -> Engine:
    path = url.split("///", 1)[1] if "///" in url else ""
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        poolclass=NullPool if path in ("", ":memory:") else None,
    )
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from pysqlite so that our BEGIN is the one that runs.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def session_scope(db: Database, *, write: bool) -> Iterator[Session]:
    """One unit of work: commit at the end, roll back on error. Services flush, never commit."""
    with Session(db.writer if write else db.engine, expire_on_commit=False) as session:
        try:
            yield session
            if write:
                session.commit()
            # A read scope just closes: loaded objects stay readable after the block.
        except BaseException:
            session.rollback()
            raise
