"""The live order summary: monthly cost (and its split), Travel Data Control, and the
processing time counted from now, for each row of the spec's processing-time table."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.catalogue import Operator
from domain.order_summary import (
    SLOWER_WITH_INVOICE_SPLIT,
    SLOWER_WITHOUT_SHAPE,
    PricedLine,
    live_summary,
)
from domain.request import CardType, OrderRequest, OwnerType, RequestType
from domain.sla import Turnaround
from tests.domain.builders import CONTEXT, new_number, transfer, with_invoice_split

BRUSSELS = ZoneInfo("Europe/Brussels")
WEDNESDAY_10 = datetime(2026, 6, 3, 10, 0, tzinfo=BRUSSELS)
T = Turnaround


def at(hour: int, minute: int = 0, day: int = 3) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=BRUSSELS)


ORANGE_PREPAID = {"current_operator": Operator.ORANGE, "card_type": CardType.PREPAID}
ORANGE_SUBSCRIPTION = {
    "current_operator": Operator.ORANGE,
    "card_type": CardType.SUBSCRIPTION,
    "donor_iccid": "",
    "donor_customer_number": "1.23456789",
}
PRIVATE = {"owner_type": OwnerType.PRIVATE, "enterprise_number": ""}


@pytest.mark.parametrize(
    ("request_", "turnaround", "due"),
    [
        # New number, or Orange prepaid: Shape without Invoice Split, then the other column.
        (new_number(plan_code="shape_m"), T.ONE_HOUR, at(11)),
        (new_number(plan_code="business_go"), T.ONE_BUSINESS_DAY, at(10, day=4)),
        (with_invoice_split(plan_code="shape_m"), T.ONE_BUSINESS_DAY, at(10, day=4)),
        (transfer(plan_code="shape_s", **ORANGE_PREPAID), T.ONE_HOUR, at(11)),
        (transfer(plan_code="business_go", **ORANGE_PREPAID), T.ONE_BUSINESS_DAY, at(10, day=4)),
        # Orange subscription: one business day in both columns.
        (transfer(plan_code="shape_s", **ORANGE_SUBSCRIPTION), T.ONE_BUSINESS_DAY, at(10, day=4)),
        (transfer(**ORANGE_SUBSCRIPTION), T.ONE_BUSINESS_DAY, at(10, day=4)),
        # Ports from another operator: elapsed hours, private then professional.
        (transfer(plan_code="shape_s", **PRIVATE), T.HOURS_24, at(10, day=4)),
        (transfer(**PRIVATE), T.HOURS_24, at(10, day=4)),
        (transfer(plan_code="shape_s"), T.HOURS_48, at(10, day=5)),
        (transfer(), T.HOURS_48, at(10, day=5)),
    ],
)
def test_the_processing_time_follows_each_row_of_the_table_from_now(
    request_: OrderRequest, turnaround: Turnaround, due: datetime
) -> None:
    processing = live_summary(request_, CONTEXT, WEDNESDAY_10).processing
    assert processing is not None
    assert processing.turnaround is turnaround
    assert processing.due == due


def test_the_processing_time_counts_from_now_on_the_business_calendar() -> None:
    friday_evening = datetime(2026, 6, 5, 17, 30, tzinfo=BRUSSELS)
    processing = live_summary(new_number(), CONTEXT, friday_evening).processing
    assert processing is not None
    assert processing.due == datetime(2026, 6, 8, 8, 30, tzinfo=BRUSSELS)  # Monday


def test_a_slower_time_says_why() -> None:
    split = live_summary(with_invoice_split(plan_code="shape_m"), CONTEXT, WEDNESDAY_10).slower
    assert split is not None
    assert (split.message, split.now, split.fast) == (
        SLOWER_WITH_INVOICE_SPLIT,
        T.ONE_BUSINESS_DAY,
        T.ONE_HOUR,
    )
    other = live_summary(new_number(plan_code="business_go"), CONTEXT, WEDNESDAY_10).slower
    assert other is not None
    assert other.message == SLOWER_WITHOUT_SHAPE
    assert live_summary(new_number(), CONTEXT, WEDNESDAY_10).slower is None
    assert live_summary(transfer(), CONTEXT, WEDNESDAY_10).slower is None  # 48 h either way


def test_no_processing_time_until_the_answers_that_decide_it() -> None:
    assert live_summary(OrderRequest(), CONTEXT, WEDNESDAY_10).processing is None
    no_plan = new_number(plan_code=None, option_codes=())
    assert live_summary(no_plan, CONTEXT, WEDNESDAY_10).processing is None
    no_owner = transfer(owner_type=None)
    assert live_summary(no_owner, CONTEXT, WEDNESDAY_10).processing is None
    port_without_plan = transfer(plan_code=None)  # the plan does not change 48 hours
    assert live_summary(port_without_plan, CONTEXT, WEDNESDAY_10).processing is not None


def test_the_monthly_cost_adds_the_plan_and_its_options() -> None:
    request = new_number(plan_code="shape_m", option_codes=("intl_calls", "secure_net"))
    summary = live_summary(request, CONTEXT, WEDNESDAY_10)
    assert summary.lines == (
        PricedLine("Shape Medium", 2562, translated=False),
        PricedLine("International calls", 500, translated=True),
        PricedLine("Secure Net protection", 165, translated=True),
    )
    assert summary.total_cents == 2562 + 500 + 165
    assert (summary.company_cents, summary.employee_cents) == (None, None)


def test_an_option_the_plan_does_not_allow_is_not_counted() -> None:
    request = new_number(plan_code="data_50", option_codes=("sms_bundle", "data_boost"))
    summary = live_summary(request, CONTEXT, WEDNESDAY_10)
    assert [line.name for line in summary.lines] == ["Mobile Data 50 GB", "Extra data 20 GB"]
    assert summary.total_cents == 2066 + 800


def test_invoice_split_shares_the_cost_up_to_the_company_cap() -> None:
    over_cap = with_invoice_split(plan_code="shape_l", option_codes=("intl_calls",))
    summary = live_summary(over_cap, CONTEXT, WEDNESDAY_10)  # 38.88 a month, cap 30.00
    assert (summary.company_cents, summary.employee_cents) == (3000, 888)
    under_cap = with_invoice_split(plan_code="shape_s", option_codes=())
    summary = live_summary(under_cap, CONTEXT, WEDNESDAY_10)
    assert (summary.company_cents, summary.employee_cents) == (1736, 0)
    no_profile = with_invoice_split(sub_division_id="it")
    summary = live_summary(no_profile, CONTEXT, WEDNESDAY_10)
    assert (summary.company_cents, summary.employee_cents) == (None, None)


def test_the_headline_and_the_travel_data_cap_come_from_the_answers() -> None:
    summary = live_summary(transfer(travel_data_control=None), CONTEXT, WEDNESDAY_10)
    assert summary.request_type is RequestType.TRANSFER
    assert summary.end_user == "An Peeters"
    assert summary.travel_data_control is None
    assert live_summary(OrderRequest(), CONTEXT, WEDNESDAY_10).lines == ()
