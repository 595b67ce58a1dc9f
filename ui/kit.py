"""Small pieces every page builds with: headings, the problem box, answer lists, tables."""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from nicegui import ui

from ui.i18n import _

HEADING_CLASSES = {1: "text-2xl font-bold", 2: "text-xl font-bold", 3: "text-lg font-bold"}


def heading(text: str, level: int = 2, classes: str = "") -> ui.label:
    """A heading a screen reader announces as one (Quasar's labels are plain divs)."""
    label = ui.label(text).classes(f"{HEADING_CLASSES[level]} {classes}".strip())
    return label.props(f'role="heading" aria-level="{level}"')


def problem_box(marker: str, focusable: bool = False) -> ui.column:
    """The red "There is a problem" box; fill it with the problems as links."""
    box = ui.column().classes("w-full border-l-4 border-negative bg-red-50 p-4 gap-1")
    box.props('role="alert"' + (' tabindex="-1"' if focusable else "")).mark(marker)
    with box:
        ui.label(_("There is a problem")).classes("text-lg font-bold text-negative")
    return box


@dataclass(frozen=True)
class AnswerRow:
    """One answer of a request: its label, its value, and where it can be downloaded."""

    field: str
    label: str
    value: str
    href: str | None = None  # the value is a link (the signed contract)


def answer_list(
    groups: Iterable[tuple[str, list[AnswerRow]]], change: Callable[[str], None] | None = None
) -> None:
    """The answers, one description list per step under the step's name (a <dl> holds only
    rows of <dt> and <dd>); with ``change``, each row has a Change button for its field."""
    with ui.column().classes("w-full gap-0").mark("answers"):
        for step_label, rows in groups:
            heading(step_label, 3, "mt-4")
            with ui.element("dl").classes("w-full"):
                for row in rows:
                    _answer_row(row, change)


def _answer_row(row: AnswerRow, change: Callable[[str], None] | None) -> None:
    with ui.row().classes("w-full items-baseline border-b py-2 gap-4").mark(f"answer-{row.field}"):
        with ui.element("dt").classes("w-64 font-medium"):
            ui.label(row.label)
        with ui.element("dd").classes("flex-1"):
            if row.href:
                ui.link(row.value, row.href)
            else:
                ui.label(row.value)
        if change is not None:
            with ui.element("dd"):
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
        link = ui.element("a").classes(f"text-primary underline {classes}".strip())
        link.props[":href"] = "props.row.href"
        link.props[":textContent"] = "props.value"  # a DOM property: Vue sets it as such


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
