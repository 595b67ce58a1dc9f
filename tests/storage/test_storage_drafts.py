"""Drafts: one per fleet manager, never overwritten unseen by another tab."""

import threading

from domain.request import OrderRequest
from storage.queries.drafts import DraftState, load_draft
from storage.use_cases import ChangedElsewhere, Saved, Services, discard_draft, save_draft
from tests.order_helpers import manager_of


def state(end_user: str, version: int) -> DraftState:
    return DraftState(OrderRequest(end_user_name=end_user), "request_type", False, "key", version)


def test_each_save_moves_the_version_on(services: Services) -> None:
    manager = manager_of(services.engine)
    assert save_draft(services, manager, state("A", 0)) == Saved(1)
    assert save_draft(services, manager, state("B", 1)) == Saved(2)
    loaded = load_draft(services.engine, manager.id)
    assert loaded is not None and (loaded.request.end_user_name, loaded.version) == ("B", 2)


def test_a_tab_that_read_an_older_version_does_not_overwrite_the_other_tab(
    services: Services,
) -> None:
    manager = manager_of(services.engine)
    save_draft(services, manager, state("first tab", 0))
    save_draft(services, manager, state("first tab, later", 1))
    assert save_draft(services, manager, state("second tab", 1)) == ChangedElsewhere()
    loaded = load_draft(services.engine, manager.id)
    assert loaded is not None and loaded.request.end_user_name == "first tab, later"


def test_discarding_removes_the_draft(services: Services) -> None:
    manager = manager_of(services.engine)
    save_draft(services, manager, state("A", 0))
    discard_draft(services, manager)
    assert load_draft(services.engine, manager.id) is None


def saves_at_once(services: Services, states: list[DraftState]) -> list[object]:
    """Each state saved by a thread of its own (two tabs, two instances), all at one moment."""
    manager = manager_of(services.engine)
    together = threading.Barrier(len(states))
    outcomes: list[object] = [None] * len(states)

    def save(index: int) -> None:
        together.wait()
        outcomes[index] = save_draft(services, manager, states[index])

    threads = [threading.Thread(target=save, args=(index,)) for index in range(len(states))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_saves_of_one_version_at_the_same_moment_are_one_save_and_one_refusal(
    services: Services,
) -> None:
    """Read, check the version, write: without the check in the write itself, both tabs read
    version 1, both wrote 2, and the first tab's answer was lost unseen."""
    manager = manager_of(services.engine)
    save_draft(services, manager, state("A", 0))
    for round_ in range(1, 6):
        ours, theirs = state(f"ours {round_}", round_), state(f"theirs {round_}", round_)
        outcomes = saves_at_once(services, [ours, theirs])
        assert sorted(map(repr, outcomes)) == sorted(
            [repr(Saved(round_ + 1)), "ChangedElsewhere()"]
        )
        loaded = load_draft(services.engine, manager.id)
        assert loaded is not None
        winner = ours if outcomes[0] == Saved(round_ + 1) else theirs
        assert loaded.request == winner.request


def test_two_first_saves_at_the_same_moment_are_one_draft_and_one_refusal(
    services: Services,
) -> None:
    outcomes = saves_at_once(services, [state("ours", 0), state("theirs", 0)])
    assert sorted(map(repr, outcomes)) == sorted([repr(Saved(1)), "ChangedElsewhere()"])
