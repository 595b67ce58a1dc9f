"""The e-mails of a submitted order, written to the outbox in the order's transaction."""

from sqlmodel import Session

from domain.context import FleetContext
from domain.fields import format_mobile_number
from domain.request import SimKind
from domain.sla import Turnaround
from domain.summary import answers
from locales import translate_to
from locales.formats import format_cents
from storage.mail.messages import (
    ConfirmationDetails,
    EsimProfileDetails,
    confirmation_message,
    esim_profile_message,
)
from storage.mail.outbox import enqueue
from storage.queries.accounts import SignedInManager
from storage.queries.orders import MailWriter, PlacedOrder


def order_mail_writer(
    manager: SignedInManager, context: FleetContext, public_url: str | None = None
) -> MailWriter:
    """Confirmation to the fleet manager; for an eSIM, the profile e-mail to the end user
    (and its copy to the fleet manager when asked)."""

    def write(session: Session, order_id: int, order: PlacedOrder) -> None:
        language = manager.language

        def t(message_id: str) -> str:
            return translate_to(language, message_id)

        summary = [
            (t(a.label), a.render(t, lambda cents: format_cents(cents, language)))
            for a in answers(order.request, context)
        ]
        confirmation = ConfirmationDetails(
            reference=order.reference,
            language=language,
            manager_name=manager.name,
            manager_email=manager.email,
            company_name=manager.company_name,
            summary_lines=summary,
            turnaround_label=t(Turnaround(order.turnaround).label),
            due=order.due_at,
            order_url=f"{public_url.rstrip('/')}/orders/{order.reference}" if public_url else None,
        )
        mails = [confirmation_message(confirmation)]
        request = order.request
        if request.sim_kind is SimKind.ESIM and order.esim_activation_code:
            profile = EsimProfileDetails(
                reference=order.reference,
                language=request.esim_language.value if request.esim_language else language,
                end_user_name=request.end_user_name,
                end_user_email=request.esim_email,
                activation_code=order.esim_activation_code,
                number_display=format_mobile_number(request.transfer_number)
                if request.transfer_number
                else None,
            )
            copy_to = manager.email if request.esim_qr_copy_to_manager else None
            mails += esim_profile_message(profile, copy_to=copy_to, copy_language=language)
        for mail in mails:
            enqueue(session, mail, order_id=order_id, company_id=manager.company_id)

    return write
