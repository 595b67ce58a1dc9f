"""Sign-in sessions (ASVS V3): a random token in the browser's cookie, its hash in the database.

A sign-in gives a one-use ticket that expires within a minute; an HTTP request exchanges it
for the session token, so the cookie is new at every sign-in (no session fixation). A session
ends at sign-out, at a password change, at a demo reset (its row is deleted), after
`Services.session_idle` without a request and `Services.session_lifetime` after sign-in.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from storage.db.passwords import hash_password
from storage.db.tables import FleetManager, OperatorAgent, SignInSession
from storage.queries.accounts import SignedInAgent, SignedInManager, signed_in, signed_in_agent
from storage.use_cases.services import Services

TICKET_LIFETIME = timedelta(minutes=1)
# A session's last request is written at most this often: not a database write per click.
SEEN_EVERY = timedelta(minutes=1)
KEPT_AFTER_END = timedelta(days=1)  # ended sessions' rows, then they are deleted

Person = SignedInManager | SignedInAgent


@dataclass(frozen=True)
class StartedSession:
    token: str  # for the cookie only: the database keeps its hash
    person: Person


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(services: Services, person: Person) -> str:
    """A one-use ticket for `person`, to exchange with `start_session` within a minute."""
    ticket = secrets.token_urlsafe(32)
    now = services.clock()
    manager = isinstance(person, SignedInManager)
    row = SignInSession(
        ticket_hash=digest(ticket),
        manager_id=person.id if manager else None,
        agent_id=None if manager else person.id,
        created_at=now,
        last_seen_at=now,
    )
    with Session(services.engine) as session:
        session.add(row)
        session.commit()
    return ticket


def start_session(services: Services, ticket: str) -> StartedSession | None:
    """The session's token and its person; None for a used, expired or unknown ticket."""
    now = services.clock()
    with Session(services.engine) as session:
        row = session.exec(
            select(SignInSession).where(SignInSession.ticket_hash == digest(ticket))
        ).first()
        if row is None or row.ended_at is not None or now - row.created_at > TICKET_LIFETIME:
            return None
        token = secrets.token_urlsafe(32)
        row.token_hash, row.ticket_hash, row.last_seen_at = digest(token), None, now
        person = _person(session, row)
        session.add(row)
        session.commit()
        return StartedSession(token, person) if person else None


def resume_session(services: Services, token: str | None) -> Person | None:
    """Who the session of `token` serves, if it is still open; it counts as activity."""
    if not token:
        return None
    now = services.clock()
    with Session(services.engine) as session:
        row = _open_row(session, token)
        if row is None:
            return None
        if _expired(services, row, now):
            row.ended_at = now
        elif now - row.last_seen_at >= SEEN_EVERY:
            row.last_seen_at = now
        else:
            return _person(session, row)
        session.add(row)
        session.commit()
        return None if row.ended_at else _person(session, row)


def end_session(services: Services, token: str | None) -> None:
    """Sign-out: the session ends for every page and request that carries it."""
    if not token:
        return
    with Session(services.engine) as session:
        row = _open_row(session, token)
        if row is not None:
            row.ended_at = services.clock()
            session.add(row)
            session.commit()


def keep_sessions(services: Services, tokens: set[str], active: set[str]) -> set[str]:
    """Which of `tokens` still have an open session; those in `active` (pages with events
    since the last look) count as used now, so typing in a page keeps its session alive."""
    by_hash = {digest(token): token for token in tokens}
    now = services.clock()
    with Session(services.engine) as session:
        rows = session.exec(
            select(SignInSession).where(
                col(SignInSession.token_hash).in_(by_hash), col(SignInSession.ended_at).is_(None)
            )
        ).all()
        kept = {
            by_hash[r.token_hash] for r in rows if r.token_hash and not _expired(services, r, now)
        }
        for row in rows:
            if row.token_hash and by_hash[row.token_hash] in kept & active:
                row.last_seen_at = now
                session.add(row)
        session.commit()
        return kept


def forget_old_sessions(services: Services) -> int:
    """Delete the rows of sessions over for a day (ended, past their lifetime, or a ticket
    never used): the table keeps what is open and the recent past only. How many went."""
    now = services.clock()
    over = now - KEPT_AFTER_END
    with Session(services.engine) as session:
        rows = session.exec(
            select(SignInSession).where(
                or_(
                    col(SignInSession.ended_at) < over,
                    col(SignInSession.created_at) < over - services.session_lifetime,
                    and_(
                        col(SignInSession.token_hash).is_(None),
                        col(SignInSession.created_at) < over,
                    ),
                )
            )
        ).all()
        for row in rows:
            session.delete(row)
        session.commit()
        return len(rows)


def change_password(services: Services, person: Person, password: str) -> None:
    """A new password; every session of that person ends, on every device."""
    table = FleetManager if isinstance(person, SignedInManager) else OperatorAgent
    owner = SignInSession.manager_id if table is FleetManager else SignInSession.agent_id
    with Session(services.engine) as session:
        account = session.get(table, person.id)
        if account is None:
            return
        account.password_hash = hash_password(password)
        session.add(account)
        for row in session.exec(select(SignInSession).where(owner == person.id)).all():
            row.ended_at = row.ended_at or services.clock()
            session.add(row)
        session.commit()


def _open_row(session: Session, token: str) -> SignInSession | None:
    return session.exec(
        select(SignInSession).where(
            SignInSession.token_hash == digest(token), col(SignInSession.ended_at).is_(None)
        )
    ).first()


def _expired(services: Services, row: SignInSession, now: datetime) -> bool:
    idle = now - row.last_seen_at > services.session_idle
    return idle or now - row.created_at > services.session_lifetime


def _person(session: Session, row: SignInSession) -> Person | None:
    if row.manager_id is not None:
        manager = session.get(FleetManager, row.manager_id)
        return signed_in(session, manager) if manager else None
    agent = session.get(OperatorAgent, row.agent_id) if row.agent_id is not None else None
    return signed_in_agent(agent) if agent else None
