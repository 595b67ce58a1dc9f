"""Each test gets its own database and documents folder (the `user` fixture re-runs main.py)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy.engine import Engine

from storage.db.engine import create_schema, make_engine
from storage.db.seed import DEMO_LOGINS, seed_demo
from storage.use_cases import Services

NOVA, LUMIERE = DEMO_LOGINS

# Property tests: 10,000 examples each on CI (or LONG=1), a quick 100 on a laptop's inner loop.
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.register_profile("quick", max_examples=100, deadline=None)
settings.load_profile("long" if os.environ.get("CI") or os.environ.get("LONG") else "quick")


@pytest.fixture(autouse=True)
def isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'fleet.db'}")
    monkeypatch.setenv("DOCUMENTS_DIR", str(tmp_path / "documents"))
    monkeypatch.setenv("STORAGE_SECRET", "test secret")
    monkeypatch.setenv("DEMO", "true")
    monkeypatch.delenv("SMTP_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    return tmp_path


@pytest.fixture
def engine(isolated_data: Path) -> Iterator[Engine]:
    """A seeded demo database, for tests below the UI."""
    engine = make_engine(f"sqlite:///{isolated_data / 'fleet.db'}")
    create_schema(engine)
    seed_demo(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def services(engine: Engine, isolated_data: Path) -> Services:
    """What the use cases need, on the seeded database, at a fixed moment."""
    from tests.order_helpers import services_for  # it imports this module's logins

    return services_for(engine, isolated_data / "documents")
