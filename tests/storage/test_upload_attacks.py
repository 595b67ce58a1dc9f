"""The upload attack set: every hostile file is refused through the one entry point,
`attach_signed_contract`, with the message that says what is wrong with it, and leaves nothing
behind, neither a file in the documents folder nor a row."""

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from storage.db.tables import StoredDocument
from storage.documents import checks
from storage.documents.checks import Refusal
from storage.use_cases import Services
from tests.fixtures import documents as samples
from tests.fixtures import hostile_uploads as hostile
from tests.order_helpers import attach

# The hostile PDF of 30,000 pages with a damaged xref table keeps pypdf busy for minutes; the
# check is stopped at this limit in these tests (5 s in the app), which leaves the bomb's 50 MB
# of unpacking time enough on a loaded machine.
TEST_CHECK_SECONDS = 3.0

ATTACKS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    # name: (the file, the name it is uploaded under, the message that refuses it)
    "JavaScript open action": (hostile.js_open_action, "c.pdf", checks.ACTIVE_CONTENT),
    "JavaScript in the names tree": (hostile.js_names_tree, "c.pdf", checks.ACTIVE_CONTENT),
    "JavaScript page action (AA)": (
        hostile.js_page_additional_action,
        "c.pdf",
        checks.ACTIVE_CONTENT,
    ),
    "JavaScript link annotation": (hostile.js_link_annotation, "c.pdf", checks.ACTIVE_CONTENT),
    "Launch action": (hostile.launch_action, "c.pdf", checks.ACTIVE_CONTENT),
    "Launch as /L#61unch": (hostile.launch_with_escaped_name, "c.pdf", checks.ACTIVE_CONTENT),
    "SubmitForm action": (hostile.submit_form, "c.pdf", checks.ACTIVE_CONTENT),
    "ImportData action": (hostile.import_data, "c.pdf", checks.ACTIVE_CONTENT),
    "GoToR to another file": (hostile.go_to_remote, "c.pdf", checks.ACTIVE_CONTENT),
    "GoToE to an embedded file": (hostile.go_to_embedded, "c.pdf", checks.ACTIVE_CONTENT),
    "embedded file": (hostile.embedded_file, "c.pdf", checks.ATTACHED_FILES),
    "file attachment annotation": (
        hostile.file_attachment_annotation,
        "c.pdf",
        checks.ATTACHED_FILES,
    ),
    "XFA form": (hostile.xfa_form, "c.pdf", checks.XFA_FORM),
    "HTML after %%EOF": (hostile.html_after_eof, "c.pdf", checks.WEB_CODE),
    "HTML before %PDF": (hostile.html_before_pdf, "c.pdf", checks.NOT_ACCEPTED),
    "<script> inside the PDF": (hostile.script_inside_pdf, "c.pdf", checks.WEB_CODE),
    "a ZIP after %%EOF": (hostile.extra_data_after_eof, "c.pdf", checks.EXTRA_DATA),
    "flate bomb (500 MB)": (hostile.flate_bomb, "c.pdf", checks.PACKED_TOO_LARGE),
    "30,000 pages, damaged xref": (hostile.many_pages, "c.pdf", checks.TOO_COMPLEX),
    "60 pages": (lambda: hostile.many_pages(60, damaged=False), "c.pdf", checks.TOO_MANY_PAGES),
    "encrypted PDF": (samples.encrypted_pdf, "c.pdf", checks.ENCRYPTED_PDF),
    "PDF without pages": (samples.pdf_without_pages, "c.pdf", checks.EMPTY_PDF),
    "truncated PDF": (samples.truncated_pdf, "c.pdf", checks.BROKEN_PDF),
    "HTML named .pdf": (samples.html_page, "c.pdf", checks.NOT_ACCEPTED),
    "EXE named .pdf": (hostile.exe, "c.pdf", checks.NOT_ACCEPTED),
    "SVG with a script": (hostile.svg_with_script, "c.png", checks.NOT_ACCEPTED),
    "ZIP named .pdf": (hostile.zip_archive, "c.pdf", checks.NOT_ACCEPTED),
    "JPEG with HTML after its end": (
        hostile.jpeg_with_html_after_end,
        "c.jpg",
        checks.WEB_CODE,
    ),
    "PNG with trailing data": (hostile.png_with_trailing_data, "c.png", checks.EXTRA_DATA),
    "PNG pixel bomb (64 Mpx)": (hostile.png_pixel_bomb, "c.png", checks.TOO_MANY_PIXELS),
    "PNG header claiming 10^10 pixels": (
        lambda: samples.png_declaring(100_000, 100_000),
        "c.png",
        checks.TOO_MANY_PIXELS,
    ),
    "truncated JPEG": (samples.truncated_jpeg, "c.jpg", checks.BROKEN_IMAGE),
    "over 10 MB": (samples.oversized_pdf, "c.pdf", checks.TOO_LARGE),
    "zero bytes": (lambda: b"", "c.pdf", checks.EMPTY),
}


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "CHECK_SECONDS", TEST_CHECK_SECONDS)


def left_behind(services: Services) -> tuple[list[Path], int]:
    folder = services.documents_dir
    files = sorted(folder.iterdir()) if folder.exists() else []
    with Session(services.engine) as session:
        rows = session.exec(select(func.count()).select_from(StoredDocument)).one()
    return files, rows


def test_the_attack_set_has_at_least_25_hostile_files() -> None:
    assert len(ATTACKS) >= 25


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_every_hostile_upload_is_refused_with_its_message_and_leaves_nothing(
    services: Services, attack: str
) -> None:
    make, name, message = ATTACKS[attack]
    outcome = attach(services, make(), name)
    assert outcome == Refusal(message)
    assert left_behind(services) == ([], 0)


async def test_a_check_that_runs_long_is_stopped_at_the_limit_and_the_loop_ticks_on(
    services: Services,
) -> None:
    data = hostile.many_pages()
    gaps: list[float] = []
    started = last = time.monotonic()
    checking = asyncio.create_task(asyncio.to_thread(attach, services, data))  # as run.io_bound
    while not checking.done():
        await asyncio.sleep(0.02)
        now = time.monotonic()
        gaps.append(now - last)
        last = now
    assert await checking == Refusal(checks.TOO_COMPLEX)
    # The limit, plus the start of a process and the database work: never pypdf's minutes.
    assert time.monotonic() - started < TEST_CHECK_SECONDS + 2.0
    # Checked in a thread of this process, pypdf held the GIL: gaps of seconds, every page
    # frozen. In a process of its own the loop ticks on; loosely, well under the limit.
    assert len(gaps) > 10
    assert max(gaps) < TEST_CHECK_SECONDS / 4
