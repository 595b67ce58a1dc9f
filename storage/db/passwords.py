"""Password hashes (Argon2 via pwdlib), for the accounts the database keeps."""

from functools import cache

from pwdlib import PasswordHash

hasher = PasswordHash.recommended()


def hash_password(password: str) -> str:
    return hasher.hash(password)


@cache
def decoy_hash() -> str:
    """Checked against when no account has the e-mail: the same cost as a real check."""
    return hasher.hash("decoy password, never matches")
