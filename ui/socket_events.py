"""The websocket's 'event' messages (a click, a typed value...) checked before NiceGUI reads them.

NiceGUI trusts them: a missing key, a wrong type, an unknown listener or an argument that is not
JSON raises inside its handler, and an argument of the wrong kind (a number where a select sends
a dict) raises in the element's or the page's handler; each prints a traceback. Anyone can send
such messages, so a malformed one is refused here with one warning line and no traceback; a
well-formed one goes on to NiceGUI's own handler.
"""

import contextvars
import logging
from typing import Any

from nicegui import Client, app, core
from nicegui import json as nicegui_json
from nicegui.logging import log as nicegui_log
from nicegui.nicegui import _on_event as nicegui_on_event

logger = logging.getLogger(__name__)

# Set while a socket event is handed to its handler (the tasks it starts inherit it).
_from_socket: contextvars.ContextVar[bool] = contextvars.ContextVar("from_socket", default=False)
# What a handler raises when an argument is not of the kind it reads.
_UNREADABLE = (TypeError, KeyError, ValueError, AttributeError, IndexError)


def install_event_check() -> None:
    """Put the check in front of NiceGUI's 'event' handler (again at each start: idempotent)."""
    core.sio.on("event", handler=checked_event)
    # NiceGUI logs every handler exception with its traceback (its first handler, put back by
    # each app reset): an unreadable socket event gets one warning line instead.
    handlers = app._exception_handlers
    handlers[:] = [_log_handler_exception if h == nicegui_log.exception else h for h in handlers]


def checked_event(sid: str, msg: Any) -> None:
    """NiceGUI's handler for a well-formed event; one warning line for anything else."""
    problem = event_problem(msg)
    if problem is not None:
        logger.warning("Refused a malformed websocket event from %s: %s", sid, problem)
        return
    token = _from_socket.set(True)
    try:
        nicegui_on_event(sid, msg)
    finally:
        _from_socket.reset(token)


def event_problem(msg: object) -> str | None:
    """What is wrong with an event message's shape, or None when NiceGUI can read it."""
    if not isinstance(msg, dict):
        return f"not an object but {type(msg).__name__}"
    for key, kind in (("client_id", str), ("id", int), ("listener_id", str)):
        if not isinstance(msg.get(key), kind) or isinstance(msg.get(key), bool):
            return f"{key} missing or not {kind.__name__}"
    args = msg.get("args", [])
    if not isinstance(args, list):
        return "args not a list"
    if not all(arg is None or _is_json(arg) for arg in args):
        return "an argument is not JSON text"
    return _listener_problem(msg)


def _is_json(arg: object) -> bool:
    if not isinstance(arg, str):
        return False
    try:
        nicegui_json.loads(arg)  # the parser NiceGUI uses (orjson refuses 1e400, for one)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return False
    return True


def _listener_problem(msg: dict[str, Any]) -> str | None:
    """An element of the page that has no such listener (NiceGUI raises KeyError)."""
    client = Client.instances.get(msg["client_id"])
    element = client.elements.get(msg["id"]) if client else None
    if element is not None and msg["listener_id"] not in element._event_listeners:
        return "no such listener on the element"
    return None


def _log_handler_exception(exception: Exception) -> None:
    if _from_socket.get() and isinstance(exception, _UNREADABLE):
        logger.warning(
            "Refused a websocket event its handler cannot read: %s: %s",
            type(exception).__name__,
            str(exception)[:200],
        )
        return
    nicegui_log.exception(exception)
