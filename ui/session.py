"""Who is signed in: the session token in the browser's cookie, checked against the database
on every page and every action that needs the person (`storage.use_cases.sessions`).

NiceGUI's own per-browser storage keeps only the chosen language, never who is signed in.
"""

import re

from fastapi import Request
from nicegui import Client
from nicegui.storage import request_contextvar

from storage.queries.accounts import SignedInAgent, SignedInManager
from storage.use_cases import Services
from storage.use_cases.sessions import resume_session

SESSION_COOKIE = "fleet_signed_in"  # HttpOnly, SameSite=Lax, Secure over https
BACK_OFFICE = "/back-office"
SIGN_IN = "/login"

Person = SignedInManager | SignedInAgent


def request_token(request: Request | None) -> str | None:
    return request.cookies.get(SESSION_COOKIE) if request is not None else None


def page_token(client: Client) -> str | None:
    """The session a page was rendered for: its events act for that session only."""
    return request_token(client._request)  # None for pages NiceGUI builds without a request


def signed_in_person(services: Services) -> Person | None:
    """The person of this request's session (a page's events carry the page's request)."""
    return resume_session(services, request_token(request_contextvar.get()))


def signed_in_manager(services: Services) -> SignedInManager | None:
    person = signed_in_person(services)
    return person if isinstance(person, SignedInManager) else None


def home(person: Person) -> str:
    """Where a signed-in person starts: the fleet, or the back-office."""
    return "/" if isinstance(person, SignedInManager) else BACK_OFFICE


def secure_cookies(services: Services, request: Request) -> bool:
    """Cookies get `Secure` when the app is reached over https: its public URL says so, or the
    request came over https (directly, or through a proxy uvicorn trusts: FORWARDED_ALLOW_IPS)."""
    return bool(services.public_url and services.public_url.startswith("https://")) or (
        request.url.scheme == "https"
    )


# A path on this site: "/" then no second "/" or "\\", and only characters a URL keeps as
# they are (browsers drop tabs and newlines, so "/\t/evil" would become "//evil").
_SAFE_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~/%?=&]*")


def safe_redirect(target: str | None) -> str:
    """Where to go after sign-in: a path on this site only, never another host."""
    return target if target and _SAFE_PATH.fullmatch(target) else "/"
