"""Bulk onboarding below the UI: a file of lines read (XLSX or CSV, as Excel writes them),
every row judged with the wizard's own rules and messages, hostile files refused, cells
corrected in place, the valid rows sent as orders once however often Send arrives, and
nothing of another company reachable."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, col, select

from domain.bulk import (
    EXCEL_DATE,
    EXCEL_LOST_DIGITS,
    NOT_A_CUSTOMER_NUMBER,
    NOT_A_SUB_DIVISION,
    NOT_A_VALUE,
    NOT_AN_OPTION,
    NOTHING_TO_ASK,
    NUMBER_ON_TWO_ROWS,
    SENT_BEFORE,
    SENT_TO_EMPLOYEE_BEFORE,
    SIM_ON_TWO_ROWS,
    Column,
)
from domain.language import Language
from domain.options import OPTION_NEEDS_VOICE
from domain.validation import END_USER_NAME_MISSING, SIM_ALREADY_USED
from storage.bulk import refusals
from storage.bulk.refusals import SheetRefusal
from storage.db.tables import EmployeeRequest, Order, StoredDocument
from storage.queries.bulk import RowState, SheetSummary, company_sheet, row_states
from storage.use_cases import Services
from storage.use_cases.bulk import (
    AlreadySent,
    NoSuchSheet,
    correct_cell,
    remove_row,
    send_sheet,
    upload_sheet,
)
from storage.use_cases.bulk_contracts import ContractFile, attach_row_contract, row_contract
from storage.use_cases.bulk_files import FileKind, bulk_template, sheet_result
from tests.conftest import LUMIERE
from tests.fixtures import bulk, documents
from tests.order_helpers import manager_of

C = Column
# What the shipped file of every kind of row gives: row -> column -> (message, params).
EXPECTED: dict[int, dict[Column, list[tuple[str, dict[str, str]]]]] = {
    6: {C.CONTRACT: [("Upload the Invoice Split contract signed by the employee.", {})]},
    8: {C.REQUEST_TYPE: [(NOT_A_VALUE, {"value": "Nouveau!"})]},
    9: {
        C.CURRENT_OPERATOR: [(NOT_A_VALUE, {"value": "Vodafone"})],
        C.NUMBER: [("Enter a Belgian mobile number, like 0470 12 34 56.", {})],
    },
    10: {
        C.NUMBER: [
            (
                "{number} is already in your fleet. Enter another number.",
                {"number": "+32 470 12 34 00"},
            )
        ]
    },
    11: {C.SIM_DIGITS: [(SIM_ALREADY_USED, {})]},  # the SIM card of another company's line
    12: {C.SIM_DIGITS: [(SIM_ON_TWO_ROWS, {"rows": "13"})]},
    13: {C.SIM_DIGITS: [(SIM_ON_TWO_ROWS, {"rows": "12"})]},
    14: {C.CUSTOMER_NUMBER: [(NOT_A_CUSTOMER_NUMBER, {"value": "7.20077001"})]},  # Lumière's
    15: {C.SUB_DIVISION: [(NOT_A_SUB_DIVISION, {"value": "Kitchen"})]},
    16: {C.OPTIONS: [(NOT_AN_OPTION, {"value": "Netflix"})]},
    17: {
        C.OPTIONS: [
            (OPTION_NEEDS_VOICE, {"option": "International calls", "plan": "Mobile Data 10 GB"})
        ]
    },
    18: {
        C.DEVICE_SUPPORTS_ESIM: [
            ("Confirm that the device supports eSIM: dial *#06#, an EID is shown if it does.", {})
        ],
        C.ESIM_EMAIL: [
            ("Enter the end user's e-mail address: we send the eSIM QR code there.", {})
        ],
        C.ESIM_LANGUAGE: [("Choose the language of the eSIM e-mail.", {})],
    },
    19: {C.TRAVEL_DATA_CONTROL: [(NOT_A_VALUE, {"value": "75"})]},
    20: {C.ASK_EMPLOYEE: [(NOTHING_TO_ASK, {})]},
    21: {C.DONOR_SIM_OR_CUSTOMER: [(EXCEL_LOST_DIGITS, {"value": "8,93202E+18"})]},
    22: {
        C.CUSTOMER_NUMBER: [("Choose the customer number to bill this line to.", {})],
        C.END_USER: [(END_USER_NAME_MISSING, {})],
        C.PLAN: [("Choose a plan.", {})],
    },
    23: {C.NUMBER: [(NUMBER_ON_TWO_ROWS, {"rows": "24"})]},
    24: {C.NUMBER: [(NUMBER_ON_TWO_ROWS, {"rows": "23"})]},
}
VALID_ROWS = [2, 3, 4, 5, 7]  # 7 asks the employee for the owner's details


def uploaded(services: Services, data: bytes, name: str = "lines.csv") -> SheetSummary:
    outcome = upload_sheet(services, manager_of(services.engine), name, data)
    assert isinstance(outcome, SheetSummary), outcome
    return outcome


def states(services: Services, public_id: str) -> dict[int, RowState]:
    with Session(services.engine) as session:
        sheet = company_sheet(session, manager_of(services.engine).company_id, public_id)
        assert sheet is not None
        return {state.number: state for state in row_states(session, sheet)}


def problems_by_cell(state: RowState) -> dict[Column, list[tuple[str, dict[str, str]]]]:
    found: dict[Column, list[tuple[str, dict[str, str]]]] = {}
    for problem in state.problems:
        params = {k: str(v) for k, v in problem.params.items()}
        found.setdefault(Column(problem.field), []).append((problem.message, params))
    return found


def refusal(services: Services, data: bytes, name: str = "lines.xlsx") -> SheetRefusal:
    outcome = upload_sheet(services, manager_of(services.engine), name, data)
    assert isinstance(outcome, SheetRefusal), outcome
    return outcome


def test_the_file_of_every_kind_gives_exactly_the_expected_problem_on_each_cell(
    services: Services,
) -> None:
    sheet = uploaded(services, bulk.every_kind())
    found = {
        number: problems_by_cell(state)
        for number, state in states(services, sheet.public_id).items()
    }
    assert {n: p for n, p in found.items() if p} == EXPECTED
    assert [n for n, p in found.items() if not p] == VALID_ROWS
    assert (sheet.rows, sheet.ready, sheet.with_problems, sheet.sent) == (23, 5, 18, 0)


def test_the_same_lines_read_alike_as_xlsx_and_as_csv_with_or_without_bom_with_semicolons_or_commas(
    services: Services,
) -> None:
    text = bulk.every_kind().decode("utf-8-sig")
    commas = "\n".join(
        ",".join(f'"{cell}"' for cell in line.split(";")) for line in text.splitlines()
    )
    variants = {
        "bom ;": bulk.every_kind(),
        "no bom ;": text.encode(),
        "bom ,": ("\ufeff" + commas).encode(),
        "cp1252 ,": commas.encode("cp1252", errors="replace"),
        "xlsx": bulk.as_xlsx(bulk.every_kind()),
    }
    seen = {}
    for name, data in variants.items():
        sheet = uploaded(services, data)
        rows = states(services, sheet.public_id)
        seen[name] = {n: problems_by_cell(s) for n, s in rows.items()}
    first = seen["bom ;"]
    assert all(found == first for found in seen.values()), {k: v == first for k, v in seen.items()}


HEADER_EN = [
    "Request type",
    "Customer number for billing",
    "End user",
    "SIM or eSIM",
    "SIM card number",
]


def test_excel_figures_and_dates_are_read_as_the_text_they_were_or_said_to_be_lost(
    services: Services,
) -> None:
    data = bulk.workbook(
        [
            [
                *HEADER_EN,
                "Plan",
                "Travel Data Control",
                "Number to transfer",
                "Current operator",
                "Card type",
                "Owner",
                "Owner's name",
                "SIM card or customer number at the current operator",
                "Owner's consent",
            ],
            # Figures as Excel keeps them: a customer number, 13 SIM digits, a mobile number
            # that lost its 0, an amount: all read as the text they were.
            [
                "transfer",
                7.10045821,
                "Julie Jacobs",
                "sim",
                8932000012345,
                "shape_m",
                100,
                475987654,
                "proximus",
                "subscription",
                "private",
                "Julie Jacobs",
                12345678,
                True,
            ],
            # A donor SIM card of 19 digits kept as a figure lost its last digits; a cell
            # Excel made a date is one.
            [
                "transfer",
                "7.10045821",
                "Tom Maes",
                "sim",
                8932000012352,
                "shape_m",
                50,
                "0476 11 22 33",
                "proximus",
                "prepaid",
                "private",
                datetime.date(2026, 2, 1),
                8932021234567890120,
                "yes",
            ],
        ]
    )
    rows = states(services, uploaded(services, data, "lines.xlsx").public_id)
    assert problems_by_cell(rows[2]) == {}
    assert problems_by_cell(rows[3]) == {
        C.OWNER_NAME: [(EXCEL_DATE, {"value": "01/02/2026"})],
        C.DONOR_SIM_OR_CUSTOMER: [
            (EXCEL_LOST_DIGITS, {"value": str(int(float(8932021234567890120)))})
        ],
    }


def test_headers_and_values_are_read_in_french_and_dutch_whatever_the_case_and_accents(
    services: Services,
) -> None:
    lines = (
        "Type de demande;Numéro de client pour la facturation;Utilisateur final;SIM ou eSIM;"
        "Numéro de la carte SIM;Plan tarifaire;Travel Data Control\n"
        "UN NOUVEAU NUMERO;7.10045821;Lotte Janssens;carte sim;8932000012345;Shape Small;aucun PLAFOND\n"
    )
    dutch = (
        "Soort aanvraag;Klantnummer voor de facturatie;Eindgebruiker;Sim of eSIM;Simkaartnummer;"
        "Tariefplan\nEen nieuw nummer;7.10045821;Thomas Maes;Simkaart;8932000012352;shape_l\n"
    )
    for data in (lines.encode(), dutch.encode()):
        rows = states(services, uploaded(services, data).public_id)
        assert [problems_by_cell(state) for state in rows.values()] == [{}]


XLSX_ROWS = [HEADER_EN, ["new", "7.10045821", "Lotte Janssens", "sim", "8932000012345"]]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: bulk.with_macros(bulk.workbook(XLSX_ROWS)), refusals.MACROS),
        (lambda: bulk.with_formula(XLSX_ROWS, "C2", '=CONCAT("Lotte", " J")'), refusals.FORMULAS),
        (lambda: b'Request type;End user\nnew;=HYPERLINK("http://x.example")\n', refusals.FORMULAS),
        (lambda: bulk.with_external_link(bulk.workbook(XLSX_ROWS)), refusals.EXTERNAL_LINKS),
        (lambda: bulk.zip_bomb(bulk.workbook(XLSX_ROWS)), refusals.PACKED_TOO_LARGE),
        (
            lambda: bulk.many_rows_csv("Request type;End user", "new;Lotte", 100_000),
            refusals.TOO_MANY_ROWS,
        ),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), refusals.OLD_EXCEL),
        (lambda: documents.pdf(), refusals.NOT_A_SHEET),
        (lambda: b"PK\x03\x04 not really a zip", refusals.NOT_A_SHEET),
        (lambda: b"", refusals.EMPTY_FILE),
        (lambda: b"a;b\n" + b"x" * (5 * 1024 * 1024), refusals.TOO_LARGE),
        (lambda: b"Surname;Given name\nJanssens;Lotte\n", refusals.NO_HEADER),
        (lambda: b"Request type;End user\n;;\n", refusals.NO_LINES),
    ],
    ids=[
        "macros",
        "xlsx formula",
        "csv formula",
        "external link",
        "zip bomb",
        "100,000 rows",
        "old xls",
        "pdf",
        "broken zip",
        "empty",
        "over 5 MB",
        "no header",
        "no lines",
    ],
)
def test_a_hostile_or_unreadable_file_is_refused_with_what_to_do(
    services: Services, make: object, message: str
) -> None:
    assert callable(make)
    assert refusal(services, make()).message_id == message


def test_a_formula_refusal_names_its_cell(services: Services) -> None:
    found = refusal(services, bulk.with_formula(XLSX_ROWS, "C2", "=1+1"))
    assert found.params == {"cell": "C2"}


def test_a_corrected_cell_loses_its_problem_and_ends_the_clash_on_the_other_row(
    services: Services,
) -> None:
    manager = manager_of(services.engine)
    sheet = uploaded(services, bulk.every_kind())
    after = correct_cell(services, manager, sheet.public_id, 13, C.SIM_DIGITS, "8932000012600")
    assert isinstance(after, SheetSummary) and after.with_problems == 16
    rows = states(services, sheet.public_id)
    assert rows[13].cells[C.SIM_DIGITS.value] == "8932000012600"
    assert problems_by_cell(rows[12]) == {} == problems_by_cell(rows[13])
    # What reading said of a cell goes once it is typed again.
    correct_cell(
        services, manager, sheet.public_id, 21, C.DONOR_SIM_OR_CUSTOMER, "8932021234567890120"
    )
    assert problems_by_cell(states(services, sheet.public_id)[21]) == {}


def test_sending_twice_or_again_after_an_answer_lost_makes_each_order_once(
    services: Services,
) -> None:
    manager = manager_of(services.engine)
    sheet = uploaded(services, bulk.every_kind())
    first = send_sheet(services, manager, sheet.public_id)
    again = send_sheet(services, manager, sheet.public_id)
    assert not isinstance(first, NoSuchSheet) and not isinstance(again, NoSuchSheet)
    assert (first.placed, first.asked, first.refused) == (4, 1, 0)
    assert (again.placed, again.asked, again.refused) == (0, 0, 0)
    rows = states(services, sheet.public_id)
    with Session(services.engine) as session:
        orders = session.exec(select(Order).where(Order.company_id == manager.company_id)).all()
        asked = session.exec(select(EmployeeRequest)).all()
    assert sorted(rows[n].reference or "" for n in (2, 3, 4, 5)) == sorted(
        o.reference for o in orders
    )
    assert [r.submission_key for r in asked] == [_key(services, sheet.public_id, 7)]
    assert rows[7].asked_employee and rows[7].reference is None
    assert isinstance(
        correct_cell(services, manager, sheet.public_id, 2, C.END_USER, "X"), AlreadySent
    )


def _key(services: Services, public_id: str, number: int) -> str:
    from storage.db.tables import BulkRow, BulkSheet

    with Session(services.engine) as session:
        return session.exec(
            select(BulkRow.submission_key)
            .join(BulkSheet, col(BulkSheet.id) == col(BulkRow.sheet_id))
            .where(BulkSheet.public_id == public_id, BulkRow.row_number == number)
        ).one()


def test_another_companys_sheet_reads_as_unknown_to_every_use_case(services: Services) -> None:
    sheet = uploaded(services, bulk.every_kind())
    other = manager_of(services.engine, LUMIERE)
    public_id = sheet.public_id
    assert isinstance(correct_cell(services, other, public_id, 2, C.END_USER, "X"), NoSuchSheet)
    assert isinstance(send_sheet(services, other, public_id), NoSuchSheet)
    assert isinstance(sheet_result(services, other, public_id, "en", FileKind.CSV), NoSuchSheet)
    assert isinstance(
        attach_row_contract(services, other, public_id, 6, "scan.pdf", documents.pdf()), NoSuchSheet
    )
    day = datetime.date(2026, 11, 26)
    assert isinstance(row_contract(services, other, public_id, 6, Language.EN, day), NoSuchSheet)
    with Session(services.engine) as session:
        assert session.exec(select(Order)).all() == []


def test_a_row_with_invoice_split_takes_its_signed_contract_and_its_order_holds_it(
    services: Services,
) -> None:
    manager = manager_of(services.engine)
    sheet = uploaded(services, bulk.every_kind())
    printed = row_contract(
        services, manager, sheet.public_id, 6, Language.FR, datetime.date(2026, 11, 26)
    )
    assert isinstance(printed, ContractFile) and printed.pdf.startswith(b"%PDF")
    attached = attach_row_contract(
        services, manager, sheet.public_id, 6, "scan.pdf", documents.pdf()
    )
    assert isinstance(attached, SheetSummary) and attached.ready == 6
    sent = send_sheet(services, manager, sheet.public_id)
    assert not isinstance(sent, NoSuchSheet) and sent.placed == 5
    reference = states(services, sheet.public_id)[6].reference
    with Session(services.engine) as session:
        order = session.exec(select(Order).where(Order.reference == reference)).one()
        document = session.exec(select(StoredDocument)).one()
    assert document.order_id == order.id and order.contract_document_id == document.public_id


def test_the_result_file_gives_each_row_its_reference_or_what_stops_it_in_the_users_language(
    services: Services,
) -> None:
    manager = manager_of(services.engine)
    sheet = uploaded(services, bulk.every_kind())
    send_sheet(services, manager, sheet.public_id)
    result = sheet_result(services, manager, sheet.public_id, "fr", FileKind.XLSX)
    assert not isinstance(result, NoSuchSheet) and result.name == "resultat-lines.xlsx"
    cells = [
        [c.value for c in row] for row in load_workbook(io.BytesIO(result.data)).active.iter_rows()
    ]  # type: ignore[union-attr]
    assert cells[0][:2] == ["Résultat", "Type de demande"]
    rows = states(services, sheet.public_id)
    assert cells[1][0] == rows[2].reference
    assert cells[13][0] == (
        "Numéro de client pour la facturation : 7.20077001 n'est pas un des numéros de client "
        "de votre entreprise : écrivez un numéro de sa liste."
    )


def test_the_template_lists_each_choice_and_the_companys_own_customer_numbers(
    services: Services,
) -> None:
    manager = manager_of(services.engine)
    template = bulk_template(services, manager, "nl", FileKind.XLSX)
    book = load_workbook(io.BytesIO(template.data))
    lines, lists = book.worksheets
    assert lists.sheet_state == "hidden"
    assert lines["A1"].value == "Soort aanvraag"
    validations = {str(v.sqref): v.formula1 for v in lines.data_validations.dataValidation}
    assert len([f for f in validations.values() if f]) == 15  # every choice column but options
    customer_numbers = [c.value for c in next(lists.iter_cols(min_col=10, max_col=10))][1:]
    assert [n for n in customer_numbers if n] == ["7.10045821", "7.10045822"]  # not Lumière's
    # Uploaded as it is, it has no line yet; its CSV twin is Excel's Belgian CSV.
    assert refusal(services, template.data).message_id == refusals.NO_LINES
    csv_template = bulk_template(services, manager, "fr", FileKind.CSV).data
    assert csv_template.startswith("\ufeffType de demande;".encode())


def test_rows_of_another_companys_lines_are_refused(services: Services) -> None:
    """Its customer number, the SIM card of its line: rows 14 and 11 of the shipped file."""
    sheet = uploaded(services, bulk.every_kind())
    rows = states(services, sheet.public_id)
    assert problems_by_cell(rows[14]) == EXPECTED[14]
    assert problems_by_cell(rows[11]) == EXPECTED[11]
    manager = manager_of(services.engine)
    send_sheet(services, manager, sheet.public_id)
    with Session(services.engine) as session:
        orders = session.exec(select(Order)).all()
    assert all(isinstance(o, Order) and o.company_id == manager.company_id for o in orders)
    assert not any(o.sim_digits == "8932498765400" for o in orders)


def test_a_file_fixed_and_uploaded_again_does_not_order_its_sent_lines_twice(
    services: Services,
) -> None:
    """Row 3 is a new number on an eSIM: nothing in the fleet or the open orders tells it
    apart from a second line, so the earlier file's row says it was sent."""
    manager = manager_of(services.engine)
    first = uploaded(services, bulk.every_kind(), "every_kind.csv")
    send_sheet(services, manager, first.public_id)
    reference = states(services, first.public_id)[3].reference
    again = uploaded(services, bulk.every_kind(), "every_kind (fixed).csv")
    assert problems_by_cell(states(services, again.public_id)[3]) == {
        C.REQUEST_TYPE: [
            (SENT_BEFORE, {"reference": str(reference), "row": "3", "file": "every_kind.csv"})
        ]
    }
    assert problems_by_cell(states(services, again.public_id)[7]) == {
        C.REQUEST_TYPE: [(SENT_TO_EMPLOYEE_BEFORE, {"row": "7", "file": "every_kind.csv"})]
    }
    resent = send_sheet(services, manager, again.public_id)
    assert not isinstance(resent, NoSuchSheet) and (resent.placed, resent.asked) == (0, 0)


def test_a_removed_row_is_not_sent_and_ends_its_clash_and_a_sent_row_stays(
    services: Services,
) -> None:
    manager = manager_of(services.engine)
    sheet = uploaded(services, bulk.every_kind())
    after = remove_row(services, manager, sheet.public_id, 13)
    assert isinstance(after, SheetSummary) and (after.rows, after.ready) == (22, 6)
    assert 13 not in states(services, sheet.public_id)
    send_sheet(services, manager, sheet.public_id)
    assert isinstance(remove_row(services, manager, sheet.public_id, 2), AlreadySent)
    other = manager_of(services.engine, LUMIERE)
    assert isinstance(remove_row(services, other, sheet.public_id, 8), NoSuchSheet)
