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
Described = tuple[tuple[str, ...], bool, int | None] | tuple[tuple[str, ...], bool, int, str]


def _plain(*parts: str) -> Described:
    return tuple(p for p in parts if p), False, None


def _ids(*parts: str) -> Described:
    return parts, True, None


def _describe(name: str, r: OrderRequest, context: FleetContext) -> Described | None:
    """How one field reads back, or None when it does not apply or is not answered."""
    transfer = enum_value(RequestType, r.request_type) is RequestType.TRANSFER
    account = context.billing_account(r.customer_number_id)
    match name:
        case "request_type":
            return _label(enum_value(RequestType, r.request_type))
        case "card_type":
            return _label(enum_value(CardType, r.card_type))
        case "owner_type":
            return _label(enum_value(OwnerType, r.owner_type))
        case "sim_kind":
            return _label(enum_value(SimKind, r.sim_kind))
        case "current_operator":
            operator = enum_value(Operator, r.current_operator)
            return _ids(OPERATOR_NAMES[operator]) if operator else None
        case "transfer_number":
            return _plain(format_mobile_number(r.transfer_number)) if transfer else None
        case "enterprise_number":
            return (
                _plain(format_enterprise_number(r.enterprise_number))
                if r.enterprise_number
                else None
            )
        case "owner_consent" | "esim_device_compatible":
            return _ids(YES if getattr(r, name) else NO) if _applies(name, r) else None
        case "esim_qr_copy_to_manager":
            sim_kind = enum_value(SimKind, r.sim_kind)
            return (
                _ids(YES if r.esim_qr_copy_to_manager else NO) if sim_kind is SimKind.ESIM else None
            )
        case "customer_number_id":
            return _plain(account.customer_number, account.name) if account else None
        case "sub_division_id":
            division = account.sub_division(r.sub_division_id) if account else None
            if division is None:
                return None
            if division.invoice_split is None:
                return _plain(division.name)
            cents = int(division.invoice_split.company_monthly_cap_eur * 100)
            return (COMPANY_PAYS,), True, cents, division.name
        case "esim_language":
            language = enum_value(Language, r.esim_language)
            return _plain(language.native_name) if language else None
        case "plan_code":
            plan = PLANS_BY_CODE.get(r.plan_code or "")
            return _plain(plan.name) if plan else None
        case "option_codes":
            names = [OPTIONS_BY_CODE[c].name for c in r.option_codes if c in OPTIONS_BY_CODE]
            return _ids(*names) if names else _ids(NONE_CHOSEN)
        case "travel_data_control":
            if r.travel_data_control is None:
                return _ids(TRAVEL_DATA_CONTROL_NO_LIMIT)
            if r.travel_data_control == 0:
                return _ids(TRAVEL_DATA_CONTROL_BLOCKED)
            return (TRAVEL_CAP,), True, r.travel_data_control * 100
        case "travel_data_no_limit_confirmed":
            return None  # implied by "No limit" once submitted
        case "invoice_split":
            return _ids(YES if r.invoice_split else NO)
        case "invoice_split_contract_id" | "invoice_split_contract_basis":
            return None  # the UI shows the uploaded file's name
        case _:
            text = getattr(r, name, "")
            return _plain(text) if isinstance(text, str) and text.strip() else None


def _label(member: RequestType | CardType | OwnerType | SimKind | None) -> Described | None:
    return _ids(member.label) if member else None


def _applies(name: str, r: OrderRequest) -> bool:
    if name == "owner_consent":
        return enum_value(RequestType, r.request_type) is RequestType.TRANSFER
    return enum_value(SimKind, r.sim_kind) is SimKind.ESIM
