"""Sending the webhook deliveries: each claimed with a conditional UPDATE and a lease (two
workers, or two instances, never send the same one at once), in order for each order and
endpoint (a later event waits until the earlier is delivered or given up), signed by the
Standard Webhooks library, retried with back-off for a day.

A crash after the receiver got a delivery and before it is marked sends it again after the
lease, with the same `webhook-id`: receivers deduplicate on it, as the specification says.
Runs in a worker thread (`WebhookWorker`): nothing here waits on the event loop."""

import asyncio
import json
import logging
import socket
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import and_, exists, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select
from standardwebhooks.webhooks import Webhook

from domain.webhooks import is_private_host, next_attempt
from storage.db.tables import WebhookDelivery, WebhookEndpoint, utc_now

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)  # longer than a delivery's timeout
TIMEOUT = 15.0  # seconds a receiver has to answer
BATCH_SIZE = 50
PENDING, SENDING, DELIVERED, FAILED = "pending", "sending", "delivered", "failed"


@dataclass
class WebhookPass:
    delivered: int = 0
    failed_attempts: int = 0
    given_up: int = 0


def deliver_webhooks(
    engine: Engine, now: datetime, *, allow_private: bool = False, lease: timedelta = LEASE
) -> WebhookPass:
    """Send what is due at ``now`` (blocking: call it from a worker thread). A receiver has
    half the ``lease`` to answer, so a lease never runs out while its request waits."""
    release_expired_leases(engine, now)
    done = WebhookPass()
    timeout = min(TIMEOUT, lease.total_seconds() / 2)
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for delivery_id in _due_ids(engine, now):
            claimed = _claim(engine, delivery_id, now, lease)
            if claimed is not None:
                _send(engine, client, *claimed, now, done, allow_private)
    return done


def release_expired_leases(engine: Engine, now: datetime) -> int:
    """Deliveries whose worker died mid-send (its lease over) are due again."""
    with engine.begin() as connection:
        return connection.execute(
            update(WebhookDelivery)
            .where(col(WebhookDelivery.status) == SENDING, col(WebhookDelivery.lease_until) <= now)
            .values(status=PENDING, lease_until=None)
        ).rowcount


def _due_ids(engine: Engine, now: datetime) -> list[int]:
    """Due deliveries with no earlier one of the same order and endpoint still to go."""
    earlier = aliased(WebhookDelivery)
    waiting = exists().where(
        and_(
            col(earlier.endpoint_id) == col(WebhookDelivery.endpoint_id),
            col(earlier.order_reference) == col(WebhookDelivery.order_reference),
            col(earlier.id) < col(WebhookDelivery.id),
            col(earlier.status).in_((PENDING, SENDING)),
        )
    )
    query = (
        select(WebhookDelivery.id)
        .where(
            col(WebhookDelivery.status) == PENDING,
            col(WebhookDelivery.next_attempt_at) <= now,
            ~waiting,
        )
        .order_by(col(WebhookDelivery.id))
        .limit(BATCH_SIZE)
    )
    with Session(engine) as session:
        return [found for found in session.exec(query).all() if found is not None]


def _claim(
    engine: Engine, delivery_id: int, now: datetime, lease: timedelta
) -> tuple[WebhookDelivery, WebhookEndpoint] | None:
    with engine.begin() as connection:
        claimed = connection.execute(
            update(WebhookDelivery)
            .where(col(WebhookDelivery.id) == delivery_id, col(WebhookDelivery.status) == PENDING)
            .values(
                status=SENDING,
                attempts=col(WebhookDelivery.attempts) + 1,
                lease_until=now + lease,
            )
        ).rowcount
    if claimed != 1:
        return None  # another worker took it
    with Session(engine) as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        assert delivery is not None
        endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
        assert endpoint is not None
        return delivery, endpoint


def signed_headers(
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
    body: str,
    now: datetime,
    signed_at: datetime,
) -> dict[str, str]:
    """Standard Webhooks' three headers; while a rotated secret overlaps (at ``now``), both
    sign."""
    secrets = [endpoint.secret]
    if endpoint.previous_secret and endpoint.previous_until and endpoint.previous_until > now:
        secrets.append(endpoint.previous_secret)
    moment = signed_at.astimezone(UTC)
    signatures = [Webhook(secret).sign(delivery.event_id, moment, body) for secret in secrets]
    return {
        "webhook-id": delivery.event_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": " ".join(signatures),
        "content-type": "application/json",
        "user-agent": "fleet-self-service-webhooks/1",
    }


def _send(
    engine: Engine,
    client: httpx.Client,
    delivery: WebhookDelivery,
    endpoint: WebhookEndpoint,
    now: datetime,
    done: WebhookPass,
    allow_private: bool,
) -> None:
    body = json.dumps(delivery.payload, separators=(",", ":"))
    try:
        _refuse_private(endpoint.url, allow_private)
        # Signed at the moment it goes: a receiver refuses a timestamp 5 minutes old, and a
        # retry is often older than that.
        headers = signed_headers(endpoint, delivery, body, now, datetime.now(UTC))
        response = client.post(endpoint.url, content=body, headers=headers)
    except (httpx.HTTPError, OSError, ValueError) as error:
        _failed(engine, delivery, now, None, f"{type(error).__name__}: {error}"[:300], done)
        return
    if 200 <= response.status_code < 300:
        _set(
            engine,
            delivery,
            status=DELIVERED,
            delivered_at=now,
            lease_until=None,
            last_status_code=response.status_code,
            last_error=None,
        )
        done.delivered += 1
    else:
        _failed(engine, delivery, now, response.status_code, f"HTTP {response.status_code}", done)


def _refuse_private(url: str, allow_private: bool) -> None:
    """No delivery to a private, local or loopback address (a name is resolved first): a
    fleet manager's address must not reach the operator's own network."""
    host = urlsplit(url).hostname or ""
    if allow_private:
        return
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if is_private_host(host) or any(is_private_host(str(a)) for a in addresses):
        raise ValueError(f"{host} is not an address on the internet")


def _failed(
    engine: Engine,
    delivery: WebhookDelivery,
    now: datetime,
    status_code: int | None,
    error: str,
    done: WebhookPass,
) -> None:
    again = next_attempt(delivery.attempts, delivery.created_at, now)
    status = PENDING if again else FAILED
    _set(
        engine,
        delivery,
        status=status,
        next_attempt_at=again or now,
        lease_until=None,
        last_status_code=status_code,
        last_error=error,
    )
    done.failed_attempts += 1
    done.given_up += again is None
    logger.warning(
        "webhook %s to endpoint %s failed: %s", delivery.event_id, delivery.endpoint_id, error
    )


def _set(engine: Engine, delivery: WebhookDelivery, **values: object) -> None:
    """Record the outcome, only if the lease is still ours (it did not run out meanwhile)."""
    with engine.begin() as connection:
        connection.execute(
            update(WebhookDelivery)
            .where(col(WebhookDelivery.id) == delivery.id, col(WebhookDelivery.status) == SENDING)
            .values(**values)
        )


class WebhookWorker:
    """Runs `deliver_webhooks` every `interval` seconds, in a worker thread."""

    def __init__(
        self,
        engine: Engine,
        *,
        interval: float = 2.0,
        allow_private: bool = False,
        lease: timedelta = LEASE,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.lease = lease
        self.engine, self.interval, self.allow_private, self.clock = (
            engine,
            interval,
            allow_private,
            clock,
        )
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name="webhook delivery")

    async def stop(self) -> None:
        if self._task is None:
            return
        self._stopping.set()
        with suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(self._task, timeout=TIMEOUT * 2)
        self._task = None

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await asyncio.to_thread(
                    deliver_webhooks,
                    self.engine,
                    self.clock(),
                    allow_private=self.allow_private,
                    lease=self.lease,
                )
            except Exception:  # a database hiccup must not end deliveries for good
                logger.exception("webhook delivery pass failed; trying again")
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self.interval)
