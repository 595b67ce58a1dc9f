"""The order request: a draft the fleet manager fills step by step, then submits.

Every field has a default so a half-filled draft is a valid ``OrderRequest``. The UI may store
raw text in it; validation and ``applicable`` never trust the types and never raise.
"""

import dataclasses
from enum import Enum, StrEnum
from typing import Any

from domain import fields
from domain.catalogue import TRAVEL_DATA_CONTROL_DEFAULT, Operator
from domain.language import Language
from domain.texts import N_


class RequestType(StrEnum):
    NEW_NUMBER = "new_number"
    TRANSFER = "transfer"

    @property
    def label(self) -> str:
        return _LABELS[self]


class CardType(StrEnum):
    """How the number to transfer is paid at its current operator."""

    PREPAID = "prepaid"
    SUBSCRIPTION = "subscription"

    @property
    def label(self) -> str:
        return _LABELS[self]


class OwnerType(StrEnum):
    PRIVATE = "private"
    COMPANY = "company"  # a professional number: slower port (48 hours)

    @property
    def label(self) -> str:
        return _LABELS[self]


class SimKind(StrEnum):
    SIM = "sim"
    ESIM = "esim"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[Enum, str] = {
    RequestType.NEW_NUMBER: N_("A new number"),
    RequestType.TRANSFER: N_("Transfer an existing number"),
    CardType.PREPAID: N_("Prepaid card"),
    CardType.SUBSCRIPTION: N_("Subscription"),
    OwnerType.PRIVATE: N_("A private person"),
    OwnerType.COMPANY: N_("A company"),
    SimKind.SIM: N_("SIM card"),
    SimKind.ESIM: N_("eSIM"),
}


@dataclasses.dataclass
class OrderRequest:
    """A request to add one mobile line to the company's fleet (a draft until submitted)."""

    # Step "request type"
    request_type: RequestType | None = None
    current_operator: Operator | None = None  # transfers only
    card_type: CardType | None = None  # transfers only
    # Step "number and owner" (transfers only)
    transfer_number: str = ""  # as typed; E.164 once normalised
    owner_type: OwnerType | None = None
    owner_name: str = ""
    enterprise_number: str = ""  # company owners only; 10 digits once normalised
    donor_iccid: str = ""  # prepaid only: SIM card number at the current operator
    donor_customer_number: str = ""  # subscription only: customer number at the current operator
    owner_consent: bool = False
    # The employee gives the owner's details and consent through their own link (issue 15)
    ask_employee_transfer: bool = False
    # Steps "number and owner" or "Invoice Split": whom that link goes to
    employee_email: str = ""
    employee_language: Language | None = None
    send_when_employee_done: bool = False  # place the order by itself once the employee is done
    # Set by the app, never by a form: the employee has given their part through the link.
    employee_answered: bool = False
    # Step "SIM and billing"
    customer_number_id: str | None = None  # BillingAccount.id
    sub_division_id: str | None = None  # SubDivision.id within that account, optional
    sim_kind: SimKind | None = None
    sim_digits: str = ""  # physical SIM only: first 13 digits printed on the card
    esim_email: str = ""  # eSIM only: the end user's e-mail for the QR code
    esim_language: Language | None = None  # eSIM only: language of that e-mail
    esim_device_compatible: bool = False  # eSIM only: required confirmation
    esim_qr_copy_to_manager: bool = False  # eSIM only: optional
    end_user_name: str = ""  # the employee who will use the line
    # Step "plan and options"
    plan_code: str | None = None
    option_codes: tuple[str, ...] = ()
    travel_data_control: int | None = TRAVEL_DATA_CONTROL_DEFAULT  # euros a month; None: no limit
    travel_data_no_limit_confirmed: bool = False  # only with no limit
    # Step "Invoice Split"
    invoice_split: bool = False
    # The language the contract is printed in; None: not chosen yet (an older draft or order),
    # domain.invoice_split.contract_language gives the default then.
    contract_language: Language | None = None
    invoice_split_contract_id: str | None = None  # id of the uploaded signed contract
    # What the contract was pre-filled with when its signed scan was uploaded (see
    # domain.invoice_split.contract_basis): a later change to those answers needs a new one.
    invoice_split_contract_basis: str = ""
    # The employee signs the contract online through their own link instead of on paper
    ask_employee_signature: bool = False

    @property
    def has_answer(self) -> bool:
        """Whether the fleet manager answered anything yet (a default is no answer)."""
        return self != OrderRequest()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict of the draft (enums as their values, tuples as lists)."""
        return {f.name: _to_json(f.name, getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: object) -> "OrderRequest":
        """Rebuild a draft from ``to_dict`` output; unknown keys are ignored, bad values dropped."""
        if not isinstance(data, dict):
            return cls()
        values: dict[str, Any] = {
            name: _from_json(name, data[name]) for name in _FIELD_KINDS if name in data
        }
        return cls(**values)


# How each field is stored, so drafts survive JSON and stray types never reach the rules.
_ENUM_FIELDS: dict[str, type[StrEnum]] = {
    "request_type": RequestType,
    "current_operator": Operator,
    "card_type": CardType,
    "owner_type": OwnerType,
    "sim_kind": SimKind,
    "esim_language": Language,
    "contract_language": Language,
    "employee_language": Language,
}
_FIELD_KINDS: dict[str, str] = {
    **dict.fromkeys(_ENUM_FIELDS, "enum"),
    **dict.fromkeys(("owner_consent", "esim_device_compatible", "esim_qr_copy_to_manager"), "bool"),
    **dict.fromkeys(("travel_data_no_limit_confirmed", "invoice_split"), "bool"),
    **dict.fromkeys(("ask_employee_transfer", "ask_employee_signature"), "bool"),
    **dict.fromkeys(("send_when_employee_done", "employee_answered"), "bool"),
    **dict.fromkeys(
        ("customer_number_id", "sub_division_id", "plan_code", "invoice_split_contract_id"), "id"
    ),
    "option_codes": "codes",
    "travel_data_control": "amount",
    **dict.fromkeys(("transfer_number", "owner_name", "enterprise_number", "donor_iccid"), "text"),
    **dict.fromkeys(("donor_customer_number", "sim_digits", "esim_email", "end_user_name"), "text"),
    "invoice_split_contract_basis": "text",
    "employee_email": "text",
}


# What a draft keeps of each text answer: one character past the longest the field takes, so
# a 100,000-character paste is kept short and still judged too long. A valid answer is never
# cut (once tidied it fits), so nothing valid that was typed is lost.
_TEXT_LIMITS: dict[str, int] = {
    "transfer_number": fields.MOBILE_NUMBER_MAX_LENGTH,
    "owner_name": fields.NAME_MAX_LENGTH,
    "enterprise_number": fields.ENTERPRISE_NUMBER_MAX_LENGTH,
    "donor_iccid": fields.SIM_NUMBER_MAX_LENGTH,
    "donor_customer_number": fields.CUSTOMER_NUMBER_MAX_LENGTH,
    "sim_digits": fields.SIM_NUMBER_MAX_LENGTH,
    "esim_email": fields.EMAIL_MAX_LENGTH,
    "employee_email": fields.EMAIL_MAX_LENGTH,
    "end_user_name": fields.NAME_MAX_LENGTH,
    "invoice_split_contract_basis": 64,  # a 16-character fingerprint
}
ID_MAX_LENGTH = 64  # ids and codes of the catalogue and the database are far shorter
CODES_MAX_COUNT = 50  # more option codes than the catalogue has


def bounded_text(name: str, value: object) -> str:
    """A text answer as a draft keeps it: as typed when short enough; otherwise tidied (inner
    runs of spaces as one) and cut one character past the field's limit."""
    text = text_value(value)
    ceiling = _TEXT_LIMITS[name] + 1
    return text if len(text) <= ceiling else fields.tidy_text(text)[:ceiling]


def enum_value[E: StrEnum](enum: type[E], value: object) -> E | None:
    """``value`` as a member of ``enum``, or None when it is not one."""
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            return None
    return None


def text_value(value: object) -> str:
    """``value`` as text ("" for anything that is not text or a number)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def id_value(value: object) -> str | None:
    """A non-empty id as text (one character past ID_MAX_LENGTH at most: no id), or None."""
    text = text_value(value).strip()[: ID_MAX_LENGTH + 1].rstrip()  # cut, then tidy again
    return text or None


def flag_value(value: object) -> bool:
    """True only for a real True: a stray "false" string must not tick a confirmation."""
    return value is True


def codes_value(value: object) -> tuple[str, ...]:
    """Option codes as a tuple of text, in order, without repeats."""
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, list | tuple | set | frozenset):
        return ()
    codes = (text_value(code).strip()[: ID_MAX_LENGTH + 1].rstrip() for code in value)
    return tuple(dict.fromkeys(code for code in codes if code))[:CODES_MAX_COUNT]


def amount_value(value: object) -> int | None:
    """A Travel Data Control amount as stored (None: no limit); the default for anything else."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    text = text_value(value).strip()
    # Past 9 digits no amount of the catalogue; past 4,300 int() itself raises.
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return TRAVEL_DATA_CONTROL_DEFAULT


def _to_json(name: str, value: object) -> object:
    kind = _FIELD_KINDS[name]
    if kind == "enum":
        member = enum_value(_ENUM_FIELDS[name], value)
        return None if member is None else member.value
    if kind == "bool":
        return flag_value(value)
    if kind == "id":
        return id_value(value)
    if kind == "codes":
        return list(codes_value(value))
    if kind == "amount":
        return amount_value(value)
    return bounded_text(name, value)


def _from_json(name: str, value: object) -> object:
    kind = _FIELD_KINDS[name]
    if kind == "enum":
        return enum_value(_ENUM_FIELDS[name], value)
    if kind == "codes":
        return codes_value(value)
    return _to_json(name, value)


def applicable(request: OrderRequest) -> OrderRequest:
    """A copy keeping only the answers that apply, so nothing stale is ever submitted.

    Switching to a new number drops the transfer answers, a physical SIM drops the eSIM
    answers (and the reverse), a set Travel Data Control amount drops the no-limit
    confirmation, no Invoice Split drops the contract and its language.
    """
    cleared = (
        _stale_transfer_answers(request)
        | _stale_sim_and_billing_answers(request)
        | _stale_plan_answers(request)
        | _stale_invoice_split_answers(request)
    )
    return dataclasses.replace(request, **cleared)


def _stale_transfer_answers(request: OrderRequest) -> dict[str, Any]:
    """A new number has no transfer answers; a transfer keeps only those of its card type and
    owner (the donor SIM card for prepaid, the donor customer number for a subscription, the
    enterprise number for a company)."""
    if enum_value(RequestType, request.request_type) is not RequestType.TRANSFER:
        return {
            "current_operator": None,
            "card_type": None,
            "transfer_number": "",
            "owner_type": None,
            "owner_name": "",
            "enterprise_number": "",
            "donor_iccid": "",
            "donor_customer_number": "",
            "owner_consent": False,
            "ask_employee_transfer": False,
        } | _stale_employee_contact(request, asks_transfer=False)
    card_type = enum_value(CardType, request.card_type)
    cleared: dict[str, Any] = {}
    if card_type is not CardType.PREPAID:
        cleared["donor_iccid"] = ""
    if card_type is not CardType.SUBSCRIPTION:
        cleared["donor_customer_number"] = ""
    if enum_value(OwnerType, request.owner_type) is not OwnerType.COMPANY:
        cleared["enterprise_number"] = ""
    return cleared | _stale_employee_contact(request, asks_transfer=request.ask_employee_transfer)


def _stale_employee_contact(request: OrderRequest, *, asks_transfer: object) -> dict[str, Any]:
    """Nothing asked of the employee: no address for their link, nothing to send by itself."""
    asks_signature = flag_value(request.invoice_split) and flag_value(
        request.ask_employee_signature
    )
    if flag_value(asks_transfer) or asks_signature:
        return {}
    return {
        "employee_email": "",
        "employee_language": None,
        "send_when_employee_done": False,
        "employee_answered": False,
    }


def _stale_sim_and_billing_answers(request: OrderRequest) -> dict[str, Any]:
    """A sub-division belongs to a billing account; SIM and eSIM answers exclude each other."""
    sim_kind = enum_value(SimKind, request.sim_kind)
    cleared: dict[str, Any] = {}
    if id_value(request.customer_number_id) is None:
        cleared["sub_division_id"] = None
    if sim_kind is not SimKind.SIM:
        cleared["sim_digits"] = ""
    if sim_kind is not SimKind.ESIM:
        cleared |= {
            "esim_email": "",
            "esim_language": None,
            "esim_device_compatible": False,
            "esim_qr_copy_to_manager": False,
        }
    return cleared


def _stale_plan_answers(request: OrderRequest) -> dict[str, Any]:
    """Only "no limit" on Travel Data Control needs its confirmation."""
    if request.travel_data_control is not None:
        return {"travel_data_no_limit_confirmed": False}
    return {}


def _stale_invoice_split_answers(request: OrderRequest) -> dict[str, Any]:
    """No Invoice Split drops the contract and its language; without a contract, what it was based on goes too."""
    if not flag_value(request.invoice_split):
        return {
            "contract_language": None,
            "invoice_split_contract_id": None,
            "invoice_split_contract_basis": "",
            "ask_employee_signature": False,
        }
    if id_value(request.invoice_split_contract_id) is None:
        return {"invoice_split_contract_basis": ""}
    return {}


# Labels for the check-your-answers page and the error summary, by OrderRequest field.
FIELD_LABELS: dict[str, str] = {
    "request_type": N_("Request type"),
    "current_operator": N_("Current operator"),
    "card_type": N_("Card type"),
    "transfer_number": N_("Number to transfer"),
    "owner_type": N_("Owner"),
    "owner_name": N_("Owner's name"),
    "enterprise_number": N_("Enterprise number"),
    "donor_iccid": N_("SIM card number at the current operator"),
    "donor_customer_number": N_("Customer number at the current operator"),
    "owner_consent": N_("Owner's consent"),
    "customer_number_id": N_("Customer number for billing"),
    "sub_division_id": N_("Sub-division"),
    "sim_kind": N_("SIM or eSIM"),
    "sim_digits": N_("SIM card number"),
    "esim_email": N_("End user's e-mail address"),
    "esim_language": N_("Language of the eSIM e-mail"),
    "esim_device_compatible": N_("Device supports eSIM"),
    "esim_qr_copy_to_manager": N_("Copy of the QR code to me"),
    "end_user_name": N_("End user"),
    "plan_code": N_("Plan"),
    "option_codes": N_("Options"),
    "travel_data_control": N_("Travel Data Control"),
    "travel_data_no_limit_confirmed": N_("No limit confirmed"),
    "invoice_split": N_("Invoice Split"),
    "contract_language": N_("Language of the contract"),
    "invoice_split_contract_id": N_("Signed Invoice Split contract"),
    "invoice_split_contract_basis": N_("Signed Invoice Split contract"),
    "ask_employee_transfer": N_("Who gives the owner's details"),
    "ask_employee_signature": N_("Who signs the contract"),
    "employee_email": N_("Employee's e-mail address"),
    "employee_language": N_("Language of the employee's e-mail"),
    "send_when_employee_done": N_("Send when the employee is done"),
    "employee_answered": N_("The employee's part"),
}
