"""Checking an order request: every problem at once, each tied to its field; never raises.

Only the answers that apply are checked (see ``domain.request.applicable``). ``normalise``
gives the request as it should be saved: stale answers cleared, valid values normalised.
"""

import dataclasses
from collections.abc import Callable
from enum import StrEnum

from domain.catalogue import PLANS_BY_CODE, TRAVEL_DATA_CONTROL_AMOUNTS, Operator
from domain.context import FleetContext
from domain.employee_link import LinkPurpose, asked_parts, waits_for_employee
from domain.fields import (
    FieldResult,
    Invalid,
    Valid,
    check_customer_number,
    check_donor_iccid,
    check_email,
    check_enterprise_number,
    check_mobile_number,
    check_name,
    check_sim_digits,
    format_mobile_number,
)
from domain.invoice_split import PRINTED_FIELDS, contract_basis
from domain.language import Language
from domain.options import option_problems
from domain.problems import ParamValue, Problem
from domain.request import (
    FIELD_LABELS,
    CardType,
    OrderRequest,
    OwnerType,
    RequestType,
    SimKind,
    applicable,
    codes_value,
    enum_value,
    flag_value,
    id_value,
)
from domain.steps import Step, steps_for
from domain.texts import N_

OWNER_NAME_MISSING = N_("Enter the owner's name, as known by the current operator.")
END_USER_NAME_MISSING = N_("Enter the name of the employee who will use this line.")
END_USER_NAME_LABEL = N_("End user's name")
# The highest cap there is: past it, only "no limit" is left.
HIGHEST_TRAVEL_DATA_CONTROL = max(a for a in TRAVEL_DATA_CONTROL_AMOUNTS if a is not None)
SIM_ALREADY_USED = N_(
    "This SIM card is already used for another line. Enter the digits of another SIM card."
)


def _field(name: str, result: FieldResult) -> list[Problem]:
    if isinstance(result, Invalid):
        return [Problem(name, result.message, dict(result.params))]
    return []


def _required_choice(
    request: OrderRequest, name: str, enum: type[StrEnum], message: str
) -> list[Problem]:
    return [] if enum_value(enum, getattr(request, name)) is not None else [Problem(name, message)]


def _required_flag(request: OrderRequest, name: str, message: str) -> list[Problem]:
    return [] if flag_value(getattr(request, name)) else [Problem(name, message)]


def _request_type_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    problems = _required_choice(
        request,
        "request_type",
        RequestType,
        N_("Choose a new number or the transfer of an existing number."),
    )
    if enum_value(RequestType, request.request_type) is RequestType.TRANSFER:
        problems += _required_choice(
            request,
            "current_operator",
            Operator,
            N_("Choose the operator the number is with today."),
        )
        problems += _required_choice(
            request,
            "card_type",
            CardType,
            N_("Choose whether the number is a prepaid card or a subscription."),
        )
    return problems


EMPLOYEE_EMAIL_MISSING = N_("Enter the employee's e-mail address: we send them their link there.")
WAITING_FOR_EMPLOYEE = N_(
    "The employee has not given their part yet: send the request to the employee, or fill it in yourself."
)


def _employee_contact_problems(request: OrderRequest) -> list[Problem]:
    """Where the employee's link goes: their address and the language of their e-mail."""
    address = check_email(
        request.employee_email, FIELD_LABELS["employee_email"], EMPLOYEE_EMAIL_MISSING
    )
    return _field("employee_email", address) + _required_choice(
        request,
        "employee_language",
        Language,
        N_("Choose the language of the employee's e-mail."),
    )


def _asked_first(request: OrderRequest, part: LinkPurpose) -> bool:
    """Whether ``part`` is the first thing asked of the employee (its step asks the contact)."""
    parts = asked_parts(request)
    return bool(parts) and parts[0] is part


def _number_and_owner_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    if enum_value(RequestType, request.request_type) is not RequestType.TRANSFER:
        return []
    problems = _transfer_number_problems(request, context)
    if _asked_first(request, LinkPurpose.TRANSFER_DETAILS):
        problems += _employee_contact_problems(request)
        if waits_for_employee(request):
            return problems  # the owner's details are the employee's to give
    return problems + _owner_problems(request)


def _transfer_number_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    number = check_mobile_number(request.transfer_number)
    problems = _field("transfer_number", number)
    if isinstance(number, Valid):
        shown: dict[str, ParamValue] = {"number": format_mobile_number(number.value)}
        if number.value in context.fleet_numbers:
            problems.append(
                Problem(
                    "transfer_number",
                    N_("{number} is already in your fleet. Enter another number."),
                    shown,
                )
            )
        elif number.value in context.open_order_numbers:
            problems.append(
                Problem(
                    "transfer_number",
                    N_("{number} is already in an open order. Enter another number."),
                    shown,
                )
            )
    return problems


def _owner_problems(request: OrderRequest) -> list[Problem]:
    problems = _required_choice(
        request,
        "owner_type",
        OwnerType,
        N_("Choose whether the number belongs to a private person or a company."),
    )
    owner_name = check_name(request.owner_name, OWNER_NAME_MISSING, FIELD_LABELS["owner_name"])
    problems += _field("owner_name", owner_name)
    if enum_value(OwnerType, request.owner_type) is OwnerType.COMPANY:
        problems += _field("enterprise_number", check_enterprise_number(request.enterprise_number))
    card_type = enum_value(CardType, request.card_type)
    if card_type is CardType.PREPAID:
        problems += _field("donor_iccid", check_donor_iccid(request.donor_iccid))
    elif card_type is CardType.SUBSCRIPTION:
        problems += _field(
            "donor_customer_number", check_customer_number(request.donor_customer_number)
        )
    problems += _required_flag(
        request, "owner_consent", N_("Confirm that the owner authorises this transfer.")
    )
    return problems


def _billing_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    account_id = id_value(request.customer_number_id)
    if account_id is None:
        return [
            Problem("customer_number_id", N_("Choose the customer number to bill this line to."))
        ]
    account = context.billing_account(account_id)
    if account is None:
        return [Problem("customer_number_id", N_("Choose one of your company's customer numbers."))]
    sub_division_id = id_value(request.sub_division_id)
    if sub_division_id is not None and account.sub_division(sub_division_id) is None:
        return [
            Problem(
                "sub_division_id",
                N_("Choose a sub-division of customer number {customer_number}, or none."),
                {"customer_number": account.customer_number},
            )
        ]
    return []


def _sim_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    sim_kind = enum_value(SimKind, request.sim_kind)
    if sim_kind is SimKind.SIM:
        sim = check_sim_digits(request.sim_digits)
        if isinstance(sim, Valid) and sim.value in context.used_sim_digits:
            return [Problem("sim_digits", SIM_ALREADY_USED)]
        return _field("sim_digits", sim)
    if sim_kind is SimKind.ESIM:
        return (
            _required_flag(
                request,
                "esim_device_compatible",
                N_(
                    "Confirm that the device supports eSIM: dial *#06#, an EID is shown if it does."
                ),
            )
            + _field("esim_email", check_email(request.esim_email, FIELD_LABELS["esim_email"]))
            + _required_choice(
                request, "esim_language", Language, N_("Choose the language of the eSIM e-mail.")
            )
        )
    return [Problem("sim_kind", N_("Choose a SIM card or an eSIM."))]


def _sim_and_billing_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    return (
        _billing_problems(request, context)
        + _field(
            "end_user_name",
            check_name(request.end_user_name, END_USER_NAME_MISSING, END_USER_NAME_LABEL),
        )
        + _sim_problems(request, context)
    )


def _plan_and_options_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    plan_code = id_value(request.plan_code)
    plan = PLANS_BY_CODE.get(plan_code) if plan_code else None
    problems: list[Problem] = []
    if plan_code is None:
        problems.append(Problem("plan_code", N_("Choose a plan.")))
    elif plan is None:
        problems.append(Problem("plan_code", N_("Choose one of the plans offered.")))
    problems += option_problems(codes_value(request.option_codes), plan)
    amount = request.travel_data_control
    if isinstance(amount, bool) or amount not in TRAVEL_DATA_CONTROL_AMOUNTS:
        problems.append(
            Problem("travel_data_control", N_("Choose one of the Travel Data Control amounts."))
        )
    elif amount is None and not flag_value(request.travel_data_no_limit_confirmed):
        problems.append(
            Problem(
                "travel_data_no_limit_confirmed",
                N_(
                    "Confirm that you want no limit: "
                    "mobile data abroad may then cost more than {amount} a month."
                ),
                {"amount": HIGHEST_TRAVEL_DATA_CONTROL * 100},  # in cents, as money is passed
            )
        )
    return problems


def _invoice_split_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    if not flag_value(request.invoice_split):
        return []
    problems: list[Problem] = []
    account = context.billing_account(id_value(request.customer_number_id))
    sub_division = account.sub_division(id_value(request.sub_division_id)) if account else None
    # Cross-field: Invoice Split bills the employee's share through the sub-division's profile.
    # The problem is the sub-division's (that is the answer to change, on the billing step),
    # though the Invoice Split step reports it.
    if sub_division is None or sub_division.invoice_split is None:
        problems.append(
            Problem(
                "sub_division_id",
                N_(
                    "Invoice Split needs a sub-division with an Invoice Split profile: "
                    "choose one under billing, or untick Invoice Split."
                ),
            )
        )
    if _asked_first(request, LinkPurpose.INVOICE_SPLIT_SIGNATURE):
        problems += _employee_contact_problems(request)
    if waits_for_employee(request) and LinkPurpose.INVOICE_SPLIT_SIGNATURE in asked_parts(request):
        return problems  # the employee signs online
    if id_value(request.invoice_split_contract_id) is None:
        problems.append(
            Problem(
                "invoice_split_contract_id",
                N_("Upload the Invoice Split contract signed by the employee."),
            )
        )
    elif _text(request.invoice_split_contract_basis) not in (
        "",
        contract_basis(normalise(request)),
    ):
        problems.append(
            Problem(
                "invoice_split_contract_id",
                N_(
                    "Answers printed on the contract changed after the signed contract was "
                    "uploaded. Download the contract again, have it signed and upload it."
                ),
            )
        )
    return problems


_STEP_RULES: dict[Step, Callable[[OrderRequest, FleetContext], list[Problem]]] = {
    Step.REQUEST_TYPE: _request_type_problems,
    Step.NUMBER_AND_OWNER: _number_and_owner_problems,
    Step.SIM_AND_BILLING: _sim_and_billing_problems,
    Step.PLAN_AND_OPTIONS: _plan_and_options_problems,
    Step.INVOICE_SPLIT: _invoice_split_problems,
}


def validate_step(request: OrderRequest, step: Step, context: FleetContext) -> list[Problem]:
    """Every problem in the answers of ``step`` (none if the step does not apply)."""
    if step not in steps_for(request):
        return []
    return _STEP_RULES[step](request, context)


def validate_request(request: OrderRequest, context: FleetContext) -> list[Problem]:
    """Every problem in the whole request: all applicable steps, cross-field rules included."""
    problems = validate_asking(request, context)
    if waits_for_employee(request):
        problems.append(Problem("employee_answered", WAITING_FOR_EMPLOYEE))
    return problems


def validate_asking(request: OrderRequest, context: FleetContext) -> list[Problem]:
    """Every problem in the answers the fleet manager gives (all of them when nothing is asked
    of the employee): what must hold before the request goes to the employee."""
    problems: list[Problem] = []
    for step in steps_for(request):
        problems += [p for p in validate_step(request, step, context) if p not in problems]
    return problems


def contract_problems(request: OrderRequest, context: FleetContext) -> list[Problem]:
    """The problems in the answers the Invoice Split contract is pre-filled with (and in the
    sub-division's profile it describes): the contract can be downloaded or e-mailed, and its
    signed scan uploaded, only once there are none."""
    printed = {*PRINTED_FIELDS, "invoice_split"}
    with_split = dataclasses.replace(request, invoice_split=True)  # ticked or not: what it needs
    return [p for p in validate_request(with_split, context) if p.field in printed]


def _normalised(value: object, check: Callable[[object], FieldResult]) -> object:
    """The normalised value when valid; what the user typed otherwise, so they can fix it."""
    result = check(value)
    return result.value if isinstance(result, Valid) else value


def _tidy_name(value: object) -> object:
    return _normalised(value, lambda text: check_name(text, ""))


def normalise(request: OrderRequest) -> OrderRequest:
    """The request as it should be saved: answers that no longer apply cleared, valid values
    normalised (numbers to E.164, SIM digits to 13, enterprise number to 10 digits...)."""
    kept = OrderRequest.from_dict(applicable(request).to_dict())
    return dataclasses.replace(
        kept,
        transfer_number=_text(_normalised(kept.transfer_number, check_mobile_number)),
        owner_name=_text(_tidy_name(kept.owner_name)),
        enterprise_number=_text(_normalised(kept.enterprise_number, check_enterprise_number)),
        donor_iccid=_text(_normalised(kept.donor_iccid, check_donor_iccid)),
        donor_customer_number=_text(_normalised(kept.donor_customer_number, check_customer_number)),
        sim_digits=_text(_normalised(kept.sim_digits, check_sim_digits)),
        esim_email=_text(_normalised(kept.esim_email, check_email)),
        employee_email=_text(_normalised(kept.employee_email, check_email)),
        end_user_name=_text(_tidy_name(kept.end_user_name)),
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
