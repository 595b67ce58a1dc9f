"""Adding many lines in a real browser (issue 16): the fleet manager uploads the shipped file
of every kind of row, sees the problems on their cells, corrects one in place, sends, and
finds the orders on the orders page. Axe checks both pages."""

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import checkpoint, sign_in
from tests.conftest import NOVA
from tests.fixtures.bulk import EVERY_KIND


@pytest.mark.long  # about 10 s: two pages of 260 cells each, 5 orders
def test_the_manager_uploads_the_file_corrects_a_cell_sends_and_finds_the_orders(
    page: Page,
) -> None:
    sign_in(page, NOVA)
    page.get_by_role("button", name="Add many lines").click()
    expect(page.get_by_role("heading", name="Add many lines", level=1)).to_be_visible()
    checkpoint(page, screenshot="22-add-many-lines")
    page.locator('input[type="file"]').set_input_files(EVERY_KIND)
    expect(page.get_by_role("heading", name="Lines of every_kind.csv", level=1)).to_be_visible()
    summary = page.get_by_text(re.compile(r"^23 lines: \d+ ready to send"))
    expect(summary).to_be_visible()
    # Row 11 has the SIM card of another company's line: its cell says so.
    sim = page.get_by_role("textbox", name="SIM card number Row 11")
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Row 11", exact=True))
    expect(row.get_by_text("This SIM card is already used for another line.")).to_be_visible()
    checkpoint(page, screenshot="23-lines-of-a-file")
    unused = f"8932{uuid.uuid4().int % 10**9:09d}"  # a SIM card no other test has used
    sim.fill(unused)
    sim.press("Enter")
    expect(row.get_by_text("Ready", exact=True)).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Send the \d+ lines ready$")).click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\d+ orders placed"))
    reference = row.get_by_role("link", name=re.compile(r"^FL-")).inner_text()
    page.get_by_role("link", name="See them on the orders page").click()
    page.get_by_role("searchbox", name=re.compile("^Search by reference")).fill(reference)
    expect(page.get_by_role("link", name=reference)).to_be_visible()
