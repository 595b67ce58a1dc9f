"""An order as the fleet manager follows it: the confirmation right after submission, and the
order page with its status, answers and history."""

from collections.abc import Callable
from datetime import datetime

from nicegui import ui

from domain.employee_link import EmployeeEvent
from domain.esim_care import EsimEvent, code_on_confirmation
from domain.orders import Actor, OrderStatus, PlacedOrder, StatusChange
from domain.rejections import rejection_reason
from domain.request import FIELD_LABELS, OrderRequest, SimKind
from storage.mail.outbox import mailbox
from storage.queries.accounts import SignedInManager
from storage.queries.drafts import DraftState, load_draft
from storage.queries.fleet_context import company_context
from storage.queries.orders import OrderView, order_view
from storage.use_cases import NotNow, Services, cancel_order, start_correction
from ui.answers import answer_groups, contract_row
from ui.document_routes import document_url
from ui.esim_panel import esim_panel, qr_card
from ui.format import display_datetime
from ui.frame import PageBuilder, manager_page
from ui.i18n import _
from ui.kit import answer_list, confirm, heading
from ui.live import follow_orders


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
    if code_on_confirmation(placed.submitted_at, services.clock()):
        esim_code(placed, asked_for=True)
    elif placed.esim_activation_code and placed.request.esim_qr_copy_to_manager:
        ui.label(
            _("To see the eSIM QR code again, open the order and choose “Show the QR code”.")
        ).mark("esim-code-on-order")
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


def esim_code(placed: PlacedOrder, asked_for: bool = False) -> None:
    """An eSIM's QR code and activation code (with ``asked_for``: only if the fleet manager
    asked for a copy of the e-mail)."""
    request = placed.request
    code = placed.esim_activation_code
    if request.sim_kind is not SimKind.ESIM or not code:
        return
    if asked_for and not request.esim_qr_copy_to_manager:
        return
    qr_card(code)


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
        order_actions(services, view, manager)
    if view.status is OrderStatus.REJECTED:
        what_to_correct(view)
    esim_panel(services, view, manager)
    heading(_("Your request"))
    order_answers(services, placed, manager.company_id)
    heading(_("History"))
    history(view)
    heading(_("E-mails for this request"))
    order_emails(services, manager, placed)


def what_to_correct(view: OrderView) -> None:
    """The operator's reason, what to correct, and the answers it concerns."""
    reason = rejection_reason(view.rejection_reason)
    with (
        ui.column()
        .classes("w-full border-l-4 border-negative bg-red-50 p-4 gap-1")
        .mark("rejection")
    ):
        heading(_("What to correct"), 2)
        if reason is not None:
            ui.label(_(reason.heading)).classes("font-bold")
            ui.label(_(reason.message))
            if reason.fields:
                labels = ", ".join(_(FIELD_LABELS[field]) for field in reason.fields)
                ui.label(_("Answers concerned: {answers}", answers=labels))
        if view.rejection_note:
            ui.label(_("The operator's note: {note}", note=view.rejection_note))


def order_actions(services: Services, view: OrderView, manager: SignedInManager) -> None:
    """What the fleet manager can do with the order now."""
    if view.status is OrderStatus.REJECTED:
        correct_button(services, view, manager)
    if view.status is not OrderStatus.RECEIVED:
        return
    reference = view.placed.reference

    def cancel() -> None:
        outcome = cancel_order(services, manager, reference)
        if isinstance(outcome, NotNow):
            ui.notify(not_now(outcome), type="warning")
        elif isinstance(outcome, OrderView):
            ui.notify(_("Request cancelled."))
        ui.navigate.to(f"/orders/{reference}")

    def ask() -> None:
        confirm(
            "cancel",
            _("Cancel this request? The operator has not started it: nothing will be done for it."),
            _("Cancel the request"),
            _("Keep the request"),
            cancel,
        )

    ui.button(_("Cancel the request"), on_click=ask).props("outline color=negative").mark(
        "cancel-order"
    )


def correct_button(services: Services, view: OrderView, manager: SignedInManager) -> None:
    """Open the wizard on the order's answers; a request in progress is replaced, so ask."""
    reference = view.placed.reference

    def correct() -> None:
        outcome = start_correction(services, manager, reference)
        if isinstance(outcome, DraftState):
            ui.navigate.to("/add")
            return
        if isinstance(outcome, NotNow):
            ui.notify(not_now(outcome), type="warning")
        ui.navigate.to(f"/orders/{reference}")

    def ask() -> None:
        draft = load_draft(services.engine, manager.id)
        if draft is None or draft.correcting == reference or draft.request == OrderRequest():
            correct()
            return
        confirm(
            "replace",
            _("You have a request in progress: correcting this order replaces it. Go on?"),
            _("Correct this order"),
            _("Keep my request"),
            correct,
            destructive=False,
        )

    ui.button(_("Correct and resubmit"), icon="edit", on_click=ask).mark("correct-order")


def not_now(outcome: NotNow) -> str:
    return _(
        "This request is now “{status}”: this change is no longer possible.",
        status=_(outcome.status.label),
    )


def history(view: OrderView) -> None:
    """Every change, oldest first (the eSIM's among them): when, what, by whom, and why. A
    list of our own: Quasar's timeline makes each title an <h6>, a heading level skipped under
    the page's <h2>."""
    entries: list[StatusChange | EsimEvent | EmployeeEvent] = [
        *view.employee_history,
        *view.history,
        *view.esim_history,
    ]
    with ui.element("ol").classes("w-full flex flex-col gap-3").mark("history"):
        for change in sorted(entries, key=lambda entry: entry.at):  # stable: status first
            if isinstance(change, EsimEvent):
                esim_entry(change)
                continue
            if isinstance(change, EmployeeEvent):
                history_item(_(change.action.label), change.at, change.actor, note=change.detail)
                continue
            reason = rejection_reason(change.reason)
            why = _(reason.heading) if reason is not None else None
            history_item(_(change.to_status.label), change.at, change.actor, why, change.note)


def esim_entry(event: EsimEvent) -> None:
    history_item(_(event.action.label), event.at, event.actor, note=event.detail)


def history_item(
    title: str, at: datetime, actor: Actor, why: str | None = None, note: str | None = None
) -> None:
    """One entry of a history list: what, when, by whom, and why (bold) and a note."""
    with ui.element("li").classes("border-l-4 border-primary pl-4 py-1").mark("history-entry"):
        heading(title, 3).mark("history-title")
        ui.label(display_datetime(at)).classes("text-sm")
        ui.label(_(actor.label, name=actor.name))
        if why:
            ui.label(why).classes("font-medium")
        if note:
            ui.label(note)


def order_emails(services: Services, manager: SignedInManager, placed: PlacedOrder) -> None:
    entries = mailbox(services.engine, manager.company_id, order_id=placed.order_id)
    with ui.column().classes("gap-1").mark("order-emails"):
        if not entries:
            ui.label(_("No e-mail yet."))
        for entry in reversed(entries):  # oldest first, as the history
            text = f"{display_datetime(entry.created_at)} · {entry.subject} · {', '.join(entry.recipients)}"
            if services.demo:
                ui.link(text, f"/mailbox/{entry.id}")
            else:
                ui.label(text)


def _not_found() -> None:
    # Another company's order reads as one that does not exist.
    ui.label(_("Order not found. Check the reference or go back to your fleet.")).mark("not-found")
    ui.link(_("Back to my fleet"), "/")


def register(services: Services) -> None:
    def one_order(show: Callable[[Services, OrderView, SignedInManager], None]) -> PageBuilder:
        """A page of one of the company's orders, found by its reference; it follows the
        order's changes as they happen (the back-office moves it on)."""

        def build(manager: SignedInManager, reference: str) -> None:
            @ui.refreshable
            def content() -> None:
                view = order_view(services.engine, manager.company_id, reference)
                if view is None:
                    _not_found()
                else:
                    show(services, view, manager)

            content()
            follow_orders(services, lambda event: event.reference == reference, content.refresh)

        return build

    confirmation_title = lambda reference: _("Request received")  # noqa: E731
    manager_page(services, "/add/done/{reference}", confirmation_title)(one_order(confirmation))
    order_title = lambda reference: _("Order {reference}", reference=reference)  # noqa: E731
    manager_page(services, "/orders/{reference}", order_title)(one_order(order_details))
