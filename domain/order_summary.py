"""The live order summary beside the wizard: what the request is, what it costs a month and
how long it takes, worked out from the answers so far (not yet translated)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.catalogue import OPTIONS_BY_CODE, PLANS_BY_CODE
from domain.context import FleetContext
from domain.request import OrderRequest, RequestType, SimKind, applicable, enum_value, flag_value
from domain.sla import (
    ActivationKind,
    IncompleteRequest,
    ProcessingTime,
    Turnaround,
    activation_kind,
    due_time,
    is_shape_plan,
    turnaround,
)
from domain.texts import N_

SLOWER_WITH_INVOICE_SPLIT = N_("Invoice Split: {now} instead of {fast}")
SLOWER_WITHOUT_SHAPE = N_("Not a Shape plan: {now} instead of {fast}")
# The rows of the table where the plan decides the time: without a plan it is not known yet.
PLAN_DECIDES = frozenset({ActivationKind.NEW_NUMBER, ActivationKind.ORANGE_PREPAID})


@dataclass(frozen=True)
class PricedLine:
    """The plan (a brand name, shown as it is) or an option (a message id), a month."""

    name: str
    cents: int
    translated: bool


@dataclass(frozen=True)
class Slower:
    """Why the processing time is not the fastest: ``message`` with {now} and {fast}, both
    turnaround labels (message ids)."""

    message: str
    now: Turnaround
    fast: Turnaround


@dataclass(frozen=True)
class LiveSummary:
    request_type: RequestType | None
    sim_kind: SimKind | None
    end_user: str
    lines: tuple[PricedLine, ...]
    total_cents: int  # a month, excl. VAT
    company_cents: int | None  # with Invoice Split on a sub-division that has a profile
    employee_cents: int | None
    travel_data_control: int | None  # euros a month; None: no limit
    processing: ProcessingTime | None  # None until the answers that decide it are given
    slower: Slower | None


def live_summary(request: OrderRequest, context: FleetContext, now: datetime) -> LiveSummary:
    """The summary of ``request`` as it stands, its processing time counted from ``now``
    (timezone-aware) on the Brussels business calendar, as the confirmation counts it."""
    kept = applicable(request)
    lines = priced_lines(kept)
    total = sum(line.cents for line in lines)
    company, employee = shares(kept, context, total)
    processing, slower = timing(kept, now)
    return LiveSummary(
        request_type=enum_value(RequestType, kept.request_type),
        sim_kind=enum_value(SimKind, kept.sim_kind),
        end_user=kept.end_user_name.strip(),
        lines=lines,
        total_cents=total,
        company_cents=company,
        employee_cents=employee,
        travel_data_control=kept.travel_data_control,
        processing=processing,
        slower=slower,
    )


def _cents(euros: Decimal) -> int:
    return int(euros * 100)


def priced_lines(request: OrderRequest) -> tuple[PricedLine, ...]:
    """The plan, then the options it allows, with their monthly prices excl. VAT."""
    plan = PLANS_BY_CODE.get(request.plan_code or "")
    if plan is None:
        return ()
    options = [OPTIONS_BY_CODE[code] for code in request.option_codes if code in OPTIONS_BY_CODE]
    return (
        PricedLine(plan.name, _cents(plan.monthly_price_excl_vat), translated=False),
        *(
            PricedLine(option.name, _cents(option.monthly_price_excl_vat), translated=True)
            for option in options
            if option.allowed_on(plan)
        ),
    )


def shares(
    request: OrderRequest, context: FleetContext, total: int
) -> tuple[int | None, int | None]:
    """With Invoice Split, what the company pays (up to its profile's cap) and the employee the
    rest; (None, None) without Invoice Split or before a sub-division with a profile."""
    if not flag_value(request.invoice_split):
        return None, None
    account = context.billing_account(request.customer_number_id)
    division = account.sub_division(request.sub_division_id) if account else None
    if division is None or division.invoice_split is None:
        return None, None
    company = min(total, _cents(division.invoice_split.company_monthly_cap_eur))
    return company, total - company


def timing(request: OrderRequest, now: datetime) -> tuple[ProcessingTime | None, Slower | None]:
    """The processing time counted from ``now``, and why it is not the fastest of its row."""
    try:
        kind = activation_kind(request)
    except IncompleteRequest:
        return None, None
    if kind in PLAN_DECIDES and request.plan_code not in PLANS_BY_CODE:
        return None, None
    shape = is_shape_plan(request.plan_code)
    split = flag_value(request.invoice_split)
    chosen = turnaround(kind, shape, split)
    fast = turnaround(kind, shape_plan=True, invoice_split=False)
    slower = None
    if chosen is not fast:
        reason = SLOWER_WITH_INVOICE_SPLIT if shape and split else SLOWER_WITHOUT_SHAPE
        slower = Slower(reason, chosen, fast)
    return ProcessingTime(chosen, due_time(chosen, now)), slower
