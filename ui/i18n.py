"""The UI's translation function: the catalogs of `locales` in the signed-in user's language.

The language lives in `app.storage.user`, which event handlers can read too (a ContextVar set
while building a page would not be visible there).
"""

from nicegui import app

from locales import DEFAULT_LANGUAGE, LANGUAGES, translate_to

LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}
QUASAR_LANGUAGES = {"fr": "fr", "nl": "nl", "en": "en-GB"}


def current_language() -> str:
    try:
        language = app.storage.user.get("language", DEFAULT_LANGUAGE)
    except RuntimeError:  # outside a page request (startup, background task)
        language = DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    if language in LANGUAGES:
        app.storage.user["language"] = language


def translate(message_id: str, **params: object) -> str:
    """`message_id` in the signed-in user's language, with `{params}` filled in."""
    return translate_to(current_language(), message_id, **params)


_ = translate
