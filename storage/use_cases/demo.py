"""Putting the demo back as seeded, for the next presentation: every order, draft, e-mail and
document goes, the demo data comes back, and every session from before ends."""

from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, select

from storage.db.seed import seed_into
from storage.db.tables import DemoReset
from storage.documents.files import discard_all_files
from storage.use_cases.services import Services


def reset_demo(services: Services) -> int:
    """Empty every table but the record of resets, seed again, in one transaction; then
    remove the stored files. Returns the new session epoch (sessions of another one end)."""
    with Session(services.engine) as session:
        for table in reversed(SQLModel.metadata.sorted_tables):  # children before parents
            if table.name != DemoReset.__tablename__:
                session.execute(delete(table))
        seed_into(session)
        session.add(DemoReset())
        session.commit()
    discard_all_files(services.documents_dir)
    return session_epoch(services)


def session_epoch(services: Services) -> int:
    """How many times the demo was reset: a session records it when it starts."""
    with Session(services.engine) as session:
        return int(session.exec(select(func.count()).select_from(DemoReset)).one())
