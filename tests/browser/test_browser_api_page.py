"""The API page and the API's docs in a real browser: a token made and shown once, a webhook
address added; axe on the page; Swagger UI renders the description from the app itself
under its Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import checkpoint, sign_in
from tests.conftest import NOVA


@pytest.mark.long  # about 6 s
def test_a_token_and_a_webhook_address_are_made_and_the_docs_render(page: Page) -> None:
    sign_in(page, NOVA)
    page.get_by_role("link", name="API", exact=True).click()
    expect(page.get_by_role("heading", name="API and webhooks", level=1)).to_be_visible()
    page.get_by_label("Name of the token").fill("Workday")
    page.get_by_role("checkbox", name="Can place, cancel and resubmit orders").click()
    page.get_by_role("button", name="Make a token").click()
    expect(page.get_by_text("Token “Workday” made")).to_be_visible()
    expect(page.get_by_label("Secret")).to_have_value(re.compile(r"^fs_"))
    page.get_by_label("Address (https)").fill("https://hr.example.com/hooks/fleet")
    page.get_by_role("button", name="Add the address").click()
    expect(page.get_by_text("Address added: its signing secret")).to_be_visible()
    checkpoint(page, screenshot="24-api-and-webhooks")
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", name=re.compile("^Fleet self-service API"))).to_be_visible()
    expect(page.get_by_text("/orders/{reference}/resubmit").first).to_be_visible()
