"""What the use cases need, in one object that main.py builds (tests build their own)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from storage.db.tables import utc_now


@dataclass(frozen=True)
class Services:
    engine: Engine
    documents_dir: Path  # private: outside every served folder
    smdp_address: str  # the SM-DP+ server in eSIM activation codes
    public_url: str | None = None  # links in e-mails; None: the e-mails carry no link
    clock: Callable[[], datetime] = utc_now  # timezone-aware; tests set their own
    demo: bool = False  # demo logins on the sign-in page and the demo mailbox
    mail_server: bool = False  # an SMTP server delivers the outbox (else the mail stays there)
