"""A presenter's demo, end to end in a real browser with two tabs: the fleet manager places an
eSIM transfer; the back-office rejects it (customer number unknown); the fleet manager sees the
reason without reloading, corrects the customer number and resubmits; the back-office starts
and completes it; the line is in the fleet and the completion e-mails are in the mailbox."""

import pytest
from playwright.sync_api import Browser, Page, expect

from storage.db.seed import DEMO_AGENT
from tests.browser.conftest import VIEWPORT, RunningApp
from tests.browser.steps import (
    checkpoint,
    choose,
    continue_to,
    esim_for_noor,
    open_wizard,
    sign_in,
    unique_mobile_number,
)
from tests.conftest import NOVA

CHECK = "Check your answers before sending the request"
BACK_OFFICE = "Back-office: every company's orders"


def place_esim_transfer(page: Page, number: str) -> str:
    """The fleet manager's eSIM transfer of a Proximus subscription; its reference."""
    open_wizard(page)
    page.get_by_role("radio", name="Transfer an existing number").click()
    choose(page, "Current operator", "Proximus")
    page.get_by_role("radio", name="Subscription").click()
    continue_to(page, "Number and owner")
    page.get_by_label("Number to transfer").fill(number)
    page.get_by_role("radio", name="A company").click()
    page.get_by_label("Owner's name").fill("Nova Logistics NV")
    page.get_by_label("Enterprise number").fill("0412.345.614")
    page.get_by_label("Customer number at the current operator").fill("1.23456789")
    page.get_by_role("checkbox", name="The owner authorises this transfer.").click()
    continue_to(page, "SIM and billing")
    esim_for_noor(page, "Nederlands")
    continue_to(page, "Plan and options")
    choose(page, "Plan", "Shape Medium")
    continue_to(page, "Invoice Split")
    continue_to(page, CHECK)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Request received", level=1)).to_be_visible()
    return _reference(page)


def _reference(page: Page) -> str:
    reference = page.locator("text=/^FL-[0-9A-Z]{4}-[0-9A-Z]{4}$/").first
    expect(reference).to_be_visible()
    return reference.inner_text()


def order_card(page: Page, reference: str):  # type: ignore[no-untyped-def]
    return page.locator(".q-card").filter(has_text=reference)


@pytest.mark.long  # a whole run through the wizard (15 to 30 s): CI runs it
def test_a_presenters_demo_from_order_to_line_in_the_fleet(
    page: Page, browser: Browser, app: RunningApp
) -> None:
    number = unique_mobile_number()
    shown_number = f"+32 {number[1:4]} {number[5:]}"
    sign_in(page, NOVA)
    reference = place_esim_transfer(page, number)
    page.get_by_role("link", name="View the order").click()
    expect(page.get_by_text("Status: Received")).to_be_visible()

    back_office = browser.new_context(viewport=VIEWPORT, base_url=app.url).new_page()  # type: ignore[arg-type]
    sign_in(back_office, DEMO_AGENT, fleet_heading=BACK_OFFICE)
    checkpoint(back_office, screenshot="16-back-office")
    order_card(back_office, reference).get_by_role("button", name="Reject").click()
    back_office.get_by_role("radio", name="Customer number unknown at the current operator").click()
    back_office.get_by_role("button", name="Reject the order").click()

    # The fleet manager's tab shows the rejection without a reload.
    expect(page.get_by_text("Status: Rejected")).to_be_visible()
    expect(page.get_by_role("heading", name="What to correct", level=2)).to_be_visible()
    checkpoint(page)
    page.get_by_role("button", name="Correct and resubmit").click()
    expect(page.get_by_role("heading", name=f"Correct order {reference}", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Number and owner", level=2)).to_be_visible()
    checkpoint(page)
    page.get_by_label("Customer number at the current operator").fill("1.98765432")
    for step in ("SIM and billing", "Plan and options", "Invoice Split", CHECK):
        continue_to(page, step)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text(reference, exact=True)).to_be_visible()
    page.get_by_role("link", name="View the order").click()
    expect(page.get_by_text("Status: Received")).to_be_visible()

    order_card(back_office, reference).get_by_role("button", name="Start").click()
    expect(page.get_by_text("Status: In progress")).to_be_visible()
    order_card(back_office, reference).get_by_role("button", name="Complete").click()
    expect(page.get_by_text("Status: Completed")).to_be_visible()
    checkpoint(page, screenshot="15-order-history")

    page.get_by_role("link", name="Orders", exact=True).click()
    expect(page.get_by_role("heading", name="Orders", level=1)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=reference)).to_contain_text("Completed")
    checkpoint(page, screenshot="14-orders")
    page.get_by_role("link", name="My fleet").click()
    page.get_by_label("Search by number, end user or plan").fill(number)
    expect(page.get_by_role("row").filter(has_text=shown_number)).to_contain_text("eSIM")

    page.get_by_role("link", name="Mailbox").click()
    expect(page.get_by_role("link", name=f"Request {reference} completed")).to_be_visible()
    expect(
        page.get_by_role("row")
        .filter(has_text="noor.elamrani@nova-logistics.be")
        .filter(has_text=shown_number)
    ).to_have_count(2)  # the eSIM profile, and now the line-active e-mail
    back_office.context.close()
