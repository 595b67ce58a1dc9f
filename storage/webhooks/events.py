"""Webhook deliveries written in the transaction of the change they tell: one per endpoint of
the company that asked for the event, so a change is told if and only if it happened."""

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from domain.orders import OrderStatus
from domain.webhooks import EVENT_OF_STATUS, WebhookEvent
from storage.db.tables import WebhookDelivery, WebhookEndpoint


def new_event_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)


def write_webhook_events(
    session: Session,
    company_id: int,
    event: WebhookEvent,
    reference: str | None,
    data: dict[str, Any],
    now: datetime,
) -> int:
    """Add the event's deliveries to the caller's transaction; how many endpoints get it."""
    endpoints = session.exec(
        select(WebhookEndpoint).where(
            WebhookEndpoint.company_id == company_id, col(WebhookEndpoint.removed_at).is_(None)
        )
    ).all()
    wanted = [e for e in endpoints if event.value in e.events]
    event_id = new_event_id()  # one event, one id, whichever endpoints it goes to
    for endpoint in wanted:
        session.add(delivery(endpoint, event_id, event, reference, data, now))
    return len(wanted)


def delivery(
    endpoint: WebhookEndpoint,
    event_id: str,
    event: WebhookEvent,
    reference: str | None,
    data: dict[str, Any],
    now: datetime,
) -> WebhookDelivery:
    """One event for one endpoint, due now; its payload as Standard Webhooks shapes it."""
    assert endpoint.id is not None
    payload = {"type": event.value, "timestamp": now.astimezone(UTC).isoformat(), "data": data}
    return WebhookDelivery(
        endpoint_id=endpoint.id,
        event_id=event_id,
        event_type=event.value,
        order_reference=reference,
        payload=payload,
        next_attempt_at=now,
        created_at=now,
    )


def tell_order(
    session: Session, company_id: int, reference: str, status: OrderStatus, at: datetime
) -> None:
    """The order's new status, to the endpoints that asked for it (in the caller's transaction)."""
    data = order_event_data(reference, status.value, at)
    write_webhook_events(session, company_id, EVENT_OF_STATUS[status], reference, data, at)


def order_event_data(reference: str, status: str, at: datetime, **more: object) -> dict[str, Any]:
    """What an order event tells: its reference, status and when; details via the API."""
    return {"reference": reference, "status": status, "at": at.astimezone(UTC).isoformat(), **more}
