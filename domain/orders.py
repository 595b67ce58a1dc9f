"""What happens to an order after submission: its status machine and its reference."""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.request import OrderRequest
from domain.sla import Turnaround
from domain.texts import N_


class OrderStatus(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REJECTED = "rejected"  # with a reason the fleet manager can act on
    CANCELLED = "cancelled"  # by the fleet manager, only while received

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_final(self) -> bool:
        return not _ALLOWED[self]


_LABELS = {
    OrderStatus.RECEIVED: N_("Received"),
    OrderStatus.IN_PROGRESS: N_("In progress"),
    OrderStatus.COMPLETED: N_("Completed"),
    OrderStatus.REJECTED: N_("Rejected"),
    OrderStatus.CANCELLED: N_("Cancelled"),
}

_ALLOWED: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.RECEIVED: frozenset(
        {OrderStatus.IN_PROGRESS, OrderStatus.REJECTED, OrderStatus.CANCELLED}
    ),
    OrderStatus.IN_PROGRESS: frozenset({OrderStatus.COMPLETED, OrderStatus.REJECTED}),
    OrderStatus.REJECTED: frozenset({OrderStatus.RECEIVED}),  # corrected and resubmitted
    OrderStatus.COMPLETED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}

# Orders still on their way: their number and SIM card are taken until they end.
OPEN_STATUSES: tuple[OrderStatus, ...] = (OrderStatus.RECEIVED, OrderStatus.IN_PROGRESS)


def is_overdue(status: OrderStatus, due_at: datetime, now: datetime) -> bool:
    """Its expected completion has passed while the operator still has it."""
    return status in OPEN_STATUSES and due_at < now


class ActorKind(StrEnum):
    FLEET_MANAGER = "manager"
    OPERATOR = "operator"
    SYSTEM = "system"
    EMPLOYEE = "employee"  # the line's employee, through their own link (no order moves)


# Who may make which move: the fleet manager cancels and resubmits, the operator does the rest.
_MOVES_BY: dict[ActorKind, frozenset[tuple[OrderStatus, OrderStatus]]] = {
    ActorKind.FLEET_MANAGER: frozenset(
        {
            (OrderStatus.RECEIVED, OrderStatus.CANCELLED),
            (OrderStatus.REJECTED, OrderStatus.RECEIVED),
        }
    ),
    ActorKind.OPERATOR: frozenset(
        {
            (OrderStatus.RECEIVED, OrderStatus.IN_PROGRESS),
            (OrderStatus.RECEIVED, OrderStatus.REJECTED),
            (OrderStatus.IN_PROGRESS, OrderStatus.REJECTED),
            (OrderStatus.IN_PROGRESS, OrderStatus.COMPLETED),
        }
    ),
    ActorKind.SYSTEM: frozenset(),
    ActorKind.EMPLOYEE: frozenset(),
}


@dataclass(frozen=True)
class Actor:
    """Who changed an order: a fleet manager (by name), the operator or the system."""

    kind: ActorKind
    name: str = ""  # the fleet manager's name; empty for the operator and the system
    manager_id: int | None = None

    @classmethod
    def fleet_manager(cls, manager_id: int, name: str) -> "Actor":
        return cls(ActorKind.FLEET_MANAGER, name, manager_id)

    @classmethod
    def employee(cls, name: str) -> "Actor":
        return cls(ActorKind.EMPLOYEE, name)

    @property
    def label(self) -> str:
        """A message id with a ``{name}`` placeholder for the fleet manager's name."""
        return _ACTOR_LABELS[self.kind]


OPERATOR = Actor(ActorKind.OPERATOR)
SYSTEM = Actor(ActorKind.SYSTEM)
_ACTOR_LABELS = {
    ActorKind.FLEET_MANAGER: N_("by {name}"),
    ActorKind.OPERATOR: N_("by the operator"),
    ActorKind.SYSTEM: N_("by the system"),
    ActorKind.EMPLOYEE: N_("by {name}, the employee"),
}


class DomainError(Exception):
    """A rule of the business was broken by the calling code (not a user typing error)."""


class IllegalTransition(DomainError):
    """An order status change the status machine does not allow."""


@dataclass(frozen=True)
class PlacedOrder:
    """A submitted order as the confirmation, the order page and the e-mails show it."""

    order_id: int
    reference: str
    request: OrderRequest
    turnaround: Turnaround
    submitted_at: datetime  # timezone-aware
    due_at: datetime  # timezone-aware
    esim_activation_code: str | None
    contract_document_id: str | None


@dataclass(frozen=True)
class StatusChange:
    """One entry of an order's history (the first one has no status before it)."""

    from_status: OrderStatus | None
    to_status: OrderStatus
    at: datetime
    reason: str | None = None  # a RejectionReason value, when rejecting
    actor: Actor = SYSTEM
    note: str | None = None  # the operator's own words, with a reason or on its own


def can_transition(from_status: OrderStatus, to_status: OrderStatus) -> bool:
    """Whether an order may go from ``from_status`` to ``to_status``."""
    return to_status in _ALLOWED[from_status]


def may_move(actor: Actor, from_status: OrderStatus, to_status: OrderStatus) -> bool:
    """Whether ``actor`` is the one who makes this move."""
    return (from_status, to_status) in _MOVES_BY[actor.kind]


def transition(
    from_status: OrderStatus,
    to_status: OrderStatus,
    at: datetime,
    reason: str | None = None,
    actor: Actor | None = None,
    note: str | None = None,
) -> StatusChange:
    """The history entry of a legal change; raises ``IllegalTransition`` otherwise (a move
    the machine does not have, one this actor does not make, a rejection without a reason)."""
    if not can_transition(from_status, to_status):
        allowed = ", ".join(sorted(_ALLOWED[from_status])) or "none, it is final"
        raise IllegalTransition(
            f"An order cannot go from {from_status} to {to_status} (allowed: {allowed})."
        )
    if actor is not None and not may_move(actor, from_status, to_status):
        raise IllegalTransition(f"The {actor.kind} does not move an order to {to_status}.")
    if to_status is OrderStatus.REJECTED and not (reason and reason.strip()):
        raise IllegalTransition("A rejection needs a reason the fleet manager can act on.")
    if at.tzinfo is None:
        raise ValueError("A status change time must be timezone-aware.")
    return StatusChange(
        from_status,
        to_status,
        at,
        reason.strip() if reason else None,
        actor or SYSTEM,
        note.strip() if note and note.strip() else None,
    )


# Crockford's base32: no I, L, O or U, so a reference read out on the phone is not misheard.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "FL"
_GROUP = f"[{REFERENCE_ALPHABET}]{{4}}"
_REFERENCE = re.compile(f"{REFERENCE_PREFIX}-{_GROUP}-{_GROUP}")
# How Crockford decoding reads the letters people confuse with digits.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_order_reference() -> str:
    """A fresh reference like ``FL-7K3Q-9PXM`` (40 random bits); storage keeps it unique."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX}-{body[:4]}-{body[4:]}"


def normalise_order_reference(text: str) -> str | None:
    """A reference as typed (any case, spaces, O for 0...) in its canonical form, or None."""
    compact = "".join(char for char in text.upper() if char.isalnum())
    if compact.startswith(REFERENCE_PREFIX):
        compact = compact[len(REFERENCE_PREFIX) :]
    compact = compact.translate(_LOOKALIKES)
    candidate = f"{REFERENCE_PREFIX}-{compact[:4]}-{compact[4:]}"
    return candidate if _REFERENCE.fullmatch(candidate) else None
