"""Wizard drafts: saved server-side at every change, one per fleet manager, so a refresh, a
lost connection or a restart brings the wizard back where it was."""

import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.request import OrderRequest
from domain.steps import Step
from storage.db.tables import Draft, Order, utc_now


@dataclass(frozen=True)
class DraftState:
    request: OrderRequest
    step: str  # a Step value, "check" or "confirmation"
    returning_to_summary: bool
    submission_key: str
    version: int = 0  # the saved version this state was read from or written as


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


def load_draft(engine: Engine, manager_id: int) -> DraftState | None:
    with Session(engine) as session:
        draft = _draft(session, manager_id)
        if draft is None:
            return None
        return DraftState(
            request=OrderRequest.from_dict(draft.answers),
            step=draft.step,
            returning_to_summary=draft.returning_to_summary,
            submission_key=draft.submission_key,
            version=draft.version,
        )


def new_draft_state() -> DraftState:
    return DraftState(OrderRequest(), Step.REQUEST_TYPE.value, False, uuid.uuid4().hex)


def save_draft(engine: Engine, manager_id: int, company_id: int, state: DraftState) -> SaveOutcome:
    """Save the draft, unless another tab sent it or saved it since ``state`` was read: the
    other tab's work is never overwritten unseen."""
    with Session(engine) as session:
        draft = _draft(session, manager_id)
        if draft is None or draft.submission_key != state.submission_key:
            sent = session.exec(
                select(Order.reference).where(
                    Order.submission_key == state.submission_key, Order.company_id == company_id
                )
            ).first()
            if sent is not None:
                return SentAs(sent)
        elif draft.version != state.version:
            return ChangedElsewhere()
        draft = draft or Draft(
            manager_id=manager_id, company_id=company_id, submission_key=state.submission_key
        )
        draft.answers = state.request.to_dict()
        draft.step = state.step
        draft.returning_to_summary = state.returning_to_summary
        draft.submission_key = state.submission_key
        draft.version = state.version + 1
        draft.updated_at = utc_now()
        session.add(draft)
        session.commit()
        return Saved(draft.version)


def discard_draft(engine: Engine, manager_id: int) -> None:
    with Session(engine) as session:
        draft = _draft(session, manager_id)
        if draft is not None:
            session.delete(draft)
            session.commit()


def _draft(session: Session, manager_id: int) -> Draft | None:
    return session.exec(select(Draft).where(Draft.manager_id == manager_id)).first()
