"""A company's webhook endpoints: registered (an https address and the events it wants),
its signing secret shown once and rotatable, removed; a test delivery; what was delivered."""

import base64
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.texts import N_
from domain.webhooks import ORDER_EVENTS, SECRET_OVERLAP, WebhookEvent, endpoint_problem
from storage.db.tables import WebhookDelivery, WebhookEndpoint
from storage.queries.accounts import SignedInManager
from storage.use_cases.services import Services
from storage.webhooks.events import delivery, new_event_id

NO_EVENTS = N_("Choose at least one event to be told of.")
TOO_MANY = N_("A company has 10 webhook addresses at most: remove one first.")
MAX_ENDPOINTS = 10


@dataclass(frozen=True)
class EndpointInfo:
    id: int
    url: str
    events: tuple[str, ...]
    created_at: datetime
    rotating_until: datetime | None  # the previous secret still signs until then


@dataclass(frozen=True)
class NewSecret:
    """The signing secret, shown this once."""

    secret: str
    endpoint: EndpointInfo


@dataclass(frozen=True)
class EndpointRefused:
    message_id: str


@dataclass(frozen=True)
class DeliveryInfo:
    event_id: str
    event_type: str
    reference: str | None
    url: str
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def add_webhook(
    services: Services, manager: SignedInManager, url: str, events: list[str]
) -> NewSecret | EndpointRefused:
    problem = endpoint_problem(url, services.webhooks_allow_private)
    if problem:
        return EndpointRefused(problem)
    wanted = [event.value for event in ORDER_EVENTS if event.value in events]
    if not wanted:
        return EndpointRefused(NO_EVENTS)
    if len(webhook_endpoints(services.engine, manager.company_id)) >= MAX_ENDPOINTS:
        return EndpointRefused(TOO_MANY)
    secret = new_secret()
    endpoint = WebhookEndpoint(
        company_id=manager.company_id,
        url=url.strip(),
        events=wanted,
        secret=secret,
        created_at=services.clock(),
    )
    with Session(services.engine) as session:
        session.add(endpoint)
        session.commit()
        session.refresh(endpoint)
        return NewSecret(secret, _info(endpoint))


def rotate_webhook_secret(
    services: Services, manager: SignedInManager, endpoint_id: int
) -> NewSecret | None:
    """A new secret; the old one signs too for a day, so the receiver can switch."""
    now = services.clock()
    with Session(services.engine) as session:
        endpoint = _company_endpoint(session, manager, endpoint_id)
        if endpoint is None:
            return None
        endpoint.previous_secret, endpoint.previous_until = endpoint.secret, now + SECRET_OVERLAP
        endpoint.secret = new_secret()
        session.add(endpoint)
        session.commit()
        session.refresh(endpoint)
        return NewSecret(endpoint.secret, _info(endpoint))


def remove_webhook(services: Services, manager: SignedInManager, endpoint_id: int) -> bool:
    with Session(services.engine) as session:
        endpoint = _company_endpoint(session, manager, endpoint_id)
        if endpoint is None:
            return False
        endpoint.removed_at = services.clock()
        session.add(endpoint)
        session.commit()
        return True


def send_test_webhook(services: Services, manager: SignedInManager, endpoint_id: int) -> bool:
    """A `webhook.test` delivery to this endpoint, sent as any other."""
    now = services.clock()
    with Session(services.engine) as session:
        endpoint = _company_endpoint(session, manager, endpoint_id)
        if endpoint is None:
            return False
        data = {"company": manager.company_name, "sent_by": manager.name}
        session.add(delivery(endpoint, new_event_id(), WebhookEvent.TEST, None, data, now))
        session.commit()
        return True


def webhook_endpoints(engine: Engine, company_id: int) -> list[EndpointInfo]:
    with Session(engine) as session:
        found = session.exec(
            select(WebhookEndpoint)
            .where(
                WebhookEndpoint.company_id == company_id, col(WebhookEndpoint.removed_at).is_(None)
            )
            .order_by(col(WebhookEndpoint.id))
        ).all()
        return [_info(endpoint) for endpoint in found]


def webhook_deliveries(engine: Engine, company_id: int, limit: int = 50) -> list[DeliveryInfo]:
    """The company's latest deliveries, newest first, with where each stands."""
    with Session(engine) as session:
        rows = session.exec(
            select(WebhookDelivery, WebhookEndpoint.url)
            .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
            .where(WebhookEndpoint.company_id == company_id)
            .order_by(col(WebhookDelivery.id).desc())
            .limit(limit)
        ).all()
        return [
            DeliveryInfo(
                d.event_id,
                d.event_type,
                d.order_reference,
                url,
                d.status,
                d.attempts,
                d.last_status_code,
                d.last_error,
                d.created_at,
                d.next_attempt_at,
            )
            for d, url in rows
        ]


def _company_endpoint(
    session: Session, manager: SignedInManager, endpoint_id: int
) -> WebhookEndpoint | None:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.company_id != manager.company_id or endpoint.removed_at:
        return None
    return endpoint


def _info(endpoint: WebhookEndpoint) -> EndpointInfo:
    assert endpoint.id is not None
    return EndpointInfo(
        endpoint.id,
        endpoint.url,
        tuple(endpoint.events),
        endpoint.created_at,
        endpoint.previous_until,
    )
