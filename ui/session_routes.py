"""Sign-in and sign-out pass through HTTP requests, so that the session cookie is set new at
each sign-in (no session fixation) and removed at sign-out; pages cannot set HttpOnly cookies.
"""

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, run

from domain.language import Language
from storage.queries.accounts import SignedInManager
from storage.use_cases import Services, remember_language
from storage.use_cases.sessions import end_session, start_session
from ui.i18n import language_chosen_at_sign_in, set_language
from ui.page_guard import end_pages
from ui.session import (
    SESSION_COOKIE,
    SIGN_IN,
    Person,
    home,
    request_token,
    safe_redirect,
    secure_cookies,
)

START = "/session/start"
END = "/session/end"


def start_url(ticket: str, target: str) -> str:
    """Where the sign-in page sends the browser with its one-use ticket."""
    return f"{START}?ticket={quote(ticket)}&to={quote(safe_redirect(target))}"


def register(services: Services) -> None:
    @app.get(START, include_in_schema=False)
    async def session_start(request: Request, ticket: str = "", to: str = "/") -> RedirectResponse:
        started = await run.io_bound(start_session, services, ticket)
        if started is None:  # used, expired or made up: sign in again
            return RedirectResponse(SIGN_IN, status_code=303)
        await _use_language(services, started.person)
        target = safe_redirect(to)
        response = RedirectResponse(target if target != "/" else home(started.person), 303)
        response.set_cookie(
            SESSION_COOKIE,
            started.token,
            httponly=True,
            samesite="lax",
            secure=secure_cookies(services, request),
            path="/",
        )
        return response

    @app.get(END, include_in_schema=False)
    async def session_end(request: Request) -> RedirectResponse:
        token = request_token(request)
        await run.io_bound(end_session, services, token)
        if token:
            end_pages({token})  # every page of this session on this instance, at once
        response = RedirectResponse(SIGN_IN, status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
        return response


async def _use_language(services: Services, person: Person) -> None:
    """The language picked on the sign-in page, remembered for the fleet manager from now on;
    else the one remembered for the account."""
    chosen = language_chosen_at_sign_in()
    if chosen is not None:
        if isinstance(person, SignedInManager):
            await run.io_bound(remember_language, services, person.id, chosen)
    elif person.language in set(Language):
        set_language(Language(person.language))
