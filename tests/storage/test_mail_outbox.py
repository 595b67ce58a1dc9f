"""The outbox: written in the caller's transaction, read company by company."""

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db.tables import OutboxMessage, OutboxStatus
from storage.mail.messages import QR_CID
from storage.mail.outbox import enqueue, mailbox, mailbox_message, status_label
from tests.conftest import LUMIERE, NOVA
from tests.mail_helpers import T0, company_id, decode_qr, enqueue_committed, esim_mail


def test_enqueued_message_is_written_only_with_the_callers_commit(engine: Engine) -> None:
    with Session(engine) as session:
        enqueue(session, esim_mail())
        session.rollback()  # the order's transaction failed: no e-mail either
    with Session(engine) as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_enqueued_message_waits_as_pending_with_its_own_message_id(engine: Engine) -> None:
    first = enqueue_committed(engine, esim_mail())
    second = enqueue_committed(engine, esim_mail())
    with Session(engine) as session:
        row = session.get(OutboxMessage, first)
        other = session.get(OutboxMessage, second)
        assert row is not None and other is not None
        assert (row.status, row.attempts, row.next_attempt_at) == (OutboxStatus.PENDING, 0, T0)
        assert row.message_id.startswith("<") and row.message_id.endswith(">")
        assert row.message_id != other.message_id


def test_mailbox_lists_the_companys_messages_newest_first(engine: Engine) -> None:
    nova = company_id(engine, NOVA.company)
    older = enqueue_committed(engine, esim_mail("fr"), nova, now=T0)
    newer = enqueue_committed(engine, esim_mail("en"), nova, now=T0 + timedelta(minutes=5))
    assert [entry.id for entry in mailbox(engine, nova)] == [newer, older]


def test_mailbox_shows_no_message_of_another_company(engine: Engine) -> None:
    nova_message = enqueue_committed(engine, esim_mail(), company_id(engine, NOVA.company))
    lumiere = company_id(engine, LUMIERE.company)
    assert mailbox(engine, lumiere) == []
    assert mailbox_message(engine, lumiere, nova_message) is None


def test_mailbox_message_keeps_the_inline_qr_image(engine: Engine) -> None:
    nova = company_id(engine, NOVA.company)
    entry = mailbox_message(engine, nova, enqueue_committed(engine, esim_mail(), nova))
    assert entry is not None
    assert decode_qr(entry.inline_images[QR_CID]) == [
        "LPA:1$smdp.fleet.example.be$ABCDE-FGHIJ-KLMNO-PQRST"
    ]


def test_a_waiting_email_is_named_kept_in_the_demo_mailbox_only_without_a_mail_server() -> None:
    assert status_label(OutboxStatus.PENDING, mail_server=False) == "Kept in the demo mailbox"
    assert status_label(OutboxStatus.PENDING, mail_server=True) == "Waiting to be sent"
    for status in (OutboxStatus.SENDING, OutboxStatus.SENT, OutboxStatus.FAILED):
        assert status_label(status, mail_server=False) == status.label  # sent before, say so
