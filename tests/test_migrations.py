"""Migrations bring an empty database to the current schema, without drift from the models."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, inspect, text

from app.db import create_database, metadata, normalise_url
from app.migrate import current_revisions, head_revisions, upgrade


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


# --- work belongs to a context (revision 3e233997c66a): the backfill of existing rows --------

BEFORE_CONTEXT = "b512b50887e0"


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of this test's own (migrated step by step by the test)."""
    pg_url = os.environ.get("TEST_DATABASE_URL", "")
    if not pg_url:
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    name = f"dbs_fresh_{os.getpid()}"
    admin = create_engine(normalise_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"{pg_url.rpartition('/')[0]}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _at(day: int) -> datetime:
    return datetime(2026, 3, day, 9, 0, tzinfo=UTC)


def _seed_before_context(url: str) -> None:
    """Two municipalities, staff and trainees as they were before work carried its context.

    A: cohorts A1 (id 1) and A2 (id 2). B: cohort B1 (id 3). Sam (2): trainee of A, in A2 since
    day 2 and in A1 since day 10. Yara (3): trainee of B in B1 since day 2, joined A on day 20.
    Nina (4): trainee of A, never enrolled. Pia (5): platform admin without any membership."""
    engine = create_database(url).engine
    tables = MetaData()
    tables.reflect(engine)
    rows: dict[str, list[dict[str, object]]] = {
        "organisation": [
            {"id": 1, "name": "A", "slug": "a", "created_at": _at(1)},
            {"id": 2, "name": "B", "slug": "b", "created_at": _at(1)},
        ],
        "app_user": [
            {"id": i, "email": f"{n}@x.example", "display_name": n, "created_at": _at(1)}
            | {"is_platform_admin": n == "pia", "is_active": True}
            for i, n in ((2, "sam"), (3, "yara"), (4, "nina"), (5, "pia"))
        ],
        "membership": [
            {"user_id": 2, "organisation_id": 1, "role": "trainee", "created_at": _at(1)},
            {"user_id": 3, "organisation_id": 2, "role": "trainee", "created_at": _at(1)},
            {"user_id": 3, "organisation_id": 1, "role": "trainee", "created_at": _at(20)},
            {"user_id": 4, "organisation_id": 1, "role": "trainee", "created_at": _at(1)},
        ],
        "cohort": [
            {"id": i, "organisation_id": org, "name": name, "created_at": _at(1)}
            | {"starts_on": date(2026, 3, 1), "ends_on": date(2026, 6, 1)}
            for i, org, name in ((1, 1, "A1"), (2, 1, "A2"), (3, 2, "B1"))
        ],
        "enrollment": [
            {"cohort_id": 2, "user_id": 2, "enrolled_at": _at(2)},
            {"cohort_id": 1, "user_id": 2, "enrolled_at": _at(10)},
            {"cohort_id": 3, "user_id": 3, "enrolled_at": _at(2)},
            {"cohort_id": 1, "user_id": 3, "enrolled_at": _at(20)},
        ],
        "attempt": [
            _attempt(1, user=2, day=5),  # sam in A2
            _attempt(2, user=2, day=12),  # sam after moving to A1
            _attempt(3, user=2, day=1),  # before any enrollment of sam: his first cohort
            _attempt(4, user=3, day=5),  # yara in B1
            _attempt(5, user=4, day=5),  # nina: organisation only
            _attempt(6, user=5, day=5),  # pia: no organisation at all
        ],
        "breakthrough_plan": [
            {"id": 1, "user_id": 3, "case_id": "c9", "status": "submitted", "versions": 1}
            | {"created_at": _at(5), "updated_at": _at(21)},
        ],
        "breakthrough_plan_version": [
            {"plan_id": 1, "number": 1, "fields": {}, "kassabon": {}, "warning": ""}
            | {"submitted_at": _at(5)},
        ],
        "review": [
            {"kind": "value_triangle", "attempt_id": a, "rubric": {}, "comment": ""}
            | {"decision": "feedback", "created_at": _at(6)}
            for a in (1, 6)
        ],
        "exercise_draft": [
            {"user_id": user, "exercise_id": exercise, "data": {}, "updated_at": _at(day)}
            for user, exercise, day in (
                (2, "c9-plan", 12),
                (3, "c9-plan", 5),
                (3, "c7-value-triangle", 25),
                (5, "c9-plan", 5),
            )
        ],
        "calculation": [
            _calculation(1, owner=3, organisation=None, day=5),  # yara in B1
            _calculation(2, owner=2, organisation=1, day=12),  # sam in A1
            _calculation(3, owner=5, organisation=None, day=5),  # pia: stays without
        ],
    }
    with engine.begin() as conn:
        for name, values in rows.items():
            conn.execute(tables.tables[name].insert(), values)
    engine.dispose()


def _attempt(id_: int, *, user: int, day: int) -> dict[str, object]:
    return {"id": id_, "user_id": user, "exercise_id": "c7-value-triangle", "answers": {}} | {
        "kind": "value_triangle",
        "score": 1.0,
        "passed": True,
        "created_at": _at(day),
    }


def _calculation(id_: int, *, owner: int, organisation: int | None, day: int) -> dict[str, object]:
    return {"id": id_, "owner_id": owner, "organisation_id": organisation, "title": "K"} | {
        "comparison": {},
        "receipt": {},
        "prices": {},
        "price_list_version": "",
        "created_at": _at(day),
        "updated_at": _at(day),
    }


def _contexts(url: str, table: str) -> dict[int, tuple[int | None, int | None]]:
    engine = create_database(url).engine
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id, organisation_id, cohort_id FROM {table}")).all()
    engine.dispose()
    return {row[0]: (row[1], row[2]) for row in rows}


def _count(url: str, sql: str) -> int:
    engine = create_database(url).engine
    with engine.connect() as conn:
        found = int(conn.execute(text(sql)).scalar_one())
    engine.dispose()
    return found


def test_existing_work_takes_the_context_of_the_enrollment_it_was_made_under(
    fresh_database_url,
):
    upgrade(fresh_database_url, BEFORE_CONTEXT)
    _seed_before_context(fresh_database_url)
    upgrade(fresh_database_url)

    assert _contexts(fresh_database_url, "attempt") == {
        1: (1, 2),  # made in A2; the later enrollment in A1 does not take it along
        2: (1, 1),
        3: (1, 2),
        4: (2, 3),  # made for B; joining A later does not move it
        5: (1, None),
    }
    assert _contexts(fresh_database_url, "breakthrough_plan") == {1: (2, 3)}
    assert _contexts(fresh_database_url, "calculation") == {1: (2, 3), 2: (1, 1), 3: (None, None)}
    # The unattributable attempt went with its review; the rest kept theirs (no cascade on
    # SQLite's table rebuild).
    assert _count(fresh_database_url, "SELECT COUNT(*) FROM review") == 1
    assert _count(fresh_database_url, "SELECT COUNT(*) FROM breakthrough_plan_version") == 1

    engine = create_database(fresh_database_url).engine
    with engine.connect() as conn:
        drafts = conn.execute(
            text("SELECT user_id, organisation_id FROM exercise_draft ORDER BY id")
        ).all()
    engine.dispose()
    # Sam's draft in A; Yara's first one for B, the one saved after joining A for A; Pia's gone.
    assert [tuple(row) for row in drafts] == [(2, 1), (3, 2), (3, 1)]
