"""An eSIM after its order, on the order's page: whether its profile is installed, and the
fleet manager's actions on it: send the e-mail again (to the same or a new address), issue a
new code, look at the QR code again (after saying so). What each does is the use case's."""

from collections.abc import Callable

from nicegui import ui

from domain.esim_care import CARED_FOR, SENDS_PER_DAY, install_status, needs_attention
from domain.language import Language
from domain.request import SimKind
from storage.mail.qr import qr_svg
from storage.queries.accounts import SignedInManager
from storage.queries.orders import OrderView
from storage.use_cases import (
    CodeShown,
    EmailRefused,
    NotFound,
    NotNow,
    Services,
    TooSoon,
    change_esim_recipient,
    reissue_esim,
    resend_esim_mail,
    show_esim_code,
)
from ui.format import display_datetime
from ui.i18n import _
from ui.kit import confirm, heading

Outcome = OrderView | NotFound | NotNow | TooSoon | EmailRefused


def qr_card(code: str) -> None:
    """The eSIM's QR code, and its activation code for manual entry."""
    with ui.card().classes("items-center").mark("esim-qr"):
        ui.label(_("eSIM QR code")).classes("font-bold")
        qr = ui.html(qr_svg(code)).props('role="img"')
        qr.props["aria-label"] = _("eSIM QR code")
        qr.classes("w-56 [&>svg]:w-full [&>svg]:h-auto")
        ui.label(_("Activation code for manual entry:"))
        ui.label(code).classes("font-mono").mark("activation-code")


def esim_panel(services: Services, view: OrderView, manager: SignedInManager) -> None:
    """The eSIM's card: its install status, who gets its e-mail, and the actions."""
    request = view.placed.request
    if request.sim_kind is not SimKind.ESIM or not view.placed.esim_activation_code:
        return
    with ui.card().classes("w-full gap-3").mark("esim-care"):
        heading(_("eSIM"), 2)
        status = install_status(view.esim_installed_at)
        text = _("Profile: {status}", status=_(status.label))
        if view.esim_installed_at:
            text += " · " + display_datetime(view.esim_installed_at)
        ui.label(text).classes("font-medium").mark("esim-status")
        now = services.clock()
        if needs_attention(view.completed_at, view.esim_installed_at, now, view.reissued_at):
            ui.label(
                _(
                    "The profile is still not installed a week after the line was activated. Send the e-mail again, or issue a new code if the phone was lost or the code used."
                )
            ).classes("text-warning font-medium").props('role="status"').mark("esim-attention")
        language = request.esim_language.native_name if request.esim_language else ""
        ui.label(
            _(
                "E-mail to {email} ({language_name})",
                email=request.esim_email,
                language_name=language,
            )
        )
        if view.status in CARED_FOR:
            esim_actions(services, view, manager)


def esim_actions(services: Services, view: OrderView, manager: SignedInManager) -> None:
    reference = view.placed.reference
    shown = ui.column().classes("w-full items-start")
    with ui.row().classes("gap-2"):
        ui.button(
            _("Send the e-mail again"), on_click=lambda: resend_dialog(services, manager, view)
        ).props("outline").mark("esim-resend")
        ui.button(
            _("Change the address or language"),
            on_click=lambda: recipient_dialog(services, manager, view),
        ).props("outline").mark("esim-change")
        ui.button(
            _("Issue a new code"), on_click=lambda: ask_reissue(services, manager, view)
        ).props("outline").mark("esim-reissue")
        ui.button(
            _("Show the QR code"), on_click=lambda: ask_show(services, manager, reference, shown)
        ).props("outline").mark("esim-show")


def told(outcome: Outcome, done: str) -> bool:
    """Say how the action went; True when it was done."""
    match outcome:
        case OrderView():
            ui.notify(done, type="positive")
            return True
        case TooSoon(at):
            ui.notify(
                _(
                    "The e-mail was already sent {count} times in 24 hours. You can send it again from {moment}.",
                    count=SENDS_PER_DAY,
                    moment=display_datetime(at),
                ),
                type="warning",
            )
        case NotNow(status):
            ui.notify(_("This order is now “{status}”.", status=_(status.label)))
        case NotFound():
            ui.notify(_("Order not found. Check the reference or go back to your fleet."))
    return False


def resend_dialog(services: Services, manager: SignedInManager, view: OrderView) -> None:
    email = view.placed.request.esim_email
    with ui.dialog() as dialog, ui.card().classes("w-full max-w-lg"):
        title = heading(_("Send the eSIM e-mail again"), 2)
        dialog.props(f'aria-labelledby="{title.html_id}"')  # Quasar's element is the dialog
        ui.label(_("The same QR code goes to {email} again.", email=email))
        copy = ui.checkbox(_("Also send me a copy")).mark("esim-resend-copy")

        def send() -> None:
            outcome = resend_esim_mail(services, manager, view.placed.reference, copy.value)
            told(outcome, _("E-mail sent to {email}.", email=email))
            dialog.close()

        dialog_buttons(dialog, _("Send"), send, "esim-resend-confirm")
    dialog.open()


def recipient_dialog(services: Services, manager: SignedInManager, view: OrderView) -> None:
    request = view.placed.request
    with ui.dialog() as dialog, ui.card().classes("w-full max-w-lg"):
        title = heading(_("Change the address or language"), 2)
        dialog.props(f'aria-labelledby="{title.html_id}"')  # Quasar's element is the dialog
        address = ui.input(_("End user's e-mail address"), value=request.esim_email)
        address.props("outlined type=email autocomplete=off").classes("w-full")
        address.mark("esim-new-email")
        problem = ui.label().classes("text-negative").props('role="alert"').mark("esim-problem")
        names = {language.value: language.native_name for language in Language}
        current = request.esim_language or Language.NL
        language = ui.select(names, value=current.value, label=_("Language of the e-mail"))
        language.props("outlined").classes("w-full").mark("esim-new-language")

        def save() -> None:
            outcome = change_esim_recipient(
                services, manager, view.placed.reference, address.value, Language(language.value)
            )
            if isinstance(outcome, EmailRefused):  # the dialog stays, with what was typed
                problem.text = _(outcome.invalid.message, **outcome.invalid.params)
                return
            told(outcome, _("E-mail sent to {email}.", email=address.value.strip()))
            dialog.close()

        dialog_buttons(dialog, _("Save and send"), save, "esim-change-confirm")
    dialog.open()


def dialog_buttons(dialog: ui.dialog, yes: str, on_yes: Callable[[], None], marker: str) -> None:
    with ui.row():
        ui.button(yes, on_click=on_yes).mark(marker)
        ui.button(_("Cancel"), on_click=dialog.close).props("flat")


def ask_reissue(services: Services, manager: SignedInManager, view: OrderView) -> None:
    email = view.placed.request.esim_email

    def reissue() -> None:
        told(
            reissue_esim(services, manager, view.placed.reference),
            _("New code sent to {email}.", email=email),
        )

    confirm(
        "esim-reissue",
        _(
            "Issue a new activation code? The current code stops working at once, even if it was not used yet. The new QR code goes to {email}.",
            email=email,
        ),
        _("Issue a new code"),
        _("Keep the current code"),
        reissue,
    )


def ask_show(
    services: Services, manager: SignedInManager, reference: str, shown: ui.column
) -> None:
    def show() -> None:
        outcome = show_esim_code(services, manager, reference)
        if not isinstance(outcome, CodeShown):
            told(outcome, "")
            return
        shown.clear()
        with shown:
            qr_card(outcome.code)

    confirm(
        "esim-show",
        _(
            "Show the QR code? Anyone who scans it can install this line's profile on their phone: show it only to the end user."
        ),
        _("Show the QR code"),
        _("Cancel"),
        show,
        destructive=False,
    )
