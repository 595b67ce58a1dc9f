"""Readiness for a load balancer: ready when the database answers (and Redis, when several
instances share it); not ready, with the failing part named, when either does not."""

import dataclasses
import os
import socket

import pytest

from storage.db.engine import make_engine
from storage.health import Readiness, readiness
from storage.use_cases import Services

NOBODY = "127.0.0.1:1"  # a port nothing listens on


def redis_answers() -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


def test_ready_when_the_database_answers_and_no_redis_is_configured(services: Services) -> None:
    assert readiness(services) == Readiness(database=True, redis=None)
    assert readiness(services).ready


def test_not_ready_when_the_database_does_not_answer(services: Services) -> None:
    gone = dataclasses.replace(
        services, engine=make_engine(f"postgresql+psycopg://fleet@{NOBODY}/fleet")
    )
    found = readiness(gone)
    assert (found.database, found.ready) == (False, False)


def test_not_ready_when_the_configured_redis_does_not_answer(services: Services) -> None:
    found = readiness(dataclasses.replace(services, redis_url=f"redis://{NOBODY}/0"))
    assert (found.database, found.redis, found.ready) == (True, False, False)


def test_ready_with_a_redis_that_answers(services: Services) -> None:
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail("CI runs Redis at 127.0.0.1:6379")
        pytest.skip("no Redis at 127.0.0.1:6379")
    found = readiness(dataclasses.replace(services, redis_url="redis://127.0.0.1:6379/0"))
    assert found == Readiness(database=True, redis=True)
