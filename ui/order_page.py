"""An order as the fleet manager follows it: the confirmation right after submission, and the
order page with its status, answers and history."""

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from domain.orders import OrderStatus
from domain.request import FIELD_LABELS, SimKind
from domain.sla import Turnaround
from domain.summary import answers
from storage.db.tables import Order
from storage.mail.qr import qr_svg
from storage.queries.accounts import SignedInManager
from storage.queries.fleet_context import company_context
from storage.queries.orders import PlacedOrder, as_utc, find_order, order_history, placed_order
from ui.fleet_page import login_redirect
from ui.format import display_cents, display_datetime
from ui.frame import page_frame
from ui.i18n import _
from ui.services import Services
from ui.session import signed_in_manager

CONTRACT_LABEL = FIELD_LABELS["invoice_split_contract_id"]


def confirmation(services: Services, order: Order, manager: SignedInManager) -> None:
    placed = placed_order(order)
    request = placed.request
    with (
        ui.column()
        .classes("w-full bg-[#1e6b34] text-white p-6 gap-2 rounded")
        .props('role="status"')
        .mark("confirmation")
    ):
        ui.label(_("Request received")).classes("text-2xl font-bold").props(
            'role="heading" aria-level="1"'
        )
        ui.label(_("Your reference"))
        ui.label(placed.reference).classes("text-3xl font-bold tracking-wider").mark("reference")
    with ui.card().classes("w-full").mark("processing-time"):
        ui.label(
            _("Processing time: {turnaround}", turnaround=_(Turnaround(placed.turnaround).label))
        ).classes("text-lg font-bold")
        ui.label(_("Expected completion: {moment}", moment=display_datetime(placed.due_at))).mark(
            "expected-completion"
        )
    ui.label(_("What happens next")).classes("text-xl font-bold").props(
        'role="heading" aria-level="2"'
    )
    with ui.column().classes("gap-1"):
        ui.label(_("We have sent a confirmation to {email}.", email=manager.email))
        if request.sim_kind is SimKind.ESIM:
            ui.label(
                _(
                    "The end user receives the eSIM profile with its QR code at {email}.",
                    email=request.esim_email,
                )
            )
        ui.label(_("We send you an e-mail when the line is active; it then appears in your fleet."))
    if (
        request.sim_kind is SimKind.ESIM
        and request.esim_qr_copy_to_manager
        and placed.esim_activation_code
    ):
        with ui.card().classes("items-center").mark("esim-qr"):
            ui.label(_("eSIM QR code")).classes("font-bold")
            qr = ui.html(qr_svg(placed.esim_activation_code)).props('role="img"')
            qr.props["aria-label"] = _("eSIM QR code")
            qr.classes("w-56 [&>svg]:w-full [&>svg]:h-auto")
            ui.label(_("Activation code for manual entry:"))
            ui.label(placed.esim_activation_code).classes("font-mono").mark("activation-code")
    ui.label(_("Your request")).classes("text-xl font-bold").props('role="heading" aria-level="2"')
    answer_list(services, placed, manager.company_id)
    with ui.row().classes("gap-4"):
        ui.link(_("View the order"), f"/orders/{placed.reference}").mark("order-link")
        ui.link(_("Back to my fleet"), "/").mark("fleet-link")
        ui.link(_("Add another card"), "/add")


def answer_list(services: Services, placed: PlacedOrder, company_id: int) -> None:
    """Every answer of the order, as the fleet manager gave it (a description list)."""
    context = company_context(services.engine, company_id)
    with ui.element("dl").classes("w-full").mark("answers"):
        for answer in answers(placed.request, context):
            with ui.row().classes("w-full border-b py-2 gap-4"):
                with ui.element("dt").classes("w-64 font-medium"):
                    ui.label(_(answer.label))
                with ui.element("dd").classes("flex-1"):
                    ui.label(answer.render(_, display_cents))
        if placed.contract_document_id:
            with ui.row().classes("w-full border-b py-2 gap-4"):
                with ui.element("dt").classes("w-64 font-medium"):
                    ui.label(_(CONTRACT_LABEL))
                with ui.element("dd").classes("flex-1"):
                    ui.link(_("Download"), f"/documents/{placed.contract_document_id}")


def order_details(services: Services, order: Order, manager: SignedInManager) -> None:
    placed = placed_order(order)
    ui.label(_("Order {reference}", reference=order.reference)).classes("text-2xl font-bold").props(
        'role="heading" aria-level="1"'
    ).mark("order")
    status = OrderStatus(order.status)
    with ui.card().classes("w-full"):
        ui.label(_("Status: {status}", status=_(status.label))).classes("font-bold").mark("status")
        ui.label(
            _("Processing time: {turnaround}", turnaround=_(Turnaround(order.turnaround).label))
        )
        ui.label(_("Sent on {moment}", moment=display_datetime(placed.submitted_at)))
        ui.label(_("Expected completion: {moment}", moment=display_datetime(placed.due_at)))
        if order.rejection_reason:
            ui.label(_(order.rejection_reason)).classes("text-negative")
    answer_list(services, placed, manager.company_id)
    ui.label(_("History")).classes("text-xl font-bold").props('role="heading" aria-level="2"')
    for event in order_history(services.engine, order.id or 0):
        ui.label(
            f"{display_datetime(as_utc(event.at))} · {_(OrderStatus(event.to_status).label)}"
            + (f" · {_(event.note)}" if event.note else "")
        ).mark("history")


def register(services: Services) -> None:
    def page(request: Request, reference: str, title: str, build) -> RedirectResponse | None:  # type: ignore[no-untyped-def]
        manager = signed_in_manager(services)
        if manager is None:
            return login_redirect(request)
        order = find_order(services.engine, manager.company_id, reference)
        with page_frame(services, manager, request.url.path, title):
            if order is None:  # another company's order reads as one that does not exist
                ui.label(_("Order not found. Check the reference or go back to your fleet.")).mark(
                    "not-found"
                )
                ui.link(_("Back to my fleet"), "/")
            else:
                build(order, manager)
        return None

    @ui.page("/add/done/{reference}")
    def confirmation_page(request: Request, reference: str) -> RedirectResponse | None:
        return page(
            request,
            reference,
            _("Request received"),
            lambda order, manager: confirmation(services, order, manager),
        )

    @ui.page("/orders/{reference}")
    def order_page(request: Request, reference: str) -> RedirectResponse | None:
        return page(
            request,
            reference,
            _("Order {reference}", reference=reference),
            lambda order, manager: order_details(services, order, manager),
        )
