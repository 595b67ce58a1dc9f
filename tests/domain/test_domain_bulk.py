"""The rules of a file of lines, without storage: every problem the wizard's rules can give
has a column to show it on, values are read in any language and spelling, and no cell,
however odd, makes the judging fail."""

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from domain.bulk import (
    CHOICES,
    FIELD_COLUMNS,
    FILE_COLUMNS,
    NOT_A_VALUE,
    Column,
    SheetRow,
    Vocabulary,
    judge_row,
    judge_rows,
)
from domain.context import BillingAccount, FleetContext, SubDivision
from domain.request import OrderRequest, RequestType

# Spellings as the catalogs give them, a few per label: enough to show the matching.
SPELLINGS = {"A new number": ["Un nouveau numéro", "Een nieuw nummer"], "Yes": ["Oui", "Ja"]}
WORDS = Vocabulary(lambda label: SPELLINGS.get(label, []))
CONTEXT = FleetContext(
    billing_accounts=(
        BillingAccount("1", "7.10045821", "Main", (SubDivision("5", "Head office"),)),
    )
)
NO_PROBLEM_EVER = {"esim_qr_copy_to_manager", "send_when_employee_done"}


def test_every_answer_the_rules_can_refuse_has_a_column_to_show_it_on() -> None:
    answers = {field.name for field in dataclasses.fields(OrderRequest)}
    assert set(FIELD_COLUMNS) == answers - NO_PROBLEM_EVER
    assert set(FIELD_COLUMNS.values()) <= set(Column)


def test_a_value_is_read_in_any_language_case_and_accents_or_by_its_code() -> None:
    for written in ("A new number", "UN NOUVEAU NUMERO", "een  nieuw nummer", "new", "new_number"):
        assert WORDS.value(Column.REQUEST_TYPE, written) == (RequestType.NEW_NUMBER, True)
    assert WORDS.value(Column.REQUEST_TYPE, "nieuw") == (None, False)
    assert WORDS.value(Column.TRAVEL_DATA_CONTROL, "100,00 €") == (100, True)
    assert WORDS.value(Column.OWNER_CONSENT, "ja") == (True, True)


def test_a_row_reads_as_the_request_the_wizard_would_make() -> None:
    row = SheetRow(
        2,
        {
            "request_type": "new",
            "customer_number": "7 100 458 21",
            "sub_division": "HEAD OFFICE",
            "end_user": "Lotte Janssens",
            "sim_kind": "sim",
            "sim_digits": "8932000012345",
            "plan": "Shape Small",
            "options": "secure_net; data_boost",
        },
    )
    verdict = judge_row(row, CONTEXT, WORDS)
    assert verdict.problems == ()
    assert (verdict.request.customer_number_id, verdict.request.sub_division_id) == ("1", "5")
    assert verdict.request.option_codes == ("secure_net", "data_boost")
    assert verdict.request.travel_data_control == 50  # an empty cell: the wizard's default


def test_an_unknown_value_is_said_once_on_its_cell_not_again_by_the_rules() -> None:
    verdict = judge_row(SheetRow(2, {"request_type": "Nouveau!"}), CONTEXT, WORDS)
    on_type = verdict.on(Column.REQUEST_TYPE)
    assert [(p.message, p.params) for p in on_type] == [(NOT_A_VALUE, {"value": "Nouveau!"})]


CELL = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["new", "transfer", "sim", "esim", "yes", "no limit", "8932000012345", "0470 12 34 56"]
)


@given(
    st.lists(st.dictionaries(st.sampled_from([c.value for c in FILE_COLUMNS]), CELL), max_size=4)
)
def test_no_cells_make_the_judging_fail_and_every_problem_is_on_a_column(
    rows: list[dict[str, str]],
) -> None:
    verdicts = judge_rows([SheetRow(n, cells) for n, cells in enumerate(rows, 2)], CONTEXT, WORDS)
    assert len(verdicts) == len(rows)
    columns = {column.value for column in Column}
    assert all(problem.field in columns for v in verdicts for problem in v.problems)


def test_every_choice_column_is_a_file_column() -> None:
    assert set(CHOICES) <= set(FILE_COLUMNS)
