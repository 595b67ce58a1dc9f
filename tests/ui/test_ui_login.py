import asyncio
import threading

import pytest
from nicegui import background_tasks, helpers
from nicegui.testing import User

from tests.conftest import LUMIERE, NOVA
from tests.ui_helpers import SIGN_IN_POLLS, open_login, sign_in
from ui import login_page

WRONG = "That e-mail and password do not match. Check both and try again."


async def test_signed_out_visitor_is_sent_to_the_login_page(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="sign-in")
    await user.should_not_see(marker="fleet")


async def test_wizard_route_is_protected_too(user: User) -> None:
    await user.open("/add")
    await user.should_see(marker="sign-in")


async def test_right_password_opens_the_fleet(user: User) -> None:
    await open_login(user)
    await user.should_see(NOVA.email)  # demo mode shows the demo login
    await sign_in(user, NOVA)
    await user.should_see(marker="fleet")
    await user.should_see("Sofie Peeters · Nova Logistics NV")


async def test_wrong_password_and_unknown_email_get_the_same_message(user: User) -> None:
    await sign_in(user, NOVA, password="not the password")
    await user.should_see(WRONG, retries=SIGN_IN_POLLS)
    await user.should_not_see(marker="fleet")


async def test_unknown_email_gets_the_same_message(user: User) -> None:
    await open_login(user)
    user.find(marker="email").type("nobody@nova-logistics.be")
    user.find(marker="password").type(NOVA.password)
    user.find(marker="sign-in").click()
    await user.should_see(WRONG, retries=SIGN_IN_POLLS)


async def test_sign_out_returns_to_login_and_protects_pages_again(user: User) -> None:
    await sign_in(user, NOVA)
    await user.should_see(marker="fleet")
    user.find(marker="sign-out").click()
    await user.should_see(marker="sign-in", retries=SIGN_IN_POLLS)  # through /session/end
    await user.open("/")
    await user.should_see(marker="sign-in")


async def test_login_redirect_goes_back_to_the_page_asked_for(user: User) -> None:
    await open_login(user, "/login?redirect_to=/add")
    user.find(marker="email").type(LUMIERE.email)
    user.find(marker="password").type(LUMIERE.password)
    user.find(marker="sign-in").click()
    await user.should_see(marker="wizard", retries=SIGN_IN_POLLS)
    await user.should_see("Marc Dubois · Atelier Lumière SRL")


def test_redirect_target_must_stay_on_this_site() -> None:
    from ui.session import safe_redirect

    assert safe_redirect("/add") == "/add"
    hostile_targets = (
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "/\t/evil",
        "/\n/evil",
        "",
        None,
    )
    for hostile in hostile_targets:
        assert safe_redirect(hostile) == "/"


async def test_new_visitor_gets_french_and_can_switch(user: User) -> None:
    await user.open("/login")
    await user.should_see("Connectez-vous pour gérer votre flotte")
    user.find(marker="language").elements.pop().value = "nl"  # type: ignore[attr-defined]
    await user.should_see("Meld u aan om uw vloot te beheren")


async def test_a_demo_login_fills_the_form_in_one_click(user: User) -> None:
    await open_login(user)
    user.find(marker=f"demo-{NOVA.email}").click()
    assert user.find(marker="email").elements.pop().value == NOVA.email  # type: ignore[attr-defined]
    assert user.find(marker="password").elements.pop().value == NOVA.password  # type: ignore[attr-defined]
    user.find(marker="sign-in").click()
    await user.should_see(marker="sign-out", retries=SIGN_IN_POLLS)


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("", "", "Enter your e-mail address. Enter your password."),
        ("", NOVA.password, "Enter your e-mail address."),
        (NOVA.email, "", "Enter your password."),
    ],
)
async def test_an_empty_sign_in_says_what_to_fill_in(
    user: User, email: str, password: str, message: str
) -> None:
    await open_login(user)
    if email:
        user.find(marker="email").type(email)
    if password:
        user.find(marker="password").type(password)
    user.find(marker="sign-in").click()
    await user.should_see(message, retries=SIGN_IN_POLLS)
    await user.should_not_see(WRONG)
    await user.should_not_see(marker="fleet")


async def test_an_empty_sign_in_is_told_in_french_and_dutch(user: User) -> None:
    await open_login(user, language="fr")
    user.find(marker="sign-in").click()
    await user.should_see(
        "Saisissez votre adresse e-mail. Saisissez votre mot de passe.", retries=SIGN_IN_POLLS
    )
    await open_login(user, language="nl")
    user.find(marker="sign-in").click()
    await user.should_see("Vul uw e-mailadres in. Vul uw wachtwoord in.", retries=SIGN_IN_POLLS)


@pytest.mark.parametrize(
    ("password", "then"), [("not the password", "sign-in"), (NOVA.password, "fleet")]
)
async def test_a_form_replaced_while_its_password_is_checked_is_left_alone(
    user: User,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    password: str,
    then: str,
) -> None:
    """The page lives on but the form is gone meanwhile (rebuilt, cleared): a refusal is not
    written into deleted elements (NiceGUI logs that as a use-after-free), and the right
    password still opens the fleet (navigating from the deleted form's slot raised)."""
    checking, answer = threading.Event(), threading.Event()

    def slow_sign_in(*args: object) -> object:
        checking.set()
        answer.wait(timeout=10)
        return real_sign_in(*args)

    real_sign_in = login_page.sign_in
    monkeypatch.setattr(login_page, "sign_in", slow_sign_in)
    helpers.warnings.reset()
    await open_login(user)
    user.find(marker="email").type(NOVA.email)
    user.find(marker="password").type(password)
    before = set(background_tasks.running_tasks)
    user.find(marker="sign-in").click()
    handlers = set(background_tasks.running_tasks) - before  # the click's handler
    await asyncio.to_thread(checking.wait, 10)
    button = next(iter(user.find(marker="sign-in").elements))
    assert button.parent_slot is not None
    card = button.parent_slot.parent
    assert card.parent_slot is not None
    card.parent_slot.parent.clear()  # the form's card gone (rebuilt) while the check runs
    answer.set()
    assert handlers
    await asyncio.wait_for(asyncio.gather(*handlers), timeout=10)
    assert "deleted but is still being used" not in caplog.text
    if then == "fleet":
        await user.should_see(marker="fleet", retries=SIGN_IN_POLLS)
