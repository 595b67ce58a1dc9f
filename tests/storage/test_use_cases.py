"""Each use case owns exactly one transaction: what it changes is committed together or not at
all."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

from domain.language import Language
from domain.request import OrderRequest
from storage.queries.drafts import DraftState, load_draft
from storage.use_cases import (
    Services,
    change_esim_recipient,
    discard_draft,
    reissue_esim,
    remember_language,
    remove_signed_contract,
    resend_esim_mail,
    save_draft,
    show_esim_code,
)
from tests.fixtures import documents as samples
from tests.order_helpers import ESIM_TRANSFER, attach, manager_of, place, placed


@contextmanager
def commits(engine: Engine) -> Iterator[list[None]]:
    """The commits made on ``engine`` inside the block, one item each."""
    made: list[None] = []

    def count(_connection: object) -> None:
        made.append(None)

    event.listen(engine, "commit", count)
    try:
        yield made
    finally:
        event.remove(engine, "commit", count)


def commit_count(engine: Engine, action: Callable[[], object]) -> int:
    with commits(engine) as made:
        action()
    return len(made)


def test_placing_an_order_commits_once(services: Services) -> None:
    assert commit_count(services.engine, lambda: place(services)) == 1


def test_attaching_a_contract_commits_document_and_draft_once(services: Services) -> None:
    attach(services, samples.pdf())  # a first contract, to be replaced
    assert commit_count(services.engine, lambda: attach(services, samples.png(), "scan.png")) == 1


def test_removing_a_contract_commits_once(services: Services) -> None:
    attach(services, samples.pdf())
    manager = manager_of(services.engine)
    draft = load_draft(services.engine, manager.id)
    assert draft is not None
    removing = lambda: remove_signed_contract(services, manager, draft.submission_key)  # noqa: E731
    assert commit_count(services.engine, removing) == 1


def test_discarding_a_draft_with_its_contract_commits_once(services: Services) -> None:
    attach(services, samples.pdf())
    manager = manager_of(services.engine)
    assert commit_count(services.engine, lambda: discard_draft(services, manager)) == 1


def test_saving_a_draft_commits_once(services: Services) -> None:
    manager = manager_of(services.engine)
    draft = DraftState(OrderRequest(end_user_name="A"), "request_type", False, "key")
    assert commit_count(services.engine, lambda: save_draft(services, manager, draft)) == 1


def test_remembering_a_language_commits_once_and_is_kept(services: Services) -> None:
    manager = manager_of(services.engine)
    remembering = lambda: remember_language(services, manager.id, Language.NL)  # noqa: E731
    assert commit_count(services.engine, remembering) == 1
    assert manager_of(services.engine).language == "nl"


def test_each_esim_action_commits_once(services: Services) -> None:
    reference = placed(services, ESIM_TRANSFER).reference
    manager = manager_of(services.engine)
    actions: list[Callable[[], object]] = [
        lambda: resend_esim_mail(services, manager, reference),
        lambda: change_esim_recipient(services, manager, reference, "a@b.be", Language.NL),
        lambda: reissue_esim(services, manager, reference),
        lambda: show_esim_code(services, manager, reference),
    ]
    assert [commit_count(services.engine, action) for action in actions] == [1, 1, 1, 1]
