"""The real app (python main.py) SIGKILLed while a webhook receiver holds its delivery, then
started again on the same data: the order placed through the API is told once more with the
same webhook-id, signed, and then never again: exactly one delivery per event."""

import dataclasses
import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.webhooks import ORDER_EVENTS
from storage.db.engine import make_engine
from storage.db.tables import WebhookDelivery
from storage.use_cases.api_tokens import NewToken, create_api_token
from storage.use_cases.webhooks import NewSecret, add_webhook
from tests.browser.conftest import free_port, launch_app, stop
from tests.order_helpers import ESIM_TRANSFER, manager_of, services_for
from tests.webhook_receiver import receiver_on_loopback

LEASE_SECONDS = 4


def deliveries(engine: Engine) -> list[WebhookDelivery]:
    with Session(engine) as session:
        return list(session.exec(select(WebhookDelivery)).all())


def wait_for(done: object, seconds: float = 60) -> None:
    assert callable(done)
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "it never happened"
        time.sleep(0.1)


@pytest.mark.long  # about 15 s: two starts of the app
def test_the_app_killed_mid_delivery_tells_the_event_once_more_with_its_id_and_then_never(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBHOOKS_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("WEBHOOK_LEASE_SECONDS", str(LEASE_SECONDS))
    database_url, port = f"sqlite:///{tmp_path / 'fleet.db'}", free_port()
    app = launch_app(tmp_path, database_url, port, tmp_path / "app-1.log")
    engine = make_engine(database_url)
    services = services_for(
        engine,
        tmp_path / "documents",
        now=__import__("datetime").datetime.now(__import__("datetime").UTC),
    )
    manager = manager_of(engine)
    token = create_api_token(services, manager, "HR system", True)
    assert isinstance(token, NewToken)
    with receiver_on_loopback() as receiver:
        allowed = dataclasses.replace(services, webhooks_allow_private=True)
        endpoint = add_webhook(allowed, manager, receiver.url, [e.value for e in ORDER_EVENTS])
        assert isinstance(endpoint, NewSecret)
        receiver.secret, receiver.hold = endpoint.secret, threading.Event()
        body = {
            k: v
            for k, v in ESIM_TRANSFER.to_dict().items()
            if k
            not in (
                "employee_answered",
                "invoice_split_contract_id",
                "invoice_split_contract_basis",
            )
        }
        placed = httpx.post(
            f"{app.url}/api/v1/orders",
            json=body,
            headers={"Authorization": f"Bearer {token.secret}", "Idempotency-Key": "hire-1"},
            timeout=30,
        )
        assert placed.status_code == 201, placed.text
        wait_for(receiver.holding.is_set)  # the app's worker is mid-delivery
        os.killpg(app.process.pid, signal.SIGKILL)
        app.process.wait(10)
        receiver.hold.set()  # its answer goes to a dead socket
        again = launch_app(tmp_path, database_url, port, tmp_path / "app-2.log")
        try:
            wait_for(lambda: len(receiver.received) == 2)
            wait_for(lambda: deliveries(engine)[0].status == "delivered")
            (delivery,) = deliveries(engine)
        finally:
            stop(again.process)
    first, second = receiver.received
    assert first.event_id == second.event_id == delivery.event_id
    assert (first.event_type, first.reference) == ("order.received", placed.json()["reference"])
    assert first.verified and second.verified
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    engine.dispose()
