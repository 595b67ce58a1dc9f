"""The signed Invoice Split contract of a row of a sheet: its pre-filled PDF to print, and its
signed scan, checked as the wizard's upload is and kept with what the row's answers were."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from domain.context import FleetContext
from domain.invoice_split import contract_basis
from domain.language import Language
from domain.validation import contract_problems, normalise
from storage.db.tables import BulkRow
from storage.documents.checks import Refusal
from storage.documents.contract_pdf import contract_filename, contract_pdf, details_for
from storage.documents.files import discard_files, take_unordered_document, write_checked
from storage.queries.accounts import SignedInManager
from storage.queries.bulk import SheetSummary, company_sheet, sheet_rows
from storage.queries.fleet_context import fleet_context
from storage.use_cases.bulk import AlreadySent, NoSuchSheet, change_row, row_verdict
from storage.use_cases.services import Services


@dataclass(frozen=True)
class ContractNotReady:
    """The row's answers printed on the contract still have problems: correct them first."""


@dataclass(frozen=True)
class ContractFile:
    name: str
    pdf: bytes


ContractOutcome = SheetSummary | NoSuchSheet | AlreadySent | ContractNotReady | Refusal


def row_contract(
    services: Services,
    manager: SignedInManager,
    public_id: str,
    row_number: int,
    language: Language,
    day: date,
) -> ContractFile | NoSuchSheet | ContractNotReady:
    """The row's contract pre-filled, to print and have signed (in ``language`` unless the
    row says otherwise: its end user's eSIM language)."""
    with Session(services.engine) as session:
        found = _row(session, manager, public_id, row_number)
        if found is None:
            return NoSuchSheet()
        context = fleet_context(session, manager.company_id)
    company = (manager.company_name, manager.company_enterprise_number)
    details = details_for(company, context, row_verdict(found, context).request, language, day)
    if details is None:
        return ContractNotReady()
    return ContractFile(contract_filename(details), contract_pdf(details))


def attach_row_contract(
    services: Services,
    manager: SignedInManager,
    public_id: str,
    row_number: int,
    file_name: str,
    data: bytes,
) -> ContractOutcome:
    """Keep the scan as the row's contract, in place of an earlier one. Slow for a large PDF:
    call it off the event loop."""
    pending = write_checked(
        services.documents_dir,
        company_id=manager.company_id,
        manager_id=manager.id,
        original_name=file_name,
        data=data,
    )
    if isinstance(pending, Refusal):
        return pending
    pending.row.draft_owner_id = None  # the row's, not the fleet manager's draft's
    replaced: list[str | None] = []
    not_ready: list[ContractNotReady] = []

    def with_contract(session: Session, row: BulkRow, context: FleetContext) -> None:
        request = row_verdict(row, context).request
        if contract_problems(request, context):
            not_ready.append(ContractNotReady())
            return
        replaced.append(
            take_unordered_document(session, manager.company_id, row.contract_document_id)
        )
        row.contract_document_id = pending.row.public_id
        row.contract_basis = contract_basis(normalise(request))
        session.add(pending.row)
        session.flush()  # the row is written (or refused) before its file has a name
        pending.publish()

    outcome = None
    try:
        outcome = change_row(services, manager, public_id, row_number, with_contract)
    finally:
        pending.close(committed=isinstance(outcome, SheetSummary) and not not_ready)
    if not_ready:
        return not_ready[0]
    discard_files(services.documents_dir, *replaced)
    return outcome


def _row(
    session: Session, manager: SignedInManager, public_id: str, row_number: int
) -> BulkRow | None:
    sheet = company_sheet(session, manager.company_id, public_id)
    if sheet is None or sheet.id is None:
        return None
    return next((r for r in sheet_rows(session, sheet.id) if r.row_number == row_number), None)
