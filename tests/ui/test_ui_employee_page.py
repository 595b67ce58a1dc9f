"""The employee's page behind their link, in the simulated browser: who asks and what, the
wizard's messages in the employee's language, the thanks; a closed link says whom to ask; an
unknown link is the app's 404 page; nothing links to another page of the app."""

from datetime import UTC, datetime

import pytest
from nicegui import ui
from nicegui.testing import User
from sqlalchemy.engine import Engine

from domain.employee_answers import NUMBER_NOT_CONFIRMED
from locales import translate_to
from storage.use_cases import Services
from storage.use_cases.employee_requests import cancel_employee_request
from tests.order_helpers import ESIM_TRANSFER, documents_beside, manager_of, services_for
from tests.storage.test_employee_link_use_cases import (
    SPLIT_FOR_EMPLOYEE,
    ask,
    asking_transfer,
    link_secrets,
)


def services_now(engine: Engine) -> Services:
    """The test's services on the real clock, as the app's: the app's hourly sweep would
    remind (and so replace the link of) a request asked days ago on the tests' fixed clock."""
    return services_for(engine, documents_beside(engine), now=datetime.now(UTC))


async def open_link(user: User, engine: Engine, request: object = None) -> str:
    services = services_now(engine)
    asked = ask(services, request or asking_transfer())  # type: ignore[arg-type]
    (secret,) = link_secrets(engine)
    await user.open(f"/employee/{secret}")
    return str(asked.request_id)


async def test_the_page_says_who_asks_for_which_number_in_the_employees_language(
    user: User, engine: Engine
) -> None:
    await open_link(user, engine)  # the employee's e-mail is in Dutch
    await user.should_see("Uw deel van het verzoek")
    await user.should_see("Sofie Peeters", marker="employee-who")
    await user.should_see("+32 475 98 76 54", marker="employee-who")
    with user.client:
        links = [link.props.get("href") for link in user.find(ui.link).elements]
    assert links and all(str(href).startswith("/employee/") for href in links)


async def test_mistakes_get_the_wizards_messages_and_the_answers_stay(
    user: User, engine: Engine
) -> None:
    await open_link(user, engine)
    user.find(marker="owner_name").type("Nova Logistics NV")
    user.find(marker="employee-send").click()
    await user.should_see(marker="employee-problems", retries=50)
    await user.should_see("Bevestig dat de titularis toestemming geeft voor deze overdracht.")
    await user.should_see(marker="donor_iccid-message")
    with user.client:
        (name,) = user.find(marker="owner_name").elements
    assert name.value == "Nova Logistics NV"  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
async def test_the_pages_messages_are_in_the_language_chosen(
    user: User, engine: Engine, language: str
) -> None:
    await open_link(user, engine)
    await user.open(f"{user.back_history[-1].split('?')[0]}?lang={language}")
    user.find(marker="employee-send").click()
    consent = translate_to(language, "Confirm that the owner authorises this transfer.")
    await user.should_see(consent, retries=50)
    confirm = translate_to(language, NUMBER_NOT_CONFIRMED, number="+32 475 98 76 54")
    await user.should_see(confirm)


async def test_the_employee_fills_in_the_prepaid_details_and_is_thanked(
    user: User, engine: Engine
) -> None:
    await open_link(user, engine, asking_transfer(ESIM_TRANSFER))
    await user.open(user.back_history[-1] + "?lang=en")
    user.find(marker="number_confirmed").click()
    user.find("A company").click()
    user.find(marker="owner_name").type("Nova Logistics NV")
    user.find(marker="enterprise_number").type("BE 0412.345.614")
    user.find(marker="donor_iccid").type("8932021234567890120")
    user.find(marker="owner_consent").click()
    user.find(marker="employee-send").click()
    await user.should_see("Thank you: your answers were sent", retries=50)


async def test_the_contract_is_shown_and_signed(user: User, engine: Engine) -> None:
    await open_link(user, engine, SPLIT_FOR_EMPLOYEE)
    await user.should_see(marker="employee-contract")
    user.find(marker="private_address").type("Rue Haute 1, 1000 Bruxelles")
    user.find(marker="iban").type("BE68 5390 0754 7035")  # one digit wrong
    user.find(marker="signature_name").type("Noor El Amrani")
    user.find(marker="signature_accepted").click()
    user.find(marker="employee-send").click()
    await user.should_see(marker="iban-message", retries=50)
    user.find(marker="iban").clear().type("BE68 5390 0754 7034")
    user.find(marker="employee-send").click()
    await user.should_see(marker="employee-done", retries=100)  # the PDF is made off the loop


async def test_a_withdrawn_link_says_whom_to_ask(user: User, engine: Engine) -> None:
    services = services_now(engine)
    asked = ask(services, asking_transfer())
    (secret,) = link_secrets(engine)
    cancel_employee_request(services, manager_of(engine), asked.request_id)
    await user.open(f"/employee/{secret}")
    await user.should_see(marker="link-closed")
    await user.should_see("Sofie Peeters")


async def test_an_unknown_link_is_not_found(user: User, engine: Engine) -> None:
    response = await user.http_client.get("/employee/not-a-link")
    assert response.status_code == 404
    assert "Nova" not in response.text
