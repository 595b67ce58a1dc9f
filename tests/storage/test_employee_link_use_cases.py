"""The employee's link, below the UI: the fleet manager asks, the employee opens the link
from the e-mail and gives their part (a prepaid or a subscription transfer's owner details,
the Invoice Split contract signed online), and the order follows; each link works once, for
7 days, until withdrawn or replaced; unknown links are throttled; nothing of another company."""

import dataclasses
import hashlib
import io
import re
from datetime import timedelta

import pypdf
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from domain.employee_answers import EmployeeAnswers, Signature
from domain.employee_link import (
    PART_FIELDS,
    EmployeeAction,
    LinkPurpose,
    LinkState,
    WaitingState,
    new_link_secret,
)
from domain.orders import ActorKind, PlacedOrder
from domain.request import OrderRequest, OwnerType
from domain.validation import normalise
from locales import translate_to
from storage.db.tables import EmployeeLinkRow, EmployeeRequest, OutboxMessage, StoredDocument
from storage.documents.files import read_document
from storage.queries.employee_requests import waiting_requests
from storage.queries.orders import order_view
from storage.use_cases import NotFound, Refused, Services, TryLater, place_order
from storage.use_cases.employee_answers import (
    ClosedLink,
    EmployeeDone,
    EmployeePage,
    NoSuchLink,
    give_employee_answers,
    open_employee_link,
)
from storage.use_cases.employee_requests import (
    AskedEmployee,
    NotWaiting,
    ask_employee,
    cancel_employee_request,
    check_employee_answers,
    remind_employees,
    resend_employee_link,
)
from tests.conftest import LUMIERE
from tests.order_helpers import ESIM_TRANSFER, NEW_NUMBER, ORANGE_SUBSCRIPTION, manager_of

ADDRESS = "198.51.100.7"
EMPLOYEE = {"employee_email": "noor@nova-logistics.be", "employee_language": "nl"}
OWNER_FIELDS = PART_FIELDS[LinkPurpose.TRANSFER_DETAILS]


def asking_transfer(base: OrderRequest = ESIM_TRANSFER, **changes: object) -> OrderRequest:
    """The transfer with the owner's part left to the employee."""
    emptied = {name: OrderRequest().__getattribute__(name) for name in OWNER_FIELDS}
    return dataclasses.replace(base, **emptied, ask_employee_transfer=True, **EMPLOYEE, **changes)  # type: ignore[arg-type]


SPLIT_FOR_EMPLOYEE = dataclasses.replace(
    NEW_NUMBER,
    sub_division_id="2",
    invoice_split=True,
    ask_employee_signature=True,
    **EMPLOYEE,  # type: ignore[arg-type]
)
SIGNED = Signature("Noor El Amrani", "Rue Haute 1, 1000 Bruxelles", "be68539007547034", True)


def owner_answers(request: OrderRequest, **changes: object) -> EmployeeAnswers:
    """What the employee types: the owner fields of ``request``, the number confirmed."""
    details = dataclasses.replace(request, **changes)  # type: ignore[arg-type]
    return EmployeeAnswers(details=details, number_confirmed=True)


def ask(services: Services, request: OrderRequest, key: str = "key-1") -> AskedEmployee:
    asked = ask_employee(services, manager_of(services.engine), request, key)
    assert isinstance(asked, AskedEmployee), asked
    return asked


def link_secrets(engine: Engine) -> list[str]:
    """The link secrets in the employees' e-mails, oldest first (the mailbox is the only
    place a secret exists)."""
    with Session(engine) as session:
        bodies = session.exec(
            select(OutboxMessage.text_body)
            .where(col(OutboxMessage.kind).in_(["employee_link", "employee_reminder"]))
            .order_by(col(OutboxMessage.id))
        ).all()
    return [m for body in bodies for m in re.findall(r"/employee/([\w-]+)", body)]


def later(services: Services, by: timedelta) -> Services:
    moment = services.clock() + by
    return dataclasses.replace(services, clock=lambda: moment)


def test_the_employee_gets_an_email_in_their_language_with_a_link_kept_only_as_a_hash(
    services: Services,
) -> None:
    ask(services, asking_transfer())
    with Session(services.engine) as session:
        mail = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "employee_link")
        ).one()
    assert mail.recipients == ["noor@nova-logistics.be"] and mail.language == "nl"
    assert "Nova Logistics" in mail.subject and "+32 475 98 76 54" in mail.subject
    (secret,) = link_secrets(services.engine)
    assert len(secret) >= 43
    with Session(services.engine) as session:
        link = session.exec(select(EmployeeLinkRow)).one()
    assert link.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    page = open_employee_link(services, secret, ADDRESS)
    assert isinstance(page, EmployeePage)
    assert page.asker.company_name == "Nova Logistics NV" and page.request.owner_name == ""


@pytest.mark.parametrize(
    ("base", "donor"),
    [(ESIM_TRANSFER, "donor_iccid"), (ORANGE_SUBSCRIPTION, "donor_customer_number")],
    ids=["prepaid", "subscription"],
)
def test_the_employee_gives_the_owner_details_and_the_manager_sends_the_order(
    services: Services, base: OrderRequest, donor: str
) -> None:
    manager = manager_of(services.engine)
    ask(services, asking_transfer(base))
    (secret,) = link_secrets(services.engine)
    done = give_employee_answers(services, secret, owner_answers(base), ADDRESS)
    assert isinstance(done, EmployeeDone) and done.sent_as is None
    (waiting,) = waiting_requests(services.engine, manager.company_id, services.clock())
    assert waiting.state is WaitingState.ANSWERED
    draft = check_employee_answers(services, manager, waiting.id)
    assert not isinstance(draft, NotFound | NotWaiting)
    assert getattr(draft.request, donor) == getattr(normalise(base), donor) != ""
    placed = place_order(services, manager, draft.request, draft.submission_key)
    assert isinstance(placed, PlacedOrder)
    assert placed.request.owner_name == base.owner_name
    view = order_view(services.engine, manager.company_id, placed.reference)
    assert view is not None
    actions = [(e.action, e.actor.kind) for e in view.employee_history]
    assert actions == [
        (EmployeeAction.ASKED, ActorKind.FLEET_MANAGER),
        (EmployeeAction.TRANSFER_GIVEN, ActorKind.EMPLOYEE),
    ]
    assert waiting_requests(services.engine, manager.company_id, services.clock()) == []


def test_what_the_manager_corrects_before_sending_is_in_the_history(services: Services) -> None:
    manager = manager_of(services.engine)
    ask(services, asking_transfer())
    (secret,) = link_secrets(services.engine)
    give_employee_answers(services, secret, owner_answers(ESIM_TRANSFER), ADDRESS)
    (waiting,) = waiting_requests(services.engine, manager.company_id, services.clock())
    draft = check_employee_answers(services, manager, waiting.id)
    assert not isinstance(draft, NotFound | NotWaiting)
    corrected = dataclasses.replace(draft.request, owner_name="Nova Logistics SA")
    placed = place_order(services, manager, corrected, draft.submission_key)
    assert isinstance(placed, PlacedOrder)
    view = order_view(services.engine, manager.company_id, placed.reference)
    assert view is not None and view.employee_history[-1].action is EmployeeAction.CORRECTED


def test_the_request_goes_by_itself_when_the_manager_chose_so(services: Services) -> None:
    manager = manager_of(services.engine)
    ask(services, asking_transfer(send_when_employee_done=True))
    (secret,) = link_secrets(services.engine)
    done = give_employee_answers(services, secret, owner_answers(ESIM_TRANSFER), ADDRESS)
    assert isinstance(done, EmployeeDone) and done.sent_as is not None
    view = order_view(services.engine, manager.company_id, done.sent_as)
    assert view is not None and view.placed.request.owner_consent is True
    assert view.employee_history[-1].action is EmployeeAction.SENT_BY_ITSELF
    with Session(services.engine) as session:
        told = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == "employee_done")
        ).one()
    assert told.recipients == [manager.email] and done.sent_as in told.text_body


def test_the_employee_signs_the_contract_online_and_its_hash_is_kept(services: Services) -> None:
    manager = manager_of(services.engine)
    ask(services, SPLIT_FOR_EMPLOYEE)
    (secret,) = link_secrets(services.engine)
    page = open_employee_link(services, secret, ADDRESS)
    assert isinstance(page, EmployeePage) and page.contract is not None
    assert page.contract.language == "nl"  # the employee's language by default
    done = give_employee_answers(services, secret, EmployeeAnswers(signature=SIGNED), ADDRESS)
    assert isinstance(done, EmployeeDone)
    (waiting,) = waiting_requests(services.engine, manager.company_id, services.clock())
    draft = check_employee_answers(services, manager, waiting.id)
    assert not isinstance(draft, NotFound | NotWaiting)
    placed = place_order(services, manager, draft.request, draft.submission_key)
    assert isinstance(placed, PlacedOrder) and placed.contract_document_id
    with Session(services.engine) as session:
        document = session.exec(
            select(StoredDocument).where(StoredDocument.public_id == placed.contract_document_id)
        ).one()
        row = session.exec(select(EmployeeRequest)).one()
    pdf = read_document(services.documents_dir, document)
    assert hashlib.sha256(pdf).hexdigest() == row.contract_sha256 == document.sha256
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for shown in ("Noor El Amrani", "BE68 5390 0754 7034", ADDRESS, "Elektronische handtekening"):
        assert shown in text
    view = order_view(services.engine, manager.company_id, placed.reference)
    assert view is not None
    signed = [e for e in view.employee_history if e.action is EmployeeAction.CONTRACT_SIGNED]
    assert signed and signed[0].detail == row.contract_sha256


def test_a_link_works_once(services: Services) -> None:
    ask(services, asking_transfer())
    (secret,) = link_secrets(services.engine)
    give_employee_answers(services, secret, owner_answers(ESIM_TRANSFER), ADDRESS)
    again = give_employee_answers(services, secret, owner_answers(ESIM_TRANSFER), ADDRESS)
    assert isinstance(again, ClosedLink) and again.state is LinkState.USED
    opened = open_employee_link(services, secret, ADDRESS)
    assert isinstance(opened, ClosedLink) and opened.asker.manager_name


def test_a_link_expires_after_seven_days_and_a_new_one_can_be_sent(services: Services) -> None:
    manager = manager_of(services.engine)
    asked = ask(services, asking_transfer())
    (secret,) = link_secrets(services.engine)
    week_on = later(services, timedelta(days=7))
    closed = open_employee_link(week_on, secret, ADDRESS)
    assert isinstance(closed, ClosedLink) and closed.state is LinkState.EXPIRED
    assert waiting_requests(services.engine, manager.company_id, week_on.clock())[0].state is (
        WaitingState.EXPIRED
    )
    assert isinstance(resend_employee_link(week_on, manager, asked.request_id), AskedEmployee)
    _old, new = link_secrets(services.engine)
    assert isinstance(open_employee_link(week_on, new, ADDRESS), EmployeePage)


def test_a_new_link_replaces_the_one_before(services: Services) -> None:
    manager = manager_of(services.engine)
    asked = ask(services, asking_transfer())
    resend_employee_link(services, manager, asked.request_id)
    old, new = link_secrets(services.engine)
    closed = open_employee_link(services, old, ADDRESS)
    assert isinstance(closed, ClosedLink) and closed.state is LinkState.REPLACED
    assert isinstance(open_employee_link(services, new, ADDRESS), EmployeePage)


def test_cancelling_withdraws_the_link(services: Services) -> None:
    manager = manager_of(services.engine)
    asked = ask(services, asking_transfer())
    (secret,) = link_secrets(services.engine)
    assert cancel_employee_request(services, manager, asked.request_id) is None
    closed = give_employee_answers(services, secret, owner_answers(ESIM_TRANSFER), ADDRESS)
    assert isinstance(closed, ClosedLink) and closed.state is LinkState.REVOKED
    assert waiting_requests(services.engine, manager.company_id, services.clock()) == []


def test_one_reminder_goes_two_days_on_with_a_new_link(services: Services) -> None:
    ask(services, asking_transfer())
    assert remind_employees(later(services, timedelta(days=1))) == 0
    two_days_on = later(services, timedelta(days=2))
    assert remind_employees(two_days_on) == 1
    assert remind_employees(later(services, timedelta(days=5))) == 0  # only one
    _first, reminder = link_secrets(services.engine)
    assert isinstance(open_employee_link(two_days_on, reminder, ADDRESS), EmployeePage)
    with Session(services.engine) as session:
        kinds = session.exec(select(OutboxMessage.kind).order_by(col(OutboxMessage.id))).all()
    assert kinds.count("employee_reminder") == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "titulaire"), ("nl", "titularis"), ("en", "owner")],
)
def test_the_employees_mistakes_get_the_wizards_messages_in_their_language(
    services: Services, language: str, words: str
) -> None:
    ask(services, asking_transfer())
    (secret,) = link_secrets(services.engine)
    wrong = EmployeeAnswers(details=OrderRequest(owner_type=OwnerType.PRIVATE, donor_iccid="12"))
    refused = give_employee_answers(services, secret, wrong, ADDRESS)
    assert isinstance(refused, Refused)
    fields = {p.field for p in refused.problems}
    assert fields == {"number_confirmed", "owner_name", "donor_iccid", "owner_consent"}
    texts = [translate_to(language, p.message, **p.params) for p in refused.problems]
    assert any(words in text.lower() for text in texts)
    assert all(
        text != p.message or language == "en"
        for text, p in zip(texts, refused.problems, strict=False)
    )


def test_a_signature_needs_name_address_iban_and_acceptance(services: Services) -> None:
    ask(services, SPLIT_FOR_EMPLOYEE)
    (secret,) = link_secrets(services.engine)
    bad = Signature("", "", "BE68 5390 0754 7035", False)
    refused = give_employee_answers(services, secret, EmployeeAnswers(signature=bad), ADDRESS)
    assert isinstance(refused, Refused)
    assert {p.field for p in refused.problems} == {
        "signature_name",
        "private_address",
        "iban",
        "signature_accepted",
    }


def test_guessing_links_is_throttled_per_address(services: Services) -> None:
    ask(services, asking_transfer())
    (secret,) = link_secrets(services.engine)
    assert isinstance(open_employee_link(services, "not-even-a-link", ADDRESS), NoSuchLink)
    for _attempt in range(10):  # guesses of the right shape count
        assert isinstance(open_employee_link(services, new_link_secret(), ADDRESS), NoSuchLink)
    assert isinstance(open_employee_link(services, secret, ADDRESS), TryLater)
    assert isinstance(open_employee_link(services, secret, "203.0.113.9"), EmployeePage)


def test_another_company_reaches_nothing_of_the_request(services: Services) -> None:
    asked = ask(services, asking_transfer())
    other = manager_of(services.engine, LUMIERE)
    assert isinstance(resend_employee_link(services, other, asked.request_id), NotFound)
    assert isinstance(cancel_employee_request(services, other, asked.request_id), NotFound)
    assert isinstance(check_employee_answers(services, other, asked.request_id), NotFound)
    assert waiting_requests(services.engine, other.company_id, services.clock()) == []


def test_sending_to_the_employee_twice_makes_one_request(services: Services) -> None:
    first = ask(services, asking_transfer())
    second = ask(services, asking_transfer())
    assert first == second and len(link_secrets(services.engine)) == 1


def test_a_request_waiting_for_the_employee_cannot_be_placed(services: Services) -> None:
    refused = place_order(services, manager_of(services.engine), asking_transfer(), "key-9")
    assert isinstance(refused, Refused)
    assert [p.field for p in refused.problems] == ["employee_answered"]
