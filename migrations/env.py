"""Alembic environment: the schema is SQLModel.metadata; the URL comes from Settings."""

from alembic import context
from sqlalchemy.engine import Connection

from app.db import create_database, import_all_models, metadata
from app.settings import get_settings

import_all_models()  # every table in metadata

config = context.config


def run_with(connection: Connection) -> None:
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
