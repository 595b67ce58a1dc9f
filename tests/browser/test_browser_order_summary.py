"""The live order summary in the real browser (issue 14): beside the wizard on a desktop,
below it on a phone, following the answers as they are given."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import checkpoint, choose, new_number_until_plan

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_summary_follows_the_answers_beside_or_below_the_wizard(
    page: Page, size: dict[str, int]
) -> None:
    page.set_viewport_size(size)  # type: ignore[arg-type]
    new_number_until_plan(page)
    summary = page.get_by_role("complementary", name="Order summary")
    expect(summary).to_contain_text("A new number, SIM card, for Noor El Amrani")
    choose(page, "Plan", "Shape Medium")
    expect(summary).to_contain_text("Total a month excl. VAT25,62 €")
    expect(summary).to_contain_text("Processing time: 1 hour")
    page.get_by_role("checkbox", name="International calls").click()
    expect(summary).to_contain_text("Total a month excl. VAT30,62 €")
    checkpoint(page)

    stepper = page.locator(".q-stepper").bounding_box()
    aside = summary.bounding_box()
    assert stepper is not None and aside is not None
    if size is DESKTOP:  # beside: to the right of the steps, at their height
        assert aside["x"] >= stepper["x"] + stepper["width"]
        assert aside["y"] < stepper["y"] + stepper["height"] / 2
    else:  # below the steps, as wide as the screen allows
        assert aside["y"] >= stepper["y"] + stepper["height"]
        assert aside["width"] > size["width"] * 0.8
