"""A PostgreSQL schema of a test's own, migrated and seeded; skipped when no server answers,
except under CI, where the server must be there."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from storage.db.engine import create_schema, make_engine
from storage.db.seed import seed_demo

SERVER = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def empty_schema(prefix: str) -> Iterator[str]:
    """The URL of a new, empty schema of its own (dropped at the end)."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(SERVER)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no PostgreSQL server at {SERVER}: {error.__class__.__name__}")
    try:
        yield f"{SERVER}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def seeded_schema(prefix: str) -> Iterator[str]:
    """The URL of a fresh schema (dropped at the end) holding the demo data."""
    with empty_schema(prefix) as url:
        engine = make_engine(url)
        try:
            create_schema(engine)
            seed_demo(engine)
        finally:
            engine.dispose()
        yield url
