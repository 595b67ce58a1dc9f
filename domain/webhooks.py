"""Webhooks: which order changes are told, to which addresses, and how often a delivery is
tried (Standard Webhooks: the same id on every attempt, back-off, given up after a day)."""

import ipaddress
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from domain.orders import OrderStatus
from domain.texts import N_


class WebhookEvent(StrEnum):
    RECEIVED = "order.received"
    IN_PROGRESS = "order.in_progress"
    COMPLETED = "order.completed"
    REJECTED = "order.rejected"
    CANCELLED = "order.cancelled"
    TEST = "webhook.test"  # the settings page's test delivery, to any endpoint

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    WebhookEvent.RECEIVED: N_("Order received (placed or resubmitted)"),
    WebhookEvent.IN_PROGRESS: N_("Order in progress"),
    WebhookEvent.COMPLETED: N_("Order completed"),
    WebhookEvent.REJECTED: N_("Order rejected"),
    WebhookEvent.CANCELLED: N_("Order cancelled"),
    WebhookEvent.TEST: N_("Test delivery"),
}
ORDER_EVENTS = tuple(event for event in WebhookEvent if event is not WebhookEvent.TEST)
EVENT_OF_STATUS = {
    OrderStatus.RECEIVED: WebhookEvent.RECEIVED,
    OrderStatus.IN_PROGRESS: WebhookEvent.IN_PROGRESS,
    OrderStatus.COMPLETED: WebhookEvent.COMPLETED,
    OrderStatus.REJECTED: WebhookEvent.REJECTED,
    OrderStatus.CANCELLED: WebhookEvent.CANCELLED,
}

# After each failed attempt, the wait before the next (Standard Webhooks' suggested schedule);
# past the last, every 5 hours, until a day after the event: then the delivery has failed.
RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
)
GIVE_UP_AFTER = timedelta(hours=24)
SECRET_OVERLAP = timedelta(hours=24)  # a rotated secret still signs this long


def next_attempt(attempts: int, created_at: datetime, now: datetime) -> datetime | None:
    """When to try again after ``attempts`` failed attempts, or None: given up."""
    delay = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1] if attempts else timedelta(0)
    at = now + delay
    return at if at - created_at <= GIVE_UP_AFTER else None


NOT_HTTPS = N_("Enter an https address, like https://hr.example.com/hooks/fleet.")
NOT_PUBLIC = N_(
    "Enter an address on the internet: a private, local or loopback address cannot be used."
)
URL_MAX_LENGTH = 500


def endpoint_problem(url: str, allow_private: bool = False) -> str | None:
    """Why an address cannot receive webhooks (a message id), or None."""
    parts = urlsplit(url.strip())
    if len(url) > URL_MAX_LENGTH or parts.scheme != "https" or not parts.hostname:
        if allow_private and parts.scheme == "http" and parts.hostname:
            return None if is_private_host(parts.hostname) else NOT_HTTPS
        return NOT_HTTPS
    if parts.username or parts.password:
        return NOT_HTTPS
    if not allow_private and is_private_host(parts.hostname):
        return NOT_PUBLIC
    return None


def is_private_host(host: str) -> bool:
    """A host name or address that is not on the internet (what a request must not reach)."""
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(".local"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False  # a name: its addresses are checked when it is called
    return not address.is_global
