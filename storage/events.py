"""Order changes announced to whoever shows them (open order pages, orders lists, the
back-office), and draft changes to the fleet manager's other tabs on that draft, in this
process and, when configured, in every other instance of the app.

The use cases publish after their commit; the pages subscribe. On one instance the news stays
in the process; with several, it goes through Redis pub/sub (REDIS_URL) or PostgreSQL
LISTEN/NOTIFY (a PostgreSQL DATABASE_URL), and each instance hands it to its own listeners.
Listeners are called from any thread: a page hands the news to its event loop itself.
"""

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)
CHANNEL = "fleet_order_changes"


@dataclass(frozen=True)
class OrderChanged:
    reference: str
    company_id: int
    status: str  # an OrderStatus value


@dataclass(frozen=True)
class DraftChanged:
    """A fleet manager's draft was saved as ``version`` (their other tabs are behind)."""

    manager_id: int
    version: int


Change = OrderChanged | DraftChanged
Listener = Callable[[Change], None]


class OrderEvents:
    """In-process delivery: what every kind of event bus shares."""

    def __init__(self) -> None:
        self._listeners: set[Listener] = set()
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` for each change from now on; returns how to stop."""
        with self._lock:
            self._listeners.add(listener)
        return lambda: self._unsubscribe(listener)

    def _unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.discard(listener)

    def publish(self, event: Change) -> None:
        self.deliver(event)

    def deliver(self, event: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # one broken page must not keep the news from the others
                logger.exception("an order change listener failed")

    def close(self) -> None:
        """Stop listening to other instances (nothing to do in process)."""


def _encoded(event: Change) -> str:
    if isinstance(event, DraftChanged):
        return json.dumps(["draft", event.manager_id, event.version])
    return json.dumps(["order", event.reference, event.company_id, event.status])


def _decoded(payload: str | bytes) -> Change:
    kind, *values = json.loads(payload)
    if kind == "draft":
        manager_id, version = values
        return DraftChanged(int(manager_id), int(version))
    if kind != "order":  # an instance of the version before drafts: [reference, company, status]
        values = [kind, *values]
    reference, company_id, status = values
    return OrderChanged(str(reference), int(company_id), str(status))


class RedisOrderEvents(OrderEvents):
    """Every instance publishes to one Redis channel and delivers what arrives on it."""

    def __init__(self, url: str) -> None:
        import redis  # installed with nicegui[redis]

        super().__init__()
        self._redis = redis.Redis.from_url(url)
        # Pub/sub channels are server-wide, not per database: a deployment on another database
        # of the same Redis server (a staging beside production, a test) must not hear these.
        self._channel = f"{CHANNEL}:{self._redis.connection_pool.connection_kwargs.get('db', 0)}"
        self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)  # type: ignore[no-untyped-call]
        self._pubsub.subscribe(**{self._channel: self._arrived})
        self._thread = self._pubsub.run_in_thread(sleep_time=0.05, daemon=True)

    def _arrived(self, message: dict[str, object]) -> None:
        data = message.get("data")
        if isinstance(data, str | bytes):
            self.deliver(_decoded(data))

    def publish(self, event: Change) -> None:
        self._redis.publish(self._channel, _encoded(event))  # delivered here too, by the channel

    def close(self) -> None:
        self._thread.stop()
        self._thread.join(timeout=2)  # closing under a running worker breaks its socket
        self._pubsub.close()
        self._redis.close()


class PostgresOrderEvents(OrderEvents):
    """Every instance NOTIFYs one PostgreSQL channel and LISTENs to it on its own connection."""

    def __init__(self, conninfo: str) -> None:
        import psycopg

        super().__init__()
        self._conninfo = conninfo
        self._listening = psycopg.connect(conninfo, autocommit=True)
        self._listening.execute(f"LISTEN {CHANNEL}")
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._stopped.is_set():
            try:
                for notice in self._listening.notifies(timeout=0.2):
                    self.deliver(_decoded(notice.payload))
            except Exception:  # the connection is gone: stop rather than spin
                if not self._stopped.is_set():
                    logger.exception("listening to order changes stopped")
                return

    def publish(self, event: Change) -> None:
        import psycopg

        with psycopg.connect(self._conninfo, autocommit=True) as connection:
            connection.execute("SELECT pg_notify(%s, %s)", (CHANNEL, _encoded(event)))

    def close(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=2)
        self._listening.close()


def order_events(database_url: str, redis_url: str | None) -> OrderEvents:
    """The bus that reaches every instance of this deployment."""
    if redis_url:
        return RedisOrderEvents(redis_url)
    if database_url.startswith("postgresql"):
        from sqlalchemy.engine import make_url

        url = make_url(database_url).set(drivername="postgresql")
        return PostgresOrderEvents(url.render_as_string(hide_password=False))
    return OrderEvents()
