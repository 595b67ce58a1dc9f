"""Nothing typed is lost while the server restarts (issue 13, item 14): text typed while the
page has no connection, and kept through NiceGUI's automatic reload once the server is back, is
in its field afterwards and saved in the draft."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import VIEWPORT, RunningApp, free_port, launch_app, stop
from tests.browser.steps import continue_to, open_wizard, sign_in
from tests.conftest import NOVA

UNSENT = "() => sessionStorage.getItem('fleet-unsent-typing')"


@pytest.fixture
def own_app(chromium: str, tmp_path: Path) -> Iterator[RunningApp]:
    """An app of this test's own, which it stops and starts again."""
    running = launch_app(
        tmp_path, f"sqlite:///{tmp_path / 'fleet.db'}", free_port(), tmp_path / "app.log"
    )
    try:
        yield running
    finally:
        stop(running.process)


def test_text_typed_while_the_server_restarts_is_kept_and_saved(
    own_app: RunningApp, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport=VIEWPORT, base_url=own_app.url)  # type: ignore[arg-type]
    page: Page = context.new_page()
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    end_user = page.get_by_label("End user", exact=True)
    end_user.fill("Noor")  # saved while connected

    stop(own_app.process)
    page.wait_for_function("() => window.socket && !window.socket.connected")
    end_user.fill("Noor El Amrani")  # the server is gone: nothing can take it now
    expect(end_user).to_have_value("Noor El Amrani")

    port = int(own_app.url.rsplit(":", 1)[1])
    # The same port and data: the page reconnects, the new process does not know it, and
    # NiceGUI reloads it.
    with page.expect_event("load", timeout=60_000):
        again = launch_app(tmp_path, own_app.database_url, port, tmp_path / "again.log")
    try:
        expect(page.get_by_label("End user", exact=True)).to_have_value("Noor El Amrani")
        page.wait_for_function(f"() => ({UNSENT})() === null")  # sent, so no longer kept
        page.reload()  # what the server saved, not the browser's copy
        expect(page.get_by_label("End user", exact=True)).to_have_value("Noor El Amrani")
    finally:
        context.close()
        stop(again.process)


def test_kept_text_that_is_old_or_has_no_field_here_is_forgotten(page: Page) -> None:
    """Only a fresh text of this address goes back in; the rest is forgotten once connected
    (it could overwrite a newer draft, or another person's sign-in in this tab)."""
    page.goto("/login")
    page.evaluate(
        """() => sessionStorage.setItem('fleet-unsent-typing', JSON.stringify({
            '/login email': {value: 'old@nova-logistics.be', at: Date.now() - 2 * 3600 * 1000},
            '/add/sim_and_billing end_user_name': {value: 'Someone', at: Date.now()},
        }))"""
    )
    page.reload()
    page.wait_for_function(f"() => ({UNSENT})() === null")
    expect(page.get_by_label("E-mail")).to_have_value("")
