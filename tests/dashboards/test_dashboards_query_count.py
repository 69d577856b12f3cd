"""The grid of a cohort is ONE indexed query over the stored progress rows, whatever the size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from factories import login_as
from sqlalchemy import event

from app.cohorts.models import Cohort
from app.dashboards import queries
from app.db import session_scope
from app.demo.progress import generate_cohort


@contextmanager
def recorded(engine) -> Iterator[list[tuple[str, object]]]:
    statements: list[tuple[str, object]] = []

    def listener(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _selects(statements) -> list[str]:
    return [s for s, _ in statements if s.lstrip().upper().startswith("SELECT")]


def _generate(app, size: int) -> Cohort:
    with session_scope(app.state.db, write=True) as session:
        return generate_cohort(
            session,
            app.state.settings,
            organisation_slug="voorbeeld",
            size=size,
            catalog=app.state.catalog_holder.get(),
        )


@pytest.fixture
def small_and_big(web_app, world) -> tuple[Cohort, Cohort]:
    return _generate(web_app, 5), _generate(web_app, 120)


def _grid_query(app, cohort: Cohort) -> Callable[[], int]:
    def run() -> int:
        with session_scope(app.state.db, write=False) as session:
            return len(queries.grid_records(session, cohort))

    return run


def test_the_grid_query_is_one_select_for_5_or_120_trainees(web_app, small_and_big):
    counts = []
    for cohort in small_and_big:
        with recorded(web_app.state.db.engine) as statements:
            rows = _grid_query(web_app, cohort)()
        assert rows >= 5
        counts.append(len(_selects(statements)))
    assert counts == [1, 1]


def test_the_grid_page_runs_as_many_statements_for_120_trainees_as_for_5(
    client, world, small_and_big
):
    login_as(client, world.trainer)
    counts = []
    for cohort in small_and_big:
        client.get(f"/groepen/{cohort.id}/voortgang")  # warm up: session touch etc.
        with recorded(client.app.state.db.engine) as statements:
            response = client.get(f"/groepen/{cohort.id}/voortgang")
        assert response.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_the_grid_query_uses_indexes_not_table_scans_on_sqlite(web_app, small_and_big):
    db = web_app.state.db
    if not db.is_sqlite:
        pytest.skip("the query plan check reads SQLite's EXPLAIN QUERY PLAN")
    with recorded(db.engine) as statements:
        _grid_query(web_app, small_and_big[1])()
    statement, parameters = next((s, p) for s, p in statements if "module_progress" in s)
    with db.engine.connect() as conn:
        plan = [
            row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]
    for table in ("enrollment", "app_user", "membership", "module_progress"):
        steps = [step for step in plan if f" {table} " in f" {step} "]
        assert steps, (table, plan)
        assert all(step.startswith("SEARCH") for step in steps), (table, plan)
