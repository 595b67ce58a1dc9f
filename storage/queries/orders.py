"""Reading orders: a company's list, one order with its history. Scoped to one company."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, or_
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from domain.employee_link import EmployeeAction, EmployeeEvent
from domain.esim_care import EsimAction, EsimEvent
from domain.orders import (
    OPERATOR,
    SYSTEM,
    Actor,
    ActorKind,
    OrderStatus,
    PlacedOrder,
    StatusChange,
    is_overdue,
)
from domain.request import OrderRequest, RequestType, SimKind
from domain.sla import Turnaround
from storage.db.tables import (
    EmployeeEntry,
    EmployeeRequest,
    EsimEntry,
    FleetLine,
    Order,
    OrderEvent,
)
from storage.queries.keys import lookup_key, page_window
from storage.queries.search import containing, number_digits, search_term


@dataclass(frozen=True)
class OrderRow:
    """One order in the company's list of orders."""

    reference: str
    status: OrderStatus
    end_user: str
    turnaround: Turnaround
    submitted_at: datetime  # UTC
    due_at: datetime  # UTC


@dataclass(frozen=True)
class OrderView:
    """One order as its page shows it."""

    placed: PlacedOrder
    status: OrderStatus
    rejection_reason: str | None  # a RejectionReason value while rejected
    rejection_note: str | None
    history: tuple[StatusChange, ...]
    esim_installed_at: datetime | None = None  # UTC
    esim_history: tuple[EsimEvent, ...] = ()  # oldest first
    employee_history: tuple[EmployeeEvent, ...] = ()  # before the order, oldest first

    @property
    def reissued_at(self) -> datetime | None:
        """When the latest new activation code was issued, if any."""
        issued = [e.at for e in self.esim_history if e.action is EsimAction.REISSUED]
        return issued[-1] if issued else None

    @property
    def completed_at(self) -> datetime | None:
        done = [c.at for c in self.history if c.to_status is OrderStatus.COMPLETED]
        return done[-1] if done else None


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
                status=OrderStatus(order.status),
                end_user=order.end_user_name,
                turnaround=Turnaround(order.turnaround),
                submitted_at=as_utc(order.submitted_at),
                due_at=as_utc(order.due_at),
            )
            for order in session.exec(query).all()
        ]


def order_view(engine: Engine, company_id: int, reference: str) -> OrderView | None:
    """The company's order with this reference; another company's is "not found"."""
    with Session(engine) as session:
        order = company_order(session, company_id, reference)
        if order is None:
            return None
        events = session.exec(
            select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(col(OrderEvent.id))
        ).all()
        esim_entries = session.exec(
            select(EsimEntry).where(EsimEntry.order_id == order.id).order_by(col(EsimEntry.id))
        ).all()
        installed = order.esim_installed_at
        return OrderView(
            placed=placed_order(order),
            status=OrderStatus(order.status),
            rejection_reason=order.rejection_reason,
            rejection_note=order.rejection_note,
            history=tuple(_status_change(event) for event in events),
            esim_installed_at=as_utc(installed) if installed else None,
            esim_history=tuple(_esim_event(entry) for entry in esim_entries),
            employee_history=employee_history(session, order.id),
        )


def employee_history(session: Session, order_id: int | None) -> tuple[EmployeeEvent, ...]:
    """What happened before the order, from the request sent to the employee (if any)."""
    request = session.exec(
        select(EmployeeRequest).where(EmployeeRequest.order_id == order_id)
    ).first()
    if request is None:
        return ()
    entries = session.exec(
        select(EmployeeEntry)
        .where(EmployeeEntry.employee_request_id == request.id)
        .order_by(col(EmployeeEntry.id))
    ).all()
    return tuple(
        EmployeeEvent(EmployeeAction(e.action), as_utc(e.at), _actor(e), e.detail) for e in entries
    )


def company_order(session: Session, company_id: int, reference: str) -> Order | None:
    if lookup_key(reference) is None:  # from a URL: may be anything
        return None
    return session.exec(
        select(Order).where(Order.reference == reference, Order.company_id == company_id)
    ).first()


def placed_order(order: Order) -> PlacedOrder:
    """What the confirmation and the e-mails need of a saved order."""
    return PlacedOrder(
        order_id=order.id or 0,
        reference=order.reference,
        request=OrderRequest.from_dict(order.request),
        turnaround=Turnaround(order.turnaround),
        submitted_at=as_utc(order.submitted_at),
        due_at=as_utc(order.due_at),
        esim_activation_code=order.esim_activation_code,
        contract_document_id=order.contract_document_id,
    )


def _status_change(event: OrderEvent) -> StatusChange:
    return StatusChange(
        from_status=OrderStatus(event.from_status) if event.from_status else None,
        to_status=OrderStatus(event.to_status),
        at=as_utc(event.at),
        reason=event.note,
        actor=_actor(event),
        note=event.comment,
    )


def _esim_event(entry: EsimEntry) -> EsimEvent:
    return EsimEvent(EsimAction(entry.action), as_utc(entry.at), _actor(entry), entry.detail)


def _actor(event: OrderEvent | EsimEntry | EmployeeEntry) -> Actor:
    """Who made a change, as its history entry keeps it ("manager:<id>", "operator", ...)."""
    kind, _, manager_id = event.actor.partition(":")
    if kind == ActorKind.FLEET_MANAGER and manager_id.isdigit():
        return Actor.fleet_manager(int(manager_id), event.actor_name or "")
    if kind == ActorKind.EMPLOYEE:
        return Actor.employee(event.actor_name or "")
    return OPERATOR if kind == ActorKind.OPERATOR else SYSTEM


def as_utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class OrderListRow:
    """One order on the orders page."""

    reference: str
    request_type: RequestType
    number: str | None  # E.164 of a transfer, or of the line once completed
    end_user: str
    plan_code: str
    sim_kind: SimKind | None
    status: OrderStatus
    submitted_at: datetime  # UTC
    due_at: datetime  # UTC
    overdue: bool


@dataclass(frozen=True)
class OrdersPage:
    rows: list[OrderListRow]
    total: int  # orders matching, over all pages


ORDER_SORT_KEYS = {
    "reference": col(Order.reference),
    "end_user": col(Order.end_user_name),
    "status": col(Order.status),
    "submitted": col(Order.submitted_at),
    "due": col(Order.due_at),
}


def orders_page(
    engine: Engine,
    company_id: int,
    now: datetime,
    *,
    search: str = "",
    status: OrderStatus | None = None,
    offset: int = 0,
    limit: int = 25,
    sort_by: str = "submitted",
    descending: bool = True,
) -> OrdersPage:
    """One page of the company's orders matching ``search`` (reference, end user, number)
    and ``status``, sorted on the server; each flagged when overdue at ``now``."""
    matching = _matching_orders(company_id, search, status)
    key = ORDER_SORT_KEYS.get(sort_by, ORDER_SORT_KEYS["submitted"])
    query = (
        select(Order, FleetLine.number)
        .outerjoin(FleetLine, col(Order.fleet_line_id) == FleetLine.id)
        .where(*matching)
        .order_by(key.desc() if descending else key, col(Order.id).desc())
        .offset(page_window(offset, limit)[0])
        .limit(page_window(offset, limit)[1])
    )
    with Session(engine) as session:
        total = session.exec(select(func.count()).select_from(Order).where(*matching)).one()
        rows = [_list_row(order, line_number, now) for order, line_number in session.exec(query)]
    return OrdersPage(rows, int(total))


def _matching_orders(
    company_id: int, search: str, status: OrderStatus | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Order.company_id) == company_id]
    if status is not None:
        conditions.append(col(Order.status) == status.value)
    term = search_term(search)
    if term:
        digits = number_digits(term)  # "0" alone searches no number
        clauses = [
            containing(col(Order.end_user_name), term),
            containing(col(Order.reference), term),
        ]
        if digits:
            clauses.append(containing(col(Order.number), digits))
        conditions.append(or_(*clauses))
    return conditions


def _list_row(order: Order, line_number: str | None, now: datetime) -> OrderListRow:
    request = OrderRequest.from_dict(order.request)
    status = OrderStatus(order.status)
    due = as_utc(order.due_at)
    return OrderListRow(
        reference=order.reference,
        request_type=RequestType.TRANSFER if order.number else RequestType.NEW_NUMBER,
        number=order.number or line_number,
        end_user=order.end_user_name,
        plan_code=order.plan_code,
        sim_kind=request.sim_kind,
        status=status,
        submitted_at=as_utc(order.submitted_at),
        due_at=due,
        overdue=is_overdue(status, due, now),
    )
