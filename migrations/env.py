"""Alembic environment: the schema is SQLModel.metadata; the URL comes from Settings."""

from alembic import context
from sqlalchemy.engine import Connection

from app.db import create_database, import_all_models, metadata
from app.settings import get_settings

import_all_models()  # every table in metadata

config = context.config


def run_with(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _sqlite_foreign_keys(connection, on=False)
    try:
        _run(connection)
    finally:
        if sqlite:
            _sqlite_foreign_keys(connection, on=True)


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    """Batch migrations rebuild a table by copy, drop and rename. With foreign keys enforced,
    dropping a parent table would cascade-delete its children (reviews of attempts, versions of
    plans), so enforcement is off while migrating. The pragma only works outside a transaction,
    hence on the driver connection (autocommit) before Alembic begins its own; afterwards any
    broken reference fails the migration."""
    raw = connection.connection.driver_connection
    assert raw is not None
    if on:
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"Migration left broken foreign keys: {broken[:5]}")
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = config.attributes.get("database_url") or get_settings().database_url
    database = create_database(url)
    with database.engine.connect() as conn:
        run_with(conn)
    database.dispose()


main()
