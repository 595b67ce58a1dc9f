"""Shared steps for simulated-user tests."""

import re

import httpx
from nicegui import Client
from nicegui.testing import User

from locales import translate_to
from storage.db.seed import DemoLogin

# Polls 0.1 s apart: enough for the Argon2 check and the page that follows on a loaded machine.
SIGN_IN_POLLS = 100


async def open_login(user: User, path: str = "/login", language: str = "en") -> None:
    """Open the sign-in page in `language` (a new visitor gets French)."""
    await user.open(path)
    switch = user.find(marker="language").elements.pop()
    if switch.value != language:  # type: ignore[attr-defined]
        switch.value = language  # type: ignore[attr-defined]
        # The switch reloads the page: wait for the new one, in that language, not the old one.
        await user.should_see(
            translate_to(language, "Sign in to manage your fleet"), retries=SIGN_IN_POLLS
        )


async def sign_in(
    user: User, login: DemoLogin, password: str | None = None, language: str = "en"
) -> None:
    """Sign in from the sign-in page in `language` (the one chosen there is kept)."""
    await open_login(user, language=language)
    user.find(marker="email").type(login.email)
    user.find(marker="password").type(login.password if password is None else password)
    user.find(marker="sign-in").click()
    if password is None:  # the right password: wait until signed in (Argon2 runs in a thread)
        await user.should_see(marker="sign-out", retries=SIGN_IN_POLLS)


def page_of(response: httpx.Response) -> Client:
    """The NiceGUI page an HTML response was built from."""
    match = re.search(r"'client_id': '([0-9a-f-]+)'", response.text)
    assert match is not None, response.text[:200]
    return Client.instances[match.group(1)]


def texts(client: Client) -> list[str]:
    return [str(getattr(element, "text", "")) for element in client.elements.values()]


def way_back(client: Client) -> tuple[str, str]:
    (link,) = [e for e in client.elements.values() if "way-back" in e._markers]
    return str(getattr(link, "text", "")), str(link.props["href"])
