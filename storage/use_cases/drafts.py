"""Saving and discarding the wizard draft. A tab never overwrites another tab's work unseen."""

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.db.tables import Draft, Order, utc_now
from storage.documents.files import discard_files, take_draft_documents
from storage.events import DraftChanged
from storage.queries.accounts import SignedInManager
from storage.queries.drafts import DraftState, manager_draft
from storage.use_cases.services import Services


@dataclass(frozen=True)
class Saved:
    version: int


@dataclass(frozen=True)
class SentAs:
    """The draft was sent already (from another tab) as this order: nothing was saved."""

    reference: str


@dataclass(frozen=True)
class ChangedElsewhere:
    """Another tab saved the draft since this one read it: nothing was saved."""


SaveOutcome = Saved | SentAs | ChangedElsewhere


def save_draft(services: Services, manager: SignedInManager, state: DraftState) -> SaveOutcome:
    """Save the draft, unless another tab sent it or saved it since ``state`` was read."""
    try:
        with Session(services.engine) as session:
            outcome = write_draft(session, manager, state)
            session.commit()
    except IntegrityError:  # another tab's first save made the draft at the same moment
        return ChangedElsewhere()
    if isinstance(outcome, Saved):  # the manager's other tabs on this draft are behind now
        services.events.publish(DraftChanged(manager.id, outcome.version))
    return outcome


def discard_draft(services: Services, manager: SignedInManager) -> None:
    """Delete the draft and its uploaded documents together."""
    with Session(services.engine) as session:
        draft = manager_draft(session, manager.id)
        if draft is not None:
            session.delete(draft)
        files = take_draft_documents(session, manager.id)
        session.commit()
    discard_files(services.documents_dir, *files)


def write_draft(session: Session, manager: SignedInManager, state: DraftState) -> SaveOutcome:
    """Write ``state`` into the caller's transaction, or say why not (nothing written)."""
    draft = manager_draft(session, manager.id)
    if draft is None or draft.submission_key != state.submission_key:
        sent = sent_as(session, manager, state.submission_key)
        if sent is not None:
            return sent
    elif not _took_version(session, draft, state.version):
        return ChangedElsewhere()
    draft = draft or Draft(
        manager_id=manager.id, company_id=manager.company_id, submission_key=state.submission_key
    )
    draft.answers = state.request.to_dict()
    draft.step = state.step
    draft.returning_to_summary = state.returning_to_summary
    draft.submission_key = state.submission_key
    draft.version = state.version + 1
    draft.correcting = state.correcting
    draft.updated_at = utc_now()
    session.add(draft)
    return Saved(draft.version)


def _took_version(session: Session, draft: Draft, version: int) -> bool:
    """Whether the draft is still at ``version``, now moved on by this transaction: checked
    in the write itself, so that of two saves of one version at once (two tabs, two
    instances) one waits for the other and then finds it moved on, instead of both writing."""
    moved = session.execute(
        update(Draft)
        .where(col(Draft.id) == draft.id, col(Draft.version) == version)
        .values(version=version + 1)
    )
    count: int = moved.rowcount  # type: ignore[attr-defined]
    return count == 1


def sent_as(session: Session, manager: SignedInManager, submission_key: str) -> SentAs | None:
    """The order this draft was sent as, if it was."""
    reference = session.exec(
        select(Order.reference).where(
            Order.submission_key == submission_key, Order.company_id == manager.company_id
        )
    ).first()
    return SentAs(reference) if reference is not None else None
