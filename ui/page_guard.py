"""Open pages act for their own session only (ASVS V3, V13).

- A page whose session ended (sign-out, idle or absolute timeout, password change, demo reset,
  on any instance) loses its elements at once, so its events reach nothing, and goes to sign-in.
  This instance ends its own pages on sign-out; a sweep every few seconds catches the rest.
- The websocket is accepted only from the app's own origins and only with the session cookie
  the page was rendered with; Socket.IO's polling answers no other origin, with no credentials.
- An upload is accepted only from the page's own session, for an uploader shown on the page.
"""

import asyncio
import logging
import time
import urllib.parse
from collections.abc import Callable
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import socketio
from fastapi import Request, Response
from nicegui import Client, app, background_tasks, core, nicegui, run, ui
from starlette.types import ASGIApp, Receive, Scope, Send

from storage.use_cases import Services
from storage.use_cases.employee_requests import remind_employees
from storage.use_cases.sessions import keep_sessions
from ui.session import SESSION_COOKIE, SIGN_IN, page_token, request_token
from ui.socket_events import checked_event

logger = logging.getLogger(__name__)
SWEEP_EVERY = 3.0  # seconds: how late a page on another instance may learn its session ended
_UPLOAD_PATH = "/_nicegui/client/"
_last_event: dict[str, float] = {}  # client id -> monotonic time of its last event


def end_pages(tokens: set[str]) -> int:
    """Every open page of these sessions: emptied (its events reach nothing), sent to sign-in."""
    ended = 0
    for client in list(Client.instances.values()):
        if page_token(client) in tokens:
            with client:
                ui.navigate.to(SIGN_IN)
            client.remove_all_elements()
            ended += 1
    return ended


async def sweep(services: Services) -> None:
    """End the pages whose session ended elsewhere; an event on a page counts as activity."""
    pages = {c.id: t for c in list(Client.instances.values()) if (t := page_token(c))}
    cutoff = time.monotonic() - SWEEP_EVERY
    active = {t for cid, t in pages.items() if _last_event.get(cid, 0.0) >= cutoff}
    _last_event.clear()  # signed-out pages' and gone pages' entries too: it must not grow
    if not pages:
        return
    still_open = await run.io_bound(keep_sessions, services, set(pages.values()), active)
    if still_open is not None:  # None: the app is shutting down
        end_pages(set(pages.values()) - still_open)


def _allowed_origin(services: Services) -> Callable[[str | None, dict[str, Any]], bool]:
    public = urllib.parse.urlsplit(services.public_url or "")
    own = {f"{public.scheme}://{public.netloc}"} if public.netloc else set()

    def allowed(origin: str | None, environ: dict[str, Any]) -> bool:
        if origin is None:  # not a browser: the session check below still applies
            return True
        served = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        return origin in own | {served, served.replace("http://", "https://", 1)}

    return allowed


def socket_session_matches(environ: dict[str, Any] | None, client: Client | None) -> bool:
    if client is None or environ is None:
        return True  # NiceGUI refuses an unknown page itself; tests have no environ
    cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    presented = cookie[SESSION_COOKIE].value if SESSION_COOKIE in cookie else None
    return presented == page_token(client)


def guard_socket(services: Services) -> None:
    """Wrap NiceGUI's Socket.IO connect and handshake with the origin and session checks."""
    core.sio.eio.cors_allowed_origins = _allowed_origin(services)
    core.sio.eio.cors_credentials = False

    async def on_connect(sid: str, environ: dict[str, Any], auth: object = None) -> None:
        query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
        client = Client.instances.get(query.get("client_id", [""])[0])
        if not socket_session_matches(environ, client):
            raise socketio.exceptions.ConnectionRefusedError("not this page's session")
        await nicegui._on_connect(sid, environ, auth)

    async def on_handshake(sid: str, data: dict[str, Any]) -> bool:
        client = Client.instances.get(str(data.get("client_id")))
        environ = None if sid.startswith("test-") else core.sio.get_environ(sid)
        if not socket_session_matches(environ, client):
            return False
        return bool(await nicegui._on_handshake(sid, data))

    def on_event(sid: str, msg: Any) -> None:  # in front of the malformed-event check
        if isinstance(msg, dict):
            _last_event[str(msg.get("client_id"))] = time.monotonic()
        checked_event(sid, msg)

    core.sio.on("connect", on_connect)
    core.sio.on("handshake", on_handshake)
    core.sio.on("event", on_event)


class UploadGuard:
    """NiceGUI's upload route trusts the page id in its path: check the session and step too.
    A plain ASGI middleware: other requests pass straight through, untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(_UPLOAD_PATH):
            status = upload_refusal(Request(scope))
            if status is not None:
                await Response(status_code=status)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def upload_refusal(request: Request) -> int | None:
    """404 for an upload not from the page's own session, 403 for an uploader not shown."""
    parts = request.url.path.removeprefix(_UPLOAD_PATH).split("/")
    if len(parts) != 3 or parts[1] != "upload":
        return None
    client = Client.instances.get(parts[0])
    uploader = client.elements.get(int(parts[2])) if client and parts[2].isdigit() else None
    token = request_token(request)
    if client is None or uploader is None or token is None or token != page_token(client):
        return 404
    return None if _shown(uploader) else 403


def _shown(element: Any) -> bool:
    while element is not None:
        if not element.visible:
            return False
        element = element.parent_slot.parent if element.parent_slot else None
    return True


def remove_old_browser_storage(folder: Path, older_than: timedelta) -> int:
    """NiceGUI keeps a file per browser (here: its language) and never removes it."""
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for path in folder.glob("storage-user-*.json"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def install(services: Services) -> None:
    guard_socket(services)
    app.add_middleware(UploadGuard)

    async def sweep_forever() -> None:
        rounds = 0
        while True:
            try:
                if rounds % 1200 == 0:  # at start, then about every hour
                    folder = app.storage.path
                    await run.io_bound(
                        remove_old_browser_storage, folder, services.session_lifetime
                    )
                    # The employees' reminders, 2 days after their link (to the hour).
                    await run.io_bound(remind_employees, services)
                await sweep(services)
            except Exception:  # a database hiccup must not stop the next sweeps
                logger.exception("the session sweep failed")
            rounds += 1
            await asyncio.sleep(SWEEP_EVERY)

    app.on_startup(lambda: background_tasks.create(sweep_forever(), name="session sweep"))
