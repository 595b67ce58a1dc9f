"""The fleet page: the company's orders, its lines with a search box, and the way into the
wizard."""

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from domain.catalogue import OPTIONS_BY_CODE, PLANS_BY_CODE
from domain.orders import OrderStatus
from domain.sla import Turnaround
from storage.queries.fleet import FleetLineRow, fleet_page
from storage.queries.orders import OrderRow, company_orders
from ui.format import display_datetime, display_number
from ui.frame import page_frame
from ui.i18n import _
from ui.services import Services
from ui.session import signed_in_manager
from ui.tables import link_column, name_rows_per_page

# On a phone the search field takes the full width and its long label a smaller size, so that it
# shows whole rather than cut off.
SEARCH_CSS = """@media (max-width: 599.98px) {
.fleet-search { max-width: none; }
.fleet-search:not(.q-field--float) .q-field__label { font-size: 0.875rem; }
}
"""


def login_redirect(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?redirect_to={request.url.path}")


def _row(line: FleetLineRow) -> dict[str, str]:
    plan = PLANS_BY_CODE.get(line.plan_code)
    return {
        "id": str(line.id),
        "number": display_number(line.number),
        "end_user": line.end_user,
        "plan": plan.name if plan else line.plan_code,
        "options": ", ".join(
            _(OPTIONS_BY_CODE[code].name) for code in line.options if code in OPTIONS_BY_CODE
        )
        or "—",
        "sim": "eSIM" if line.sim_kind == "esim" else _("SIM card"),
        "customer_number": line.customer_number
        + (f" · {line.sub_division}" if line.sub_division else ""),
    }


def _order_row(order: OrderRow) -> dict[str, str]:
    return {
        "reference": order.reference,
        "href": f"/orders/{order.reference}",
        "status": _(OrderStatus(order.status).label),
        "end_user": order.end_user,
        "turnaround": _(Turnaround(order.turnaround).label),
        "due": display_datetime(order.due_at),
    }


def _heading(text: str) -> ui.label:
    return ui.label(text).classes("text-xl font-bold mt-4").props('role="heading" aria-level="2"')


def orders_section(services: Services, company_id: int) -> None:
    """The company's orders, newest first, each linking to its order page (none: no section)."""
    orders = company_orders(services.engine, company_id)
    if not orders:
        return
    _heading(_("Orders"))
    columns = [
        {"name": name, "label": label, "field": name, "align": "left"}
        for name, label in (
            ("reference", _("Reference")),
            ("status", _("Status")),
            ("end_user", _("End user")),
            ("turnaround", _("Processing time")),
            ("due", _("Expected completion")),
        )
    ]
    columns[0]["style"] = "white-space: nowrap"  # the reference, one word; the others wrap
    rows = [_order_row(order) for order in orders]
    table = ui.table(columns=columns, rows=rows, row_key="reference", pagination=10)
    table.props("flat bordered wrap-cells data-testid=orders").classes("w-full").mark("orders")
    name_rows_per_page(table)
    link_column(table, "reference", "font-mono")


def register(services: Services) -> None:
    @ui.page("/")
    def my_fleet(request: Request) -> RedirectResponse | None:
        manager = signed_in_manager(services)
        if manager is None:
            return login_redirect(request)
        with page_frame(services, manager, "/", _("My fleet")):
            with ui.row().classes("w-full items-center justify-between"):
                ui.label(_("My fleet")).classes("text-2xl font-bold").props(
                    'role="heading" aria-level="1"'
                )
                ui.button(
                    _("Add a card to my fleet"), icon="add", on_click=lambda: ui.navigate.to("/add")
                ).mark("add-card")
            orders_section(services, manager.company_id)
            _heading(_("Lines"))
            ui.add_css(SEARCH_CSS)
            search = (
                ui.input(_("Search by number, end user or plan"))
                .props("outlined clearable debounce=250 type=search")
                .classes("w-full max-w-md fleet-search")
                .mark("search")
            )
            columns: list[dict[str, object]] = [
                {
                    "name": "number",
                    "label": _("Number"),
                    "field": "number",
                    "align": "left",
                    "sortable": True,
                    "style": "white-space: nowrap",  # the other columns wrap (wrap-cells)
                },
                {
                    "name": "end_user",
                    "label": _("End user"),
                    "field": "end_user",
                    "align": "left",
                    "sortable": True,
                },
                {
                    "name": "plan",
                    "label": _("Plan"),
                    "field": "plan",
                    "align": "left",
                    "sortable": True,
                },
                {"name": "options", "label": _("Options"), "field": "options", "align": "left"},
                {"name": "sim", "label": _("SIM or eSIM"), "field": "sim", "align": "left"},
                {
                    "name": "customer_number",
                    "label": _("Customer number"),
                    "field": "customer_number",
                    "align": "left",
                },
            ]
            # Server-side paging and sorting: a fleet of thousands of lines sends one page.
            pagination = {"rowsPerPage": 25, "page": 1, "sortBy": "number", "descending": False}
            table = (
                ui.table(columns=columns, rows=[], row_key="id", pagination=pagination)
                .classes("w-full")
                .mark("fleet")
            )
            table.props("flat bordered wrap-cells")
            name_rows_per_page(table)
            table.props["no-data-label"] = _("No line matches your search.")
            count = ui.label().classes("text-sm").props('aria-live="polite"').mark("count")

            def show(wanted: dict[str, object]) -> None:
                per_page = int(str(wanted.get("rowsPerPage") or 25)) or 10_000  # 0: all lines
                page = max(int(str(wanted.get("page") or 1)), 1)
                found = fleet_page(
                    services.engine,
                    manager.company_id,
                    search.value or "",
                    offset=(page - 1) * per_page,
                    limit=per_page,
                    sort_by=str(wanted.get("sortBy") or "number"),
                    descending=bool(wanted.get("descending")),
                )
                table.rows = [_row(line) for line in found.rows]
                table.pagination = {**wanted, "page": page, "rowsNumber": found.total}
                count.text = _("Matching lines: {count}", count=found.total)

            table.on("request", lambda event: show(event.args["pagination"]))
            search.on_value_change(lambda _event: show({**table.pagination, "page": 1}))
            show(pagination)
        return None
