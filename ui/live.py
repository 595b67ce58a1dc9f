"""Pages that follow order and draft changes as they happen: the news comes from any thread (a use case
in another page, another instance); each page refreshes itself on its own event loop."""

import asyncio
import threading
from collections.abc import Callable

from nicegui import context
from nicegui.storage import request_contextvar

from storage.events import Change, OrderChanged
from storage.use_cases import Services


def follow_orders(
    services: Services, concerns: Callable[[OrderChanged], bool], refresh: Callable[[], object]
) -> None:
    """Call ``refresh`` in this page whenever an order change it ``concerns`` arrives, until
    the page is gone."""
    follow(services, lambda event: isinstance(event, OrderChanged) and concerns(event), refresh)


def follow(
    services: Services, concerns: Callable[[Change], bool], refresh: Callable[[], object]
) -> None:
    """Call ``refresh`` in this page whenever a change it ``concerns`` arrives (an order's,
    a draft's), until the page is gone. News that comes while a refresh waits for its turn
    is shown by that refresh (it reads the latest state): the busier the event loop, the more
    news one refresh takes, instead of every order placed refreshing every page once more."""
    client = context.client
    loop = asyncio.get_running_loop()
    due = threading.Event()  # a refresh waits for its turn on the loop

    def in_page() -> None:
        due.clear()
        if client.is_deleted:
            return
        # As NiceGUI does for the page's own events: its session (and so its language), not
        # that of whoever caused the change, nor none at all for news from another instance.
        session = request_contextvar.set(client.request)
        try:
            with client:
                refresh()
        finally:
            request_contextvar.reset(session)

    def heard(event: Change) -> None:
        if concerns(event) and not client.is_deleted and not due.is_set():
            due.set()
            loop.call_soon_threadsafe(in_page)

    stop = services.events.subscribe(heard)
    client.on_delete(stop)
