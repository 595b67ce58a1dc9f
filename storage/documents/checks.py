"""Content checks for an uploaded scan: what the bytes are, never what the name or browser says.

Accepted: a PDF that parses, is not encrypted, has 1 to `MAX_PAGES` pages, no active content
(scripts, actions on other files, attachments, XFA forms) and unpacks to at most
`MAX_INFLATED_BYTES`; a PNG or JPEG that decodes, has at most `MAX_IMAGE_PIXELS` pixels and is
kept re-encoded (no metadata, nothing after the picture); nowhere web page code; at most
`MAX_UPLOAD_BYTES` in all. Anything else is refused with a message id (English, marked with
`N_`) that tells the user what to do.

The parsing runs in a separate process (`storage.documents.inspection`), killed after
`CHECK_SECONDS`: pypdf is pure Python and holds the GIL, so a hostile PDF checked in a thread
froze every page of the app.
"""

import logging
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from domain.texts import N_
from locales import translate_to

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# An A4 page scanned at 600 dpi is about 35 million pixels; a decoded RGB image of this size
# takes 150 MB, which is as much memory as one check may use.
MAX_IMAGE_PIXELS = 50_000_000
MAX_PAGES = 50  # a signed contract has a few pages
# What all streams of a PDF may unpack to: scanners keep pages as JPEG (a few MB each); 50 MB is
# two colour pages at 300 dpi stored losslessly, and a zip bomb of 10 MB unpacks to gigabytes.
MAX_INFLATED_BYTES = 50 * 1024 * 1024
CHECK_SECONDS = 5.0  # a genuine scan of 10 MB is checked in well under a second
CHECKS_AT_ONCE = 2  # parallel checks (each a process); more wait their turn, off the event loop

EMPTY = N_(
    "This file is empty. Scan the signed contract again and upload the PDF, JPEG or PNG file."
)
TOO_LARGE = N_(
    "This file is larger than 10 MB. Scan the signed contract again at a lower resolution "
    "(200 dpi is enough) and upload the new file."
)
NOT_ACCEPTED = N_(
    "This file is not a PDF, JPEG or PNG file. Scan the signed contract as a PDF, JPEG or PNG "
    "file and upload that file."
)
BROKEN_PDF = N_(
    "This PDF file cannot be read: it is damaged or incomplete. Save or scan the signed "
    "contract again and upload the new file."
)
ENCRYPTED_PDF = N_(
    "This PDF file is protected by a password or encryption. Save the signed contract "
    "without protection and upload it again."
)
EMPTY_PDF = N_(
    "This PDF file has no pages. Scan the signed contract again and upload the new file."
)
BROKEN_IMAGE = N_(
    "This image cannot be read: it is damaged or incomplete. Scan the signed contract again "
    "and upload the new file."
)
TOO_MANY_PIXELS = N_(
    "This image is too large to process. Scan the signed contract again at a lower "
    "resolution (200 dpi is enough) and upload the new file."
)
TOO_MANY_PAGES = N_(
    "This PDF has more than 50 pages, and a signed contract has a few. Upload only the pages "
    "of the signed contract."
)
TOO_COMPLEX = N_(
    "This file is too complex to be checked in time. Print the signed contract to PDF or scan "
    "it, and upload that file."
)
PACKED_TOO_LARGE = N_(
    "This PDF unpacks to more than 50 MB, far more than a scanned contract. Scan the signed "
    "contract again at 200 dpi and upload the new file."
)
ACTIVE_CONTENT = N_(
    "This PDF contains active content (scripts or actions that open other files or send data). "
    "Print the signed contract to PDF or scan it, and upload that file."
)
ATTACHED_FILES = N_(
    "This PDF contains attached files. Print the signed contract to PDF or scan it, and upload "
    "that file."
)
XFA_FORM = N_(
    "This PDF is an interactive (XFA) form. Print the signed contract to PDF or scan it, and "
    "upload that file."
)
WEB_CODE = N_(
    "This file contains web page code (HTML or a script). Print the signed contract to PDF or "
    "scan it, and upload that file."
)
EXTRA_DATA = N_(
    "This file has extra data after its end, which a scanner does not write. Print the signed "
    "contract to PDF or scan it again, and upload that file."
)
# What the inspection process may answer, by position: it sends an index, never text or pickle.
INSPECTION_REFUSALS = (
    BROKEN_PDF,
    ENCRYPTED_PDF,
    EMPTY_PDF,
    BROKEN_IMAGE,
    TOO_MANY_PIXELS,
    TOO_MANY_PAGES,
    PACKED_TOO_LARGE,
    ACTIVE_CONTENT,
    ATTACHED_FILES,
    XFA_FORM,
    WEB_CODE,
    EXTRA_DATA,
)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DetectedType:
    content_type: str


PDF = DetectedType("application/pdf")
PNG = DetectedType("image/png")
JPEG = DetectedType("image/jpeg")

_MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))


@dataclass(frozen=True)
class Refusal:
    """Why an upload was refused, as a message id to show in the user's language."""

    message_id: str

    def message(self, language: str) -> str:
        return translate_to(language, self.message_id)


@dataclass(frozen=True)
class Accepted:
    """An upload judged fit: its type and the bytes to keep (an image re-encoded)."""

    detected: DetectedType
    data: bytes


def detected_type(data: bytes) -> DetectedType | None:
    """The type the magic bytes at the start say; nothing else counts."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def check_upload(data: bytes) -> Accepted | Refusal:
    """What to keep of `data`, or why it is refused. Never raises, whatever the bytes.

    Blocks for up to `CHECK_SECONDS` (plus the wait for a free check): call it off the event
    loop. The waiting thread holds no GIL, so other requests go on meanwhile."""
    if not data:
        return Refusal(EMPTY)
    if len(data) > MAX_UPLOAD_BYTES:
        return Refusal(TOO_LARGE)
    detected = detected_type(data)
    if detected is None:
        return Refusal(NOT_ACCEPTED)
    with _checks_at_once:
        return _inspect_apart(data, detected)


_checks_at_once = threading.BoundedSemaphore(CHECKS_AT_ONCE)
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
# -E -s: no PYTHON* variables, no user site: only the app's own code and packages.
_INSPECTION = (sys.executable, "-E", "-s", "-m", "storage.documents.inspection")


def _inspect_apart(data: bytes, detected: DetectedType) -> Accepted | Refusal:
    """`storage.documents.inspection` in a process of its own, killed at the time limit."""
    try:
        done = subprocess.run(
            _INSPECTION,
            input=data,
            capture_output=True,
            timeout=CHECK_SECONDS,
            cwd=_PROJECT_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed it
        return Refusal(TOO_COMPLEX)
    verdict = _verdict(done.stdout, data, detected) if done.returncode == 0 else None
    if verdict is None:  # killed by its memory limit, or a crash in a decoder
        logger.warning("upload inspection ended with %s: %r", done.returncode, done.stderr[-500:])
        return Refusal(TOO_COMPLEX)
    return verdict


def _verdict(answer: bytes, data: bytes, detected: DetectedType) -> Accepted | Refusal | None:
    """The inspection's answer, trusted only as far as it makes sense (None: it does not)."""
    header, _newline, body = answer.partition(b"\n")
    if header.startswith(b"refused ") and header[8:].isdigit():
        index = int(header[8:])
        return Refusal(INSPECTION_REFUSALS[index]) if index < len(INSPECTION_REFUSALS) else None
    if header != b"accepted":
        return None
    if detected is PDF:
        return Accepted(PDF, data)  # kept as uploaded, byte for byte
    return Accepted(detected, body) if detected_type(body) is detected else None
