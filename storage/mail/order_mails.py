"""The e-mails of a submitted order, written to the outbox in the order's transaction."""

from sqlmodel import Session

from domain.context import FleetContext
from domain.fields import format_mobile_number
from domain.orders import OrderStatus, PlacedOrder, StatusChange
from domain.rejections import rejection_reason
from domain.request import OrderRequest, SimKind
from domain.summary import answers
from locales import translator
from locales.formats import format_cents
from storage.db.tables import FleetLine, FleetManager, Order
from storage.mail.messages import (
    ConfirmationDetails,
    EsimProfileDetails,
    LineActiveDetails,
    OrderUpdateDetails,
    OutgoingMail,
    confirmation_message,
    esim_profile_message,
    line_active_message,
    order_update_message,
)
from storage.mail.outbox import enqueue
from storage.queries.accounts import SignedInManager


def write_order_mails(
    session: Session,
    manager: SignedInManager,
    context: FleetContext,
    order: PlacedOrder,
    public_url: str | None = None,
    *,
    esim_profile: bool = True,
) -> None:
    """Confirmation to the fleet manager; for an eSIM, the profile e-mail to the end user
    (and its copy to the fleet manager when asked) unless ``esim_profile`` is False (a
    resubmission keeps the code already sent). Added to ``session``, not committed."""
    mails = [confirmation_message(_confirmation(manager, context, order, public_url))]
    if esim_profile:
        mails += _esim_profile(manager, order)
    for mail in mails:
        enqueue(session, mail, order_id=order.order_id, company_id=manager.company_id)


def _confirmation(
    manager: SignedInManager, context: FleetContext, order: PlacedOrder, public_url: str | None
) -> ConfirmationDetails:
    language = manager.language
    t = translator(language)
    summary = [
        (t(a.label), a.render(t, lambda cents: format_cents(cents, language)))
        for a in answers(order.request, context)
    ]
    return ConfirmationDetails(
        reference=order.reference,
        language=language,
        manager_name=manager.name,
        manager_email=manager.email,
        company_name=manager.company_name,
        summary_lines=summary,
        turnaround_label=t(order.turnaround.label),
        due=order.due_at,
        order_url=f"{public_url.rstrip('/')}/orders/{order.reference}" if public_url else None,
    )


def write_esim_profile_mail(
    session: Session, manager: SignedInManager, order: PlacedOrder, copy_to_manager: bool
) -> None:
    """The eSIM profile e-mail (again), with the order's code as it stands now, and a copy to
    the fleet manager with ``copy_to_manager``. Added to ``session``, not committed."""
    for mail in _esim_profile(manager, order, copy_to_manager):
        enqueue(session, mail, order_id=order.order_id, company_id=manager.company_id)


def _esim_profile(
    manager: SignedInManager, order: PlacedOrder, copy_to_manager: bool | None = None
) -> list[OutgoingMail]:
    """The profile e-mail; a copy to the fleet manager if the order asked for one (or as
    ``copy_to_manager`` says)."""
    request = order.request
    if request.sim_kind is not SimKind.ESIM or not order.esim_activation_code:
        return []
    profile = EsimProfileDetails(
        reference=order.reference,
        language=request.esim_language.value if request.esim_language else manager.language,
        end_user_name=request.end_user_name,
        end_user_email=request.esim_email,
        activation_code=order.esim_activation_code,
        number_display=format_mobile_number(request.transfer_number)
        if request.transfer_number
        else None,
    )
    if copy_to_manager is None:
        copy_to_manager = request.esim_qr_copy_to_manager
    copy_to = manager.email if copy_to_manager else None
    return esim_profile_message(profile, copy_to=copy_to, copy_language=manager.language)


def write_update_mails(
    session: Session, order: Order, change: StatusChange, public_url: str | None = None
) -> None:
    """What a status change tells: the fleet manager when the order is completed, rejected or
    cancelled; for a completed eSIM order, the end user too (their line is active). Added to
    ``session``, not committed."""
    if change.to_status not in UPDATE_STATUSES:
        return
    manager = session.get(FleetManager, order.manager_id)
    assert manager is not None
    line = session.get(FleetLine, order.fleet_line_id) if order.fleet_line_id else None
    number = format_mobile_number(line.number) if line else None
    reason = rejection_reason(change.reason)
    details = OrderUpdateDetails(
        reference=order.reference,
        language=manager.language,
        manager_name=manager.name,
        manager_email=manager.email,
        status=change.to_status.value,
        reason=reason.message if reason else None,
        note=change.note,
        number_display=number,
        order_url=f"{public_url.rstrip('/')}/orders/{order.reference}" if public_url else None,
    )
    mails = [order_update_message(details)]
    request = OrderRequest.from_dict(order.request)
    if number and request.sim_kind is SimKind.ESIM and request.esim_email:
        language = request.esim_language.value if request.esim_language else manager.language
        mails.append(
            line_active_message(
                LineActiveDetails(
                    order.reference, language, request.end_user_name, request.esim_email, number
                )
            )
        )
    for mail in mails:
        enqueue(session, mail, order_id=order.id, company_id=order.company_id)


UPDATE_STATUSES = (OrderStatus.COMPLETED, OrderStatus.REJECTED, OrderStatus.CANCELLED)
