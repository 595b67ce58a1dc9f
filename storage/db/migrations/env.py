"""Alembic environment: the app's own engine connection, SQLModel's metadata."""

from alembic import context
from sqlmodel import SQLModel

from storage.db import tables  # noqa: F401  (registers every table)

connection = context.config.attributes.get("connection")
if connection is None:  # the command line (alembic.ini): connect to DATABASE_URL
    from settings import Settings
    from storage.db.engine import make_engine

    connection = make_engine(Settings().database_url).connect()

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
