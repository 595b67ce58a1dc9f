"""The fleet manager's orders: every order of the company, searched, filtered by status, paged
and sorted on the server; an overdue order is flagged. It follows changes as they happen."""

from nicegui import ui

from domain.catalogue import PLANS_BY_CODE
from domain.orders import OrderStatus
from domain.request import SimKind
from storage.queries.accounts import SignedInManager
from storage.queries.orders import OrderListRow, orders_page
from storage.use_cases import Services
from ui.format import display_datetime, display_number
from ui.frame import manager_page
from ui.i18n import _
from ui.kit import heading, name_rows_per_page, row_cards, sort_choice, table_columns
from ui.live import follow_orders
from ui.waiting_list import waiting_list

ALL = "all"
FIRST_PAGE = {"rowsPerPage": 25, "page": 1, "sortBy": "submitted", "descending": True}


def _row(order: OrderListRow) -> dict[str, str]:
    plan = PLANS_BY_CODE.get(order.plan_code)
    status = _(order.status.label)
    return {
        "reference": order.reference,
        "href": f"/orders/{order.reference}",
        "request_type": _(order.request_type.label),
        "number": display_number(order.number) if order.number else _("New number"),
        "end_user": order.end_user,
        "plan": plan.name if plan else order.plan_code,
        "sim": "eSIM" if order.sim_kind is SimKind.ESIM else _("SIM card"),
        "status": f"{status} · {_('Overdue')}" if order.overdue else status,
        "submitted": display_datetime(order.submitted_at),
        "due": display_datetime(order.due_at),
    }


def orders_table() -> ui.table:
    columns = table_columns(
        ("reference", _("Reference")),
        ("request_type", _("Request type")),
        ("number", _("Number")),
        ("end_user", _("End user")),
        ("plan", _("Plan")),
        ("sim", _("SIM or eSIM")),
        ("status", _("Status")),
        ("submitted", _("Sent on")),
        ("due", _("Expected completion")),
        sortable=("reference", "end_user", "status", "submitted", "due"),
    )
    columns[0]["style"] = "white-space: nowrap"
    table = ui.table(columns=columns, rows=[], row_key="reference", pagination=FIRST_PAGE)
    table.classes("w-full").props("flat bordered wrap-cells data-testid=all-orders")
    table.mark("all-orders")
    name_rows_per_page(table)
    table.props["no-data-label"] = _("No order matches your search.")
    row_cards(table, links={"reference": "font-mono"})
    return table


def company_orders_list(services: Services, manager: SignedInManager) -> None:
    heading(_("Orders"), 1)
    waiting_list(services, manager)
    with ui.row().classes("w-full items-center gap-4"):
        search = ui.input(_("Search by reference, end user or number"))
        search.props("outlined clearable debounce=250 type=search").classes("w-full max-w-md")
        search.mark("orders-search")
        statuses = {ALL: _("All statuses")} | {s.value: _(s.label) for s in OrderStatus}
        shown = ui.select(statuses, value=ALL, label=_("Status")).props("outlined").classes("w-56")
        shown.mark("orders-filter")
    table = orders_table()
    count = ui.label().classes("text-sm").props('aria-live="polite"').mark("orders-count")

    def show(wanted: dict[str, object]) -> None:
        per_page = int(str(wanted.get("rowsPerPage") or 25)) or 10_000  # 0: every order
        page = max(int(str(wanted.get("page") or 1)), 1)
        found = orders_page(
            services.engine,
            manager.company_id,
            services.clock(),
            search=search.value or "",
            status=None if shown.value == ALL else OrderStatus(shown.value),
            offset=(page - 1) * per_page,
            limit=per_page,
            sort_by=str(wanted.get("sortBy") or "submitted"),
            descending=bool(wanted.get("descending")),
        )
        table.rows = [_row(order) for order in found.rows]
        table.pagination = {**wanted, "page": page, "rowsNumber": found.total}
        count.text = _("Matching orders: {count}", count=found.total)

    table.on("request", lambda event: show(event.args["pagination"]))
    sort_choice(table, show)
    search.on_value_change(lambda _event: show({**table.pagination, "page": 1}))
    shown.on_value_change(lambda _event: show({**table.pagination, "page": 1}))
    show(FIRST_PAGE)
    company = manager.company_id
    follow_orders(
        services, lambda event: event.company_id == company, lambda: show(table.pagination)
    )


def register(services: Services) -> None:
    @manager_page(services, "/orders", lambda: _("Orders"))
    def orders(manager: SignedInManager) -> None:
        company_orders_list(services, manager)
