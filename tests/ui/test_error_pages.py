"""The app's own error pages: in the frame and the visitor's language, with a way back, and a
server error that shows a reference, never the exception."""

import logging
import re

import pytest
from fastapi import Depends, HTTPException
from nicegui import app, ui
from nicegui.testing import User

from tests.conftest import NOVA
from tests.ui_helpers import page_of, sign_in, texts, way_back
from ui import fleet_page

REFERENCE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}")


async def test_an_unknown_address_shows_the_french_not_found_page_with_a_way_to_sign_in(
    user: User,
) -> None:
    await user.open("/login")  # a new visitor's browser: French
    response = await user.http_client.get("/no-such-page")
    assert response.status_code == 404
    client = page_of(response)
    assert "Page introuvable" in texts(client)
    assert "Si vous avez tapé l'adresse, vérifiez qu'elle est correcte." in texts(client)
    assert way_back(client) == ("Se connecter", "/login")
    assert any(e.props.get("label") == "Langue" for e in client.elements.values())  # the frame
    assert "HTTPException" not in response.text
    assert "doesn't exist" not in response.text


async def test_a_signed_in_fleet_manager_is_shown_the_way_back_to_the_fleet(user: User) -> None:
    await sign_in(user, NOVA)  # reads English
    response = await user.http_client.get("/orders/x/no-such-page")
    assert response.status_code == 404
    client = page_of(response)
    assert "Page not found" in texts(client)
    assert way_back(client) == ("Go to my fleet", "/")


async def test_a_failing_page_shows_a_reference_the_log_carries_and_not_the_exception(
    user: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret detail of the database")

    await sign_in(user, NOVA)
    monkeypatch.setattr(fleet_page, "company_orders", broken)
    response = await user.http_client.get("/")
    assert response.status_code == 500
    assert "secret detail" not in response.text
    assert "RuntimeError" not in response.text
    client = page_of(response)
    assert "Sorry, there is a problem with the service" in texts(client)
    (shown,) = [t for t in texts(client) if t.startswith("Error reference ")]
    reference = shown.removeprefix("Error reference ")
    assert REFERENCE.fullmatch(reference)
    assert way_back(client) == ("Go to my fleet", "/")
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert len(logged) == 1 and logged[0].levelno == logging.ERROR
    assert logged[0].exc_info is not None and "secret detail" in str(logged[0].exc_info[1])
    caplog.clear()  # the error is this test's subject: the fixture must not fail on it


async def test_a_page_refused_to_the_visitor_shows_the_no_access_page(user: User) -> None:
    def refuse() -> None:
        raise HTTPException(403)

    @ui.page("/refusing", dependencies=[Depends(refuse)])
    def refusing() -> None:
        ui.label("never shown")

    try:
        await user.open("/login")
        response = await user.http_client.get("/refusing")
    finally:
        app.remove_route("/refusing")
    assert response.status_code == 403
    client = page_of(response)
    assert "Vous n'avez pas accès à cette page" in texts(client)
    assert way_back(client) == ("Se connecter", "/login")


async def test_a_missing_static_file_keeps_fastapis_json_not_found(user: User) -> None:
    await user.open("/login")
    response = await user.http_client.get("/static/no-such-file.css")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
