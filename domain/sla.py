"""Expected processing time of an order, as the operator's table and calendar say."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from domain.business_calendar import (
    add_business_days,
    add_business_time,
    to_brussels,
    within_business_hours,
)
from domain.catalogue import PLANS_BY_CODE, Operator, PlanFamily
from domain.request import (
    CardType,
    OrderRequest,
    OwnerType,
    RequestType,
    enum_value,
    flag_value,
    id_value,
)
from domain.texts import N_


class ActivationKind(StrEnum):
    NEW_NUMBER = "new_number"
    ORANGE_PREPAID = "orange_prepaid"  # activation of an Orange prepaid number
    ORANGE_SUBSCRIPTION = "orange_subscription"  # transfer of an Orange subscription
    PORT_PRIVATE = "port_private"  # from another operator, owned by a private person
    PORT_PROFESSIONAL = "port_professional"  # from another operator, owned by a company


class Turnaround(StrEnum):
    ONE_HOUR = "one_hour"
    ONE_BUSINESS_DAY = "one_business_day"
    HOURS_24 = "hours_24"
    HOURS_48 = "hours_48"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Turnaround.ONE_HOUR: N_("1 hour"),
    Turnaround.ONE_BUSINESS_DAY: N_("1 business day"),
    Turnaround.HOURS_24: N_("24 hours"),
    Turnaround.HOURS_48: N_("48 hours"),
}


@dataclass(frozen=True)
class ProcessingTime:
    turnaround: Turnaround
    due: datetime  # timezone-aware, Europe/Brussels


class IncompleteRequest(ValueError):
    """The request lacks the answers that decide its activation kind."""


def turnaround(kind: ActivationKind, shape_plan: bool, invoice_split: bool) -> Turnaround:
    """The row and column of the operator's table."""
    match kind:
        case ActivationKind.NEW_NUMBER | ActivationKind.ORANGE_PREPAID:
            fast = shape_plan and not invoice_split
            return Turnaround.ONE_HOUR if fast else Turnaround.ONE_BUSINESS_DAY
        case ActivationKind.ORANGE_SUBSCRIPTION:
            return Turnaround.ONE_BUSINESS_DAY
        case ActivationKind.PORT_PRIVATE:
            return Turnaround.HOURS_24
        case ActivationKind.PORT_PROFESSIONAL:
            return Turnaround.HOURS_48


def due_time(turnaround: Turnaround, submitted_at: datetime) -> datetime:
    """When an order submitted at ``submitted_at`` should be done, in Brussels time."""
    local = to_brussels(submitted_at)  # raises ValueError on a naive datetime
    match turnaround:
        case Turnaround.ONE_HOUR:
            return add_business_time(local, timedelta(hours=1))
        case Turnaround.ONE_BUSINESS_DAY:
            return add_business_days(local, 1)
        case Turnaround.HOURS_24 | Turnaround.HOURS_48:
            hours = 24 if turnaround is Turnaround.HOURS_24 else 48
            # Elapsed time, so computed in UTC: across a DST change the clock time shifts.
            elapsed = local.astimezone(UTC) + timedelta(hours=hours)
            return within_business_hours(elapsed)


def processing_time(
    kind: ActivationKind, shape_plan: bool, invoice_split: bool, submitted_at: datetime
) -> ProcessingTime:
    """The turnaround and due time of an order; ``submitted_at`` must be timezone-aware."""
    chosen = turnaround(kind, shape_plan, invoice_split)
    return ProcessingTime(chosen, due_time(chosen, submitted_at))


def activation_kind(request: OrderRequest) -> ActivationKind:
    """The table row of a request; raises ``IncompleteRequest`` if the deciding answers lack."""
    request_type = enum_value(RequestType, request.request_type)
    if request_type is RequestType.NEW_NUMBER:
        return ActivationKind.NEW_NUMBER
    if request_type is None:
        raise IncompleteRequest("The request type (new number or transfer) is not chosen.")
    operator = enum_value(Operator, request.current_operator)
    if operator is Operator.ORANGE:
        card_type = enum_value(CardType, request.card_type)
        if card_type is None:
            raise IncompleteRequest("The card type (prepaid or subscription) is not chosen.")
        if card_type is CardType.PREPAID:
            return ActivationKind.ORANGE_PREPAID
        return ActivationKind.ORANGE_SUBSCRIPTION
    if operator is None:
        raise IncompleteRequest("The current operator of the number to transfer is not chosen.")
    owner_type = enum_value(OwnerType, request.owner_type)
    if owner_type is None:
        raise IncompleteRequest("The owner type (private person or company) is not chosen.")
    if owner_type is OwnerType.COMPANY:
        return ActivationKind.PORT_PROFESSIONAL
    return ActivationKind.PORT_PRIVATE


def is_shape_plan(plan_code: object) -> bool:
    """Whether the plan is a Shape plan (the fast lane without Invoice Split)."""
    plan = PLANS_BY_CODE.get(id_value(plan_code) or "")
    return plan is not None and plan.family is PlanFamily.SHAPE


def processing_time_of(request: OrderRequest, submitted_at: datetime) -> ProcessingTime:
    """The processing time of a complete request submitted at ``submitted_at``."""
    return processing_time(
        activation_kind(request),
        is_shape_plan(request.plan_code),
        flag_value(request.invoice_split),
        submitted_at,
    )
