"""Who is signed in: the fleet manager id in NiceGUI's per-browser user storage."""

import re

from nicegui import app

from domain.language import Language
from storage.queries.accounts import SignedInAgent, SignedInManager, find_agent, find_manager
from storage.use_cases import Services
from storage.use_cases.demo import session_epoch
from ui.i18n import set_language

MANAGER_KEY = "manager_id"
AGENT_KEY = "agent_id"  # an operator's agent, in the back-office
BACK_OFFICE = "/back-office"
EPOCH_KEY = "demo_epoch"  # the demo resets seen when the session started


def signed_in_manager(services: Services) -> SignedInManager | None:
    manager_id = app.storage.user.get(MANAGER_KEY)
    if not isinstance(manager_id, int) or not _current(services):
        return None
    return find_manager(services.engine, manager_id)


def signed_in_agent(services: Services) -> SignedInAgent | None:
    agent_id = app.storage.user.get(AGENT_KEY)
    if not isinstance(agent_id, int) or not _current(services):
        return None
    return find_agent(services.engine, agent_id)


def _current(services: Services) -> bool:
    """A session ends when the demo is reset after it started."""
    return bool(app.storage.user.get(EPOCH_KEY, 0) == session_epoch(services))


def start_session(services: Services, person: SignedInManager | SignedInAgent) -> None:
    # Start from an empty session so nothing of a previous visitor carries over.
    app.storage.user.clear()
    key = MANAGER_KEY if isinstance(person, SignedInManager) else AGENT_KEY
    app.storage.user[key] = person.id
    app.storage.user[EPOCH_KEY] = session_epoch(services)
    if person.language in set(Language):
        set_language(Language(person.language))


def home(person: SignedInManager | SignedInAgent) -> str:
    """Where a signed-in person starts: the fleet, or the back-office."""
    return "/" if isinstance(person, SignedInManager) else BACK_OFFICE


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
