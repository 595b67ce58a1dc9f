"""The answers of a request as the fleet manager reads them back ("check your answers", the
confirmation e-mail): one line per answer that applies, grouped by step, not yet translated."""

from collections.abc import Callable
from dataclasses import dataclass

from domain.catalogue import (
    OPERATOR_NAMES,
    OPTIONS_BY_CODE,
    PLANS_BY_CODE,
    TRAVEL_DATA_CONTROL_BLOCKED,
    TRAVEL_DATA_CONTROL_NO_LIMIT,
    Operator,
)
from domain.context import FleetContext
from domain.fields import format_enterprise_number, format_mobile_number
from domain.language import Language
from domain.request import (
    FIELD_LABELS,
    CardType,
    OrderRequest,
    OwnerType,
    RequestType,
    SimKind,
    enum_value,
)
from domain.steps import STEP_FIELDS, Step, steps_for
from domain.texts import N_
from domain.validation import normalise

YES = N_("Yes")
NO = N_("No")
NONE_CHOSEN = N_("None")
TRAVEL_CAP = N_("{amount} a month excl. VAT")
COMPANY_PAYS = N_("the company pays up to {amount} a month")
LABELLED = N_("{label}: {value}")  # an answer or a problem after its label; French: " : "


@dataclass(frozen=True)
class Answer:
    """One answer: a label (message id) and its value, made of parts.

    ``translated`` parts are message ids; the others are shown as typed. ``amount`` fills an
    ``{amount}`` placeholder the caller formats as money. ``as_typed`` comes first, never
    translated nor formatted (a name such as "Team {Antwerp}" stays as it is).
    """

    step: Step
    field: str
    label: str
    parts: tuple[str, ...]
    translated: bool = False
    amount: int | None = None
    as_typed: str = ""

    def render(self, translate: Callable[[str], str], money: Callable[[int], str]) -> str:
        params = {"amount": money(self.amount)} if self.amount is not None else {}
        texts = [translate(p).format(**params) if self.translated else p for p in self.parts]
        return ", ".join([self.as_typed, *texts] if self.as_typed else texts)


def answers(request: OrderRequest, context: FleetContext) -> list[Answer]:
    """Every answer that applies, in step order, as it will be submitted (normalised: a pasted
    full ICCID reads back as the 13 SIM digits that will be sent)."""
    kept = normalise(request)
    result: list[Answer] = []
    for step in steps_for(kept):
        for name in STEP_FIELDS[step]:
            value = _describe(name, kept, context)
            if value is not None:
                parts, translated, amount, *as_typed = value
                result.append(
                    Answer(step, name, FIELD_LABELS[name], parts, translated, amount, *as_typed)
                )
    return result


# (parts, translated, amount) or, with a name shown as typed first, (..., as_typed)
Described = tuple[tuple[str, ...], bool, int | None] | tuple[tuple[str, ...], bool, int | None, str]
# Reads one field back, or None when it does not apply or is not answered.
Describer = Callable[[OrderRequest, FleetContext], Described | None]


def _plain(*parts: str) -> Described:
    return tuple(p for p in parts if p), False, None


def _ids(*parts: str) -> Described:
    return parts, True, None


def _describe(name: str, r: OrderRequest, context: FleetContext) -> Described | None:
    """How one field reads back, or None when it does not apply or is not answered."""
    describer = _DESCRIBERS.get(name)
    if describer is not None:
        return describer(r, context)
    text = getattr(r, name, "")  # the other fields are typed text, read back as typed
    return _plain(text) if isinstance(text, str) and text.strip() else None


def _is_transfer(r: OrderRequest) -> bool:
    return enum_value(RequestType, r.request_type) is RequestType.TRANSFER


def _is_esim(r: OrderRequest) -> bool:
    return enum_value(SimKind, r.sim_kind) is SimKind.ESIM


def _always(r: OrderRequest) -> bool:
    return True


def _choice(field: str, kind: type[RequestType | CardType | OwnerType | SimKind]) -> Describer:
    """A choice between options reads back as the chosen option's label."""

    def describe(r: OrderRequest, context: FleetContext) -> Described | None:
        member = enum_value(kind, getattr(r, field))
        return _ids(member.label) if member else None

    return describe


def _yes_no(field: str, applies: Callable[[OrderRequest], bool] = _always) -> Describer:
    """A tick box reads back as Yes or No, but only where it is asked."""

    def describe(r: OrderRequest, context: FleetContext) -> Described | None:
        return _ids(YES if getattr(r, field) else NO) if applies(r) else None

    return describe


def _not_read_back(r: OrderRequest, context: FleetContext) -> None:
    return None


def _current_operator(r: OrderRequest, context: FleetContext) -> Described | None:
    operator = enum_value(Operator, r.current_operator)
    return _ids(OPERATOR_NAMES[operator]) if operator else None


def _transfer_number(r: OrderRequest, context: FleetContext) -> Described | None:
    return _plain(format_mobile_number(r.transfer_number)) if _is_transfer(r) else None


def _enterprise_number(r: OrderRequest, context: FleetContext) -> Described | None:
    if not r.enterprise_number:
        return None
    return _plain(format_enterprise_number(r.enterprise_number))


def _billing_account(r: OrderRequest, context: FleetContext) -> Described | None:
    account = context.billing_account(r.customer_number_id)
    return _plain(account.customer_number, account.name) if account else None


def _sub_division(r: OrderRequest, context: FleetContext) -> Described | None:
    """The sub-division's name, and what the company pays when it has an Invoice Split."""
    account = context.billing_account(r.customer_number_id)
    division = account.sub_division(r.sub_division_id) if account else None
    if division is None:
        return None
    if division.invoice_split is None:
        return _plain(division.name)
    cents = int(division.invoice_split.company_monthly_cap_eur * 100)
    return (COMPANY_PAYS,), True, cents, division.name


def _language(field: str) -> Describer:
    """A language reads back in its own name, as it is offered."""

    def describe(r: OrderRequest, context: FleetContext) -> Described | None:
        language = enum_value(Language, getattr(r, field))
        return _plain(language.native_name) if language else None

    return describe


def _plan(r: OrderRequest, context: FleetContext) -> Described | None:
    plan = PLANS_BY_CODE.get(r.plan_code or "")
    return _plain(plan.name) if plan else None


def _options(r: OrderRequest, context: FleetContext) -> Described:
    """The chosen options, or "None": no options is an answer too."""
    names = [OPTIONS_BY_CODE[c].name for c in r.option_codes if c in OPTIONS_BY_CODE]
    return _ids(*names) if names else _ids(NONE_CHOSEN)


def _travel_data_control(r: OrderRequest, context: FleetContext) -> Described:
    if r.travel_data_control is None:
        return _ids(TRAVEL_DATA_CONTROL_NO_LIMIT)
    if r.travel_data_control == 0:
        return _ids(TRAVEL_DATA_CONTROL_BLOCKED)
    return (TRAVEL_CAP,), True, r.travel_data_control * 100


# How each field that is not plain typed text reads back.
ASKED_ONLINE = N_("asked by e-mail, to give through their own link")
GIVEN_ONLINE = N_("given through their own link")


def _asked(name: str) -> Describer:
    """Who gives a part: the employee (their address first), or nobody said (the manager)."""

    def described(r: OrderRequest, context: FleetContext) -> Described | None:
        if not getattr(r, name) or not r.employee_email:
            return None
        said = GIVEN_ONLINE if r.employee_answered else ASKED_ONLINE
        return (said,), True, None, r.employee_email

    return described


_DESCRIBERS: dict[str, Describer] = {
    "ask_employee_transfer": _asked("ask_employee_transfer"),
    "ask_employee_signature": _asked("ask_employee_signature"),
    "request_type": _choice("request_type", RequestType),
    "card_type": _choice("card_type", CardType),
    "owner_type": _choice("owner_type", OwnerType),
    "sim_kind": _choice("sim_kind", SimKind),
    "current_operator": _current_operator,
    "transfer_number": _transfer_number,
    "enterprise_number": _enterprise_number,
    "owner_consent": _yes_no("owner_consent", _is_transfer),
    "esim_device_compatible": _yes_no("esim_device_compatible", _is_esim),
    "esim_qr_copy_to_manager": _yes_no("esim_qr_copy_to_manager", _is_esim),
    "customer_number_id": _billing_account,
    "sub_division_id": _sub_division,
    "esim_language": _language("esim_language"),
    "plan_code": _plan,
    "option_codes": _options,
    "travel_data_control": _travel_data_control,
    "travel_data_no_limit_confirmed": _not_read_back,  # implied by "No limit" once submitted
    "invoice_split": _yes_no("invoice_split"),
    "contract_language": _language("contract_language"),  # None: an order from before the choice
    "invoice_split_contract_id": _not_read_back,  # the UI shows the uploaded file's name
    "invoice_split_contract_basis": _not_read_back,  # the UI shows the uploaded file's name
}
