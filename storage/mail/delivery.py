"""Delivering the outbox over SMTP: retries with growing back-off, no message sent twice.

Once-only: a worker sends a message only after moving it from pending to sending with a
conditional UPDATE (`... WHERE id = ? AND status = 'pending'`), which succeeds for one worker
alone, and sent messages are never picked again. The claim is a lease: a worker that dies
mid-send (crash, kill) leaves its message in 'sending' until the lease ends, then any worker,
including the restarted one, takes it back. Only that crash case can send a message twice,
if the server had accepted it just before the crash; it keeps its Message-ID, so mail clients
can tell. A plain restart resumes the pending messages, as they live in the database.
"""

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.db.tables import OutboxMessage, OutboxStatus, utc_now
from storage.mail.outbox import decoded_attachments, decoded_images

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
MAX_ATTEMPTS = 10  # about 3 hours of retries before a message is marked failed
SEND_LEASE = timedelta(minutes=10)  # far longer than one send (SMTP timeouts are 30 s a step)
BATCH_SIZE = 20


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: bool = False  # upgrade a plain connection (port 587)
    implicit_tls: bool = False  # TLS from the first byte (smtps://, port 465)
    timeout: float = 30.0


def parse_smtp_url(url: str) -> SmtpServer:
    """`smtp://user:pass@host:port?starttls=true` or `smtps://user:pass@host:port`."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ValueError("SMTP_URL must look like smtp://user:password@host:587?starttls=true")
    implicit_tls = parts.scheme == "smtps"
    flag = parse_qs(parts.query).get("starttls", ["false"])[0].lower()
    starttls = flag in {"true", "1", "yes"}
    if implicit_tls and starttls:
        raise ValueError("SMTP_URL: smtps:// is already encrypted, drop ?starttls=true")
    default_port = 465 if implicit_tls else 587 if starttls else 25
    return SmtpServer(
        host=parts.hostname,
        port=parts.port or default_port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        starttls=starttls,
        implicit_tls=implicit_tls,
    )


def retry_delay(attempts: int) -> timedelta:
    """30 s after the first failed attempt, then doubling, at most an hour."""
    doublings = min(max(attempts - 1, 0), 16)  # 2**16 * 30 s is far past the cap already
    return min(FIRST_RETRY * (1 << doublings), LONGEST_RETRY)


@dataclass
class DeliveryPass:
    """What one pass did, by outbox message id."""

    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


async def deliver_pending(
    engine: Engine, smtp: SmtpServer, now: datetime, *, sender: str
) -> DeliveryPass:
    """Send the messages due at `now` over one SMTP connection; record each outcome."""
    release_expired_claims(engine, now)
    done = DeliveryPass()
    due = _due_ids(engine, now)
    if not due:
        return done
    client = aiosmtplib.SMTP(
        hostname=smtp.host,
        port=smtp.port,
        username=smtp.username,
        password=smtp.password,
        use_tls=smtp.implicit_tls,
        start_tls=smtp.starttls,
        timeout=smtp.timeout,
    )
    try:
        await client.connect()
    except (aiosmtplib.SMTPException, OSError) as error:
        logger.warning("SMTP server %s:%s unreachable: %s", smtp.host, smtp.port, error)
        for message_id in due:  # none of them could go: each waits for its next attempt
            if message := _claim(engine, message_id, now):
                _record_failure(engine, message, now, error, done)
        return done
    try:
        for message_id in due:
            if not client.is_connected:
                break  # the rest stay pending, unclaimed and uncounted, for the next pass
            if message := _claim(engine, message_id, now):
                await _send(client, engine, message, now, sender, done)
    finally:
        with suppress(aiosmtplib.SMTPException, OSError):
            await client.quit()
    return done


def release_expired_claims(engine: Engine, now: datetime) -> int:
    """Put back to pending the messages whose worker died mid-send (its lease ended)."""
    with engine.begin() as connection:
        released = connection.execute(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.status) == OutboxStatus.SENDING,
                col(OutboxMessage.next_attempt_at) <= now,
            )
            .values(status=OutboxStatus.PENDING)
        ).rowcount
    if released:
        logger.warning("%s outbox message(s) interrupted mid-send will be sent again", released)
    return released


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    """multipart/alternative: the text, then the HTML with its inline images (related); with
    attachments, all of it in multipart/mixed with the PDF files after it."""
    email = EmailMessage(policy=SMTP_POLICY)
    email["From"] = sender
    email["To"] = ", ".join(message.recipients)
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    email["Auto-Submitted"] = "auto-generated"  # RFC 3834: asks for no out-of-office replies
    email.set_content(message.text_body)
    email.add_alternative(message.html_body, subtype="html")
    html_part = next(part for part in email.iter_parts() if part.get_content_type() == "text/html")
    for cid, png in decoded_images(message).items():
        html_part.add_related(
            png, maintype="image", subtype="png", cid=f"<{cid}>", disposition="inline"
        )
    for name, pdf in decoded_attachments(message).items():
        email.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    email["Content-Language"] = message.language  # after the body: set_content drops Content-*
    return email


async def _send(
    client: aiosmtplib.SMTP,
    engine: Engine,
    message: OutboxMessage,
    now: datetime,
    sender: str,
    done: DeliveryPass,
) -> None:
    try:
        email = build_email(message, sender)
        refused, _reply = await client.send_message(
            email, sender=parseaddr(sender)[1], recipients=message.recipients
        )
    except (aiosmtplib.SMTPException, OSError, ValueError) as error:
        _record_failure(engine, message, now, error, done)
        return
    # Some recipients refused, the others accepted: it went, so it must not go again.
    note = "; ".join(f"{to}: {reply.code} {reply.message}" for to, reply in refused.items())
    _update(engine, message, status=OutboxStatus.SENT, sent_at=now, last_error=note or None)
    assert message.id is not None
    done.sent.append(message.id)


def _is_permanent(error: Exception) -> bool:
    """The server refused this message for good (5xx on it): retrying cannot help.

    Refusals of our set-up (login, sender address, greeting) are retried instead: once the
    configuration is fixed, the waiting messages go.
    """
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        return all(refusal.code >= 500 for refusal in error.recipients)
    if isinstance(error, aiosmtplib.SMTPRecipientRefused | aiosmtplib.SMTPDataError):
        return error.code >= 500
    # A message that cannot be written is a bug, not a glitch. Not so an untrusted certificate
    # (ssl.SSLCertVerificationError is a ValueError too): a set-up to fix, then the mail goes.
    return isinstance(error, ValueError) and not isinstance(error, OSError)


def _record_failure(
    engine: Engine, message: OutboxMessage, now: datetime, error: Exception, done: DeliveryPass
) -> None:
    reason = f"{type(error).__name__}: {error}"[:1000]
    assert message.id is not None
    if _is_permanent(error) or message.attempts >= MAX_ATTEMPTS:
        logger.warning("outbox message %s failed for good: %s", message.id, reason)
        _update(engine, message, status=OutboxStatus.FAILED, last_error=reason)
        done.failed.append(message.id)
    else:
        retry_at = now + retry_delay(message.attempts)
        _update(
            engine,
            message,
            status=OutboxStatus.PENDING,
            next_attempt_at=retry_at,
            last_error=reason,
        )
        done.retrying.append(message.id)


def _due_ids(engine: Engine, now: datetime) -> list[int]:
    query = (
        select(OutboxMessage.id)
        .where(
            col(OutboxMessage.status) == OutboxStatus.PENDING,
            col(OutboxMessage.next_attempt_at) <= now,
        )
        .order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
        .limit(BATCH_SIZE)
    )
    with Session(engine) as session:
        return [message_id for message_id in session.exec(query).all() if message_id is not None]


def _claim(engine: Engine, message_id: int, now: datetime) -> OutboxMessage | None:
    """The message, now ours to send until the lease ends; None if another worker took it."""
    with engine.begin() as connection:
        claimed = connection.execute(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id) == message_id,
                col(OutboxMessage.status) == OutboxStatus.PENDING,
                col(OutboxMessage.next_attempt_at) <= now,
            )
            .values(
                status=OutboxStatus.SENDING,
                attempts=col(OutboxMessage.attempts) + 1,
                next_attempt_at=now + SEND_LEASE,
            )
        ).rowcount
    if claimed != 1:
        return None
    with Session(engine) as session:
        return session.get(OutboxMessage, message_id)


def _update(engine: Engine, message: OutboxMessage, **values: object) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(OutboxMessage).where(col(OutboxMessage.id) == message.id).values(**values)
        )


class DeliveryWorker:
    """Runs `deliver_pending` every `interval` seconds in the background (asyncio task)."""

    def __init__(
        self,
        engine: Engine,
        smtp: SmtpServer,
        sender: str,
        *,
        interval: float = 5.0,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.engine, self.smtp, self.sender = engine, smtp, sender
        self.interval, self.clock = interval, clock
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name="outbox delivery")

    async def stop(self) -> None:
        """Let the current pass finish (it may be mid-send), then end."""
        if self._task is None:
            return
        self._stopping.set()
        with suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(self._task, timeout=self.smtp.timeout * 2)
        self._task = None

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await deliver_pending(self.engine, self.smtp, self.clock(), sender=self.sender)
            except Exception:  # a database hiccup must not end deliveries for good
                logger.exception("outbox delivery pass failed; trying again")
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self.interval)
