"""Run Alembic migrations from code (CLI `db upgrade`, `make run`, tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db import create_database
from app.settings import ROOT


def alembic_config(database_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "heads") -> None:
    command.upgrade(alembic_config(database_url), revision)


def current_revisions(database_url: str) -> set[str]:
    database = create_database(database_url)
    try:
        with database.engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())
    finally:
        database.dispose()


def head_revisions(database_url: str) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(database_url)).get_heads())
