"""Tables on a phone: each table turns into cards on a small screen, and a "Sort by" select
(offering each sortable column both ways, in the manager's language) sorts them, as the column
headers do at a desktop's width. The browser test (tests/browser/test_browser_phone.py) checks
how they look."""

from datetime import timedelta
from typing import Any

from nicegui.testing import User
from sqlalchemy.engine import Engine

from tests.conftest import LUMIERE, NOVA
from tests.mail_helpers import company_id, enqueue_committed, esim_mail
from tests.order_helpers import ESIM_TRANSFER, NOW, documents_beside, placed, services_for
from tests.ui_helpers import sign_in
from tests.wizard_helpers import element

ON_A_PHONE = "Quasar.Screen.lt.sm"  # Quasar's xs: under 600 px


def shown_as_cards_on_a_phone(table: Any) -> bool:
    return table.props.get(":grid") == ON_A_PHONE and "item" in table.slots


def rows_of(user: User, marker: str) -> list[dict[str, Any]]:
    with user.client:
        return list(element(user, marker).rows)


async def test_every_table_is_shown_as_cards_on_a_phone(user: User, engine: Engine) -> None:
    placed(services_for(engine, documents_beside(engine)))
    enqueue_committed(engine, esim_mail("nl"), company_id(engine, NOVA.company))
    await sign_in(user, NOVA)
    await user.should_see(marker="fleet")
    assert shown_as_cards_on_a_phone(element(user, "fleet"))
    assert shown_as_cards_on_a_phone(element(user, "orders"))
    await user.open("/orders")
    assert shown_as_cards_on_a_phone(element(user, "all-orders"))
    await user.open("/mailbox")
    assert shown_as_cards_on_a_phone(element(user, "mailbox"))


async def test_sort_by_offers_each_sortable_column_both_ways(user: User) -> None:
    await sign_in(user, NOVA)
    sort_by = element(user, "sort-by")
    assert sort_by.options == {
        "number:asc": "Number, ascending",
        "number:desc": "Number, descending",
        "end_user:asc": "End user, ascending",
        "end_user:desc": "End user, descending",
        "plan:asc": "Plan, ascending",
        "plan:desc": "Plan, descending",
    }
    assert sort_by.value == "number:asc"  # the order the lines are shown in


async def test_sort_by_is_in_the_managers_language(user: User) -> None:
    await sign_in(user, LUMIERE, language="fr")
    sort_by = element(user, "sort-by")
    assert sort_by.props["label"] == "Trier par"
    assert sort_by.options["end_user:desc"] == "Utilisateur final, décroissant"


async def test_sort_by_sorts_the_lines_on_the_server(user: User) -> None:
    await sign_in(user, NOVA)
    element(user, "sort-by").value = "end_user:desc"
    lines = element(user, "fleet")
    assert (lines.pagination["sortBy"], lines.pagination["descending"]) == ("end_user", True)
    names = [row["end_user"] for row in rows_of(user, "fleet")]
    assert names == sorted(names, reverse=True) and len(names) == 20


async def test_sort_by_sorts_the_orders_and_goes_back_to_the_first_page(
    user: User, engine: Engine
) -> None:
    first = placed(services_for(engine, documents_beside(engine), now=NOW))
    later = services_for(engine, documents_beside(engine), now=NOW + timedelta(hours=1))
    second = placed(later, ESIM_TRANSFER, "k2")
    await sign_in(user, NOVA)
    await user.open("/orders")
    assert [row["reference"] for row in rows_of(user, "all-orders")] == [
        second.reference,
        first.reference,
    ]  # newest first
    element(user, "sort-by").value = "submitted:asc"
    orders = element(user, "all-orders")
    assert (orders.pagination["sortBy"], orders.pagination["descending"]) == ("submitted", False)
    assert orders.pagination["page"] == 1
    assert [row["reference"] for row in rows_of(user, "all-orders")] == [
        first.reference,
        second.reference,
    ]


async def test_sort_by_follows_a_sort_made_with_the_column_headers(user: User) -> None:
    await sign_in(user, NOVA)
    lines = element(user, "fleet")
    wanted = {**lines.pagination, "sortBy": "plan", "descending": True}
    user.find(marker="fleet").trigger("request", {"pagination": wanted})
    assert element(user, "sort-by").value == "plan:desc"
    plans = [row["plan"] for row in rows_of(user, "fleet")]
    assert plans == sorted(plans, reverse=True)


async def test_a_table_with_no_sortable_column_has_no_sort_by(user: User, engine: Engine) -> None:
    enqueue_committed(engine, esim_mail("nl"), company_id(engine, NOVA.company))
    await sign_in(user, NOVA)
    await user.open("/mailbox")
    await user.should_see(marker="mailbox")
    await user.should_not_see(marker="sort-by")
