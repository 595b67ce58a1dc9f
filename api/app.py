"""The REST API (`/api/v1`): a FastAPI application of its own, mounted on NiceGUI's, with its
OpenAPI description at `/api/v1/openapi.json` and interactive docs at `/api/v1/docs` (Swagger
UI served from the app itself: no CDN). Every route calls a use case or a query in one line;
routes are plain functions, which FastAPI runs off the event loop."""

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from nicegui import app
from starlette.routing import Mount

from api.lines import lines_router
from api.orders import orders_router
from storage.use_cases import Services

PREFIX = "/api/v1"
# Swagger UI 5 (OpenAPI 3.1, as FastAPI writes it), as the fastapi-offline package ships it.
SWAGGER_FILES = Path(fastapi_offline.__file__).parent / "static"
DESCRIPTION = """Add lines to a company's fleet and follow their orders from an HR system or an
IT service tool: the same rules and answers as the fleet manager's pages.

Authenticate with a company's API token (made on the app's API page):
`Authorization: Bearer fs_…`. A read-only token reads; a read-write token also places,
cancels and resubmits orders. Every POST needs an `Idempotency-Key` header: the same key and
body give the first answer again, another body with the same key is refused. Problems (422)
are in the language of `Accept-Language` (fr, nl or en)."""


def api_app(services: Services) -> FastAPI:
    api = FastAPI(
        title="Fleet self-service API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    api.include_router(lines_router(services))
    api.include_router(orders_router(services))
    api.mount("/docs-assets", StaticFiles(directory=SWAGGER_FILES), name="docs-assets")

    @api.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=f"{PREFIX}/openapi.json",
            title="Fleet self-service API",
            swagger_js_url=f"{PREFIX}/docs-assets/swagger-ui-bundle.js",
            swagger_css_url=f"{PREFIX}/docs-assets/swagger-ui.css",
            swagger_favicon_url=f"{PREFIX}/docs-assets/favicon.png",
        )

    return api


def register(services: Services) -> None:
    """Mount the API on the app; a mount of an earlier start goes first (NiceGUI's test
    fixture runs main.py again for every test, on a new database)."""
    app.router.routes[:] = [
        route
        for route in app.router.routes
        if not (isinstance(route, Mount) and route.path == PREFIX)
    ]
    app.mount(PREFIX, api_app(services))
