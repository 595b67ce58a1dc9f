"""Drafts: one per fleet manager, never overwritten unseen by another tab."""

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
