"""eSIM activation codes (GSMA SGP.22): ``LPA:1$<SM-DP+ address>$<matching id>``."""

import re
import secrets
from dataclasses import dataclass

# SGP.22 allows 0-9, A-Z and '-' in a matching id; groups of 5 are how operators print them.
# People type it by hand from the e-mail: Crockford's base32 alphabet leaves out I, L, O and U,
# so no character can be read as another (O/0, I/1/L) and no word is spelt by accident.
MATCHING_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MATCHING_ID_GROUPS = 4
MATCHING_ID_GROUP_LENGTH = 5
_MATCHING_ID = re.compile(r"[0-9A-Z-]{1,255}")
_HOSTNAME = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)


@dataclass(frozen=True)
class ActivationCode:
    """What the eSIM QR code holds; ``str()`` gives the ``LPA:1$...`` text."""

    smdp_address: str
    matching_id: str

    def __post_init__(self) -> None:
        # Both come from settings or from us, never from users: a bad one is a bug, so raise.
        if not _HOSTNAME.fullmatch(self.smdp_address):
            raise ValueError(f"SM-DP+ address must be a host name, got {self.smdp_address!r}")
        if not _MATCHING_ID.fullmatch(self.matching_id):
            raise ValueError(f"matching id must use 0-9, A-Z and '-', got {self.matching_id!r}")

    def __str__(self) -> str:
        return f"LPA:1${self.smdp_address}${self.matching_id}"


def new_matching_id() -> str:
    """An unguessable matching id like ``7K3Q9-PXM2A-...`` (4 groups of 5, 100 bits), in
    Crockford's base32 alphabet: no look-alike characters to mistype."""
    return "-".join(
        "".join(secrets.choice(MATCHING_ID_ALPHABET) for _ in range(MATCHING_ID_GROUP_LENGTH))
        for _ in range(MATCHING_ID_GROUPS)
    )


def new_activation_code(smdp_address: str) -> ActivationCode:
    """A fresh activation code on the given SM-DP+ server (from settings)."""
    return ActivationCode(smdp_address, new_matching_id())
