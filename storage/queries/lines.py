"""One fleet line with everything about it (billing, Invoice Split profile, its orders, its
eSIM), and the eSIMs a fleet manager should hear about. Scoped to one company."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, or_, select

from domain.esim_care import EsimAction, needs_attention
from domain.orders import OrderStatus
from storage.db.tables import (
    BillingAccount,
    EsimEntry,
    FleetLine,
    Order,
    OrderEvent,
    SubDivision,
)
from storage.queries.keys import row_id
from storage.queries.orders import OrderView, as_utc, order_view


@dataclass(frozen=True)
class LineOrder:
    reference: str
    status: OrderStatus
    submitted_at: datetime  # UTC
    brought_esim: bool = False  # completed into this line with an eSIM


@dataclass(frozen=True)
class LineView:
    id: int
    number: str  # E.164
    end_user: str
    plan_code: str
    options: tuple[str, ...]
    sim_kind: str
    sim_digits: str | None
    customer_number: str
    account_name: str
    sub_division: str | None
    company_cap_cents: int | None  # the sub-division's Invoice Split profile pays up to this
    invoice_split: bool
    travel_data_control: int | None
    added_at: datetime  # UTC
    orders: tuple[LineOrder, ...]  # newest first
    esim_order: OrderView | None  # the order that brought its eSIM, with its care


def line_view(engine: Engine, company_id: int, line_id: object) -> LineView | None:
    """The company's line with this id (from a URL: anything); another company's is None."""
    key = row_id(line_id)
    if key is None:
        return None
    with Session(engine) as session:
        found = session.exec(
            select(FleetLine, BillingAccount, SubDivision)
            .join(BillingAccount, col(FleetLine.billing_account_id) == BillingAccount.id)
            .outerjoin(SubDivision, col(FleetLine.sub_division_id) == SubDivision.id)
            .where(FleetLine.id == key, FleetLine.company_id == company_id)
        ).first()
        if found is None:
            return None
        line, account, division = found
        orders = _line_orders(session, line)
    esim = next((order for order in orders if order.brought_esim), None)
    return LineView(
        id=key,
        number=line.number,
        end_user=line.end_user,
        plan_code=line.plan_code,
        options=tuple(line.options),
        sim_kind=line.sim_kind,
        sim_digits=line.sim_digits,
        customer_number=account.customer_number,
        account_name=account.name,
        sub_division=division.name if division else None,
        company_cap_cents=division.split_company_cap_cents if division else None,
        invoice_split=line.invoice_split,
        travel_data_control=line.travel_data_control,
        added_at=as_utc(line.added_at),
        orders=tuple(orders),
        esim_order=order_view(engine, company_id, esim.reference) if esim else None,
    )


def _line_orders(session: Session, line: FleetLine) -> list[LineOrder]:
    """The orders that made the line or were placed on its number, newest first."""
    query = (
        select(Order)
        .where(Order.company_id == line.company_id)
        .where(or_(col(Order.fleet_line_id) == line.id, col(Order.number) == line.number))
        .order_by(col(Order.submitted_at).desc())
    )
    return [
        LineOrder(
            order.reference,
            OrderStatus(order.status),
            as_utc(order.submitted_at),
            brought_esim=order.fleet_line_id == line.id and order.esim_activation_code is not None,
        )
        for order in session.exec(query).all()
    ]


@dataclass(frozen=True)
class EsimToInstall:
    """A completed eSIM whose profile is still not installed a week later."""

    line_id: int
    number: str  # E.164
    end_user: str
    reference: str
    completed_at: datetime  # UTC


def esims_to_install(engine: Engine, company_id: int, now: datetime) -> list[EsimToInstall]:
    """The company's eSIMs still not installed a week after their order was completed (or
    after their latest new code)."""
    completed = (
        select(OrderEvent.order_id, OrderEvent.at)
        .where(OrderEvent.to_status == OrderStatus.COMPLETED.value)
        .subquery()
    )
    reissued = (
        select(EsimEntry.order_id, func.max(EsimEntry.at).label("at"))
        .where(EsimEntry.action == EsimAction.REISSUED.value)
        .group_by(col(EsimEntry.order_id))
        .subquery()
    )
    query = (
        select(Order, FleetLine, completed.c.at, reissued.c.at)
        .join(FleetLine, col(Order.fleet_line_id) == FleetLine.id)
        .join(completed, completed.c.order_id == Order.id)
        .outerjoin(reissued, reissued.c.order_id == Order.id)
        .where(Order.company_id == company_id, col(Order.esim_activation_code).is_not(None))
        .where(col(Order.esim_installed_at).is_(None))
        .order_by(completed.c.at)
    )
    with Session(engine) as session:
        rows = session.exec(query).all()
    return [
        EsimToInstall(line.id or 0, line.number, line.end_user, order.reference, as_utc(done))
        for order, line, done, new_code in rows
        if needs_attention(as_utc(done), None, now, as_utc(new_code) if new_code else None)
    ]
