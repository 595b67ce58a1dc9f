"""Order changes reach every instance: in process, through Redis pub/sub, and through
PostgreSQL LISTEN/NOTIFY (each test makes two buses, as two app instances would)."""

import os
import threading
import uuid
from collections.abc import Callable, Iterator

import pytest

from storage.events import (
    OrderChanged,
    OrderEvents,
    PostgresOrderEvents,
    RedisOrderEvents,
    order_events,
)

REDIS = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")
POSTGRES = os.environ.get("POSTGRES_EVENTS_URL", "postgresql://postgres@127.0.0.1:5432/test")


def needs(server: str, connect: Callable[[], OrderEvents]) -> OrderEvents:
    try:
        return connect()
    except Exception as error:  # no server here: CI must have one
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no {server}: {error.__class__.__name__}")


def heard_on(bus: OrderEvents, reference: str) -> threading.Event:
    """Set once ``bus`` delivers the change of ``reference`` (other tests' changes pass by)."""
    heard = threading.Event()
    bus.subscribe(lambda event: heard.set() if event.reference == reference else None)
    return heard


def change() -> OrderChanged:
    return OrderChanged(f"FL-{uuid.uuid4().hex[:8]}", 1, "rejected")


def test_in_process_listeners_hear_each_change_until_they_stop() -> None:
    bus = OrderEvents()
    heard: list[OrderChanged] = []
    stop = bus.subscribe(heard.append)
    first, second = change(), change()
    bus.publish(first)
    stop()
    bus.publish(second)
    assert heard == [first]


def test_a_broken_listener_does_not_keep_the_news_from_the_others() -> None:
    bus = OrderEvents()

    def broken(_event: OrderChanged) -> None:
        raise RuntimeError("page gone")

    bus.subscribe(broken)
    news = change()
    heard = heard_on(bus, news.reference)
    bus.publish(news)
    assert heard.is_set()


@pytest.fixture
def redis_pair() -> Iterator[tuple[OrderEvents, OrderEvents]]:
    first = needs("Redis", lambda: RedisOrderEvents(REDIS))
    second = RedisOrderEvents(REDIS)
    yield first, second
    first.close()
    second.close()


@pytest.fixture
def postgres_pair() -> Iterator[tuple[OrderEvents, OrderEvents]]:
    first = needs("PostgreSQL", lambda: PostgresOrderEvents(POSTGRES))
    second = PostgresOrderEvents(POSTGRES)
    yield first, second
    first.close()
    second.close()


@pytest.mark.parametrize("pair", ["redis_pair", "postgres_pair"])
def test_a_change_on_one_instance_reaches_the_other_and_itself(
    pair: str, request: pytest.FixtureRequest
) -> None:
    here, there = request.getfixturevalue(pair)
    news = change()
    heard_there, heard_here = heard_on(there, news.reference), heard_on(here, news.reference)
    here.publish(news)
    assert heard_there.wait(timeout=5), "the other instance never heard the change"
    assert heard_here.wait(timeout=5), "the publishing instance's own pages must hear it too"


def test_the_deployment_chooses_redis_then_postgresql_then_in_process() -> None:
    local = order_events("sqlite:///data/fleet.db", None)
    assert type(local) is OrderEvents
    postgres = needs(
        "PostgreSQL",
        lambda: order_events("postgresql+psycopg://postgres@127.0.0.1:5432/test", None),
    )
    assert isinstance(postgres, PostgresOrderEvents)
    postgres.close()
