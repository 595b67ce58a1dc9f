"""Invoice Split: what the pre-filled contract shows, so that a signed copy can be matched to
the request it was signed for."""

import hashlib

from domain.request import OrderRequest


def contract_basis(request: OrderRequest) -> str:
    """A short fingerprint of the answers printed on the contract (billing, end user, number,
    plan); pass the normalised request, as the contract shows normalised values."""
    printed = (
        request.customer_number_id or "",
        request.sub_division_id or "",
        request.end_user_name,
        request.esim_email,
        request.transfer_number,
        request.plan_code or "",
    )
    return hashlib.sha256("\x1f".join(printed).encode()).hexdigest()[:16]
