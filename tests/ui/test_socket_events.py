"""A malformed websocket event is refused quietly (one warning line, no traceback) and changes
nothing; a well-formed one still works."""

import json
import logging
from typing import Any

import pytest
from nicegui import core, ui
from nicegui.testing import User

from tests.conftest import NOVA
from tests.ui_helpers import open_login, sign_in


def email_field(user: User) -> ui.input:
    (field,) = [e for e in user.find(kind=ui.input).elements if e.props["type"] == "email"]
    return field


def email_input_event(user: User, value: object) -> dict[str, Any]:
    """The message the browser sends when the e-mail field of the sign-in page changes."""
    email = email_field(user)
    listener = next(
        key for key, listener in email._event_listeners.items() if listener.type == "update:value"
    )
    return {
        "client_id": user.client.id,
        "id": email.id,
        "listener_id": listener,
        "args": [json.dumps(value)],
    }


def garbage(good: dict[str, Any]) -> list[object]:
    """Messages of the wrong shape, built around a good one."""
    messages: list[object] = ["text", None, 5, [], [good], "{}"]
    for key in ("client_id", "id", "listener_id"):
        messages.append({name: value for name, value in good.items() if name != key})
        for wrong in (None, "x", 5, 1.5, True, [], {}):
            if not isinstance(wrong, type(good[key])) or isinstance(wrong, bool):
                messages.append({**good, key: wrong})
    messages.append({**good, "listener_id": "no-such-listener"})
    for args in ("not json", ["not json"], [5], [{}], [[]], ['{"a":'], ["[" * 100_000], 7, {}):
        messages.append({**good, "args": args})
    return messages


async def test_malformed_events_are_refused_with_one_warning_each(
    user: User, caplog: pytest.LogCaptureFixture
) -> None:
    await open_login(user)
    good = email_input_event(user, "sofie@nova.be")
    handler = core.sio.handlers["/"]["event"]  # the one NiceGUI's socket calls
    refused = garbage(good)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        for message in refused:
            handler("sid-1", message)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == len(refused)
    assert all("malformed websocket event" in r.getMessage() for r in warnings)
    assert all(r.exc_info is None and r.levelno < logging.ERROR for r in caplog.records)
    assert "Traceback" not in caplog.text
    assert email_field(user).value == ""  # nothing reached the field

    handler("sid-1", good)  # a well-formed event still does
    assert email_field(user).value == "sofie@nova.be"


WRONG_KINDS = ["5", "{}", "[]", "null", "true", '"x"', '{"value": {}}', "[[1]]"]


async def test_arguments_of_the_wrong_kind_give_a_warning_never_a_traceback(
    user: User, caplog: pytest.LogCaptureFixture
) -> None:
    await sign_in(user, NOVA)
    await user.open("/add")  # the wizard: selects, radios, checkboxes, inputs, the stepper
    handler = core.sio.handlers["/"]["event"]
    client = user.client
    sent = 0
    caplog.clear()
    for element in list(client.elements.values()):
        for listener_id, listener in list(element._event_listeners.items()):
            if listener.type == "click":  # a click carries no argument to get wrong
                continue
            for arg in WRONG_KINDS:
                message = {"client_id": client.id, "id": element.id, "listener_id": listener_id}
                handler("sid-1", {**message, "args": [arg]})
                sent += 1
    assert sent > 100
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert all(r.exc_info is None for r in caplog.records)
    assert "Traceback" not in caplog.text


async def test_a_dropped_page_waits_ten_seconds_for_its_browser(user: User) -> None:
    await open_login(user)
    assert core.app.config.reconnect_timeout == 10.0
    assert (core.sio.eio.ping_interval, core.sio.eio.ping_timeout) == (8.0, 4.0)
