"""An eSIM after its order: the fleet manager sends the profile e-mail again (to the same or a
new address), issues a new activation code or looks at the code again; the operator marks the
profile installed. Each is one transaction with its history entry and its e-mails, on the
company's own order only (another company's reads as not found)."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from domain.esim import new_activation_code
from domain.esim_care import CARED_FOR, EsimAction, next_send_at
from domain.fields import Invalid, check_email
from domain.language import Language
from domain.orders import OPERATOR, Actor, OrderStatus
from domain.request import OrderRequest, SimKind
from storage.db.tables import EsimEntry, Order
from storage.mail.order_mails import write_esim_profile_mail
from storage.queries.accounts import SignedInManager
from storage.queries.keys import lookup_key
from storage.queries.orders import OrderView, as_utc, order_view, placed_order
from storage.use_cases.order_life import NotFound, NotNow, stored_actor
from storage.use_cases.services import Services


@dataclass(frozen=True)
class TooSoon:
    """The profile e-mail was sent the most times a day allows: again from ``at``."""

    at: datetime


@dataclass(frozen=True)
class CodeShown:
    """The activation code of the eSIM as it stands (the only one that works)."""

    code: str


@dataclass(frozen=True)
class EmailRefused:
    """The new address breaks a rule: ``message`` (a message id) says what to do."""

    invalid: Invalid


EsimOutcome = OrderView | NotFound | NotNow
# What an action does to the order (and the e-mails it writes), inside its transaction.
Work = Callable[[Session, Order], None]


def resend_esim_mail(
    services: Services, manager: SignedInManager, reference: str, copy_to_manager: bool = False
) -> EsimOutcome | TooSoon:
    """The profile e-mail again, with the same code, to the end user (and a copy to the fleet
    manager if asked): at most ``SENDS_PER_DAY`` in 24 hours."""

    def send(session: Session, order: Order) -> None:
        write_esim_profile_mail(session, manager, placed_order(order), copy_to_manager)

    return _act(services, manager, reference, EsimAction.RESENT, send)


def change_esim_recipient(
    services: Services,
    manager: SignedInManager,
    reference: str,
    email: str,
    language: Language,
) -> EsimOutcome | TooSoon | EmailRefused:
    """A new address or language for the end user's profile e-mail, which goes there at once
    (it counts as a send)."""
    address = check_email(email)
    if isinstance(address, Invalid):
        return EmailRefused(address)

    def change(session: Session, order: Order) -> None:
        request = OrderRequest.from_dict(order.request)
        changed = dataclasses.replace(request, esim_email=address.value, esim_language=language)
        order.request = changed.to_dict()
        session.add(order)
        write_esim_profile_mail(session, manager, placed_order(order), copy_to_manager=False)

    return _act(services, manager, reference, EsimAction.RECIPIENT_CHANGED, change, address.value)


def reissue_esim(
    services: Services, manager: SignedInManager, reference: str
) -> EsimOutcome | TooSoon:
    """A new activation code (a lost phone, a used code): the old one is revoked, the new one
    goes to the end user (and to the fleet manager if the order asked for a copy); the profile
    is to be downloaded again. Its e-mail counts towards the daily limit, or a new code a
    minute would mail anyone's address without end."""

    def reissue(session: Session, order: Order) -> None:
        order.esim_activation_code = str(new_activation_code(services.smdp_address))
        order.esim_installed_at = None
        session.add(order)
        placed = placed_order(order)
        write_esim_profile_mail(session, manager, placed, placed.request.esim_qr_copy_to_manager)

    return _act(services, manager, reference, EsimAction.REISSUED, reissue)


def show_esim_code(
    services: Services, manager: SignedInManager, reference: str
) -> CodeShown | NotFound | NotNow:
    """The code the fleet manager asked to see again (and confirmed): kept in the history."""
    # Not announced: the open pages would be drawn again, this one too, and the code with it
    # would go before it was read.
    outcome = _act(services, manager, reference, EsimAction.CODE_SHOWN, _nothing, announce=False)
    if isinstance(outcome, NotFound | NotNow):
        return outcome
    assert not isinstance(outcome, TooSoon)  # looking sends nothing
    return CodeShown(outcome.placed.esim_activation_code or "")


def _nothing(session: Session, order: Order) -> None:
    """The work of an action that only records itself."""


def mark_esim_installed(services: Services, reference: str) -> EsimOutcome:
    """The operator (the provisioning interface, the back-office in the demo) records that the
    profile was downloaded onto a device."""
    with Session(services.engine) as session:
        order = _esim_order(session, reference, None)
        if order is None:
            return NotFound()
        if OrderStatus(order.status) is not OrderStatus.COMPLETED or order.esim_installed_at:
            return NotNow(OrderStatus(order.status))
        order.esim_installed_at = services.clock()
        session.add(order)
        session.add(_entry(order, EsimAction.INSTALLED, OPERATOR, services.clock()))
        session.commit()
        owner = order.company_id
    return _announced(services, reference, owner)


def _act(
    services: Services,
    manager: SignedInManager,
    reference: str,
    action: EsimAction,
    work: Work,
    detail: str | None = None,
    *,
    announce: bool = True,
) -> EsimOutcome | TooSoon:
    """Do ``work`` on the company's eSIM order and record ``action``, in one transaction."""
    now = services.clock()
    with Session(services.engine) as session:
        order = _esim_order(session, reference, manager.company_id)
        if order is None:
            return NotFound()
        if OrderStatus(order.status) not in CARED_FOR:
            return NotNow(OrderStatus(order.status))
        if action.sends_mail and (later := next_send_at(_sends(session, order), now)):
            return TooSoon(later)
        work(session, order)
        actor = Actor.fleet_manager(manager.id, manager.name)
        session.add(_entry(order, action, actor, now, detail))
        session.commit()
    if not announce:
        return _view(services, reference, manager.company_id)
    return _announced(services, reference, manager.company_id)


def _esim_order(session: Session, reference: str, company_id: int | None) -> Order | None:
    """The eSIM order, locked until the transaction ends (two resends at once count as two)."""
    if lookup_key(reference) is None:
        return None
    query = select(Order).where(Order.reference == reference).with_for_update()
    if company_id is not None:
        query = query.where(Order.company_id == company_id)
    order = session.exec(query).first()
    if order is None or OrderRequest.from_dict(order.request).sim_kind is not SimKind.ESIM:
        return None
    return order


def _sends(session: Session, order: Order) -> list[datetime]:
    sends = [action.value for action in EsimAction if action.sends_mail]
    query = select(EsimEntry.at).where(
        EsimEntry.order_id == order.id, col(EsimEntry.action).in_(sends)
    )
    return [as_utc(at) for at in session.exec(query).all()]


def _entry(
    order: Order, action: EsimAction, actor: Actor, at: datetime, detail: str | None = None
) -> EsimEntry:
    assert order.id is not None
    return EsimEntry(
        order_id=order.id,
        at=at,
        action=action.value,
        actor=stored_actor(actor),
        actor_name=actor.name or None,
        detail=detail,
    )


def _announced(services: Services, reference: str, company_id: int) -> OrderView:
    """Tell the order's open pages (the line's too) that it changed, and give it back."""
    view = _view(services, reference, company_id)
    services.announce(reference, company_id, view.status.value)
    return view


def _view(services: Services, reference: str, company_id: int) -> OrderView:
    view = order_view(services.engine, company_id, reference)
    assert view is not None
    return view
