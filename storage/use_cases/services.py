"""What the use cases need, in one object that main.py builds (tests build their own)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine

from domain.provisioning import BackOfficeOperator, OperatorSystem
from storage.db.tables import utc_now
from storage.events import OrderChanged, OrderEvents
from storage.throttle import SignInThrottle


@dataclass(frozen=True)
class Services:
    engine: Engine
    documents_dir: Path  # private: outside every served folder
    smdp_address: str  # the SM-DP+ server in eSIM activation codes
    public_url: str | None = None  # links in e-mails; None: the e-mails carry no link
    # Where the app is reached (the public URL, else where it listens): the employee's link,
    # which cannot do without an address, is built on it.
    app_url: str = "http://localhost:8080"
    clock: Callable[[], datetime] = utc_now  # timezone-aware; tests set their own
    demo: bool = False  # demo logins on the sign-in page and the demo mailbox
    mail_server: bool = False  # an SMTP server delivers the outbox (else the mail stays there)
    events: OrderEvents = field(default_factory=OrderEvents)  # order changes, to open pages
    operator: OperatorSystem = field(default_factory=BackOfficeOperator)  # takes the orders
    session_idle: timedelta = timedelta(minutes=30)  # a session ends after this without a request
    session_lifetime: timedelta = timedelta(hours=12)  # and this long after sign-in, whatever
    # Failed sign-ins counted per account and per address (in Redis when several instances).
    throttle: SignInThrottle = field(default_factory=SignInThrottle)
    # Webhooks to private, local or loopback addresses (and over http there): tests only.
    webhooks_allow_private: bool = False
    redis_url: str | None = None  # several instances share limits and news through it
    instance_name: str | None = None  # which of several instances this is, in /healthz

    def announce(self, reference: str, company_id: int, status: str) -> None:
        """Tell open pages (of every instance) that an order changed; after the commit."""
        self.events.publish(OrderChanged(reference, company_id, status))
