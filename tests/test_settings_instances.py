"""Settings several instances cannot work with are refused at start, saying what to set."""

import os
import subprocess
import sys
from pathlib import Path

from settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PG = "postgresql+psycopg://fleet@db.example/fleet"


def test_one_instance_needs_nothing_more() -> None:
    assert Settings(database_url="sqlite:///x.db", redis_url=None).several_instance_problems() == []
    shared = Settings(database_url=PG, redis_url="redis://r:6379/0", storage_secret="s")
    assert shared.several_instance_problems() == []


def test_several_instances_need_a_shared_secret_and_a_shared_database() -> None:
    problems = Settings(
        database_url="sqlite:///x.db", redis_url="redis://r:6379/0", storage_secret=None
    ).several_instance_problems()
    assert [p.split(":")[0] for p in problems] == [
        "REDIS_URL is set for several instances, but STORAGE_SECRET is not",
        "REDIS_URL is set for several instances, but DATABASE_URL is a SQLite file, which instances cannot share. Set a PostgreSQL DATABASE_URL (postgresql+psycopg",
    ]


def test_the_app_refuses_to_start_and_says_why(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env |= {"REDIS_URL": "redis://127.0.0.1:6379/0", "DATABASE_URL": f"sqlite:///{tmp_path}/f.db"}
    env.pop("STORAGE_SECRET", None)
    done = subprocess.run(
        [sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, timeout=60, text=True
    )
    assert done.returncode == 1
    assert "The app cannot start with these settings" in done.stderr
    assert "Set the same STORAGE_SECRET on every instance." in done.stderr
    assert not (tmp_path / "f.db").exists()  # refused before touching anything
