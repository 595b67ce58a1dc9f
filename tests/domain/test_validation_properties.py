"""Properties of every domain validator, for any input the UI (or a hostile websocket) may hand
over: no exception, every refusal a known message tied to a known field and worded in FR, NL
and EN, valid answers accepted and kept, and drafts bounded.

The number of examples comes from the hypothesis profile (tests/conftest.py): 10,000 per
property on CI or with LONG=1, 100 otherwise. Checks are combined per test to keep that cost.
"""

import dataclasses
import json
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel.messages.extract import extract_from_dir
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from domain.catalogue import PLANS, TRAVEL_DATA_CONTROL_AMOUNTS
from domain.fields import (
    CUSTOMER_NUMBER_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SEARCH_TERM_MAX_LENGTH,
    FieldResult,
    Invalid,
    Valid,
    check_customer_number,
    check_donor_iccid,
    check_email,
    check_enterprise_number,
    check_mobile_number,
    check_name,
    check_note,
    check_sim_digits,
    format_enterprise_number,
    format_mobile_number,
    search_term,
    tidy_text,
)
from domain.orders import normalise_order_reference
from domain.problems import TRANSLATED_PARAMS, ParamValue, Problem
from domain.request import (
    FIELD_LABELS,
    CardType,
    OrderRequest,
    OwnerType,
    applicable,
    bounded_text,
)
from domain.summary import answers
from domain.validation import normalise, validate_request
from locales import LANGUAGES, catalog
from tests.domain.builders import CONTEXT, new_number, transfer, with_invoice_split

FIELD_NAMES = [f.name for f in dataclasses.fields(OrderRequest)]
DOMAIN_MESSAGES = {
    message if isinstance(message, str) else message[0]
    for _file, _line, message, _comments, _context in extract_from_dir(
        Path(__file__).resolve().parents[2] / "domain", keywords={"N_": None}
    )
}


def check_name_or_missing(text: object) -> FieldResult:
    return check_name(text, "Enter the owner's name, as known by the current operator.")


# Each field check, with the longest valid value it gives.
CHECKS: dict[Callable[[object], FieldResult], int] = {
    check_mobile_number: 12,  # +32 and 9 digits
    check_sim_digits: 13,
    check_donor_iccid: 20,
    check_enterprise_number: 10,
    check_email: EMAIL_MAX_LENGTH,
    check_customer_number: CUSTOMER_NUMBER_MAX_LENGTH,
    check_name_or_missing: NAME_MAX_LENGTH,
    check_note: NOTE_MAX_LENGTH,
}
# The text fields of a draft and the check that judges each.
TEXT_FIELD_CHECKS: dict[str, Callable[[object], FieldResult]] = {
    "transfer_number": check_mobile_number,
    "owner_name": check_name_or_missing,
    "enterprise_number": check_enterprise_number,
    "donor_iccid": check_donor_iccid,
    "donor_customer_number": check_customer_number,
    "sim_digits": check_sim_digits,
    "esim_email": check_email,
    "end_user_name": check_name_or_missing,
}


def raw_request(values: dict[str, Any]) -> OrderRequest:
    """A request holding whatever the UI might put in it, types ignored on purpose."""
    return OrderRequest(**values)


def assert_worded_everywhere(message: str, params: dict[str, ParamValue]) -> None:
    """A message of the domain, whose placeholders its params fill, in every language."""
    assert message in DOMAIN_MESSAGES, message
    for language in LANGUAGES:
        texts = catalog(language)
        filled = {
            name: texts[value] if name in TRANSLATED_PARAMS and isinstance(value, str) else value
            for name, value in params.items()
        }
        texts[message].format(**filled)  # raises on a missing translation or placeholder


# Text shaped like what people type in these fields, odd unicode, and huge pastes.
digits_like = st.text(alphabet="0123456789 +./-()BEbe", max_size=45)
huge = st.builds(
    lambda text, times: text * times, st.text(min_size=1, max_size=3), st.integers(1, 40_000)
)
odd_text = st.one_of(st.text(), digits_like, st.text(st.characters(codec="utf-8")))
any_text = st.one_of(odd_text, huge)
any_value = st.one_of(
    odd_text,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)


@given(st.one_of(any_text, any_value))
def test_every_field_check_answers_anything_with_a_known_message_or_a_kept_value(
    typed: object,
) -> None:
    for check, longest in CHECKS.items():
        result = check(typed)
        if isinstance(result, Invalid):
            assert_worded_everywhere(result.message, dict(result.params))
        else:
            assert isinstance(result, Valid)
            assert len(result.value) <= longest
            assert check(result.value) == result  # a normalised value stays as it is
    text = typed if isinstance(typed, str) else ""
    assert isinstance(format_mobile_number(text), str)
    assert isinstance(format_enterprise_number(text), str)
    assert len(search_term(typed)) <= SEARCH_TERM_MAX_LENGTH
    assert tidy_text(tidy_text(typed)) == tidy_text(typed)
    reference = normalise_order_reference(text)
    assert reference is None or normalise_order_reference(reference) == reference


def _separated(groups: list[str], separator: str) -> str:
    return separator.join(groups)


separators = st.sampled_from(["", " ", ".", "/", "-", "  "])
mobile_numbers = st.builds(
    lambda prefix, digits, sep, lead: (
        lead + _separated([prefix, digits[:2], digits[2:4], digits[4:]], sep)
    ),
    st.sampled_from(["46", "47", "48", "49"]).flatmap(
        lambda tens: st.sampled_from(string.digits).map(lambda unit: tens + unit)
    ),
    # Not the numbers in the fleet or in an open order (0470 11 11 11, 0470 22 22 22).
    st.text(string.digits, min_size=6, max_size=6).filter(lambda d: d not in ("111111", "222222")),
    separators,
    st.sampled_from(["0", "+32", "+32 ", "0032"]),
)
sim_digits = st.text(string.digits, min_size=9, max_size=9).map(lambda d: "8932" + d)
iccids = st.builds(
    lambda body: body + luhn.calc_check_digit(body),
    st.one_of(
        st.text(string.digits, min_size=14, max_size=14),
        st.text(string.digits, min_size=15, max_size=15),
    ).map(lambda d: "8932" + d),
)
enterprise_numbers = st.integers(2_000_000, 19_999_999).map(
    lambda first: f"{first:08d}{97 - first % 97:02d}"
)
emails = st.builds(
    lambda local, domain: f"{local}@{domain}.be",
    st.lists(
        st.text(string.ascii_lowercase + string.digits + "_-", min_size=1, max_size=10),
        min_size=1,
        max_size=3,
    ).map(".".join),
    st.text(string.ascii_lowercase, min_size=2, max_size=20),
)
customer_numbers = (
    st.lists(
        st.text(string.ascii_uppercase + string.digits, min_size=1, max_size=6),
        min_size=1,
        max_size=4,
    )
    .map(".".join)
    .filter(lambda number: len(number) <= CUSTOMER_NUMBER_MAX_LENGTH)
)
# Letters of the names people have here and elsewhere (a fixed alphabet: cheap to draw).
NAME_LETTERS = string.ascii_letters + "éèêàçëïöüÉßøåæñłšžčřőűİıΩπλДЖяع中文'-"
names = st.lists(
    st.text(NAME_LETTERS, min_size=1, max_size=15).filter(lambda word: word.strip("'-")),
    min_size=1,
    max_size=6,
).map(" ".join)


@dataclasses.dataclass(frozen=True)
class ValidAnswers:
    """One valid answer for each free-text field, as a person may type it."""

    mobile_number: str
    sim: str  # 13 digits, or a whole ICCID pasted (cut to 13)
    iccid: str
    enterprise_number: str
    owner_name: str
    end_user_name: str
    email: str
    customer_number: str

    def checked(self) -> list[tuple[str, str]]:
        """Each answer with the draft field it goes in."""
        return [
            ("transfer_number", self.mobile_number),
            ("sim_digits", self.sim),
            ("donor_iccid", self.iccid),
            ("enterprise_number", self.enterprise_number),
            ("owner_name", self.owner_name),
            ("end_user_name", self.end_user_name),
            ("esim_email", self.email),
            ("donor_customer_number", self.customer_number),
        ]


valid_answers = st.builds(
    ValidAnswers,
    mobile_numbers,
    st.one_of(sim_digits, iccids).filter(lambda sim: sim[:13] not in CONTEXT.used_sim_digits),
    iccids,
    enterprise_numbers,
    names,
    names,
    emails,
    customer_numbers,
)
amounts = st.sampled_from(sorted(TRAVEL_DATA_CONTROL_AMOUNTS, key=lambda a: (a is None, a or 0)))


def requests_of(typed: ValidAnswers, plan: str, amount: int | None) -> list[OrderRequest]:
    """A new number on a SIM card and transfers of a prepaid and a subscription number."""
    plan_answers: dict[str, Any] = {
        "plan_code": plan,
        "option_codes": (),
        "travel_data_control": amount,
        "travel_data_no_limit_confirmed": amount is None,
    }
    transferred = transfer(
        transfer_number=typed.mobile_number,
        donor_iccid=typed.iccid,
        enterprise_number=typed.enterprise_number,
        owner_name=typed.owner_name,
        end_user_name=typed.end_user_name,
        esim_email=typed.email,
        **plan_answers,
    )
    return [
        new_number(sim_digits=typed.sim, end_user_name=typed.end_user_name, **plan_answers),
        transferred,
        dataclasses.replace(
            transferred,
            card_type=CardType.SUBSCRIPTION,
            donor_customer_number=typed.customer_number,
            owner_type=OwnerType.PRIVATE,
        ),
    ]


@given(valid_answers, st.sampled_from([plan.code for plan in PLANS]), amounts)
def test_valid_answers_and_requests_are_accepted_as_typed_kept_and_normalised(
    typed: ValidAnswers, plan: str, amount: int | None
) -> None:
    for field, answer in typed.checked():
        check = TEXT_FIELD_CHECKS[field]
        result = check(answer)
        assert isinstance(result, Valid), (field, answer, result)
        assert check(bounded_text(field, answer)) == result  # a draft keeps it whole
    new, prepaid, subscription = requests_of(typed, plan, amount)
    for request in (new, prepaid, subscription, normalise(prepaid)):
        assert validate_request(request, CONTEXT) == []


# Drafts holding anything in any of their fields (huge pastes included), from a valid
# request or an empty one.
drafts = st.builds(
    lambda start, changes: dataclasses.replace(start(), **changes),
    st.sampled_from([OrderRequest, transfer, new_number, with_invoice_split]),
    st.dictionaries(st.sampled_from(FIELD_NAMES), st.one_of(any_value, huge)),
)


@given(drafts)
def test_any_draft_is_judged_with_known_worded_problems_and_normalised_safely(
    request: OrderRequest,
) -> None:
    problems = validate_request(request, CONTEXT)  # every applicable step's validate_step
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.field in FIELD_NAMES and problem.field in FIELD_LABELS
        assert_worded_everywhere(problem.message, dict(problem.params))
    assert len(problems) == len(set(problems))  # each problem once
    answers(request, CONTEXT)  # check your answers reads any draft too
    once = normalise(request)
    for result in (once, applicable(request)):
        data = json.loads(json.dumps(result.to_dict()))
        assert OrderRequest.from_dict(data).to_dict() == data
    assert normalise(once) == once
    stored = OrderRequest.from_dict(request.to_dict())
    assert len(json.dumps(stored.to_dict())) < 10_000  # a paste is never stored as is
    assert validate_request(once, CONTEXT) == validate_request(
        OrderRequest.from_dict(applicable(request).to_dict()), CONTEXT
    )
