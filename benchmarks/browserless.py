"""A NiceGUI page as a browser holds it, without a browser: the page's elements read from its
HTML and kept up to date from the socket's "update" messages, events sent as NiceGUI's
nicegui.js sends them (python-socketio speaks the socket.io protocol). For load benchmarks,
where hundreds of Chromium pages would not fit on two cores."""

import asyncio
import html
import json
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import socketio

SOCKET_PATH = "/_nicegui_ws/socket.io"
Element = dict[str, Any]


class PageGone(Exception):
    """The server dropped the page's socket (or never took it)."""


def page_elements(text: str) -> dict[str, Element]:
    found = re.search(r"parseElements\(String\.raw`(.*?)`\)", text, re.S)
    if found is None:
        raise ValueError("not a NiceGUI page")
    elements: dict[str, Element] = json.loads(html.unescape(found.group(1)))
    return elements


def options(element: Element) -> list[dict[str, Any]]:
    found = element.get("props", {}).get("options")
    return found if isinstance(found, list) else []


class Tab:
    """One open page: its elements, its socket, the addresses the server sends it to."""

    def __init__(self, base: str, http: httpx.AsyncClient) -> None:
        self.base, self.http = base, http
        self.elements: dict[str, Element] = {}
        self.client_id = ""
        self.path = ""
        self.sent_to: asyncio.Queue[str] = asyncio.Queue()  # ui.navigate.to's addresses
        self.changed = asyncio.Event()
        self.notices: list[str] = []
        self.got_in = 0.0  # seconds the GET took (the rest of open: the socket's connection)
        self.dropped = False  # the server refused the page back after a disconnect
        self.reconnects = 0
        self.was_connected = False
        # As nicegui.js: after a drop, the same client id, tab and document come back.
        self.sio = socketio.AsyncClient(reconnection=True, reconnection_attempts=5)
        self.sio.on("update", self._updated)
        self.sio.on("open", self._opened)
        self.sio.on("notify", self._notified)
        self.sio.on("run_javascript", self._javascript)
        self.sio.on("disconnect", self._disconnected)
        self.sio.on("connect", self._connected)
        self.sio.on("connect_error", self._refused)

    async def open(self, path: str) -> None:
        """GET the page (following redirects) and connect its socket, as the browser does."""
        started = time.perf_counter()
        response = await self.http.get(path)
        response.raise_for_status()
        self.path = response.url.path
        self.elements = page_elements(response.text)
        found = re.search(r"client_id['\"]?:\s*['\"]([^'\"]+)", response.text)
        if found is None:
            raise ValueError("no client id in the page")
        self.client_id = found.group(1)
        self.got_in = time.perf_counter() - started
        query = (
            f"client_id={self.client_id}&tab_id={uuid.uuid4()}&document_id={uuid.uuid4()}"
            "&next_message_id=0&implicit_handshake=true"
        )
        cookies = "; ".join(f"{name}={value}" for name, value in self.http.cookies.items())
        await self.sio.connect(
            f"{self.base}?{query}",
            socketio_path=SOCKET_PATH,
            transports=["websocket"],
            headers={"Cookie": cookies},
            wait_timeout=60,
        )

    async def close(self) -> None:
        await self.sio.disconnect()

    # What the server sends
    async def _updated(self, message: dict[str, Any]) -> None:
        for key, element in message.items():
            if key == "_id":
                continue
            if element is None:
                self.elements.pop(key, None)
            else:
                self.elements[key] = element
        self.changed.set()

    async def _opened(self, message: dict[str, Any]) -> None:
        self.sent_to.put_nowait(message["path"])

    async def _notified(self, message: dict[str, Any]) -> None:
        self.notices.append(str(message.get("message", "")))
        self.changed.set()

    async def _javascript(self, message: dict[str, Any]) -> None:
        if message.get("request_id"):  # the server awaits an answer: none is as good as any
            await self.sio.emit(
                "javascript_response",
                {"request_id": message["request_id"], "client_id": self.client_id, "result": None},
            )

    async def _connected(self) -> None:
        self.reconnects += self.was_connected
        self.was_connected = True

    async def _disconnected(self, *_reason: object) -> None:
        self.changed.set()

    async def _refused(self, *_reason: object) -> None:
        if self.was_connected:  # the page is gone: a browser would reload it
            self.dropped = True
            self.changed.set()

    # Finding elements
    def find(self, matches: Callable[[Element], bool]) -> str:
        found = [key for key, element in self.elements.items() if matches(element)]
        if not found:
            raise LookupError("no such element on the page")
        return found[0]

    def labelled(self, *labels: str) -> str:
        return self.find(lambda e: e.get("props", {}).get("label") in labels)

    def with_prop(self, name: str, value: object) -> str:
        return self.find(lambda e: e.get("props", {}).get(name) == value)

    def has_label(self, label: str) -> bool:
        return any(e.get("props", {}).get("label") == label for e in self.elements.values())

    def options_of(self, label: str) -> str:
        """The radio group or select with an option whose label starts with ``label``."""
        return self.find(lambda e: any(str(o.get("label")).startswith(label) for o in options(e)))

    def option(self, key: str, index: int) -> dict[str, Any]:
        """What a select sends when its ``index``-th option is picked."""
        return options(self.elements[key])[index]

    def stepper_at(self) -> str | None:
        key = self.find(lambda e: e["tag"] == "q-stepper")
        value = self.elements[key].get("props", {}).get("model-value")
        return str(value) if value is not None else None

    def in_step(self, step: str, label: str) -> str:
        """The element labelled ``label`` in the stepper's step ``step`` (its Continue button)."""
        panel = self.find(lambda e: e["tag"] == "q-step" and e.get("props", {}).get("name") == step)
        for key in self.descendants(panel):
            if self.elements[key].get("props", {}).get("label") == label:
                return key
        raise LookupError(f"no {label} in {step}")

    def descendants(self, key: str) -> list[str]:
        element = self.elements.get(key)
        if element is None:
            return []
        below = [str(child) for child in element.get("children", [])]
        for slot in element.get("slots", {}).values():
            below += [str(child) for child in slot.get("ids", [])]
        found = [k for k in below if k in self.elements]
        for k in below:
            found += self.descendants(k)
        return found

    # Doing things
    async def emit(self, key: str, kind: str, *args: object) -> None:
        if self.dropped or not self.sio.connected:
            raise PageGone(self.path)
        listener = next(
            event["listener_id"] for event in self.elements[key]["events"] if event["type"] == kind
        )
        message = {
            "id": int(key),
            "client_id": self.client_id,
            "listener_id": listener,
            "args": [json.dumps(arg) for arg in args],
        }
        await self.sio.emit("event", message)

    async def type(self, key: str, text: str) -> None:
        await self.emit(key, "update:value", text)

    async def click(self, key: str) -> None:
        await self.emit(key, "click", {})

    async def until(self, seen: Callable[["Tab"], bool], timeout: float = 60) -> float:
        """Wait until ``seen`` holds (checked at each update); the seconds it took."""
        started = time.perf_counter()
        while not seen(self):
            if self.dropped:
                raise PageGone(self.path)
            self.changed.clear()
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                raise TimeoutError(self.path)
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                continue
        return time.perf_counter() - started

    async def next_address(self, timeout: float = 60) -> str:
        getting = asyncio.ensure_future(self.sent_to.get())
        dropped = asyncio.ensure_future(self.until(lambda tab: False, timeout))
        done, pending = await asyncio.wait({getting, dropped}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        if getting in done:
            return getting.result()
        dropped.result()  # raises PageGone or TimeoutError
        raise PageGone(self.path)
