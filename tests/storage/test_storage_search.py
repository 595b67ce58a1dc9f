"""Searches match what was typed: "%" and "_" are characters, not SQL wildcards."""

import dataclasses
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db.tables import BillingAccount, FleetLine
from storage.queries.fleet import fleet_page
from storage.queries.orders import orders_page
from storage.use_cases import Services
from tests.conftest import NOVA
from tests.order_helpers import ESIM_TRANSFER, NEW_NUMBER, manager_of, placed

ODD_NAMES = ("Kasia 100% Peeters", "Jan_Claes")


def add_lines(engine: Engine, company_id: int) -> None:
    with Session(engine) as session:
        account = session.exec(
            select(BillingAccount).where(BillingAccount.company_id == company_id)
        ).first()
        assert account is not None and account.id is not None
        for index, name in enumerate(ODD_NAMES):
            session.add(
                FleetLine(
                    company_id=company_id,
                    number=f"+3247999990{index}",
                    end_user=name,
                    plan_code="shape_m",
                    sim_kind="sim",
                    billing_account_id=account.id,
                )
            )
        session.commit()


def test_fleet_search_reads_percent_and_underscore_literally(engine: Engine) -> None:
    company_id = manager_of(engine, NOVA).company_id
    add_lines(engine, company_id)

    def found(term: str) -> list[str]:
        return [row.end_user for row in fleet_page(engine, company_id, term, limit=None).rows]

    assert found("%") == ["Kasia 100% Peeters"]
    assert found("_") == ["Jan_Claes"]
    assert found("0%") == ["Kasia 100% Peeters"]


def test_order_search_reads_percent_and_underscore_literally(
    engine: Engine, services: Services
) -> None:
    placed(services, dataclasses.replace(NEW_NUMBER, end_user_name="Kasia 100% Peeters"))
    company_id = manager_of(engine, NOVA).company_id
    now = datetime.now(UTC)

    def found(term: str) -> list[str]:
        return [row.end_user for row in orders_page(engine, company_id, now, search=term).rows]

    assert found("%") == ["Kasia 100% Peeters"]
    assert found("_") == []


def test_a_search_reads_the_term_tidied_by_the_domain(engine: Engine) -> None:
    company_id = manager_of(engine, NOVA).company_id
    add_lines(engine, company_id)
    found = fleet_page(engine, company_id, "  Kasia   100% ", limit=None).rows
    assert [row.end_user for row in found] == ["Kasia 100% Peeters"]


def test_a_page_past_the_database_integer_is_an_empty_page(engine: Engine) -> None:
    company_id = manager_of(engine, NOVA).company_id
    far = 10**30
    assert fleet_page(engine, company_id, offset=far, limit=far).rows == []
    assert orders_page(engine, company_id, datetime.now(UTC), offset=far, limit=far).rows == []


def test_a_reference_typed_finds_no_order_by_the_digits_in_it(
    engine: Engine, services: Services
) -> None:
    transfer = placed(services, ESIM_TRANSFER)  # its number, +32 475 98 76 54, holds "47"
    company_id = manager_of(engine, NOVA).company_id
    now = datetime.now(UTC)

    def found(term: str) -> list[str]:
        return [row.reference for row in orders_page(engine, company_id, now, search=term).rows]

    assert found("FL-A47B") == []  # a reference: letters and digits
    assert found("0475 98") == [transfer.reference]  # a number, as typed
    assert found(transfer.reference) == [transfer.reference]


def test_a_plan_name_with_digits_finds_lines_by_plan_not_by_number(engine: Engine) -> None:
    company_id = manager_of(engine, NOVA).company_id
    found = fleet_page(engine, company_id, "Data 10")
    assert found.rows and {row.plan_code for row in found.rows} == {"data_10"}
