"""Marker for user-facing texts defined in the domain.

The domain never translates: it returns English message ids that the UI passes through the
translation function. ``N_`` only marks them for Babel's extractor (keyword ``N_``).
"""


def N_(message_id: str) -> str:
    """Return ``message_id`` unchanged; marks it for extraction into the catalogs."""
    return message_id
