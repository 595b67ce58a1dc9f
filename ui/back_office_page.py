"""The presenter's back-office (demo mode only): every company's orders, newest first, with
the operator's moves on each: Start, Complete, Reject with a reason. Each move shows at once
on the fleet manager's open pages."""

from nicegui import Client, run, ui

from domain.catalogue import PLANS_BY_CODE
from domain.fields import format_mobile_number
from domain.orders import OrderStatus
from domain.rejections import RejectionReason
from storage.queries.accounts import SignedInAgent
from storage.queries.back_office import BackOfficeRow, back_office_orders
from storage.use_cases import (
    NoteNeeded,
    NoteRefused,
    NotNow,
    Services,
    complete_order,
    mark_esim_installed,
    reject_order,
    reset_demo,
    start_order,
)
from ui.format import display_cents, display_datetime
from ui.frame import agent_page
from ui.i18n import _
from ui.kit import confirm, heading
from ui.live import follow_orders
from ui.session import BACK_OFFICE

ALL = "all"


def order_card(services: Services, row: BackOfficeRow) -> None:
    number = format_mobile_number(row.number) if row.number else _("New number")
    plan = PLANS_BY_CODE.get(row.plan_code)
    with ui.card().classes("w-full").mark(f"back-office-{row.reference}"):
        with ui.row().classes("w-full items-baseline justify-between"):
            ui.label(row.reference).classes("font-mono font-bold")
            ui.label(_(row.status.label)).classes("font-bold").mark("back-office-status")
        ui.label(
            f"{row.company} · {_(row.request_type.label)} · {number} · {row.end_user}"
            + (f" · {plan.name}" if plan else "")
        )
        ui.label(
            _("Sent on {moment}", moment=display_datetime(row.submitted_at))
            + " · "
            + _("Expected completion: {moment}", moment=display_datetime(row.due_at))
        ).classes("text-sm")
        moves(services, row)


def moves(services: Services, row: BackOfficeRow) -> None:
    """The operator's moves that apply to the order now."""
    reference = row.reference

    def done(outcome: object) -> None:
        if isinstance(outcome, NotNow):
            ui.notify(_("This order is now “{status}”.", status=_(outcome.status.label)))

    with ui.row().classes("gap-2"):
        if row.status is OrderStatus.RECEIVED:
            ui.button(_("Start"), on_click=lambda: done(start_order(services, reference))).mark(
                f"start-{reference}"
            )
        if row.status is OrderStatus.IN_PROGRESS:
            ui.button(
                _("Complete"), on_click=lambda: done(complete_order(services, reference))
            ).props("color=positive").mark(f"complete-{reference}")
        if row.esim_to_install:  # the demo's stand-in for the SM-DP+ telling it
            ui.button(
                _("Mark the eSIM installed"),
                on_click=lambda: done(mark_esim_installed(services, reference)),
            ).props("outline").mark(f"install-{reference}")
        if row.status in (OrderStatus.RECEIVED, OrderStatus.IN_PROGRESS):
            ui.button(_("Reject"), on_click=lambda: reject_dialog(services, reference)).props(
                "outline color=negative"
            ).mark(f"reject-{reference}")


def reject_dialog(services: Services, reference: str) -> None:
    with ui.dialog() as dialog, ui.card().classes("w-full max-w-lg"):
        title = heading(_("Reject {reference}", reference=reference), 2)
        dialog.props(f'aria-labelledby="{title.html_id}"')  # Quasar's element is the dialog
        reasons = {reason.value: _(reason.heading) for reason in RejectionReason}
        chosen = ui.radio(reasons, value=RejectionReason.CUSTOMER_NUMBER_UNKNOWN.value)
        chosen.props(f'aria-labelledby="{title.html_id}"').mark("reject-reason")
        note = ui.textarea(_("Note for the fleet manager (optional)")).classes("w-full")
        note.props("outlined").mark("reject-note")
        problem = ui.label().classes("text-negative").props('role="alert"').mark("reject-problem")

        def reject() -> None:
            outcome = reject_order(services, reference, RejectionReason(chosen.value), note.value)
            if isinstance(outcome, NoteNeeded):
                problem.text = _("Explain the reason to the fleet manager in the note.")
                return
            if isinstance(outcome, NoteRefused):
                problem.text = outcome.problem.render(_, display_cents)
                return
            if isinstance(outcome, NotNow):
                ui.notify(_("This order is now “{status}”.", status=_(outcome.status.label)))
            dialog.close()

        with ui.row():
            ui.button(_("Reject the order"), on_click=reject).props("color=negative").mark(
                "reject-confirm"
            )
            ui.button(_("Keep the order"), on_click=dialog.close).props("flat")
    dialog.open()


def reset_button(services: Services) -> None:
    """Put the demo back as seeded: every session ends, every open page goes to sign-in."""

    async def reset() -> None:
        await run.io_bound(reset_demo, services)  # a whole re-seed: off the event loop
        for client in list(Client.instances.values()):
            if client.has_socket_connection:
                with client:
                    ui.navigate.to("/login")

    def ask() -> None:
        confirm(
            "reset",
            _(
                "Reset the demo? Every order, draft, e-mail and uploaded document is deleted, the demo data comes back as it was, and everyone is signed out."
            ),
            _("Reset the demo"),
            _("Keep everything"),
            reset,
        )

    ui.button(_("Reset the demo"), icon="restart_alt", on_click=ask).props(
        "outline color=negative"
    ).mark("reset-demo")


def back_office(services: Services) -> None:
    with ui.row().classes("w-full items-center justify-between"):
        heading(_("Back-office: every company's orders"), 1).mark("back-office")
        reset_button(services)
    statuses = {ALL: _("All statuses")} | {s.value: _(s.label) for s in OrderStatus}
    shown = ui.select(statuses, value=ALL, label=_("Status")).props("outlined")
    shown.classes("w-64").mark("back-office-filter")

    @ui.refreshable
    def orders() -> None:
        wanted = None if shown.value == ALL else OrderStatus(shown.value)
        rows = back_office_orders(services.engine, wanted)
        if not rows:
            ui.label(_("No order yet."))
        for row in rows:
            order_card(services, row)

    shown.on_value_change(lambda _event: orders.refresh())
    orders()
    follow_orders(services, lambda _event: True, orders.refresh)


def register(services: Services) -> None:
    if not services.demo:
        return

    @agent_page(services, BACK_OFFICE, lambda: _("Back-office"))
    def back_office_page(_agent: SignedInAgent) -> None:
        back_office(services)
