"""Placing an order: the order, its history, its e-mails and its contract in one transaction,
and one order per draft however often Send arrives."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from domain.context import FleetContext
from domain.esim import new_activation_code
from domain.orders import ActorKind, OrderStatus, PlacedOrder, new_order_reference
from domain.problems import Problem
from domain.request import OrderRequest, SimKind
from domain.sla import activation_kind, processing_time_of
from domain.texts import N_
from domain.validation import SIM_ALREADY_USED, normalise, validate_request
from storage.db.tables import Draft, Order, OrderEvent
from storage.documents.files import attach_to_order, contract_free
from storage.mail.order_mails import write_order_mails
from storage.queries.accounts import SignedInManager
from storage.queries.fleet_context import fleet_context, sim_in_use, with_sims_checked
from storage.queries.orders import placed_order
from storage.use_cases.employee_ties import tie_employee_request
from storage.use_cases.services import Services
from storage.webhooks.events import tell_order

CONTRACT_GONE = N_(
    "The uploaded contract can no longer be found. Upload the signed contract again."
)


@dataclass(frozen=True)
class Refused:
    """Why the order was not placed: the problems to show, each on its field."""

    problems: tuple[Problem, ...]


def place_order(
    services: Services, manager: SignedInManager, request: OrderRequest, submission_key: str
) -> PlacedOrder | Refused:
    """Save the order, or say what stops it. A second call with the same ``submission_key``
    (double click, second tab, retry) gives back the first order."""
    return place_orders(services, manager, [(request, submission_key)])[0]


def place_orders(
    services: Services,
    manager: SignedInManager,
    requests: Sequence[tuple[OrderRequest, str]],
) -> list[PlacedOrder | Refused]:
    """Each request's order (or why not), as ``place_order`` makes it, all in one transaction:
    a file of lines sends a hundred at a time. A race lost to another writer places them one
    by one instead, so only the request that lost it is refused."""
    with Session(services.engine) as session:
        try:
            outcomes = _place_all(session, services, manager, requests)
            session.commit()
        except IntegrityError:  # a race lost to another tab, or process, writing at the same time
            session.rollback()
            if len(requests) > 1:
                return [place_order(services, manager, *pair) for pair in requests]
            request, submission_key = requests[0]
            outcome = _after_race(session, manager, submission_key, normalise(request).sim_digits)
            if outcome is None:
                raise
            return [outcome]
    for outcome, new in outcomes:
        if new and isinstance(outcome, PlacedOrder):
            services.announce(outcome.reference, manager.company_id, OrderStatus.RECEIVED.value)
            services.operator.accept(outcome)
    return [outcome for outcome, _new in outcomes]


def _place_all(
    session: Session,
    services: Services,
    manager: SignedInManager,
    requests: Sequence[tuple[OrderRequest, str]],
) -> list[tuple[PlacedOrder | Refused, bool]]:
    """The outcomes in the caller's transaction, each with whether it is a new order; the
    company's context read once and kept up to date with each order added."""
    kept_requests = [normalise(request) for request, _key in requests]
    context = with_sims_checked(
        session, fleet_context(session, manager.company_id), [k.sim_digits for k in kept_requests]
    )
    existing = _placed_by_key(session, manager.company_id, [key for _r, key in requests])
    outcomes: list[tuple[PlacedOrder | Refused, bool]] = []
    for (request, submission_key), kept in zip(requests, kept_requests, strict=True):
        if submission_key in existing:  # a retry after a lost answer
            outcomes.append((existing[submission_key], False))
            continue
        problems = validate_request(request, context)
        if problems:
            outcomes.append((Refused(tuple(problems)), False))
        elif not contract_free(session, manager.company_id, kept.invoice_split_contract_id):
            outcomes.append(
                (Refused((Problem("invoice_split_contract_id", CONTRACT_GONE),)), False)
            )
        else:
            placed = place_in(session, services, manager, kept, submission_key, context)
            assert placed is not None  # its contract is free: checked just above
            context = context.with_order(kept.transfer_number, kept.sim_digits)
            outcomes.append((placed, True))
    delete_drafts(session, manager.id, [key for _r, key in requests])
    return outcomes


def place_in(
    session: Session,
    services: Services,
    manager: SignedInManager,
    request: OrderRequest,
    submission_key: str,
    context: FleetContext,
) -> PlacedOrder | None:
    """The order of a valid, normalised request in the caller's transaction: its history,
    contract, e-mails, and the request the employee answered (if any) tied to it; None if the
    contract is gone (the caller rolls back)."""
    placed = _place(session, services, manager, request, submission_key)
    if not _attach_contract(session, manager, placed):
        return None
    write_order_mails(session, manager, context, placed, services.public_url)
    tell_order(
        session, manager.company_id, placed.reference, OrderStatus.RECEIVED, placed.submitted_at
    )
    tie_employee_request(session, manager, placed, submission_key, services.clock())
    return placed


def _after_race(
    session: Session, manager: SignedInManager, submission_key: str, sim: str
) -> PlacedOrder | Refused | None:
    """What a lost race means for the caller; None: it was no race."""
    again = _placed(session, manager.company_id, submission_key)
    if again is not None:  # the same submission: give back its order
        return again
    if sim and sim_in_use(session, sim):  # another order took this SIM card meanwhile
        return Refused((Problem("sim_digits", SIM_ALREADY_USED),))
    return None


def _attach_contract(session: Session, manager: SignedInManager, placed: PlacedOrder) -> bool:
    """Tie the signed contract to the order; False if it is gone (removed in another tab)."""
    contract = placed.contract_document_id
    return not contract or attach_to_order(
        session, company_id=manager.company_id, public_id=contract, order_id=placed.order_id
    )


def _place(
    session: Session,
    services: Services,
    manager: SignedInManager,
    request: OrderRequest,
    submission_key: str,
) -> PlacedOrder:
    """Add the order and its first history entry to the session (flushed, not committed)."""
    now = services.clock()
    code = new_activation_code(services.smdp_address) if request.sim_kind is SimKind.ESIM else None
    order = Order(
        reference=_unused_reference(session),
        submission_key=submission_key,
        company_id=manager.company_id,
        manager_id=manager.id,
        status=OrderStatus.RECEIVED.value,
        submitted_at=now.astimezone(UTC),
        esim_activation_code=str(code) if code else None,
        **ordered(request, now),
    )
    session.add(order)
    session.flush()  # the unique submission key is checked here
    assert order.id is not None
    session.add(_first_event(order, manager))
    return placed_order(order)


def ordered(request: OrderRequest, now: datetime) -> dict[str, Any]:
    """The order's columns that follow from its (normalised) request sent at ``now``."""
    expected = processing_time_of(request, now)
    return {
        "request": request.to_dict(),
        "activation_kind": activation_kind(request).value,
        "turnaround": expected.turnaround.value,
        "due_at": expected.due.astimezone(UTC),
        "number": request.transfer_number or None,
        "sim_digits": request.sim_digits or None,
        "end_user_name": request.end_user_name,
        "plan_code": request.plan_code or "",
        "contract_document_id": request.invoice_split_contract_id,
    }


def _first_event(order: Order, manager: SignedInManager) -> OrderEvent:
    assert order.id is not None
    at: datetime = order.submitted_at
    return OrderEvent(
        order_id=order.id,
        at=at,
        to_status=order.status,
        actor=f"{ActorKind.FLEET_MANAGER}:{manager.id}",
        actor_name=manager.name,
    )


def delete_drafts(session: Session, manager_id: int, submission_keys: Sequence[str]) -> None:
    """The drafts that became these orders (or had, before a lost answer), in one statement."""
    session.execute(
        delete(Draft).where(
            col(Draft.manager_id) == manager_id, col(Draft.submission_key).in_(submission_keys)
        )
    )


def _placed_by_key(
    session: Session, company_id: int, submission_keys: Sequence[str]
) -> dict[str, PlacedOrder]:
    orders = session.exec(
        select(Order).where(
            Order.company_id == company_id, col(Order.submission_key).in_(submission_keys)
        )
    ).all()
    return {order.submission_key: placed_order(order) for order in orders if order.submission_key}


def delete_draft(session: Session, manager_id: int, submission_key: str) -> None:
    """The draft that became this order; a draft started since (another key) stays."""
    draft = session.exec(
        select(Draft).where(Draft.manager_id == manager_id, Draft.submission_key == submission_key)
    ).first()
    if draft is not None:
        session.delete(draft)


def _placed(session: Session, company_id: int, submission_key: str) -> PlacedOrder | None:
    order = session.exec(
        select(Order).where(Order.submission_key == submission_key, Order.company_id == company_id)
    ).first()
    return placed_order(order) if order else None


def _unused_reference(session: Session) -> str:
    while True:  # about 10^12 references: a clash is rare, and retried
        reference = new_order_reference()
        if session.exec(select(Order.id).where(Order.reference == reference)).first() is None:
            return reference
