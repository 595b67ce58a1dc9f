"""One fleet line, everything about it: plan and options with their prices, SIM or eSIM (with
the eSIM's install status and actions), billing and Invoice Split profile, and its orders."""

from nicegui import ui

from domain.catalogue import OPTIONS_BY_CODE, PLANS_BY_CODE
from domain.summary import COMPANY_PAYS, NO, NONE_CHOSEN
from storage.queries.accounts import SignedInManager
from storage.queries.lines import LineView, line_view
from storage.use_cases import Services
from ui.esim_panel import esim_panel
from ui.format import display_cents, display_datetime, display_money, display_number
from ui.frame import manager_page
from ui.i18n import _
from ui.kit import AnswerRow, answer_list, heading
from ui.live import follow_orders
from ui.order_page import esim_entry
from ui.wizard.order_summary import travel_cap


def line_rows(line: LineView) -> list[AnswerRow]:
    plan = PLANS_BY_CODE.get(line.plan_code)
    options = [OPTIONS_BY_CODE[code] for code in line.options if code in OPTIONS_BY_CODE]
    priced = [f"{_(o.name)} ({display_money(o.monthly_price_excl_vat)})" for o in options]
    return [
        AnswerRow("end_user", _("End user"), line.end_user),
        AnswerRow(
            "plan",
            _("Plan"),
            f"{plan.name} ({display_money(plan.monthly_price_excl_vat)})"
            if plan
            else line.plan_code,
        ),
        AnswerRow("options", _("Options"), ", ".join(priced) or _(NONE_CHOSEN)),
        AnswerRow(
            "travel_data_control", _("Travel Data Control"), travel_cap(line.travel_data_control)
        ),
        AnswerRow("added_at", _("In the fleet since"), display_datetime(line.added_at)),
    ]


def billing_rows(line: LineView) -> list[AnswerRow]:
    rows = [
        AnswerRow(
            "customer_number",
            _("Customer number for billing"),
            " · ".join(part for part in (line.customer_number, line.account_name) if part),
        )
    ]
    if line.sub_division:
        rows.append(AnswerRow("sub_division", _("Sub-division"), line.sub_division))
    split = _(NO)
    if line.invoice_split and line.company_cap_cents is not None:
        split = _(COMPANY_PAYS, amount=display_cents(line.company_cap_cents))
    rows.append(AnswerRow("invoice_split", _("Invoice Split"), split))
    return rows


def sim_rows(line: LineView) -> list[AnswerRow]:
    if line.sim_kind == "esim":
        return [AnswerRow("sim", _("SIM card or eSIM"), _("eSIM"))]
    digits = f" · {line.sim_digits}" if line.sim_digits else ""
    return [AnswerRow("sim", _("SIM card or eSIM"), _("SIM card") + digits)]


def line_details(services: Services, line: LineView, manager: SignedInManager) -> None:
    heading(_("Line {number}", number=display_number(line.number)), 1).mark("line")
    answer_list(
        [
            (_("Line"), line_rows(line)),
            (_("SIM card or eSIM"), sim_rows(line)),
            (_("Billing"), billing_rows(line)),
        ],
        level=2,  # right under the page's title
    )
    if line.esim_order is not None:
        esim_panel(services, line.esim_order, manager)
        if line.esim_order.esim_history:  # the line's record of its codes and installation
            heading(_("eSIM history"), 2)
            with ui.element("ol").classes("w-full flex flex-col gap-3").mark("esim-history"):
                for event in line.esim_order.esim_history:
                    esim_entry(event)
    heading(_("Orders"), 2)
    with ui.column().classes("gap-1").mark("line-orders"):
        for order in line.orders:
            text = f"{order.reference} · {_(order.status.label)} · {display_datetime(order.submitted_at)}"
            ui.link(text, f"/orders/{order.reference}")
        if not line.orders:
            ui.label(_("Added to the fleet before ordering here: no order to show."))


def register(services: Services) -> None:
    title = lambda line_id: _("Line")  # noqa: E731

    @manager_page(services, "/lines/{line_id}", title)
    def line_page(manager: SignedInManager, line_id: str) -> None:
        mine: set[str] = set()  # its orders: another order's news would close a dialog

        @ui.refreshable
        def content() -> None:
            line = line_view(services.engine, manager.company_id, line_id)
            if line is None:  # another company's line reads as one that does not exist
                ui.label(_("Line not found. Go back to your fleet.")).mark("not-found")
                ui.link(_("Back to my fleet"), "/")
                return
            mine.update(order.reference for order in line.orders)
            line_details(services, line, manager)

        content()
        follow_orders(services, lambda event: event.reference in mine, content.refresh)
