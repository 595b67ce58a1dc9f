"""The orders page: every order of the company, searched, filtered, paged and sorted on the
server, overdue orders flagged; another company's orders never listed."""

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from nicegui.testing import User
from sqlalchemy.engine import Engine

from storage.use_cases import start_order
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import ESIM_TRANSFER, NEW_NUMBER, documents_beside, placed, services_for
from tests.ui_helpers import sign_in
from tests.wizard_helpers import element


def rows(user: User) -> list[dict[str, Any]]:
    with user.client:
        return list(element(user, "all-orders").rows)


async def test_the_orders_page_lists_each_order_with_its_answers_and_flags_overdue_ones(
    user: User, engine: Engine
) -> None:
    now = datetime.now(UTC)  # the page judges "overdue" by the real clock
    old = placed(services_for(engine, documents_beside(engine), now=now - timedelta(days=30)))
    recent = placed(services_for(engine, documents_beside(engine), now=now), ESIM_TRANSFER, "k2")
    await sign_in(user, NOVA)
    await user.open("/orders")
    listed = rows(user)
    assert [row["reference"] for row in listed] == [recent.reference, old.reference]
    assert listed[1]["status"] == "Received · Overdue"  # a month past its expected hour
    assert listed[0]["status"] == "Received"
    assert (listed[0]["request_type"], listed[0]["number"], listed[0]["sim"]) == (
        "Transfer an existing number",
        "+32 475 98 76 54",
        "eSIM",
    )
    assert listed[1]["number"] == "New number"


async def test_the_orders_page_filters_by_status_and_searches(user: User, engine: Engine) -> None:
    services = services_for(engine, documents_beside(engine))
    first = placed(services)
    second = placed(
        services,
        dataclasses.replace(NEW_NUMBER, end_user_name="Jan Peeters", sim_digits="8932000054321"),
        "k2",
    )
    start_order(services, second.reference)
    await sign_in(user, NOVA)
    await user.open("/orders")
    element(user, "orders-filter").value = "in_progress"
    assert [row["reference"] for row in rows(user)] == [second.reference]
    element(user, "orders-filter").value = "all"
    user.find(marker="orders-search").type("Noor")
    await user.should_see("Matching orders: 1")
    assert [row["reference"] for row in rows(user)] == [first.reference]


async def test_another_companys_orders_are_not_listed(user: User, engine: Engine) -> None:
    placed(services_for(engine, documents_beside(engine)))
    await sign_in(user, LUMIERE)
    await user.open("/orders")
    await user.should_see(marker="all-orders")
    assert rows(user) == []
