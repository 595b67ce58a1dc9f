"""Uploaded documents: a private folder on disk plus one row each, always scoped to a company.

Files live in `documents_dir` (settings.documents_dir, outside every served folder) under a
random name with no part of the user's file name, readable by this process's user only. A
document first belongs to the uploader's draft; submitting the order ties it to the order.
"""

import fcntl
import hashlib
import logging
import os
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.db.tables import SIGNED_CONTRACT, StoredDocument
from storage.documents.checks import Refusal, check_upload
from storage.queries.keys import lookup_key

MAX_NAME_LENGTH = 120
logger = logging.getLogger(__name__)
_STORED_NAME = re.compile(r"[0-9a-f]{32}")
# Per detected type, the extensions that name it; the first is given to a name that has none.
_EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
}


def sanitised_name(name: str) -> str:
    """The base name only, without control characters or path separators, at most 120 chars."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/"))
    base = PurePosixPath(name).name
    kept = "".join(ch for ch in base if not unicodedata.category(ch).startswith("C")).strip()
    if len(kept) > MAX_NAME_LENGTH:
        suffix = PurePosixPath(kept).suffix[:10]
        kept = kept[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return kept if kept.strip(".") else "document"


def download_filename(document: StoredDocument) -> str:
    """The original name, with the extension of the detected type (a JPEG named .png → .jpg)."""
    extensions = _EXTENSIONS.get(document.content_type, ("",))
    name = PurePosixPath(document.original_name)
    if name.suffix.lower() in extensions:
        return document.original_name
    return f"{name.stem}{extensions[0]}"


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document as a page shows it."""

    public_id: str
    original_name: str
    size: int  # bytes
    content_type: str


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    data: bytes


@dataclass
class PendingDocument:
    """A checked upload on disk under a temporary name, with its row still to commit.

    The file takes its own name only inside the transaction, just before the commit
    (`publish`): after a crash, a file with no row is one whose row never committed, which
    `remove_orphan_files` clears at the next start. The open file holds a lock until `close`,
    so a clean-up (of another instance) leaves an upload in progress alone."""

    row: StoredDocument
    documents_dir: Path
    _lock: int  # the open temporary file, locked

    def publish(self) -> None:
        """Give the file its name (after the row's flush, before the commit), durably."""
        os.replace(_temporary_path(self.documents_dir, self.row.stored_name), self.final_path)
        _sync_folder(self.documents_dir)

    @property
    def final_path(self) -> Path:
        return _path(self.documents_dir, self.row.stored_name)

    def close(self, *, committed: bool) -> None:
        """Release the lock; a file whose row did not commit is removed first."""
        try:
            if not committed:
                _temporary_path(self.documents_dir, self.row.stored_name).unlink(missing_ok=True)
                self.final_path.unlink(missing_ok=True)
        finally:
            os.close(self._lock)


def write_checked(
    documents_dir: Path,
    *,
    company_id: int,
    manager_id: int,
    original_name: str,
    data: bytes,
    kind: str = SIGNED_CONTRACT,
) -> PendingDocument | Refusal:
    """Check `data` and write what is kept of it under a temporary name; the caller adds the
    row, publishes the file in its transaction and closes it. A refusal writes nothing."""
    accepted = check_upload(data)
    if isinstance(accepted, Refusal):
        return accepted
    row = _row(company_id, manager_id, original_name, accepted.data, kind)
    row.content_type = accepted.detected.content_type
    row.draft_owner_id = manager_id  # the uploader's draft's, until its order takes it
    return _pending(documents_dir, row, accepted.data)


def write_made(
    documents_dir: Path, *, company_id: int, manager_id: int, original_name: str, pdf: bytes
) -> PendingDocument:
    """A PDF the app made itself (the contract signed online) under a temporary name, as
    ``write_checked`` leaves an upload: nobody's draft, the caller ties it to its request."""
    row = _row(company_id, manager_id, original_name, pdf, SIGNED_CONTRACT)
    return _pending(documents_dir, row, pdf)


def _row(company_id: int, manager_id: int, name: str, data: bytes, kind: str) -> StoredDocument:
    return StoredDocument(
        company_id=company_id,
        uploaded_by=manager_id,
        kind=kind,
        stored_name=uuid.uuid4().hex,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        content_type="application/pdf",
        original_name=sanitised_name(name),
    )


def _pending(documents_dir: Path, row: StoredDocument, data: bytes) -> PendingDocument:
    return PendingDocument(row, documents_dir, _write_private(documents_dir, row.stored_name, data))


def take_draft_document(
    session: Session, company_id: int, manager_id: int, public_id: str | None
) -> str | None:
    """Delete a document of the manager's draft (none of another manager, none an order
    holds) in the caller's transaction; its file's name, for ``discard_files`` after commit."""
    document = _company_document(session, company_id, public_id) if public_id else None
    if document is None or document.order_id is not None or document.draft_owner_id != manager_id:
        return None
    session.delete(document)
    return document.stored_name


def take_unordered_document(session: Session, company_id: int, public_id: str | None) -> str | None:
    """Delete a document of the company that no order holds (a row's replaced contract) in
    the caller's transaction; its file's name, for ``discard_files`` after commit."""
    document = _company_document(session, company_id, public_id) if public_id else None
    if document is None or document.order_id is not None:
        return None
    session.delete(document)
    return document.stored_name


def take_draft_documents(session: Session, manager_id: int) -> list[str]:
    """Delete every document of the manager's draft (none is held by an order yet)."""
    documents = session.exec(
        select(StoredDocument).where(
            StoredDocument.draft_owner_id == manager_id, col(StoredDocument.order_id).is_(None)
        )
    ).all()
    for document in documents:
        session.delete(document)
    return [document.stored_name for document in documents]


def discard_files(documents_dir: Path, *stored_names: str | None) -> None:
    """Remove files whose rows are gone (after the commit: never a row without its file)."""
    for stored_name in stored_names:
        if stored_name:
            _path(documents_dir, stored_name).unlink(missing_ok=True)


def discard_all_files(documents_dir: Path) -> None:
    """Remove every stored file (their rows are gone: a demo reset)."""
    if documents_dir.is_dir():
        for path in documents_dir.iterdir():
            if _STORED_NAME.fullmatch(path.name) or path.name.endswith(".part"):
                path.unlink(missing_ok=True)


def remove_orphan_files(documents_dir: Path, stored_names: Callable[[], set[str]]) -> int:
    """Remove every file of the folder that no row names (a row never committed, a temporary
    file, anything put there); how many. A file an upload in progress holds (locked) stays,
    and so does one whose row committed while the candidates were being locked."""
    if not documents_dir.is_dir():
        return 0
    named = stored_names()
    candidates = [
        path
        for path in documents_dir.iterdir()
        if path.name not in named and (path.is_symlink() or not path.is_dir())
    ]
    locked = [(path, fd) for path in candidates if (fd := _lock_unless_in_use(path)) != _IN_USE]
    try:
        named = stored_names()  # again: a row committed meanwhile keeps its file
        orphans = [path for path, _fd in locked if path.name not in named]
        for path in orphans:
            path.unlink(missing_ok=True)
    finally:
        for _, fd in locked:
            if fd is not None:
                os.close(fd)
    return len(orphans)


_IN_USE = -1


def _lock_unless_in_use(path: Path) -> int | None:
    """The file opened and locked; None if it cannot be opened (a link, a socket: not an
    upload's), _IN_USE if an upload in progress holds its lock."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return _IN_USE
    return fd


def document_info(document: StoredDocument) -> DocumentInfo:
    return DocumentInfo(
        document.public_id, document.original_name, document.size, document.content_type
    )


def find_document(engine: Engine, company_id: int, public_id: str) -> DocumentInfo | None:
    """The company's document with this id; another company's id gives None, like no id."""
    with Session(engine) as session:
        document = _company_document(session, company_id, public_id)
        return document_info(document) if document else None


def document_download(
    engine: Engine, documents_dir: Path, company_id: int, public_id: str
) -> Download | None:
    """The company's document to download; None if there is none or its file is unreadable."""
    with Session(engine) as session:
        document = _company_document(session, company_id, public_id)
    if document is None:
        return None
    try:
        data = read_document(documents_dir, document)
    except FileNotFoundError:
        logger.exception("stored document %s cannot be read", document.public_id)
        return None
    return Download(download_filename(document), document.content_type, data)


def read_document(documents_dir: Path, document: StoredDocument) -> bytes:
    """The stored bytes; raises FileNotFoundError if the file is gone or no longer matches."""
    data = _path(documents_dir, document.stored_name).read_bytes()
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise FileNotFoundError(f"document {document.public_id} does not match its checksum")
    return data


def attach_to_order(session: Session, *, company_id: int, public_id: str, order_id: int) -> bool:
    """Tie a draft document to its order, inside the caller's transaction (no commit here).

    False if the company has no such document or it already belongs to an order.
    """
    document = _company_document(session, company_id, public_id)
    if document is None or document.order_id is not None:
        return False
    document.order_id = order_id
    document.draft_owner_id = None
    session.add(document)
    return True


def contract_free(session: Session, company_id: int, public_id: str | None) -> bool:
    """Whether ``attach_to_order`` would tie this contract (no contract: nothing to tie)."""
    if not public_id:
        return True
    document = _company_document(session, company_id, public_id)
    return document is not None and document.order_id is None


def _company_document(session: Session, company_id: int, public_id: str) -> StoredDocument | None:
    if lookup_key(public_id) is None:  # from a URL: may be anything
        return None
    query = select(StoredDocument).where(
        StoredDocument.company_id == company_id, StoredDocument.public_id == public_id
    )
    return session.exec(query).first()


def _path(documents_dir: Path, stored_name: str) -> Path:
    # Names come from uuid4().hex; anything else in the column is refused, never joined.
    if not _STORED_NAME.fullmatch(stored_name):
        raise FileNotFoundError(f"not a stored document name: {stored_name!r}")
    return documents_dir / stored_name


def _temporary_path(documents_dir: Path, stored_name: str) -> Path:
    return documents_dir / f".{stored_name}.part"


def _write_private(documents_dir: Path, stored_name: str, data: bytes) -> int:
    """Write and sync a temporary file readable by this process's user only; its open
    descriptor, locked (the file is removed if anything fails)."""
    documents_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = _temporary_path(documents_dir, stored_name)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        temporary.unlink(missing_ok=True)
        os.close(fd)
        raise
    return fd


def _sync_folder(documents_dir: Path) -> None:
    """A rename is durable once its folder is synced."""
    fd = os.open(documents_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
