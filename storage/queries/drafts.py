"""Reading a fleet manager's wizard draft (one per manager), saved at every change so that a
refresh, a lost connection or a restart brings the wizard back where it was."""

import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from domain.request import OrderRequest
from domain.steps import Step
from storage.db.tables import Draft


@dataclass(frozen=True)
class DraftState:
    request: OrderRequest
    step: str  # a Step value, "check" or "confirmation"
    returning_to_summary: bool
    submission_key: str
    version: int = 0  # the saved version this state was read from or written as
    correcting: str | None = None  # the rejected order (reference) this draft corrects


def load_draft(engine: Engine, manager_id: int) -> DraftState | None:
    with Session(engine) as session:
        draft = manager_draft(session, manager_id)
        if draft is None:
            return None
        return DraftState(
            request=OrderRequest.from_dict(draft.answers),
            step=draft.step,
            returning_to_summary=draft.returning_to_summary,
            submission_key=draft.submission_key,
            version=draft.version,
            correcting=draft.correcting,
        )


def new_draft_state() -> DraftState:
    return DraftState(OrderRequest(), Step.REQUEST_TYPE.value, False, uuid.uuid4().hex)


def manager_draft(session: Session, manager_id: int) -> Draft | None:
    return session.exec(select(Draft).where(Draft.manager_id == manager_id)).first()
