"""Drafts: one per fleet manager, never overwritten unseen by another tab."""

from sqlalchemy.engine import Engine

from domain.request import OrderRequest
from storage.queries.drafts import ChangedElsewhere, DraftState, Saved, load_draft, save_draft

MANAGER, COMPANY = 1, 1


def state(end_user: str, version: int) -> DraftState:
    return DraftState(OrderRequest(end_user_name=end_user), "request_type", False, "key", version)


def test_each_save_moves_the_version_on(engine: Engine) -> None:
    assert save_draft(engine, MANAGER, COMPANY, state("A", 0)) == Saved(1)
    assert save_draft(engine, MANAGER, COMPANY, state("B", 1)) == Saved(2)
    loaded = load_draft(engine, MANAGER)
    assert loaded is not None and (loaded.request.end_user_name, loaded.version) == ("B", 2)


def test_a_tab_that_read_an_older_version_does_not_overwrite_the_other_tab(engine: Engine) -> None:
    save_draft(engine, MANAGER, COMPANY, state("first tab", 0))
    save_draft(engine, MANAGER, COMPANY, state("first tab, later", 1))
    assert save_draft(engine, MANAGER, COMPANY, state("second tab", 1)) == ChangedElsewhere()
    loaded = load_draft(engine, MANAGER)
    assert loaded is not None and loaded.request.end_user_name == "first tab, later"
