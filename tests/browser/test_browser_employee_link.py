"""The employee's own link in a real browser (issue 15): the fleet manager asks the employee to
sign the Invoice Split contract online; the employee opens the link from the demo mailbox on
a phone (390 px), reads the contract and signs; the manager's open orders page shows it
without a reload; the order is sent and its contract is the PDF the employee signed."""

import hashlib
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db.tables import EmployeeRequest, Order, StoredDocument
from tests.browser.conftest import RunningApp
from tests.browser.steps import checkpoint, choose, continue_to, new_number_until_plan

PHONE = {"width": 390, "height": 844}


def ask_for_the_signature(page: Page) -> None:
    new_number_until_plan(page, sub_division="Sales team")
    choose(page, "Plan", "Shape Medium")
    continue_to(page, "Invoice Split")
    page.get_by_role("checkbox", name=re.compile("^Split the bill")).click()
    page.get_by_role("radio", name="Online, through their own link").click()
    # Nothing to download or upload any more: the employee signs online.
    expect(page.get_by_text(re.compile("^3. Scan the signed contract"))).to_be_hidden()
    page.get_by_role("textbox", name="Employee's e-mail address").fill("noor@nova-logistics.be")
    page.get_by_role("radio", name="Français").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send to the employee").click()
    expect(page.get_by_role("heading", name="Waiting for the employee", level=2)).to_be_visible()


def link_from_the_mailbox(page: Page) -> str:
    page.goto("/mailbox")
    page.get_by_role("link", name=re.compile("a besoin de votre partie")).first.click()
    link = page.frame_locator("iframe").get_by_role("link", name="Donner votre partie en ligne")
    href = link.get_attribute("href")
    assert href and "/employee/" in href
    return href


def sign_on_a_phone(browser: Browser, app: RunningApp, href: str) -> None:
    context = browser.new_context(viewport=PHONE, base_url=app.url)  # type: ignore[arg-type]
    phone = context.new_page()
    phone.goto(href)
    expect(phone.get_by_role("heading", name="Votre partie de la demande", level=1)).to_be_visible()
    expect(phone.get_by_text("Sofie Peeters de Nova Logistics NV")).to_be_visible()
    checkpoint(phone, screenshot="21-phone-employee-page")
    phone.get_by_label("Adresse privée").fill("Rue Haute 1, 1000 Bruxelles")
    phone.get_by_label("IBAN", exact=True).fill("BE68 5390 0754 7034")
    phone.get_by_label("Votre nom complet").fill("Noor El Amrani")
    phone.get_by_role("checkbox", name=re.compile("^J'ai lu et j'accepte")).click()
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(
        phone.get_by_role("heading", name="Merci : vos réponses ont été envoyées")
    ).to_be_visible()
    context.close()


@pytest.mark.long  # about 15 s: the whole wizard, the mailbox, a phone, the order
def test_the_employee_signs_on_a_phone_and_the_order_carries_the_signed_contract(
    page: Page, browser: Browser, app: RunningApp, app_engine: Engine
) -> None:
    ask_for_the_signature(page)
    href = link_from_the_mailbox(page)
    page.goto("/orders")
    expect(page.get_by_text("Waiting for the employee", exact=True).last).to_be_visible()
    sign_on_a_phone(browser, app, href)
    # The manager's page learns it by itself.
    expect(page.get_by_text("The employee is done: check and send")).to_be_visible()
    page.get_by_role("button", name="Check and send").click()
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Request received", level=1)).to_be_visible()
    with Session(app_engine) as session:
        asked = session.exec(select(EmployeeRequest)).all()[-1]
        order = session.get(Order, asked.order_id)
        assert order is not None and order.contract_document_id
        document = session.exec(
            select(StoredDocument).where(StoredDocument.public_id == order.contract_document_id)
        ).one()
    assert document.sha256 == asked.contract_sha256
    download = page.request.get(f"/documents/{document.public_id}")
    assert hashlib.sha256(download.body()).hexdigest() == asked.contract_sha256
