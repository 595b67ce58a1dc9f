"""Database engine: SQLite (WAL, foreign keys on) by default, PostgreSQL by URL."""

from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import SQLModel, create_engine

# Importing the tables registers them on SQLModel.metadata.
from storage.db import tables  # noqa: F401


def make_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(database_url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(database_url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FIRST_REVISION = "0001"  # the schema databases had before migrations existed
START_UP_LOCK = 0x666C656574  # "fleet": one key for every instance of the app


def one_instance_at_a_time(connection: Connection) -> None:
    """Until this transaction ends, other instances starting up wait here (PostgreSQL: an
    advisory lock). Instances started together would otherwise each create the tables and
    seed the demo, and all but one fail to start. SQLite serves one instance only."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": START_UP_LOCK})


def create_schema(engine: Engine) -> None:
    """Bring the database to the current schema: a new one is created at once and marked as
    current; an existing one is upgraded by the migrations in storage/db/migrations."""
    from alembic import command  # imported here: start-up pays for it only once
    from alembic.config import Config

    with engine.begin() as connection:
        one_instance_at_a_time(connection)  # DDL is transactional there: the next sees it done
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        existing = set(inspect(connection).get_table_names())
        if not existing:
            SQLModel.metadata.create_all(connection)
            command.stamp(config, "head")
        else:
            if "alembic_version" not in existing:
                command.stamp(config, FIRST_REVISION)
            command.upgrade(config, "head")
