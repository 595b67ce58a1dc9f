"""The signed contract's uploader in a real browser: a file Quasar refuses before sending it
(over 10 MB) is told why, in the words of the server's own check of that limit."""

from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine

from locales import translate_to
from storage.documents.checks import MAX_UPLOAD_BYTES, TOO_LARGE
from tests.browser.steps import choose, continue_to, open_wizard, sign_in, unique_sim_digits
from tests.conftest import NOVA


def test_an_11_mb_scan_is_refused_in_the_browser_as_larger_than_10_mb(
    page: Page, app_engine: Engine, tmp_path: Path
) -> None:
    scan = tmp_path / "signed-contract.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024))
    assert scan.stat().st_size > MAX_UPLOAD_BYTES
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    choose(page, "Customer number for billing", "7.10045821")
    choose(page, "Sub-division", "Sales team")
    page.get_by_label("End user", exact=True).fill("Lotte Janssens")
    page.get_by_role("radio", name="SIM card").click()
    page.get_by_label("SIM card number", exact=True).fill(unique_sim_digits())
    continue_to(page, "Plan and options")
    choose(page, "Plan", "Shape Medium")
    continue_to(page, "Invoice Split")
    page.get_by_role("checkbox", name="Split the bill").click()

    page.locator('input[type="file"]').set_input_files(scan)
    expect(page.get_by_text(translate_to("en", TOO_LARGE))).to_be_visible()
    expect(page.get_by_text("Uploaded: signed-contract.pdf")).to_be_hidden()
