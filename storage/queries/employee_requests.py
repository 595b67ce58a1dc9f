"""Reads of the requests waiting for the employee: the fleet manager's list, a link as the
employee opens it, and the history a request carries into its order."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.employee_link import (
    EmployeeLink,
    LinkPurpose,
    WaitingState,
    asked_parts,
    waiting_state,
)
from domain.language import Language
from domain.request import OrderRequest
from storage.db.tables import (
    Company,
    EmployeeLinkRow,
    EmployeeRequest,
    FleetManager,
)
from storage.queries.orders import as_utc

SHOWN_FOR = 50  # the newest requests the orders page lists


@dataclass(frozen=True)
class WaitingRequest:
    """One request sent to the employee, as the fleet manager's orders page lists it."""

    id: int
    end_user: str
    number: str | None  # E.164 of a transfer
    employee_email: str
    state: WaitingState
    asked_at: datetime
    expires_at: datetime
    reminded_at: datetime | None
    parts: tuple[LinkPurpose, ...]


def current_link(session: Session, request_id: int | None) -> EmployeeLinkRow | None:
    """The request's newest link (the others were replaced)."""
    query = (
        select(EmployeeLinkRow)
        .where(EmployeeLinkRow.employee_request_id == request_id)
        .order_by(col(EmployeeLinkRow.id).desc())
    )
    return session.exec(query).first()


def link_of(row: EmployeeLinkRow) -> EmployeeLink:
    return EmployeeLink(
        LinkPurpose.TRANSFER_DETAILS,  # the purpose names nothing the state depends on
        as_utc(row.created_at),
        used_at=row.used_at,
        revoked_at=row.revoked_at,
        replaced=row.replaced,
    )


def state_of(session: Session, row: EmployeeRequest, now: datetime) -> WaitingState:
    link = current_link(session, row.id)
    assert link is not None  # every request is made with its link
    sent, cancelled = row.order_id is not None, row.cancelled_at is not None
    return waiting_state(link_of(link), row.answered_at, sent, cancelled, now)


def waiting_requests(engine: Engine, company_id: int, now: datetime) -> list[WaitingRequest]:
    """The company's requests sent to employees, newest first, those sent as orders left out."""
    query = (
        select(EmployeeRequest)
        .where(EmployeeRequest.company_id == company_id)
        .where(col(EmployeeRequest.order_id).is_(None))
        .where(col(EmployeeRequest.cancelled_at).is_(None))
        .order_by(col(EmployeeRequest.id).desc())
        .limit(SHOWN_FOR)
    )
    with Session(engine) as session:
        return [_waiting(session, row, now) for row in session.exec(query).all()]


def _waiting(session: Session, row: EmployeeRequest, now: datetime) -> WaitingRequest:
    """One request not sent nor cancelled (the list's query leaves the others out)."""
    assert row.id is not None
    link = current_link(session, row.id)
    assert link is not None
    request = OrderRequest.from_dict(row.request)
    state = waiting_state(link_of(link), row.answered_at, sent=False, cancelled=False, now=now)
    return WaitingRequest(
        id=row.id,
        end_user=request.end_user_name,
        number=request.transfer_number or None,
        employee_email=row.employee_email,
        state=state,
        asked_at=as_utc(row.created_at),
        expires_at=link_of(link).expires_at,
        reminded_at=as_utc(row.reminded_at) if row.reminded_at else None,
        parts=asked_parts(request),
    )


@dataclass(frozen=True)
class Asker:
    """Who asks the employee, as their page and e-mails name them."""

    manager_name: str
    manager_email: str
    manager_language: str
    company_name: str
    enterprise_number: str


def asker_of(session: Session, row: EmployeeRequest) -> Asker:
    manager = session.get(FleetManager, row.manager_id)
    company = session.get(Company, row.company_id)
    assert manager is not None and company is not None
    return Asker(
        manager.name, manager.email, manager.language, company.name, company.enterprise_number
    )


def employee_language(row: EmployeeRequest) -> Language:
    return Language(row.employee_language)
