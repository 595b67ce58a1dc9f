"""Delivery over a real SMTP server on loopback (aiosmtpd), driven pass by pass with explicit times."""

import asyncio
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import update
from sqlalchemy.engine import Engine

from storage.db.engine import create_schema, make_engine
from storage.db.tables import OutboxMessage, OutboxStatus
from storage.mail.delivery import (
    MAX_ATTEMPTS,
    SEND_LEASE,
    DeliveryWorker,
    SmtpServer,
    deliver_pending,
    parse_smtp_url,
    retry_delay,
)
from storage.mail.messages import (
    ConfirmationDetails,
    confirmation_message,
    esim_profile_message,
)
from tests.mail_helpers import (
    ACTIVATION_CODE,
    T0,
    decode_qr,
    enqueue_committed,
    esim_details,
    esim_mail,
    outbox_row,
)

SENDER = "Fleet self-service <no-reply@fleet.example.be>"


class Inbox:
    """An aiosmtpd handler that keeps what it accepts, or answers every message with `reply`."""

    def __init__(self, reply: str = "250 Message accepted") -> None:
        self.reply = reply
        self.envelopes: list[Any] = []
        self.received = threading.Event()  # set from the server's own thread

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.reply.startswith("250"):
            self.envelopes.append(envelope)
            self.received.set()
        return self.reply

    def messages(self) -> list[EmailMessage]:
        return [
            message_from_bytes(envelope.content, policy=policy.default)  # type: ignore[misc]
            for envelope in self.envelopes
        ]


@contextmanager
def smtp_server(port: int, inbox: Inbox, **options: Any) -> Iterator[Inbox]:
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def engine(isolated_data: Path) -> Iterator[Engine]:
    """An empty database: delivery needs no demo company (and seeding costs password hashes)."""
    engine = make_engine(f"sqlite:///{isolated_data / 'fleet.db'}")
    create_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(port: int) -> SmtpServer:
    return SmtpServer("127.0.0.1", port, timeout=5)


@pytest.fixture
def inbox(port: int) -> Iterator[Inbox]:
    with smtp_server(port, Inbox()) as inbox:
        yield inbox


async def deliver(engine: Engine, smtp: SmtpServer, now: datetime = T0) -> Any:
    return await deliver_pending(engine, smtp, now, sender=SENDER)


def qr_images(message: EmailMessage) -> list[tuple[str, bytes]]:
    return [
        (str(part["Content-ID"]), part.get_content())
        for part in message.walk()
        if part.get_content_type() == "image/png"
    ]


async def test_esim_email_reaches_the_end_user_with_a_qr_image_of_the_activation_code(
    engine: Engine, smtp: SmtpServer, inbox: Inbox
) -> None:
    enqueue_committed(engine, esim_mail("en"))
    await deliver(engine, smtp)
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["lotte.janssens@nova-logistics.be"]
    assert envelope.mail_from == "no-reply@fleet.example.be"
    [received] = inbox.messages()
    [(content_id, png)] = qr_images(received)
    assert decode_qr(png) == [ACTIVATION_CODE]
    html = received.get_body(("html",))
    assert html is not None
    assert f'src="cid:{content_id.strip("<>")}"' in html.get_content()
    text = received.get_body(("plain",))
    assert text is not None and ACTIVATION_CODE in text.get_content()


async def test_email_is_text_and_html_alternatives_with_the_image_related_to_the_html(
    engine: Engine, smtp: SmtpServer, inbox: Inbox
) -> None:
    enqueue_committed(engine, esim_mail())
    await deliver(engine, smtp)
    [received] = inbox.messages()
    structure = [part.get_content_type() for part in received.walk()]
    assert structure == [
        "multipart/alternative",
        "text/plain",
        "multipart/related",
        "text/html",
        "image/png",
    ]


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("fr", "Votre profil eSIM pour le +32 470 12 34 00"),
        ("nl", "Uw eSIM-profiel voor +32 470 12 34 00"),
        ("en", "Your eSIM profile for +32 470 12 34 00"),
    ],
)
async def test_email_arrives_in_the_recipients_language(
    engine: Engine, smtp: SmtpServer, inbox: Inbox, language: str, subject: str
) -> None:
    enqueue_committed(engine, esim_mail(language))
    await deliver(engine, smtp)
    [received] = inbox.messages()
    assert received["Subject"] == subject
    assert received["Content-Language"] == language
    html = received.get_body(("html",))
    assert html is not None and f'<html lang="{language}">' in html.get_content()


async def test_confirmation_and_esim_copy_go_to_the_fleet_manager_and_the_profile_to_the_end_user(
    engine: Engine, smtp: SmtpServer, inbox: Inbox
) -> None:
    manager = "sofie.peeters@nova-logistics.be"
    confirmation = ConfirmationDetails(
        "FS-7K3Q9", "en", "Sofie Peeters", manager, "Nova Logistics NV", [], "1 hour", T0
    )
    enqueue_committed(engine, confirmation_message(confirmation))
    for mail in esim_profile_message(esim_details("nl"), copy_to=manager, copy_language="en"):
        enqueue_committed(engine, mail)
    await deliver(engine, smtp)
    received = [
        (e.rcpt_tos, message["Subject"])
        for e, message in zip(inbox.envelopes, inbox.messages(), strict=True)
    ]
    assert received == [
        ([manager], "Your request FS-7K3Q9 has been received"),
        (["lotte.janssens@nova-logistics.be"], "Uw eSIM-profiel voor +32 470 12 34 00"),
        ([manager], "Copy: Your eSIM profile for +32 470 12 34 00"),
    ]


async def test_message_waits_for_a_later_attempt_while_the_server_is_down(
    engine: Engine, smtp: SmtpServer
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    done = await deliver(engine, smtp)  # nothing listens on the port
    row = outbox_row(engine, message_id)
    assert done.retrying == [message_id]
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert row.next_attempt_at == T0 + timedelta(seconds=30)
    assert row.last_error


async def test_waiting_message_is_not_retried_before_its_next_attempt(
    engine: Engine, smtp: SmtpServer, port: int
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    await deliver(engine, smtp)  # server down: next attempt at T0 + 30 s
    with smtp_server(port, Inbox()) as inbox:
        await deliver(engine, smtp, T0 + timedelta(seconds=29))
        assert inbox.envelopes == []
    assert outbox_row(engine, message_id).attempts == 1


async def test_waiting_message_is_delivered_once_the_server_is_back_and_never_again(
    engine: Engine, smtp: SmtpServer, port: int
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    await deliver(engine, smtp)  # server down
    with smtp_server(port, Inbox()) as inbox:
        done = await deliver(engine, smtp, T0 + timedelta(seconds=30))
        later = await deliver(engine, smtp, T0 + timedelta(days=1))
        assert len(inbox.envelopes) == 1
    row = outbox_row(engine, message_id)
    assert (done.sent, later.sent) == ([message_id], [])
    assert (row.status, row.attempts, row.sent_at) == (
        OutboxStatus.SENT,
        2,
        T0 + timedelta(seconds=30),
    )


def test_back_off_doubles_from_30_seconds_up_to_an_hour() -> None:
    delays = [retry_delay(attempts).total_seconds() for attempts in range(1, 10)]
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


async def test_message_is_given_up_after_too_many_attempts(
    engine: Engine, smtp: SmtpServer
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    now = T0
    for _attempt in range(MAX_ATTEMPTS):
        await deliver(engine, smtp, now)
        now = outbox_row(engine, message_id).next_attempt_at
    row = outbox_row(engine, message_id)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)
    assert "ConnectError" in (row.last_error or "")


async def test_permanent_rejection_fails_the_message_at_once_with_the_reason(
    engine: Engine, smtp: SmtpServer, port: int
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    with smtp_server(port, Inbox("550 5.7.1 Message refused by policy")):
        done = await deliver(engine, smtp)
    row = outbox_row(engine, message_id)
    assert done.failed == [message_id]
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 1)
    assert "Message refused by policy" in (row.last_error or "")


async def test_temporary_rejection_is_retried(engine: Engine, smtp: SmtpServer, port: int) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    with smtp_server(port, Inbox("451 4.3.0 Try again later")):
        done = await deliver(engine, smtp)
    assert done.retrying == [message_id]
    assert outbox_row(engine, message_id).status == OutboxStatus.PENDING


async def test_restart_resumes_the_pending_messages(
    engine: Engine, smtp: SmtpServer, port: int
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    await deliver(engine, smtp)  # server down, then the app stops
    url = str(engine.url)
    engine.dispose()
    restarted = make_engine(url)
    try:
        with smtp_server(port, Inbox()) as inbox:
            await deliver(restarted, smtp, T0 + timedelta(minutes=1))
            assert len(inbox.envelopes) == 1
        assert outbox_row(restarted, message_id).status == OutboxStatus.SENT
    finally:
        restarted.dispose()


async def test_message_interrupted_mid_send_is_sent_again_only_when_its_lease_ends(
    engine: Engine, smtp: SmtpServer, inbox: Inbox
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    with engine.begin() as connection:  # a worker claimed it at T0, then the process died
        connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)  # type: ignore[arg-type]
            .values(status=OutboxStatus.SENDING, attempts=1, next_attempt_at=T0 + SEND_LEASE)
        )
    await deliver(engine, smtp, T0 + SEND_LEASE - timedelta(seconds=1))
    assert inbox.envelopes == []  # another instance may still be sending it
    await deliver(engine, smtp, T0 + SEND_LEASE)
    assert len(inbox.envelopes) == 1
    assert outbox_row(engine, message_id).status == OutboxStatus.SENT


async def test_two_workers_running_together_send_each_message_once(
    engine: Engine, smtp: SmtpServer, inbox: Inbox
) -> None:
    ids = [enqueue_committed(engine, esim_mail()) for _ in range(4)]
    first, second = await asyncio.gather(deliver(engine, smtp), deliver(engine, smtp))
    assert sorted(first.sent + second.sent) == ids
    assert len(inbox.envelopes) == 4


async def test_credentials_of_the_smtp_url_are_used_to_log_in(engine: Engine, port: int) -> None:
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"p@ss:word")

    enqueue_committed(engine, esim_mail())
    smtp = parse_smtp_url(f"smtp://fleet%40nova:p%40ss%3Aword@127.0.0.1:{port}")
    with smtp_server(port, Inbox(), authenticator=authenticator, auth_require_tls=False) as inbox:
        await deliver(engine, smtp)
        assert len(inbox.envelopes) == 1
    assert logins == [(b"fleet@nova", b"p@ss:word")]


FIXTURES = Path(__file__).parents[1] / "fixtures"
# A self-signed certificate for 127.0.0.1, valid until 2126 (made with openssl req -x509).
TEST_CERTIFICATE = FIXTURES / "smtp-test-cert.pem"


def server_tls() -> ssl.SSLContext:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(TEST_CERTIFICATE, FIXTURES / "smtp-test-key.pem")
    return tls


def starttls_server(port: int, logins: list[bytes]) -> Any:
    """A submission server as providers run them: STARTTLS first, then login, then mail."""

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        logins.append(data.login)
        return AuthResult(success=data.password == b"secret")

    return smtp_server(
        port, Inbox(), tls_context=server_tls(), require_starttls=True, authenticator=authenticator
    )


async def test_starttls_then_login_delivers_over_an_encrypted_connection(
    engine: Engine, port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TEST_CERTIFICATE))  # trust the test certificate
    message_id = enqueue_committed(engine, esim_mail())
    smtp = parse_smtp_url(f"smtp://fleet:secret@127.0.0.1:{port}?starttls=true")
    logins: list[bytes] = []
    with starttls_server(port, logins) as inbox:
        done = await deliver(engine, smtp)
        assert len(inbox.envelopes) == 1
    assert done.sent == [message_id]
    assert logins == [b"fleet"]


async def test_smtps_delivers_over_tls_from_the_first_byte(
    engine: Engine, port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TEST_CERTIFICATE))
    message_id = enqueue_committed(engine, esim_mail())
    smtp = parse_smtp_url(f"smtps://127.0.0.1:{port}")
    with smtp_server(port, Inbox(), server_hostname="127.0.0.1", ssl_context=server_tls()) as inbox:
        done = await deliver(engine, smtp)
        assert len(inbox.envelopes) == 1
    assert done.sent == [message_id]


async def test_a_server_whose_certificate_is_not_trusted_gets_nothing(
    engine: Engine, port: int
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    smtp = parse_smtp_url(f"smtp://fleet:secret@127.0.0.1:{port}?starttls=true")
    logins: list[bytes] = []
    with starttls_server(port, logins) as inbox:
        done = await deliver(engine, smtp)
        assert inbox.envelopes == []
    assert logins == []  # the password never left over an unverified connection
    assert done.retrying == [message_id]
    assert "certificate" in (outbox_row(engine, message_id).last_error or "").lower()


def test_smtp_url_with_starttls() -> None:
    assert parse_smtp_url("smtp://user:secret@mail.example.be:587?starttls=true") == SmtpServer(
        "mail.example.be", 587, "user", "secret", starttls=True
    )


def test_smtps_url_means_tls_from_the_start_on_port_465() -> None:
    server = parse_smtp_url("smtps://mail.example.be")
    assert (server.port, server.implicit_tls, server.starttls, server.username) == (
        465,
        True,
        False,
        None,
    )


def test_smtp_url_must_be_smtp_or_smtps() -> None:
    for wrong in ("http://mail.example.be", "smtp://", "smtps://mail.example.be?starttls=true"):
        with pytest.raises(ValueError):
            parse_smtp_url(wrong)


async def test_background_worker_delivers_pending_messages(
    engine: Engine, smtp: SmtpServer, inbox: Inbox
) -> None:
    message_id = enqueue_committed(engine, esim_mail())
    worker = DeliveryWorker(engine, smtp, SENDER, interval=0.05, clock=lambda: T0)
    await worker.start()
    try:
        assert await asyncio.to_thread(inbox.received.wait, 10)
    finally:
        await worker.stop()
    assert outbox_row(engine, message_id).status == OutboxStatus.SENT
