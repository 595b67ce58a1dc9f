"""Stored documents: private files under random names, one row each, scoped to a company."""

import hashlib
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from domain.invoice_split import contract_basis
from domain.request import OrderRequest
from domain.validation import normalise
from storage.db.engine import make_engine
from storage.db.seed import DemoLogin
from storage.db.tables import FleetManager, StoredDocument
from storage.documents.checks import Refusal
from storage.documents.files import (
    attach_to_order,
    document_download,
    download_filename,
    find_document,
    read_document,
    sanitised_name,
    take_draft_document,
)
from storage.queries.drafts import DraftState, load_draft
from storage.use_cases import (
    ContractChanged,
    Services,
    discard_draft,
    remove_signed_contract,
    save_draft,
)
from storage.use_cases.contracts import ContractOutcome
from tests.conftest import LUMIERE, NOVA
from tests.fixtures import documents as samples
from tests.order_helpers import attach, manager_of


@pytest.fixture
def documents_dir(services: Services) -> Path:
    return services.documents_dir


def manager(engine: Engine, email: str) -> FleetManager:
    with Session(engine) as session:
        return session.exec(select(FleetManager).where(FleetManager.email == email)).one()


def row(engine: Engine, public_id: str) -> StoredDocument | None:
    with Session(engine) as session:
        return session.exec(
            select(StoredDocument).where(StoredDocument.public_id == public_id)
        ).first()


def store(
    services: Services, data: bytes, name: str = "scan.pdf", login: DemoLogin = NOVA
) -> StoredDocument | Refusal | ContractOutcome:
    """`data` uploaded as the contract of the draft of `login`'s fleet manager."""
    outcome = attach(services, data, name, login)
    if isinstance(outcome, ContractChanged) and outcome.document is not None:
        found = row(services.engine, outcome.document.public_id)
        assert found is not None
        return found
    return outcome


def stored(services: Services, data: bytes, name: str = "scan.pdf") -> StoredDocument:
    document = store(services, data, name)
    assert isinstance(document, StoredDocument), document
    return document


def remove(services: Services, login: DemoLogin = NOVA) -> object:
    manager = manager_of(services.engine, login)
    draft = load_draft(services.engine, manager.id)
    assert draft is not None
    return remove_signed_contract(services, manager, draft.submission_key)


def files_in(documents_dir: Path) -> list[str]:
    return sorted(path.name for path in documents_dir.iterdir()) if documents_dir.exists() else []


def row_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(StoredDocument)).one()


def test_an_accepted_upload_is_recorded_with_its_checksum_type_and_uploader(
    services: Services,
) -> None:
    data = samples.pdf()
    found = stored(services, data, "contrat signé.pdf")
    sofie = manager(services.engine, NOVA.email)
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


def test_the_draft_records_the_contract_and_what_it_was_filled_in_from(
    services: Services,
) -> None:
    document = stored(services, samples.pdf())
    draft = load_draft(services.engine, manager(services.engine, NOVA.email).id or 0)
    assert draft is not None
    assert draft.request.invoice_split_contract_id == document.public_id
    assert draft.request.invoice_split_contract_basis == contract_basis(normalise(draft.request))


def test_the_file_is_kept_under_a_random_name_readable_by_the_app_only(
    services: Services, documents_dir: Path
) -> None:
    document = stored(services, samples.pdf(), "scan.pdf")
    assert files_in(documents_dir) == [document.stored_name]
    assert "scan" not in document.stored_name and document.public_id != document.stored_name
    assert stat.S_IMODE((documents_dir / document.stored_name).stat().st_mode) == 0o600
    assert stat.S_IMODE(documents_dir.stat().st_mode) == 0o700


def test_a_jpeg_named_png_is_accepted_as_jpeg_and_downloads_as_jpg(services: Services) -> None:
    document = stored(services, samples.jpeg(), "scan.png")
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
    services: Services, documents_dir: Path, make: Callable[[], bytes]
) -> None:
    result = store(services, make(), "contract.pdf")
    assert isinstance(result, Refusal)
    assert files_in(documents_dir) == []
    assert row_count(services.engine) == 0


def test_a_failed_transaction_removes_the_written_file(
    services: Services, documents_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("disk full"))

    attach(services, samples.pdf())  # the draft exists; its next change fails to commit
    monkeypatch.setattr("storage.use_cases.contracts.take_draft_document", broken)
    with pytest.raises(OperationalError):
        attach(services, samples.png(), "scan.png")
    assert len(files_in(documents_dir)) == 1  # the first upload's file only
    assert row_count(services.engine) == 1


def test_replacing_removes_the_previous_file_and_row(
    services: Services, documents_dir: Path
) -> None:
    first = stored(services, samples.pdf())
    second = stored(services, samples.png(), "scan.png")
    assert files_in(documents_dir) == [second.stored_name]
    assert row(services.engine, first.public_id) is None
    assert row_count(services.engine) == 1


def test_a_refused_replacement_keeps_the_previous_document(
    services: Services, documents_dir: Path
) -> None:
    first = stored(services, samples.pdf())
    assert isinstance(store(services, samples.truncated_pdf()), Refusal)
    assert files_in(documents_dir) == [first.stored_name]
    assert row(services.engine, first.public_id) is not None


def test_replacing_never_removes_another_companys_document(
    services: Services, documents_dir: Path
) -> None:
    nova_document = stored(services, samples.pdf())
    marc = manager_of(services.engine, LUMIERE)
    # A draft of Marc's that names Nova's document, as a forged answer would.
    forged = OrderRequest(invoice_split_contract_id=nova_document.public_id)
    save_draft(services, marc, DraftState(forged, "invoice_split", False, "marc-key"))
    assert isinstance(store(services, samples.jpeg(), "scan.jpg", LUMIERE), StoredDocument)
    assert nova_document.stored_name in files_in(documents_dir)
    assert row(services.engine, nova_document.public_id) is not None


def test_removing_deletes_the_file_and_the_row_and_clears_the_answer(
    services: Services, documents_dir: Path
) -> None:
    stored(services, samples.pdf())
    outcome = remove(services)
    assert isinstance(outcome, ContractChanged) and outcome.document is None
    assert outcome.request.invoice_split_contract_id is None
    assert files_in(documents_dir) == []
    assert row_count(services.engine) == 0


def test_another_company_cannot_find_or_remove_the_document(
    services: Services, documents_dir: Path
) -> None:
    document = stored(services, samples.pdf())
    lumiere_id = manager(services.engine, LUMIERE.email).company_id
    assert find_document(services.engine, lumiere_id, document.public_id) is None
    with Session(services.engine) as session:
        assert take_draft_document(session, lumiere_id, 2, document.public_id) is None
    assert files_in(documents_dir) == [document.stored_name]


def test_a_document_tied_to_an_order_can_no_longer_be_removed(services: Services) -> None:
    document = stored(services, samples.pdf())
    with Session(services.engine) as session:
        assert attach_to_order(
            session, company_id=document.company_id, public_id=document.public_id, order_id=7
        )
        session.commit()
    remove(services)
    found = row(services.engine, document.public_id)
    assert found is not None and (found.order_id, found.draft_owner_id) == (7, None)


def test_discarding_the_draft_deletes_its_contract(services: Services, documents_dir: Path) -> None:
    stored(services, samples.pdf())
    discard_draft(services, manager_of(services.engine))
    assert files_in(documents_dir) == []
    assert row_count(services.engine) == 0


def test_tying_to_an_order_is_undone_with_the_orders_transaction(services: Services) -> None:
    document = stored(services, samples.pdf())
    with Session(services.engine) as session:
        attach_to_order(
            session, company_id=document.company_id, public_id=document.public_id, order_id=7
        )
        session.rollback()
    found = row(services.engine, document.public_id)
    assert found is not None and found.order_id is None


def test_another_company_cannot_tie_the_document_to_its_order(services: Services) -> None:
    document = stored(services, samples.pdf())
    lumiere_id = manager(services.engine, LUMIERE.email).company_id
    with Session(services.engine) as session:
        assert not attach_to_order(
            session, company_id=lumiere_id, public_id=document.public_id, order_id=7
        )


def test_a_stored_document_survives_a_restart(services: Services, documents_dir: Path) -> None:
    data = samples.png()
    document = stored(services, data, "scan.png")
    url = str(services.engine.url)
    services.engine.dispose()
    reopened = make_engine(url)
    try:
        found = document_download(reopened, documents_dir, document.company_id, document.public_id)
        assert found is not None and found.data == data
    finally:
        reopened.dispose()


def test_a_file_changed_on_disk_is_not_served(services: Services, documents_dir: Path) -> None:
    document = stored(services, samples.pdf())
    (documents_dir / document.stored_name).write_bytes(b"%PDF-1.7 something else")
    with pytest.raises(FileNotFoundError):
        read_document(documents_dir, document)
    assert (
        document_download(services.engine, documents_dir, document.company_id, document.public_id)
        is None
    )


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
