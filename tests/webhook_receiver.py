"""A webhook receiver on loopback, for the tests: it verifies every delivery's signature with
the standardwebhooks library and records what it got; it can answer 500 for a while, or hold
a delivery (the sender dies meanwhile)."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook


@dataclass
class Received:
    event_id: str
    event_type: str
    reference: str | None
    verified: bool


@dataclass
class Receiver:
    url: str
    secret: str = ""
    received: list[Received] = field(default_factory=list)
    fail_next: int = 0  # answer 500 to this many deliveries first
    hold: threading.Event | None = None  # given: the first delivery waits until it is set
    holding: threading.Event = field(default_factory=threading.Event)

    def event_ids(self) -> list[str]:
        return [r.event_id for r in self.received]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"] or 0))
            headers = {key.lower(): value for key, value in self.headers.items()}
            try:
                Webhook(receiver.secret).verify(body, headers)
                verified = True
            except Exception:  # the library raises its own WebhookVerificationError
                verified = False
            payload = json.loads(body)
            receiver.received.append(
                Received(
                    headers["webhook-id"],
                    payload["type"],
                    payload["data"].get("reference"),
                    verified,
                )
            )
            if receiver.hold is not None and not receiver.holding.is_set():
                receiver.holding.set()
                receiver.hold.wait(30)
            status = 500 if receiver.fail_next > 0 else 204
            receiver.fail_next -= 1
            self.send_response(status)
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            return

    return Handler


@contextmanager
def receiver_on_loopback() -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    receiver = Receiver(f"http://127.0.0.1:{server.server_address[1]}/hooks/fleet")
    server.RequestHandlerClass = _handler(receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        if receiver.hold is not None:
            receiver.hold.set()
        server.shutdown()
        server.server_close()
