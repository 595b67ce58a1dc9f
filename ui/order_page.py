"""An order as the fleet manager follows it: the confirmation right after submission, and the
order page with its status, answers and history."""

from collections.abc import Callable

from nicegui import ui

from domain.orders import PlacedOrder
from domain.request import SimKind
from storage.mail.qr import qr_svg
from storage.queries.accounts import SignedInManager
from storage.queries.fleet_context import company_context
from storage.queries.orders import OrderView, order_view
from storage.use_cases import Services
from ui.answers import answer_groups, contract_row
from ui.document_routes import document_url
from ui.format import display_datetime
from ui.frame import PageBuilder, manager_page
from ui.i18n import _
from ui.kit import answer_list, heading


def confirmation(services: Services, view: OrderView, manager: SignedInManager) -> None:
    placed = view.placed
    with (
        ui.column()
        .classes("w-full bg-[#1e6b34] text-white p-6 gap-2 rounded")
        .props('role="status"')
        .mark("confirmation")
    ):
        heading(_("Request received"), 1)
        ui.label(_("Your reference"))
        ui.label(placed.reference).classes("text-3xl font-bold tracking-wider").mark("reference")
    with ui.card().classes("w-full").mark("processing-time"):
        ui.label(_("Processing time: {turnaround}", turnaround=_(placed.turnaround.label))).classes(
            "text-lg font-bold"
        )
        ui.label(_("Expected completion: {moment}", moment=display_datetime(placed.due_at))).mark(
            "expected-completion"
        )
    _what_happens_next(placed, manager)
    _esim_qr(placed)
    heading(_("Your request"))
    order_answers(services, placed, manager.company_id)
    with ui.row().classes("gap-4"):
        ui.link(_("View the order"), f"/orders/{placed.reference}").mark("order-link")
        ui.link(_("Back to my fleet"), "/").mark("fleet-link")
        ui.link(_("Add another card"), "/add")


def _what_happens_next(placed: PlacedOrder, manager: SignedInManager) -> None:
    request = placed.request
    heading(_("What happens next"))
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


def _esim_qr(placed: PlacedOrder) -> None:
    """The QR code on the page, when the fleet manager asked for a copy of it."""
    request = placed.request
    code = placed.esim_activation_code
    if request.sim_kind is not SimKind.ESIM or not request.esim_qr_copy_to_manager or not code:
        return
    with ui.card().classes("items-center").mark("esim-qr"):
        ui.label(_("eSIM QR code")).classes("font-bold")
        qr = ui.html(qr_svg(code)).props('role="img"')
        qr.props["aria-label"] = _("eSIM QR code")
        qr.classes("w-56 [&>svg]:w-full [&>svg]:h-auto")
        ui.label(_("Activation code for manual entry:"))
        ui.label(code).classes("font-mono").mark("activation-code")


def order_answers(services: Services, placed: PlacedOrder, company_id: int) -> None:
    """Every answer of the order, as the fleet manager gave it."""
    contract = placed.contract_document_id
    row = contract_row(_("Download"), document_url(contract)) if contract else None
    context = company_context(services.engine, company_id)
    answer_list(answer_groups(placed.request, context, row))


def order_details(services: Services, view: OrderView, manager: SignedInManager) -> None:
    placed = view.placed
    heading(_("Order {reference}", reference=placed.reference), 1).mark("order")
    with ui.card().classes("w-full"):
        ui.label(_("Status: {status}", status=_(view.status.label))).classes("font-bold").mark(
            "status"
        )
        ui.label(_("Processing time: {turnaround}", turnaround=_(placed.turnaround.label)))
        ui.label(_("Sent on {moment}", moment=display_datetime(placed.submitted_at)))
        ui.label(_("Expected completion: {moment}", moment=display_datetime(placed.due_at)))
        if view.rejection_reason:
            ui.label(_(view.rejection_reason)).classes("text-negative")
    order_answers(services, placed, manager.company_id)
    heading(_("History"))
    for change in view.history:
        ui.label(
            f"{display_datetime(change.at)} · {_(change.to_status.label)}"
            + (f" · {_(change.reason)}" if change.reason else "")
        ).mark("history")


def _not_found() -> None:
    # Another company's order reads as one that does not exist.
    ui.label(_("Order not found. Check the reference or go back to your fleet.")).mark("not-found")
    ui.link(_("Back to my fleet"), "/")


def register(services: Services) -> None:
    def one_order(show: Callable[[Services, OrderView, SignedInManager], None]) -> PageBuilder:
        """A page of one of the company's orders, found by its reference."""

        def build(manager: SignedInManager, reference: str) -> None:
            view = order_view(services.engine, manager.company_id, reference)
            if view is None:
                _not_found()
            else:
                show(services, view, manager)

        return build

    confirmation_title = lambda reference: _("Request received")  # noqa: E731
    manager_page(services, "/add/done/{reference}", confirmation_title)(one_order(confirmation))
    order_title = lambda reference: _("Order {reference}", reference=reference)  # noqa: E731
    manager_page(services, "/orders/{reference}", order_title)(one_order(order_details))
