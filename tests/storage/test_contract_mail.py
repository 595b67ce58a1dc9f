"""The pre-filled Invoice Split contract, e-mailed to the employee to sign."""

from datetime import date

from sqlmodel import Session, select

from domain.fields import Invalid, Valid
from storage.db.tables import OutboxMessage
from storage.documents.contract_pdf import ContractDetails
from storage.mail.delivery import build_email
from storage.use_cases import Services, email_contract_to_employee
from tests.order_helpers import manager_of

DETAILS = ContractDetails(
    company_name="Nova Logistics NV",
    enterprise_number="0412345614",
    end_user_name="Lotte Janssens",
    end_user_email="",
    number_e164=None,
    plan_name="Shape Medium",
    customer_number="7.10045821",
    sub_division_name="Sales team",
    company_cap_cents=3000,
    date=date(2026, 11, 26),
    language="nl",
)


def outbox(services: Services) -> list[OutboxMessage]:
    with Session(services.engine) as session:
        return list(session.exec(select(OutboxMessage)).all())


def test_the_employee_receives_the_contract_in_its_language_with_the_pdf_attached(
    services: Services,
) -> None:
    sent = email_contract_to_employee(
        services, manager_of(services.engine), DETAILS, " Lotte.Janssens@nova-logistics.be "
    )
    assert isinstance(sent, Valid)
    [mail] = outbox(services)
    assert (mail.kind, mail.language, mail.recipients) == (
        "contract_to_sign",
        "nl",
        [sent.value],
    )
    assert "Sofie Peeters" in mail.text_body and "Nova Logistics NV" in mail.text_body
    email = build_email(mail, "Fleet <no-reply@fleet.example.be>")
    [attachment] = list(email.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() and attachment.get_filename().endswith(".pdf")  # type: ignore[union-attr]
    assert attachment.get_content().startswith(b"%PDF-")


def test_a_wrong_address_says_what_to_do_and_sends_nothing(services: Services) -> None:
    outcome = email_contract_to_employee(services, manager_of(services.engine), DETAILS, "lotte@")
    assert isinstance(outcome, Invalid)
    assert outbox(services) == []
