from pathlib import Path

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from storage.db.engine import make_engine
from storage.db.seed import seed_crowd, seed_demo
from storage.db.tables import Company, FleetLine, FleetManager, SubDivision
from storage.queries.accounts import SignedInManager
from storage.use_cases import sign_in
from tests.order_helpers import documents_beside, services_for


def row_counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            table.name: session.exec(select(func.count()).select_from(table)).one()
            for table in SQLModel.metadata.sorted_tables
        }


def test_seeding_twice_changes_nothing(engine: Engine) -> None:
    before = row_counts(engine)
    seed_demo(engine)
    assert row_counts(engine) == before


def test_demo_data_has_two_companies_and_twenty_lines_for_the_first(engine: Engine) -> None:
    with Session(engine) as session:
        companies = session.exec(select(Company).order_by(Company.id)).all()
        assert [c.name for c in companies] == ["Nova Logistics NV", "Atelier Lumière SRL"]
        nova_lines = session.exec(select(FleetLine).where(FleetLine.company_id == companies[0].id))
        assert len(nova_lines.all()) == 20


def test_at_least_one_sub_division_carries_an_invoice_split_profile(engine: Engine) -> None:
    with Session(engine) as session:
        profiles = session.exec(
            select(SubDivision).where(SubDivision.split_company_cap_cents.is_not(None))  # type: ignore[union-attr]
        ).all()
        assert profiles


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'own.db'}")  # a SQLite setting: SQLite only
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_crowd_benchmark_people_are_nova_managers_who_can_sign_in(engine: Engine) -> None:
    emails = seed_crowd(engine, 3, "Crowd-test-2026")
    services = services_for(engine, documents_beside(engine))
    people = [sign_in(services, email, "Crowd-test-2026") for email in emails]
    assert all(isinstance(person, SignedInManager) for person in people)
    assert {person.company_name for person in people if isinstance(person, SignedInManager)} == {
        "Nova Logistics NV"
    }
    assert seed_crowd(engine, 3, "Crowd-test-2026") == emails  # again: nobody added twice
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(FleetManager)).one() == 2 + 3
