"""The demo mailbox in a real browser: an e-mail is shown whole, in a frame as tall as the
e-mail, so the eSIM instructions and the QR code are on the page, not behind a second scroll
bar."""

from playwright.sync_api import Frame, Page, expect
from sqlalchemy.engine import Engine

from tests.browser.steps import sign_in
from tests.conftest import NOVA
from tests.mail_helpers import company_id, enqueue_committed, esim_mail

# The frame's document, measured inside it: taller content than its window scrolls.
SCROLL_AND_WINDOW = (
    "() => [document.documentElement.scrollHeight, document.documentElement.clientHeight]"
)
# Two animation frames in the page: its resize observers have run (they run before painting).
NEXT_PAINT = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def shown_email(page: Page) -> Frame:
    frame = (
        page.locator("iframe[title='As the recipient sees it']").element_handle().content_frame()
    )
    assert frame is not None
    frame.wait_for_load_state("load")
    page.evaluate(NEXT_PAINT)
    return frame


def test_esim_email_is_shown_whole_without_a_scroll_bar_of_its_own(
    page: Page, app_engine: Engine
) -> None:
    message_id = enqueue_committed(
        app_engine, esim_mail("nl"), company_id(app_engine, NOVA.company)
    )
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    sign_in(page, NOVA)
    page.goto(f"/mailbox/{message_id}")
    expect(
        page.frame_locator("iframe").get_by_role("img", name="QR-code van het eSIM-profiel")
    ).to_be_attached()
    scroll_height, window_height = shown_email(page).evaluate(SCROLL_AND_WINDOW)
    assert scroll_height <= window_height
    assert window_height > 900  # taller than the browser's window: the page scrolls instead

    page.set_viewport_size({"width": 420, "height": 800})  # a phone: the e-mail grows taller
    page.evaluate(NEXT_PAINT)
    narrow_scroll, narrow_window = shown_email(page).evaluate(SCROLL_AND_WINDOW)
    assert narrow_scroll <= narrow_window
    assert narrow_window >= window_height
    assert violations == []  # the same-origin frame and its fitting break no policy
