"""Uploads are judged by their content: what the bytes are, never the name or declared type."""

from collections.abc import Callable

import pytest

from storage.documents import checks as upload_checks
from storage.documents.checks import (
    JPEG,
    MAX_UPLOAD_BYTES,
    PDF,
    PNG,
    DetectedType,
    Refusal,
    check_upload,
)
from tests.fixtures import documents as samples


def refusal_of(data: bytes) -> str:
    result = check_upload(data)
    assert isinstance(result, Refusal), result
    return result.message_id


@pytest.mark.parametrize(
    ("make", "detected"),
    [(samples.pdf, PDF), (samples.png, PNG), (samples.jpeg, JPEG)],
    ids=["pdf", "png", "jpeg"],
)
def test_a_readable_pdf_png_or_jpeg_is_accepted_with_its_type(
    make: Callable[[], bytes], detected: DetectedType
) -> None:
    assert check_upload(make()) == detected


def test_an_empty_file_is_refused() -> None:
    assert refusal_of(b"") == upload_checks.EMPTY


def test_a_file_over_10_mb_is_refused_even_if_it_starts_like_a_pdf() -> None:
    assert refusal_of(samples.oversized_pdf()) == upload_checks.TOO_LARGE


def test_a_file_of_exactly_10_mb_is_not_refused_for_its_size() -> None:
    exactly = b"%PDF-1.7\n" + b"%" * (MAX_UPLOAD_BYTES - 9)
    assert refusal_of(exactly) != upload_checks.TOO_LARGE


def test_a_text_file_renamed_pdf_is_refused() -> None:
    assert refusal_of(samples.text_file()) == upload_checks.NOT_ACCEPTED


def test_html_disguised_as_a_pdf_is_refused() -> None:
    assert refusal_of(samples.html_page()) == upload_checks.NOT_ACCEPTED


def test_a_truncated_pdf_is_refused() -> None:
    assert refusal_of(samples.truncated_pdf()) == upload_checks.BROKEN_PDF


def test_an_encrypted_pdf_is_refused() -> None:
    assert refusal_of(samples.encrypted_pdf()) == upload_checks.ENCRYPTED_PDF


def test_a_pdf_without_pages_is_refused() -> None:
    assert refusal_of(samples.pdf_without_pages()) == upload_checks.EMPTY_PDF


def test_a_truncated_image_is_refused() -> None:
    assert refusal_of(samples.truncated_jpeg()) == upload_checks.BROKEN_IMAGE


@pytest.mark.parametrize(
    ("width", "height"),
    [(100_000, 100_000), (8_000, 8_000)],
    ids=["beyond Pillow's own limit", "beyond ours"],
)
def test_a_png_declaring_too_many_pixels_is_refused_before_decoding(
    width: int, height: int
) -> None:
    assert refusal_of(samples.png_declaring(width, height)) == upload_checks.TOO_MANY_PIXELS


def test_a_png_signature_on_other_content_is_refused() -> None:
    assert refusal_of(b"\x89PNG\r\n\x1a\n" + b"not an image") == upload_checks.BROKEN_IMAGE


@pytest.mark.parametrize(
    ("language", "start"),
    [("fr", "Ce fichier est vide."), ("nl", "Dit bestand is leeg."), ("en", "This file is empty.")],
)
def test_a_refusal_reads_in_the_users_language(language: str, start: str) -> None:
    assert Refusal(upload_checks.EMPTY).message(language).startswith(start)
