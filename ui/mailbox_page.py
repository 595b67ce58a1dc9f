"""The demo mailbox: the company's e-mails from the outbox, shown as their recipients see them.

Registered in demo mode only: elsewhere e-mails belong in their recipients' real mailboxes.
"""

import base64

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from storage.mail.outbox import MailboxEntry, mailbox, mailbox_message
from ui.fleet_page import login_redirect
from ui.format import display_datetime
from ui.frame import page_frame
from ui.i18n import LANGUAGE_NAMES, _
from ui.services import Services
from ui.session import signed_in_manager
from ui.tables import link_column, name_rows_per_page

# On a phone the two tabs share the width and a long title wraps: at Quasar's sizes they
# overflowed the screen, and its scroll arrow covered a tab.
MESSAGE_TABS_CSS = """@media (max-width: 599.98px) {
.message-tabs .q-tab {
  flex: 1 1 0; min-width: 0; padding: 0 8px; white-space: normal; text-wrap: balance;
}
}
"""


def html_as_shown(entry: MailboxEntry) -> str:
    """The HTML part with its inline images (cid:) turned into data: URIs a page can show."""
    html = entry.html_body
    for cid, png in entry.inline_images.items():
        data_uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        html = html.replace(f'src="cid:{cid}"', f'src="{data_uri}"')
    return html


def _heading(text: str) -> ui.label:
    return ui.label(text).classes("text-2xl font-bold").props('role="heading" aria-level="1"')


def _row(entry: MailboxEntry) -> dict[str, str]:
    return {
        "id": str(entry.id),
        "href": f"/mailbox/{entry.id}",
        "to": ", ".join(entry.recipients),
        "subject": entry.subject,
        "language": LANGUAGE_NAMES.get(entry.language, entry.language),
        "status": _(entry.status.label),
        "time": display_datetime(entry.created_at),
    }


def register(services: Services) -> None:
    if not services.settings.demo:
        return

    @ui.page("/mailbox")
    def mailbox_page(request: Request) -> RedirectResponse | None:
        manager = signed_in_manager(services)
        if manager is None:
            return login_redirect(request)
        with page_frame(services, manager, "/mailbox", _("Mailbox")):
            _heading(_("Mailbox")).mark("mailbox-heading")
            ui.label(
                _("The e-mails written for {company}, newest first.", company=manager.company_name)
            )
            if not services.settings.smtp_url:
                ui.label(
                    _("No mail server is configured: e-mails are not sent and stay here.")
                ).classes("text-sm italic").mark("no-smtp")
            columns = [
                {"name": name, "label": label, "field": name, "align": "left"}
                for name, label in (
                    ("to", _("To")),
                    ("subject", _("Subject")),
                    ("language", _("Language")),
                    ("status", _("Status")),
                    ("time", _("Written on")),
                )
            ]
            rows = [_row(entry) for entry in mailbox(services.engine, manager.company_id)]
            table = ui.table(columns=columns, rows=rows, row_key="id", pagination=25)
            table.classes("w-full").props("flat bordered")
            name_rows_per_page(table)
            table.props["no-data-label"] = _("No e-mail yet.")
            link_column(table, "subject")
            table.mark("mailbox")
        return None

    @ui.page("/mailbox/{message_id}")
    def message_page(request: Request, message_id: int) -> RedirectResponse | None:
        manager = signed_in_manager(services)
        if manager is None:
            return login_redirect(request)
        entry = mailbox_message(services.engine, manager.company_id, message_id)
        title = entry.subject if entry else _("This e-mail cannot be found.")
        with page_frame(services, manager, f"/mailbox/{message_id}", title):
            ui.link(f"← {_('Back to the mailbox')}", "/mailbox").mark("back")
            _heading(title).mark("message-subject")
            if entry is not None:
                _message(entry)
        return None


def _message(entry: MailboxEntry) -> None:
    facts = [
        (_("To"), ", ".join(entry.recipients)),
        (_("Language"), LANGUAGE_NAMES.get(entry.language, entry.language)),
        (_("Status"), _(entry.status.label)),
        (_("Written on"), display_datetime(entry.created_at)),
    ]
    if entry.sent_at:
        facts.append((_("Sent on"), display_datetime(entry.sent_at)))
    if entry.last_error:
        facts.append((_("Last error"), entry.last_error))
    with ui.grid(columns="auto 1fr").classes("gap-x-6 gap-y-1").mark("message-facts"):
        for label, value in facts:
            ui.label(label).classes("font-bold")
            ui.label(value)
    ui.add_css(MESSAGE_TABS_CSS)
    with ui.tabs().classes("w-full message-tabs") as tabs:
        shown = ui.tab("html", _("As the recipient sees it"))
        ui.tab("text", _("Plain text version"))
    with ui.tab_panels(tabs, value=shown).classes("w-full"):
        with ui.tab_panel("html"):
            # A sandboxed frame: the e-mail's HTML gets no script, no form, no top navigation.
            frame = ui.element("iframe").classes("w-full border rounded").style("height: 75vh")
            frame.props["srcdoc"] = html_as_shown(entry)
            frame.props["sandbox"] = ""
            frame.props["title"] = _("As the recipient sees it")
            frame.mark("message-html")
        with ui.tab_panel("text"):
            ui.label(entry.text_body).classes("whitespace-pre-wrap font-mono text-sm").mark(
                "message-text"
            )
