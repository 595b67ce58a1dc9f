"""Every kind of response carries the security headers: pages, redirects, NiceGUI's own
routes, static files, documents, "not found". HSTS only when the app is served over HTTPS."""

import httpx
import pytest
from nicegui import app
from nicegui.testing import User
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from tests.conftest import NOVA
from tests.ui_helpers import sign_in
from ui.headers import CONTENT_SECURITY_POLICY, SecurityHeaders

EXPECTED = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def nicegui_static_path() -> str:
    paths = [getattr(route, "path", "") for route in app.routes]
    mount = next(p for p in paths if p.startswith("/_nicegui/") and p.endswith("/static"))
    return f"{mount}/nicegui.css"


def every_kind_of_path() -> list[str]:
    return [
        "/login",  # a page
        "/",  # a page a signed-in manager sees
        "/orders/NOPE-0000",  # a page's own "not found"
        "/mailbox/9223372036854775808",
        "/static/page.css",  # the app's static files
        nicegui_static_path(),  # NiceGUI's own route
        "/favicon.ico",
        "/documents/no-such-document",  # a document route's 404
        "/no/such/page",  # NiceGUI's 404
    ]


def assert_secured(headers: dict[str, str], path: str) -> None:
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, (path, name)
    permissions = headers.get("permissions-policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions, (path, feature)


async def test_every_kind_of_response_carries_the_security_headers(user: User) -> None:
    await sign_in(user, NOVA)
    statuses = set()
    for path in every_kind_of_path():
        response = await user.http_client.get(path)
        statuses.add(response.status_code)
        assert_secured(dict(response.headers), path)
        assert "strict-transport-security" not in response.headers, path  # plain http
    assert {200, 404} <= statuses


async def test_a_signed_out_redirect_carries_them_too(user: User) -> None:
    response = await user.http_client.get("/orders")
    assert response.status_code == 307
    assert_secured(dict(response.headers), "/orders")


@pytest.fixture
def https_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://fleet.example.be")


async def test_hsts_is_sent_when_the_public_address_is_https(
    https_public_url: None, user: User
) -> None:
    for path in ("/login", "/static/page.css", "/no/such/page"):
        response = await user.http_client.get(path)
        hsts = response.headers.get("strict-transport-security")
        assert hsts == "max-age=31536000; includeSubDomains", path


async def plain_get(url: str, public_url: str | None = None) -> httpx.Response:
    async def hello(_request: object) -> PlainTextResponse:
        return PlainTextResponse("hello")

    secured = SecurityHeaders(Starlette(routes=[Route("/", hello)]), public_url=public_url)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=secured)) as client:
        return await client.get(url)


async def test_hsts_follows_the_request_scheme_without_a_public_address() -> None:
    over_https = await plain_get("https://fleet.example.be/")
    over_http = await plain_get("http://fleet.example.be/")
    assert over_https.headers["strict-transport-security"].startswith("max-age=31536000")
    assert "strict-transport-security" not in over_http.headers
    assert over_http.headers["x-frame-options"] == "DENY"


async def test_an_http_public_address_sends_no_hsts() -> None:
    response = await plain_get("http://fleet.example.be/", "http://fleet.example.be")
    assert "strict-transport-security" not in response.headers
