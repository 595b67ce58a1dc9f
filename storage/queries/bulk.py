"""The reads of a sheet of lines: its rows, each with what became of it (its order, or the
request sent to the employee, found by the row's submission key) and its problems."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from domain.bulk import SheetRow
from domain.orders import OrderStatus
from domain.problems import Problem
from storage.db.tables import BulkRow, BulkSheet, EmployeeRequest, Order
from storage.queries.keys import lookup_key, page_window

PAGE_SIZE = 10  # rows a page shows: 24 cells each


@dataclass(frozen=True)
class RowState:
    """One row as the page shows it."""

    number: int
    cells: dict[str, str]
    problems: tuple[Problem, ...]
    reference: str | None  # its order's, once sent
    asked_employee: bool  # sent to the employee instead, who gives their part first
    contract_id: str | None

    @property
    def sent(self) -> bool:
        return self.reference is not None or self.asked_employee


@dataclass(frozen=True)
class SheetSummary:
    public_id: str
    file_name: str
    uploaded_at: datetime
    rows: int
    with_problems: int  # among the rows not sent
    sent: int

    @property
    def ready(self) -> int:
        return self.rows - self.sent - self.with_problems


@dataclass(frozen=True)
class RowsPage:
    rows: tuple[RowState, ...]
    total: int  # rows that match, on every page


def company_sheet(session: Session, company_id: int, public_id: str) -> BulkSheet | None:
    """The sheet of that id if it is the company's (another company's reads as none)."""
    if lookup_key(public_id) is None:  # from a URL: may be anything
        return None
    return session.exec(
        select(BulkSheet).where(
            BulkSheet.public_id == public_id, BulkSheet.company_id == company_id
        )
    ).first()


def sheet_rows(session: Session, sheet_id: int) -> Sequence[BulkRow]:
    return session.exec(
        select(BulkRow).where(BulkRow.sheet_id == sheet_id).order_by(col(BulkRow.row_number))
    ).all()


def as_sheet_row(row: BulkRow) -> SheetRow:
    return SheetRow(
        row.row_number, row.cells, row.notes, row.contract_document_id, row.contract_basis
    )


def sent_keys(session: Session, company_id: int, keys: Iterable[str]) -> dict[str, str | None]:
    """Of these submission keys, those sent: the order's reference, or None when the request
    went to the employee (and has no order yet)."""
    wanted = list(keys)
    sent: dict[str, str | None] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        asked = select(EmployeeRequest.submission_key).where(
            EmployeeRequest.company_id == company_id,
            col(EmployeeRequest.submission_key).in_(chunk),
        )
        sent |= dict.fromkeys(session.exec(asked).all())
        orders = select(Order.submission_key, Order.reference).where(
            Order.company_id == company_id, col(Order.submission_key).in_(chunk)
        )
        sent |= {key: reference for key, reference in session.exec(orders).all() if key}
    return sent


@dataclass(frozen=True)
class EarlierLine:
    """A line an earlier file sent: its order, and where it was."""

    reference: str | None  # None: sent to the employee, no order yet
    row_number: int
    file_name: str


def earlier_lines(
    session: Session, company_id: int, sheet_id: int, fingerprints: Sequence[str]
) -> dict[str, EarlierLine]:
    """Of these lines, those another file of the company sent as an order not cancelled."""
    found: dict[str, EarlierLine] = {}
    wanted = [f for f in dict.fromkeys(fingerprints) if f]
    for start in range(0, len(wanted), 500):
        rows = (
            select(
                BulkRow.fingerprint, BulkRow.row_number, BulkSheet.file_name, BulkRow.submission_key
            )
            .join(BulkSheet, col(BulkSheet.id) == col(BulkRow.sheet_id))
            .where(
                BulkSheet.company_id == company_id,
                BulkRow.sheet_id != sheet_id,
                col(BulkRow.fingerprint).in_(wanted[start : start + 500]),
            )
        )
        earlier = session.exec(rows).all()
        sent = _not_cancelled(session, company_id, [key for *_rest, key in earlier])
        for fingerprint, row_number, file_name, key in earlier:
            if key in sent:
                found.setdefault(fingerprint, EarlierLine(sent[key], row_number, file_name))
    return found


def _not_cancelled(session: Session, company_id: int, keys: Sequence[str]) -> dict[str, str | None]:
    """Of these keys, the orders not cancelled (their reference) and the requests to the
    employee not cancelled and without an order yet (None)."""
    orders = select(Order.submission_key, Order.reference).where(
        Order.company_id == company_id,
        col(Order.submission_key).in_(keys),
        Order.status != OrderStatus.CANCELLED.value,
    )
    asked = select(EmployeeRequest.submission_key).where(
        EmployeeRequest.company_id == company_id,
        col(EmployeeRequest.submission_key).in_(keys),
        col(EmployeeRequest.cancelled_at).is_(None),
        col(EmployeeRequest.order_id).is_(None),
    )
    found: dict[str, str | None] = dict.fromkeys(session.exec(asked).all())
    return found | {key: reference for key, reference in session.exec(orders).all() if key}


def summary_of(session: Session, sheet: BulkSheet) -> SheetSummary:
    assert sheet.id is not None
    rows = sheet_rows(session, sheet.id)
    sent = sent_keys(session, sheet.company_id, (row.submission_key for row in rows))
    unsent = [row for row in rows if row.submission_key not in sent]
    return SheetSummary(
        sheet.public_id,
        sheet.file_name,
        sheet.uploaded_at,
        len(rows),
        sum(1 for row in unsent if row.problem_count),
        len(rows) - len(unsent),
    )


def sheet_summary(engine: Engine, company_id: int, public_id: str) -> SheetSummary | None:
    with Session(engine) as session:
        sheet = company_sheet(session, company_id, public_id)
        return summary_of(session, sheet) if sheet else None


def recent_sheets(engine: Engine, company_id: int, count: int = 10) -> list[SheetSummary]:
    """The company's latest files, newest first."""
    with Session(engine) as session:
        sheets = session.exec(
            select(BulkSheet)
            .where(BulkSheet.company_id == company_id)
            .order_by(col(BulkSheet.uploaded_at).desc(), col(BulkSheet.id).desc())
            .limit(count)
        ).all()
        return [summary_of(session, sheet) for sheet in sheets]


def rows_page(
    engine: Engine, company_id: int, public_id: str, page: int, only_problems: bool
) -> RowsPage | None:
    """One page of the sheet's rows (all, or those with problems not yet sent)."""
    with Session(engine) as session:
        sheet = company_sheet(session, company_id, public_id)
        if sheet is None or sheet.id is None:
            return None
        query = select(BulkRow).where(BulkRow.sheet_id == sheet.id)
        if only_problems:
            query = query.where(BulkRow.problem_count > 0)
        total = session.exec(select(func.count()).select_from(query.subquery())).one()
        offset, limit = page_window((page - 1) * PAGE_SIZE, PAGE_SIZE)
        found = session.exec(
            query.order_by(col(BulkRow.row_number)).offset(offset).limit(limit)
        ).all()
        sent = sent_keys(session, company_id, (row.submission_key for row in found))
        return RowsPage(tuple(_state(row, sent) for row in found), total)


def row_states(session: Session, sheet: BulkSheet) -> list[RowState]:
    """Every row of the sheet, in the file's order."""
    assert sheet.id is not None
    rows = sheet_rows(session, sheet.id)
    sent = sent_keys(session, sheet.company_id, (row.submission_key for row in rows))
    return [_state(row, sent) for row in rows]


def _state(row: BulkRow, sent: dict[str, str | None]) -> RowState:
    problems = () if row.submission_key in sent else tuple(_problem(p) for p in row.problems)
    return RowState(
        row.row_number,
        dict(row.cells),
        problems,
        sent.get(row.submission_key),
        row.submission_key in sent and sent[row.submission_key] is None,
        row.contract_document_id,
    )


def _problem(stored: dict[str, object]) -> Problem:
    params = stored.get("params")
    return Problem(
        str(stored.get("field", "")),
        str(stored.get("message", "")),
        {k: v for k, v in params.items() if isinstance(v, str | int)}
        if isinstance(params, dict)
        else {},
    )
