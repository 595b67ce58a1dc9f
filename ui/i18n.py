"""The one translation function. Catalogs are gettext PO files under locales/ (Babel tooling).

`messages.po` holds the UI's texts, `domain.po` the rule messages the domain returns.
The user's language lives in `app.storage.user`, which event handlers can read too
(a ContextVar set while building a page would not be visible there).
"""

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from nicegui import app

LANGUAGES = ("fr", "nl", "en")
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}
QUASAR_LANGUAGES = {"fr": "fr", "nl": "nl", "en": "en-GB"}
BABEL_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_BE"}
DEFAULT_LANGUAGE = "fr"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
CATALOG_DOMAINS = ("messages", "domain")


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


def current_language() -> str:
    try:
        language = app.storage.user.get("language", DEFAULT_LANGUAGE)
    except RuntimeError:  # outside a page request (startup, background task)
        language = DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    if language in LANGUAGES:
        app.storage.user["language"] = language


def translate(message_id: str, language: str | None = None, **params: object) -> str:
    """`message_id` in the user's language (or `language`), with `{params}` filled in."""
    text = catalog(language or current_language()).get(message_id, message_id)
    return text.format(**params) if params else text


_ = translate
