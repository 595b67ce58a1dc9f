"""Fleet manager accounts: password check (Argon2 via pwdlib) and remembered language."""

from dataclasses import dataclass
from functools import cache

from pwdlib import PasswordHash
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db.tables import Company, FleetManager

_hasher = PasswordHash.recommended()


@cache
def _decoy_hash() -> str:
    return _hasher.hash("decoy password, never matches")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@dataclass(frozen=True)
class SignedInManager:
    id: int
    company_id: int
    company_name: str
    company_enterprise_number: str
    name: str
    email: str
    language: str


def authenticate(engine: Engine, email: str, password: str) -> SignedInManager | None:
    """The manager if e-mail and password match, else None (same work either way)."""
    with Session(engine) as session:
        manager = session.exec(
            select(FleetManager).where(FleetManager.email == email.strip().lower())
        ).first()
        if manager is None:
            _hasher.verify(password, _decoy_hash())  # same cost as a real check
            return None
        if not _hasher.verify(password, manager.password_hash):
            return None
        return _signed_in(session, manager)


def find_manager(engine: Engine, manager_id: int) -> SignedInManager | None:
    with Session(engine) as session:
        manager = session.get(FleetManager, manager_id)
        return _signed_in(session, manager) if manager else None


def remember_language(engine: Engine, manager_id: int, language: str) -> None:
    with Session(engine) as session:
        manager = session.get(FleetManager, manager_id)
        if manager is not None:
            manager.language = language
            session.add(manager)
            session.commit()


def _signed_in(session: Session, manager: FleetManager) -> SignedInManager:
    company = session.get(Company, manager.company_id)
    assert manager.id is not None and company is not None
    return SignedInManager(
        id=manager.id,
        company_id=manager.company_id,
        company_name=company.name,
        company_enterprise_number=company.enterprise_number,
        name=manager.name,
        email=manager.email,
        language=manager.language,
    )
