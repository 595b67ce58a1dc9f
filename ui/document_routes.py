"""Download of a stored document, for the fleet managers of the company that owns it only.

Anyone else gets the same 404 as for an id that does not exist, signed out visitors included:
the answer never tells whether a document exists. The session is read from `app.storage.user`,
which NiceGUI's request middleware makes available in plain FastAPI routes too.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response
from nicegui import app
from starlette.concurrency import run_in_threadpool
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from storage.documents.files import Download, document_download
from storage.use_cases import Services
from ui.error_pages import DOCUMENT_NOT_FOUND, error_response
from ui.session import signed_in_manager

_PRIVATE = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}


def document_url(public_id: str) -> str:
    return f"/documents/{quote(public_id, safe='')}"


def register(services: Services) -> None:
    _refuse_served_folder(services.documents_dir)

    def find(public_id: str) -> Download | None:
        manager = signed_in_manager(services)
        if manager is None:
            return None
        return document_download(
            services.engine, services.documents_dir, manager.company_id, public_id
        )

    @app.get("/documents/{public_id}", include_in_schema=False)
    async def download_document(request: Request, public_id: str) -> Response:
        # Disk and database reads in a worker thread (the request's context, and so the
        # session, goes with it); the not-found page is built on the event loop, as pages are.
        found = await run_in_threadpool(find, public_id)
        if found is None:  # the same page whether it does not exist or is another company's
            return error_response(services, request, DOCUMENT_NOT_FOUND, 404, _PRIVATE)
        return Response(
            found.data,
            media_type=found.content_type,
            headers={**_PRIVATE, "Content-Disposition": _attachment(found.filename)},
        )


def _attachment(filename: str) -> str:
    """RFC 6266: an ASCII fallback for old clients, then the exact UTF-8 name."""
    fallback = "".join(
        ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in filename
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _refuse_served_folder(documents_dir: Path) -> None:
    """Stop at start-up if a static folder of the app would serve the private documents."""
    private = documents_dir.resolve()
    for served in _served_folders():
        if private.is_relative_to(Path(served).resolve()):
            raise RuntimeError(f"{documents_dir} is inside the served folder {served}")


def _served_folders() -> Iterator[str | os.PathLike[str]]:
    for route in app.routes:
        if isinstance(route, Mount) and isinstance(route.app, StaticFiles):
            handlers: list[object] = [route.app]
        else:  # NiceGUI's add_static_files keeps its StaticFiles in the endpoint's closure
            closure = getattr(getattr(route, "endpoint", None), "__closure__", None) or ()
            handlers = [cell.cell_contents for cell in closure]
        for handler in handlers:
            if isinstance(handler, StaticFiles) and handler.directory is not None:
                yield handler.directory
