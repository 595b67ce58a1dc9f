"""Small pieces every page builds with: headings, the problem box, answer lists, tables."""

import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass

from nicegui import events, ui

from ui.i18n import _

HEADING_CLASSES = {1: "text-2xl font-bold", 2: "text-xl font-bold", 3: "text-lg font-bold"}


def heading(text: str, level: int = 2, classes: str = "") -> ui.label:
    """A heading a screen reader announces as one (Quasar's labels are plain divs)."""
    label = ui.label(text).classes(f"{HEADING_CLASSES[level]} {classes}".strip())
    return label.props(f'role="heading" aria-level="{level}"')


def kept_offline(field: ui.input, name: str) -> ui.input:
    """What is typed in ``field`` while the page has no connection (a server restart, the
    reload after it) is kept by the browser under ``name`` and sent once connected
    (static/keep-typing.js). Never for a password: the browser would store it."""
    field.props["data-keep"] = name  # Quasar puts it on the native <input>
    return field


def problem_box(
    marker: str, focusable: bool = False, translate: Callable[[str], str] = _
) -> ui.column:
    """The red "There is a problem" box; fill it with the problems as links. ``translate``:
    a page in another language than the visitor's (the employee's page)."""
    box = ui.column().classes("w-full border-l-4 border-negative bg-red-50 p-4 gap-1")
    box.props('role="alert"' + (' tabindex="-1"' if focusable else "")).mark(marker)
    with box:
        ui.label(translate("There is a problem")).classes("text-lg font-bold text-negative")
    return box


@dataclass(frozen=True)
class AnswerRow:
    """One answer of a request: its label, its value, and where it can be downloaded."""

    field: str
    label: str
    value: str
    href: str | None = None  # the value is a link (the signed contract)


def answer_list(
    groups: Iterable[tuple[str, list[AnswerRow]]],
    change: Callable[[str], None] | None = None,
    level: int = 3,
) -> None:
    """The answers, one description list per step under the step's name (a <dl> holds only
    rows of <dt> and <dd>); with ``change``, each row has a Change button for its field;
    ``level``: the groups' heading level, one under the heading before the list."""
    with ui.column().classes("w-full gap-0").mark("answers"):
        for step_label, rows in groups:
            heading(step_label, level, "mt-4")  # under the page's h2, or its h1
            with ui.element("dl").classes("w-full"):
                for row in rows:
                    _answer_row(row, change)


def _answer_row(row: AnswerRow, change: Callable[[str], None] | None) -> None:
    # The classes answer-*: on a phone, page.css puts the label above the value, Change beside it.
    line = ui.row().classes("answer-row w-full items-baseline border-b py-2 gap-4")
    with line.mark(f"answer-{row.field}"):
        with ui.element("dt").classes("answer-label w-64 font-medium"):
            ui.label(row.label)
        with ui.element("dd").classes("answer-value flex-1"):
            if row.href:
                ui.link(row.value, row.href)
            else:
                ui.label(row.value)
        if change is not None:
            with ui.element("dd").classes("answer-change"):
                button = ui.button(_("Change"), on_click=lambda: change(row.field))
                button.props("flat dense no-caps").mark(f"change-{row.field}")
                button.props["aria-label"] = f"{_('Change')} {row.label}"


def table_columns(
    *columns: tuple[str, str], sortable: Iterable[str] = ()
) -> list[dict[str, object]]:
    """Quasar table columns from (name, label) pairs, left-aligned, each showing its field."""
    sorted_by = set(sortable)
    return [
        {
            "name": name,
            "label": label,
            "field": name,
            "align": "left",
            "sortable": name in sorted_by,
        }
        for name, label in columns
    ]


def link_column(table: ui.table, column: str, classes: str = "") -> None:
    """Show `column` as a link to the row's `href`.

    Built from NiceGUI elements, not from a slot template: NiceGUI makes a new Vue component of a
    template at every render, so each update of the page (one always follows the connection)
    replaced the links, and a click that fell across the replacement was lost.
    """
    with table.add_slot(f"body-cell-{column}"), table.cell(column):
        link = _row_link(classes)
        link.props[":textContent"] = "props.value"  # a DOM property: Vue sets it as such


def row_cards(table: ui.table, links: Mapping[str, str] | None = None) -> None:
    """Below 600 px (Quasar's xs: a phone), the table shows each row as a card, every column as
    "label: value" (a phone has no room for the columns side by side); ``links``: the columns
    shown as a link to the row's ``href`` (with their classes), on the cards and in the table.

    The card is built from NiceGUI elements, as ``link_column``'s link is (a slot template
    would be replaced at every update). ``Quasar.Screen`` is reactive: the page switches
    between cards and table as the screen turns.
    """
    links = links or {}
    for name, classes in links.items():
        link_column(table, name, classes)
    table.props(':grid="Quasar.Screen.lt.sm"')
    with table.add_slot("item"), ui.element("article").classes("row-card"), ui.element("dl"):
        for column in table.columns:
            _card_field(column, links)


def _card_field(column: Mapping[str, object], links: Mapping[str, str]) -> None:
    """One column on the card: "label: value" (the label as the table's header says it)."""
    name = str(column["name"])
    with ui.element("div").classes("row-card-field"):
        with ui.element("dt"):
            ui.label(_("{label}:", label=column["label"]))
        with ui.element("dd"):
            value = _row_link(links[name]) if name in links else ui.element("span")
            value.props[":textContent"] = f"props.row[{json.dumps(column['field'])}]"


def _row_link(classes: str) -> ui.element:
    link = ui.element("a").classes(f"text-primary underline {classes}".strip())
    link.props[":href"] = "props.row.href"
    return link


Pagination = dict[str, object]  # Quasar's: page, rowsPerPage, sortBy, descending(, rowsNumber)


def sort_choice(table: ui.table, apply: Callable[[Pagination], None]) -> ui.select | None:
    """The "Sort by" select a phone shows just above ``table``'s cards (there are no column
    headers to click; hidden from 600 px): each sortable column ascending and descending.
    ``apply(pagination)`` shows the table in that order, from its first page (the tables here
    are sorted on the server). The select follows a sort made with the headers. None: the
    table has no sortable column."""
    options = _sort_options(table)
    if not options:
        return None
    choice = ui.select(options, value=_sort_key(table.pagination, options), label=_("Sort by"))
    choice.props("outlined").classes("phone-only w-full").mark("sort-by")
    slot = table.parent_slot
    if slot is not None:  # just above the table (its search and filters come first)
        choice.move(slot.parent, target_index=slot.children.index(table), target_slot=slot.name)

    def chosen(event: events.ValueChangeEventArguments[str | None]) -> None:
        if event.value is None or event.value == _sort_key(table.pagination, options):
            return  # the order shown already (the select followed the headers)
        column, direction = event.value.rsplit(":", 1)
        wanted = {**table.pagination, "sortBy": column, "descending": direction == "desc"}
        apply({**wanted, "page": 1})

    def follow(pagination: Pagination) -> None:
        choice.value = _sort_key(pagination, options)

    choice.on_value_change(chosen)
    table.on("request", lambda event: follow(event.args["pagination"]))
    table.on_pagination_change(lambda event: follow(event.value))
    return choice


def _sort_options(table: ui.table) -> dict[str, str]:
    options: dict[str, str] = {}
    for column in table.columns:
        if column.get("sortable"):
            label = column["label"]
            options[f"{column['name']}:asc"] = _("{column}, ascending", column=label)
            options[f"{column['name']}:desc"] = _("{column}, descending", column=label)
    return options


def _sort_key(pagination: Pagination, options: Mapping[str, str]) -> str | None:
    direction = "desc" if pagination.get("descending") else "asc"
    key = f"{pagination.get('sortBy')}:{direction}"
    return key if key in options else None


def name_rows_per_page(table: ui.table) -> None:
    """Our own words for the page-size select: Quasar's Dutch reads "Records per pagina"."""
    table.props["rows-per-page-label"] = _("Rows per page:")


def confirm(
    marker: str,
    question: str,
    yes: str,
    no: str,
    on_yes: Callable[[], Awaitable[None] | None],
    *,
    destructive: bool = True,
) -> None:
    """Ask before doing something that cannot be undone: an alert dialog with the question
    and two buttons (markers ``<marker>-question``, ``-confirm`` and ``-keep``)."""
    with ui.dialog() as dialog, ui.card():
        label = ui.label(question).mark(f"{marker}-question")
        # Quasar's outer element is the dialog (role="dialog", aria-modal): name it there.
        dialog.props(f'role="alertdialog" aria-labelledby="{label.html_id}"')

        async def yes_clicked() -> None:
            dialog.close()
            done = on_yes()
            if done is not None:  # the slow ones run off the event loop and are awaited
                await done

        with ui.row():
            button = ui.button(yes, on_click=yes_clicked).mark(f"{marker}-confirm")
            if destructive:
                button.props("color=negative")
            ui.button(no, on_click=dialog.close).props("flat").mark(f"{marker}-keep")
    dialog.open()


# Quasar's `rejected` event lists each refused file with the limit it failed: send that limit
# (a too-large file first, the one a scan most often fails), not the files themselves.
FAILED_LIMIT = """(entries) => emit(
    entries.some((entry) => entry.failedPropValidation === 'max-file-size')
        ? 'max-file-size' : String(entries[0]?.failedPropValidation))"""


def uploader_header(upload: ui.upload, title: str, button: str) -> None:
    """Quasar's uploader header, accessible: a visible title and a named button that opens the
    file picker (Quasar's own is an icon-only "+" with the file input nested inside it). The
    file input is kept, out of sight and out of the accessibility tree, for the button to open.

    NiceGUI elements, not a slot template: a template is remounted at every update of the page,
    which would take the focus from the button and could lose a click on it."""
    header = "q-uploader__header-content row items-center q-pa-sm gap-2"
    with upload.add_slot("header"), ui.element("div").classes(header):
        ui.label(title).classes("q-uploader__title")
        choose = ui.button(button, icon="upload_file").props(
            "outline no-caps color=white data-testid=choose-file"
        )
        choose.props[":disable"] = "!props.canAddFiles"
        choose.on("click", js_handler="(event) => props.pickFiles(event)")
        busy = ui.element("div")
        busy.props[":class"] = "props.isUploading ? '' : 'hidden'"
        with busy:
            ui.spinner(color="white", size="1.5em")
        with ui.element("div").classes("hidden"):
            ui.element("q-uploader-add-trigger")
