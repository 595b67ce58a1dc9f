"""The fleet page: the company's orders, its lines with a search box, and the way into the
wizard."""

from nicegui import ui

from domain.catalogue import OPTIONS_BY_CODE, PLANS_BY_CODE
from storage.queries.accounts import SignedInManager
from storage.queries.fleet import FleetLineRow, fleet_page
from storage.queries.lines import esims_to_install
from storage.queries.orders import OrderRow, company_orders
from storage.use_cases import Services
from ui.format import display_datetime, display_number
from ui.frame import manager_page
from ui.i18n import _
from ui.kit import heading, name_rows_per_page, row_cards, sort_choice, table_columns
from ui.live import follow_orders

LATEST_ORDERS = 10  # a company with 10,000 orders sends these, not all of them
FIRST_PAGE = {"rowsPerPage": 25, "page": 1, "sortBy": "number", "descending": False}


def _row(line: FleetLineRow) -> dict[str, str]:
    plan = PLANS_BY_CODE.get(line.plan_code)
    return {
        "id": str(line.id),
        "href": f"/lines/{line.id}",  # the line's own page
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
        "status": _(order.status.label),
        "end_user": order.end_user,
        "turnaround": _(order.turnaround.label),
        "due": display_datetime(order.due_at),
    }


class LatestOrders:
    """The company's latest orders, newest first, each linking to its order page, and a link
    to all of them (the orders page pages them on the server); none: no section. An order's
    change puts the rows in place: the table, its cards and its links are built once."""

    def __init__(self, services: Services, company_id: int) -> None:
        self.services, self.company_id = services, company_id
        self.place = ui.column().classes("w-full gap-0")
        self.table: ui.table | None = None
        self.show()

    def show(self) -> None:
        orders = company_orders(self.services.engine, self.company_id, limit=LATEST_ORDERS)
        rows = [_order_row(order) for order in orders]
        if self.table is not None and rows:
            self.table.rows = rows
            return
        self.place.clear()
        with self.place:
            self.table = orders_table(rows) if rows else None


def orders_table(rows: list[dict[str, str]]) -> ui.table:
    with ui.row().classes("items-baseline gap-4 mt-4"):
        heading(_("Orders"), 2)
        ui.link(_("All orders"), "/orders").mark("all-orders-link")
    columns = table_columns(
        ("reference", _("Reference")),
        ("status", _("Status")),
        ("end_user", _("End user")),
        ("turnaround", _("Processing time")),
        ("due", _("Expected completion")),
    )
    columns[0]["style"] = "white-space: nowrap"  # the reference, one word; the others wrap
    table = ui.table(columns=columns, rows=rows, row_key="reference")
    table.props("flat bordered wrap-cells hide-bottom data-testid=orders")
    table.classes("w-full").mark("orders")
    row_cards(table, links={"reference": "font-mono"})
    return table


def lines_table() -> ui.table:
    columns = table_columns(
        ("number", _("Number")),
        ("end_user", _("End user")),
        ("plan", _("Plan")),
        ("options", _("Options")),
        ("sim", _("SIM or eSIM")),
        ("customer_number", _("Customer number")),
        sortable=("number", "end_user", "plan"),
    )
    columns[0]["style"] = "white-space: nowrap"  # the other columns wrap (wrap-cells)
    table = ui.table(columns=columns, rows=[], row_key="id", pagination=FIRST_PAGE)
    table.classes("w-full").props("flat bordered wrap-cells data-testid=fleet").mark("fleet")
    name_rows_per_page(table)
    table.props["no-data-label"] = _("No line matches your search.")
    row_cards(table, links={"number": "whitespace-nowrap"})
    return table


def lines_section(services: Services, company_id: int) -> None:
    """The company's lines, searched, paged and sorted on the server: a fleet of thousands of
    lines sends one page."""
    heading(_("Lines"), 2, "mt-4")
    search = (
        ui.input(_("Search by number, end user or plan"))
        .props("outlined clearable debounce=250 type=search")
        .classes("w-full max-w-md fleet-search")
        .mark("search")
    )
    table = lines_table()
    count = ui.label().classes("text-sm").props('aria-live="polite"').mark("count")

    def show(wanted: dict[str, object]) -> None:
        per_page = int(str(wanted.get("rowsPerPage") or 25)) or 10_000  # 0: all lines
        page = max(int(str(wanted.get("page") or 1)), 1)
        found = fleet_page(
            services.engine,
            company_id,
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
    sort_choice(table, show)
    search.on_value_change(lambda _event: show({**table.pagination, "page": 1}))
    show(FIRST_PAGE)


def esims_to_install_notice(services: Services, company_id: int) -> None:
    """The eSIMs whose profile is still not installed a week after their line was activated:
    each leads to its line, where the e-mail can go again or a new code be issued."""
    waiting = esims_to_install(services.engine, company_id, services.clock())
    if not waiting:
        return
    with ui.column().classes("w-full border-l-4 border-warning bg-amber-50 p-4 gap-1"):
        ui.label(_("eSIM profiles still not installed a week after activation")).classes(
            "font-bold"
        ).props('role="heading" aria-level="2"')
        for esim in waiting:
            text = _(
                "{number} · {end_user}: active since {moment}",
                number=display_number(esim.number),
                end_user=esim.end_user,
                moment=display_datetime(esim.completed_at),
            )
            ui.link(text, f"/lines/{esim.line_id}").mark("esim-to-install")


def register(services: Services) -> None:
    @manager_page(services, "/", lambda: _("My fleet"))
    def my_fleet(manager: SignedInManager) -> None:
        with ui.row().classes("w-full items-center justify-between"):
            heading(_("My fleet"), 1)
            with ui.row().classes("gap-2"):
                ui.button(
                    _("Add a card to my fleet"), icon="add", on_click=lambda: ui.navigate.to("/add")
                ).mark("add-card")
                ui.button(
                    _("Add many lines"),
                    icon="upload_file",
                    on_click=lambda: ui.navigate.to("/bulk"),
                ).props("outline").mark("add-many")
        esims_to_install_notice(services, manager.company_id)
        orders = LatestOrders(services, manager.company_id)
        company = manager.company_id
        follow_orders(services, lambda event: event.company_id == company, orders.show)
        lines_section(services, manager.company_id)
