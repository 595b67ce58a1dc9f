"""Every message id marked with N_ in domain/ is translated in FR, NL and EN."""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["fr", "nl", "en"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _message_ids() -> list[str]:
    found = extract_from_dir(ROOT / "domain", keywords={"N_": None})
    return sorted({m if isinstance(m, str) else m[0] for _f, _l, m, _c, _ctx in found})


MESSAGE_IDS = _message_ids()


def _catalog(language: str) -> Catalog:
    with open(ROOT / "locales" / language / "LC_MESSAGES" / "domain.po", "rb") as po:
        return read_po(po)


def test_domain_marks_its_texts() -> None:
    assert "Enter a Belgian mobile number, like 0470 12 34 56." in MESSAGE_IDS
    assert "Another operator" in MESSAGE_IDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_domain_message_is_translated(language: str) -> None:
    catalog = _catalog(language)
    missing = [m for m in MESSAGE_IDS if m not in catalog or not catalog[m].string]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_holds_no_fuzzy_or_stale_messages(language: str) -> None:
    catalog = _catalog(language)
    assert [m.id for m in catalog if m.id and m.fuzzy] == []
    assert sorted(m.id for m in catalog if m.id) == MESSAGE_IDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    catalog = _catalog(language)
    wrong = [
        m
        for m in MESSAGE_IDS
        if m in catalog
        and sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(str(catalog[m].string)))
    ]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_header_names_its_language(language: str) -> None:
    assert str(_catalog(language).locale) == language


def test_english_text_is_the_message_id() -> None:
    catalog = _catalog("en")
    assert [m for m in MESSAGE_IDS if m in catalog and catalog[m].string != m] == []
