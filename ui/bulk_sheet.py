"""One uploaded file of lines (`/bulk/<id>`): where it stands, its rows a page at a time with
each problem on its cell, every cell of a row not sent correctable in place, a row's signed
Invoice Split contract, and Send with its progress, then the result to download."""

from collections.abc import Callable
from datetime import datetime

from nicegui import events, run, ui

from domain.bulk import (
    FILE_COLUMNS,
    NOT_A_CUSTOMER_NUMBER,
    NOT_A_SUB_DIVISION,
    NOT_A_VALUE,
    Column,
    allowed_values,
)
from domain.business_calendar import BRUSSELS
from domain.problems import Problem
from storage.documents.checks import MAX_UPLOAD_BYTES, Refusal
from storage.queries.accounts import SignedInManager
from storage.queries.bulk import PAGE_SIZE, RowState, SheetSummary, rows_page, sheet_summary
from storage.queries.fleet_context import company_context
from storage.use_cases import Services
from storage.use_cases.bulk import NoSuchSheet, SentSheet, correct_cell, remove_row, send_sheet
from storage.use_cases.bulk_contracts import ContractFile, attach_row_contract, row_contract
from storage.use_cases.bulk_files import FileKind, sheet_result
from ui.format import display_cents
from ui.frame import manager_page
from ui.i18n import _, current_language, translate
from ui.kit import confirm, heading, uploader_header

LISTED = frozenset({NOT_A_VALUE, NOT_A_CUSTOMER_NUMBER, NOT_A_SUB_DIVISION})


def summary_text(summary: SheetSummary) -> str:
    return _(
        "{rows} lines: {ready} ready to send, {problems} to correct, {sent} sent",
        rows=summary.rows,
        ready=summary.ready,
        problems=summary.with_problems,
        sent=summary.sent,
    )


class SheetPage:
    """The page's state: the sheet, the page of rows shown, the rows' filter."""

    def __init__(self, services: Services, manager: SignedInManager, public_id: str) -> None:
        self.services = services
        self.manager = manager
        self.public_id = public_id
        self.page = 1
        self.only_problems = False
        self.views: list[RowView] = []
        context = company_context(services.engine, manager.company_id)
        self.lists: dict[Column, list[str]] = {
            c: [translate(v) for v in allowed_values(c, context)] for c in Column
        }

    def build(self, summary: SheetSummary) -> None:
        heading(_("Lines of {name}", name=summary.file_name), 1)
        self.summary = ui.label(summary_text(summary)).props('aria-live="polite"')
        self.summary.classes("text-lg").mark("sheet-summary")
        self.outcome = ui.column().classes("w-full")
        with ui.row().classes("items-center gap-4"):
            self.send_button = ui.button(on_click=self.send).props("no-caps").mark("send-sheet")
            ui.switch(_("Only the lines to correct"), on_change=self.filter).mark("only-problems")
            self.result_buttons()
        self.progress = ui.linear_progress(value=0, show_value=False).classes("max-w-lg")
        self.progress.set_visibility(False)
        self.rows = ui.column().classes("w-full gap-2")
        self.pages = ui.pagination(1, 1, direction_links=True, on_change=self.turn).mark(
            "sheet-pages"
        )
        self.show(summary)

    def show(self, summary: SheetSummary) -> None:
        self.summary.text = summary_text(summary)
        self.send_button.text = _("Send the {count} lines ready", count=summary.ready)
        self.send_button.set_enabled(summary.ready > 0)
        found = rows_page(
            self.services.engine,
            self.manager.company_id,
            self.public_id,
            self.page,
            self.only_problems,
        )
        if found is None:
            return
        self.pages.max = max(1, -(-found.total // PAGE_SIZE))
        if [(v.number, v.sent) for v in self.views] == [(r.number, r.sent) for r in found.rows]:
            for view, row in zip(self.views, found.rows, strict=True):
                view.update(row)  # in place: the focus stays where the keyboard left it
            return
        self.rows.clear()
        with self.rows:
            grid = ui.element("div").classes("w-full overflow-x-auto")
            grid.props(f'role="region" tabindex="0" aria-label="{_("Lines of the file")}"')
            with grid, ui.element("table").classes("bulk-table"):
                self.header_row()
                self.views = [RowView(self, row) for row in found.rows]

    def header_row(self) -> None:
        with ui.element("thead"), ui.element("tr"):
            for text in (_("Row"), _("Status")):
                with ui.element("th").props('scope="col"'):
                    ui.label(text)
            self.header_ids: dict[Column, str] = {}
            for column in FILE_COLUMNS:  # each cell's name: its column's header and its row's
                with ui.element("th").props('scope="col"'):
                    self.header_ids[column] = ui.label(translate(column.label)).html_id
            with ui.element("th").props('scope="col"'):
                ui.label(translate(Column.CONTRACT.label))

    def problem_text(self, column: Column, problems: list[Problem]) -> str:
        texts = [problem.render(translate, display_cents) for problem in problems]
        if any(problem.message in LISTED for problem in problems) and self.lists[column]:
            texts.append(_("One of: {values}", values=", ".join(self.lists[column])))
        return " ".join(texts)

    async def correct(self, number: int, column: Column, text: str) -> None:
        outcome = await run.io_bound(
            correct_cell, self.services, self.manager, self.public_id, number, column, text
        )
        self.after(outcome)

    def after(self, outcome: object) -> None:
        """Show the sheet as a change left it (a row sent meanwhile, in another tab, too)."""
        if not isinstance(outcome, SheetSummary):  # also a row sent, or a contract not ready
            outcome = sheet_summary(self.services.engine, self.manager.company_id, self.public_id)
        if isinstance(outcome, SheetSummary):
            self.show(outcome)

    def filter(self, event: events.ValueChangeEventArguments[bool | None]) -> None:
        self.only_problems = bool(event.value)
        self.page = 1
        self.pages.value = 1
        self.after(None)

    def turn(self, event: events.ValueChangeEventArguments[int | None]) -> None:
        self.page = int(event.value or 1)
        self.after(None)

    async def send(self) -> None:
        self.send_button.disable()
        done = {"rows": 0, "of": 1}

        def progress(rows: int, of: int) -> None:  # from the worker thread: read by the timer
            done.update(rows=rows, of=of)

        self.progress.set_visibility(True)
        timer = ui.timer(0.2, lambda: self.progress.set_value(done["rows"] / max(done["of"], 1)))
        try:
            outcome = await run.io_bound(
                send_sheet, self.services, self.manager, self.public_id, progress
            )
        finally:
            timer.cancel()
            self.progress.set_visibility(False)
        if isinstance(outcome, SentSheet):
            self.sent(outcome)
        self.after(outcome.summary if isinstance(outcome, SentSheet) else None)

    def sent(self, outcome: SentSheet) -> None:
        self.outcome.clear()
        with self.outcome, ui.column().classes("border-l-4 border-positive bg-green-50 p-4 gap-1"):
            ui.label(
                _(
                    "{placed} orders placed, {asked} requests sent to employees, {refused} lines not sent",
                    placed=outcome.placed,
                    asked=outcome.asked,
                    refused=outcome.refused,
                )
            ).classes("font-medium").props('role="status"').mark("sheet-sent")
            ui.link(_("See them on the orders page"), "/orders")

    def result_buttons(self) -> None:
        async def download(kind: FileKind) -> None:
            language = current_language().value
            found = await run.io_bound(
                sheet_result, self.services, self.manager, self.public_id, language, kind
            )
            if found is not None and not isinstance(found, NoSuchSheet):
                ui.download.content(found.data, found.name, found.content_type)

        ui.button(
            _("Result (.xlsx)"), icon="download", on_click=lambda: download(FileKind.XLSX)
        ).props("outline no-caps").mark("result-xlsx")
        ui.button(
            _("Result (CSV)"), icon="download", on_click=lambda: download(FileKind.CSV)
        ).props("outline no-caps").mark("result-csv")


class RowView:
    """One row of the page: its cells (inputs while not sent), its status, its contract."""

    def __init__(self, page: SheetPage, row: RowState) -> None:
        self.page = page
        self.number = row.number
        self.sent = row.sent
        self.fields: dict[Column, ui.input] = {}
        self.texts: dict[Column, str] = {}  # as last saved: only a change is sent
        with ui.element("tr").mark(f"row-{row.number}"):
            with ui.element("th").props('scope="row"'):
                label = ui.label(_("Row {number}", number=row.number)).classes("whitespace-nowrap")
            self.status = ui.element("td")
            for column in FILE_COLUMNS:
                with ui.element("td"):
                    self.cell(row, column, label.html_id)
            self.contract = ui.element("td")
        self.update(row)

    def cell(self, row: RowState, column: Column, row_label: str) -> None:
        if row.sent:
            ui.label(row.cells.get(column.value, ""))
            return
        field = ui.input(value=row.cells.get(column.value, ""))
        field.props("dense outlined hide-bottom-space").classes("w-48")
        field.props(f'aria-labelledby="{self.page.header_ids[column]} {row_label}"')
        field.mark(f"cell-{row.number}-{column.value}")
        self.fields[column] = field
        self.texts[column] = row.cells.get(column.value, "")

        async def typed() -> None:
            if (field.value or "") != self.texts[column]:
                self.texts[column] = str(field.value or "")
                await self.page.correct(row.number, column, self.texts[column])

        field.on("blur", typed)
        field.on("keydown.enter", typed)

    def update(self, row: RowState) -> None:
        """The row's problems, status and contract as judged now."""
        for column, field in self.fields.items():
            problems = [p for p in row.problems if p.field == column.value]
            field.props["error"] = bool(problems) or None
            field.props["error-message"] = self.page.problem_text(column, problems)
            field.update()
        self.status.clear()
        with self.status:
            self.show_status(row)
        self.contract.clear()
        with self.contract:
            ContractCell(self.page, row).show()

    def show_status(self, row: RowState) -> None:
        marker = f"status-{row.number}"
        if row.reference:
            ui.link(row.reference, f"/orders/{row.reference}").classes("font-mono").mark(marker)
        elif row.asked_employee:
            ui.label(_("Sent to the employee")).mark(marker)
        elif row.problems:
            ui.label(_("To correct")).classes("text-negative font-medium").mark(marker)
            # The row is wider than the screen: which cells to look at, further right too.
            where = dict.fromkeys(translate(Column(p.field).label) for p in row.problems)
            ui.label(", ".join(where)).classes("text-xs w-32")
        else:
            ui.label(_("Ready")).classes("text-positive font-medium").mark(marker)
        if not row.sent:
            ui.button(_("Remove"), on_click=lambda: self.ask_removal(row.number)).props(
                f'flat dense no-caps color=negative aria-label="{_("Remove row {number}", number=row.number)}"'
            ).mark(f"remove-{row.number}")

    def ask_removal(self, number: int) -> None:
        async def remove() -> None:
            page = self.page
            outcome = await run.io_bound(
                remove_row, page.services, page.manager, page.public_id, number
            )
            page.after(outcome)

        confirm(
            "remove-row",
            _(
                "Remove row {number}? It will not be sent; the file itself is not changed.",
                number=number,
            ),
            _("Remove the row"),
            _("Keep it"),
            remove,
        )


class ContractCell:
    """A row with Invoice Split: its pre-filled contract to print, and its signed scan."""

    def __init__(self, page: SheetPage, row: RowState) -> None:
        self.page = page
        self.row = row

    def show(self) -> None:
        row = self.row
        needs = [p for p in row.problems if p.field == Column.CONTRACT.value]
        if row.sent or not (needs or row.contract_id):
            return
        if row.contract_id and not needs:
            ui.label(_("Signed contract uploaded")).classes("text-positive").mark(
                f"contract-{row.number}"
            )
        elif needs:
            ui.label(self.page.problem_text(Column.CONTRACT, needs)).classes(
                "text-negative text-sm"
            )
        if any(p.field != Column.CONTRACT.value for p in row.problems):
            return  # what the contract prints is not right yet
        ui.button(_("Download the contract"), on_click=self.download).props(
            "flat dense no-caps"
        ).mark(f"contract-download-{row.number}")
        upload = ui.upload(
            auto_upload=True, max_file_size=MAX_UPLOAD_BYTES, on_upload=self.uploaded
        )
        upload.props('accept=".pdf,.jpg,.jpeg,.png" flat dense').classes("w-64")
        upload.mark(f"contract-upload-{row.number}")
        uploader_header(upload, _("Signed contract"), _("Choose a file"))

    async def download(self) -> None:
        page = self.page
        today = datetime.now(BRUSSELS).date()
        found = await run.io_bound(
            row_contract,
            page.services,
            page.manager,
            page.public_id,
            self.row.number,
            current_language(),
            today,
        )
        if isinstance(found, ContractFile):
            ui.download.content(found.pdf, found.name, "application/pdf")

    async def uploaded(self, event: events.UploadEventArguments) -> None:
        page = self.page
        data = await event.file.read()
        outcome = await run.io_bound(
            attach_row_contract,
            page.services,
            page.manager,
            page.public_id,
            self.row.number,
            event.file.name,
            data,
        )
        if isinstance(outcome, Refusal):
            ui.notify(translate(outcome.message_id), type="negative", multi_line=True)
            return
        page.after(outcome)


def _not_found() -> None:
    # Another company's file reads as one that does not exist.
    ui.label(_("File not found. Upload it again from Add many lines.")).mark("not-found")
    ui.link(_("Add many lines"), "/bulk")


def register_sheet_page(services: Services) -> None:
    title: Callable[..., str] = lambda sheet_id: _("Add many lines")  # noqa: E731

    @manager_page(services, "/bulk/{sheet_id}", title)
    def sheet(manager: SignedInManager, sheet_id: str) -> None:
        summary = sheet_summary(services.engine, manager.company_id, sheet_id)
        if summary is None:
            _not_found()
            return
        SheetPage(services, manager, sheet_id).build(summary)
