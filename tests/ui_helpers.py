"""Shared steps for simulated-user tests."""

from nicegui.testing import User

from storage.seed import DemoLogin


async def open_login(user: User, path: str = "/login", language: str = "en") -> None:
    """Open the sign-in page in `language` (a new visitor gets French)."""
    await user.open(path)
    switch = user.find(marker="language").elements.pop()
    if switch.value != language:  # type: ignore[attr-defined]
        switch.value = language  # type: ignore[attr-defined]
        await user.should_see(marker="sign-in")


async def sign_in(user: User, login: DemoLogin, password: str | None = None) -> None:
    await open_login(user)
    user.find(marker="email").type(login.email)
    user.find(marker="password").type(login.password if password is None else password)
    user.find(marker="sign-in").click()
    if password is None:  # the right password: wait until signed in
        await user.should_see(marker="sign-out")
