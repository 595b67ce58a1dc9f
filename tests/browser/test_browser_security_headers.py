"""The security headers in a real browser: another site cannot frame the fleet page
(clickjacking), and the Content-Security-Policy lets every page of the app work (Chromium
reports no violation on any of them)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Page, expect

from storage.db.seed import DEMO_AGENT
from tests.browser.conftest import RunningApp, free_port
from tests.browser.steps import choose, continue_to, esim_for_noor, open_wizard, sign_in
from tests.conftest import NOVA

CHECK = "Check your answers before sending the request"
# Reported to the test by every page and frame: what the policy blocked.
REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', (event) =>
  window.cspViolation(`${event.violatedDirective} blocked ${event.blockedURI} on ${location.href}`));
"""


@contextmanager
def other_site(folder: Path) -> Iterator[str]:
    """A second web server, on another port (so another origin) of the same host."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()


def test_another_site_cannot_frame_the_fleet_page(
    page: Page, app: RunningApp, tmp_path: Path
) -> None:
    sign_in(page, NOVA)  # the attack needs a signed-in fleet manager
    (tmp_path / "frame.html").write_text(
        f'<!doctype html><title>Win a phone</title><iframe src="{app.url}/"></iframe>'
    )
    refusals: list[str] = []
    page.on("console", lambda message: refusals.append(message.text))
    with other_site(tmp_path) as site:
        with page.expect_console_message(lambda m: "frame-ancestors" in m.text):
            page.goto(f"{site}/frame.html")
        frame = page.frames[1]
        assert not frame.url.startswith(app.url), frame.url  # the error page, not the fleet
        expect(page.frame_locator("iframe").get_by_text("My fleet")).to_have_count(0)


def test_no_page_breaks_the_content_security_policy(page: Page) -> None:
    violations: list[str] = []

    def report(violation: str) -> None:
        violations.append(violation)

    page.expose_function("cspViolation", report)
    page.add_init_script(REPORT_VIOLATIONS)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", on_console)
    sign_in(page, NOVA)  # the sign-in page, then the fleet
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    esim_for_noor(page, "English", copy_to_me=True)
    continue_to(page, "Plan and options")
    choose(page, "Plan", "Shape Small")
    continue_to(page, "Invoice Split")
    continue_to(page, CHECK)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("img", name="eSIM QR code")).to_be_visible()  # inline SVG
    page.get_by_role("link", name="View the order").click()
    expect(page.get_by_text("Status: Received")).to_be_visible()
    page.get_by_role("link", name="Mailbox").click()
    page.get_by_role("link", name="Your eSIM profile", exact=False).first.click()
    expect(page.frame_locator("iframe").get_by_role("img").first).to_be_visible()  # data: QR
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()  # now in English
    page.get_by_label("E-mail").fill(DEMO_AGENT.email)
    page.get_by_label("Password").fill(DEMO_AGENT.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Back-office: every company's orders")).to_be_visible()
    assert violations == [], "The Content-Security-Policy blocked:\n" + "\n".join(violations)
