"""Every route of the app, found by walking the app's routes (a route added later is checked
too): a signed-out visitor is sent to sign-in or gets "not found", and the other company's
fleet manager never sees anything of Nova Logistics' orders, e-mails or documents."""

import os
import re
from pathlib import Path

import httpx
from nicegui import app
from nicegui.testing import User
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.db.tables import OutboxMessage
from tests.conftest import LUMIERE, NOVA
from tests.fixtures import documents as samples
from tests.order_helpers import attached, placed, services_for
from tests.ui_helpers import sign_in

PUBLIC = {"/login"}  # shows the demo logins by design
SERVED_FILES = ("/static/", "/favicon.ico")  # the same for everyone
NOVA_SECRETS = ("Nova Logistics", "Noor El Amrani", "sofie.peeters")


def app_paths() -> list[str]:
    paths = {getattr(route, "path", "") for route in app.routes}
    return sorted(p for p in paths if p and not p.startswith(("/_nicegui", *SERVED_FILES)))


def nova_values(engine: Engine) -> dict[str, str]:
    """A value of Nova's for each path parameter of the app's routes."""
    # The app's own documents folder (set per test by conftest), not one in the work tree.
    services = services_for(engine, Path(os.environ["DOCUMENTS_DIR"]))
    order = placed(services)
    document = attached(services, samples.pdf())
    with Session(engine) as session:
        message = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).first()
    assert message is not None
    return {
        "reference": order.reference,
        "message_id": str(message.id),
        "public_id": document.public_id,
    }


def filled(path: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in values, f"give the isolation test a Nova value for {{{name}}} in {path}"
        return values[name]

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def leaks(response: httpx.Response) -> list[str]:
    return [secret for secret in NOVA_SECRETS if secret in response.text]


async def test_a_signed_out_visitor_reaches_no_route_but_sign_in(
    user: User, engine: Engine
) -> None:
    values = nova_values(engine)
    await user.open("/login")  # a browser session, not signed in
    for path in app_paths():
        if path in PUBLIC:
            continue
        response = await user.http_client.get(filled(path, values))
        assert response.status_code in (307, 404), (path, response.status_code)
        if response.status_code == 307:
            assert response.headers["location"].startswith("/login"), path
        assert leaks(response) == [], path


async def test_the_other_company_sees_nothing_of_nova_on_any_route(
    user: User, engine: Engine
) -> None:
    values = nova_values(engine)
    await sign_in(user, LUMIERE)
    for path in app_paths():
        if path in PUBLIC:
            continue
        response = await user.http_client.get(filled(path, values))
        assert response.status_code in (200, 307, 404), (path, response.status_code)
        assert leaks(response) == [], (path, leaks(response))


async def test_the_check_sees_novas_data_on_novas_own_pages(user: User, engine: Engine) -> None:
    values = nova_values(engine)
    await sign_in(user, NOVA)
    response = await user.http_client.get(filled("/orders/{reference}", values))
    assert "Noor El Amrani" in leaks(response)
