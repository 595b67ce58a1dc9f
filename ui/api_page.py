"""API and webhooks (`/settings/api`): the company's API tokens (made, shown once, revoked)
and webhook addresses (added, their secret shown once, rotated, tested, removed), and the
latest deliveries with where each stands."""

from collections.abc import Callable
from functools import partial

from nicegui import run, ui

from domain.texts import N_
from domain.webhooks import ORDER_EVENTS, WebhookEvent
from storage.queries.accounts import SignedInManager
from storage.use_cases import Services
from storage.use_cases.api_tokens import NewToken, api_tokens, create_api_token, revoke_api_token
from storage.use_cases.webhooks import (
    NewSecret,
    add_webhook,
    remove_webhook,
    rotate_webhook_secret,
    send_test_webhook,
    webhook_deliveries,
    webhook_endpoints,
)
from ui.format import display_datetime
from ui.frame import manager_page
from ui.i18n import _, translate
from ui.kit import confirm, heading, table_columns

PATH = "/settings/api"


def shown_once(box: ui.column, title: str, secret: str, marker: str) -> None:
    """A secret shown this once, ready to copy."""
    box.clear()
    with (
        box,
        ui.column().classes("border-l-4 border-positive bg-green-50 p-4 gap-2 w-full max-w-2xl"),
    ):
        ui.label(title).classes("font-medium").props('role="status"')
        ui.label(_("Copy it now: it is shown only once.")).classes("text-sm")
        field = (
            ui.input(_("Secret"), value=secret)
            .props("readonly outlined")
            .classes("w-full font-mono")
        )
        field.mark(marker)


class TokensPart:
    def __init__(self, services: Services, manager: SignedInManager) -> None:
        self.services, self.manager = services, manager
        heading(_("API tokens"), 2)
        ui.label(
            _(
                "A token lets another system (an HR or IT service tool) use the API for your company."
            )
        ).classes("text-sm max-w-3xl")
        with ui.row().classes("items-end gap-4"):
            self.name = ui.input(_("Name of the token"), placeholder=_("HR system")).props(
                "outlined"
            )
            self.name.mark("token-name")
            self.can_write = ui.checkbox(_("Can place, cancel and resubmit orders")).mark(
                "token-write"
            )
            ui.button(_("Make a token"), on_click=self.make).mark("make-token")
        self.problem = (
            ui.label().classes("text-negative").props('role="alert"').mark("token-problem")
        )
        self.secret = ui.column().classes("w-full")
        self.table = (
            ui.table(
                columns=table_columns(
                    ("name", _("Name")),
                    ("start", _("Starts with")),
                    ("access", _("Access")),
                    ("made_by", _("Made by")),
                    ("created", _("Made on")),
                    ("used", _("Last used")),
                    ("state", _("Status")),
                ),
                rows=[],
                row_key="id",
            )
            .classes("w-full")
            .props("flat bordered")
            .mark("tokens")
        )
        self.table.props["no-data-label"] = _("No token yet.")
        self.revoke_buttons = ui.row().classes("gap-2")
        self.show()

    async def make(self) -> None:
        made = await run.io_bound(
            create_api_token,
            self.services,
            self.manager,
            self.name.value or "",
            bool(self.can_write.value),
        )
        if not isinstance(made, NewToken):
            self.problem.text = translate(made.message_id) if made else ""
            return
        self.problem.text = ""
        self.name.value = ""
        shown_once(
            self.secret, _("Token “{name}” made", name=made.info.name), made.secret, "new-token"
        )
        self.show()

    def show(self) -> None:
        tokens = api_tokens(self.services.engine, self.manager.company_id)
        self.table.rows = [
            {
                "id": t.id,
                "name": t.name,
                "start": f"{t.shown_start}…",
                "access": _("Read and write") if t.can_write else _("Read only"),
                "made_by": t.made_by,
                "created": display_datetime(t.created_at),
                "used": display_datetime(t.last_used_at) if t.last_used_at else _("Never"),
                "state": _("Revoked") if t.revoked_at else _("Active"),
            }
            for t in tokens
        ]
        self.revoke_buttons.clear()
        with self.revoke_buttons:
            for token in (t for t in tokens if t.revoked_at is None):
                ui.button(
                    _("Revoke “{name}”", name=token.name),
                    on_click=lambda _e, token_id=token.id, name=token.name: self.ask(
                        token_id, name
                    ),
                ).props("outline color=negative no-caps").mark(f"revoke-{token.id}")

    def ask(self, token_id: int, name: str) -> None:
        def revoke() -> None:
            revoke_api_token(self.services, self.manager, token_id)
            self.show()

        confirm(
            "revoke-token",
            _("Revoke the token “{name}”? Systems using it are refused at once.", name=name),
            _("Revoke the token"),
            _("Keep it"),
            revoke,
        )


class WebhooksPart:
    def __init__(self, services: Services, manager: SignedInManager) -> None:
        self.services, self.manager = services, manager
        heading(_("Webhooks"), 2)
        ui.label(
            _(
                "The app tells an https address of your systems when an order changes, signed as "
                "the Standard Webhooks specification says."
            )
        ).classes("text-sm max-w-3xl")
        self.url = ui.input(_("Address (https)"), placeholder="https://hr.example.com/hooks/fleet")
        self.url.props("outlined").classes("w-full max-w-xl").mark("webhook-url")
        with ui.row().classes("gap-4"):
            self.events = {
                e: ui.checkbox(translate(e.label), value=True).mark(f"event-{e.value}")
                for e in ORDER_EVENTS
            }
        ui.button(_("Add the address"), on_click=self.add).mark("add-webhook")
        self.problem = (
            ui.label().classes("text-negative").props('role="alert"').mark("webhook-problem")
        )
        self.secret = ui.column().classes("w-full")
        self.endpoints = ui.column().classes("w-full gap-2").mark("webhooks")
        heading(_("Latest deliveries"), 3)
        self.deliveries = (
            ui.table(
                columns=table_columns(
                    ("created", _("Event at")),
                    ("event", _("Event")),
                    ("order", _("Order")),
                    ("url", _("Address")),
                    ("status", _("Status")),
                    ("attempts", _("Attempts")),
                    ("code", _("Response")),
                ),
                rows=[],
                row_key="id",
            )
            .classes("w-full")
            .props("flat bordered")
            .mark("deliveries")
        )
        self.deliveries.props["no-data-label"] = _("Nothing delivered yet.")
        self.show()
        ui.timer(5.0, self.show_deliveries)  # the worker sends in the background

    async def add(self) -> None:
        chosen = [event.value for event, box in self.events.items() if box.value]
        added = await run.io_bound(
            add_webhook, self.services, self.manager, self.url.value or "", chosen
        )
        if not isinstance(added, NewSecret):
            self.problem.text = translate(added.message_id) if added else ""
            return
        self.problem.text = ""
        self.url.value = ""
        shown_once(
            self.secret, _("Address added: its signing secret"), added.secret, "webhook-secret"
        )
        self.show()

    def show(self) -> None:
        self.endpoints.clear()
        with self.endpoints:
            for endpoint in webhook_endpoints(self.services.engine, self.manager.company_id):
                with ui.row().classes("items-center gap-2").mark(f"webhook-{endpoint.id}"):
                    ui.label(endpoint.url).classes("font-mono")
                    ui.label(
                        ", ".join(translate(WebhookEvent(e).label) for e in endpoint.events)
                    ).classes("text-sm")
                    self.actions(endpoint.id)
        self.show_deliveries()

    def actions(self, endpoint_id: int) -> None:
        done: list[tuple[str, Callable[[int], None], str]] = [
            (_("Send a test delivery"), self.test, "test"),
            (_("New secret"), self.rotate, "rotate"),
            (_("Remove"), self.remove, "remove-webhook"),
        ]
        for text, act, marker in done:
            button = ui.button(text, on_click=partial(act, endpoint_id))
            button.props("flat dense no-caps").mark(f"{marker}-{endpoint_id}")

    def show_deliveries(self) -> None:
        self.deliveries.rows = [
            {
                "id": d.event_id + d.url,
                "created": display_datetime(d.created_at),
                "event": translate(WebhookEvent(d.event_type).label),
                "order": d.reference or "",
                "url": d.url,
                "status": translate(DELIVERY_STATES.get(d.status, d.status)),
                "attempts": d.attempts,
                "code": d.last_status_code or d.last_error or "",
            }
            for d in webhook_deliveries(self.services.engine, self.manager.company_id)
        ]

    def test(self, endpoint_id: int) -> None:
        send_test_webhook(self.services, self.manager, endpoint_id)
        self.show_deliveries()

    def rotate(self, endpoint_id: int) -> None:
        def rotate() -> None:
            rotated = rotate_webhook_secret(self.services, self.manager, endpoint_id)
            if rotated is not None:
                shown_once(
                    self.secret,
                    _("New signing secret (the old one signs too for a day)"),
                    rotated.secret,
                    "webhook-secret",
                )

        confirm(
            "rotate-secret",
            _("Make a new signing secret for this address?"),
            _("Make a new secret"),
            _("Keep the secret"),
            rotate,
            destructive=False,
        )

    def remove(self, endpoint_id: int) -> None:
        def remove() -> None:
            remove_webhook(self.services, self.manager, endpoint_id)
            self.show()

        confirm(
            "remove-webhook",
            _("Remove this address? It is told nothing more."),
            _("Remove the address"),
            _("Keep it"),
            remove,
        )


DELIVERY_STATES = {
    "pending": N_("Waiting to be sent"),
    "sending": N_("Being sent"),
    "delivered": N_("Delivered"),
    "failed": N_("Given up after a day"),
}


def register(services: Services) -> None:
    @manager_page(services, PATH, lambda: _("API and webhooks"))
    def api_settings(manager: SignedInManager) -> None:
        heading(_("API and webhooks"), 1)
        with ui.row().classes("items-baseline gap-2 text-sm"):
            ui.label(_("The API's description and interactive documentation:"))
            ui.link("/api/v1/docs", "/api/v1/docs", new_tab=True)
        TokensPart(services, manager)
        WebhooksPart(services, manager)
