"""Sending the request: the order, its history, e-mails and contract in one transaction."""

from domain.problems import Problem
from storage.db.tables import utc_now
from storage.documents.files import attach_to_order
from storage.mail.order_mails import order_mail_writer
from storage.queries.orders import submit_order
from ui.wizard.state import WizardState


def submit(state: WizardState) -> str | list[Problem]:
    """The new order's reference, or the problems that stop it."""
    manager = state.manager
    outcome = submit_order(
        state.services.engine,
        manager,
        state.request,
        state.submission_key,
        utc_now(),
        state.services.settings.smdp_address,
        order_mail_writer(manager, state.context, state.services.settings.public_url),
        attach_contract=lambda session, public_id, order_id: attach_to_order(
            session, company_id=manager.company_id, public_id=public_id, order_id=order_id
        ),
    )
    return outcome if isinstance(outcome, list) else outcome.reference
