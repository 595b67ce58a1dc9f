"""Submitting an order: one transaction for the order, its history, its e-mails and its
contract, and one order per draft however often Submit arrives."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from domain.esim import new_activation_code
from domain.orders import OrderStatus, new_order_reference
from domain.problems import Problem
from domain.request import OrderRequest, SimKind
from domain.sla import activation_kind, processing_time_of
from domain.texts import N_
from domain.validation import SIM_ALREADY_USED, normalise, validate_request
from storage.db.tables import Draft, Order, OrderEvent
from storage.queries.accounts import SignedInManager
from storage.queries.fleet_context import fleet_context, sim_in_use


@dataclass(frozen=True)
class PlacedOrder:
    """What the confirmation and the e-mails need of a saved order."""

    order_id: int
    reference: str
    request: OrderRequest
    turnaround: str
    submitted_at: datetime
    due_at: datetime
    esim_activation_code: str | None
    contract_document_id: str | None


CONTRACT_GONE = N_(
    "The uploaded contract can no longer be found. Upload the signed contract again."
)

# Writes the order's e-mails into the outbox, in the order's own session (same transaction).
MailWriter = Callable[[Session, int, PlacedOrder], None]


def submit_order(
    engine: Engine,
    manager: SignedInManager,
    request: OrderRequest,
    submission_key: str,
    now: datetime,
    smdp_address: str,
    write_mails: MailWriter,
    attach_contract: Callable[[Session, str, int], object] | None = None,
) -> PlacedOrder | list[Problem]:
    """Save the order, or return the problems that stop it. A second call with the same
    ``submission_key`` (double click, second tab, retry) returns the first order."""
    with Session(engine) as session:
        existing = _placed(session, manager.company_id, submission_key)
        if existing is not None:
            _delete_draft(session, manager.id, submission_key)  # a retry after a lost answer
            session.commit()
            return existing
        sim = normalise(request).sim_digits
        problems = validate_request(request, fleet_context(session, manager.company_id, sim))
        if problems:
            return problems
        try:
            placed = _place(session, manager, normalise(request), submission_key, now, smdp_address)
            contract = placed.contract_document_id
            if (
                attach_contract
                and contract
                and not attach_contract(session, contract, placed.order_id)
            ):
                session.rollback()
                return [Problem("invoice_split_contract_id", CONTRACT_GONE)]
            write_mails(session, placed.order_id, placed)
            _delete_draft(session, manager.id, submission_key)
            session.commit()
        except IntegrityError:  # a race lost to another tab, or process, writing at the same time
            session.rollback()
            again = _placed(session, manager.company_id, submission_key)
            if again is not None:  # the same submission: give back its order
                return again
            if sim and sim_in_use(session, sim):  # another order took this SIM card meanwhile
                return [Problem("sim_digits", SIM_ALREADY_USED)]
            raise
        return placed


def _place(
    session: Session,
    manager: SignedInManager,
    request: OrderRequest,
    submission_key: str,
    now: datetime,
    smdp_address: str,
) -> PlacedOrder:
    """Add the order and its first history entry to the session (flushed, not committed)."""
    expected = processing_time_of(request, now)
    code = new_activation_code(smdp_address) if request.sim_kind is SimKind.ESIM else None
    order = Order(
        reference=_unused_reference(session),
        submission_key=submission_key,
        company_id=manager.company_id,
        manager_id=manager.id,
        status=OrderStatus.RECEIVED.value,
        request=request.to_dict(),
        activation_kind=activation_kind(request).value,
        turnaround=expected.turnaround.value,
        submitted_at=now.astimezone(UTC),
        due_at=expected.due.astimezone(UTC),
        number=request.transfer_number or None,
        sim_digits=request.sim_digits or None,
        end_user_name=request.end_user_name,
        plan_code=request.plan_code or "",
        esim_activation_code=str(code) if code else None,
        contract_document_id=request.invoice_split_contract_id,
    )
    session.add(order)
    session.flush()  # the unique submission key is checked here
    assert order.id is not None
    session.add(
        OrderEvent(
            order_id=order.id,
            at=order.submitted_at,
            to_status=order.status,
            actor=f"manager:{manager.id}",
        )
    )
    return placed_order(order)


def _delete_draft(session: Session, manager_id: int, submission_key: str) -> None:
    """The draft that became this order; a draft started since (another key) stays."""
    draft = session.exec(
        select(Draft).where(Draft.manager_id == manager_id, Draft.submission_key == submission_key)
    ).first()
    if draft is not None:
        session.delete(draft)


def find_order(engine: Engine, company_id: int, reference: str) -> Order | None:
    """The company's order with this reference; another company's is "not found"."""
    with Session(engine) as session:
        return session.exec(
            select(Order).where(Order.reference == reference, Order.company_id == company_id)
        ).first()


@dataclass(frozen=True)
class OrderRow:
    """One order in the company's list of orders."""

    reference: str
    status: str
    end_user: str
    turnaround: str
    submitted_at: datetime  # UTC
    due_at: datetime  # UTC


def company_orders(engine: Engine, company_id: int, limit: int = 200) -> list[OrderRow]:
    """The company's orders, newest first (at most ``limit``)."""
    query = (
        select(Order)
        .where(Order.company_id == company_id)
        .order_by(col(Order.submitted_at).desc(), col(Order.id).desc())
        .limit(limit)
    )
    with Session(engine) as session:
        return [
            OrderRow(
                reference=order.reference,
                status=order.status,
                end_user=order.end_user_name,
                turnaround=order.turnaround,
                submitted_at=as_utc(order.submitted_at),
                due_at=as_utc(order.due_at),
            )
            for order in session.exec(query).all()
        ]


def order_history(engine: Engine, order_id: int) -> list[OrderEvent]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(OrderEvent).where(OrderEvent.order_id == order_id).order_by(OrderEvent.id)  # type: ignore[arg-type]
            ).all()
        )


def as_utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def placed_order(order: Order) -> PlacedOrder:
    """What the confirmation and the e-mails need of a saved order."""
    return PlacedOrder(
        order_id=order.id or 0,
        reference=order.reference,
        request=OrderRequest.from_dict(order.request),
        turnaround=order.turnaround,
        submitted_at=as_utc(order.submitted_at),
        due_at=as_utc(order.due_at),
        esim_activation_code=order.esim_activation_code,
        contract_document_id=order.contract_document_id,
    )


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
