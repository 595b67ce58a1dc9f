"""The use cases: one function for each thing a person or a system does. Each owns exactly
one transaction, takes plain values (who acts, for which company, what) and gives back domain
values or a typed refusal. Every entry point (page, test, benchmark) calls them in one line."""

from storage.use_cases.accounts import Incomplete, TryLater, remember_language, sign_in
from storage.use_cases.contract_mail import email_contract_to_employee
from storage.use_cases.contracts import (
    ContractChanged,
    attach_signed_contract,
    remove_signed_contract,
)
from storage.use_cases.demo import reset_demo
from storage.use_cases.document_cleanup import remove_orphan_documents
from storage.use_cases.drafts import (
    ChangedElsewhere,
    Saved,
    SaveOutcome,
    SentAs,
    discard_draft,
    save_draft,
)
from storage.use_cases.esim import (
    CodeShown,
    EmailRefused,
    TooSoon,
    change_esim_recipient,
    mark_esim_installed,
    reissue_esim,
    resend_esim_mail,
    show_esim_code,
)
from storage.use_cases.order_life import (
    NoteNeeded,
    NoteRefused,
    NotFound,
    NotNow,
    cancel_order,
    complete_order,
    reject_order,
    start_order,
)
from storage.use_cases.orders import Refused, place_order
from storage.use_cases.resubmission import resubmit_order, start_correction
from storage.use_cases.services import Services

__all__ = [
    "ChangedElsewhere",
    "CodeShown",
    "ContractChanged",
    "EmailRefused",
    "Incomplete",
    "NotFound",
    "NotNow",
    "NoteNeeded",
    "NoteRefused",
    "Refused",
    "SaveOutcome",
    "Saved",
    "SentAs",
    "Services",
    "TooSoon",
    "TryLater",
    "attach_signed_contract",
    "cancel_order",
    "change_esim_recipient",
    "complete_order",
    "discard_draft",
    "email_contract_to_employee",
    "mark_esim_installed",
    "place_order",
    "reissue_esim",
    "reject_order",
    "remember_language",
    "remove_orphan_documents",
    "remove_signed_contract",
    "resend_esim_mail",
    "reset_demo",
    "resubmit_order",
    "save_draft",
    "show_esim_code",
    "sign_in",
    "start_correction",
    "start_order",
]
