"""The back-office's reads: every company's orders, for the operator's agents only."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.orders import OrderStatus
from domain.request import RequestType
from storage.db.tables import Company, Order
from storage.queries.orders import as_utc


@dataclass(frozen=True)
class BackOfficeRow:
    reference: str
    company: str
    request_type: RequestType
    number: str | None  # E.164 of a transfer; None: a new number
    end_user: str
    plan_code: str
    status: OrderStatus
    submitted_at: datetime  # UTC
    due_at: datetime  # UTC
    esim_to_install: bool = False  # a completed eSIM whose profile is not installed yet


def back_office_orders(
    engine: Engine, status: OrderStatus | None = None, limit: int = 100
) -> list[BackOfficeRow]:
    """Every company's orders, newest first (those with ``status`` only, when given)."""
    query = select(Order, Company.name).join(Company, col(Order.company_id) == Company.id)
    if status is not None:
        query = query.where(Order.status == status.value)
    query = query.order_by(col(Order.submitted_at).desc(), col(Order.id).desc()).limit(limit)
    with Session(engine) as session:
        return [
            BackOfficeRow(
                reference=order.reference,
                company=company,
                request_type=RequestType.TRANSFER if order.number else RequestType.NEW_NUMBER,
                number=order.number,
                end_user=order.end_user_name,
                plan_code=order.plan_code,
                status=OrderStatus(order.status),
                submitted_at=as_utc(order.submitted_at),
                due_at=as_utc(order.due_at),
                esim_to_install=_esim_to_install(order),
            )
            for order, company in session.exec(query).all()
        ]


def _esim_to_install(order: Order) -> bool:
    return (
        order.status == OrderStatus.COMPLETED.value
        and order.esim_activation_code is not None
        and order.esim_installed_at is None
    )
