"""An eSIM after its order, in the real browser (issue 14): the order page flags a profile not
installed a week after activation, sends the e-mail again, shows the QR code only after asking,
and the line page keeps the eSIM's record."""

import re

from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine

from tests.browser.steps import checkpoint, sign_in
from tests.browser.test_browser_every_page import esim_completed_a_week_ago
from tests.conftest import NOVA


def test_the_esim_card_sends_again_shows_the_code_after_asking_and_leads_to_the_line(
    page: Page, app_engine: Engine
) -> None:
    reference = esim_completed_a_week_ago(app_engine)
    sign_in(page, NOVA)
    page.goto(f"/orders/{reference}")
    card = page.locator("[role=heading]", has_text="eSIM").locator("xpath=..")
    expect(card).to_contain_text("Profile: Not yet downloaded")
    expect(card).to_contain_text("The profile is still not installed a week after")

    page.get_by_role("button", name="Send the e-mail again", exact=True).click()
    dialog = page.get_by_role("dialog", name="Send the eSIM e-mail again")
    dialog.get_by_role("checkbox", name="Also send me a copy").click()
    dialog.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("E-mail sent to noor@nova-logistics.be.")).to_be_visible()
    history = page.locator("ol").filter(has_text="Received")
    expect(history.get_by_role("heading", name="eSIM e-mail sent again", level=3)).to_be_visible()

    expect(page.get_by_role("img", name="eSIM QR code")).to_have_count(0)
    page.get_by_role("button", name="Show the QR code").click()
    question = page.get_by_role("alertdialog", name=re.compile("^Show the QR code?"))
    question.get_by_role("button", name="Show the QR code").click()
    expect(page.get_by_role("img", name="eSIM QR code")).to_be_visible()
    checkpoint(page, screenshot="19-esim-care")

    page.goto("/")
    page.get_by_role("link", name=re.compile("Noor El Amrani: active since")).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Line "), level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="eSIM history", level=2)).to_be_visible()
    checkpoint(page, screenshot="20-line")
