"""Submitting an order in storage: one transaction, one order per submission key."""

import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from domain.orders import PlacedOrder
from domain.request import OrderRequest
from storage.db.engine import make_engine
from storage.db.tables import FleetLine, Order, OrderEvent, OutboxMessage
from storage.use_cases import Refused, Services, orders
from tests.conftest import LUMIERE
from tests.order_helpers import NEW_NUMBER, NOW, manager_of, place, services_for


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return len(session.exec(select(table)).all())


def test_a_valid_request_becomes_a_received_order_with_history_and_confirmation(
    engine: Engine, services: Services
) -> None:
    placed = place(services)
    assert isinstance(placed, PlacedOrder)
    with Session(engine) as session:
        order = session.exec(select(Order)).one()
        event = session.exec(select(OrderEvent)).one()
        mail = session.exec(select(OutboxMessage)).one()
    assert (order.reference, order.status, order.turnaround) == (
        placed.reference,
        "received",
        "one_hour",
    )
    assert (event.order_id, event.to_status) == (order.id, "received")
    assert mail.kind == "confirmation" and mail.order_id == order.id


def test_the_same_submission_twice_gives_back_the_first_order(
    engine: Engine, services: Services
) -> None:
    first, second = place(services), place(services)
    assert isinstance(first, PlacedOrder) and isinstance(second, PlacedOrder)
    assert first.reference == second.reference
    assert count(engine, Order) == 1
    assert count(engine, OutboxMessage) == 1


def test_two_tabs_submitting_at_once_make_one_order(engine: Engine, services: Services) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _i: place(services), range(4)))
    assert len({r.reference for r in results if isinstance(r, PlacedOrder)}) == 1
    assert count(engine, Order) == 1


def test_an_invalid_request_saves_nothing_and_says_why(engine: Engine, services: Services) -> None:
    refused = place(services, OrderRequest.from_dict({"request_type": "new_number"}))
    assert isinstance(refused, Refused)
    assert {p.field for p in refused.problems} >= {"sim_kind", "plan_code"}
    assert count(engine, Order) == 0
    assert count(engine, OutboxMessage) == 0


def test_a_mail_that_fails_to_build_leaves_no_order(
    engine: Engine, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_writer(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr("storage.use_cases.orders.write_order_mails", broken_writer)
    with pytest.raises(RuntimeError):
        place(services, key="key-2")
    assert count(engine, Order) == 0
    assert count(engine, OrderEvent) == 0


def test_a_contract_that_vanished_stops_the_order(engine: Engine, services: Services) -> None:
    request = OrderRequest.from_dict(
        {
            **NEW_NUMBER.to_dict(),
            "sub_division_id": "2",
            "invoice_split": True,
            "invoice_split_contract_id": "no-such-document",
        }
    )
    outcome = place(services, request, "key-3")
    assert isinstance(outcome, Refused)
    assert [p.field for p in outcome.problems] == ["invoice_split_contract_id"]
    assert count(engine, Order) == 0


def test_a_sim_card_of_another_company_cannot_be_ordered(
    engine: Engine, services: Services
) -> None:
    with Session(engine) as session:
        session.add(
            FleetLine(
                company_id=2,
                number="+32499000001",
                end_user="Lumière employee",
                plan_code="shape_s",
                sim_kind="sim",
                sim_digits="8932000012345",
                billing_account_id=3,
            )
        )
        session.commit()
    refused = place(services)
    assert isinstance(refused, Refused)
    assert [p.field for p in refused.problems] == ["sim_digits"]


def test_two_orders_racing_for_one_sim_card_make_one_order(
    engine: Engine, services: Services
) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda i: place(services, key=f"race-{i}"), range(4)))
    placed = [r for r in results if isinstance(r, PlacedOrder)]
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(placed) == 1
    assert all([p.field for p in r.problems] == ["sim_digits"] for r in refused)
    assert count(engine, Order) == 1


def test_the_database_allows_one_open_order_per_sim_card(engine: Engine) -> None:
    def order(key: str, status: str) -> Order:
        return Order(
            reference=key,
            submission_key=key,
            company_id=1,
            manager_id=1,
            status=status,
            activation_kind="new_number",
            turnaround="one_hour",
            submitted_at=NOW,
            due_at=NOW,
            sim_digits="8932000099999",
            end_user_name="X",
            plan_code="shape_s",
        )

    with Session(engine) as session:
        session.add_all([order("done", "completed"), order("open", "received")])
        session.commit()
        session.add(order("second-open", "in_progress"))
        with pytest.raises(IntegrityError):
            session.commit()


def test_the_confirmation_links_to_the_order_when_the_public_address_is_known(
    engine: Engine, services: Services
) -> None:
    linked = services_for(engine, services.documents_dir, public_url="https://fleet.example.be/")
    placed = place(linked, key="key-url")
    assert isinstance(placed, PlacedOrder)
    with Session(engine) as session:
        mail = session.exec(select(OutboxMessage)).one()
    assert f"https://fleet.example.be/orders/{placed.reference}" in mail.html_body


def test_a_batch_that_loses_a_race_for_a_sim_card_places_the_others_one_by_one(
    engine: Engine, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer took one batch request's SIM card after the batch read what is in use
    (here: the batch is made blind to it): the database refuses that one order, the batch is
    rolled back and placed again one by one, so only that request is refused."""
    taken = OrderRequest.from_dict({**NEW_NUMBER.to_dict(), "sim_digits": "8932000077777"})
    elsewhere = OrderRequest.from_dict({**taken.to_dict(), "customer_number_id": "3"})
    assert isinstance(place(services, elsewhere, key="first", login=LUMIERE), PlacedOrder)
    monkeypatch.setattr(orders, "with_sims_checked", lambda _session, context, _sims: context)
    monkeypatch.setattr(orders, "sim_in_use", lambda _session, sim: sim == "8932000077777")
    batch = [
        (
            OrderRequest.from_dict({**NEW_NUMBER.to_dict(), "sim_digits": f"893200007000{i}"}),
            f"b{i}",
        )
        for i in range(3)
    ]
    batch.insert(1, (taken, "lost-race"))
    outcomes = orders.place_orders(services, manager_of(engine), batch)
    assert [type(o).__name__ for o in outcomes] == [
        "PlacedOrder",
        "Refused",
        "PlacedOrder",
        "PlacedOrder",
    ]
    refused = outcomes[1]
    assert isinstance(refused, Refused) and [p.field for p in refused.problems] == ["sim_digits"]
    assert count(engine, Order) == 4


def test_one_draft_sent_from_several_instances_at_once_makes_one_order(
    engine: Engine, services: Services
) -> None:
    """Four connection pools (as four instances) send the same draft (its submission key) at
    the same moment: one order, and every Send gets it back."""
    pools = [
        dataclasses.replace(
            services, engine=make_engine(str(engine.url.render_as_string(hide_password=False)))
        )
        for _ in range(4)
    ]
    start = threading.Barrier(len(pools))

    def send(pool: Services) -> PlacedOrder | Refused:
        start.wait()
        return place(pool, key="the-draft")

    with ThreadPoolExecutor(max_workers=len(pools)) as threads:
        outcomes = list(threads.map(send, pools))
    for pool in pools:
        pool.engine.dispose()
    assert all(isinstance(o, PlacedOrder) for o in outcomes), outcomes
    assert len({o.reference for o in outcomes if isinstance(o, PlacedOrder)}) == 1
    assert count(engine, Order) == 1
