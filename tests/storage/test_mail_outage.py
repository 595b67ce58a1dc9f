"""An SMTP outage: 100 e-mails wait in the outbox while nothing listens on the server's port,
two background delivery workers keep trying, and once the server is back each e-mail arrives
exactly once (counted by Message-ID), none twice, none after.

The workers run for real (asyncio tasks, polling every few milliseconds); only their clock is
moved by hand, so the 30 s and 60 s back-offs pass at once.
"""

import asyncio
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db.engine import create_schema, make_engine
from storage.db.tables import OutboxMessage, OutboxStatus
from storage.mail.delivery import DeliveryWorker, SmtpServer
from tests.mail_helpers import T0, enqueue_committed, esim_mail
from tests.storage.test_mail_delivery import SENDER, Inbox, smtp_server

MESSAGES = 100
WAIT_SECONDS = 60  # the most any phase may take on a loaded machine; it is polled, not slept
POLL_SECONDS = 0.02


@dataclass
class HandClock:
    """The workers' clock: it says what the test sets, and counts the passes that read it."""

    now: datetime = T0
    passes: int = 0

    def __call__(self) -> datetime:
        self.passes += 1
        return self.now


@pytest.fixture
def database_url(isolated_data: Path) -> str:
    url = f"sqlite:///{isolated_data / 'fleet.db'}"
    engine = make_engine(url)  # an empty schema: delivery needs no demo company
    create_schema(engine)
    engine.dispose()
    return url


@pytest.fixture
def engines(database_url: str) -> Iterator[tuple[Engine, Engine]]:
    """Two connection pools on one database, as two app instances have."""
    first, second = make_engine(database_url), make_engine(database_url)
    yield first, second
    first.dispose()
    second.dispose()


@pytest.fixture
def port() -> int:
    """A free port: nothing listens on it until the test starts the server there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def outbox(engine: Engine) -> list[OutboxMessage]:
    with Session(engine) as session:
        return list(session.exec(select(OutboxMessage)).all())


def states(engine: Engine) -> list[tuple[str, int]]:
    """Each message's status and attempts (read often: not the bodies and images)."""
    with Session(engine) as session:
        return list(session.exec(select(OutboxMessage.status, OutboxMessage.attempts)).all())


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait, polling, until ``condition`` holds; fail saying ``what`` did not happen."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"within {WAIT_SECONDS} s, {what} did not happen")
        await asyncio.sleep(POLL_SECONDS)


def all_attempted(engine: Engine, attempts: int) -> Callable[[], bool]:
    def done() -> bool:
        return set(states(engine)) == {(OutboxStatus.PENDING, attempts)}

    return done


async def more_passes(clocks: list[HandClock], count: int) -> None:
    """Let every worker make ``count`` more passes at the clocks' current time."""
    targets = [clock.passes + count for clock in clocks]
    await until(
        lambda: all(c.passes >= t for c, t in zip(clocks, targets, strict=True)),
        f"{count} more delivery passes of each worker",
    )


@pytest.mark.long  # about 4 s
async def test_after_an_outage_two_workers_deliver_each_of_100_waiting_emails_exactly_once(
    engines: tuple[Engine, Engine], port: int
) -> None:
    started = time.monotonic()
    engine = engines[0]
    for _ in range(MESSAGES):
        enqueue_committed(engine, esim_mail())
    message_ids = {row.message_id for row in outbox(engine)}
    clocks = [HandClock(), HandClock()]
    smtp = SmtpServer("127.0.0.1", port, timeout=5)
    workers = [
        DeliveryWorker(e, smtp, SENDER, interval=POLL_SECONDS, clock=clock)
        for e, clock in zip(engines, clocks, strict=True)
    ]
    for worker in workers:
        await worker.start()
    try:
        # Down: every message tried once and put back to wait 30 s; at T0 + 30 s, once more.
        await until(all_attempted(engine, 1), "a first failed attempt at every message")
        await more_passes(clocks, 3)
        assert all_attempted(engine, 1)(), "a message was tried again before its back-off"
        for clock in clocks:
            clock.now = T0 + timedelta(seconds=30)
        await until(all_attempted(engine, 2), "a second failed attempt at every message")
        assert all("ConnectError" in (r.last_error or "") for r in outbox(engine))

        with smtp_server(port, Inbox()) as inbox:  # back, once the 60 s back-off has passed
            for clock in clocks:
                clock.now = T0 + timedelta(seconds=90)
            await until(
                lambda: {status for status, _ in states(engine)} == {OutboxStatus.SENT},
                f"the delivery of all {MESSAGES} messages",
            )
            for clock in clocks:  # long after, past every lease: nothing goes again
                clock.now = T0 + timedelta(days=1)
            await more_passes(clocks, 5)
            received = Counter(str(message["Message-ID"]).strip() for message in inbox.messages())
    finally:
        for worker in workers:
            await worker.stop()

    assert sum(received.values()) == MESSAGES, f"{sum(received.values())} e-mails arrived"
    twice = [message_id for message_id, count in received.items() if count > 1]
    assert twice == [], f"sent more than once: {twice}"
    assert set(received) == message_ids, "what arrived is not the outbox's messages"
    rows = outbox(engine)
    assert {r.attempts for r in rows} == {3}
    assert all(r.sent_at == T0 + timedelta(seconds=90) for r in rows)
    print(
        f"{MESSAGES} e-mails delivered once each by 2 workers after an outage, "
        f"in {time.monotonic() - started:.2f} s; passes: {[c.passes for c in clocks]}"
    )
