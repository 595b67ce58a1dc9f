"""The one vocabulary of the files: every column's values and names in FR, NL and EN."""

from functools import cache

from domain.bulk import Vocabulary
from domain.language import Language
from locales import translate_to


@cache
def vocabulary() -> Vocabulary:
    """Built once per process: the catalogs do not change while it runs."""
    return Vocabulary(lambda message_id: [translate_to(lang, message_id) for lang in Language])
