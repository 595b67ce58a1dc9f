"""The same storage on PostgreSQL (the scale-out database): schema, seed, submission, isolation.

Runs against the server at POSTGRES_TEST_URL (default: the local `test` database) in a schema
of its own; skipped when no server answers, except under CI where it must.
"""

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.orders import PlacedOrder
from domain.request import OrderRequest
from storage.db.engine import create_schema, make_engine
from storage.db.seed import seed_demo
from storage.db.tables import Company, OutboxMessage
from storage.queries.fleet import fleet_page
from storage.queries.lines import esims_to_install, line_view
from storage.queries.orders import order_view
from storage.use_cases import (
    TooSoon,
    complete_order,
    resend_esim_mail,
    sign_in,
    start_order,
)
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import ESIM_TRANSFER, manager_of, place, placed, services_for
from tests.postgres import empty_schema, seeded_schema


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    with seeded_schema("fleet_test") as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def test_seeded_postgres_keeps_companies_apart(pg_engine: Engine, tmp_path: Path) -> None:
    seed_demo(pg_engine)  # twice: idempotent there too
    services = services_for(pg_engine, tmp_path)
    nova = sign_in(services, NOVA.email, NOVA.password)
    lumiere = sign_in(services, LUMIERE.email, LUMIERE.password)
    assert nova and lumiere
    assert len(fleet_page(pg_engine, nova.company_id, limit=None).rows) == 20
    assert {
        line.end_user for line in fleet_page(pg_engine, lumiere.company_id, limit=None).rows
    } == {
        "Hugo Lemaire",
        "Zoé Fontaine",
        "Léa Gilles",
    }


def test_submission_on_postgres_is_one_transaction_and_idempotent(
    pg_engine: Engine, tmp_path: Path
) -> None:
    manager = manager_of(pg_engine, NOVA)
    request = OrderRequest.from_dict(
        {
            "request_type": "new_number",
            "customer_number_id": "1",
            "end_user_name": "Noor",
            "sim_kind": "esim",
            "esim_email": "noor@nova-logistics.be",
            "esim_language": "fr",
            "esim_device_compatible": True,
            "plan_code": "shape_m",
        }
    )
    services = services_for(pg_engine, tmp_path, now=datetime(2026, 11, 26, 9, tzinfo=UTC))
    first, again = place(services, request, "pg-key"), place(services, request, "pg-key")
    assert isinstance(first, PlacedOrder) and isinstance(again, PlacedOrder)
    assert first.reference == again.reference
    view = order_view(pg_engine, manager.company_id, first.reference)
    assert view is not None and view.placed.due_at == datetime(2026, 11, 26, 10, tzinfo=UTC)
    with Session(pg_engine) as session:
        kinds = sorted(m.kind for m in session.exec(select(OutboxMessage)).all())
    assert kinds == ["confirmation", "esim_profile"]


def test_esim_care_and_the_line_page_on_postgres(pg_engine: Engine, tmp_path: Path) -> None:
    """The row lock, the send limit, the week-old query and the line's page on PostgreSQL."""
    now = datetime(2026, 11, 26, 9, tzinfo=UTC)
    services = services_for(pg_engine, tmp_path, now=now)
    order = placed(services, ESIM_TRANSFER, key="pg-esim")
    manager = manager_of(pg_engine, NOVA)
    outcomes = [resend_esim_mail(services, manager, order.reference) for _ in range(6)]
    assert isinstance(outcomes[-1], TooSoon) and not isinstance(outcomes[-2], TooSoon)
    start_order(services, order.reference)
    complete_order(services, order.reference)
    [waiting] = esims_to_install(pg_engine, manager.company_id, now + timedelta(days=7))
    line = line_view(pg_engine, manager.company_id, waiting.line_id)
    assert line is not None and line.esim_order is not None
    assert line.esim_order.placed.reference == order.reference


def test_instances_starting_at_once_on_an_empty_database_all_start_on_one_schema() -> None:
    """Three instances started together (a deployment's first roll-out) each create the tables
    and seed the demo: one does it, the others wait and find it done; none fails to start."""
    with empty_schema("fleet_start") as url:
        engines = [make_engine(url) for _ in range(3)]
        together = threading.Barrier(len(engines))
        failures: list[BaseException] = []

        def start(engine: Engine) -> None:
            together.wait()
            try:
                create_schema(engine)
                seed_demo(engine)
            except BaseException as error:  # kept, to be shown by the assertion below
                failures.append(error)

        threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        try:
            assert failures == []
            with Session(engines[0]) as session:
                assert len(session.exec(select(Company)).all()) == 2  # Nova and Lumière, once
        finally:
            for engine in engines:
                engine.dispose()
