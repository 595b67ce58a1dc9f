"""Downloading a stored document: its company's fleet managers only; anyone else gets 404."""

import re
from pathlib import Path

import httpx
import pytest
from nicegui import app
from nicegui.testing import User
from sqlalchemy.engine import Engine

from storage.documents.files import DocumentInfo
from tests.conftest import LUMIERE, NOVA
from tests.fixtures import documents as samples
from tests.order_helpers import attached, services_for
from tests.ui_helpers import page_of, sign_in, texts, way_back
from ui import document_routes

# What differs between two renderings of one page: the ids NiceGUI gives the page and its listeners.
RENDERING_IDS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def without_rendering_ids(response: httpx.Response) -> str:
    return RENDERING_IDS.sub("", response.text)


def nova_upload(engine: Engine, documents_dir: Path, data: bytes, name: str) -> DocumentInfo:
    return attached(services_for(engine, documents_dir), data, name)


async def download(user: User, public_id: str) -> httpx.Response:
    # The simulated browser's client: it carries the session cookie set at sign-in.
    return await user.http_client.get(document_routes.document_url(public_id))


async def test_a_fleet_manager_downloads_the_companys_document_as_an_attachment(
    user: User, engine: Engine, isolated_data: Path
) -> None:
    data = samples.pdf()
    document = nova_upload(engine, isolated_data / "documents", data, "contrat signé.pdf")
    await sign_in(user, NOVA)
    response = await download(user, document.public_id)
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"contrat sign_.pdf\"; filename*=UTF-8''contrat%20sign%C3%A9.pdf"
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private, no-store"


async def test_an_image_downloads_with_the_type_found_in_its_content(
    user: User, engine: Engine, isolated_data: Path
) -> None:
    document = nova_upload(engine, isolated_data / "documents", samples.jpeg(), "scan.png")
    await sign_in(user, NOVA)
    response = await download(user, document.public_id)
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["content-disposition"].endswith("UTF-8''scan.jpg")


async def test_the_other_company_gets_the_same_not_found_as_for_an_unknown_id(
    user: User, engine: Engine, isolated_data: Path
) -> None:
    document = nova_upload(engine, isolated_data / "documents", samples.pdf(), "scan.pdf")
    await sign_in(user, LUMIERE)
    someone_elses = await download(user, document.public_id)
    unknown = await download(user, "no-such-document")
    assert someone_elses.status_code == unknown.status_code == 404
    assert without_rendering_ids(someone_elses) == without_rendering_ids(unknown)
    assert someone_elses.headers["content-type"] == unknown.headers["content-type"]
    assert someone_elses.headers["cache-control"] == "private, no-store"


async def test_a_signed_out_visitor_gets_the_apps_not_found_page(
    user: User, engine: Engine, isolated_data: Path
) -> None:
    document = nova_upload(engine, isolated_data / "documents", samples.pdf(), "scan.pdf")
    response = await download(user, document.public_id)
    assert response.status_code == 404
    page = page_of(response)  # a new visitor reads French, and is offered sign-in
    assert "Document introuvable" in texts(page)
    assert (
        "Ce document est introuvable. Ouvrez-le à nouveau depuis la demande à laquelle il appartient."
        in texts(page)
    )
    assert way_back(page) == ("Se connecter", "/login")


async def test_the_other_companys_document_is_the_apps_not_found_page_with_the_way_back(
    user: User, engine: Engine, isolated_data: Path
) -> None:
    document = nova_upload(engine, isolated_data / "documents", samples.pdf(), "scan.pdf")
    await sign_in(user, LUMIERE)
    response = await download(user, document.public_id)
    assert response.status_code == 404
    page = page_of(response)
    assert way_back(page)[1] == "/"
    assert "Nova" not in response.text


def test_the_app_refuses_to_start_with_documents_inside_a_served_folder(
    engine: Engine, tmp_path: Path
) -> None:
    app.add_static_files("/served", tmp_path)
    try:
        with pytest.raises(RuntimeError, match="served folder"):
            document_routes.register(services_for(engine, tmp_path / "documents"))
    finally:
        app.routes[:] = [r for r in app.routes if not getattr(r, "path", "").startswith("/served")]
