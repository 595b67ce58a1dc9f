"""Every text the app shows has FR, NL and EN in the gettext catalogs."""

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from locales import CATALOG_DOMAINS, LANGUAGES, LOCALES_DIR, catalog

ROOT = Path(__file__).resolve().parent.parent
# ui translates with _(); domain and storage mark texts with N_() and translate later.
SOURCES = {
    "ui": {"_": None, "N_": None},
    "storage": {"_": None, "N_": None},
    "domain": {"N_": None},
}


def message_ids() -> set[str]:
    ids: set[str] = set()
    for folder, keywords in SOURCES.items():
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, keywords=keywords, comment_tags=()
        ):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_the_sources_have_texts_to_check() -> None:
    ids = message_ids()
    assert "Add a card to my fleet" in ids  # ui
    assert "International calls" in ids  # domain catalogue


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_id_has_a_text_in(language: str) -> None:
    texts = catalog(language)
    missing = sorted(m for m in message_ids() if not texts.get(m, "").strip())
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_message_id(language: str) -> None:
    wrong = [m for m, text in catalog(language).items() if placeholders(text) != placeholders(m)]
    assert wrong == []


def test_catalog_files_are_only_those_the_app_reads() -> None:
    found = {path.stem for path in LOCALES_DIR.glob("*/LC_MESSAGES/*.po")}
    assert found <= set(CATALOG_DOMAINS)
