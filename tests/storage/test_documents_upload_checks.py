"""Uploads are judged by their content: what the bytes are, never the name or declared type."""

import io
from collections.abc import Callable

import pypdf
import pytest
from PIL import Image, PngImagePlugin
from pypdf.annotations import Link

from storage.documents import checks as upload_checks
from storage.documents.checks import (
    JPEG,
    MAX_INFLATED_BYTES,
    MAX_PAGES,
    MAX_UPLOAD_BYTES,
    PDF,
    PNG,
    Accepted,
    DetectedType,
    Refusal,
    check_upload,
)
from tests.fixtures import documents as samples
from tests.fixtures import hostile_uploads as hostile


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
    accepted = check_upload(make())
    assert isinstance(accepted, Accepted) and accepted.detected == detected


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


def accepted_data(data: bytes) -> bytes:
    accepted = check_upload(data)
    assert isinstance(accepted, Accepted), accepted
    return accepted.data


def test_an_accepted_jpeg_is_kept_re_encoded_without_metadata_or_data_after_it() -> None:
    exif = Image.Exif()
    exif[0x010E] = "Scanner of Sofie's office"  # ImageDescription
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG", exif=exif, comment=b"kept?")
    motion_photo = buffer.getvalue() + b"ftypmp42 a video a phone appends after the picture"
    kept = accepted_data(motion_photo)
    assert b"Scanner" not in kept and b"kept?" not in kept and b"ftypmp42" not in kept
    assert kept.endswith(b"\xff\xd9")
    with Image.open(io.BytesIO(kept)) as image:
        assert (image.format, image.size) == ("JPEG", (40, 30))
        assert not image.getexif()


def test_a_photo_taken_sideways_is_kept_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° to view; dropped with the EXIF, so applied
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, "JPEG", exif=exif)
    with Image.open(io.BytesIO(accepted_data(buffer.getvalue()))) as image:
        assert image.size == (30, 40)


def test_an_accepted_png_is_kept_without_its_text_chunks() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<p>hidden note</p>")
    buffer = io.BytesIO()
    Image.new("L", (40, 30), 128).save(buffer, "PNG", pnginfo=info)
    kept = accepted_data(buffer.getvalue())
    assert b"hidden note" not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert (image.format, image.size, image.getpixel((3, 3))) == ("PNG", (40, 30), 128)


def test_a_pdf_is_kept_byte_for_byte() -> None:
    data = samples.pdf()
    assert accepted_data(data) == data


def test_a_pdf_with_a_web_link_and_an_open_at_page_one_action_is_accepted() -> None:
    """Not every action is active content: a link to a web page and 'open at page 1' are not."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(samples.pdf())))
    writer.add_annotation(0, Link(rect=(10, 10, 200, 40), url="https://www.example.be/terms"))
    writer.open_destination = writer.pages[0]
    buffer = io.BytesIO()
    writer.write(buffer)
    assert accepted_data(buffer.getvalue()) == buffer.getvalue()


def test_a_pdf_just_under_the_page_limit_is_accepted() -> None:
    assert check_upload(hostile.many_pages(MAX_PAGES, damaged=False)) == Accepted(
        PDF, hostile.many_pages(MAX_PAGES, damaged=False)
    )


def test_a_pdf_unpacking_to_just_under_the_limit_is_accepted() -> None:
    data = hostile.flate_bomb(MAX_INFLATED_BYTES - 1024 * 1024)
    assert accepted_data(data) == data
