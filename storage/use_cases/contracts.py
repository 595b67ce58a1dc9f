"""The signed Invoice Split contract of a draft: attach a scan, or remove it. Each changes the
document and the draft's answers in one transaction; the draft's other answers stay as saved
(a change typed meanwhile in the same page is kept, not refused)."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from domain.invoice_split import contract_basis
from domain.request import OrderRequest
from domain.validation import normalise
from storage.db.tables import utc_now
from storage.documents.checks import Refusal
from storage.documents.files import (
    DocumentInfo,
    PendingDocument,
    discard_files,
    document_info,
    take_draft_document,
    write_checked,
)
from storage.events import DraftChanged
from storage.queries.accounts import SignedInManager
from storage.queries.drafts import manager_draft
from storage.use_cases.drafts import ChangedElsewhere, SentAs, sent_as
from storage.use_cases.services import Services


@dataclass(frozen=True)
class ContractChanged:
    """The draft as saved with its new contract (None: removed)."""

    request: OrderRequest
    version: int
    document: DocumentInfo | None


ContractOutcome = ContractChanged | SentAs | ChangedElsewhere


def attach_signed_contract(
    services: Services, manager: SignedInManager, submission_key: str, file_name: str, data: bytes
) -> ContractOutcome | Refusal:
    """Check the scan by its content and keep it as the draft's contract, in place of any
    earlier one, with what it was filled in from (changing that later asks for a new one).
    Slow for a large PDF: call it off the event loop."""
    pending = write_checked(
        services.documents_dir,
        company_id=manager.company_id,
        manager_id=manager.id,
        original_name=file_name,
        data=data,
    )
    if isinstance(pending, Refusal):
        return pending

    def with_contract(request: OrderRequest) -> OrderRequest:
        basis = contract_basis(normalise(request))
        return dataclasses.replace(
            request,
            invoice_split_contract_id=pending.row.public_id,
            invoice_split_contract_basis=basis,
        )

    outcome: ContractOutcome | None = None
    try:
        outcome = _change(services, manager, submission_key, with_contract, pending)
    finally:  # no row committed (a refusal, a failure): no file
        pending.close(committed=isinstance(outcome, ContractChanged))
    return outcome


def remove_signed_contract(
    services: Services, manager: SignedInManager, submission_key: str
) -> ContractOutcome:
    """Remove the draft's contract: its document and its answer together."""

    def without_contract(request: OrderRequest) -> OrderRequest:
        return dataclasses.replace(
            request, invoice_split_contract_id=None, invoice_split_contract_basis=""
        )

    return _change(services, manager, submission_key, without_contract, None)


def _change(
    services: Services,
    manager: SignedInManager,
    submission_key: str,
    change: Callable[[OrderRequest], OrderRequest],
    pending: PendingDocument | None,
) -> ContractOutcome:
    """One transaction: the draft's new answers, the new document (its file named just before
    the commit), the old one deleted (its file once committed)."""
    with Session(services.engine, expire_on_commit=False) as session:
        draft = manager_draft(session, manager.id)
        if draft is None or draft.submission_key != submission_key:
            return sent_as(session, manager, submission_key) or ChangedElsewhere()
        before = OrderRequest.from_dict(draft.answers)
        after = change(before)
        previous = take_draft_document(
            session, manager.company_id, manager.id, before.invoice_split_contract_id
        )
        if pending is not None:
            session.add(pending.row)
        draft.answers = after.to_dict()
        draft.version += 1
        draft.updated_at = utc_now()
        session.add(draft)
        if pending is not None:
            session.flush()  # the row is written (or refused) before its file has a name
            pending.publish()
        session.commit()
        version = draft.version
    discard_files(services.documents_dir, previous)
    services.events.publish(DraftChanged(manager.id, version))  # to the manager's other tabs
    document = document_info(pending.row) if pending else None
    return ContractChanged(after, version, document)
