"""A fleet manager who uses only the keyboard adds a line, from signing in to the order page:
Tab and Shift+Tab to move, Space and Enter to act, arrow keys in selects and radio groups,
and typing in the text fields. No click, no fill."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy.engine import Engine

from tests.browser.steps import (
    REFERENCE,
    confirmed_order,
    open_wizard,
    sign_in,
    steps_of,
    tab_to,
    unique_sim_digits,
)
from tests.conftest import NOVA
from tests.fixtures.documents import pdf


def pick_with_arrows(page: Page, combobox: Locator, option: str) -> None:
    """On a focused select: Enter opens it, ArrowDown walks the options, Enter picks one."""
    expect(combobox).to_be_focused()
    page.keyboard.press("Enter")
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    for _ in range(len(listbox.get_by_role("option").all()) + 1):
        page.keyboard.press("ArrowDown")
        active = combobox.get_attribute("aria-activedescendant")
        if active and option in page.locator(f"[id='{active}']").inner_text():
            break
    page.keyboard.press("Enter")
    expect(listbox).to_have_count(0)
    expect(combobox).to_be_focused()


def step_opened(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", name=heading, level=2)).to_be_focused()


@pytest.mark.long  # a whole run through the wizard (15 to 30 s): CI runs it
def test_a_keyboard_user_completes_the_wizard_with_an_invoice_split_upload(
    page: Page, app_engine: Engine, tmp_path: Path
) -> None:
    contract = tmp_path / "signed contract.pdf"
    contract.write_bytes(pdf())
    sim = unique_sim_digits()
    keys = page.keyboard
    # The file picker's answer, set up first: Playwright intercepts the picker only once it has
    # a listener, and a key press right after expect_file_chooser() can beat that under load.
    page.on("filechooser", lambda chooser: chooser.set_files(contract))

    page.goto("/login")
    tab_to(page, page.get_by_label("E-mail"))
    keys.type(NOVA.email)
    keys.press("Tab")
    expect(page.get_by_label("Mot de passe")).to_be_focused()
    keys.type(NOVA.password)
    keys.press("Enter")
    expect(page.get_by_role("heading", name="My fleet", level=1)).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Add a card to my fleet"))
    keys.press("Enter")

    # Request type: arrow keys move through a radio group and choose.
    expect(page.get_by_role("heading", name="Request type", level=2)).to_be_visible()
    new_number = page.get_by_role("radio", name="A new number")
    tab_to(page, new_number)
    keys.press("Space")
    expect(new_number).to_be_checked()
    keys.press("ArrowDown")
    expect(page.get_by_role("radio", name="Transfer an existing number")).to_be_checked()
    expect(page.get_by_role("combobox", name="Current operator")).to_be_visible()
    keys.press("ArrowUp")
    expect(new_number).to_be_checked()
    expect(new_number).to_be_focused()
    tab_to(page, page.get_by_role("button", name="Continue"))
    keys.press("Enter")

    step_opened(page, "SIM and billing")
    end_user = page.get_by_label("End user", exact=True)
    tab_to(page, end_user)
    keys.type("Noor El Amrani")
    expect(end_user).to_have_value("Noor El Amrani")
    tab_to(page, page.get_by_role("radio", name="SIM card"))
    keys.press("Space")
    digits = page.get_by_label("SIM card number", exact=True)
    tab_to(page, digits)
    keys.type(sim)
    expect(digits).to_have_value(sim)
    # Back up the page to the billing selects, as a keyboard user fixes what they skipped.
    account = page.get_by_role("combobox", name="Customer number for billing")
    tab_to(page, account, key="Shift+Tab")
    pick_with_arrows(page, account, "7.10045821")
    keys.press("Tab")
    pick_with_arrows(page, page.get_by_role("combobox", name="Sub-division"), "Sales team")
    tab_to(page, page.get_by_role("button", name="Continue"))
    keys.press("Enter")

    step_opened(page, "Plan and options")
    plan = page.get_by_role("combobox", name="Plan")
    tab_to(page, plan)
    pick_with_arrows(page, plan, "Shape Medium")
    calls = page.get_by_role("checkbox", name="International calls")
    tab_to(page, calls)
    keys.press("Space")
    expect(calls).to_be_checked()
    tab_to(page, page.get_by_role("radio", name=re.compile(r"^50,00 € a month")))
    keys.press("ArrowDown")
    expect(page.get_by_role("radio", name="100,00 € a month")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Continue"))
    keys.press("Enter")

    step_opened(page, "Invoice Split")
    split = page.get_by_role("checkbox", name="Split the bill")
    tab_to(page, split)
    keys.press("Space")
    expect(split).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Continue"))
    keys.press("Enter")  # without the signed contract: the error summary takes the focus
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    keys.press("Tab")
    expect(summary.get_by_role("link", name="Signed Invoice Split contract")).to_be_focused()
    keys.press("Enter")  # the link leads to the upload's button
    choose_file = page.get_by_role("button", name="Choose a file")
    expect(choose_file).to_be_focused()
    keys.press("Enter")  # the file picker opens; the person picks the signed contract
    expect(page.get_by_text("Uploaded: signed contract.pdf (1 kB)")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Continue"))
    keys.press("Enter")

    step_opened(page, "Check your answers before sending the request")
    expect(steps_of(page).get_by_text("100,00 € a month excl. VAT")).to_be_visible()
    expect(steps_of(page).get_by_text("Processing time: 1 business day")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Send the request"))
    keys.press("Enter")

    order = confirmed_order(page, app_engine, "1 business day")
    assert (order.end_user_name, order.sim_digits) == ("Noor El Amrani", sim)
    assert order.request["travel_data_control"] == 100
    assert order.request["option_codes"] == ["intl_calls"]
    assert order.contract_document_id
    tab_to(page, page.get_by_role("link", name="Back to my fleet"))
    keys.press("Enter")
    reference = page.get_by_test_id("orders").get_by_role("link", name=order.reference)
    tab_to(page, reference)
    keys.press("Enter")
    expect(page.get_by_role("heading", name=f"Order {order.reference}", level=1)).to_be_visible()
    assert REFERENCE.match(order.reference)


def test_a_radio_group_is_one_tab_stop_that_comes_back_to_the_chosen_radio(page: Page) -> None:
    sign_in(page, NOVA)
    open_wizard(page)
    new_number = page.get_by_role("radio", name="A new number")
    transfer = page.get_by_role("radio", name="Transfer an existing number")
    new_number.click()
    expect(new_number).to_be_checked()
    new_number.focus()
    page.keyboard.press("Tab")  # leaves the group from its first radio
    expect(transfer).not_to_be_focused()
    expect(new_number).not_to_be_focused()
    page.keyboard.press("Shift+Tab")  # back in from after the group: on the chosen radio
    expect(new_number).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(new_number).not_to_be_focused()
    expect(transfer).not_to_be_focused()
    page.keyboard.press("Tab")
    expect(new_number).to_be_focused()
