"""The API and webhooks page in the simulated browser: a token made is shown once and
listed, and revoked after asking (the API then refuses it); a webhook address is checked,
its secret shown once, a test delivery listed; another company sees none of it."""

import asyncio
from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User
from sqlalchemy.engine import Engine

from storage.use_cases.api_tokens import authenticate_api_token
from tests.conftest import LUMIERE, NOVA
from tests.order_helpers import documents_beside, services_for
from tests.ui_helpers import sign_in

POLLS = 50


async def until(done: Callable[[], bool]) -> None:
    """Wait for the page to show it, as should_see does: polled, with a deadline."""
    for _ in range(POLLS):
        if done():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the page never showed it")


def value_of(user: User, marker: str) -> str:
    with user.client:
        (found,) = user.find(marker=marker).elements
    return str(getattr(found, "value", ""))


def table_rows(user: User, marker: str) -> list[dict[str, object]]:
    with user.client:
        (table,) = user.find(marker=marker).elements
    assert isinstance(table, ui.table)
    return list(table.rows)


async def test_a_token_is_shown_once_listed_and_refused_once_revoked(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await user.open("/settings/api")
    user.find(marker="make-token").click()
    await user.should_see("Give the token a name, like the system that will use it.", retries=POLLS)
    user.find(marker="token-name").type("Workday")
    user.find(marker="token-write").click()
    user.find(marker="make-token").click()
    await user.should_see("Token “Workday” made", retries=POLLS)
    secret = value_of(user, "new-token")
    services = services_for(engine, documents_beside(engine))
    assert secret.startswith("fs_") and authenticate_api_token(services, secret) is not None
    (row,) = table_rows(user, "tokens")
    assert (row["name"], row["access"], row["state"]) == ("Workday", "Read and write", "Active")
    assert secret not in str(row)  # listed by its first characters only
    await user.open("/settings/api")
    await user.should_not_see(marker="new-token")  # shown once
    user.find("Revoke “Workday”").click()
    await user.should_see("Revoke the token “Workday”? Systems using it are refused at once.")
    user.find(marker="revoke-token-confirm").click()
    await user.should_not_see("Revoke “Workday”", retries=POLLS)
    assert table_rows(user, "tokens")[0]["state"] == "Revoked"
    assert authenticate_api_token(services, secret) is None


async def test_a_webhook_address_is_checked_its_secret_shown_and_a_test_listed(user: User) -> None:
    await sign_in(user, NOVA)
    await user.open("/settings/api")
    user.find(marker="webhook-url").type("http://hr.example.com/hooks")
    user.find(marker="add-webhook").click()
    await user.should_see(
        "Enter an https address, like https://hr.example.com/hooks/fleet.", retries=POLLS
    )
    user.find(marker="webhook-url").clear().type("https://hr.example.com/hooks/fleet")
    user.find(marker="add-webhook").click()
    await user.should_see("Address added: its signing secret", retries=POLLS)
    assert value_of(user, "webhook-secret").startswith("whsec_")
    await user.should_see("https://hr.example.com/hooks/fleet")
    assert table_rows(user, "deliveries") == []
    user.find("Send a test delivery").click()
    await until(lambda: table_rows(user, "deliveries") != [])
    (row,) = table_rows(user, "deliveries")
    assert (row["event"], row["url"]) == ("Test delivery", "https://hr.example.com/hooks/fleet")


async def test_another_company_sees_none_of_novas_tokens_or_addresses(
    user: User, engine: Engine
) -> None:
    await sign_in(user, NOVA)
    await user.open("/settings/api")
    user.find(marker="token-name").type("Workday")
    user.find(marker="make-token").click()
    await user.should_see("Token “Workday” made", retries=POLLS)
    await user.open("/session/end")
    await sign_in(user, LUMIERE)
    await user.open("/settings/api")
    await user.should_see(marker="tokens")
    assert table_rows(user, "tokens") == []
