"""Stored documents: private files under random names, one row each, scoped to a company."""

import hashlib
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.db.engine import make_engine
from storage.db.tables import FleetManager, StoredDocument
from storage.documents.checks import Refusal
from storage.documents.files import (
    attach_to_order,
    download_filename,
    find_document,
    read_document,
    remove_upload,
    replace_upload,
    sanitised_name,
    store_upload,
)
from tests.conftest import LUMIERE, NOVA
from tests.fixtures import documents as samples


@pytest.fixture
def documents_dir(tmp_path: Path) -> Path:
    return tmp_path / "documents"


def manager(engine: Engine, email: str) -> FleetManager:
    with Session(engine) as session:
        return session.exec(select(FleetManager).where(FleetManager.email == email)).one()


def store(
    engine: Engine, documents_dir: Path, data: bytes, name: str = "scan.pdf"
) -> StoredDocument | Refusal:
    """`data` uploaded by Nova's fleet manager."""
    sofie = manager(engine, NOVA.email)
    assert sofie.id is not None
    return store_upload(
        engine,
        documents_dir,
        company_id=sofie.company_id,
        manager_id=sofie.id,
        original_name=name,
        data=data,
    )


def stored(
    engine: Engine, documents_dir: Path, data: bytes, name: str = "scan.pdf"
) -> StoredDocument:
    document = store(engine, documents_dir, data, name)
    assert isinstance(document, StoredDocument), document
    return document


def files_in(documents_dir: Path) -> list[str]:
    return sorted(path.name for path in documents_dir.iterdir()) if documents_dir.exists() else []


def row_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(StoredDocument)).one()


def test_an_accepted_upload_is_recorded_with_its_checksum_type_and_uploader(
    engine: Engine, documents_dir: Path
) -> None:
    data = samples.pdf()
    document = stored(engine, documents_dir, data, "contrat signé.pdf")
    sofie = manager(engine, NOVA.email)
    found = find_document(engine, sofie.company_id, document.public_id)
    assert found is not None
    assert (found.company_id, found.uploaded_by, found.draft_owner_id) == (
        sofie.company_id,
        sofie.id,
        sofie.id,
    )
    assert (found.content_type, found.size, found.original_name) == (
        "application/pdf",
        len(data),
        "contrat signé.pdf",
    )
    assert found.sha256 == hashlib.sha256(data).hexdigest()
    assert found.order_id is None and found.uploaded_at is not None


def test_the_file_is_kept_under_a_random_name_readable_by_the_app_only(
    engine: Engine, documents_dir: Path
) -> None:
    document = stored(engine, documents_dir, samples.pdf(), "scan.pdf")
    assert files_in(documents_dir) == [document.stored_name]
    assert "scan" not in document.stored_name and document.public_id != document.stored_name
    assert stat.S_IMODE((documents_dir / document.stored_name).stat().st_mode) == 0o600
    assert stat.S_IMODE(documents_dir.stat().st_mode) == 0o700


def test_a_jpeg_named_png_is_accepted_as_jpeg_and_downloads_as_jpg(
    engine: Engine, documents_dir: Path
) -> None:
    document = stored(engine, documents_dir, samples.jpeg(), "scan.png")
    assert document.content_type == "image/jpeg"
    assert download_filename(document) == "scan.jpg"


@pytest.mark.parametrize(
    "make",
    [
        samples.text_file,
        samples.html_page,
        samples.oversized_pdf,
        samples.truncated_pdf,
        samples.encrypted_pdf,
        lambda: samples.png_declaring(100_000, 100_000),
        lambda: b"",
    ],
    ids=["text", "html", "over 10 MB", "truncated", "encrypted", "png bomb", "empty"],
)
def test_a_refused_upload_leaves_nothing_on_disk_or_in_the_database(
    engine: Engine, documents_dir: Path, make: Callable[[], bytes]
) -> None:
    result = store(engine, documents_dir, make(), "contract.pdf")
    assert isinstance(result, Refusal)
    assert files_in(documents_dir) == []
    assert row_count(engine) == 0


def test_a_failed_insert_removes_the_written_file(engine: Engine, documents_dir: Path) -> None:
    with pytest.raises(IntegrityError):  # no such company: the foreign key refuses the row
        store_upload(
            engine,
            documents_dir,
            company_id=999,
            manager_id=999,
            original_name="a.pdf",
            data=samples.pdf(),
        )
    assert files_in(documents_dir) == []


def test_replacing_removes_the_previous_file_and_row(engine: Engine, documents_dir: Path) -> None:
    first = stored(engine, documents_dir, samples.pdf())
    sofie = manager(engine, NOVA.email)
    second = replace_upload(
        engine,
        documents_dir,
        company_id=sofie.company_id,
        manager_id=sofie.id,
        previous_public_id=first.public_id,
        original_name="scan.png",
        data=samples.png(),
    )
    assert isinstance(second, StoredDocument)
    assert files_in(documents_dir) == [second.stored_name]
    assert find_document(engine, sofie.company_id, first.public_id) is None
    assert row_count(engine) == 1


def test_a_refused_replacement_keeps_the_previous_document(
    engine: Engine, documents_dir: Path
) -> None:
    first = stored(engine, documents_dir, samples.pdf())
    sofie = manager(engine, NOVA.email)
    result = replace_upload(
        engine,
        documents_dir,
        company_id=sofie.company_id,
        manager_id=sofie.id,
        previous_public_id=first.public_id,
        original_name="scan.pdf",
        data=samples.truncated_pdf(),
    )
    assert isinstance(result, Refusal)
    assert files_in(documents_dir) == [first.stored_name]
    assert find_document(engine, sofie.company_id, first.public_id) is not None


def test_replacing_never_removes_another_companys_document(
    engine: Engine, documents_dir: Path
) -> None:
    nova_document = stored(engine, documents_dir, samples.pdf())
    marc = manager(engine, LUMIERE.email)
    replace_upload(
        engine,
        documents_dir,
        company_id=marc.company_id,
        manager_id=marc.id,
        previous_public_id=nova_document.public_id,
        original_name="scan.jpg",
        data=samples.jpeg(),
    )
    assert nova_document.stored_name in files_in(documents_dir)
    assert find_document(engine, nova_document.company_id, nova_document.public_id) is not None


def test_removing_deletes_the_file_and_the_row(engine: Engine, documents_dir: Path) -> None:
    document = stored(engine, documents_dir, samples.pdf())
    assert remove_upload(engine, documents_dir, document.company_id, document.public_id)
    assert files_in(documents_dir) == []
    assert row_count(engine) == 0


def test_another_company_cannot_find_or_remove_the_document(
    engine: Engine, documents_dir: Path
) -> None:
    document = stored(engine, documents_dir, samples.pdf())
    lumiere_id = manager(engine, LUMIERE.email).company_id
    assert find_document(engine, lumiere_id, document.public_id) is None
    assert not remove_upload(engine, documents_dir, lumiere_id, document.public_id)
    assert files_in(documents_dir) == [document.stored_name]


def test_a_document_tied_to_an_order_can_no_longer_be_removed(
    engine: Engine, documents_dir: Path
) -> None:
    document = stored(engine, documents_dir, samples.pdf())
    with Session(engine) as session:
        assert attach_to_order(
            session, company_id=document.company_id, public_id=document.public_id, order_id=7
        )
        session.commit()
    assert not remove_upload(engine, documents_dir, document.company_id, document.public_id)
    found = find_document(engine, document.company_id, document.public_id)
    assert found is not None and (found.order_id, found.draft_owner_id) == (7, None)


def test_tying_to_an_order_is_undone_with_the_orders_transaction(
    engine: Engine, documents_dir: Path
) -> None:
    document = stored(engine, documents_dir, samples.pdf())
    with Session(engine) as session:
        attach_to_order(
            session, company_id=document.company_id, public_id=document.public_id, order_id=7
        )
        session.rollback()
    found = find_document(engine, document.company_id, document.public_id)
    assert found is not None and found.order_id is None


def test_another_company_cannot_tie_the_document_to_its_order(
    engine: Engine, documents_dir: Path
) -> None:
    document = stored(engine, documents_dir, samples.pdf())
    lumiere_id = manager(engine, LUMIERE.email).company_id
    with Session(engine) as session:
        assert not attach_to_order(
            session, company_id=lumiere_id, public_id=document.public_id, order_id=7
        )


def test_a_stored_document_survives_a_restart(engine: Engine, documents_dir: Path) -> None:
    data = samples.png()
    document = stored(engine, documents_dir, data, "scan.png")
    url = str(engine.url)
    engine.dispose()
    reopened = make_engine(url)
    try:
        found = find_document(reopened, document.company_id, document.public_id)
        assert found is not None
        assert read_document(documents_dir, found) == data
    finally:
        reopened.dispose()


def test_a_file_changed_on_disk_is_not_served(engine: Engine, documents_dir: Path) -> None:
    document = stored(engine, documents_dir, samples.pdf())
    (documents_dir / document.stored_name).write_bytes(b"%PDF-1.7 something else")
    with pytest.raises(FileNotFoundError):
        read_document(documents_dir, document)


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\sofie\\Scans\\contrat.pdf", "contrat.pdf"),
        ("con\x00tract\u202egpj.pdf", "contractgpj.pdf"),
        ("  \t ", "document"),
        ("..", "document"),
        ("x" * 200 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_the_original_name_is_kept_for_display_only_and_sanitised(given: str, shown: str) -> None:
    assert sanitised_name(given) == shown
