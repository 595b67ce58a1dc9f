"""The fleet manager's side of the employee's link: send the request to the employee, send a
new link, cancel, check the answers in the wizard; and the reminder 2 days on."""

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from domain.employee_link import (
    LINK_LIFETIME,
    EmployeeAction,
    LinkState,
    WaitingState,
    asked_parts,
    link_hash,
    new_link_secret,
    reminder_due,
)
from domain.fields import format_mobile_number
from domain.orders import Actor
from domain.problems import Problem
from domain.request import OrderRequest
from domain.texts import N_
from domain.validation import normalise, validate_asking
from locales import translate_to
from storage.db.tables import EmployeeEntry, EmployeeLinkRow, EmployeeRequest, utc_now
from storage.mail.messages import EmployeeLinkDetails, OutgoingMail, employee_link_message
from storage.mail.outbox import enqueue
from storage.queries.accounts import SignedInManager
from storage.queries.drafts import DraftState, manager_draft
from storage.queries.employee_requests import (
    asker_of,
    current_link,
    link_of,
    state_of,
)
from storage.queries.fleet_context import fleet_context
from storage.use_cases.drafts import Saved, write_draft
from storage.use_cases.order_life import NotFound, stored_actor
from storage.use_cases.orders import Refused, delete_draft
from storage.use_cases.services import Services

WAITING_CHANGE = "employee"  # what the announcement of a waiting request's change says


@dataclass(frozen=True)
class AskedEmployee:
    """The request went to the employee: their address and until when the link works."""

    request_id: int
    email: str
    expires_at: datetime


@dataclass(frozen=True)
class NotWaiting:
    """The request is no longer waiting for the employee (answered, sent or cancelled)."""

    state: WaitingState


def ask_employee(
    services: Services, manager: SignedInManager, request: OrderRequest, submission_key: str
) -> AskedEmployee | Refused:
    """Send the request to the employee for their part: checked as far as the fleet manager
    answers it, kept with its draft's key (a second Send gives back the first), the draft gone."""
    now = services.clock()
    with Session(services.engine) as session:
        existing = _by_key(session, manager.company_id, submission_key)
        if existing is not None:
            return _asked(session, existing)
        context = fleet_context(session, manager.company_id, normalise(request).sim_digits)
        problems = validate_asking(request, context)
        if not asked_parts(request):
            problems.append(Problem("employee_answered", NOTHING_ASKED))
        if problems:
            return Refused(tuple(problems))
        kept = normalise(request)
        row = EmployeeRequest(
            company_id=manager.company_id,
            manager_id=manager.id,
            submission_key=submission_key,
            request=kept.to_dict(),
            employee_email=kept.employee_email,
            employee_language=str(kept.employee_language),
            created_at=now,
        )
        session.add(row)
        try:
            session.flush()  # the unique submission key: a second tab's Send at the same time
        except IntegrityError:
            session.rollback()
            again = _by_key(session, manager.company_id, submission_key)
            assert again is not None
            return _asked(session, again)
        _send_link(session, services, row, EmployeeAction.ASKED, _actor(manager))
        delete_draft(session, manager.id, submission_key)
        asked = _asked(session, row)
        session.commit()
    _announce(services, manager.company_id)
    return asked


NOTHING_ASKED = N_("Nothing is asked of the employee: choose “Ask the employee” first.")


def resend_employee_link(
    services: Services, manager: SignedInManager, request_id: int
) -> AskedEmployee | NotFound | NotWaiting:
    """A new link, valid 7 days from now; the one before no longer opens."""
    with Session(services.engine) as session:
        row = _company_request(session, manager.company_id, request_id)
        if row is None:
            return NotFound()
        state = state_of(session, row, services.clock())
        if state not in (WaitingState.WAITING, WaitingState.EXPIRED):
            return NotWaiting(state)
        _send_link(session, services, row, EmployeeAction.LINK_SENT_AGAIN, _actor(manager))
        asked = _asked(session, row)
        session.commit()
    _announce(services, manager.company_id)
    return asked


def cancel_employee_request(
    services: Services, manager: SignedInManager, request_id: int
) -> NotFound | NotWaiting | None:
    """Withdraw the link and drop the request (an answered one too: nothing was sent)."""
    now = services.clock()
    with Session(services.engine) as session:
        row = _company_request(session, manager.company_id, request_id)
        if row is None:
            return NotFound()
        state = state_of(session, row, now)
        if state in (WaitingState.SENT, WaitingState.CANCELLED):
            return NotWaiting(state)
        link = current_link(session, row.id)
        assert link is not None
        if link.used_at is None:
            link.revoked_at = now
            session.add(link)
        row.cancelled_at = now
        session.add(row)
        session.add(request_entry(row, EmployeeAction.CANCELLED, _actor(manager), now))
        session.commit()
    _announce(services, manager.company_id)
    return None


def check_employee_answers(
    services: Services, manager: SignedInManager, request_id: int
) -> DraftState | NotFound | NotWaiting:
    """Open the wizard's check-your-answers on the request with the employee's part in it
    (replacing the manager's draft); sending it places the order under the request's key."""
    with Session(services.engine) as session:
        row = _company_request(session, manager.company_id, request_id)
        if row is None:
            return NotFound()
        state = state_of(session, row, services.clock())
        if state is not WaitingState.ANSWERED:
            return NotWaiting(state)
        current = manager_draft(session, manager.id)
        draft = DraftState(
            request=OrderRequest.from_dict(row.request),
            step="check",
            returning_to_summary=False,
            submission_key=row.submission_key,
            version=current.version if current else 0,
        )
        outcome = write_draft(session, manager, draft)
        session.commit()
    assert isinstance(outcome, Saved)
    return dataclasses.replace(draft, version=outcome.version)


def remind_employees(services: Services) -> int:
    """Send the one reminder (with a new link) to every employee who has not answered 2 days
    after their link; how many went. Called by a periodic task of every instance: each
    reminder is claimed first (a conditional UPDATE), so it goes once whichever runs it."""
    now = services.clock()
    reminded = [_remind(services, request_id, now) for request_id in _due_reminders(services, now)]
    companies = {company for company in reminded if company is not None}
    for company_id in companies:
        _announce(services, company_id)
    return sum(company is not None for company in reminded)


def _due_reminders(services: Services, now: datetime) -> list[int]:
    with Session(services.engine) as session:
        query = select(EmployeeRequest).where(
            col(EmployeeRequest.answered_at).is_(None),
            col(EmployeeRequest.cancelled_at).is_(None),
            col(EmployeeRequest.reminded_at).is_(None),
        )
        due = []
        for row in session.exec(query).all():
            link = current_link(session, row.id)
            if row.id is not None and link is not None and reminder_due(link_of(link), False, now):
                due.append(row.id)
        return due


def _remind(services: Services, request_id: int, now: datetime) -> int | None:
    """One reminder in a transaction of its own, if no one sent it meanwhile; its company."""
    with Session(services.engine) as session:
        claimed: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(EmployeeRequest)
            .where(
                col(EmployeeRequest.id) == request_id,
                col(EmployeeRequest.reminded_at).is_(None),
                col(EmployeeRequest.answered_at).is_(None),
                col(EmployeeRequest.cancelled_at).is_(None),
            )
            .values(reminded_at=now)
        )
        if claimed.rowcount != 1:  # another instance's sweep, or the employee answered meanwhile
            session.rollback()
            return None
        row = session.get(EmployeeRequest, request_id)
        assert row is not None
        _send_link(session, services, row, EmployeeAction.REMINDED, None, reminder=True)
        session.commit()
        return row.company_id


def _send_link(
    session: Session,
    services: Services,
    row: EmployeeRequest,
    action: EmployeeAction,
    actor: Actor | None,
    *,
    reminder: bool = False,
) -> None:
    """A new link (replacing the one before), its history entry and its e-mail."""
    now = services.clock()
    before = current_link(session, row.id)
    if before is not None and link_of(before).state(now) is LinkState.OPEN:
        before.replaced = True
        session.add(before)
    secret = new_link_secret()
    assert row.id is not None
    session.add(
        EmployeeLinkRow(employee_request_id=row.id, secret_hash=link_hash(secret), created_at=now)
    )
    session.add(row)
    entry = request_entry(row, action, actor, now, detail=row.employee_email)
    session.add(entry)
    mail = _link_mail(session, services, row, secret, now, reminder)
    enqueue(session, mail, company_id=row.company_id, now=utc_now())  # the demo mailbox shows it


def _link_mail(
    session: Session,
    services: Services,
    row: EmployeeRequest,
    secret: str,
    now: datetime,
    reminder: bool,
) -> OutgoingMail:
    request = OrderRequest.from_dict(row.request)
    asker = asker_of(session, row)
    language = row.employee_language
    return employee_link_message(
        EmployeeLinkDetails(
            language=language,
            employee_name=request.end_user_name,
            employee_email=row.employee_email,
            company_name=asker.company_name,
            manager_name=asker.manager_name,
            number_display=format_mobile_number(request.transfer_number)
            if request.transfer_number
            else None,
            parts=[translate_to(language, part.label) for part in asked_parts(request)],
            url=f"{services.app_url.rstrip('/')}/employee/{secret}",
            expires=now + LINK_LIFETIME,
            reminder=reminder,
        )
    )


def request_entry(
    row: EmployeeRequest,
    action: EmployeeAction,
    actor: Actor | None,
    at: datetime,
    detail: str | None = None,
) -> EmployeeEntry:
    """A history entry of the request; ``actor`` None: the app itself."""
    assert row.id is not None
    return EmployeeEntry(
        employee_request_id=row.id,
        at=at,
        action=action.value,
        actor=stored_actor(actor) if actor else "system",
        actor_name=actor.name if actor else None,
        detail=detail,
    )


def _actor(manager: SignedInManager) -> Actor:
    return Actor.fleet_manager(manager.id, manager.name)


def _asked(session: Session, row: EmployeeRequest) -> AskedEmployee:
    link = current_link(session, row.id)
    assert row.id is not None and link is not None
    return AskedEmployee(row.id, row.employee_email, link_of(link).expires_at)


def _by_key(session: Session, company_id: int, submission_key: str) -> EmployeeRequest | None:
    return session.exec(
        select(EmployeeRequest).where(
            EmployeeRequest.submission_key == submission_key,
            EmployeeRequest.company_id == company_id,
        )
    ).first()


def _company_request(session: Session, company_id: int, request_id: int) -> EmployeeRequest | None:
    """The company's request, locked until the transaction ends; another company's is none."""
    query = (
        select(EmployeeRequest)
        .where(EmployeeRequest.id == request_id, EmployeeRequest.company_id == company_id)
        .with_for_update()
    )
    return session.exec(query).first()


def _announce(services: Services, company_id: int) -> None:
    services.announce("", company_id, WAITING_CHANGE)
