"""Signing in (Argon2 via pwdlib) and remembering a fleet manager's language."""

from sqlmodel import Session, select

from domain.fields import EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH
from domain.language import Language
from storage.db.passwords import decoy_hash, hasher
from storage.db.tables import FleetManager, OperatorAgent
from storage.queries.accounts import SignedInAgent, SignedInManager, signed_in, signed_in_agent
from storage.use_cases.services import Services


def sign_in(
    services: Services, email: str, password: str
) -> SignedInManager | SignedInAgent | None:
    """The fleet manager, or the operator's agent, if e-mail and password match, else None
    (same work either way). Argon2 takes a tenth of a second: call it off the event loop."""
    address = email.strip().lower()
    if len(address) > EMAIL_MAX_LENGTH or len(password) > PASSWORD_MAX_LENGTH:
        hasher.verify("", decoy_hash())  # no account has it; the same cost as a real check
        return None
    with Session(services.engine) as session:
        manager = session.exec(select(FleetManager).where(FleetManager.email == address)).first()
        agent = session.exec(select(OperatorAgent).where(OperatorAgent.email == address)).first()
        account = manager or agent
        if account is None:
            hasher.verify(password, decoy_hash())  # same cost as a real check
            return None
        if not hasher.verify(password, account.password_hash):
            return None
        if manager is not None:
            return signed_in(session, manager)
        assert agent is not None
        return signed_in_agent(agent)


def remember_language(services: Services, manager_id: int, language: Language) -> None:
    with Session(services.engine) as session:
        manager = session.get(FleetManager, manager_id)
        if manager is not None:
            manager.language = language.value
            session.add(manager)
            session.commit()
