"""What the employee gives through their link, checked with the wizard's own rules and
messages: a transfer's owner details and consent (with the number confirmed), and the
Invoice Split signature (their full name typed and "I have read and accept" ticked)."""

import dataclasses
from dataclasses import dataclass

from domain.context import FleetContext
from domain.employee_link import (
    PART_FIELDS,
    LinkPurpose,
    asked_parts,
    with_employee_answers,
)
from domain.fields import Invalid, Valid, check_iban, check_name, format_mobile_number
from domain.problems import Problem
from domain.request import OrderRequest
from domain.steps import Step
from domain.texts import N_
from domain.validation import normalise, validate_step

NUMBER_NOT_CONFIRMED = N_(
    "Confirm that {number} is the number to transfer. If it is not, do not send this form: tell the fleet manager who asked you."
)
SIGNATURE_NAME_MISSING = N_("Type your full name to sign the contract.")
SIGNATURE_NAME_LABEL = N_("Your full name")
ADDRESS_MISSING = N_("Enter your private address: street, number, postcode and town.")
ADDRESS_LABEL = N_("Private address")
SIGNATURE_NOT_ACCEPTED = N_("Tick “I have read and accept” to sign the contract.")


@dataclass(frozen=True)
class Signature:
    """An electronic signature: the signer's full name as typed, and their acceptance."""

    full_name: str = ""
    private_address: str = ""  # the contract's part left for the employee
    iban: str = ""
    accepted: bool = False


@dataclass(frozen=True)
class EmployeeAnswers:
    """Everything the employee's page sends; ``details`` carries the owner fields."""

    details: OrderRequest = dataclasses.field(default_factory=OrderRequest)
    number_confirmed: bool = False
    signature: Signature = dataclasses.field(default_factory=Signature)


def employee_problems(
    request: OrderRequest, answers: EmployeeAnswers, context: FleetContext
) -> list[Problem]:
    """Every problem in the employee's answers to what ``request`` asks of them."""
    parts = asked_parts(request)
    problems: list[Problem] = []
    if LinkPurpose.TRANSFER_DETAILS in parts:
        if answers.number_confirmed is not True:
            shown = format_mobile_number(normalise(request).transfer_number)
            problems.append(Problem("number_confirmed", NUMBER_NOT_CONFIRMED, {"number": shown}))
        merged = answered(request, answers)
        asked = PART_FIELDS[LinkPurpose.TRANSFER_DETAILS]
        problems += [
            p for p in validate_step(merged, Step.NUMBER_AND_OWNER, context) if p.field in asked
        ]
    if LinkPurpose.INVOICE_SPLIT_SIGNATURE in parts:
        problems += signature_problems(answers.signature)
    return problems


def signature_problems(signature: Signature) -> list[Problem]:
    name = check_name(signature.full_name, SIGNATURE_NAME_MISSING, SIGNATURE_NAME_LABEL)
    problems = [] if isinstance(name, Valid) else [Problem("signature_name", name.message)]
    address = check_name(signature.private_address, ADDRESS_MISSING, ADDRESS_LABEL)
    if isinstance(address, Invalid):
        problems.append(Problem("private_address", address.message, dict(address.params)))
    iban = check_iban(signature.iban)
    if isinstance(iban, Invalid):
        problems.append(Problem("iban", iban.message, dict(iban.params)))
    if signature.accepted is not True:
        problems.append(Problem("signature_accepted", SIGNATURE_NOT_ACCEPTED))
    return problems


def tidied(signature: Signature) -> Signature:
    """The signature as the signed contract prints it: name and address tidied, the IBAN in
    groups of four (each as typed when not valid)."""
    name = check_name(signature.full_name, SIGNATURE_NAME_MISSING)
    address = check_name(signature.private_address, ADDRESS_MISSING)
    iban = check_iban(signature.iban)
    return dataclasses.replace(
        signature,
        full_name=str(name.value) if isinstance(name, Valid) else signature.full_name,
        private_address=str(address.value) if isinstance(address, Valid) else "",
        iban=str(iban.value) if isinstance(iban, Valid) else signature.iban,
    )


def answered(request: OrderRequest, answers: EmployeeAnswers) -> OrderRequest:
    """The request with the employee's transfer details in it, marked as answered (the
    contract's fields are set once the signed contract is made)."""
    details = dataclasses.replace(
        answers.details,
        invoice_split_contract_id=request.invoice_split_contract_id,
        invoice_split_contract_basis=request.invoice_split_contract_basis,
    )
    merged = with_employee_answers(request, details)
    return normalise(dataclasses.replace(merged, employee_answered=True))
