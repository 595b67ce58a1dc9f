"""The back-office: the operator's agent moves orders on; the fleet manager's open pages
follow without a reload; a fleet manager never reaches it."""

import asyncio
from collections.abc import Callable

import pytest
from nicegui.testing import User
from sqlalchemy.engine import Engine

from domain.orders import PlacedOrder
from domain.rejections import RejectionReason
from storage.db.seed import DEMO_AGENT
from storage.queries.orders import OrderRow, company_orders
from tests.conftest import NOVA
from tests.order_helpers import documents_beside, placed, services_for
from tests.ui_helpers import SIGN_IN_POLLS, sign_in
from tests.wizard_helpers import element
from ui import fleet_page


def nova_order(engine: Engine) -> PlacedOrder:
    return placed(services_for(engine, documents_beside(engine)))


async def test_the_agent_starts_completes_and_rejects_from_the_back_office(
    user: User, engine: Engine
) -> None:
    order = nova_order(engine)
    await sign_in(user, DEMO_AGENT)
    await user.should_see(marker="back-office")
    await user.should_see(order.reference)
    user.find(marker=f"start-{order.reference}").click()
    await user.should_see(marker=f"complete-{order.reference}")
    user.find(marker=f"reject-{order.reference}").click()
    element(user, "reject-reason").value = "other"
    user.find(marker="reject-confirm").click()
    await user.should_see("Explain the reason to the fleet manager in the note.")
    user.find(marker="reject-note").type("Call the helpdesk.")
    user.find(marker="reject-confirm").click()
    await user.should_not_see(marker=f"reject-{order.reference}")
    await user.should_see("Rejected", marker="back-office-status")


async def test_a_fleet_manager_cannot_reach_the_back_office(user: User) -> None:
    await sign_in(user, NOVA)
    await user.open("/back-office")
    await user.should_see(marker="fleet")  # sent back to the fleet
    await user.should_not_see(marker="back-office")


async def test_a_visitor_is_asked_to_sign_in_for_the_back_office(user: User) -> None:
    await user.open("/back-office")
    await user.should_see(marker="sign-in")


async def test_an_open_order_page_and_the_orders_list_follow_the_back_office(
    user: User, create_user: Callable[[], User], engine: Engine
) -> None:
    order = nova_order(engine)
    await sign_in(user, NOVA)
    await user.open(f"/orders/{order.reference}")
    await user.should_see("Status: Received")
    agent = create_user()
    await sign_in(agent, DEMO_AGENT)
    agent.find(marker=f"reject-{order.reference}").click()
    agent.find(marker="reject-confirm").click()  # customer number unknown, the first reason
    await user.should_see("Status: Rejected")  # no reload: the page followed
    await user.should_see(RejectionReason.CUSTOMER_NUMBER_UNKNOWN.message)


async def test_the_fleet_pages_orders_list_follows_the_back_office(
    user: User, create_user: Callable[[], User], engine: Engine
) -> None:
    order = nova_order(engine)
    await sign_in(user, NOVA)
    await user.should_see(marker="orders")
    agent = create_user()
    await sign_in(agent, DEMO_AGENT)
    agent.find(marker=f"start-{order.reference}").click()

    def status_listed() -> str:
        with user.client:
            table = user.find(marker="orders").elements.pop()
        return str(table.rows[0]["status"])  # type: ignore[attr-defined]

    for _poll in range(50):  # the change arrives through the event loop: give it its turns
        if status_listed() == "In progress":
            break
        await asyncio.sleep(0.05)
    assert status_listed() == "In progress"


async def test_the_demo_reset_signs_everyone_out_and_restores_the_seed(
    user: User, create_user: Callable[[], User], engine: Engine
) -> None:
    order = nova_order(engine)
    await sign_in(user, NOVA)
    await user.open(f"/orders/{order.reference}")
    agent = create_user()
    await sign_in(agent, DEMO_AGENT)
    agent.find(marker="reset-demo").click()
    agent.find(marker="reset-confirm").click()
    await agent.should_see(marker="sign-in", retries=SIGN_IN_POLLS)  # a whole re-seed
    await user.open("/")  # the manager's session ended with the reset
    await user.should_see(marker="sign-in")
    await sign_in(user, NOVA)
    await user.should_not_see(marker="orders")  # the order is gone
    assert len(user.find(marker="fleet").elements.pop().rows) == 20  # type: ignore[attr-defined]


async def test_a_note_over_the_limit_is_refused_with_what_to_do(user: User, engine: Engine) -> None:
    order = nova_order(engine)
    await sign_in(user, DEMO_AGENT)
    await user.should_see(order.reference)
    user.find(marker=f"reject-{order.reference}").click()
    element(user, "reject-note").value = "x" * 5_000
    user.find(marker="reject-confirm").click()
    await user.should_see(
        "Note for the fleet manager is too long: at most 1000 characters. Shorten it."
    )
    await user.should_see(marker=f"reject-{order.reference}")  # not rejected


async def test_a_burst_of_order_changes_refreshes_a_fleet_page_once(
    user: User,
    create_user: Callable[[], User],
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    orders = [nova_order(engine) for _ in range(3)]
    read: list[int] = []

    def counted(engine: Engine, company_id: int, limit: int) -> list[OrderRow]:
        read.append(company_id)
        return company_orders(engine, company_id, limit)

    monkeypatch.setattr(fleet_page, "company_orders", counted)
    await sign_in(user, NOVA)
    await user.should_see(marker="orders")
    agent = create_user()
    await sign_in(agent, DEMO_AGENT)
    assert len(read) == 1
    for order in orders:  # three changes before the fleet page's loop turns
        agent.find(marker=f"start-{order.reference}").click()
    for _poll in range(50):  # the news arrives through the event loop: give it its turns
        if len(read) > 1:
            break
        await asyncio.sleep(0.05)
    with user.client:
        rows = user.find(marker="orders").elements.pop().rows  # type: ignore[attr-defined]
    assert {row["status"] for row in rows} == {"In progress"}
    assert len(read) == 2  # one refresh showed all three
