"""Every route of the app, found by walking the app's routes (a route added later is checked
too): a signed-out visitor, and a browser replaying the cookie of a session that has signed
out, are sent to sign-in or get "not found", and the other company's fleet manager never sees
anything of Nova Logistics' orders, e-mails or documents."""

import re

import httpx
from fastapi import FastAPI
from nicegui import app
from nicegui.testing import User
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from starlette.routing import Mount

from storage.db.tables import Company, FleetLine, OutboxMessage
from storage.queries.bulk import SheetSummary
from storage.use_cases import Services
from storage.use_cases.bulk import upload_sheet
from tests.conftest import LUMIERE, NOVA
from tests.fixtures import bulk
from tests.fixtures import documents as samples
from tests.order_helpers import attached, documents_beside, manager_of, placed, services_for
from tests.ui_helpers import sign_in
from ui.session import SESSION_COOKIE

# The sign-in page shows the demo logins by design; the API's description and docs hold no data.
# The load balancer's checks say only whether the instance is up and can serve.
PUBLIC = {"/login", "/api/v1/openapi.json", "/api/v1/docs", "/healthz", "/readyz"}
SIGN_OUT = "/session/end"
# A session's cookie opens nothing of the API: a route without a token is 401 (a POST-only
# path answers a GET with 405).
API_REFUSALS = (401, 405)  # walked last: it ends the session that walks
SERVED_FILES = ("/static/", "/favicon.ico")  # the same for everyone
NOVA_SECRETS = ("Nova Logistics", "Noor El Amrani", "sofie.peeters")


def app_paths() -> list[str]:
    """Every path of the app, those of a mounted application (the API) included."""
    paths: set[str] = set()
    for route in app.routes:
        path = getattr(route, "path", "")
        mounted = getattr(route, "app", None)
        if isinstance(route, Mount) and isinstance(mounted, FastAPI):  # its routers' paths too
            inner = {*mounted.openapi()["paths"], *(getattr(r, "path", "") for r in mounted.routes)}
            paths |= {path + inner_path for inner_path in inner if inner_path}
        else:
            paths.add(path)
    found = (p for p in paths if p and not p.startswith(("/_nicegui", *SERVED_FILES)))
    found = (p for p in found if "/docs-assets" not in p)  # Swagger UI's own files
    return sorted(found, key=lambda path: (path == SIGN_OUT, path))


def nova_values(engine: Engine) -> dict[str, str]:
    """A value of Nova's for each path parameter of the app's routes."""
    services = services_for(engine, documents_beside(engine))
    order = placed(services)
    document = attached(services, samples.pdf())
    with Session(engine) as session:
        message = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).first()
    assert message is not None
    return {
        "reference": order.reference,
        "message_id": str(message.id),
        "public_id": document.public_id,
        "step": "plan_and_options",
        "line_id": str(nova_line_id(engine)),
        "secret": "not-a-link",  # a real link opens its one request to anyone who has it
        "sheet_id": nova_sheet(services),
        "number": "+32470123400",  # Nova's first line
    }


def nova_sheet(services: Services) -> str:
    """A file of Nova's lines, its owners' and end users' names in it."""
    sheet = upload_sheet(services, manager_of(services.engine), "lines.csv", bulk.every_kind())
    assert isinstance(sheet, SheetSummary)
    return sheet.public_id


def nova_line_id(engine: Engine) -> int:
    with Session(engine) as session:
        nova = session.exec(select(Company).where(Company.name == "Nova Logistics NV")).one()
        line = session.exec(select(FleetLine).where(FleetLine.company_id == nova.id)).first()
    assert line is not None and line.id is not None
    return line.id


def filled(path: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in values, f"give the isolation test a Nova value for {{{name}}} in {path}"
        return values[name]

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def leaks(response: httpx.Response) -> list[str]:
    return [secret for secret in NOVA_SECRETS if secret in response.text]


async def reaches_no_route_but_sign_in(user: User, values: dict[str, str]) -> int:
    """How many routes were tried; each sent the browser to sign-in or said "not found"."""
    tried = 0
    for path in app_paths():
        if path in PUBLIC:
            continue
        response = await user.http_client.get(filled(path, values))
        assert response.status_code in (303, 307, 404, *API_REFUSALS), (path, response.status_code)
        if response.status_code in (303, 307):
            assert response.headers["location"].startswith("/login"), path
        assert leaks(response) == [], path
        tried += 1
    return tried


async def test_a_signed_out_visitor_reaches_no_route_but_sign_in(
    user: User, engine: Engine
) -> None:
    values = nova_values(engine)
    await user.open("/login")  # a browser session, not signed in
    assert await reaches_no_route_but_sign_in(user, values) == len(app_paths()) - len(PUBLIC)


async def test_the_cookie_of_a_signed_out_session_reaches_no_route_but_sign_in(
    user: User, engine: Engine
) -> None:
    values = nova_values(engine)
    await sign_in(user, NOVA)
    token = user.http_client.cookies[SESSION_COOKIE]
    await user.http_client.get(SIGN_OUT)  # sign-out removes the cookie: put it back
    assert SESSION_COOKIE not in user.http_client.cookies
    user.http_client.cookies.set(SESSION_COOKIE, token)
    assert await reaches_no_route_but_sign_in(user, values) > 0


async def test_the_other_company_sees_nothing_of_nova_on_any_route(
    user: User, engine: Engine
) -> None:
    values = nova_values(engine)
    await sign_in(user, LUMIERE)
    for path in app_paths():
        if path in PUBLIC:
            continue
        response = await user.http_client.get(filled(path, values))
        assert response.status_code in (200, 303, 307, 404, *API_REFUSALS), (
            path,
            response.status_code,
        )
        assert leaks(response) == [], (path, leaks(response))


async def test_the_check_sees_novas_data_on_novas_own_pages(user: User, engine: Engine) -> None:
    values = nova_values(engine)
    await sign_in(user, NOVA)
    response = await user.http_client.get(filled("/orders/{reference}", values))
    assert "Noor El Amrani" in leaks(response)
    response = await user.http_client.get(filled("/bulk/{sheet_id}", values))
    assert "Julie Jacobs" in response.text  # an owner's name in Nova's file
