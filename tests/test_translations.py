"""Every text the app shows has FR, NL and EN in the gettext catalogs."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "nl", "en")


def ui_message_ids() -> set[str]:
    ids: set[str] = set()
    for folder in ("ui", "storage"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, keywords={"_": None}, comment_tags=()
        ):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def translated(language: str, domain: str) -> dict[str, str]:
    with (ROOT / "locales" / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as po_file:
        return {str(m.id): str(m.string) for m in read_po(po_file) if m.id and not m.fuzzy}


def test_the_ui_has_texts_to_check() -> None:
    assert "Add a card to my fleet" in ui_message_ids()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ui_message_id_has_a_text_in(language: str) -> None:
    texts = translated(language, "messages")
    missing = sorted(m for m in ui_message_ids() if not texts.get(m, "").strip())
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_message_id(language: str) -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}

    for domain in ("messages", "domain"):
        path = ROOT / "locales" / language / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            for message_id, text in translated(language, domain).items():
                assert fields(text) == fields(message_id), message_id
