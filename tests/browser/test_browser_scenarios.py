"""A fleet manager adds a line in a real browser: each path reaches the confirmation with the
right turnaround, and the order is then in the orders of the fleet page. Every page on the way
is checked with axe-core (nothing serious or critical), for visible labels and its language."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine

from tests.browser.steps import (
    checkpoint,
    choose,
    confirmed_order,
    continue_to,
    esim_for_noor,
    listed_in_orders,
    open_wizard,
    sign_in,
    steps_of,
    unique_mobile_number,
    unique_sim_digits,
)
from tests.conftest import NOVA
from tests.fixtures.documents import pdf

CHECK = "Check your answers before sending the request"


def test_new_number_on_a_physical_sim_is_confirmed_in_one_hour(
    page: Page, app_engine: Engine
) -> None:
    sim = unique_sim_digits()
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    checkpoint(page)
    continue_to(page, "SIM and billing")  # a new number skips "Number and owner"
    expect(page.get_by_text("Number and owner")).to_be_hidden()
    choose(page, "Customer number for billing", "7.10045821")
    page.get_by_label("End user", exact=True).fill("Noor El Amrani")
    page.get_by_role("radio", name="SIM card").click()
    page.get_by_label("SIM card number", exact=True).fill(f"{sim[:4]} {sim[4:8]} {sim[8:]}")
    checkpoint(page)
    continue_to(page, "Plan and options")
    choose(page, "Plan", "Shape Medium")
    page.get_by_role("checkbox", name="International calls").click()
    checkpoint(page)
    continue_to(page, "Invoice Split")
    checkpoint(page)
    continue_to(page, CHECK)
    expect(steps_of(page).get_by_text("Processing time: 1 hour")).to_be_visible()
    checkpoint(page)
    page.get_by_role("button", name="Send the request").click()

    order = confirmed_order(page, app_engine, "1 hour")
    checkpoint(page)
    assert (order.sim_digits, order.plan_code, order.number) == (sim, "shape_m", None)
    assert order.request["option_codes"] == ["intl_calls"]
    page.get_by_role("link", name="Back to my fleet").click()
    listed_in_orders(page, order.reference, "1 hour", "Noor El Amrani")


@pytest.mark.long  # a whole run through the wizard (15 to 30 s): CI runs it
def test_transfer_from_another_operator_on_esim_with_a_copy_of_the_qr_code(
    page: Page, app_engine: Engine
) -> None:
    number = unique_mobile_number()
    e164 = "+32" + number.replace(" ", "")[1:]
    shown_number = f"+32 {number[1:4]} {number[5:]}"  # +32 475 12 34 56
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="Transfer an existing number").click()
    choose(page, "Current operator", "Proximus")
    page.get_by_role("radio", name="Subscription").click()
    checkpoint(page, screenshot="03-request-type")
    continue_to(page, "Number and owner")
    page.get_by_label("Number to transfer").fill(number)
    page.get_by_role("radio", name="A company").click()
    page.get_by_label("Owner's name").fill("Nova Logistics NV")
    page.get_by_label("Enterprise number").fill("0412.345.614")
    page.get_by_label("Customer number at the current operator").fill("1.23456789")
    page.get_by_role("checkbox", name="The owner authorises this transfer.").click()
    checkpoint(page, screenshot="05-number-and-owner")
    continue_to(page, "SIM and billing")
    esim_for_noor(page, "Nederlands", copy_to_me=True)
    checkpoint(page, screenshot="06-sim-and-billing")
    continue_to(page, "Plan and options")
    choose(page, "Plan", "Shape Small")
    choose(page, "Copy the options of an existing number", "Thomas Maes")
    expect(page.get_by_role("checkbox", name="Calls abroad pack")).to_be_checked()
    checkpoint(page, screenshot="07-plan-and-options")
    continue_to(page, "Invoice Split")
    continue_to(page, CHECK)

    # A Change link opens the step and Continue comes back to the summary.
    page.get_by_role("button", name="Change Plan").click()
    expect(page.get_by_role("heading", name="Plan and options", level=2)).to_be_focused()
    choose(page, "Plan", "Shape Large")
    continue_to(page, CHECK)
    expect(steps_of(page).get_by_text("Shape Large", exact=True)).to_be_visible()
    expect(steps_of(page).get_by_text("Processing time: 48 hours")).to_be_visible()
    checkpoint(page, screenshot="09-check-your-answers")
    page.get_by_role("button", name="Send the request").click()

    order = confirmed_order(page, app_engine, "48 hours")
    expect(page.get_by_role("img", name="eSIM QR code")).to_be_visible()
    assert order.esim_activation_code and order.esim_activation_code.startswith("LPA:1$")
    expect(page.get_by_text(order.esim_activation_code, exact=True)).to_be_visible()
    checkpoint(page, screenshot="10-confirmation")
    assert (order.number, order.plan_code) == (e164, "shape_l")
    assert order.request["esim_language"] == "nl"

    # The end user's e-mail (in Dutch) and the fleet manager's copy are in the demo mailbox.
    page.get_by_role("link", name="Mailbox").click()
    to_end_user = page.get_by_role("row").filter(has_text="noor.elamrani@nova-logistics.be")
    to_end_user = to_end_user.filter(has_text=shown_number)
    expect(to_end_user).to_contain_text("Nederlands")
    copy = page.get_by_role("link", name=f"Copy: Your eSIM profile for {shown_number}")
    copy.click()
    expect(page.frame_locator("iframe").get_by_text(order.esim_activation_code)).to_be_visible()
    checkpoint(page, screenshot="13-mailbox-esim-copy")
    page.get_by_role("link", name="My fleet").click()
    listed_in_orders(page, order.reference, "48 hours", "Noor El Amrani")


@pytest.mark.long  # a whole run through the wizard (15 to 30 s): CI runs it
def test_invoice_split_with_the_signed_contract_uploaded(
    page: Page, app_engine: Engine, tmp_path: Path
) -> None:
    contract = tmp_path / "signed-contract.pdf"
    contract.write_bytes(pdf())
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    choose(page, "Customer number for billing", "7.10045821")
    choose(page, "Sub-division", "Sales team")  # the company pays up to €30 a month
    page.get_by_label("End user", exact=True).fill("Lotte Janssens")
    page.get_by_role("radio", name="SIM card").click()
    page.get_by_label("SIM card number", exact=True).fill(unique_sim_digits())
    continue_to(page, "Plan and options")
    choose(page, "Plan", "Shape Medium")
    continue_to(page, "Invoice Split")
    page.get_by_role("checkbox", name="Split the bill").click()
    expect(page.get_by_role("button", name="Download the Invoice Split contract")).to_be_visible()
    checkpoint(page, screenshot="08-invoice-split")

    page.get_by_role("button", name="Continue").click()  # without the signed contract
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Upload the Invoice Split contract signed by the employee.")
    checkpoint(page)

    page.locator('input[type="file"]').set_input_files(contract)
    expect(page.get_by_text("Uploaded: signed-contract.pdf (1 kB)")).to_be_visible()
    checkpoint(page)
    continue_to(page, CHECK)
    expect(steps_of(page).get_by_text("signed-contract.pdf", exact=True)).to_be_visible()
    expect(steps_of(page).get_by_text("Processing time: 1 business day")).to_be_visible()
    page.get_by_role("button", name="Send the request").click()

    order = confirmed_order(page, app_engine, "1 business day")
    assert order.request["invoice_split"] is True and order.contract_document_id
    page.get_by_role("link", name="Back to my fleet").click()
    checkpoint(page, screenshot="11-fleet-with-orders")
    listed_in_orders(page, order.reference, "1 business day", "Lotte Janssens")
    checkpoint(page, screenshot="12-order")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    assert Path(download.value.path()).read_bytes() == contract.read_bytes()
