"""The outbox: e-mails written in the same transaction as the order, delivered later.

Nothing is sent for an order that was not saved, nothing is lost for one that was: the caller
adds the message to its own session and commits both together. storage.mail.delivery sends
the pending rows; the demo mailbox page reads them.
"""

import base64
from dataclasses import dataclass
from datetime import datetime
from email.utils import make_msgid

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.texts import N_
from storage.db.tables import OutboxMessage, OutboxStatus, utc_now
from storage.mail.messages import OutgoingMail
from storage.queries.keys import row_id

MESSAGE_ID_DOMAIN = "fleet-self-service.invalid"  # right-hand side of our Message-IDs
KEPT_IN_MAILBOX = N_("Kept in the demo mailbox")


def enqueue(
    session: Session,
    mail: OutgoingMail,
    *,
    order_id: int | None = None,
    company_id: int | None = None,
    now: datetime | None = None,
) -> OutboxMessage:
    """Add `mail` to the caller's session as pending; the caller's commit writes it."""
    now = now or utc_now()
    message = OutboxMessage(
        order_id=order_id,
        company_id=company_id,
        kind=mail.kind,
        language=mail.language,
        recipients=list(mail.to),
        subject=mail.subject,
        text_body=mail.text,
        html_body=mail.html,
        inline_images={
            cid: base64.b64encode(png).decode("ascii") for cid, png in mail.inline_images.items()
        },
        attachments={
            name: base64.b64encode(pdf).decode("ascii") for name, pdf in mail.attachments.items()
        },
        next_attempt_at=now,
        created_at=now,
        message_id=make_msgid(domain=MESSAGE_ID_DOMAIN),
    )
    session.add(message)
    return message


@dataclass(frozen=True)
class MailboxEntry:
    """One e-mail as the mailbox lists it and shows it."""

    id: int
    kind: str
    language: str
    recipients: list[str]
    subject: str
    status: OutboxStatus
    attempts: int
    last_error: str | None
    created_at: datetime  # UTC
    sent_at: datetime | None
    text_body: str
    html_body: str
    inline_images: dict[str, bytes]


def status_label(status: OutboxStatus, *, mail_server: bool) -> str:
    """The e-mail's status as the mailbox names it (a message id). Without an SMTP server
    nothing sends the outbox: a waiting e-mail is not waiting, it stays in the demo mailbox."""
    if status is OutboxStatus.PENDING and not mail_server:
        return KEPT_IN_MAILBOX
    return status.label


def mailbox(
    engine: Engine, company_id: int, limit: int = 200, order_id: int | None = None
) -> list[MailboxEntry]:
    """The company's e-mails (of one order, with ``order_id``), newest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.company_id == company_id)
        .where(True if order_id is None else OutboxMessage.order_id == order_id)
        .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc())
        .limit(limit)
    )
    with Session(engine) as session:
        return [_entry(message) for message in session.exec(query).all()]


def mailbox_message(engine: Engine, company_id: int, message_id: str | int) -> MailboxEntry | None:
    """One of the company's e-mails, by the id in its URL; None if there is no such e-mail
    (or the id is no id at all) or it is another company's."""
    number = row_id(message_id)
    if number is None:
        return None
    with Session(engine) as session:
        message = session.get(OutboxMessage, number)
        if message is None or message.company_id != company_id:
            return None
        return _entry(message)


def _entry(message: OutboxMessage) -> MailboxEntry:
    assert message.id is not None
    return MailboxEntry(
        id=message.id,
        kind=message.kind,
        language=message.language,
        recipients=list(message.recipients),
        subject=message.subject,
        status=OutboxStatus(message.status),
        attempts=message.attempts,
        last_error=message.last_error,
        created_at=message.created_at,
        sent_at=message.sent_at,
        text_body=message.text_body,
        html_body=message.html_body,
        inline_images=decoded_images(message),
    )


def decoded_attachments(message: OutboxMessage) -> dict[str, bytes]:
    return {name: base64.b64decode(data) for name, data in message.attachments.items()}


def decoded_images(message: OutboxMessage) -> dict[str, bytes]:
    return {cid: base64.b64decode(data) for cid, data in message.inline_images.items()}
