"""Ids and keys that come from a URL, checked before any query sees them.

A path parameter is whatever a visitor typed: a number past the database's 64-bit INTEGER
makes SQLite raise OverflowError, and a NUL character makes PostgreSQL refuse the text. Such a
key can match no row, so it is answered as an unknown one ("not found"), never a server error.
"""

ROW_ID_MAX = 2**63 - 1  # SQLite INTEGER and PostgreSQL BIGINT
KEY_MAX_LENGTH = 64  # references and document ids are far shorter


def row_id(value: object) -> int | None:
    """A database row id written as plain ASCII digits and in range, or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= ROW_ID_MAX else None
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    if len(value) > len(str(ROW_ID_MAX)):
        return None
    number = int(value)
    return number if 0 < number <= ROW_ID_MAX else None


def lookup_key(value: object) -> str | None:
    """A text key (an order reference, a document id) that could exist, or None."""
    if not isinstance(value, str) or not value or len(value) > KEY_MAX_LENGTH:
        return None
    return value if value.isprintable() else None


def page_window(offset: int, limit: int | None) -> tuple[int, int | None]:
    """A table page's offset and size within the database's INTEGER (a page number from the
    browser may be anything: 10**30 made SQLite raise OverflowError)."""
    size = None if limit is None else min(max(limit, 0), ROW_ID_MAX)
    return min(max(offset, 0), ROW_ID_MAX), size
