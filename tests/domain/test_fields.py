"""Single-field rules: Belgian mobile numbers, SIM digits, ICCID, enterprise number, e-mail."""

import re
from collections.abc import Callable

import pytest

from domain.fields import (
    NAME_NEEDS_LETTERS,
    TOO_LONG,
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
)
from tests.domain.builders import VALID_ICCID_19, VALID_ICCID_20


@pytest.mark.parametrize(
    "typed",
    [
        "0470 12 34 56",
        "0470123456",
        "+32470123456",
        "+32 470 12 34 56",
        "0032470123456",
        "0032 470 12 34 56",
        "0470/12.34.56",
        "0470-12-34-56",
        "(0470) 12 34 56",
        " 0470 12 34 56 ",
        "０４７０１２３４５６",  # full-width digits pasted from a document
    ],
)
def test_belgian_mobile_number_in_any_usual_writing_is_normalised_to_e164(typed: str) -> None:
    assert check_mobile_number(typed) == Valid("+32470123456")


@pytest.mark.parametrize(
    "typed",
    [
        "02 123 45 67",  # Brussels landline
        "+33 6 12 34 56 78",  # French mobile
        "0470 12 34 5",
        "0470 12 34 567",
        "0470 AB CD EF",  # letters would be read as a phone keypad
        "0800 12 345",  # freephone
        "hello",
        "+",
    ],
)
def test_number_that_is_no_belgian_mobile_is_refused(typed: str) -> None:
    assert check_mobile_number(typed) == Invalid(
        "Enter a Belgian mobile number, like 0470 12 34 56."
    )


@pytest.mark.parametrize("typed", ["", "   ", None, 470123456])
def test_missing_mobile_number_asks_for_one(typed: object) -> None:
    result = check_mobile_number(typed)
    assert isinstance(result, Invalid)
    assert result.message == "Enter the number to transfer, like 0470 12 34 56."


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("+32470123456", "+32 470 12 34 56"),
        ("0499 99 88 77", "+32 499 99 88 77"),
        ("not a number", "not a number"),
    ],
)
def test_mobile_number_is_displayed_as_international_belgian_format(
    number: str, shown: str
) -> None:
    assert format_mobile_number(number) == shown


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("8932012345678", "8932012345678"),
        ("8932 0123 45678", "8932012345678"),
        ("8932-0123-4567-8", "8932012345678"),
        (VALID_ICCID_19, "8932012345678"),  # full ICCID pasted: checked, then cut to 13
        (VALID_ICCID_20, "8932012345678"),
        ("8932 0123 4567 8901 233", "8932012345678"),
    ],
)
def test_sim_digits_are_normalised_to_the_first_13(typed: str, digits: str) -> None:
    assert check_sim_digits(typed) == Valid(digits)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the first 13 digits printed on the SIM card, starting with 8932."),
        (
            "8944012345678",
            "Enter digits only, starting with 8932: the first 13 digits printed on the card.",
        ),
        (
            "8932O12345678",
            "Enter digits only, starting with 8932: the first 13 digits printed on the card.",
        ),
        ("893201234567", "Enter exactly 13 digits: the first 13 digits printed on the SIM card."),
        ("89320123456789", "Enter exactly 13 digits: the first 13 digits printed on the SIM card."),
        (
            "8932012345678901234",  # 19 digits, wrong Luhn digit
            "Check the SIM card number: its last digit does not match. "
            "Enter the first 13 digits printed on the card.",
        ),
    ],
)
def test_wrong_sim_digits_say_what_to_enter(typed: str, message: str) -> None:
    assert check_sim_digits(typed) == Invalid(message)


@pytest.mark.parametrize("typed", [VALID_ICCID_19, VALID_ICCID_20, "8932 0123 4567 8901 233"])
def test_donor_iccid_of_19_or_20_luhn_valid_digits_is_accepted(typed: str) -> None:
    assert check_donor_iccid(typed) == Valid(typed.replace(" ", ""))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the SIM card number at the current operator: 19 or 20 digits on the card."),
        (
            "8932012345678",
            "Enter all 19 or 20 digits of the SIM card number, as printed on the card.",
        ),
        (
            "89320123456789012333",
            "Check the SIM card number: its last digit does not match. "
            "Enter all 19 or 20 digits as printed on the card.",
        ),
        (
            "8932012345678901234",
            "Check the SIM card number: its last digit does not match. "
            "Enter all 19 or 20 digits as printed on the card.",
        ),
    ],
)
def test_wrong_donor_iccid_says_what_to_enter(typed: str, message: str) -> None:
    assert check_donor_iccid(typed) == Invalid(message)


@pytest.mark.parametrize(
    "typed",
    ["BE 0403.019.261", "0403019261", "0403 019 261", "BE0403019261", "be 0403-019-261"],
)
def test_enterprise_number_in_usual_writings_is_normalised_to_10_digits(typed: str) -> None:
    assert check_enterprise_number(typed) == Valid("0403019261")


@pytest.mark.parametrize("typed", ["0403 019 262", "1234", "BE 0403.019.26X", "0" * 40])
def test_enterprise_number_failing_the_mod_97_check_is_refused(typed: str) -> None:
    assert check_enterprise_number(typed) == Invalid(
        "Enter a valid enterprise number: 10 digits, like 0412.345.614. Check the digits."
    )


def test_missing_enterprise_number_asks_for_it() -> None:
    assert check_enterprise_number(" ") == Invalid(
        "Enter the company's enterprise number, like 0412.345.614."
    )


def test_enterprise_number_is_displayed_with_dots() -> None:
    assert format_enterprise_number("BE0403019261") == "0403.019.261"


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("an.peeters@acme.be", "an.peeters@acme.be"),
        (" An.Peeters@ACME.BE ", "An.Peeters@acme.be"),
    ],
)
def test_email_address_is_accepted_without_network_lookup(typed: str, normalised: str) -> None:
    assert check_email(typed) == Valid(normalised)


@pytest.mark.parametrize("typed", ["an.peeters", "an@", "@acme.be", "an peeters@acme.be", "a@b"])
def test_malformed_email_address_is_refused(typed: str) -> None:
    assert check_email(typed) == Invalid("Enter a valid e-mail address, like name@company.be.")


@pytest.mark.parametrize(("typed", "normalised"), [("1.234.567", "1.234.567"), ("ab 12", "AB 12")])
def test_donor_customer_number_of_letters_and_digits_is_accepted(
    typed: str, normalised: str
) -> None:
    assert check_customer_number(typed) == Valid(normalised)


@pytest.mark.parametrize("typed", ["12#34", "x" * 31, "--"])
def test_donor_customer_number_with_other_characters_is_refused(typed: str) -> None:
    assert isinstance(check_customer_number(typed), Invalid)


@pytest.mark.parametrize(
    ("typed", "result"),
    [
        ("  An   Peeters ", Valid("An Peeters")),
        ("", Invalid("missing")),
        ("---", Invalid(NAME_NEEDS_LETTERS)),
        ("😀😀", Invalid(NAME_NEEDS_LETTERS)),
        (" 😀 😀 ", Invalid(NAME_NEEDS_LETTERS)),
        ("Zoë 😀", Valid("Zoë 😀")),
        ("An\x00Peeters", Invalid("Remove the special characters from this name.")),
        ("A" * 101, Invalid(TOO_LONG, {"field": "Name", "max": 100})),
    ],
)
def test_names_are_tidied_and_checked(typed: str, result: object) -> None:
    assert check_name(typed, "missing") == result


def test_the_enterprise_number_messages_give_an_example_that_is_itself_valid() -> None:
    for refused in (check_enterprise_number(" "), check_enterprise_number("1234")):
        assert isinstance(refused, Invalid)
        example = re.search(r"\d{4}\.\d{3}\.\d{3}", refused.message)
        assert example is not None
        assert isinstance(check_enterprise_number(example.group()), Valid)


TOO_LONG_ANSWERS = [
    (check_mobile_number, "0" * 31, "Number to transfer", 30),
    (check_sim_digits, "8" * 41, "SIM card number", 40),
    (check_donor_iccid, "8" * 41, "SIM card number at the current operator", 40),
    (check_enterprise_number, "0" * 41, "Enterprise number", 40),
    (check_email, "a" * 250 + "@x.be", "E-mail address", 254),
    (check_customer_number, "A" * 31, "Customer number at the current operator", 30),
    (lambda text: check_name(text, "missing"), "A" * 101, "Name", 100),
    (check_note, "a" * 1001, "Note for the fleet manager", 1000),
]


@pytest.mark.parametrize(("check", "typed", "label", "limit"), TOO_LONG_ANSWERS)
def test_every_free_text_answer_has_a_length_limit_named_in_its_message(
    check: Callable[[object], object], typed: str, label: str, limit: int
) -> None:
    assert check(typed) == Invalid(TOO_LONG, {"field": label, "max": limit})
    assert check(typed * 1000) == Invalid(TOO_LONG, {"field": label, "max": limit})


def test_a_note_is_trimmed_and_may_be_empty() -> None:
    assert check_note("  Call us.  ") == Valid("Call us.")
    assert check_note("") == Valid("")
    assert check_note("a" * 1000) == Valid("a" * 1000)


def test_a_search_term_is_tidied_and_cut() -> None:
    assert search_term("  Jan   Peeters ") == "Jan Peeters"
    assert search_term("x" * 100_000) == "x" * 100
