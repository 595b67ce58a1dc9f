"""Validation: only the answers that apply are required, every problem comes back at once."""

import dataclasses

import pytest

from domain.catalogue import Operator
from domain.fields import TOO_LONG
from domain.invoice_split import contract_basis
from domain.language import Language
from domain.problems import Problem
from domain.request import CardType, OrderRequest, OwnerType, RequestType, SimKind
from domain.steps import Step
from domain.validation import normalise, validate_request, validate_step
from locales import translator
from locales.formats import format_cents
from tests.domain.builders import CONTEXT, VALID_ICCID_19, new_number, transfer, with_invoice_split

NO_LIMIT_UNCONFIRMED = (
    "Confirm that you want no limit: mobile data abroad may then cost more than {amount} a month."
)


def fields(problems: list[Problem]) -> list[str]:
    return [problem.field for problem in problems]


@pytest.mark.parametrize(
    "request_",
    [
        new_number(),
        new_number(
            sim_kind=SimKind.ESIM,
            esim_email="a@acme.be",
            esim_language=Language.FR,
            esim_device_compatible=True,
        ),
        new_number(sub_division_id="it"),
        new_number(plan_code="data_10", option_codes=("data_boost", "secure_net")),
        new_number(travel_data_control=None, travel_data_no_limit_confirmed=True),
        new_number(travel_data_control=0),
        transfer(),
        transfer(owner_type=OwnerType.PRIVATE, enterprise_number=""),
        transfer(
            card_type=CardType.SUBSCRIPTION, donor_iccid="", donor_customer_number="1.234.567"
        ),
        transfer(current_operator=Operator.ORANGE),
        with_invoice_split(),
    ],
)
def test_complete_request_has_no_problems(request_: OrderRequest) -> None:
    assert validate_request(request_, CONTEXT) == []


def test_empty_request_reports_every_missing_answer_at_once() -> None:
    assert fields(validate_request(OrderRequest(), CONTEXT)) == [
        "request_type",
        "customer_number_id",
        "end_user_name",
        "sim_kind",
        "plan_code",
    ]


# A required answer, left out where it applies: (request, step, field, message).
REQUIRED_WHEN_APPLIES = [
    (
        transfer(current_operator=None),
        Step.REQUEST_TYPE,
        "current_operator",
        "Choose the operator the number is with today.",
    ),
    (
        transfer(card_type=None),
        Step.REQUEST_TYPE,
        "card_type",
        "Choose whether the number is a prepaid card or a subscription.",
    ),
    (
        transfer(transfer_number=""),
        Step.NUMBER_AND_OWNER,
        "transfer_number",
        "Enter the number to transfer, like 0470 12 34 56.",
    ),
    (
        transfer(owner_type=None),
        Step.NUMBER_AND_OWNER,
        "owner_type",
        "Choose whether the number belongs to a private person or a company.",
    ),
    (
        transfer(owner_name=" "),
        Step.NUMBER_AND_OWNER,
        "owner_name",
        "Enter the owner's name, as known by the current operator.",
    ),
    (
        transfer(enterprise_number=""),
        Step.NUMBER_AND_OWNER,
        "enterprise_number",
        "Enter the company's enterprise number, like 0412.345.614.",
    ),
    (
        transfer(donor_iccid=""),
        Step.NUMBER_AND_OWNER,
        "donor_iccid",
        "Enter the SIM card number at the current operator: 19 or 20 digits on the card.",
    ),
    (
        transfer(card_type=CardType.SUBSCRIPTION),
        Step.NUMBER_AND_OWNER,
        "donor_customer_number",
        "Enter the customer number at the current operator, as shown on its invoices.",
    ),
    (
        transfer(owner_consent=False),
        Step.NUMBER_AND_OWNER,
        "owner_consent",
        "Confirm that the owner authorises this transfer.",
    ),
    (
        new_number(customer_number_id=None),
        Step.SIM_AND_BILLING,
        "customer_number_id",
        "Choose the customer number to bill this line to.",
    ),
    (
        new_number(end_user_name=""),
        Step.SIM_AND_BILLING,
        "end_user_name",
        "Enter the name of the employee who will use this line.",
    ),
    (new_number(sim_kind=None), Step.SIM_AND_BILLING, "sim_kind", "Choose a SIM card or an eSIM."),
    (
        new_number(sim_digits=""),
        Step.SIM_AND_BILLING,
        "sim_digits",
        "Enter the first 13 digits printed on the SIM card, starting with 8932.",
    ),
    (
        transfer(esim_email=""),
        Step.SIM_AND_BILLING,
        "esim_email",
        "Enter the end user's e-mail address: we send the eSIM QR code there.",
    ),
    (
        transfer(esim_language=None),
        Step.SIM_AND_BILLING,
        "esim_language",
        "Choose the language of the eSIM e-mail.",
    ),
    (
        transfer(esim_device_compatible=False),
        Step.SIM_AND_BILLING,
        "esim_device_compatible",
        "Confirm that the device supports eSIM: dial *#06#, an EID is shown if it does.",
    ),
    (new_number(plan_code=None), Step.PLAN_AND_OPTIONS, "plan_code", "Choose a plan."),
    (
        new_number(travel_data_control=None),
        Step.PLAN_AND_OPTIONS,
        "travel_data_no_limit_confirmed",
        NO_LIMIT_UNCONFIRMED,
    ),
    (
        with_invoice_split(invoice_split_contract_id=None),
        Step.INVOICE_SPLIT,
        "invoice_split_contract_id",
        "Upload the Invoice Split contract signed by the employee.",
    ),
    (
        new_number(request_type=None),
        Step.REQUEST_TYPE,
        "request_type",
        "Choose a new number or the transfer of an existing number.",
    ),
]


@pytest.mark.parametrize(("request_", "step", "field", "message"), REQUIRED_WHEN_APPLIES)
def test_answer_is_required_where_it_applies(
    request_: OrderRequest, step: Step, field: str, message: str
) -> None:
    problems = validate_step(request_, step, CONTEXT)
    assert [(p.field, p.message) for p in problems] == [(field, message)]


@pytest.mark.parametrize(("request_", "step", "field", "message"), REQUIRED_WHEN_APPLIES)
def test_step_problems_are_also_in_the_whole_request(
    request_: OrderRequest, step: Step, field: str, message: str
) -> None:
    assert (field, message) in [(p.field, p.message) for p in validate_request(request_, CONTEXT)]


# An answer left empty (or wrong) where it does not apply: (request, field).
NOT_REQUIRED_WHEN_NOT_APPLYING = [
    (new_number(), "current_operator"),
    (new_number(), "card_type"),
    (new_number(transfer_number="junk"), "transfer_number"),
    (new_number(), "owner_type"),
    (new_number(), "owner_name"),
    (new_number(), "owner_consent"),
    (transfer(owner_type=OwnerType.PRIVATE, enterprise_number="junk"), "enterprise_number"),
    (
        transfer(card_type=CardType.SUBSCRIPTION, donor_iccid="junk", donor_customer_number="C1"),
        "donor_iccid",
    ),
    (transfer(card_type=CardType.PREPAID, donor_customer_number="#junk#"), "donor_customer_number"),
    (new_number(sim_kind=SimKind.SIM), "esim_email"),
    (new_number(sim_kind=SimKind.SIM), "esim_language"),
    (new_number(sim_kind=SimKind.SIM), "esim_device_compatible"),
    (transfer(sim_kind=SimKind.ESIM, sim_digits="junk"), "sim_digits"),
    (new_number(sub_division_id=None), "sub_division_id"),
    (new_number(travel_data_control=50), "travel_data_no_limit_confirmed"),
    (new_number(invoice_split=False), "invoice_split_contract_id"),
    (new_number(invoice_split=False, sub_division_id="it"), "invoice_split"),
    (new_number(option_codes=()), "option_codes"),
    (new_number(esim_qr_copy_to_manager=False), "esim_qr_copy_to_manager"),
]


@pytest.mark.parametrize(("request_", "field"), NOT_REQUIRED_WHEN_NOT_APPLYING)
def test_answer_is_not_required_where_it_does_not_apply(request_: OrderRequest, field: str) -> None:
    assert field not in fields(validate_request(request_, CONTEXT))


@pytest.mark.parametrize(
    ("request_", "field", "message", "params"),
    [
        (
            transfer(transfer_number="02 123 45 67"),
            "transfer_number",
            "Enter a Belgian mobile number, like 0470 12 34 56.",
            {},
        ),
        (
            transfer(transfer_number="0470 11 11 11"),
            "transfer_number",
            "{number} is already in your fleet. Enter another number.",
            {"number": "+32 470 11 11 11"},
        ),
        (
            transfer(transfer_number="+32 470 22 22 22"),
            "transfer_number",
            "{number} is already in an open order. Enter another number.",
            {"number": "+32 470 22 22 22"},
        ),
        (
            transfer(enterprise_number="0403 019 262"),
            "enterprise_number",
            "Enter a valid enterprise number: 10 digits, like 0412.345.614. Check the digits.",
            {},
        ),
        (
            new_number(sim_digits="8932 0000 00001"),
            "sim_digits",
            "This SIM card is already used for another line. Enter the digits of another SIM card.",
            {},
        ),
        (
            new_number(customer_number_id="acc-9"),
            "customer_number_id",
            "Choose one of your company's customer numbers.",
            {},
        ),
        (
            new_number(sub_division_id="ghost"),
            "sub_division_id",
            "Choose a sub-division of customer number {customer_number}, or none.",
            {"customer_number": "1.2345678"},
        ),
        (
            new_number(customer_number_id="acc-2", sub_division_id="sales"),
            "sub_division_id",
            "Choose a sub-division of customer number {customer_number}, or none.",
            {"customer_number": "1.8765432"},
        ),
        (new_number(plan_code="shape_xxl"), "plan_code", "Choose one of the plans offered.", {}),
        (
            new_number(option_codes=("teleportation",)),
            "option_codes",
            "Remove the option {code}: it is no longer offered.",
            {"code": "teleportation"},
        ),
        (
            new_number(plan_code="data_50", option_codes=("sms_bundle",)),
            "option_codes",
            "Remove the option “{option}”: {plan} gives internet access only, with no calls or SMS.",
            {"option": "Unlimited SMS", "plan": "Mobile Data 50 GB"},
        ),
        (
            new_number(travel_data_control=75),
            "travel_data_control",
            "Choose one of the Travel Data Control amounts.",
            {},
        ),
        (
            new_number(travel_data_control="abc"),
            "travel_data_control",
            "Choose one of the Travel Data Control amounts.",
            {},
        ),
    ],
)
def test_wrong_answer_is_reported_on_its_field(
    request_: OrderRequest, field: str, message: str, params: dict[str, object]
) -> None:
    assert validate_request(request_, CONTEXT) == [Problem(field, message, params)]  # type: ignore[arg-type]


def test_used_sim_is_recognised_from_a_pasted_full_iccid() -> None:
    from stdnum import luhn

    iccid = "893200000000100000"
    iccid += luhn.calc_check_digit(iccid)
    assert fields(validate_request(new_number(sim_digits=iccid), CONTEXT)) == ["sim_digits"]


INVOICE_SPLIT_NEEDS_PROFILE = (
    "Invoice Split needs a sub-division with an Invoice Split profile: "
    "choose one under billing, or untick Invoice Split."
)


@pytest.mark.parametrize(
    "request_",
    [
        with_invoice_split(sub_division_id=None),
        with_invoice_split(sub_division_id="it"),  # a sub-division without a profile
        with_invoice_split(customer_number_id="acc-2", sub_division_id=None),
    ],
)
def test_invoice_split_needs_a_sub_division_with_a_profile(request_: OrderRequest) -> None:
    assert Problem("sub_division_id", INVOICE_SPLIT_NEEDS_PROFILE) in validate_step(
        request_, Step.INVOICE_SPLIT, CONTEXT
    )


@pytest.mark.parametrize("step", [Step.NUMBER_AND_OWNER])
def test_step_that_does_not_apply_has_no_problems(step: Step) -> None:
    assert validate_step(OrderRequest(request_type=RequestType.NEW_NUMBER), step, CONTEXT) == []


def test_stale_transfer_answers_do_not_block_a_new_number() -> None:
    stale = new_number(current_operator=Operator.ORANGE, transfer_number="junk", donor_iccid="x")
    assert validate_request(stale, CONTEXT) == []


@pytest.mark.parametrize(
    ("field", "typed", "saved"),
    [
        ("transfer_number", "0470/12.34.56", "+32470123456"),
        ("transfer_number", "0032 470 12 34 56", "+32470123456"),
        ("transfer_number", "not a number", "not a number"),  # kept as typed so it can be fixed
        ("enterprise_number", "BE 0403.019.261", "0403019261"),
        ("donor_iccid", "8932 0123 4567 8901 233", VALID_ICCID_19),
        ("owner_name", "  Acme   SA ", "Acme SA"),
        ("esim_email", "An@ACME.be", "An@acme.be"),
    ],
)
def test_normalise_gives_the_values_to_save(field: str, typed: str, saved: str) -> None:
    assert getattr(normalise(transfer(**{field: typed})), field) == saved


@pytest.mark.parametrize(
    ("typed", "saved"), [("8932-0123-45678", "8932012345678"), (VALID_ICCID_19, "8932012345678")]
)
def test_normalise_cuts_sim_digits_to_13(typed: str, saved: str) -> None:
    assert normalise(new_number(sim_digits=typed)).sim_digits == saved


def test_normalise_clears_answers_that_no_longer_apply() -> None:
    saved = normalise(transfer(request_type=RequestType.NEW_NUMBER))
    assert (saved.current_operator, saved.transfer_number, saved.owner_consent) == (None, "", False)


def test_normalise_turns_raw_ui_text_into_enums() -> None:
    saved = normalise(OrderRequest(request_type="transfer", sim_kind="esim"))  # type: ignore[arg-type]
    assert (saved.request_type, saved.sim_kind) == (RequestType.TRANSFER, SimKind.ESIM)


def test_problem_renders_translated_message_and_option_names() -> None:
    french = {
        "Remove the option “{option}”: {plan} gives internet access only, with no calls or SMS.": "Retirez l'option « {option} » : {plan} ne donne accès qu'à internet.",
        "Unlimited SMS": "SMS illimités",
    }
    problem = Problem(
        "option_codes",
        "Remove the option “{option}”: {plan} gives internet access only, with no calls or SMS.",
        {"option": "Unlimited SMS", "plan": "Mobile Data 50 GB"},
    )
    assert problem.render(lambda text: french.get(text, text), str) == (
        "Retirez l'option « SMS illimités » : Mobile Data 50 GB ne donne accès qu'à internet."
    )


def test_problem_with_a_broken_translation_falls_back_to_english() -> None:
    problem = Problem("owner_name", TOO_LONG, {"field": "Owner's name", "max": 100})
    assert problem.render(
        lambda text: "Trop long ({maximum})" if text == TOO_LONG else text, str
    ) == ("Owner's name is too long: at most 100 characters. Shorten it.")


def test_a_signed_contract_must_match_the_answers_it_was_filled_in_from() -> None:
    request = with_invoice_split()
    signed = dataclasses.replace(
        request, invoice_split_contract_basis=contract_basis(normalise(request))
    )
    assert validate_request(signed, CONTEXT) == []
    renamed = dataclasses.replace(signed, end_user_name="Someone Else")
    assert [p.field for p in validate_request(renamed, CONTEXT)] == ["invoice_split_contract_id"]
    # A contract recorded without its basis (an older draft) is not second-guessed.
    assert (
        validate_request(dataclasses.replace(request, end_user_name="Someone Else"), CONTEXT) == []
    )


@pytest.mark.parametrize("field", ["owner_name", "end_user_name"])
def test_a_name_of_emoji_alone_is_asked_in_letters_not_as_if_empty(field: str) -> None:
    request = dataclasses.replace(transfer(), **{field: "😀😀"})
    problems = [p for p in validate_request(request, CONTEXT) if p.field == field]
    assert [p.message for p in problems] == [
        "Write the name in letters: symbols or emoji alone are not a name."
    ]


def test_a_31_digit_customer_number_is_too_long_and_the_message_says_the_maximum() -> None:
    request = transfer(card_type=CardType.SUBSCRIPTION, donor_customer_number="1" * 31)
    problems = [p for p in validate_request(request, CONTEXT) if p.field == "donor_customer_number"]
    assert problems == [
        Problem(
            "donor_customer_number",
            TOO_LONG,
            {"field": "Customer number at the current operator", "max": 30},
        )
    ]
    assert problems[0].render(lambda text: text, str) == (
        "Customer number at the current operator is too long: at most 30 characters. Shorten it."
    )


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        (
            "fr",
            "Confirmez que vous ne voulez aucun plafond : les données mobiles à l'étranger "
            "pourront alors coûter plus de 500,00\u00a0€ par mois.",
        ),
        (
            "nl",
            "Bevestig dat u geen limiet wilt: mobiele data in het buitenland kunnen dan meer dan "
            "€\u00a0500,00 per maand kosten.",
        ),
        (
            "en",
            "Confirm that you want no limit: mobile data abroad may then cost more than "
            "500,00\u00a0€ a month.",
        ),
    ],
)
def test_the_no_limit_warning_writes_the_highest_cap_in_the_apps_money_format(
    language: str, shown: str
) -> None:
    request = new_number(travel_data_control=None)
    (problem,) = validate_step(request, Step.PLAN_AND_OPTIONS, CONTEXT)
    assert problem.params == {"amount": 50_000}  # cents, formatted by the caller
    money = format_cents(50_000, language)
    assert money in shown  # the app's own money format, as prices are shown
    assert problem.render(translator(language), lambda c: format_cents(c, language)) == shown
