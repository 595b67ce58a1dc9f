"""Invoice Split: what the pre-filled contract shows, in which language, so that a signed copy
can be matched to the request it was signed for."""

import dataclasses
import hashlib

from domain.language import Language
from domain.request import OrderRequest, SimKind, enum_value, flag_value, text_value

# The answers printed on the contract, in the order its fingerprint takes them (billing, end
# user, number, plan). A problem in one of them means the contract cannot be pre-filled yet.
PRINTED_FIELDS = (
    "customer_number_id",
    "sub_division_id",
    "end_user_name",
    "esim_email",
    "transfer_number",
    "plan_code",
)


def contract_basis(request: OrderRequest) -> str:
    """A short fingerprint of the answers printed on the contract (billing, end user, number,
    plan, language); pass the normalised request, as the contract shows normalised values."""
    printed = tuple(text_value(getattr(request, name)) for name in PRINTED_FIELDS)
    language = enum_value(Language, request.contract_language)
    if language is not None:  # a scan from before the choice keeps the fingerprint it had
        printed += (language.value,)
    return hashlib.sha256("\x1f".join(printed).encode()).hexdigest()[:16]


def default_contract_language(request: OrderRequest, manager_language: Language) -> Language:
    """The language a contract is offered in before one is chosen: the end user's when the
    request knows it (an eSIM asks it for the profile e-mail), the fleet manager's otherwise."""
    if enum_value(SimKind, request.sim_kind) is SimKind.ESIM:
        end_users = enum_value(Language, request.esim_language)
        if end_users is not None:
            return end_users
    return manager_language


def contract_language(request: OrderRequest, manager_language: Language) -> Language:
    """The language the contract is printed in: the one chosen, else the default."""
    chosen = enum_value(Language, request.contract_language)
    return chosen or default_contract_language(request, manager_language)


def with_contract_language(request: OrderRequest, manager_language: Language) -> OrderRequest:
    """With Invoice Split and no language chosen, the request with the default chosen: the
    language becomes an answer, so the screen language of whoever opens the draft later
    cannot change what the contract prints. A scan uploaded before the choice existed (a
    fingerprint without a language) is left as it is: choosing now would make it stale."""
    if not flag_value(request.invoice_split):
        return request
    if enum_value(Language, request.contract_language) is not None:
        return request
    if request.invoice_split_contract_id and text_value(request.invoice_split_contract_basis):
        return request
    chosen = default_contract_language(request, manager_language)
    return dataclasses.replace(request, contract_language=chosen)
