"""Sessions as a browser lives them: a new cookie at sign-in, sign-out ending the pages already
open, throttled sign-in, and uploads accepted only from the page's own session and step."""

import dataclasses
import os
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from nicegui import ui
from nicegui.testing import User
from sqlalchemy.engine import Engine

from storage.db.tables import utc_now
from storage.use_cases.sessions import end_session, open_session
from tests.conftest import LUMIERE, NOVA
from tests.fixtures import documents as samples
from tests.order_helpers import documents_beside, manager_of, services_for
from tests.ui_helpers import SIGN_IN_POLLS, open_login, sign_in
from tests.wizard_helpers import element, invoice_split_step, tick
from ui.page_guard import SWEEP_EVERY, remove_old_browser_storage, socket_session_matches
from ui.session import SESSION_COOKIE

SWEEP_POLLS = int(SWEEP_EVERY * 10) + SIGN_IN_POLLS  # polls are 0.1 s apart


def same_browser(user: User, create_user: Callable[[], User]) -> User:
    """Another tab of `user`'s browser: the same cookies."""
    tab = create_user()
    tab.http_client.cookies = user.http_client.cookies
    return tab


async def test_the_cookies_from_before_sign_in_do_not_open_the_signed_in_pages(
    user: User, create_user: Callable[[], User]
) -> None:
    await open_login(user)
    before = dict(user.http_client.cookies)  # what an attacker could have planted or read
    await sign_in(user, NOVA)
    assert user.http_client.cookies[SESSION_COOKIE] not in before.values()
    holder = create_user()
    holder.http_client.cookies.update(before)
    response = await holder.http_client.get("/")
    assert response.status_code == 307 and response.headers["location"].startswith("/login")


async def test_each_sign_in_sets_a_new_session_cookie(user: User) -> None:
    await sign_in(user, NOVA)
    first = user.http_client.cookies[SESSION_COOKIE]
    user.find(marker="sign-out").click()
    await user.should_see(marker="sign-in", retries=SIGN_IN_POLLS)
    assert SESSION_COOKIE not in user.http_client.cookies  # removed at sign-out
    await sign_in(user, NOVA)
    assert user.http_client.cookies[SESSION_COOKIE] != first


async def test_signing_out_in_another_tab_ends_the_open_wizard_at_once(
    user: User, create_user: Callable[[], User]
) -> None:
    await sign_in(user, NOVA)
    await user.open("/add")
    send = element(user, "next-request_type")
    other_tab = same_browser(user, create_user)
    await other_tab.http_client.get("/session/end")  # its Sign out button goes there
    assert send.is_deleted  # the open page's events reach nothing any more
    await user.should_not_see(marker="wizard")


async def test_a_session_ended_elsewhere_ends_the_open_pages_within_a_sweep(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await user.open("/add")
    services = dataclasses.replace(services_for(engine, documents_beside(engine)), clock=utc_now)
    end_session(services, user.http_client.cookies[SESSION_COOKIE])  # e.g. on another instance
    await user.should_not_see(marker="wizard", retries=SWEEP_POLLS)


async def test_the_sixth_wrong_password_is_answered_with_a_wait(user: User) -> None:
    for _ in range(5):
        await sign_in(user, NOVA, password="wrong")
        await user.should_see("That e-mail and password do not match", retries=SIGN_IN_POLLS)
    user.find(marker="password").type(NOVA.password)  # even the right one waits now
    user.find(marker="sign-in").click()
    await user.should_see("Too many attempts to sign in.", retries=SIGN_IN_POLLS)


@pytest.fixture
def https_public_url(isolated_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://fleet.example.be")


async def secure_flag(user: User, engine: Engine) -> bool:
    services = dataclasses.replace(services_for(engine, documents_beside(engine)), clock=utc_now)
    ticket = open_session(services, manager_of(engine))
    response = await user.http_client.get(f"/session/start?ticket={ticket}")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=") and "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    return "secure" in cookie.lower()


async def test_the_session_cookie_is_secure_behind_an_https_public_url(
    https_public_url: None, user: User, engine: Engine
) -> None:
    assert await secure_flag(user, engine)


async def test_the_session_cookie_is_not_marked_secure_over_plain_http(
    user: User, engine: Engine
) -> None:
    assert not await secure_flag(user, engine)


async def post_contract(user: User, url: str) -> int:
    upload = {"file": ("signed.pdf", samples.pdf(), "application/pdf")}
    return (await user.http_client.post(url, files=upload)).status_code


async def test_an_upload_counts_only_from_the_pages_own_session_and_step(
    user: User, create_user: Callable[[], User]
) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    tick(user, "invoice_split", on=False)  # the uploader is hidden again
    uploader: ui.upload = element(user, "contract-upload")
    url = uploader.props["url"]
    assert await post_contract(user, url) == 403  # not on a step that shows it
    tick(user, "invoice_split")
    other_company = create_user()
    await sign_in(other_company, LUMIERE)
    assert await post_contract(other_company, url) == 404
    assert await post_contract(create_user(), url) == 404  # no session at all
    await user.should_not_see(marker="uploaded-contract")
    assert await post_contract(user, url) == 200
    await user.should_see(marker="uploaded-contract", retries=SIGN_IN_POLLS)


async def test_a_pages_socket_needs_the_session_cookie_the_page_was_rendered_with(
    user: User,
) -> None:
    await sign_in(user, NOVA)
    page, token = user.client, user.http_client.cookies[SESSION_COOKIE]
    assert page is not None
    assert socket_session_matches({"HTTP_COOKIE": f"{SESSION_COOKIE}={token}"}, page)
    assert not socket_session_matches({}, page)  # the page id alone, from another origin
    assert not socket_session_matches({"HTTP_COOKIE": f"{SESSION_COOKIE}=another"}, page)


def test_browser_storage_files_older_than_a_session_are_removed(tmp_path: Path) -> None:
    old, recent = tmp_path / "storage-user-old.json", tmp_path / "storage-user-new.json"
    general = tmp_path / "storage-general.json"
    for path in (old, recent, general):
        path.write_text("{}")
    os.utime(old, (time.time() - 13 * 3600,) * 2)
    os.utime(general, (time.time() - 13 * 3600,) * 2)
    assert remove_old_browser_storage(tmp_path, timedelta(hours=12)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [general.name, recent.name]
