"""The employee's own link (issue 15): a single-use address, bound to one request and one
purpose, that lets the employee give their part (a transfer's donor details and the owner's
consent, or the Invoice Split signature) without an account.

The link's secret is random (256 bits) and only its SHA-256 is kept, so a copy of the database
gives no working link; it serves one purpose, once, for 7 days, unless the fleet manager
revokes it first.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.texts import N_

LINK_LIFETIME = timedelta(days=7)
TOKEN_BYTES = 32  # 256 bits: far past guessing, as the issue asks for at least 128


class LinkPurpose(StrEnum):
    TRANSFER_DETAILS = "transfer_details"  # the donor details and the owner's consent
    INVOICE_SPLIT_SIGNATURE = "invoice_split_signature"  # the contract, signed


class LinkState(StrEnum):
    OPEN = "open"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def message(self) -> str:
        """What the employee reads when the link no longer opens (with {manager} and
        {company}: whom to ask for a new one)."""
        return _MESSAGES[self]


_MESSAGES = {
    LinkState.OPEN: "",
    LinkState.USED: N_(
        "This link has already been used: your answers were sent. If something must change, ask {manager} at {company}."
    ),
    LinkState.EXPIRED: N_(
        "This link has expired: links are valid for 7 days. Ask {manager} at {company} for a new one."
    ),
    LinkState.REVOKED: N_(
        "This link no longer works: {manager} at {company} has withdrawn it. Ask them if you still need it."
    ),
}


@dataclass(frozen=True)
class EmployeeLink:
    """A link as kept: never its secret, only when it was made, used or withdrawn."""

    purpose: LinkPurpose
    created_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def expires_at(self) -> datetime:
        return self.created_at + LINK_LIFETIME

    def state(self, now: datetime) -> LinkState:
        """Whether the link opens at ``now``; a used or withdrawn link says so even once it
        would have expired, as that is what the employee needs to hear."""
        if self.used_at is not None:
            return LinkState.USED
        if self.revoked_at is not None:
            return LinkState.REVOKED
        if now >= self.expires_at:
            return LinkState.EXPIRED
        return LinkState.OPEN


def new_link_secret() -> str:
    """The secret of a new link, for its address (URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def link_hash(secret: str) -> str:
    """What is kept of a link's secret, and what a visited link is looked up by."""
    return hashlib.sha256(secret.encode()).hexdigest()
