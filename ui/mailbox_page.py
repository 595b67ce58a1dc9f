"""The demo mailbox: the company's e-mails from the outbox, shown as their recipients see them.

Registered in demo mode only: elsewhere e-mails belong in their recipients' real mailboxes.
"""

import base64

from nicegui import ui

from domain.language import Language
from storage.mail.outbox import MailboxEntry, mailbox, mailbox_message, status_label
from storage.queries.accounts import SignedInManager
from storage.use_cases import Services
from ui.format import display_datetime
from ui.frame import manager_page, page_title
from ui.i18n import _
from ui.kit import heading, name_rows_per_page, row_cards, table_columns


def html_as_shown(entry: MailboxEntry) -> str:
    """The HTML part with its inline images (cid:) turned into data: URIs a page can show."""
    html = entry.html_body
    for cid, png in entry.inline_images.items():
        data_uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        html = html.replace(f'src="cid:{cid}"', f'src="{data_uri}"')
    return html


def language_name(code: str) -> str:
    return Language(code).native_name if code in set(Language) else code


def _row(entry: MailboxEntry, mail_server: bool) -> dict[str, str]:
    return {
        "id": str(entry.id),
        "href": f"/mailbox/{entry.id}",
        "to": ", ".join(entry.recipients),
        "subject": entry.subject,
        "language": language_name(entry.language),
        "status": _(status_label(entry.status, mail_server=mail_server)),
        "time": display_datetime(entry.created_at),
    }


def mailbox_list(services: Services, manager: SignedInManager) -> None:
    heading(_("Mailbox"), 1).mark("mailbox-heading")
    ui.label(_("The e-mails written for {company}, newest first.", company=manager.company_name))
    if not services.mail_server:
        ui.label(_("No mail server is configured: e-mails are not sent and stay here.")).classes(
            "text-sm italic"
        ).mark("no-smtp")
    columns = table_columns(
        ("to", _("To")),
        ("subject", _("Subject")),
        ("language", _("Language")),
        ("status", _("Status")),
        ("time", _("Written on")),
    )
    rows = [
        _row(entry, services.mail_server) for entry in mailbox(services.engine, manager.company_id)
    ]
    table = ui.table(columns=columns, rows=rows, row_key="id", pagination=25)
    table.classes("w-full").props("flat bordered data-testid=mailbox")
    name_rows_per_page(table)
    table.props["no-data-label"] = _("No e-mail yet.")
    row_cards(table, links={"subject": ""})
    table.mark("mailbox")


def message_view(entry: MailboxEntry | None, mail_server: bool) -> None:
    title = entry.subject if entry else _("This e-mail cannot be found.")
    page_title(title)
    ui.link(f"← {_('Back to the mailbox')}", "/mailbox").mark("back")
    heading(title, 1).mark("message-subject")
    if entry is not None:
        _facts(entry, mail_server)
        _message_tabs(entry)


def _facts(entry: MailboxEntry, mail_server: bool) -> None:
    facts = [
        (_("To"), ", ".join(entry.recipients)),
        (_("Language"), language_name(entry.language)),
        (_("Status"), _(status_label(entry.status, mail_server=mail_server))),
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


def _message_tabs(entry: MailboxEntry) -> None:
    with ui.tabs().classes("w-full message-tabs") as tabs:
        shown = ui.tab("html", _("As the recipient sees it"))
        ui.tab("text", _("Plain text version"))
    with ui.tab_panels(tabs, value=shown).classes("w-full"):
        with ui.tab_panel("html"):
            # A sandboxed frame keeps the e-mail's styles out of the page; its HTML gets no
            # script, no form, no pop-up, no top navigation. Same-origin only so that
            # static/fit-frames.js can read its height: the frame grows to the whole e-mail.
            frame = ui.element("iframe").classes("w-full border rounded")
            frame.props["srcdoc"] = html_as_shown(entry)
            frame.props["sandbox"] = "allow-same-origin"
            frame.props["data-fit-content"] = ""
            frame.props["title"] = _("As the recipient sees it")
            frame.mark("message-html")
        with ui.tab_panel("text"):
            ui.label(entry.text_body).classes("whitespace-pre-wrap font-mono text-sm").mark(
                "message-text"
            )


def register(services: Services) -> None:
    if not services.demo:
        return

    @manager_page(services, "/mailbox", lambda: _("Mailbox"))
    def mailbox_page(manager: SignedInManager) -> None:
        mailbox_list(services, manager)

    @manager_page(services, "/mailbox/{message_id}", lambda message_id: _("Mailbox"))
    def message_page(manager: SignedInManager, message_id: str) -> None:
        found = mailbox_message(services.engine, manager.company_id, message_id)
        message_view(found, services.mail_server)
