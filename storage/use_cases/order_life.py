"""The life of an order after it is placed: the fleet manager cancels it or, once rejected,
corrects and resubmits it; the operator starts, completes or rejects it. Each change is one
transaction with its history entry and its e-mails; completion puts the line in the fleet."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from domain.fields import Invalid, check_note
from domain.orders import (
    OPERATOR,
    Actor,
    IllegalTransition,
    OrderStatus,
    StatusChange,
    transition,
)
from domain.problems import Problem
from domain.rejections import RejectionReason
from storage.db.tables import Order, OrderEvent
from storage.mail.order_mails import write_update_mails
from storage.queries.accounts import SignedInManager
from storage.queries.keys import lookup_key
from storage.queries.orders import OrderView, order_view
from storage.use_cases.fleet_lines import add_ordered_line
from storage.use_cases.services import Services
from storage.webhooks.events import tell_order


@dataclass(frozen=True)
class NotFound:
    """No such order for this company (another company's order reads the same)."""


@dataclass(frozen=True)
class NotNow:
    """The order's status no longer allows this change (another tab or the operator moved it)."""

    status: OrderStatus


@dataclass(frozen=True)
class NoteNeeded:
    """ "Other" as a rejection reason needs the operator's own words."""


@dataclass(frozen=True)
class NoteRefused:
    """The note breaks a rule of the domain (it is too long); ``problem`` says what to do."""

    problem: Problem


ChangeOutcome = OrderView | NotFound | NotNow
# What a change does besides its status, inside its transaction.
Effect = Callable[[Session, Order], None]


def cancel_order(services: Services, manager: SignedInManager, reference: str) -> ChangeOutcome:
    """The fleet manager withdraws an order the operator has not started yet."""
    actor = Actor.fleet_manager(manager.id, manager.name)
    return _change(services, reference, manager.company_id, OrderStatus.CANCELLED, actor)


def start_order(services: Services, reference: str) -> ChangeOutcome:
    """The operator starts working on an order (of any company)."""
    return _change(services, reference, None, OrderStatus.IN_PROGRESS, OPERATOR)


def reject_order(
    services: Services, reference: str, reason: RejectionReason, note: str = ""
) -> ChangeOutcome | NoteNeeded | NoteRefused:
    """The operator rejects an order with a reason the fleet manager can act on."""
    checked = check_note(note)
    if isinstance(checked, Invalid):
        return NoteRefused(Problem("note", checked.message, dict(checked.params)))
    if reason.needs_note and not checked.value:
        return NoteNeeded()
    return _change(
        services, reference, None, OrderStatus.REJECTED, OPERATOR, reason=reason, note=note
    )


def complete_order(services: Services, reference: str) -> ChangeOutcome:
    """The operator completes an order: its line joins the company's fleet, as ordered."""
    return _change(
        services, reference, None, OrderStatus.COMPLETED, OPERATOR, effect=add_ordered_line
    )


def _change(
    services: Services,
    reference: str,
    company_id: int | None,
    to_status: OrderStatus,
    actor: Actor,
    *,
    reason: RejectionReason | None = None,
    note: str = "",
    effect: Effect | None = None,
) -> ChangeOutcome:
    """Move the order (of ``company_id``, or of any company for the operator) and record it."""
    with Session(services.engine) as session:
        order = _order(session, reference, company_id)
        if order is None:
            return NotFound()
        current = OrderStatus(order.status)
        try:
            change = transition(current, to_status, services.clock(), reason, actor, note)
        except IllegalTransition:
            return NotNow(current)
        if not moved(session, order, change):  # another change came first
            session.rollback()
            return NotNow(OrderStatus(_status_now(session, order)))
        if effect is not None:
            effect(session, order)
        session.add(history_entry(order, change))
        write_update_mails(session, order, change, services.public_url)
        tell_order(session, order.company_id, order.reference, to_status, change.at)
        session.commit()
        owner = order.company_id
    services.announce(reference, owner, to_status.value)
    view = order_view(services.engine, owner, reference)
    assert view is not None
    return view


def _order(session: Session, reference: str, company_id: int | None) -> Order | None:
    if lookup_key(reference) is None:
        return None
    query = select(Order).where(Order.reference == reference)
    if company_id is not None:
        query = query.where(Order.company_id == company_id)
    return session.exec(query).first()


def moved(session: Session, order: Order, change: StatusChange) -> bool:
    """Set the new status only if the order still has the one the change starts from: two
    changes at the same moment cannot both win."""
    assert change.from_status is not None
    moved = session.execute(
        update(Order)
        .where(col(Order.id) == order.id, col(Order.status) == change.from_status.value)
        .values(
            status=change.to_status.value,
            rejection_reason=change.reason,
            rejection_note=change.note,
        )
    )
    session.refresh(order)
    return bool(moved.rowcount)  # type: ignore[attr-defined]


def _status_now(session: Session, order: Order) -> str:
    session.refresh(order)
    return order.status


def history_entry(order: Order, change: StatusChange) -> OrderEvent:
    assert order.id is not None
    actor = change.actor
    return OrderEvent(
        order_id=order.id,
        at=change.at,
        from_status=change.from_status.value if change.from_status else None,
        to_status=change.to_status.value,
        note=change.reason,
        comment=change.note,
        actor=stored_actor(actor),
        actor_name=actor.name or None,
    )


def stored_actor(actor: Actor) -> str:
    """Who acted, as a history entry keeps it ("manager:<id>", "operator", ...)."""
    return f"{actor.kind}:{actor.manager_id}" if actor.manager_id else actor.kind.value
