"""Migrations bring an empty database to the current schema, without drift from the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.db import create_database, metadata
from app.migrate import current_revisions, head_revisions


def test_upgrade_reaches_head_and_creates_every_table(database_url):
    assert current_revisions(database_url) == head_revisions(database_url)
    database = create_database(database_url)
    with database.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    database.dispose()
    assert set(metadata.tables) <= tables


def test_autogenerate_finds_no_drift_between_models_and_migrations(database_url):
    database = create_database(database_url)
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    database.dispose()
    assert diff == []


def test_sqlite_connections_use_wal_full_sync_busy_timeout_and_foreign_keys(settings):
    if not settings.is_sqlite:
        pytest.skip("SQLite only: these pragmas do not exist on PostgreSQL")
    database = create_database(settings.database_url)
    with database.engine.connect() as conn:
        pragmas = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
        }
    database.dispose()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "busy_timeout": 10000,
        "foreign_keys": 1,
    }
