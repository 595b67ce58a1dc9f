"""Bulk onboarding: a spreadsheet of new lines and transfers, one order request a row, judged
by the wizard's own rules (``validate_request``), plus what only a file can get wrong: a value
that is not one of its column's, a cell Excel turned into a date or a number too long for it,
the same number or SIM card on two rows.

Cells are text. A choice is written as its label in any of the three languages or as its code,
whatever the case and accents; ``Vocabulary`` gets the translations from the caller, as the
domain never translates. Problems are ``Problem``s whose ``field`` is a column.
"""

import dataclasses
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.catalogue import (
    OPERATOR_NAMES,
    OPTIONS,
    PLANS,
    TRAVEL_DATA_CONTROL_AMOUNTS,
    TRAVEL_DATA_CONTROL_DEFAULT,
    TRAVEL_DATA_CONTROL_NO_LIMIT,
    Operator,
)
from domain.context import BillingAccount, FleetContext
from domain.employee_link import asked_parts
from domain.language import Language
from domain.problems import Problem
from domain.request import CardType, OrderRequest, OwnerType, RequestType, SimKind
from domain.texts import N_
from domain.validation import normalise, validate_asking, validate_request

MAX_ROWS = 1000  # lines a file may hold
CELL_MAX_LENGTH = 300  # longer than any answer takes: a cell is kept this long at most


class Column(StrEnum):
    REQUEST_TYPE = "request_type"
    NUMBER = "number"
    CURRENT_OPERATOR = "current_operator"
    CARD_TYPE = "card_type"
    OWNER_TYPE = "owner_type"
    OWNER_NAME = "owner_name"
    ENTERPRISE_NUMBER = "enterprise_number"
    DONOR_SIM_OR_CUSTOMER = "donor_sim_or_customer_number"
    OWNER_CONSENT = "owner_consent"
    CUSTOMER_NUMBER = "customer_number"
    SUB_DIVISION = "sub_division"
    END_USER = "end_user"
    SIM_KIND = "sim_kind"
    SIM_DIGITS = "sim_digits"
    ESIM_EMAIL = "esim_email"
    ESIM_LANGUAGE = "esim_language"
    DEVICE_SUPPORTS_ESIM = "device_supports_esim"
    PLAN = "plan"
    OPTIONS = "options"
    TRAVEL_DATA_CONTROL = "travel_data_control"
    INVOICE_SPLIT = "invoice_split"
    ASK_EMPLOYEE = "ask_employee"
    EMPLOYEE_EMAIL = "employee_email"
    EMPLOYEE_LANGUAGE = "employee_language"
    # Not in the file: the row's signed Invoice Split contract, uploaded on the page.
    CONTRACT = "contract"

    @property
    def label(self) -> str:
        return COLUMN_LABELS[self]


COLUMN_LABELS: dict[Column, str] = {
    Column.REQUEST_TYPE: N_("Request type"),
    Column.NUMBER: N_("Number to transfer"),
    Column.CURRENT_OPERATOR: N_("Current operator"),
    Column.CARD_TYPE: N_("Card type"),
    Column.OWNER_TYPE: N_("Owner"),
    Column.OWNER_NAME: N_("Owner's name"),
    Column.ENTERPRISE_NUMBER: N_("Enterprise number"),
    Column.DONOR_SIM_OR_CUSTOMER: N_("SIM card or customer number at the current operator"),
    Column.OWNER_CONSENT: N_("Owner's consent"),
    Column.CUSTOMER_NUMBER: N_("Customer number for billing"),
    Column.SUB_DIVISION: N_("Sub-division"),
    Column.END_USER: N_("End user"),
    Column.SIM_KIND: N_("SIM or eSIM"),
    Column.SIM_DIGITS: N_("SIM card number"),
    Column.ESIM_EMAIL: N_("End user's e-mail address"),
    Column.ESIM_LANGUAGE: N_("Language of the eSIM e-mail"),
    Column.DEVICE_SUPPORTS_ESIM: N_("Device supports eSIM"),
    Column.PLAN: N_("Plan"),
    Column.OPTIONS: N_("Options"),
    Column.TRAVEL_DATA_CONTROL: N_("Travel Data Control"),
    Column.INVOICE_SPLIT: N_("Invoice Split"),
    Column.ASK_EMPLOYEE: N_("Ask the employee"),
    Column.EMPLOYEE_EMAIL: N_("Employee's e-mail address"),
    Column.EMPLOYEE_LANGUAGE: N_("Language of the employee's e-mail"),
    Column.CONTRACT: N_("Signed Invoice Split contract"),
}
FILE_COLUMNS = tuple(column for column in Column if column is not Column.CONTRACT)

# Where the rules' problems go: each OrderRequest field's column.
FIELD_COLUMNS: dict[str, Column] = {
    "request_type": Column.REQUEST_TYPE,
    "transfer_number": Column.NUMBER,
    "current_operator": Column.CURRENT_OPERATOR,
    "card_type": Column.CARD_TYPE,
    "owner_type": Column.OWNER_TYPE,
    "owner_name": Column.OWNER_NAME,
    "enterprise_number": Column.ENTERPRISE_NUMBER,
    "donor_iccid": Column.DONOR_SIM_OR_CUSTOMER,
    "donor_customer_number": Column.DONOR_SIM_OR_CUSTOMER,
    "owner_consent": Column.OWNER_CONSENT,
    "customer_number_id": Column.CUSTOMER_NUMBER,
    "sub_division_id": Column.SUB_DIVISION,
    "end_user_name": Column.END_USER,
    "sim_kind": Column.SIM_KIND,
    "sim_digits": Column.SIM_DIGITS,
    "esim_email": Column.ESIM_EMAIL,
    "esim_language": Column.ESIM_LANGUAGE,
    "esim_device_compatible": Column.DEVICE_SUPPORTS_ESIM,
    "plan_code": Column.PLAN,
    "option_codes": Column.OPTIONS,
    "travel_data_control": Column.TRAVEL_DATA_CONTROL,
    "travel_data_no_limit_confirmed": Column.TRAVEL_DATA_CONTROL,
    "invoice_split": Column.INVOICE_SPLIT,
    "invoice_split_contract_id": Column.CONTRACT,
    "invoice_split_contract_basis": Column.CONTRACT,
    "ask_employee_transfer": Column.ASK_EMPLOYEE,
    "ask_employee_signature": Column.ASK_EMPLOYEE,
    "employee_email": Column.EMPLOYEE_EMAIL,
    "employee_language": Column.EMPLOYEE_LANGUAGE,
    "employee_answered": Column.ASK_EMPLOYEE,
    "contract_language": Column.INVOICE_SPLIT,
}

NOT_A_VALUE = N_("“{value}” is not a value of this column: write one of its list.")
NOT_AN_OPTION = N_("“{value}” is not an option: write the options' names, separated by commas.")
NOT_A_CUSTOMER_NUMBER = N_(
    "{value} is not one of your company's customer numbers: write one of its list."
)
NOT_A_SUB_DIVISION = N_(
    "“{value}” is not a sub-division of this customer number: write one of its list, or nothing."
)
EXCEL_DATE = N_(
    "Excel turned this value into a date ({value}): type the value here, or format the column "
    "as text in the file and type it again."
)
EXCEL_LOST_DIGITS = N_(
    "Excel kept this number as a figure and lost its last digits ({value}): type the number "
    "here, or format the column as text in the file and type it again."
)
NUMBER_ON_TWO_ROWS = N_("This number is also on row {rows}: keep it on one row only.")
SIM_ON_TWO_ROWS = N_("This SIM card is also on row {rows}: each line needs its own SIM card.")
NOTHING_TO_ASK = N_(
    "Only a transfer or a line with Invoice Split asks the employee something: write No here."
)
SENT_BEFORE = N_(
    "This line was sent already, as order {reference} (row {row} of {file}): remove it here or "
    "in the file, or change it if it is another line."
)
SENT_TO_EMPLOYEE_BEFORE = N_(
    "This line was sent already, to the employee for their part (row {row} of {file}): remove "
    "it here or in the file, or change it if it is another line."
)
YES = N_("Yes")
NO = N_("No")
# What reading a file says of a cell; kept with the row until the cell is typed again.
READING_NOTES = frozenset({EXCEL_DATE, EXCEL_LOST_DIGITS})


@dataclass(frozen=True)
class Choice:
    """A value a column takes: what it stores, its label (a message id or a brand name) and
    the codes also accepted."""

    value: object
    label: str
    codes: tuple[str, ...] = ()


def _enum_choices(
    members: Iterable[StrEnum], labels: Callable[[StrEnum], str]
) -> tuple[Choice, ...]:
    return tuple(Choice(member, labels(member), (member.value,)) for member in members)


_YES_NO = (
    Choice(True, YES, ("y", "true", "1", "x", "oui", "ja")),
    Choice(False, NO, ("n", "false", "0", "non", "nee")),
)
_LANGUAGES = tuple(
    Choice(language, language.native_name, (language.value,)) for language in Language
)

CHOICES: dict[Column, tuple[Choice, ...]] = {
    Column.REQUEST_TYPE: (
        Choice(RequestType.NEW_NUMBER, RequestType.NEW_NUMBER.label, ("new", "new_number")),
        Choice(RequestType.TRANSFER, RequestType.TRANSFER.label, ("transfer",)),
    ),
    Column.CURRENT_OPERATOR: tuple(
        Choice(operator, name, (operator.value,)) for operator, name in OPERATOR_NAMES.items()
    ),
    Column.CARD_TYPE: _enum_choices(CardType, lambda member: CardType(member).label),
    Column.OWNER_TYPE: _enum_choices(OwnerType, lambda member: OwnerType(member).label),
    Column.OWNER_CONSENT: _YES_NO,
    Column.SIM_KIND: _enum_choices(SimKind, lambda member: SimKind(member).label),
    Column.ESIM_LANGUAGE: _LANGUAGES,
    Column.DEVICE_SUPPORTS_ESIM: _YES_NO,
    Column.PLAN: tuple(Choice(plan.code, plan.name, (plan.code,)) for plan in PLANS),
    Column.OPTIONS: tuple(Choice(option.code, option.name, (option.code,)) for option in OPTIONS),
    Column.TRAVEL_DATA_CONTROL: tuple(
        Choice(amount, TRAVEL_DATA_CONTROL_NO_LIMIT, ("none", "unlimited"))
        if amount is None
        else Choice(amount, str(amount))
        for amount in TRAVEL_DATA_CONTROL_AMOUNTS
    ),
    Column.INVOICE_SPLIT: _YES_NO,
    Column.ASK_EMPLOYEE: _YES_NO,
    Column.EMPLOYEE_LANGUAGE: _LANGUAGES,
}


def word_key(text: str) -> str:
    """How a written value is compared: no accents, no case, single spaces, no "€"."""
    bare = unicodedata.normalize("NFKD", text.replace("€", " ").replace("’", "'"))
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


class Vocabulary:
    """Every accepted spelling of every column's values, from the labels' translations."""

    def __init__(self, spellings: Callable[[str], Iterable[str]]) -> None:
        self._words: dict[Column, dict[str, object]] = {}
        for column, choices in CHOICES.items():
            words: dict[str, object] = {}
            for choice in choices:
                for word in (*spellings(choice.label), choice.label, *choice.codes):
                    words.setdefault(word_key(word), choice.value)
            self._words[column] = words
        self.headers: dict[str, Column] = {}
        for column in FILE_COLUMNS:
            for word in (*spellings(column.label), column.label, column.value):
                self.headers.setdefault(word_key(word), column)

    def value(self, column: Column, text: str) -> tuple[object, bool]:
        """The value ``text`` writes in ``column`` (an empty cell: None) and whether it is one."""
        key = word_key(text)
        if column is Column.TRAVEL_DATA_CONTROL:
            key = _amount_key(key)
        if not key:
            return None, True
        words = self._words[column]
        return (words[key], True) if key in words else (None, False)


def _amount_key(key: str) -> str:
    """ "50,00", "50.0", "50 eur" read as "50"."""
    match = re.fullmatch(r"(\d+)(?:[.,]0+)?\s*(?:eur|euro|euros)?", key)
    return match.group(1) if match else key


@dataclass(frozen=True)
class SheetRow:
    """One line of the file: its row number there, its cells by column (text), what reading
    said of some cells (``READING_NOTES``), and the signed contract uploaded for it."""

    number: int
    cells: Mapping[str, str]
    notes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    contract_id: str | None = None
    contract_basis: str = ""

    def cell(self, column: Column) -> str:
        return self.cells.get(column.value, "")


@dataclass(frozen=True)
class RowVerdict:
    """What the rules say of a row: its request, and its problems each on its column."""

    number: int
    request: OrderRequest
    problems: tuple[Problem, ...]

    @property
    def asks_employee(self) -> bool:
        return bool(asked_parts(self.request))

    def on(self, column: Column) -> list[Problem]:
        return [problem for problem in self.problems if problem.field == column.value]


def judge_rows(
    rows: Sequence[SheetRow], context: FleetContext, vocabulary: Vocabulary
) -> list[RowVerdict]:
    """Every row judged, with the rows that clash with each other (the same number or SIM)."""
    verdicts = [judge_row(row, context, vocabulary) for row in rows]
    return _with_clashes(verdicts)


def judge_row(row: SheetRow, context: FleetContext, vocabulary: Vocabulary) -> RowVerdict:
    """A row's request and its problems, with the wizard's rules and messages."""
    request, reading = row_request(row, context, vocabulary)
    judged = validate_asking if asked_parts(request) else validate_request
    problems = list(reading)
    read_columns = {problem.field for problem in reading}
    for problem in judged(request, context):
        column = FIELD_COLUMNS.get(problem.field, Column.REQUEST_TYPE).value
        moved = dataclasses.replace(problem, field=column)
        if column not in read_columns and moved not in problems:
            problems.append(moved)
    if _cell_says(row, vocabulary, Column.ASK_EMPLOYEE) and not asked_parts(request):
        problems.append(Problem(Column.ASK_EMPLOYEE.value, NOTHING_TO_ASK))
    return RowVerdict(row.number, request, tuple(problems))


def _cell_says(row: SheetRow, vocabulary: Vocabulary, column: Column) -> bool:
    return vocabulary.value(column, row.cell(column))[0] is True


def row_request(
    row: SheetRow, context: FleetContext, vocabulary: Vocabulary
) -> tuple[OrderRequest, list[Problem]]:
    """The order request a row writes, and the cells that could not be read as a value."""
    reading: list[Problem] = [
        Problem(column, note, {"value": row.cells.get(column, "")})
        for column, note in row.notes.items()
        if note in READING_NOTES
    ]
    chosen: dict[Column, object] = {}
    for column in CHOICES:
        if column is Column.OPTIONS or any(p.field == column.value for p in reading):
            continue
        text = row.cell(column)
        value, known = vocabulary.value(column, text)
        if not known:
            reading.append(Problem(column.value, NOT_A_VALUE, {"value": text[:60]}))
        elif word_key(text):  # an empty cell is no answer: the wizard's default
            chosen[column] = value
    options, unknown = _options(row.cell(Column.OPTIONS), vocabulary)
    reading += [Problem(Column.OPTIONS.value, NOT_AN_OPTION, {"value": text}) for text in unknown]
    account_id, sub_division_id, billing = _billing(row, context)
    request = _request(row, chosen, options, account_id, sub_division_id)
    return request, reading + billing


def _request(
    row: SheetRow,
    chosen: Mapping[Column, object],
    options: tuple[str, ...],
    account_id: str | None,
    sub_division_id: str | None,
) -> OrderRequest:
    transfer = chosen.get(Column.REQUEST_TYPE) is RequestType.TRANSFER
    card_type = chosen.get(Column.CARD_TYPE)
    split = chosen.get(Column.INVOICE_SPLIT) is True
    asks = chosen.get(Column.ASK_EMPLOYEE) is True
    amount = chosen.get(Column.TRAVEL_DATA_CONTROL, TRAVEL_DATA_CONTROL_DEFAULT)
    donor = row.cell(Column.DONOR_SIM_OR_CUSTOMER)
    return OrderRequest(
        request_type=_member(RequestType, chosen.get(Column.REQUEST_TYPE)),
        current_operator=_member(Operator, chosen.get(Column.CURRENT_OPERATOR)),
        card_type=_member(CardType, card_type),
        transfer_number=row.cell(Column.NUMBER),
        owner_type=_member(OwnerType, chosen.get(Column.OWNER_TYPE)),
        owner_name=row.cell(Column.OWNER_NAME),
        enterprise_number=row.cell(Column.ENTERPRISE_NUMBER),
        donor_iccid=donor if card_type is CardType.PREPAID else "",
        donor_customer_number=donor if card_type is CardType.SUBSCRIPTION else "",
        owner_consent=chosen.get(Column.OWNER_CONSENT) is True,
        ask_employee_transfer=asks and transfer,
        employee_email=row.cell(Column.EMPLOYEE_EMAIL),
        employee_language=_member(Language, chosen.get(Column.EMPLOYEE_LANGUAGE)),
        send_when_employee_done=asks,  # a file of lines is sent as a whole: no one-by-one check
        customer_number_id=account_id,
        sub_division_id=sub_division_id,
        sim_kind=_member(SimKind, chosen.get(Column.SIM_KIND)),
        sim_digits=row.cell(Column.SIM_DIGITS),
        esim_email=row.cell(Column.ESIM_EMAIL),
        esim_language=_member(Language, chosen.get(Column.ESIM_LANGUAGE)),
        esim_device_compatible=chosen.get(Column.DEVICE_SUPPORTS_ESIM) is True,
        end_user_name=row.cell(Column.END_USER),
        plan_code=_text_or_none(chosen.get(Column.PLAN)),
        option_codes=options,
        travel_data_control=amount if isinstance(amount, int) else None,
        # "No limit" written in a file is its confirmation: there is no box to tick.
        travel_data_no_limit_confirmed=amount is None,
        invoice_split=split,
        invoice_split_contract_id=row.contract_id if split else None,
        invoice_split_contract_basis=row.contract_basis if split else "",
        ask_employee_signature=asks and split,
    )


def _member[E: StrEnum](enum: type[E], value: object) -> E | None:
    return value if isinstance(value, enum) else None


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _options(text: str, vocabulary: Vocabulary) -> tuple[tuple[str, ...], list[str]]:
    """Option codes of a cell ("Unlimited SMS, secure_net"), and the names that are none."""
    codes: list[str] = []
    unknown: list[str] = []
    for name in filter(None, (part.strip() for part in re.split(r"[,;\n]", text))):
        code, known = vocabulary.value(Column.OPTIONS, name)
        if known and isinstance(code, str):
            codes.append(code)
        else:
            unknown.append(name[:60])
    return tuple(dict.fromkeys(codes)), unknown


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _billing(row: SheetRow, context: FleetContext) -> tuple[str | None, str | None, list[Problem]]:
    """The customer number and sub-division written, as the ids the request keeps."""
    written = row.cell(Column.CUSTOMER_NUMBER).strip()
    if not written:
        return None, None, []  # the rules ask for it
    # "0412 345 678 (Nova HQ)": the list shows the number with its name; the digits count.
    number = _digits(re.split(r"[(–—]| - ", written, maxsplit=1)[0])
    account = next(
        (a for a in context.billing_accounts if _digits(a.customer_number) == number), None
    )
    if account is None:
        return (
            None,
            None,
            [Problem(Column.CUSTOMER_NUMBER.value, NOT_A_CUSTOMER_NUMBER, {"value": written[:60]})],
        )
    return account.id, *_sub_division(row, account)


def _sub_division(row: SheetRow, account: BillingAccount) -> tuple[str | None, list[Problem]]:
    written = row.cell(Column.SUB_DIVISION).strip()
    if not written:
        return None, []
    found = next((s for s in account.sub_divisions if word_key(s.name) == word_key(written)), None)
    if found is None:
        return None, [
            Problem(Column.SUB_DIVISION.value, NOT_A_SUB_DIVISION, {"value": written[:60]})
        ]
    return found.id, []


def _with_clashes(verdicts: list[RowVerdict]) -> list[RowVerdict]:
    """Rows that write the same number to transfer, or the same SIM card, each say so."""
    numbers: dict[str, list[int]] = defaultdict(list)
    sims: dict[str, list[int]] = defaultdict(list)
    for index, verdict in enumerate(verdicts):
        kept = normalise(verdict.request)
        if kept.transfer_number.startswith("+"):
            numbers[kept.transfer_number].append(index)
        if kept.sim_digits.isdigit():
            sims[kept.sim_digits].append(index)
    added: dict[int, list[Problem]] = defaultdict(list)
    for clashes, column, message in (
        (numbers, Column.NUMBER, NUMBER_ON_TWO_ROWS),
        (sims, Column.SIM_DIGITS, SIM_ON_TWO_ROWS),
    ):
        for indexes in (found for found in clashes.values() if len(found) > 1):
            for index in indexes:
                others = ", ".join(str(verdicts[i].number) for i in indexes if i != index)
                added[index].append(Problem(column.value, message, {"rows": others}))
    return [
        dataclasses.replace(verdict, problems=verdict.problems + tuple(added[index]))
        if index in added
        else verdict
        for index, verdict in enumerate(verdicts)
    ]


# What a line is, for telling the same line in another file: every answer but the documents,
# which a new upload of the same line does not carry.
_NOT_THE_LINE = {"invoice_split_contract_id", "invoice_split_contract_basis", "employee_answered"}


def line_fingerprint(request: OrderRequest) -> str:
    """The same text for two rows that write the same line, whatever their spelling."""
    kept = {k: v for k, v in normalise(request).to_dict().items() if k not in _NOT_THE_LINE}
    return hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()


def allowed_values(column: Column, context: FleetContext) -> list[str]:
    """What a column's list offers in the template: labels (message ids or names) of its
    choices, the company's customer numbers, or its sub-divisions' names."""
    if column in CHOICES:
        return [choice.label for choice in CHOICES[column]]
    if column is Column.CUSTOMER_NUMBER:
        return [account.customer_number for account in context.billing_accounts]
    if column is Column.SUB_DIVISION:
        names = (s.name for a in context.billing_accounts for s in a.sub_divisions)
        return list(dict.fromkeys(names))
    return []
