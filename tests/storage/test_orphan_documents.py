"""A crash during an upload leaves no signed contract unaccounted for: a file takes its name
only inside the transaction that commits its row, and at start-up `remove_orphan_documents`
removes every file of the documents folder that no row names."""

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from storage.db.tables import StoredDocument
from storage.documents.files import PendingDocument, document_download, write_checked
from storage.use_cases import Services, remove_orphan_documents
from tests.fixtures import documents as samples
from tests.order_helpers import attach, attached, manager_of


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def stored_name(services: Services, public_id: str) -> str:
    with Session(services.engine) as session:
        query = select(StoredDocument.stored_name).where(StoredDocument.public_id == public_id)
        return session.exec(query).one()


def test_files_without_a_row_and_temporary_files_are_removed_and_files_with_rows_stay(
    services: Services,
) -> None:
    folder = services.documents_dir
    kept = attached(services, samples.pdf())
    (folder / ("ab" * 16)).write_bytes(b"a contract whose row never committed")
    (folder / f".{'cd' * 16}.part").write_bytes(b"half a contract")
    (folder / "scan.pdf").write_bytes(b"put there by hand")
    (folder / "link").symlink_to(folder / "scan.pdf")
    assert remove_orphan_documents(services) == 4
    assert files_in(folder) == [stored_name(services, kept.public_id)]


def test_the_file_of_a_stored_document_stays_and_reads_back(services: Services) -> None:
    data = samples.png()
    document = attached(services, data, "scan.png")
    (services.documents_dir / ("ef" * 16)).write_bytes(b"orphan")
    assert remove_orphan_documents(services) == 1
    company_id = manager_of(services.engine).company_id
    found = document_download(
        services.engine, services.documents_dir, company_id, document.public_id
    )
    assert found is not None and found.data == data


def test_no_documents_folder_yet_removes_nothing(services: Services) -> None:
    assert not services.documents_dir.exists()
    assert remove_orphan_documents(services) == 0


def test_an_upload_in_progress_keeps_its_file(services: Services) -> None:
    """Another instance sharing the folder may be mid-upload: its locked file is not an orphan."""
    manager = manager_of(services.engine)
    pending = write_checked(
        services.documents_dir,
        company_id=manager.company_id,
        manager_id=manager.id,
        original_name="scan.pdf",
        data=samples.pdf(),
    )
    assert isinstance(pending, PendingDocument)
    try:
        assert remove_orphan_documents(services) == 0
        assert files_in(services.documents_dir) == [f".{pending.row.stored_name}.part"]
    finally:
        pending.close(committed=False)
    assert files_in(services.documents_dir) == []


def test_the_file_takes_its_name_only_inside_the_transaction_of_its_row(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash before the commit leaves a temporary file or a file whose row never committed:
    both are orphans. Never a row without its file."""
    from storage.use_cases import contracts

    seen: list[list[str]] = []
    take = contracts.take_draft_document

    def watching(*args: object) -> str | None:  # called in the transaction, before the row
        seen.append(files_in(services.documents_dir))
        return take(*args)  # type: ignore[arg-type]

    attach(services, samples.pdf())  # the draft exists, with a first contract
    first = files_in(services.documents_dir)
    monkeypatch.setattr(contracts, "take_draft_document", watching)
    document = attached(services, samples.png(), "scan.png")
    (during,) = seen
    assert [name for name in during if name not in first] == [
        name for name in during if name.endswith(".part")
    ]
    assert len(during) == len(first) + 1  # the new one, still under its temporary name
    assert document.public_id and not any(
        name.endswith(".part") for name in files_in(services.documents_dir)
    )


def test_a_failed_commit_leaves_neither_the_file_nor_its_temporary_file(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.use_cases import contracts

    class FailingCommit(Session):
        def commit(self) -> None:
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    attach(services, samples.pdf())
    before = files_in(services.documents_dir)
    monkeypatch.setattr(contracts, "Session", FailingCommit)
    with pytest.raises(OperationalError):
        attach(services, samples.png(), "scan.png")
    assert files_in(services.documents_dir) == before
