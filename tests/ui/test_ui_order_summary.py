"""The live order summary beside the wizard (issue 14): it follows each answer as it changes,
with the monthly cost, its split under Invoice Split, and the processing time counted from now
as the domain computes it."""

from datetime import UTC, datetime

from nicegui.testing import User

from domain.sla import Turnaround, due_time
from locales.formats import format_cents, format_moment
from tests.conftest import NOVA
from tests.ui_helpers import sign_in
from tests.wizard_helpers import (
    choose,
    element,
    new_number_until_plan,
    next_step,
    sim_and_billing,
    start,
    tick,
)


def shown_text(user: User, marker: str) -> str:
    return str(element(user, marker).text)


def assert_due(user: User, turnaround: Turnaround, since: datetime) -> None:
    """The expected completion counted from the moment the page showed it: between ``since``
    (before the answer that changed it) and now, the page runs on the real clock."""
    possible = {
        "Expected completion if sent now: " + format_moment(due_time(turnaround, moment), "en")
        for moment in (since, datetime.now(UTC))
    }
    assert shown_text(user, "summary-due") in possible


async def test_the_summary_follows_the_answers_as_they_change(user: User) -> None:
    await sign_in(user, NOVA)
    await start(user, "new_number")
    await user.should_see("Processing time: known once the request type and plan are chosen.")
    assert shown_text(user, "summary-request") == "A new number"
    await next_step(user, "request_type", expect="sim_and_billing")
    await sim_and_billing(user)
    assert shown_text(user, "summary-request") == "A new number, SIM card, for Noor El Amrani"

    since = datetime.now(UTC)
    choose(user, "plan_code", "shape_m")
    assert shown_text(user, "summary-total") == format_cents(2562, "en")
    assert shown_text(user, "summary-processing") == "Processing time: 1 hour"
    assert_due(user, Turnaround.ONE_HOUR, since)

    tick(user, "option-intl_calls")
    assert shown_text(user, "summary-total") == format_cents(2562 + 500, "en")
    since = datetime.now(UTC)
    choose(user, "plan_code", "business_go")  # not a Shape plan: slower, and it says why
    assert shown_text(user, "summary-processing") == "Processing time: 1 business day"
    assert (
        shown_text(user, "summary-slower") == "Not a Shape plan: 1 business day instead of 1 hour"
    )
    assert_due(user, Turnaround.ONE_BUSINESS_DAY, since)


async def test_invoice_split_shows_who_pays_what_and_why_it_takes_longer(user: User) -> None:
    await sign_in(user, NOVA)
    await new_number_until_plan(user, division="2")  # Sales: the company pays up to 30 €
    choose(user, "plan_code", "shape_m")
    tick(user, "option-intl_calls")  # 30,62 € a month
    await next_step(user, "plan_and_options", expect="invoice_split")
    assert shown_text(user, "summary-processing") == "Processing time: 1 hour"
    since = datetime.now(UTC)
    tick(user, "invoice_split")
    assert shown_text(user, "summary-company") == format_cents(3000, "en")
    assert shown_text(user, "summary-employee") == format_cents(62, "en")
    assert shown_text(user, "summary-slower") == "Invoice Split: 1 business day instead of 1 hour"
    assert_due(user, Turnaround.ONE_BUSINESS_DAY, since)
