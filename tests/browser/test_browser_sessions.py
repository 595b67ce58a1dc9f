"""Sessions in a real browser and on the real socket: sign-out in one tab ends the wizard open
in another, and the socket refuses another origin."""

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import RunningApp
from tests.browser.steps import continue_to, open_wizard, sign_in
from tests.conftest import NOVA


def test_signing_out_in_one_tab_sends_the_wizard_in_another_to_sign_in(page: Page) -> None:
    sign_in(page, NOVA)
    open_wizard(page)
    page.get_by_role("radio", name="A new number").click()
    continue_to(page, "SIM and billing")
    other_tab = page.context.new_page()
    other_tab.goto("/")
    other_tab.get_by_role("button", name="Sign out").click()
    expect(other_tab).to_have_url(re.compile(r"/login$"))
    # The wizard's page was ended on the server: it goes to sign-in without being touched.
    expect(page).to_have_url(re.compile(r"/login$"))
    # The session is gone for the whole browser. Checked in a tab of its own: a goto in the
    # ended page could race the sign-in page's own loading (net::ERR_ABORTED under load).
    later = page.context.new_page()
    later.goto("/add")
    expect(later).to_have_url(re.compile(r"/login\?redirect_to=/add$"))


def socket_opens(url: str, origin: str) -> bool:
    """Whether Socket.IO's handshake (its polling transport, which any page could fetch)
    answers a page of `origin`."""
    handshake = f"{url}/_nicegui_ws/socket.io/?EIO=4&transport=polling"
    response = httpx.get(handshake, headers={"Origin": origin}, timeout=10)
    allowed = response.headers.get("access-control-allow-origin")
    assert allowed in (None, origin) and "access-control-allow-credentials" not in response.headers
    return response.status_code == 200 and '"sid"' in response.text


@pytest.mark.parametrize("other_origin", ["http://evil.example", "http://127.0.0.1:1"])
def test_the_socket_refuses_another_origin(app: RunningApp, other_origin: str) -> None:
    assert socket_opens(app.url, app.url)  # its own origin: accepted
    assert not socket_opens(app.url, other_origin)


def test_the_apps_session_storage_and_data_files_are_for_its_owner_only(
    page: Page, app: RunningApp
) -> None:
    sign_in(page, NOVA)
    data = app.log.parent
    written = [p for p in data.rglob("*") if p.is_file() and p != app.log]
    assert any(p.name.startswith("storage-user-") for p in written)
    assert {
        p.name: oct(p.stat().st_mode & 0o777) for p in written if p.stat().st_mode & 0o077
    } == {}
