"""Accessibility in a real browser: axe-core finds nothing serious or critical, every control has
a visible label, the page says its language, the error summary takes the focus and leads to the
fields, and a keyboard user can skip the header. (The wizard's steps, check your answers and the
confirmation are checked the same way along the scenarios of test_browser_scenarios.py.)"""

from playwright.sync_api import Page, expect

from tests.browser.steps import checkpoint, choose, continue_to, open_wizard, sign_in
from tests.conftest import NOVA


def test_the_sign_in_page_says_its_language_and_follows_the_language_switch(page: Page) -> None:
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", "fr")  # a new visitor gets French
    expect(
        page.get_by_role("heading", name="Connectez-vous pour gérer votre flotte")
    ).to_be_visible()
    checkpoint(page)
    choose(page, "Langue", "Nederlands")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("button", name="Aanmelden")).to_be_visible()
    checkpoint(page)
    choose(page, "Taal", "English")
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    checkpoint(page, screenshot="01-sign-in")
    page.get_by_label("E-mail").fill(NOVA.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text(
        "That e-mail and password do not match. Check both and try again."
    )
    checkpoint(page)


def test_the_fleet_page_lets_a_keyboard_user_skip_the_header(page: Page) -> None:
    sign_in(page, NOVA)
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")  # Sofie's own language
    expect(page.get_by_text("Matching lines: 20")).to_be_visible()
    checkpoint(page, screenshot="02-fleet")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the first thing after the header
    expect(page.get_by_role("button", name="Add a card to my fleet")).to_be_focused()


def test_the_error_summary_takes_the_focus_and_its_links_lead_to_the_fields(page: Page) -> None:
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    checkpoint(page, screenshot="04-error-summary")
    summary.get_by_role("link", name="Request type").click()
    expect(page.get_by_role("radio", name="A new number")).to_be_focused()

    page.keyboard.press("Space")
    continue_to(page, "SIM and billing")
    page.get_by_role("button", name="Continue").click()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(3)  # customer number, end user, SIM or eSIM
    checkpoint(page)
    summary.get_by_role("link", name="End user").click()
    expect(page.get_by_label("End user", exact=True)).to_be_focused()
    summary.get_by_role("link", name="Customer number for billing").click()
    expect(page.get_by_role("combobox", name="Customer number for billing")).to_be_focused()
