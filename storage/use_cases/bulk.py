"""Bulk onboarding: a fleet manager's spreadsheet of lines, judged row by row with the wizard's
rules, corrected in place, and sent as orders through ``place_orders`` (the wizard's own
``place_order``, a hundred at a time) or, for rows that ask the employee, ``ask_employee``.

Each row has its own submission key from the upload on: sending again, or after a crash in the
middle, gives back the orders already made, never a second one."""

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import batched

from sqlalchemy import inspect
from sqlmodel import Session

from domain.bulk import (
    CELL_MAX_LENGTH,
    SENT_BEFORE,
    SENT_TO_EMPLOYEE_BEFORE,
    Column,
    RowVerdict,
    judge_row,
    judge_rows,
    line_fingerprint,
)
from domain.context import FleetContext
from domain.fields import Valid, check_sim_digits
from domain.orders import PlacedOrder
from domain.problems import Problem
from storage.bulk.refusals import SheetRefusal
from storage.bulk.sheets import read_sheet
from storage.bulk.words import vocabulary
from storage.db.tables import BulkRow, BulkSheet
from storage.documents.files import discard_files, take_unordered_document
from storage.queries.accounts import SignedInManager
from storage.queries.bulk import (
    EarlierLine,
    SheetSummary,
    as_sheet_row,
    company_sheet,
    earlier_lines,
    sent_keys,
    sheet_rows,
    sheet_summary,
    summary_of,
)
from storage.queries.fleet_context import fleet_context, with_sims_checked
from storage.use_cases.employee_requests import AskedEmployee, ask_employee
from storage.use_cases.orders import Refused, place_orders
from storage.use_cases.services import Services

ORDERS_AT_ONCE = 100  # a transaction each: a crash loses at most this many, to be sent again


@dataclass(frozen=True)
class NoSuchSheet:
    """Unknown, or another company's: the same answer."""


@dataclass(frozen=True)
class AlreadySent:
    """The row is an order (or a request to the employee) already: it no longer changes."""

    reference: str | None


@dataclass(frozen=True)
class SentSheet:
    """What a send did: the orders placed, the requests sent to employees, the rows refused
    at the last moment (a line taken meanwhile), and the sheet as it stands."""

    placed: int
    asked: int
    refused: int
    summary: SheetSummary


Progress = Callable[[int, int], None]  # rows done, rows to send


def upload_sheet(
    services: Services, manager: SignedInManager, file_name: str, data: bytes
) -> SheetSummary | SheetRefusal:
    """Read the file (size, type by its content, no macros, formulas or links) and keep its
    lines, each judged. Slow for a large file: call it off the event loop."""
    lines = read_sheet(data, vocabulary())
    if isinstance(lines, SheetRefusal):
        return lines
    with Session(services.engine) as session:
        sheet = BulkSheet(
            company_id=manager.company_id,
            manager_id=manager.id,
            file_name=file_name[:200],
            uploaded_at=services.clock(),
        )
        session.add(sheet)
        session.flush()
        assert sheet.id is not None
        rows = [
            BulkRow(
                sheet_id=sheet.id, row_number=n.number, cells=dict(n.cells), notes=dict(n.notes)
            )
            for n in lines
        ]
        session.add_all(rows)
        _judge(session, manager, rows)
        session.commit()
        return summary_of(session, sheet)


def correct_cell(
    services: Services,
    manager: SignedInManager,
    public_id: str,
    row_number: int,
    column: Column,
    text: str,
) -> SheetSummary | NoSuchSheet | AlreadySent:
    """The cell as typed on the page (what reading said of it is gone); every row judged
    again, as a change may end or start a clash with another row."""

    def typed(_session: Session, row: BulkRow, _context: FleetContext) -> None:
        row.cells = {**row.cells, column.value: text.strip()[: CELL_MAX_LENGTH + 1]}
        row.notes = {k: v for k, v in row.notes.items() if k != column.value}

    return change_row(services, manager, public_id, row_number, typed)


def send_sheet(
    services: Services,
    manager: SignedInManager,
    public_id: str,
    progress: Progress | None = None,
) -> SentSheet | NoSuchSheet:
    """Send every row without a problem: its order, or its request to the employee. Rows sent
    before are skipped by their keys; a retry after a crash sends only what is left."""
    ready = _ready(services, manager, public_id)
    if ready is None:
        return NoSuchSheet()
    orders = [(verdict.request, key) for verdict, key in ready if not verdict.asks_employee]
    outcomes: list[PlacedOrder | Refused | AskedEmployee] = []
    for chunk in batched(orders, ORDERS_AT_ONCE):
        outcomes += place_orders(services, manager, chunk)
        _tell(progress, len(outcomes), len(ready))
    for verdict, key in ready:
        if verdict.asks_employee:
            outcomes.append(ask_employee(services, manager, verdict.request, key))
            _tell(progress, len(outcomes), len(ready))
    summary = sheet_summary(services.engine, manager.company_id, public_id)
    assert summary is not None
    return SentSheet(
        sum(isinstance(o, PlacedOrder) for o in outcomes),
        sum(isinstance(o, AskedEmployee) for o in outcomes),
        sum(isinstance(o, Refused) for o in outcomes),
        summary,
    )


def _ready(
    services: Services, manager: SignedInManager, public_id: str
) -> list[tuple[RowVerdict, str]] | None:
    """The rows to send, judged afresh (and kept so), each with its submission key."""
    with Session(services.engine) as session:
        sheet = company_sheet(session, manager.company_id, public_id)
        if sheet is None or sheet.id is None:
            return None
        rows = list(sheet_rows(session, sheet.id))
        verdicts = _judge(session, manager, rows)
        ready = [(verdicts.get(row.row_number), row.submission_key) for row in rows]
        session.commit()
    return [(verdict, key) for verdict, key in ready if verdict and not verdict.problems]


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def remove_row(
    services: Services, manager: SignedInManager, public_id: str, row_number: int
) -> SheetSummary | NoSuchSheet | AlreadySent:
    """A row the fleet manager does not send (a line sent already, one not wanted): gone with
    its signed contract; the others judged again (a clash with it ends)."""
    files: list[str | None] = []

    def removed(session: Session, row: BulkRow, _context: FleetContext) -> None:
        files.append(take_unordered_document(session, manager.company_id, row.contract_document_id))
        session.delete(row)
        session.flush()

    outcome = change_row(services, manager, public_id, row_number, removed)
    if isinstance(outcome, SheetSummary):
        discard_files(services.documents_dir, *files)
    return outcome


RowChange = Callable[[Session, BulkRow, FleetContext], None]


def change_row(
    services: Services,
    manager: SignedInManager,
    public_id: str,
    row_number: int,
    change: RowChange,
) -> SheetSummary | NoSuchSheet | AlreadySent:
    """One transaction: the row changed (``change`` may add to the session), then every row
    of the sheet judged again."""
    with Session(services.engine) as session:
        sheet = company_sheet(session, manager.company_id, public_id)
        if sheet is None or sheet.id is None:
            return NoSuchSheet()
        rows = list(sheet_rows(session, sheet.id))
        row = next((r for r in rows if r.row_number == row_number), None)
        if row is None:
            return NoSuchSheet()
        sent = sent_keys(session, manager.company_id, [row.submission_key])
        if row.submission_key in sent:
            return AlreadySent(sent[row.submission_key])
        change(session, row, fleet_context(session, manager.company_id))
        _judge(session, manager, [r for r in rows if not inspect(r).deleted])
        session.commit()
        return summary_of(session, sheet)


def _judge(
    session: Session, manager: SignedInManager, rows: Sequence[BulkRow]
) -> dict[int, RowVerdict]:
    """Judge the rows not sent (with each row's SIM card looked up in every company) and keep
    their problems; a row sent has none left to fix."""
    sent = sent_keys(session, manager.company_id, (row.submission_key for row in rows))
    unsent = [row for row in rows if row.submission_key not in sent]
    sims = (check_sim_digits(row.cells.get(Column.SIM_DIGITS.value, "")) for row in unsent)
    context = with_sims_checked(  # a SIM card serves one line in any company
        session,
        fleet_context(session, manager.company_id),
        [sim.value for sim in sims if isinstance(sim, Valid)],
    )
    verdicts = judge_rows([as_sheet_row(row) for row in unsent], context, vocabulary())
    for row, verdict in zip(unsent, verdicts, strict=True):
        row.fingerprint = line_fingerprint(verdict.request)
    verdicts = _sent_before(session, manager.company_id, unsent, verdicts)
    for row, verdict in zip(unsent, verdicts, strict=True):
        _keep(row, [dataclasses.asdict(p) for p in verdict.problems])
    for row in rows:
        if row.submission_key in sent:
            _keep(row, [])
    return {verdict.number: verdict for verdict in verdicts}


def _sent_before(
    session: Session, company_id: int, rows: Sequence[BulkRow], verdicts: list[RowVerdict]
) -> list[RowVerdict]:
    """A row that writes a line an earlier file of the company sent (its order not cancelled)
    says so: a file fixed and uploaded again must not order its sent lines twice."""
    if not rows:
        return verdicts
    earlier = earlier_lines(
        session, company_id, rows[0].sheet_id, [row.fingerprint for row in rows]
    )
    return [
        dataclasses.replace(verdict, problems=(*verdict.problems, _told(earlier[row.fingerprint])))
        if row.fingerprint in earlier
        else verdict
        for row, verdict in zip(rows, verdicts, strict=True)
    ]


def _told(line: EarlierLine) -> Problem:
    shown: dict[str, str | int] = {"row": line.row_number, "file": line.file_name}
    if line.reference is None:
        return Problem(Column.REQUEST_TYPE.value, SENT_TO_EMPLOYEE_BEFORE, shown)
    return Problem(Column.REQUEST_TYPE.value, SENT_BEFORE, {**shown, "reference": line.reference})


def _keep(row: BulkRow, problems: list[dict[str, object]]) -> None:
    """The row's problems as judged now (a row whose problems are unchanged is not written)."""
    if row.problems != problems:
        row.problems = problems
        row.problem_count = len(problems)


def row_verdict(row: BulkRow, context: FleetContext) -> RowVerdict:
    """One row judged on its own (no clash with the others looked for)."""
    return judge_row(as_sheet_row(row), context, vocabulary())
