"""A rejected order, corrected by the fleet manager and sent again: the same reference, a new
entry in its history, a new expected completion from the moment it is sent again."""

import dataclasses
import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from domain.esim import new_activation_code
from domain.orders import Actor, IllegalTransition, OrderStatus, PlacedOrder, transition
from domain.problems import Problem
from domain.rejections import rejection_reason
from domain.request import OrderRequest, SimKind
from domain.steps import Step, step_of
from domain.validation import SIM_ALREADY_USED, normalise, validate_request
from storage.db.tables import Order
from storage.documents.files import attach_to_order
from storage.mail.order_mails import write_order_mails
from storage.queries.accounts import SignedInManager
from storage.queries.drafts import DraftState, manager_draft
from storage.queries.fleet_context import fleet_context, sim_in_use
from storage.queries.orders import company_order, placed_order
from storage.use_cases.drafts import Saved, write_draft
from storage.use_cases.order_life import NotFound, NotNow, history_entry, moved
from storage.use_cases.orders import CONTRACT_GONE, Refused, ordered
from storage.use_cases.services import Services
from storage.webhooks.events import tell_order


def resubmit_order(
    services: Services, manager: SignedInManager, reference: str, request: OrderRequest
) -> PlacedOrder | Refused | NotFound | NotNow:
    """Send the rejected order again with the corrected ``request``, checked as a new one."""
    actor = Actor.fleet_manager(manager.id, manager.name)
    with Session(services.engine) as session:
        order = company_order(session, manager.company_id, reference)
        if order is None:
            return NotFound()
        current = OrderStatus(order.status)
        try:
            change = transition(current, OrderStatus.RECEIVED, services.clock(), actor=actor)
        except IllegalTransition:
            return NotNow(current)
        sim = normalise(request).sim_digits
        context = fleet_context(session, manager.company_id, sim)
        problems = validate_request(request, context)
        if problems:
            return Refused(tuple(problems))
        if not moved(session, order, change):
            session.rollback()
            return NotNow(OrderStatus(order.status))
        code_before = order.esim_activation_code
        if not _corrected(session, services, order, normalise(request)):
            session.rollback()
            return Refused((Problem("invoice_split_contract_id", CONTRACT_GONE),))
        session.add(history_entry(order, change))
        _delete_correction(session, manager, reference)
        placed = placed_order(order)
        new_code = placed.esim_activation_code != code_before  # else the end user has it
        write_order_mails(
            session, manager, context, placed, services.public_url, esim_profile=new_code
        )
        tell_order(session, manager.company_id, reference, OrderStatus.RECEIVED, change.at)
        try:
            session.commit()
        except IntegrityError:  # another order took the SIM card at the same moment
            session.rollback()
            if sim and sim_in_use(session, sim):
                return Refused((Problem("sim_digits", SIM_ALREADY_USED),))
            raise
    services.announce(reference, manager.company_id, OrderStatus.RECEIVED.value)
    services.operator.accept(placed)
    return placed


def _corrected(session: Session, services: Services, order: Order, request: OrderRequest) -> bool:
    """Write the corrected answers into the order; False if a new contract is gone."""
    new_contract = request.invoice_split_contract_id
    if new_contract and new_contract != order.contract_document_id:
        assert order.id is not None
        if not attach_to_order(
            session, company_id=order.company_id, public_id=new_contract, order_id=order.id
        ):
            return False
    for column, value in ordered(request, services.clock()).items():
        setattr(order, column, value)
    if request.sim_kind is not SimKind.ESIM:
        order.esim_activation_code = None
    elif order.esim_activation_code is None:
        order.esim_activation_code = str(new_activation_code(services.smdp_address))
    session.add(order)
    return True


def start_correction(
    services: Services, manager: SignedInManager, reference: str
) -> DraftState | NotFound | NotNow:
    """Open the wizard's draft on a rejected order's answers, at the first step the reason
    concerns; sending it then resubmits that order. It replaces the manager's draft."""
    with Session(services.engine) as session:
        order = company_order(session, manager.company_id, reference)
        if order is None:
            return NotFound()
        if order.status != OrderStatus.REJECTED:
            return NotNow(OrderStatus(order.status))
        reason = rejection_reason(order.rejection_reason)
        steps = [step_of(field) for field in (reason.fields if reason else ())]
        first = next((step for step in steps if step is not None), Step.REQUEST_TYPE)
        current = manager_draft(session, manager.id)
        state = DraftState(
            request=OrderRequest.from_dict(order.request),
            step=first.value,
            returning_to_summary=False,
            submission_key=uuid.uuid4().hex,
            version=current.version if current else 0,
            correcting=reference,
        )
        outcome = write_draft(session, manager, state)
        session.commit()
    assert isinstance(outcome, Saved)
    return dataclasses.replace(state, version=outcome.version)


def _delete_correction(session: Session, manager: SignedInManager, reference: str) -> None:
    draft = manager_draft(session, manager.id)
    if draft is not None and draft.correcting == reference:
        session.delete(draft)
