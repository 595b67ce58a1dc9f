"""E-mailing the pre-filled Invoice Split contract to the employee, who signs it (the spec has
the end user receive it); the fleet manager then uploads the signed scan."""

from sqlmodel import Session

from domain.fields import Invalid, Valid, check_email
from storage.documents.contract_pdf import ContractDetails, contract_filename, contract_pdf
from storage.mail.messages import ContractToSignDetails, contract_to_sign_message
from storage.mail.outbox import enqueue
from storage.queries.accounts import SignedInManager
from storage.use_cases.services import Services


def email_contract_to_employee(
    services: Services, manager: SignedInManager, details: ContractDetails, email: str
) -> Valid | Invalid:
    """Write the e-mail with the contract attached to the outbox; the address as sent, or
    what is wrong with it (nothing written). Building the PDF takes a moment: call it off the
    event loop."""
    address = check_email(email)
    if isinstance(address, Invalid):
        return address
    mail = contract_to_sign_message(
        ContractToSignDetails(
            language=details.language,
            employee_name=details.end_user_name,
            employee_email=address.value,
            company_name=manager.company_name,
            manager_name=manager.name,
            filename=contract_filename(details),
            pdf=contract_pdf(details),
        )
    )
    with Session(services.engine) as session:
        enqueue(session, mail, company_id=manager.company_id)
        session.commit()
    return address
