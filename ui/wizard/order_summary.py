"""The live order summary beside the wizard (below it on phones): what the request is, what it
costs a month and when it should be done, as the domain works it out from the answers so far."""

from nicegui import ui

from domain.catalogue import TRAVEL_DATA_CONTROL_BLOCKED, TRAVEL_DATA_CONTROL_NO_LIMIT
from domain.order_summary import LiveSummary, live_summary
from domain.summary import TRAVEL_CAP
from ui.format import display_cents, display_datetime
from ui.i18n import _
from ui.kit import heading
from ui.wizard.state import WizardState

MINUTE = 60.0  # "from now": the expected completion moves on with the clock


def order_summary_panel(state: WizardState) -> None:
    """The summary, shown again at every answer and every minute."""
    with ui.element("aside").classes("order-summary").mark("order-summary") as aside:
        title = heading(_("Order summary"), 2, "text-lg")
        aside.props(f'aria-labelledby="{title.html_id}"')
        body = ui.column().classes("w-full gap-2")

    def show() -> None:
        body.clear()
        with body:
            summary_contents(live_summary(state.request, state.context, state.services.clock()))

    state.listeners.append(show)
    show()
    ui.timer(MINUTE, show)


def summary_contents(summary: LiveSummary) -> None:
    headline = [_(part.label) for part in (summary.request_type, summary.sim_kind) if part]
    if summary.end_user:
        headline.append(_("for {end_user}", end_user=summary.end_user))
    if not headline and not summary.lines:
        ui.label(_("Your answers will show here with their cost and processing time."))
        return
    if headline:
        ui.label(", ".join(headline)).classes("font-medium").mark("summary-request")
    monthly_cost(summary)
    ui.label(_("Travel Data Control: {cap}", cap=travel_cap(summary.travel_data_control)))
    processing(summary)


def amount_row(label: str, cents: int, marker: str, bold: bool = False) -> None:
    with ui.row().classes("w-full justify-between no-wrap gap-2" + (" font-bold" * bold)):
        ui.label(label)
        ui.label(display_cents(cents)).classes("whitespace-nowrap").mark(marker)


def monthly_cost(summary: LiveSummary) -> None:
    """The plan and options, the total a month excl. VAT and, with Invoice Split, who pays it."""
    if not summary.lines:
        return
    with ui.column().classes("w-full gap-1"):
        for number, line in enumerate(summary.lines):
            amount_row(
                _(line.name) if line.translated else line.name, line.cents, f"price-{number}"
            )
        amount_row(_("Total a month excl. VAT"), summary.total_cents, "summary-total", bold=True)
        if summary.company_cents is not None and summary.employee_cents is not None:
            amount_row(_("Paid by the company"), summary.company_cents, "summary-company")
            amount_row(_("Paid by the employee"), summary.employee_cents, "summary-employee")


def travel_cap(amount: int | None) -> str:
    if amount is None:
        return _(TRAVEL_DATA_CONTROL_NO_LIMIT)
    if amount == 0:
        return _(TRAVEL_DATA_CONTROL_BLOCKED)
    return _(TRAVEL_CAP, amount=display_cents(amount * 100))


def processing(summary: LiveSummary) -> None:
    time = summary.processing
    if time is None:
        ui.label(_("Processing time: known once the request type and plan are chosen."))
        return
    ui.label(_("Processing time: {turnaround}", turnaround=_(time.turnaround.label))).classes(
        "font-medium"
    ).mark("summary-processing")
    due = display_datetime(time.due)
    ui.label(_("Expected completion if sent now: {moment}", moment=due)).mark("summary-due")
    if summary.slower is not None:
        slower = summary.slower
        text = _(slower.message, now=_(slower.now.label), fast=_(slower.fast.label))
        ui.label(text).classes("text-sm").mark("summary-slower")
