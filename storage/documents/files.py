"""Uploaded documents: a private folder on disk plus one row each, always scoped to a company.

Files live in `documents_dir` (settings.documents_dir, outside every served folder) under a
random name with no part of the user's file name, readable by this process's user only. A
document first belongs to the uploader's draft; submitting the order ties it to the order.
"""

import hashlib
import os
import re
import unicodedata
import uuid
from pathlib import Path, PurePosixPath

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db.tables import SIGNED_CONTRACT, StoredDocument
from storage.documents.checks import Refusal, check_upload

MAX_NAME_LENGTH = 120
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


def store_upload(
    engine: Engine,
    documents_dir: Path,
    *,
    company_id: int,
    manager_id: int,
    original_name: str,
    data: bytes,
    kind: str = SIGNED_CONTRACT,
) -> StoredDocument | Refusal:
    """Check `data`, write it and record it in the manager's draft; a refusal writes nothing."""
    detected = check_upload(data)
    if isinstance(detected, Refusal):
        return detected
    stored_name = uuid.uuid4().hex
    path = _write_private(documents_dir, stored_name, data)
    document = StoredDocument(
        company_id=company_id,
        uploaded_by=manager_id,
        kind=kind,
        stored_name=stored_name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        content_type=detected.content_type,
        original_name=sanitised_name(original_name),
        draft_owner_id=manager_id,
    )
    try:
        with Session(engine, expire_on_commit=False) as session:
            session.add(document)
            session.commit()
    except BaseException:
        path.unlink(missing_ok=True)  # no row, so no file either
        raise
    return document


def replace_upload(
    engine: Engine,
    documents_dir: Path,
    *,
    company_id: int,
    manager_id: int,
    previous_public_id: str | None,
    original_name: str,
    data: bytes,
    kind: str = SIGNED_CONTRACT,
) -> StoredDocument | Refusal:
    """Store the new upload, then remove the previous one; a refusal keeps the previous one."""
    stored = store_upload(
        engine,
        documents_dir,
        company_id=company_id,
        manager_id=manager_id,
        original_name=original_name,
        data=data,
        kind=kind,
    )
    if isinstance(stored, StoredDocument) and previous_public_id:
        remove_upload(engine, documents_dir, company_id, previous_public_id)
    return stored


def remove_upload(engine: Engine, documents_dir: Path, company_id: int, public_id: str) -> bool:
    """Remove a document not yet tied to an order, row then file; False if there is none."""
    with Session(engine) as session:
        document = _company_document(session, company_id, public_id)
        if document is None or document.order_id is not None:
            return False
        stored_name = document.stored_name
        session.delete(document)
        session.commit()
    # After the commit: a failed delete must not leave a row whose file is gone.
    _path(documents_dir, stored_name).unlink(missing_ok=True)
    return True


def find_document(engine: Engine, company_id: int, public_id: str) -> StoredDocument | None:
    """The company's document with this id; another company's id gives None, like no id."""
    with Session(engine, expire_on_commit=False) as session:
        return _company_document(session, company_id, public_id)


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


def _company_document(session: Session, company_id: int, public_id: str) -> StoredDocument | None:
    query = select(StoredDocument).where(
        StoredDocument.company_id == company_id, StoredDocument.public_id == public_id
    )
    return session.exec(query).first()


def _path(documents_dir: Path, stored_name: str) -> Path:
    # Names come from uuid4().hex; anything else in the column is refused, never joined.
    if not _STORED_NAME.fullmatch(stored_name):
        raise FileNotFoundError(f"not a stored document name: {stored_name!r}")
    return documents_dir / stored_name


def _write_private(documents_dir: Path, stored_name: str, data: bytes) -> Path:
    """Write to a temporary file in the same folder, then rename: no half-written document."""
    documents_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    final = _path(documents_dir, stored_name)
    temporary = documents_dir / f".{stored_name}.part"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return final
