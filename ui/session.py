"""Who is signed in: the fleet manager id in NiceGUI's per-browser user storage."""

import re

from nicegui import app

from storage.queries.accounts import SignedInManager, find_manager
from ui.i18n import set_language
from ui.services import Services

MANAGER_KEY = "manager_id"


def signed_in_manager(services: Services) -> SignedInManager | None:
    manager_id = app.storage.user.get(MANAGER_KEY)
    return find_manager(services.engine, manager_id) if isinstance(manager_id, int) else None


def sign_in(manager: SignedInManager) -> None:
    # Start from an empty session so nothing of a previous visitor carries over.
    app.storage.user.clear()
    app.storage.user[MANAGER_KEY] = manager.id
    set_language(manager.language)


def sign_out() -> None:
    language = app.storage.user.get("language")
    app.storage.user.clear()
    if language:
        app.storage.user["language"] = language


# A path on this site: "/" then no second "/" or "\\", and only characters a URL keeps as
# they are (browsers drop tabs and newlines, so "/\t/evil" would become "//evil").
_SAFE_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~/%?=&]*")


def safe_redirect(target: str | None) -> str:
    """Where to go after sign-in: a path on this site only, never another host."""
    return target if target and _SAFE_PATH.fullmatch(target) else "/"
