"""Work queues with several instances: three workers at once (threads with their own
connections, as three instances have) on 1,000 items each time, on SQLite and PostgreSQL:
e-mails, webhook deliveries and reminders, each done exactly once, and a file of 1,000 lines
sent by three fleet managers' clicks at once makes 1,000 orders."""

import asyncio
import dataclasses
import socket
import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from domain.employee_link import EmployeeAction
from storage.db.tables import (
    EmployeeEntry,
    EmployeeLinkRow,
    EmployeeRequest,
    Order,
    OutboxMessage,
    WebhookDelivery,
    WebhookEndpoint,
)
from storage.mail.delivery import SmtpServer, deliver_pending
from storage.queries.bulk import SheetSummary
from storage.use_cases import Services
from storage.use_cases.bulk import send_sheet, upload_sheet
from storage.use_cases.employee_requests import remind_employees
from storage.use_cases.webhooks import NewSecret, add_webhook
from storage.webhooks.delivery import deliver_webhooks
from storage.webhooks.events import delivery, new_event_id
from tests.mail_helpers import T0, enqueue_committed, esim_mail
from tests.order_helpers import NOW, manager_of
from tests.storage.test_mail_delivery import SENDER, Inbox, smtp_server
from tests.webhook_receiver import receiver_on_loopback

ITEMS = 1000
WORKERS = 3
pytestmark = pytest.mark.long  # 1,000 items a queue, on both engines: about a minute in all


def at_once(work: Callable[[], object]) -> list[object]:
    """``work`` in three threads started together; what each returned."""
    start = threading.Barrier(WORKERS)
    results: list[object] = [None] * WORKERS
    errors: list[BaseException] = []

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = work()
        except BaseException as error:  # shown by the test, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert errors == []
    return results


def test_three_workers_deliver_1000_webhooks_each_once(services: Services, engine: Engine) -> None:
    with receiver_on_loopback() as receiver:
        allowed = dataclasses.replace(services, webhooks_allow_private=True)
        endpoint = add_webhook(allowed, manager_of(engine), receiver.url, ["order.received"])
        assert isinstance(endpoint, NewSecret)
        receiver.secret = endpoint.secret
        with Session(engine) as session:
            row = session.get(WebhookEndpoint, endpoint.endpoint.id)
            assert row is not None
            for i in range(ITEMS):  # a reference each, so that no order waits for another
                session.add(
                    delivery(
                        row,
                        new_event_id(),
                        __import__(
                            "domain.webhooks", fromlist=["WebhookEvent"]
                        ).WebhookEvent.RECEIVED,
                        f"FL-{i}",
                        {"n": i},
                        NOW,
                    )
                )
            session.commit()

        def drain() -> int:
            delivered = 0
            while (done := deliver_webhooks(engine, NOW, allow_private=True)).delivered:
                delivered += done.delivered
            return delivered

        counts = at_once(drain)
        ids = Counter(receiver.event_ids())
    assert sum(c for c in counts if isinstance(c, int)) == ITEMS
    assert len(ids) == ITEMS and set(ids.values()) == {1}
    with Session(engine) as session:
        statuses = Counter(session.exec(select(WebhookDelivery.status)).all())
    assert statuses == {"delivered": ITEMS}


def test_three_workers_send_1000_emails_each_once(engine: Engine) -> None:
    mail = esim_mail()
    for _ in range(ITEMS):
        enqueue_committed(engine, mail)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    with smtp_server(port, Inbox()) as inbox:
        server = SmtpServer("127.0.0.1", port)

        def drain() -> int:
            async def passes() -> int:
                sent = 0
                while (done := await deliver_pending(engine, server, T0, sender=SENDER)).sent:
                    sent += len(done.sent)
                return sent

            return asyncio.run(passes())

        counts = at_once(drain)
        ids = Counter(message["Message-ID"] for message in inbox.messages())
    assert sum(c for c in counts if isinstance(c, int)) == ITEMS
    assert len(ids) == ITEMS and set(ids.values()) == {1}
    with Session(engine) as session:
        assert (
            session.exec(
                select(func.count())
                .select_from(OutboxMessage)
                .where(col(OutboxMessage.status) != "sent")
            ).one()
            == 0
        )


def test_three_sweeps_send_1000_reminders_each_once(services: Services, engine: Engine) -> None:
    manager = manager_of(engine)
    asked_at = NOW - timedelta(days=3)  # their links went 3 days ago: the reminder is due
    with Session(engine) as session:
        for i in range(ITEMS):
            request = EmployeeRequest(
                company_id=manager.company_id,
                manager_id=manager.id,
                submission_key=f"asked-{i}",
                request={},
                employee_email=f"e{i}@nova-logistics.be",
                employee_language="nl",
                created_at=asked_at,
            )
            session.add(request)
            session.flush()
            assert request.id is not None
            session.add(
                EmployeeLinkRow(
                    employee_request_id=request.id, secret_hash=f"h{i}", created_at=asked_at
                )
            )
        session.commit()
    counts = at_once(lambda: remind_employees(services))
    assert sum(c for c in counts if isinstance(c, int)) == ITEMS
    with Session(engine) as session:
        reminded = Counter(
            session.exec(
                select(EmployeeEntry.employee_request_id).where(
                    EmployeeEntry.action == EmployeeAction.REMINDED.value
                )
            ).all()
        )
        mails = session.exec(select(func.count()).select_from(OutboxMessage)).one()
    assert len(reminded) == ITEMS and set(reminded.values()) == {1} and mails == ITEMS


def test_a_file_of_1000_lines_sent_by_three_clicks_at_once_makes_1000_orders(
    services: Services, engine: Engine
) -> None:
    header = "Request type;Customer number for billing;End user;SIM or eSIM;SIM card number;Plan"
    lines = [f"new;7.10045821;Employee {i};sim;{8932000300000 + i};shape_m" for i in range(ITEMS)]
    sheet = upload_sheet(
        services, manager_of(engine), "lines.csv", "\n".join([header, *lines]).encode()
    )
    assert isinstance(sheet, SheetSummary) and sheet.ready == ITEMS
    at_once(lambda: send_sheet(services, manager_of(engine), sheet.public_id))
    with Session(engine) as session:
        keys = session.exec(select(Order.submission_key)).all()
    assert len(keys) == ITEMS == len(set(keys))
