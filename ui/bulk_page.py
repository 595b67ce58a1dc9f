"""Add many lines at once (`/bulk`): the template to fill in, the upload of the filled file,
and the files uploaded before (to go on with one, or send it again after an interruption)."""

from nicegui import events, run, ui

from domain.bulk import FILE_COLUMNS, MAX_ROWS, allowed_values
from storage.bulk.refusals import MAX_FILE_BYTES, NOT_A_SHEET, TOO_LARGE, SheetRefusal
from storage.queries.accounts import SignedInManager
from storage.queries.bulk import recent_sheets
from storage.queries.fleet_context import company_context
from storage.use_cases import Services
from storage.use_cases.bulk import upload_sheet
from storage.use_cases.bulk_files import FileKind, bulk_template
from ui.bulk_sheet import register_sheet_page, summary_text
from ui.format import display_datetime
from ui.frame import manager_page
from ui.i18n import _, current_language, translate
from ui.kit import FAILED_LIMIT, heading, problem_box, uploader_header

BULK = "/bulk"


def template_part(services: Services, manager: SignedInManager) -> None:
    heading(_("1. Download the template"), 2)
    ui.label(
        _(
            "One line a row, up to {rows} rows. Each column that takes a value from a list "
            "has it in the Excel template; the CSV template is for other spreadsheets.",
            rows=MAX_ROWS,
        )
    ).classes("text-sm max-w-3xl")

    async def download(kind: FileKind) -> None:
        language = current_language().value
        template = await run.io_bound(bulk_template, services, manager, language, kind)
        if template is not None:
            ui.download.content(template.data, template.name, template.content_type)

    with ui.row().classes("gap-2"):
        ui.button(
            _("Excel template (.xlsx)"), icon="download", on_click=lambda: download(FileKind.XLSX)
        ).props("outline no-caps").mark("template-xlsx")
        ui.button(
            _("CSV template"), icon="download", on_click=lambda: download(FileKind.CSV)
        ).props("outline no-caps").mark("template-csv")


def values_part(services: Services, manager: SignedInManager) -> None:
    """What each column takes, for the CSV template (which has no lists) and for a reminder."""
    context = company_context(services.engine, manager.company_id)
    shown = ui.expansion(_("What each column takes")).classes("w-full max-w-3xl")
    with shown.mark("column-values"), ui.element("dl").classes("text-sm"):
        for column in FILE_COLUMNS:
            values = [translate(value) for value in allowed_values(column, context)]
            with ui.element("dt").classes("font-medium q-mt-sm"):
                ui.label(translate(column.label))
            with ui.element("dd"):
                ui.label(", ".join(values) if values else _("Text, as on the form"))


def upload_part(services: Services, manager: SignedInManager) -> None:
    heading(_("2. Upload the filled-in file"), 2)
    ui.label(
        _(
            "Every row is checked with the same rules as the form, before anything is sent. "
            "You correct what is wrong here, row by row, or in the file."
        )
    ).classes("text-sm max-w-3xl")
    refused = ui.column().classes("w-full")

    async def uploaded(event: events.UploadEventArguments) -> None:
        data = await event.file.read()  # checked again on the server: browser limits are advice
        outcome = await run.io_bound(upload_sheet, services, manager, event.file.name, data)
        upload.reset()
        refused.clear()
        if isinstance(outcome, SheetRefusal):
            with refused, problem_box("sheet-refused"):
                ui.label(translate(outcome.message_id, **outcome.params)).mark("sheet-refusal")
        elif outcome is not None:
            ui.navigate.to(f"{BULK}/{outcome.public_id}")

    upload = ui.upload(
        label=_("Filled-in template (.xlsx or .csv)"),
        auto_upload=True,
        max_file_size=MAX_FILE_BYTES,
        on_upload=uploaded,
    )
    upload.props('accept=".xlsx,.csv" flat bordered').classes("w-full max-w-lg")
    upload.mark("sheet-upload")
    uploader_header(upload, _("Filled-in template (.xlsx or .csv)"), _("Choose a file"))

    def rejected(event: events.GenericEventArguments) -> None:
        """The browser refused the file before sending it: say why, as the server would."""
        refused.clear()
        message = TOO_LARGE if event.args == "max-file-size" else NOT_A_SHEET
        with refused, problem_box("sheet-refused"):
            ui.label(translate(message)).mark("sheet-refusal")

    upload.on("rejected", rejected, js_handler=FAILED_LIMIT)


def recent_part(services: Services, manager: SignedInManager) -> None:
    sheets = recent_sheets(services.engine, manager.company_id)
    if not sheets:
        return
    heading(_("Files uploaded before"), 2)
    with ui.column().classes("gap-1").mark("recent-sheets"):
        for sheet in sheets:
            with ui.row().classes("items-baseline gap-2"):
                ui.link(sheet.file_name, f"{BULK}/{sheet.public_id}")
                ui.label(f"{display_datetime(sheet.uploaded_at)} · {summary_text(sheet)}").classes(
                    "text-sm"
                )


def register(services: Services) -> None:
    @manager_page(services, BULK, lambda: _("Add many lines"))
    def bulk(manager: SignedInManager) -> None:
        heading(_("Add many lines"), 1)
        template_part(services, manager)
        values_part(services, manager)
        upload_part(services, manager)
        recent_part(services, manager)

    register_sheet_page(services)
