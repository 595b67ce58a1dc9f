"""Webhooks below the UI: each order change told once to each endpoint that asked for it,
signed as Standard Webhooks says (verified by the library on a loopback receiver), in order
for each order, retried with back-off after 500s for a day, both secrets signing while one is
rotated; no private address unless allowed; nothing of another company."""

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from domain.rejections import RejectionReason
from domain.webhooks import NOT_HTTPS, NOT_PUBLIC, ORDER_EVENTS
from storage.db.tables import WebhookDelivery
from storage.use_cases import Services, complete_order, reject_order, start_order
from storage.use_cases.webhooks import (
    EndpointRefused,
    NewSecret,
    add_webhook,
    remove_webhook,
    rotate_webhook_secret,
    send_test_webhook,
)
from storage.webhooks.delivery import deliver_webhooks
from tests.conftest import LUMIERE
from tests.order_helpers import NOW, manager_of, placed
from tests.webhook_receiver import Receiver, receiver_on_loopback

EVERY_EVENT = [event.value for event in ORDER_EVENTS]


@pytest.fixture
def receiver(services: Services) -> Iterator[Receiver]:
    with receiver_on_loopback() as found:
        yield found


def subscribed(
    services: Services, receiver: Receiver, events: list[str] = EVERY_EVENT
) -> NewSecret:
    allowed = dataclasses.replace(services, webhooks_allow_private=True)
    endpoint = add_webhook(allowed, manager_of(services.engine), receiver.url, events)
    assert isinstance(endpoint, NewSecret)
    receiver.secret = endpoint.secret
    return endpoint


def deliver_all(services: Services, at: timedelta = timedelta(0)) -> int:
    """Delivery passes at NOW + ``at`` until one delivers nothing more."""
    delivered = 0
    while (done := deliver_webhooks(services.engine, NOW + at, allow_private=True)).delivered:
        delivered += done.delivered
    return delivered


def deliveries(services: Services) -> list[WebhookDelivery]:
    with Session(services.engine) as session:
        return list(session.exec(select(WebhookDelivery).order_by(WebhookDelivery.id)).all())  # type: ignore[arg-type]


def test_every_change_of_an_order_is_told_once_signed_and_in_order(
    services: Services, receiver: Receiver
) -> None:
    subscribed(services, receiver)
    reference = placed(services).reference
    start_order(services, reference)
    complete_order(services, reference)
    assert deliver_all(services) == 3
    assert [(r.event_type, r.reference, r.verified) for r in receiver.received] == [
        ("order.received", reference, True),
        ("order.in_progress", reference, True),
        ("order.completed", reference, True),
    ]
    assert len(set(receiver.event_ids())) == 3
    assert deliver_all(services, timedelta(hours=1)) == 0  # none twice
    assert [(d.status, d.attempts, d.last_status_code) for d in deliveries(services)] == [
        ("delivered", 1, 204)
    ] * 3


def test_an_endpoint_is_told_only_the_events_it_asked_for(
    services: Services, receiver: Receiver
) -> None:
    subscribed(services, receiver, ["order.rejected"])
    reference = placed(services).reference
    reject_order(services, reference, RejectionReason.CUSTOMER_NUMBER_UNKNOWN, "")
    deliver_all(services)
    assert [r.event_type for r in receiver.received] == ["order.rejected"]


def test_a_receiver_answering_500_gets_the_same_event_again_with_back_off_until_it_accepts(
    services: Services, receiver: Receiver
) -> None:
    subscribed(services, receiver)
    receiver.fail_next = 2
    reference = placed(services).reference
    start_order(services, reference)
    assert deliver_all(services) == 0  # a 500: the next attempt in 5 s
    assert deliver_all(services, timedelta(seconds=4)) == 0 and len(receiver.received) == 1
    assert deliver_all(services, timedelta(seconds=5)) == 0  # a 500 again: then 5 minutes
    assert deliver_all(services, timedelta(minutes=5, seconds=5)) == 2  # accepted, then the next
    first, second = deliveries(services)
    assert (first.status, first.attempts, first.last_status_code) == ("delivered", 3, 204)
    assert receiver.event_ids() == [first.event_id] * 3 + [second.event_id]
    assert all(r.verified for r in receiver.received)


def test_a_delivery_refused_for_a_day_is_given_up_and_the_next_event_goes(
    services: Services, receiver: Receiver
) -> None:
    subscribed(services, receiver)
    receiver.fail_next = 10_000
    reference = placed(services).reference
    start_order(services, reference)
    for hours in range(0, 30):
        deliver_all(services, timedelta(hours=hours, seconds=1))
    first, second = deliveries(services)
    assert first.status == "failed" and first.attempts >= 6
    assert second.status != "pending" or second.attempts > 0  # no longer held behind the first


def test_while_a_secret_is_rotated_both_sign(services: Services, receiver: Receiver) -> None:
    endpoint = subscribed(services, receiver)
    rotated = rotate_webhook_secret(services, manager_of(services.engine), endpoint.endpoint.id)
    assert isinstance(rotated, NewSecret) and rotated.secret != endpoint.secret
    placed(services)
    deliver_all(services)  # the receiver still knows the old secret only
    assert [r.verified for r in receiver.received] == [True]
    receiver.secret = rotated.secret
    send_test_webhook(services, manager_of(services.engine), endpoint.endpoint.id)
    deliver_all(services)
    assert [(r.event_type, r.verified) for r in receiver.received][-1] == ("webhook.test", True)


def test_only_an_https_address_on_the_internet_is_taken(services: Services) -> None:
    manager = manager_of(services.engine)
    refused = {
        "http://hr.example.com/hooks": NOT_HTTPS,
        "ftp://hr.example.com/hooks": NOT_HTTPS,
        "https://user:pw@hr.example.com/": NOT_HTTPS,
        "https://127.0.0.1/hooks": NOT_PUBLIC,
        "https://10.1.2.3/hooks": NOT_PUBLIC,
        "https://[::1]/hooks": NOT_PUBLIC,
        "https://localhost/hooks": NOT_PUBLIC,
        "https://169.254.169.254/latest/meta-data": NOT_PUBLIC,
    }
    for url, message in refused.items():
        assert add_webhook(services, manager, url, EVERY_EVENT) == EndpointRefused(message), url
    assert isinstance(
        add_webhook(services, manager, "https://hr.example.com/hooks", EVERY_EVENT), NewSecret
    )


def test_a_name_that_resolves_to_a_private_address_is_not_called(
    services: Services, receiver: Receiver
) -> None:
    subscribed(services, receiver)
    placed(services)
    done = deliver_webhooks(services.engine, NOW, allow_private=False)  # as in production
    assert (done.delivered, done.failed_attempts) == (0, 1) and receiver.received == []
    assert "not an address on the internet" in (deliveries(services)[0].last_error or "")


def test_another_companys_endpoints_cannot_be_changed_or_tested(
    services: Services, receiver: Receiver
) -> None:
    endpoint = subscribed(services, receiver).endpoint.id
    other = manager_of(services.engine, LUMIERE)
    assert rotate_webhook_secret(services, other, endpoint) is None
    assert send_test_webhook(services, other, endpoint) is False
    assert remove_webhook(services, other, endpoint) is False
    other_order = dataclasses.replace(  # Lumière's own order tells Nova's endpoint nothing
        __import__("tests.order_helpers", fromlist=["NEW_NUMBER"]).NEW_NUMBER,
        customer_number_id="3",
    )
    from tests.order_helpers import place

    place(services, other_order, key="lumiere", login=LUMIERE)
    assert deliver_all(services) == 0 and receiver.received == []
