"""Single-field rules: read what a user typed, say what is wrong or give the normalised value.

Every check takes any object (the UI may hand over anything), never raises, and leans on a
well-kept library for the real rule.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import luhn
from stdnum.be import vat
from stdnum.exceptions import ValidationError

from domain.problems import ParamValue
from domain.texts import N_

SIM_PREFIX = "8932"  # ISO 7812: 89 telecom, 32 Belgium
SIM_DIGITS_LENGTH = 13
# The longest answer each field takes, as typed (separators included), once tidied: longer
# is refused with TOO_LONG, whatever else is wrong with it.
MOBILE_NUMBER_MAX_LENGTH = 30
SIM_NUMBER_MAX_LENGTH = 40  # 20 digits, with spaces or dots between groups
ENTERPRISE_NUMBER_MAX_LENGTH = 40  # "BE 0412.345.614" and the like
EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a path
CUSTOMER_NUMBER_MAX_LENGTH = 30
NAME_MAX_LENGTH = 100
NOTE_MAX_LENGTH = 1000  # the operator's note to the fleet manager
SEARCH_TERM_MAX_LENGTH = 100  # the fleet and orders searches read no more than this
PASSWORD_MAX_LENGTH = 1024  # longer matches no account: it is not hashed

# Separators people type or paste in numbers; anything else (letters above all) is refused,
# because phonenumbers would read letters as a phone keypad.
_SEPARATORS = re.compile(r"[\s./\-()]+")
_PHONE_CHARS = re.compile(r"\+?[0-9\s./\-()]+")
_CUSTOMER_NUMBER = re.compile(r"[A-Z0-9]+(?:[ ./\-][A-Z0-9]+)*")


@dataclass(frozen=True)
class Valid:
    """The input is right; ``value`` is its normalised form."""

    value: str


@dataclass(frozen=True)
class Invalid:
    """The input is wrong; ``message`` (a message id) says what to do."""

    message: str
    params: dict[str, ParamValue] = field(default_factory=dict, hash=False)


FieldResult = Valid | Invalid

MOBILE_NUMBER_EXAMPLE = N_("Enter a Belgian mobile number, like 0470 12 34 56.")
# {field} is one of the labels below (a message id, translated with the message).
TOO_LONG = N_("{field} is too long: at most {max} characters. Shorten it.")
NAME_LABEL = N_("Name")
EMAIL_LABEL = N_("E-mail address")
NOTE_LABEL = N_("Note for the fleet manager")
NAME_NEEDS_LETTERS = N_("Write the name in letters: symbols or emoji alone are not a name.")


def _too_long(cleaned: str, limit: int, label: str) -> Invalid | None:
    """TOO_LONG when ``cleaned`` has more than ``limit`` characters."""
    if len(cleaned) > limit:
        return Invalid(TOO_LONG, {"field": label, "max": limit})
    return None


def _clean(text: object) -> str:
    # NFKC turns full-width digits and odd spaces pasted from documents into plain ones.
    return unicodedata.normalize("NFKC", text).strip() if isinstance(text, str) else ""


def _digits(text: str) -> str | None:
    """The ASCII digits of ``text`` once separators are gone, or None if anything else is left."""
    compact = _SEPARATORS.sub("", text)
    return compact if compact.isascii() and compact.isdigit() else None


def check_mobile_number(text: object) -> FieldResult:
    """A Belgian mobile number (any usual writing) as E.164, e.g. ``+32470123456``."""
    cleaned = _clean(text)
    if not cleaned:
        return Invalid(N_("Enter the number to transfer, like 0470 12 34 56."))
    if too_long := _too_long(cleaned, MOBILE_NUMBER_MAX_LENGTH, N_("Number to transfer")):
        return too_long
    if not _PHONE_CHARS.fullmatch(cleaned):
        return Invalid(MOBILE_NUMBER_EXAMPLE)
    try:
        number = phonenumbers.parse(cleaned, "BE")
    except phonenumbers.NumberParseException:
        return Invalid(MOBILE_NUMBER_EXAMPLE)
    if (
        phonenumbers.region_code_for_number(number) != "BE"
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        return Invalid(MOBILE_NUMBER_EXAMPLE)
    return Valid(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def format_mobile_number(number: str) -> str:
    """A number for display, ``+32 470 12 34 56``; text that is no number comes back as is."""
    result = check_mobile_number(number)
    if isinstance(result, Invalid):
        return number
    parsed = phonenumbers.parse(result.value, "BE")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def check_sim_digits(text: object) -> FieldResult:
    """The first 13 digits of a Belgian SIM card; a pasted full ICCID is checked and cut."""
    cleaned = _clean(text)
    if not cleaned:
        return Invalid(N_("Enter the first 13 digits printed on the SIM card, starting with 8932."))
    if too_long := _too_long(cleaned, SIM_NUMBER_MAX_LENGTH, N_("SIM card number")):
        return too_long
    digits = _digits(cleaned)
    if digits is None or not digits.startswith(SIM_PREFIX):
        return Invalid(
            N_("Enter digits only, starting with 8932: the first 13 digits printed on the card.")
        )
    if len(digits) in (19, 20):
        if not luhn.is_valid(digits):
            return Invalid(
                N_(
                    "Check the SIM card number: its last digit does not match. "
                    "Enter the first 13 digits printed on the card."
                )
            )
        return Valid(digits[:SIM_DIGITS_LENGTH])
    if len(digits) != SIM_DIGITS_LENGTH:
        return Invalid(
            N_("Enter exactly 13 digits: the first 13 digits printed on the SIM card."),
        )
    return Valid(digits)


def check_donor_iccid(text: object) -> FieldResult:
    """The full SIM card number (ICCID) at the current operator: 19 or 20 digits, Luhn valid."""
    cleaned = _clean(text)
    if not cleaned:
        return Invalid(
            N_("Enter the SIM card number at the current operator: 19 or 20 digits on the card.")
        )
    label = N_("SIM card number at the current operator")
    if too_long := _too_long(cleaned, SIM_NUMBER_MAX_LENGTH, label):
        return too_long
    digits = _digits(cleaned)
    if digits is None or len(digits) not in (19, 20):
        return Invalid(
            N_("Enter all 19 or 20 digits of the SIM card number, as printed on the card.")
        )
    if not luhn.is_valid(digits):
        return Invalid(
            N_(
                "Check the SIM card number: its last digit does not match. "
                "Enter all 19 or 20 digits as printed on the card."
            )
        )
    return Valid(digits)


def check_enterprise_number(text: object) -> FieldResult:
    """A Belgian enterprise number (KBO/BCE) as its 10 digits, e.g. ``0403019261``."""
    cleaned = _clean(text)
    if not cleaned:
        return Invalid(N_("Enter the company's enterprise number, like 0412.345.614."))
    invalid = Invalid(
        N_("Enter a valid enterprise number: 10 digits, like 0412.345.614. Check the digits.")
    )
    if too_long := _too_long(cleaned, ENTERPRISE_NUMBER_MAX_LENGTH, N_("Enterprise number")):
        return too_long
    try:
        return Valid(vat.validate(cleaned))
    except ValidationError:
        return invalid


def format_enterprise_number(number: str) -> str:
    """An enterprise number for display, ``0403.019.261``; anything else comes back as is."""
    result = check_enterprise_number(number)
    if isinstance(result, Invalid):
        return number
    digits = result.value
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


ESIM_EMAIL_MISSING = N_("Enter the end user's e-mail address: we send the eSIM QR code there.")


def check_email(
    text: object, label: str = EMAIL_LABEL, missing: str = ESIM_EMAIL_MISSING
) -> FieldResult:
    """An e-mail address, normalised (no network lookup: checking the domain is the mail's job).
    ``label`` names the field in the "too long" message."""
    cleaned = _clean(text)
    if not cleaned:
        return Invalid(missing)
    if too_long := _too_long(cleaned, EMAIL_MAX_LENGTH, label):
        return too_long
    try:
        return Valid(validate_email(cleaned, check_deliverability=False).normalized)
    except EmailNotValidError:
        return Invalid(N_("Enter a valid e-mail address, like name@company.be."))


def check_customer_number(text: object) -> FieldResult:
    """The customer number at the current operator: letters and digits, as on its invoice."""
    cleaned = " ".join(_clean(text).upper().split())
    if not cleaned:
        return Invalid(
            N_("Enter the customer number at the current operator, as shown on its invoices.")
        )
    label = N_("Customer number at the current operator")
    if too_long := _too_long(cleaned, CUSTOMER_NUMBER_MAX_LENGTH, label):
        return too_long
    if not _CUSTOMER_NUMBER.fullmatch(cleaned):
        return Invalid(
            N_(
                "Enter the customer number with letters and digits only, "
                "as shown on the current operator's invoices."
            )
        )
    return Valid(cleaned)


def check_name(text: object, missing_message: str, label: str = NAME_LABEL) -> FieldResult:
    """A person's or company's name: not empty, not too long, spaces tidied. ``label`` names
    the field in the "too long" message."""
    cleaned = tidy_text(text)
    if not cleaned:
        return Invalid(missing_message)
    if too_long := _too_long(cleaned, NAME_MAX_LENGTH, label):
        return too_long
    # Something was typed, so "enter the name" would read as if the field were empty.
    if not any(char.isalnum() for char in cleaned):
        return Invalid(NAME_NEEDS_LETTERS)
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        return Invalid(N_("Remove the special characters from this name."))
    return Valid(cleaned)


def check_note(text: object) -> FieldResult:
    """The operator's note to the fleet manager: any text, spaces at the ends removed, not too
    long (empty is valid: whether a note is needed is the rejection reason's rule)."""
    cleaned = text.strip() if isinstance(text, str) else ""
    return _too_long(cleaned, NOTE_MAX_LENGTH, NOTE_LABEL) or Valid(cleaned)


SIGN_IN_EMAIL_MISSING = N_("Enter your e-mail address.")
SIGN_IN_PASSWORD_MISSING = N_("Enter your password.")


def missing_sign_in_answers(email: object, password: object) -> tuple[str, ...]:
    """What a sign-in lacks, as messages: an empty e-mail (spaces alone) or an empty password.
    Spaces may be part of a password, so only nothing at all counts as no password."""
    missing = []
    if not _clean(email):
        missing.append(SIGN_IN_EMAIL_MISSING)
    if not isinstance(password, str) or password == "":
        missing.append(SIGN_IN_PASSWORD_MISSING)
    return tuple(missing)


def tidy_text(text: object) -> str:
    """``text`` as the checks read it: NFKC, spaces at the ends gone, inner runs as one space."""
    return " ".join(_clean(text).split())


def search_term(text: object) -> str:
    """What a search looks for: the tidied text, cut at SEARCH_TERM_MAX_LENGTH characters."""
    return tidy_text(text)[:SEARCH_TERM_MAX_LENGTH]


IBAN_MAX_LENGTH = 50  # 34 characters, with spaces between groups
_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")


def check_iban(text: object) -> FieldResult:
    """A bank account number (ISO 13616): country, check digits that hold (mod 97), and the
    account; normalised in groups of four, as a bank statement prints it."""
    cleaned = "".join(_clean(text).upper().split())
    if not cleaned:
        return Invalid(N_("Enter the IBAN of your bank account, for example BE68 5390 0754 7034."))
    if too_long := _too_long(cleaned, IBAN_MAX_LENGTH, N_("IBAN")):
        return too_long
    if not _IBAN.fullmatch(cleaned) or _iban_remainder(cleaned) != 1:
        return Invalid(
            N_("This IBAN is not valid: check it on your bank card or a bank statement.")
        )
    return Valid(" ".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4)))


def _iban_remainder(iban: str) -> int:
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97
