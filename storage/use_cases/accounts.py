"""Signing in (Argon2 via pwdlib, throttled) and remembering a fleet manager's language."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from domain.fields import EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, missing_sign_in_answers
from domain.language import Language
from storage.db.passwords import decoy_hash, hasher
from storage.db.tables import FleetManager, OperatorAgent
from storage.queries.accounts import SignedInAgent, SignedInManager, signed_in, signed_in_agent
from storage.throttle import argon2_turn
from storage.use_cases.services import Services


@dataclass(frozen=True)
class TryLater:
    """Too many failed tries for this account or from this address: no check until `at`."""

    at: datetime


@dataclass(frozen=True)
class Incomplete:
    """The e-mail or the password is empty: ``missing`` (message ids) says what to fill in.
    Nothing was checked, so nothing tells whether the account exists, and no try is counted."""

    missing: tuple[str, ...]


def sign_in(
    services: Services, email: str, password: str, address: str = "unknown"
) -> SignedInManager | SignedInAgent | TryLater | Incomplete | None:
    """The fleet manager, or the operator's agent, if e-mail and password match, else None
    (same work either way); `TryLater` once the failures from `address` or for this e-mail
    reach the limit; `Incomplete` when one is empty. Argon2 takes a tenth of a second: call it
    off the event loop."""
    if missing := missing_sign_in_answers(email, password):
        return Incomplete(missing)
    typed = email.strip().lower()
    wait = services.throttle.wait_until(typed, address)
    if wait is not None:
        return TryLater(wait)
    person = _check(services, typed, password)
    if person is None:
        services.throttle.failed(typed, address)
    else:
        services.throttle.forget(typed)
    return person


def _check(services: Services, typed: str, password: str) -> SignedInManager | SignedInAgent | None:
    if len(typed) > EMAIL_MAX_LENGTH or len(password) > PASSWORD_MAX_LENGTH:
        with argon2_turn():
            hasher.verify("", decoy_hash())  # no account has it; the same cost as a real check
        return None
    with Session(services.engine) as session:
        manager = session.exec(select(FleetManager).where(FleetManager.email == typed)).first()
        agent = session.exec(select(OperatorAgent).where(OperatorAgent.email == typed)).first()
        account = manager or agent
        with argon2_turn():
            # No account: the same cost as a real check, so the time tells nothing either.
            matches = hasher.verify(password, account.password_hash if account else decoy_hash())
        if account is None or not matches:
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
