"""Who is signed in: the fleet manager id in NiceGUI's per-browser user storage."""

import re

from nicegui import app

from domain.language import Language
from storage.queries.accounts import SignedInManager, find_manager
from storage.use_cases import Services
from ui.i18n import set_language

MANAGER_KEY = "manager_id"


def signed_in_manager(services: Services) -> SignedInManager | None:
    manager_id = app.storage.user.get(MANAGER_KEY)
    return find_manager(services.engine, manager_id) if isinstance(manager_id, int) else None


def start_session(manager: SignedInManager) -> None:
    # Start from an empty session so nothing of a previous visitor carries over.
    app.storage.user.clear()
    app.storage.user[MANAGER_KEY] = manager.id
    if manager.language in set(Language):
        set_language(Language(manager.language))


def end_session() -> None:
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
