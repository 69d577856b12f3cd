"""Test fixtures: a migrated database per test (SQLite file copy, or PostgreSQL truncation when
TEST_DATABASE_URL is set), the app built with test settings, one-line login helpers, and the
typed test world (two municipalities with every role) that the area tests share."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import World, make_world
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.db import create_database, import_all_models, metadata, normalise_url
from app.main import create_app
from app.migrate import upgrade
from app.settings import Settings

import_all_models()  # every table in metadata

PG_URL = os.environ.get("TEST_DATABASE_URL", "")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A PostgreSQL database of this test session's own, so parallel runs never collide."""
    name = f"dbs_test_{os.getpid()}"
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = PG_URL.rpartition("/")
    yield f"{base}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """Run the Alembic migrations once: into a template SQLite file, or into PostgreSQL."""
    if PG_URL:
        url: str = request.getfixturevalue("pg_database")
        upgrade(url)
        return url
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return str(path)


@pytest.fixture
def database_url(migrated_template: str, tmp_path: Path) -> Iterator[str]:
    if PG_URL:
        yield migrated_template
        _truncate_all(migrated_template)
        return
    target = tmp_path / "test.db"
    shutil.copy(migrated_template, target)
    yield f"sqlite:///{target}"


def _truncate_all(url: str) -> None:
    database = create_database(url)
    names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with database.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    database.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "var",
        database_url=normalise_url(database_url) if PG_URL else database_url,
        secret_key="test-secret-key-that-is-long-enough-for-tests",
        base_url="http://testserver",
        password_hash_memory_kib=8,
        password_hash_time_cost=1,
        content_reload=False,
        content_check_names=False,
    )


@pytest.fixture
def web_app(settings: Settings):  # type: ignore[no-untyped-def]
    application = create_app(settings)
    yield application
    application.state.db.dispose()


@pytest.fixture
def client(web_app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(web_app) as test_client:
        yield test_client


@pytest.fixture
def make_client(web_app):  # type: ignore[no-untyped-def]
    """A second (third, ...) browser: separate cookies, same app."""
    clients: list[TestClient] = []

    def factory() -> TestClient:
        test_client = TestClient(web_app)
        clients.append(test_client)
        return test_client

    yield factory
    for test_client in clients:
        test_client.close()


@pytest.fixture
def world(web_app) -> World:  # type: ignore[no-untyped-def]
    """The shared test world (``factories.World``): two municipalities with every role."""
    return make_world(web_app)
