"""API tokens: made, named and revoked by a fleet manager; each random, shown once, kept only
as its SHA-256, scoped to the company, read-only or read-write; it acts as who made it."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.fields import tidy_text
from domain.texts import N_
from storage.db.tables import ApiToken, FleetManager
from storage.queries.accounts import SignedInManager, signed_in
from storage.use_cases.services import Services

PREFIX = "fs_"  # tells a secret scanner (and a person) what the string is
NAME_MAX_LENGTH = 80
NAME_MISSING = N_("Give the token a name, like the system that will use it.")
NAME_TOO_LONG = N_("Keep the name to 80 characters at most.")
# A token's last use is written at most this often: a busy integration is not a write a call.
LAST_USED_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    shown_start: str
    can_write: bool
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    made_by: str


@dataclass(frozen=True)
class NewToken:
    """The secret, shown this once, and the token as listed."""

    secret: str
    info: TokenInfo


@dataclass(frozen=True)
class TokenRefused:
    message_id: str


@dataclass(frozen=True)
class ApiCaller:
    """Who calls the API: the token (for the log), its company's fleet manager who made it."""

    token_id: int
    token_name: str
    can_write: bool
    manager: SignedInManager


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(
    services: Services, manager: SignedInManager, name: str, can_write: bool
) -> NewToken | TokenRefused:
    tidy = tidy_text(name)
    if not tidy:
        return TokenRefused(NAME_MISSING)
    if len(tidy) > NAME_MAX_LENGTH:
        return TokenRefused(NAME_TOO_LONG)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        company_id=manager.company_id,
        manager_id=manager.id,
        name=tidy,
        secret_hash=secret_hash(secret),
        shown_start=secret[:8],
        can_write=can_write,
        created_at=services.clock(),
    )
    with Session(services.engine) as session:
        session.add(token)
        session.commit()
        session.refresh(token)
        return NewToken(secret, _info(token, manager.name))


def revoke_api_token(services: Services, manager: SignedInManager, token_id: int) -> bool:
    """Revoke one of the company's tokens at once; False: no such token of the company."""
    with Session(services.engine) as session:
        token = session.get(ApiToken, token_id)
        if token is None or token.company_id != manager.company_id:
            return False
        if token.revoked_at is None:
            token.revoked_at = services.clock()
            session.add(token)
            session.commit()
        return True


def api_tokens(engine: Engine, company_id: int) -> list[TokenInfo]:
    """The company's tokens, newest first, revoked ones included (marked)."""
    with Session(engine) as session:
        rows = session.exec(
            select(ApiToken, FleetManager.name)
            .join(FleetManager, col(FleetManager.id) == col(ApiToken.manager_id))
            .where(ApiToken.company_id == company_id)
            .order_by(col(ApiToken.id).desc())
        ).all()
        return [_info(token, made_by) for token, made_by in rows]


def authenticate_api_token(services: Services, secret: str) -> ApiCaller | None:
    """The caller of a valid, unrevoked token whose fleet manager still exists; else None."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    now = services.clock()
    with Session(services.engine) as session:
        token = session.exec(
            select(ApiToken).where(ApiToken.secret_hash == secret_hash(secret))
        ).first()
        if token is None or token.revoked_at is not None or token.id is None:
            return None
        manager = session.get(FleetManager, token.manager_id)
        if manager is None:
            return None
        caller = ApiCaller(token.id, token.name, token.can_write, signed_in(session, manager))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
            token.last_used_at = now
            session.add(token)
            session.commit()
        return caller


def _info(token: ApiToken, made_by: str) -> TokenInfo:
    assert token.id is not None
    return TokenInfo(
        token.id,
        token.name,
        token.shown_start,
        token.can_write,
        token.created_at,
        token.last_used_at,
        token.revoked_at,
        made_by,
    )
