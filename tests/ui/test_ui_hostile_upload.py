"""Hostile uploads in the wizard: the fleet manager sees why the file is refused and what to do;
and a start of the app clears what a crash during an upload left behind."""

from pathlib import Path

import pytest
from nicegui.testing import User

from storage.documents import checks
from tests.conftest import NOVA
from tests.fixtures import hostile_uploads as hostile
from tests.ui_helpers import sign_in
from tests.wizard_helpers import UPLOAD_CHECK_POLLS, invoice_split_step, upload_contract

ORPHAN = "0123456789abcdef" * 2  # a stored name whose row never committed


async def test_a_pdf_with_a_script_is_refused_with_what_to_do(user: User) -> None:
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    await upload_contract(user, "contract.pdf", hostile.js_open_action())
    await user.should_see(
        checks.ACTIVE_CONTENT,
        marker="error-invoice_split_contract_id",
        retries=UPLOAD_CHECK_POLLS,
    )
    await user.should_not_see(marker="uploaded-contract")


@pytest.fixture
def crash_left_files(isolated_data: Path) -> Path:
    """Files an upload left when the app crashed, there before the app starts."""
    folder = isolated_data / "documents"
    folder.mkdir(mode=0o700)
    (folder / ORPHAN).write_bytes(b"%PDF-1.7 a signed contract")
    (folder / f".{ORPHAN}.part").write_bytes(b"%PDF-1.7 half")
    return folder


async def test_the_app_removes_documents_without_a_row_when_it_starts(
    crash_left_files: Path, user: User
) -> None:
    await user.open("/")  # main.py has run
    assert list(crash_left_files.iterdir()) == []


@pytest.mark.parametrize(
    ("failed_limit", "message"),
    [
        ("max-file-size", checks.TOO_LARGE),
        ("accept", checks.NOT_ACCEPTED),
        ("max-files", "This file cannot be used: upload the signed contract as a PDF, JPEG"),
    ],
)
async def test_a_file_the_browser_refuses_is_told_which_limit_it_failed(
    user: User, failed_limit: str, message: str
) -> None:
    """What the uploader's `rejected` handler emits in the browser (tests/browser checks that a
    real 11 MB file gets there): the message of the limit the file failed."""
    await sign_in(user, NOVA)
    await invoice_split_step(user)
    user.find(marker="contract-upload").trigger("rejected", failed_limit)
    await user.should_see(message, marker="error-invoice_split_contract_id")
    await user.should_not_see(marker="uploaded-contract")
