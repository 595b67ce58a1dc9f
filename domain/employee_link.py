"""The employee's own link (issue 15): a single-use address, bound to one request and one
purpose, that lets the employee give their part (a transfer's donor details and the owner's
consent, or the Invoice Split signature) without an account.

The link's secret is random (256 bits) and only its SHA-256 is kept, so a copy of the database
gives no working link; it serves one purpose, once, for 7 days, unless the fleet manager
revokes it first.
"""

import dataclasses
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.orders import Actor
from domain.request import CardType, OrderRequest, RequestType, enum_value, flag_value
from domain.texts import N_

LINK_LIFETIME = timedelta(days=7)
REMIND_AFTER = timedelta(days=2)  # one reminder, with a new link, if the employee has not answered
TOKEN_BYTES = 32  # 256 bits: far past guessing, as the issue asks for at least 128


class LinkPurpose(StrEnum):
    TRANSFER_DETAILS = "transfer_details"  # the donor details and the owner's consent
    INVOICE_SPLIT_SIGNATURE = "invoice_split_signature"  # the contract, signed

    @property
    def label(self) -> str:
        return _PART_LABELS[self]


_PART_LABELS = {
    LinkPurpose.TRANSFER_DETAILS: N_(
        "Confirm the number and give its owner's details and consent to the transfer"
    ),
    LinkPurpose.INVOICE_SPLIT_SIGNATURE: N_("Read and sign the Invoice Split contract"),
}


class LinkState(StrEnum):
    OPEN = "open"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"
    REPLACED = "replaced"  # a newer link was sent (a resend or the reminder)

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
    LinkState.REPLACED: N_(
        "This link was replaced by a newer one: open the latest e-mail from {manager} at {company}."
    ),
}


@dataclass(frozen=True)
class EmployeeLink:
    """A link as kept: never its secret, only when it was made, used or withdrawn."""

    purpose: LinkPurpose
    created_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None
    replaced: bool = False

    @property
    def expires_at(self) -> datetime:
        return self.created_at + LINK_LIFETIME

    def state(self, now: datetime) -> LinkState:
        """Whether the link opens at ``now``; a used or withdrawn link says so even once it
        would have expired, as that is what the employee needs to hear."""
        if self.used_at is not None:
            return LinkState.USED
        if self.replaced:
            return LinkState.REPLACED
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


# What the employee gives for each part, as request fields.
PART_FIELDS: dict[LinkPurpose, tuple[str, ...]] = {
    LinkPurpose.TRANSFER_DETAILS: (
        "owner_type",
        "owner_name",
        "enterprise_number",
        "donor_iccid",
        "donor_customer_number",
        "owner_consent",
    ),
    LinkPurpose.INVOICE_SPLIT_SIGNATURE: (
        "invoice_split_contract_id",
        "invoice_split_contract_basis",
    ),
}


def asked_parts(request: OrderRequest) -> tuple[LinkPurpose, ...]:
    """What this request asks of the employee, in the order their page asks it."""
    parts = []
    is_transfer = enum_value(RequestType, request.request_type) is RequestType.TRANSFER
    if is_transfer and flag_value(request.ask_employee_transfer):
        parts.append(LinkPurpose.TRANSFER_DETAILS)
    if flag_value(request.invoice_split) and flag_value(request.ask_employee_signature):
        parts.append(LinkPurpose.INVOICE_SPLIT_SIGNATURE)
    return tuple(parts)


def waits_for_employee(request: OrderRequest) -> bool:
    """Whether the request still needs the employee's part before it can be sent."""
    return bool(asked_parts(request)) and not flag_value(request.employee_answered)


def employee_fields(request: OrderRequest) -> frozenset[str]:
    """The request fields the employee gives (none if nothing is asked of them)."""
    return frozenset(name for part in asked_parts(request) for name in PART_FIELDS[part])


def with_employee_answers(request: OrderRequest, answers: OrderRequest) -> OrderRequest:
    """``request`` with the employee's fields taken from ``answers``, nothing else."""
    given = {name: getattr(answers, name) for name in employee_fields(request)}
    return dataclasses.replace(request, **given)


def donor_field(request: OrderRequest) -> str | None:
    """What identifies the number at its current operator, by card type."""
    card_type = enum_value(CardType, request.card_type)
    if card_type is CardType.PREPAID:
        return "donor_iccid"
    return "donor_customer_number" if card_type is CardType.SUBSCRIPTION else None


class WaitingState(StrEnum):
    """Where a request sent to the employee stands, as the fleet manager's list shows it."""

    WAITING = "waiting"  # the link is out
    ANSWERED = "answered"  # the employee is done: the fleet manager checks and sends
    SENT = "sent"  # an order now
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # 7 days without an answer

    @property
    def label(self) -> str:
        return _WAITING_LABELS[self]


_WAITING_LABELS = {
    WaitingState.WAITING: N_("Waiting for the employee"),
    WaitingState.ANSWERED: N_("The employee is done: check and send"),
    WaitingState.SENT: N_("Sent"),
    WaitingState.CANCELLED: N_("Cancelled"),
    WaitingState.EXPIRED: N_("The link expired"),
}


class EmployeeAction(StrEnum):
    """An entry of the request's history before it became an order (kept with the order)."""

    ASKED = "asked"
    LINK_SENT_AGAIN = "link_sent_again"
    REMINDED = "reminded"
    TRANSFER_GIVEN = "transfer_given"
    CONTRACT_SIGNED = "contract_signed"
    CORRECTED = "corrected"  # the fleet manager changed an answer of the employee's
    CANCELLED = "cancelled"
    SENT_BY_ITSELF = "sent_by_itself"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    EmployeeAction.ASKED: N_("Link sent to the employee for their part"),
    EmployeeAction.LINK_SENT_AGAIN: N_("New link sent to the employee"),
    EmployeeAction.REMINDED: N_("Reminder sent to the employee, with a new link"),
    EmployeeAction.TRANSFER_GIVEN: N_("Owner's details and consent given by the employee"),
    EmployeeAction.CONTRACT_SIGNED: N_("Invoice Split contract signed online by the employee"),
    EmployeeAction.CORRECTED: N_("The employee's answers corrected by the fleet manager"),
    EmployeeAction.CANCELLED: N_("Request to the employee cancelled"),
    EmployeeAction.SENT_BY_ITSELF: N_("Sent by itself once the employee was done"),
}


def waiting_state(
    link: EmployeeLink, answered_at: datetime | None, sent: bool, cancelled: bool, now: datetime
) -> WaitingState:
    if sent:
        return WaitingState.SENT
    if cancelled:
        return WaitingState.CANCELLED
    if answered_at is not None:
        return WaitingState.ANSWERED
    return WaitingState.EXPIRED if now >= link.expires_at else WaitingState.WAITING


def reminder_due(link: EmployeeLink, reminded: bool, now: datetime) -> bool:
    """The one reminder goes 2 days after the first link, while the employee has not answered."""
    return (
        not reminded and link.state(now) is LinkState.OPEN and now >= link.created_at + REMIND_AFTER
    )


@dataclass(frozen=True)
class EmployeeEvent:
    """One entry of the request's history before its order; ``actor`` as an order's history
    names it (``domain.orders.Actor``)."""

    action: EmployeeAction
    at: datetime
    actor: Actor
    detail: str | None = None


def link_reference(secret_hash: str) -> str:
    """How the signed contract names its link: a piece of the hash, never the secret."""
    return f"L-{secret_hash[:12].upper()}"
