"""Why the operator rejects an order, worded as what the fleet manager should correct, with
the answers concerned (the wizard marks them when the order is corrected)."""

from dataclasses import dataclass
from enum import StrEnum

from domain.texts import N_


class RejectionReason(StrEnum):
    CUSTOMER_NUMBER_UNKNOWN = "customer_number_unknown"
    ICCID_MISMATCH = "iccid_mismatch"
    OWNER_MISMATCH = "owner_mismatch"
    CONSENT_MISSING = "consent_missing"
    NUMBER_NOT_ACTIVE = "number_not_active"
    CONTRACT_UNREADABLE = "contract_unreadable"
    OTHER = "other"  # the operator explains in its own words

    @property
    def heading(self) -> str:
        return _CATALOGUE[self].heading

    @property
    def message(self) -> str:
        """What to correct (a message id)."""
        return _CATALOGUE[self].message

    @property
    def fields(self) -> tuple[str, ...]:
        """The OrderRequest fields the fleet manager should look at."""
        return _CATALOGUE[self].fields

    @property
    def needs_note(self) -> bool:
        return self is RejectionReason.OTHER


@dataclass(frozen=True)
class _Entry:
    heading: str
    message: str
    fields: tuple[str, ...]


_CATALOGUE = {
    RejectionReason.CUSTOMER_NUMBER_UNKNOWN: _Entry(
        N_("Customer number unknown at the current operator"),
        N_(
            "The current operator does not know this customer number. Check it on the "
            "operator's invoice, correct it and send the request again."
        ),
        ("donor_customer_number",),
    ),
    RejectionReason.ICCID_MISMATCH: _Entry(
        N_("SIM card number does not match the current operator's"),
        N_(
            "The SIM card number (ICCID) does not match the current operator's records for "
            "this number. Copy the digits from the card again and send the request again."
        ),
        ("donor_iccid",),
    ),
    RejectionReason.OWNER_MISMATCH: _Entry(
        N_("Owner does not match the current operator's records"),
        N_(
            "The owner's name or enterprise number does not match the current operator's "
            "records. Write them as on the operator's contract and send the request again."
        ),
        ("owner_name", "enterprise_number"),
    ),
    RejectionReason.CONSENT_MISSING: _Entry(
        N_("Owner's consent missing"),
        N_(
            "The owner's consent to the transfer is missing. Ask the owner, confirm the "
            "consent and send the request again."
        ),
        ("owner_consent",),
    ),
    RejectionReason.NUMBER_NOT_ACTIVE: _Entry(
        N_("Number not active at the current operator"),
        N_(
            "The number is not active at the current operator. Check the number with the "
            "end user, correct it and send the request again."
        ),
        ("transfer_number",),
    ),
    RejectionReason.CONTRACT_UNREADABLE: _Entry(
        N_("Signed Invoice Split contract unreadable or unsigned"),
        N_(
            "The signed Invoice Split contract cannot be read or is not signed. Have the "
            "employee sign it, scan it again, upload it and send the request again."
        ),
        ("invoice_split_contract_id",),
    ),
    RejectionReason.OTHER: _Entry(
        N_("Other reason"),
        N_("Read the operator's explanation, correct the request and send it again."),
        (),
    ),
}


def rejection_reason(value: str | None) -> RejectionReason | None:
    """The reason stored as ``value``, or None for none or an unknown one."""
    return RejectionReason(value) if value in set(RejectionReason) else None
