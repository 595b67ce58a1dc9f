"""Documents left behind: files of the documents folder that no row names."""

from sqlmodel import Session, select

from storage.db.tables import StoredDocument
from storage.documents.files import remove_orphan_files
from storage.use_cases.services import Services


def remove_orphan_documents(services: Services) -> int:
    """Remove every file of the documents folder with no StoredDocument row, temporary files
    included (signed contracts are personal data: none is kept unaccounted for); how many.

    Called at start-up: what a crash during an upload left. An upload in progress (of another
    instance sharing the folder) keeps its file."""

    def stored_names() -> set[str]:
        with Session(services.engine) as session:
            return set(session.exec(select(StoredDocument.stored_name)).all())

    return remove_orphan_files(services.documents_dir, stored_names)
