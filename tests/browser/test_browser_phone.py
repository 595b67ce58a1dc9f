"""Phones (390 px wide) in a real browser: check your answers reads as one column (each label
above its value, its Change link beside the label), and every table becomes a list of cards,
one a row with each column as "label: value", with no sideways scroll; the links on the cards
work from the keyboard, and a "Sort by" select stands in for the column headers."""

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy.engine import Engine

from domain.orders import PlacedOrder
from storage.queries.drafts import new_draft_state
from storage.use_cases import Saved, Services, save_draft
from tests.browser.steps import (
    REFERENCE,
    checkpoint,
    sign_in,
    tab_to,
    unique_mobile_number,
    unique_sim_digits,
)
from tests.conftest import NOVA
from tests.mail_helpers import company_id, enqueue_committed, esim_mail
from tests.order_helpers import (
    ESIM_TRANSFER,
    NEW_NUMBER,
    documents_beside,
    manager_of,
    place,
    services_for,
)

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


def placed_new_number(engine: Engine, end_user: str) -> PlacedOrder:
    request = dataclasses.replace(
        NEW_NUMBER, end_user_name=end_user, sim_digits=unique_sim_digits()
    )
    outcome = place(app_services(engine), request, key=unique_sim_digits())
    assert isinstance(outcome, PlacedOrder), outcome
    return outcome


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


def cards(page: Page, table: str) -> Locator:
    """The cards of the table whose data-testid is ``table``, one a row."""
    return page.get_by_test_id(table).get_by_role("article")


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


def test_on_a_phone_the_fleet_shows_its_orders_and_lines_as_cards(
    phone: Page, app_engine: Engine
) -> None:
    placed_new_number(app_engine, "Sofie Claes")
    sign_in(phone, NOVA)
    lines = cards(phone, "fleet")
    expect(lines.first).to_be_visible()
    assert lines.count() >= 20  # the demo's lines (and those other tests' orders added)
    first = lines.first
    for label in ("Number:", "End user:", "Plan:", "Options:", "SIM or eSIM:", "Customer number:"):
        expect(first).to_contain_text(label)
    expect(first).to_contain_text("Lotte Janssens")
    orders = cards(phone, "orders").filter(has_text="Sofie Claes")
    expect(orders).to_have_count(1)
    for label in ("Reference:", "Status:", "Processing time:", "Expected completion:"):
        expect(orders).to_contain_text(label)
    expect(orders.get_by_role("link", name=REFERENCE)).to_be_visible()
    # No column headers: the cards carry the labels.
    expect(phone.get_by_role("columnheader")).to_have_count(0)
    assert_no_sideways_scroll(phone)
    checkpoint(phone, screenshot="18-phone-fleet")


def test_on_a_phone_an_orders_reference_on_its_card_opens_the_order_from_the_keyboard(
    phone: Page, app_engine: Engine
) -> None:
    order = placed_new_number(app_engine, "Ruben Wouters")
    sign_in(phone, NOVA)
    phone.goto("/orders")
    expect(phone.get_by_role("heading", name="Orders", level=1)).to_be_visible()
    card = cards(phone, "all-orders").filter(has_text=order.reference)
    expect(card).to_have_count(1)
    for label in ("Request type:", "Number:", "Plan:", "SIM or eSIM:", "Sent on:"):
        expect(card).to_contain_text(label)
    expect(card).to_contain_text("Ruben Wouters")
    assert_no_sideways_scroll(phone)
    checkpoint(phone)
    link = card.get_by_role("link", name=order.reference)
    tab_to(phone, link)
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", name=f"Order {order.reference}", level=1)).to_be_visible()
    assert_no_sideways_scroll(phone)
    checkpoint(phone)


def card_numbers(page: Page) -> list[str]:
    """The digits of each line card's number (its first value), in the order shown."""
    shown = cards(page, "fleet").evaluate_all(
        "cards => cards.map((c) => c.querySelector('dd').innerText)"
    )
    return [re.sub(r"\D", "", text) for text in shown]


def test_on_a_phone_sort_by_reorders_the_cards_and_the_table_keeps_that_order(
    phone: Page,
) -> None:
    sign_in(phone, NOVA)
    expect(cards(phone, "fleet").first).to_be_visible()
    ascending = card_numbers(phone)
    assert ascending == sorted(ascending)
    sort_by = phone.get_by_role("combobox", name="Sort by").first
    expect(sort_by).to_have_value("Number, ascending")
    sort_by.click()
    phone.get_by_role("option", name="Number, descending").click()
    expect(cards(phone, "fleet").first.locator("dd").first).to_have_text(
        re.compile(re.escape(ascending[-1][-2:]) + "$")
    )
    assert card_numbers(phone) == sorted(ascending, reverse=True)
    phone.get_by_role("combobox", name="Sort by").first.click()
    phone.get_by_role("option", name="End user, ascending").click()
    expect(cards(phone, "fleet").first).to_contain_text("Arne Lambert")  # the first A to Z
    checkpoint(phone)

    # Wider than a phone: a table with its headers again, sorted as chosen, no Sort by.
    phone.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
    header = phone.get_by_test_id("fleet").get_by_role("columnheader", name="End user")
    expect(header).to_be_visible()
    expect(header).to_have_class(re.compile(r"\bsorted\b"))
    expect(header).not_to_have_class(re.compile(r"\bsort-desc\b"))
    expect(phone.get_by_role("combobox", name="Sort by")).to_have_count(0)
    expect(cards(phone, "fleet")).to_have_count(0)


def test_on_a_phone_the_mailbox_lists_each_email_as_a_card_whose_subject_opens_it(
    phone: Page, app_engine: Engine
) -> None:
    enqueue_committed(app_engine, esim_mail("nl"), company_id(app_engine, NOVA.company))
    sign_in(phone, NOVA)
    phone.goto("/mailbox")
    expect(phone.get_by_role("heading", name="Mailbox", level=1)).to_be_visible()
    card = cards(phone, "mailbox").first
    for label in ("To:", "Subject:", "Language:", "Status:", "Written on:"):
        expect(card).to_contain_text(label)
    assert_no_sideways_scroll(phone)
    checkpoint(phone)
    subject = card.get_by_role("link").first
    title = subject.inner_text()
    subject.click()
    expect(phone.get_by_role("heading", name=title, level=1)).to_be_visible()
