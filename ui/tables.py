"""Table pieces shared by the pages."""

from nicegui import ui

from ui.i18n import _


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
