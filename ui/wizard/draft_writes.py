"""A tab's draft saves: one at a time, off the event loop, and only the latest answers.

A key stroke used to commit the draft on the event loop, so a burst of users typing made every
page wait for SQLite. Now a change asks for a save; while one is on its way, further changes
only mark the draft unsaved, and the next write takes them all.
"""

import asyncio
import functools
from collections import defaultdict
from collections.abc import Callable

from nicegui import background_tasks, context

from domain.request import OrderRequest
from storage.queries.drafts import DraftState
from storage.use_cases import ChangedElsewhere, Saved, SentAs

Outcome = Saved | SentAs | ChangedElsewhere

_running: dict[int, set[asyncio.Task[None]]] = defaultdict(set)  # manager id → saves on their way


class DraftWrites:
    def __init__(
        self,
        manager_id: int,
        answers: Callable[[], DraftState],
        write: Callable[[DraftState], Outcome],
        follow: Callable[[Outcome, OrderRequest], None],
    ) -> None:
        self.manager_id = manager_id
        self.answers = answers  # the draft as the page has it, read on the loop when a write starts
        self.write = write  # runs in a worker thread
        self.follow = follow  # on the loop, in the page: the write's outcome, the answers written
        self.client = context.client
        self.unsaved = False
        self.task: asyncio.Task[None] | None = None

    @property
    def pending(self) -> bool:
        return self.task is not None

    def ask(self) -> None:
        """Save the draft soon: at once if no write is on its way, else right after it."""
        self.unsaved = True
        if self.task is not None:
            return
        self.task = background_tasks.create(
            self.write_all(), name="draft save", context=self.client
        )
        _running[self.manager_id].add(self.task)
        self.task.add_done_callback(self.done)

    def done(self, task: asyncio.Task[None]) -> None:
        running = _running[self.manager_id]
        running.discard(task)
        if not running:  # no empty set kept for each fleet manager who ever typed
            del _running[self.manager_id]

    async def write_all(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self.unsaved:
                self.unsaved = False
                draft = self.answers()
                # The loop's default executor, not run.io_bound: that gives up while the app
                # stops, and a change made just before must still be kept.
                outcome = await loop.run_in_executor(None, functools.partial(self.write, draft))
                if not self.client.is_deleted:  # following may ask again (a merge to save)
                    self.follow(outcome, draft.request)
        finally:
            self.task = None

    async def written(self) -> None:
        """Return once every change asked for so far is saved."""
        while self.task is not None:
            await asyncio.wait({self.task})


async def every_draft_written(manager_id: int | None = None) -> None:
    """Wait for the draft saves on their way (of one fleet manager's tabs, or of all): a page
    opened now reads the draft as the other tab last had it; the app stops after them."""
    groups = [_running.get(manager_id, set())] if manager_id is not None else [*_running.values()]
    tasks = {task for group in groups for task in group}
    if tasks:
        await asyncio.wait(tasks)
