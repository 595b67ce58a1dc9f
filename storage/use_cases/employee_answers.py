"""The employee's side of their link: open it, and give their part (the owner's details and
consent, the contract signed online). No account: the link's secret is the only key, and it
opens this one request only; unknown secrets are counted per address and throttled."""

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from domain.business_calendar import to_brussels
from domain.context import FleetContext
from domain.employee_answers import EmployeeAnswers, answered, employee_problems, tidied
from domain.employee_link import (
    EmployeeAction,
    LinkPurpose,
    LinkState,
    asked_parts,
    link_hash,
    link_reference,
)
from domain.fields import format_mobile_number
from domain.invoice_split import contract_basis
from domain.language import Language
from domain.orders import Actor, OrderStatus, PlacedOrder
from domain.request import OrderRequest
from domain.validation import validate_request
from storage.db.tables import EmployeeLinkRow, EmployeeRequest, FleetManager
from storage.documents.contract_pdf import (
    ContractDetails,
    OnlineSignature,
    contract_filename,
    contract_pdf,
    details_for,
)
from storage.documents.files import PendingDocument, write_made
from storage.mail.messages import EmployeeDoneDetails, employee_done_message
from storage.mail.outbox import enqueue
from storage.queries.accounts import signed_in
from storage.queries.employee_requests import Asker, asker_of, link_of
from storage.queries.fleet_context import fleet_context
from storage.use_cases.accounts import TryLater
from storage.use_cases.employee_requests import WAITING_CHANGE, request_entry
from storage.use_cases.orders import Refused, place_in
from storage.use_cases.services import Services

SECRET_MAX_LENGTH = 100  # a link's secret is 43 characters; anything longer opens nothing


@dataclass(frozen=True)
class EmployeePage:
    """What the employee's page shows: who asks, for which line, and what it asks."""

    asker: Asker
    request: OrderRequest
    parts: tuple[LinkPurpose, ...]
    language: Language  # the employee's
    expires_at: datetime
    contract: ContractDetails | None  # the contract to sign, pre-filled


@dataclass(frozen=True)
class ClosedLink:
    """The link no longer opens: why, and whom to ask (in the employee's language)."""

    state: LinkState
    asker: Asker
    language: Language


@dataclass(frozen=True)
class NoSuchLink:
    """No link has this secret (mistyped, or guessed): the page says as little as that."""


@dataclass(frozen=True)
class EmployeeDone:
    """The employee's part is given; ``sent_as``: the order's reference when it went by itself."""

    sent_as: str | None
    asker: Asker
    language: Language


LinkOutcome = ClosedLink | NoSuchLink | TryLater


def open_employee_link(services: Services, secret: str, address: str) -> EmployeePage | LinkOutcome:
    """The page behind the link, or why it does not open."""
    if (wait := services.throttle.link_wait(address)) is not None:
        return TryLater(wait)
    with Session(services.engine) as session:
        found = _find(session, services, secret, address)
        if not isinstance(found, tuple):
            return found
        link, row = found
        request = OrderRequest.from_dict(row.request)
        asker = asker_of(session, row)
        language = Language(row.employee_language)
        context = fleet_context(session, row.company_id)
        contract = _contract(asker, context, request, language, services.clock())
        return EmployeePage(
            asker, request, asked_parts(request), language, link_of(link).expires_at, contract
        )


def give_employee_answers(
    services: Services, secret: str, answers: EmployeeAnswers, address: str
) -> EmployeeDone | Refused | LinkOutcome:
    """Take the employee's part, checked with the wizard's rules: the request answered (and,
    if the fleet manager chose so, sent as an order), the link used up, the fleet manager told.
    Making the signed PDF takes a moment: call it off the event loop."""
    if (wait := services.throttle.link_wait(address)) is not None:
        return TryLater(wait)
    pending: PendingDocument | None = None
    committed = False
    try:
        with Session(services.engine) as session:
            found = _find(session, services, secret, address, lock=True)
            if not isinstance(found, tuple):
                return found
            link, row = found
            outcome = _take(session, services, link, row, answers, address)
            if isinstance(outcome, Refused):
                return outcome
            _merged, pending, placed = outcome
            if pending is not None:
                session.flush()
                pending.publish()
            session.commit()
            committed = True
            done = EmployeeDone(
                placed.reference if placed else None,
                asker_of(session, row),
                Language(row.employee_language),
            )
    finally:
        if pending is not None:
            pending.close(committed=committed)
    services.announce("", row.company_id, WAITING_CHANGE)
    if placed is not None:
        services.announce(placed.reference, row.company_id, OrderStatus.RECEIVED.value)
        services.operator.accept(placed)
    return done


def _take(
    session: Session,
    services: Services,
    link: EmployeeLinkRow,
    row: EmployeeRequest,
    answers: EmployeeAnswers,
    address: str,
) -> Refused | tuple[OrderRequest, PendingDocument | None, PlacedOrder | None]:
    """The employee's answers into the request, in the caller's transaction."""
    now = services.clock()
    request = OrderRequest.from_dict(row.request)
    context = fleet_context(session, row.company_id, request.sim_digits)
    problems = employee_problems(request, answers, context)
    if problems:
        return Refused(tuple(problems))
    merged = answered(request, answers)
    employee = Actor.employee(merged.end_user_name)
    pending = None
    if LinkPurpose.TRANSFER_DETAILS in asked_parts(request):
        session.add(
            request_entry(row, EmployeeAction.TRANSFER_GIVEN, employee, now, _given(merged))
        )
    if LinkPurpose.INVOICE_SPLIT_SIGNATURE in asked_parts(request):
        pending, merged = _sign(session, services, (link, row, context), merged, answers, address)
        session.add(
            request_entry(row, EmployeeAction.CONTRACT_SIGNED, employee, now, row.contract_sha256)
        )
    link.used_at = now
    row.request, row.answered_at, row.answered_from = merged.to_dict(), now, address
    session.add_all([link, row])
    placed = _send_by_itself(session, services, row, merged, context)
    _tell_manager(session, services, row, merged, placed)
    return merged, pending, placed


def _sign(
    session: Session,
    services: Services,
    found: tuple[EmployeeLinkRow, EmployeeRequest, FleetContext],
    merged: OrderRequest,
    answers: EmployeeAnswers,
    address: str,
) -> tuple[PendingDocument, OrderRequest]:
    """The contract as signed online, made and kept; the request's contract is this one."""
    link, row, context = found
    asker = asker_of(session, row)
    now = services.clock()
    details = _contract(asker, context, merged, Language(row.employee_language), now)
    assert details is not None  # the fleet manager's answers were checked before asking
    signature = tidied(answers.signature)
    signed = OnlineSignature(
        signature.full_name,
        signature.private_address,
        signature.iban,
        now,
        link_reference(link.secret_hash),
        address,
    )
    pdf = contract_pdf(details, signed)
    pending = write_made(
        services.documents_dir,
        company_id=row.company_id,
        manager_id=row.manager_id,
        original_name=contract_filename(details),
        pdf=pdf,
    )
    session.add(pending.row)
    row.signed_by, row.contract_sha256 = signature.full_name, pending.row.sha256
    with_contract = dataclasses.replace(merged, invoice_split_contract_id=pending.row.public_id)
    basis = contract_basis(with_contract)
    return pending, dataclasses.replace(with_contract, invoice_split_contract_basis=basis)


def _send_by_itself(
    session: Session,
    services: Services,
    row: EmployeeRequest,
    merged: OrderRequest,
    context: FleetContext,
) -> PlacedOrder | None:
    """The order, when the fleet manager chose "send when the employee is done" and nothing
    stops it (else the request waits for the fleet manager, who sees why)."""
    if not merged.send_when_employee_done:
        return None
    checked = fleet_context(session, row.company_id, merged.sim_digits)
    if validate_request(merged, checked):
        return None
    manager_row = session.get(FleetManager, row.manager_id)
    assert manager_row is not None
    manager = signed_in(session, manager_row)
    session.flush()  # the signed contract's row, which the order takes
    placed = place_in(session, services, manager, merged, row.submission_key, checked)
    if placed is not None:
        row.order_id = placed.order_id
        session.add(request_entry(row, EmployeeAction.SENT_BY_ITSELF, None, services.clock()))
    return placed


def _tell_manager(
    session: Session,
    services: Services,
    row: EmployeeRequest,
    merged: OrderRequest,
    placed: PlacedOrder | None,
) -> None:
    asker = asker_of(session, row)
    number = merged.transfer_number
    mail = employee_done_message(
        EmployeeDoneDetails(
            language=asker.manager_language,
            manager_name=asker.manager_name,
            manager_email=asker.manager_email,
            employee_name=merged.end_user_name,
            number_display=format_mobile_number(number) if number else None,
            sent_as=placed.reference if placed else None,
            url=f"{services.public_url.rstrip('/')}/orders" if services.public_url else None,
        )
    )
    enqueue(session, mail, company_id=row.company_id, order_id=placed.order_id if placed else None)


def _find(
    session: Session, services: Services, secret: str, address: str, *, lock: bool = False
) -> tuple[EmployeeLinkRow, EmployeeRequest] | LinkOutcome:
    """The open link with this secret and its request, or why not; an unknown one counts
    against the address."""
    query = select(EmployeeLinkRow).where(
        EmployeeLinkRow.secret_hash == link_hash(secret[: SECRET_MAX_LENGTH + 1])
    )
    link = session.exec(query.with_for_update() if lock else query).first()
    row = session.get(EmployeeRequest, link.employee_request_id) if link else None
    if link is None or row is None or len(secret) > SECRET_MAX_LENGTH:
        if looks_like_a_secret(secret):  # a guess; anything else opens nothing either way
            services.throttle.link_missed(address)
        return NoSuchLink()
    state = link_of(link).state(services.clock())
    if state is not LinkState.OPEN:
        return ClosedLink(state, asker_of(session, row), Language(row.employee_language))
    return link, row


def looks_like_a_secret(text: str) -> bool:
    """Whether ``text`` has a link secret's shape (43 characters of URL-safe base64)."""
    return _SECRET_SHAPE.fullmatch(text) is not None


_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def _contract(
    asker: Asker, context: FleetContext, request: OrderRequest, language: Language, now: datetime
) -> ContractDetails | None:
    if LinkPurpose.INVOICE_SPLIT_SIGNATURE not in asked_parts(request):
        return None
    company = (asker.company_name, asker.enterprise_number)
    return details_for(company, context, request, language, to_brussels(now).date())


def _given(request: OrderRequest) -> str:
    """What the employee gave, as the history shows it (values only: no language)."""
    values = (
        request.owner_name,
        request.enterprise_number,
        request.donor_iccid,
        request.donor_customer_number,
    )
    return " · ".join(value for value in values if value)
