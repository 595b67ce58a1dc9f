"""Every storage, use-case and documents test runs on SQLite and on PostgreSQL: the `engine`
fixture has both (issue 18). PostgreSQL is the server at 127.0.0.1:5432 (`POSTGRES_TEST_URL`),
one schema per test process, migrated once and emptied and seeded again for each test; outside
CI, its runs are skipped with a message when no server answers."""

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from storage.db.engine import create_schema, make_engine
from storage.db.seed import seed_demo
from tests.postgres import seeded_schema


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with seeded_schema("fleet_storage") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, isolated_data: object) -> Iterator[Engine]:
    """A seeded demo database, on each engine."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{isolated_data}/fleet.db")  # type: ignore[str-bytes-safe]
        create_schema(engine)
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        _emptied(engine)
    seed_demo(engine)
    yield engine
    engine.dispose()


def _emptied(engine: Engine) -> None:
    """Every table of the schema emptied, ids from 1 again: as a new database."""
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
