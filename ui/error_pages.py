"""The app's own error pages (page not found, no access, server error), GOV.UK style: in the
app's frame and the visitor's language, saying what to do, with a way back.

They replace NiceGUI's English "This page doesn't exist" and its server error page, which shows
the exception's text. A server error shows a reference instead; the log line with the traceback
carries the same reference, so support finds it from what the user quotes.
"""

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from fastapi import Request, Response
from fastapi.exception_handlers import http_exception_handler
from nicegui import Client, app, context, ui
from nicegui.page import page
from starlette.exceptions import HTTPException

from storage.use_cases import Services
from ui.frame import page_frame
from ui.i18n import _
from ui.kit import heading
from ui.session import SIGN_IN, Person, home, signed_in_person

log = logging.getLogger(__name__)

# Letters and digits nobody misreads over the phone (no 0/O, 1/I/L).
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class ErrorPage:
    title: str  # message ids, translated when the page is built
    lines: tuple[str, ...]


NOT_FOUND = ErrorPage(
    "Page not found",
    (
        "If you typed the address, check it is correct.",
        "If you pasted the address, check you copied the entire address.",
    ),
)
DOCUMENT_NOT_FOUND = ErrorPage(
    "Document not found",
    ("This document cannot be found. Open it again from the request it belongs to.",),
)
FORBIDDEN = ErrorPage(
    "You do not have access to this page",
    ("Your account does not give access to it. Sign in with another account if you have one.",),
)
SERVER_ERROR = ErrorPage(
    "Sorry, there is a problem with the service",
    (
        "Try again in a few minutes.",
        "If it happens again, give this reference to the operator's support.",
    ),
)
_FOR_STATUS = {403: FORBIDDEN, 404: NOT_FOUND}


def error_reference() -> str:
    """A short id the user can read out, e.g. 7F3K-2Q9M."""
    letters = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def error_response(
    services: Services,
    request: Request,
    error: ErrorPage,
    status_code: int,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The error page as a response of its own (for an address no page answers)."""
    with Client(page(""), request=request) as client:
        _content(services, request, error)
    response = client.build_response(request, status_code)
    response.headers.update(headers or {})
    return response


def install(services: Services) -> None:
    """Answer unknown addresses, refused pages and server errors with the app's pages."""

    async def refused(request: Request, exception: Exception) -> Response:
        status = exception.status_code if isinstance(exception, HTTPException) else 404
        if _other_endpoint(request) and isinstance(exception, HTTPException):
            return await http_exception_handler(request, exception)  # JSON, as NiceGUI's
        return error_response(services, request, _FOR_STATUS.get(status, NOT_FOUND), status)

    def failed(exception: Exception) -> None:  # NiceGUI builds it in a fresh page, status 500
        reference = error_reference()
        request = context.client.request
        log.error(
            "Error reference %s: %s %s", reference, request.method, request.url.path,
            exc_info=exception,
        )  # fmt: skip
        _content(services, request, SERVER_ERROR, reference)

    for status in _FOR_STATUS:
        app.exception_handler(status)(refused)
    app.on_page_exception(failed)
    # NiceGUI's own handler would log the error a second time and build its page (with the
    # exception's text) in the background; pages get ours above.
    app.exception_handler(Exception)(_outside_pages)


def _other_endpoint(request: Request) -> bool:
    """A route that is not a page (NiceGUI's own, an API): it keeps FastAPI's JSON answer."""
    endpoint = request.scope.get("endpoint")
    route = request.scope.get("route")
    is_page = getattr(route, "path", None) in Client.page_routes.values()
    return endpoint is not None and endpoint is not app and not is_page


def _outside_pages(request: Request, exception: Exception) -> Response:
    if "nicegui_page_path" not in request.scope:  # ('' once the error page is built)
        raise exception  # FastAPI's plain "Internal Server Error"
    return Response(status_code=500)  # a page's error: ours is built by `failed`


def _content(
    services: Services, request: Request, error: ErrorPage, reference: str | None = None
) -> None:
    person = _person(services)
    with page_frame(services, person, request.url.path, _(error.title)):
        heading(_(error.title), level=1)
        for line in error.lines:
            ui.label(_(line))
        if reference is not None:
            ui.label(_("Error reference {reference}", reference=reference)).classes(
                "text-lg font-bold"
            ).mark("error-reference")
        _way_back(person)


def _person(services: Services) -> Person | None:
    try:
        return signed_in_person(services)
    except Exception:  # the error may be the database itself: the page still shows
        log.warning("Error page without the signed-in person", exc_info=True)
        return None


def _way_back(person: Person | None) -> None:
    if person is None:
        ui.link(_("Sign in"), SIGN_IN).mark("way-back")
    elif home(person) == "/":
        ui.link(_("Go to my fleet"), "/").mark("way-back")
    else:
        ui.link(_("Go to the back-office"), home(person)).mark("way-back")
