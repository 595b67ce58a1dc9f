"""The requests waiting for the employee, on the orders page: where each stands, with "Send
the link again", "Cancel" and, once the employee is done, "Check and send". It follows the
changes as they happen (the employee's answers arrive without a reload)."""

from nicegui import ui

from domain.employee_link import REMIND_AFTER, WaitingState
from storage.queries.accounts import SignedInManager
from storage.queries.drafts import DraftState
from storage.queries.employee_requests import WaitingRequest, waiting_requests
from storage.use_cases import Services
from storage.use_cases.employee_requests import (
    AskedEmployee,
    cancel_employee_request,
    check_employee_answers,
    resend_employee_link,
)
from ui.format import display_datetime, display_number
from ui.i18n import _
from ui.kit import heading
from ui.live import follow_orders


def waiting_list(services: Services, manager: SignedInManager) -> None:
    """The list, drawn now and again at every change of the company's orders."""
    box = ui.column().classes("w-full gap-2").mark("waiting-list")

    def draw() -> None:
        box.clear()
        waiting = waiting_requests(services.engine, manager.company_id, services.clock())
        if not waiting:
            return
        with box:
            heading(_("Waiting for the employee"), 2)
            for request in waiting:
                waiting_card(services, manager, request)

    draw()
    company = manager.company_id
    follow_orders(services, lambda event: event.company_id == company, draw)


def waiting_card(services: Services, manager: SignedInManager, request: WaitingRequest) -> None:
    line = display_number(request.number) if request.number else _("New number")
    with ui.card().classes("w-full gap-1").mark(f"waiting-{request.id}"):
        ui.label(f"{request.end_user} · {line}").classes("font-bold")
        ui.label(_(request.state.label)).classes("font-medium").mark("waiting-state")
        ui.label(
            _(
                "Link sent to {email} on {moment}",
                email=request.employee_email,
                moment=display_datetime(request.asked_at),
            )
        ).classes("text-sm")
        ui.label(_when(request)).classes("text-sm")
        with ui.row().classes("gap-2"):
            _actions(services, manager, request)


def _when(request: WaitingRequest) -> str:
    if request.state is WaitingState.EXPIRED:
        return _(
            "The link expired on {moment}: send a new one.",
            moment=display_datetime(request.expires_at),
        )
    if request.reminded_at:
        return _("Reminder sent on {moment}", moment=display_datetime(request.reminded_at))
    if request.state is WaitingState.WAITING:
        return _(
            "A reminder goes by itself on {moment}; the link works until {end}.",
            moment=display_datetime(request.asked_at + REMIND_AFTER),
            end=display_datetime(request.expires_at),
        )
    return ""


def _actions(services: Services, manager: SignedInManager, request: WaitingRequest) -> None:
    def check() -> None:
        outcome = check_employee_answers(services, manager, request.id)
        if isinstance(outcome, DraftState):  # check your answers, with the employee's in them
            ui.navigate.to("/add")

    def resend() -> None:
        outcome = resend_employee_link(services, manager, request.id)
        if isinstance(outcome, AskedEmployee):
            ui.notify(_("A new link was sent to {email}.", email=outcome.email))

    def cancel() -> None:
        cancel_employee_request(services, manager, request.id)
        ui.notify(_("The request to the employee was cancelled."))

    if request.state is WaitingState.ANSWERED:
        ui.button(_("Check and send"), on_click=check).mark(f"check-{request.id}")
    else:
        ui.button(_("Send the link again"), on_click=resend).props("outline").mark(
            f"resend-{request.id}"
        )
    ui.button(_("Cancel the request"), on_click=cancel).props("flat").mark(f"cancel-{request.id}")
