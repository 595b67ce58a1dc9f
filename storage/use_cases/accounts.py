"""Signing in (Argon2 via pwdlib) and remembering a fleet manager's language."""

from functools import cache

from pwdlib import PasswordHash
from sqlmodel import Session, select

from domain.language import Language
from storage.db.tables import FleetManager
from storage.queries.accounts import SignedInManager, signed_in
from storage.use_cases.services import Services

_hasher = PasswordHash.recommended()


@cache
def _decoy_hash() -> str:
    return _hasher.hash("decoy password, never matches")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def sign_in(services: Services, email: str, password: str) -> SignedInManager | None:
    """The manager if e-mail and password match, else None (same work either way). Argon2
    takes a tenth of a second: call it off the event loop."""
    with Session(services.engine) as session:
        manager = session.exec(
            select(FleetManager).where(FleetManager.email == email.strip().lower())
        ).first()
        if manager is None:
            _hasher.verify(password, _decoy_hash())  # same cost as a real check
            return None
        if not _hasher.verify(password, manager.password_hash):
            return None
        return signed_in(session, manager)


def remember_language(services: Services, manager_id: int, language: Language) -> None:
    with Session(services.engine) as session:
        manager = session.get(FleetManager, manager_id)
        if manager is not None:
            manager.language = language.value
            session.add(manager)
            session.commit()
