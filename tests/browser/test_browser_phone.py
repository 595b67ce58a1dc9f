"""Phones (390 px wide) in a real browser: check your answers reads as one column (each label
above its value, its Change link beside the label), with no sideways scroll."""

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine

from storage.queries.drafts import new_draft_state
from storage.use_cases import Saved, Services, save_draft
from tests.browser.steps import (
    checkpoint,
    sign_in,
    unique_mobile_number,
)
from tests.conftest import NOVA
from tests.order_helpers import ESIM_TRANSFER, documents_beside, manager_of, services_for

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHECK = "Check your answers before sending the request"

# Whether the page scrolls sideways: wider than the screen.
SIDEWAYS = "() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth"

# Each answer row's boxes: the row, its label (<dt>), its value and its Change link (<dd>s).
_ANSWER_BOXES = """(dl) => [...dl.children].map((row) => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width}; };
  const [value, change] = row.querySelectorAll(':scope > dd');
  const label = row.querySelector(':scope > dt');
  const line = parseFloat(getComputedStyle(value).lineHeight);
  return {text: label.innerText, row: box(row), label: box(label), value: box(value),
          valueText: value.innerText, change: change ? box(change.querySelector('button')) : null,
          line: line};
})"""


@pytest.fixture
def phone(page: Page) -> Iterator[Page]:
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    yield page


def app_services(engine: Engine) -> Services:
    """The use cases on the app's database, at the real time (the pages judge "overdue")."""
    return services_for(engine, documents_beside(engine), now=datetime.now(UTC))


def transfer_ready_to_check(engine: Engine) -> None:
    """Nova's fleet manager's draft: an eSIM transfer, every answer given, at check your
    answers."""
    request = dataclasses.replace(ESIM_TRANSFER, transfer_number=unique_mobile_number())
    state = dataclasses.replace(new_draft_state(), request=request, step="check")
    assert isinstance(save_draft(app_services(engine), manager_of(engine), state), Saved)


def assert_no_sideways_scroll(page: Page) -> None:
    assert not page.evaluate(SIDEWAYS), page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )


def test_on_a_phone_check_your_answers_shows_each_label_above_its_value(
    phone: Page, app_engine: Engine
) -> None:
    transfer_ready_to_check(app_engine)
    sign_in(phone, NOVA)
    phone.goto("/add/check")
    expect(phone.get_by_role("heading", name=CHECK, level=2)).to_be_visible()
    expect(phone.get_by_role("button", name="Change Request type")).to_be_visible()
    rows = [
        row
        for dl in phone.locator("dl").element_handles()
        for row in dl.evaluate(_ANSWER_BOXES)
        if row["row"]["width"] > 0  # the lists of the other steps' panels are not shown
    ]
    assert len(rows) > 10, rows
    for row in rows:
        # The value has the row's whole width, below the label.
        assert row["value"]["width"] >= 0.9 * row["row"]["width"], row
        assert row["value"]["top"] >= row["label"]["bottom"] - 1, row
        # The Change link is on the label's line, at its right.
        change = row["change"]
        assert change is not None, row
        assert change["top"] < row["label"]["bottom"] and change["bottom"] > row["label"]["top"]
        assert change["left"] >= row["label"]["right"] - 1, row
    request_type = next(row for row in rows if row["text"] == "Request type")
    assert request_type["valueText"] == "Transfer an existing number"
    # On one line: not "Transfer / an existing / number" in a narrow column.
    assert request_type["value"]["bottom"] - request_type["value"]["top"] < 2 * request_type["line"]
    assert_no_sideways_scroll(phone)
    checkpoint(phone, screenshot="17-phone-check-your-answers")


def test_at_desktop_width_check_your_answers_keeps_label_value_and_change_on_one_row(
    page: Page, app_engine: Engine
) -> None:
    transfer_ready_to_check(app_engine)
    sign_in(page, NOVA)
    page.goto("/add/check")
    expect(page.get_by_role("heading", name=CHECK, level=2)).to_be_visible()
    dl = page.locator("dl").filter(visible=True).first
    for row in dl.evaluate(_ANSWER_BOXES):
        assert row["value"]["left"] >= row["label"]["right"], row
        assert row["change"]["left"] >= row["value"]["right"], row
