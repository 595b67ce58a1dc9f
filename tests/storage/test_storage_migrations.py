"""The migrations in storage/db/migrations build exactly the schema the tables describe, and a
database made before them is taken over without losing its data."""

from contextlib import nullcontext
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel, select

from storage.db.engine import MIGRATIONS, create_schema, make_engine
from storage.db.seed import seed_demo
from storage.db.tables import Company
from tests.postgres import empty_schema


def migrations_config(connection: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def first_revision_rows(connection: Connection) -> None:
    """A company and its fleet manager, written as the first revision's tables had them (the
    app's models describe the newest tables, so they cannot write an old database)."""
    connection.exec_driver_sql(
        "INSERT INTO company (id, name, enterprise_number) VALUES (1, 'Old Company NV', '0412345614')"
    )
    connection.exec_driver_sql(
        "INSERT INTO fleetmanager (id, company_id, email, name, password_hash, language)"
        " VALUES (1, 1, 'old@example.be', 'Old Manager', 'x', 'fr')"
    )


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_migrations_alone_build_the_schema_of_the_tables(tmp_path: Path, kind: str) -> None:
    with (
        empty_schema("fleet_migrated")
        if kind == "postgresql"
        else nullcontext(f"sqlite:///{tmp_path / 'migrated.db'}")
    ) as url:
        migrated_alike(url)


def migrated_alike(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        command.upgrade(migrations_config(connection), "head")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    # A table changed without a migration shows here: write one with `make migration m="..."`.
    assert differences == []


def test_a_database_from_before_the_migrations_is_taken_over_with_its_data(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    # Before migrations the tables of the first revision were made with no version table.
    with engine.begin() as connection:
        command.upgrade(migrations_config(connection), "0001")
        connection.exec_driver_sql("DROP TABLE alembic_version")
        first_revision_rows(connection)
    create_schema(engine)
    with engine.connect() as connection:
        assert "alembic_version" in inspect(connection).get_table_names()
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    with Session(engine) as session:
        assert [c.name for c in session.exec(select(Company)).all()] == ["Old Company NV"]


def test_starting_twice_on_the_same_database_changes_nothing(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'twice.db'}")
    create_schema(engine)
    seed_demo(engine)
    create_schema(engine)
    with Session(engine) as session:
        assert len(session.exec(select(Company)).all()) == 2


def test_a_database_at_the_first_revision_is_upgraded_keeping_its_drafts(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'first.db'}")
    with engine.begin() as connection:
        command.upgrade(migrations_config(connection), "0001")
        first_revision_rows(connection)
        connection.exec_driver_sql(
            "INSERT INTO draft (manager_id, company_id, answers, step, returning_to_summary,"
            " submission_key, updated_at) VALUES (1, 1, '{}', 'request_type', 0, 'k', '2026-11-26')"
        )
    create_schema(engine)  # the next start
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version FROM draft").scalar() == 0
