"""A demo reset puts the database and the documents folder back as seeded."""

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, func, select, text

from storage.db.engine import create_schema, make_engine
from storage.db.seed import seed_demo
from storage.db.tables import DemoReset, Draft, Order, OutboxMessage, StoredDocument
from storage.use_cases import Services, reset_demo
from storage.use_cases.demo import session_epoch
from tests.fixtures import documents as samples
from tests.order_helpers import attach, placed


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table, the record of resets aside."""
    with Session(engine) as session:
        return {
            table.name: int(session.exec(select(func.count()).select_from(table)).one())
            for table in SQLModel.metadata.sorted_tables
            if table.name != DemoReset.__tablename__
        }


def test_a_reset_gives_back_the_seed_and_an_empty_documents_folder(services: Services) -> None:
    fresh = make_engine(f"sqlite:///{services.documents_dir.parent / 'fresh.db'}")
    create_schema(fresh)
    seed_demo(fresh)
    seeded = counts(fresh)
    fresh.dispose()
    placed(services)
    attach(services, samples.pdf())  # a draft with its document
    assert counts(services.engine) != seeded
    reset_demo(services)
    assert counts(services.engine) == seeded
    assert [p for p in services.documents_dir.iterdir()] == []
    with Session(services.engine) as session:
        for table in (Order, Draft, OutboxMessage, StoredDocument):
            assert session.exec(select(table)).first() is None


def test_each_reset_moves_the_session_epoch_on(services: Services) -> None:
    before = session_epoch(services)
    assert reset_demo(services) == before + 1
    with Session(services.engine) as session:
        assert session.exec(text("SELECT count(*) FROM company")).one()[0] == 2
