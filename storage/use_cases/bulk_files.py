"""The template to fill in and a sheet's result, as files in the fleet manager's language."""

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from domain.bulk import FILE_COLUMNS, Column
from domain.summary import LABELLED
from domain.texts import N_
from locales import translate_to
from locales.formats import format_cents
from storage.bulk.files import (
    CSV_TYPE,
    XLSX_TYPE,
    result_csv,
    result_xlsx,
    template_csv,
    template_xlsx,
)
from storage.queries.accounts import SignedInManager
from storage.queries.bulk import RowState, company_sheet, row_states
from storage.queries.fleet_context import fleet_context
from storage.use_cases.bulk import NoSuchSheet
from storage.use_cases.services import Services

TEMPLATE_NAME = N_("new-lines")
RESULT_NAME = N_("result")
ASKED = N_("Sent to the employee, who gives their part first")
READY = N_("Ready: not sent yet")


class FileKind(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


@dataclass(frozen=True)
class SheetFile:
    name: str
    content_type: str
    data: bytes


def bulk_template(
    services: Services, manager: SignedInManager, language: str, kind: FileKind
) -> SheetFile:
    """The template, its lists holding the company's own customer numbers and sub-divisions."""
    name = f"{translate_to(language, TEMPLATE_NAME)}.{kind.value}"
    if kind is FileKind.CSV:
        return SheetFile(name, CSV_TYPE, template_csv(language))
    with Session(services.engine) as session:
        context = fleet_context(session, manager.company_id)
    return SheetFile(name, XLSX_TYPE, template_xlsx(language, context))


def sheet_result(
    services: Services, manager: SignedInManager, public_id: str, language: str, kind: FileKind
) -> SheetFile | NoSuchSheet:
    """Each row as uploaded (and corrected), first its order's reference or what stops it."""
    with Session(services.engine) as session:
        sheet = company_sheet(session, manager.company_id, public_id)
        if sheet is None or sheet.id is None:
            return NoSuchSheet()
        states = row_states(session, sheet)
    rows = [
        [_result(state, language), *(state.cells.get(c.value, "") for c in FILE_COLUMNS)]
        for state in states
    ]
    name = f"{translate_to(language, RESULT_NAME)}-{sheet.file_name.rsplit('.', 1)[0]}.{kind.value}"
    if kind is FileKind.CSV:
        return SheetFile(name, CSV_TYPE, result_csv(language, rows))
    return SheetFile(name, XLSX_TYPE, result_xlsx(language, rows))


def _result(state: RowState, language: str) -> str:
    if state.reference:
        return state.reference
    if state.asked_employee:
        return translate_to(language, ASKED)
    if not state.problems:
        return translate_to(language, READY)

    def t(message_id: str) -> str:
        return translate_to(language, message_id)

    def money(cents: int) -> str:
        return format_cents(cents, language)

    return " · ".join(
        t(LABELLED).format(label=t(Column(p.field).label), value=p.render(t, money))
        for p in state.problems
    )
