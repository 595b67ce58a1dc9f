"""The outbox: e-mails written in the same transaction as the order, delivered later.

Nothing is sent for an order that was not saved, nothing is lost for one that was: the caller
adds the message to its own session and commits both together. storage.mail_delivery sends
the pending rows; the demo mailbox page reads them.
"""

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import make_msgid
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, TypeDecorator
from sqlalchemy.engine import Dialect, Engine
from sqlmodel import Field, Session, SQLModel, col, select

from domain.texts import N_
from storage.mail_messages import OutgoingMail
from storage.tables import utc_now

MESSAGE_ID_DOMAIN = "fleet-self-service.invalid"  # right-hand side of our Message-IDs


class OutboxStatus(StrEnum):
    PENDING = "pending"  # waiting for its first or next attempt (next_attempt_at)
    SENDING = "sending"  # claimed by a delivery worker until next_attempt_at (its lease)
    SENT = "sent"
    FAILED = "failed"  # given up: a permanent rejection, or too many attempts

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    OutboxStatus.PENDING: N_("Waiting to be sent"),
    OutboxStatus.SENDING: N_("Being sent"),
    OutboxStatus.SENT: N_("Sent"),
    OutboxStatus.FAILED: N_("Not delivered"),
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, whatever the database keeps (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("outbox times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def _utc_column(**kwargs: Any) -> Any:
    return Field(sa_column=Column(UtcDateTime(), **kwargs))


class OutboxMessage(SQLModel, table=True):
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int | None = Field(default=None, index=True)  # no foreign key until orders exist
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    kind: str
    language: str
    recipients: list[str] = Field(sa_column=Column(JSON, nullable=False))
    subject: str
    text_body: str
    html_body: str
    inline_images: dict[str, str] = Field(  # Content-ID -> base64 of the PNG
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    status: str = Field(default=OutboxStatus.PENDING.value)
    attempts: int = 0
    next_attempt_at: datetime = _utc_column(nullable=False)
    last_error: str | None = None
    created_at: datetime = _utc_column(nullable=False)
    sent_at: datetime | None = _utc_column(nullable=True)
    # Made once here, so that a retried send carries the same id (receivers can deduplicate).
    message_id: str = Field(unique=True)


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


def mailbox(engine: Engine, company_id: int, limit: int = 200) -> list[MailboxEntry]:
    """The company's e-mails, newest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.company_id == company_id)
        .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc())
        .limit(limit)
    )
    with Session(engine) as session:
        return [_entry(message) for message in session.exec(query).all()]


def mailbox_message(engine: Engine, company_id: int, message_id: int) -> MailboxEntry | None:
    """One of the company's e-mails; None if it does not exist or is another company's."""
    with Session(engine) as session:
        message = session.get(OutboxMessage, message_id)
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


def decoded_images(message: OutboxMessage) -> dict[str, bytes]:
    return {cid: base64.b64decode(data) for cid, data in message.inline_images.items()}
