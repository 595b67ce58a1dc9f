"""The UI's translation function: the catalogs of `locales` in the signed-in user's language.

The language lives in `app.storage.user`, which event handlers can read too (a ContextVar set
while building a page would not be visible there).
"""

from nicegui import app

from domain.language import Language
from locales import DEFAULT_LANGUAGE, translate_to

# Quasar's own texts (uploader, table) come from the language pack the page loads.
QUASAR_LANGUAGES = {Language.FR: "fr", Language.NL: "nl", Language.EN: "en-GB"}


def current_language() -> Language:
    try:
        language = app.storage.user.get("language", DEFAULT_LANGUAGE)
    except RuntimeError:  # outside a page request (startup, background task)
        language = DEFAULT_LANGUAGE
    return Language(language) if language in set(Language) else Language(DEFAULT_LANGUAGE)


def set_language(language: Language) -> None:
    app.storage.user["language"] = language.value


CHOSEN_AT_SIGN_IN = "language_chosen"  # the visitor picked the language before signing in


def choose_language_at_sign_in() -> None:
    app.storage.user[CHOSEN_AT_SIGN_IN] = True


def language_chosen_at_sign_in() -> Language | None:
    """The language picked on the sign-in page, if one was (asked once: it is forgotten)."""
    chosen = app.storage.user.pop(CHOSEN_AT_SIGN_IN, False)
    return current_language() if chosen else None


def translate(message_id: str, **params: object) -> str:
    """`message_id` in the signed-in user's language, with `{params}` filled in."""
    return translate_to(current_language(), message_id, **params)


_ = translate
