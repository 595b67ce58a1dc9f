"""Gettext catalogs (PO files, Babel tooling) and the plain translation function.

One catalog domain per layer that writes texts: `messages` (ui), `domain` (rule messages),
`documents` (the contract PDF), `emails` (the e-mails). This module is pure: the UI wraps it with the signed-in
user's language, background work passes the recipient's language.
"""

from collections.abc import Callable
from functools import cache, partial
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("fr", "nl", "en")
DEFAULT_LANGUAGE = "fr"
BABEL_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_BE"}
CATALOG_DOMAINS = ("messages", "domain", "documents", "emails")
LOCALES_DIR = Path(__file__).resolve().parent


@cache
def catalog(language: str) -> dict[str, str]:
    """Every translated message of `language`, read once from its PO files."""
    texts: dict[str, str] = {}
    for domain in CATALOG_DOMAINS:
        path = LOCALES_DIR / language / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            with path.open("rb") as po_file:
                for message in read_po(po_file):
                    if message.id and message.string and not message.fuzzy:
                        texts[str(message.id)] = str(message.string)
    return texts


def translate_to(language: str, message_id: str, **params: object) -> str:
    """`message_id` in `language` (French if unknown), with `{params}` filled in."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    text = catalog(language).get(message_id, message_id)
    return text.format(**params) if params else text


def translator(language: str) -> Callable[..., str]:
    """``translate_to`` with the language fixed: ``t(message_id, **params)``."""
    return partial(translate_to, language)
