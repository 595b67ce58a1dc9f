"""Content checks for an uploaded scan: what the bytes are, never what the name or browser says.

Accepted: a PDF that parses, is not encrypted and has a page; a PNG or JPEG that decodes and has
at most `MAX_IMAGE_PIXELS` pixels; at most `MAX_UPLOAD_BYTES` in all. Anything else is refused
with a message id (English, marked with `N_`) that tells the user what to do.
"""

import io
from dataclasses import dataclass

from PIL import Image

from domain.texts import N_
from locales import translate_to

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# An A4 page scanned at 600 dpi is about 35 million pixels; a decoded RGB image of this size
# takes 150 MB, which is as much memory as one check may use.
MAX_IMAGE_PIXELS = 50_000_000

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


def check_upload(data: bytes) -> DetectedType | Refusal:
    """The detected type of `data`, or why it is refused. Never raises, whatever the bytes."""
    if not data:
        return Refusal(EMPTY)
    if len(data) > MAX_UPLOAD_BYTES:
        return Refusal(TOO_LARGE)
    detected = next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)
    if detected is None:
        return Refusal(NOT_ACCEPTED)
    problem = _check_pdf(data) if detected is PDF else _check_image(data, detected)
    return problem or detected


def _check_pdf(data: bytes) -> Refusal | None:
    import pypdf  # imported on first use: it adds half a second to start-up

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return Refusal(ENCRYPTED_PDF)
        if len(reader.pages) == 0:
            return Refusal(EMPTY_PDF)
        # Resolving each page object makes a file cut off after its header fail here.
        _boxes = [page.mediabox for page in reader.pages]
    except Exception:  # pypdf raises many kinds on hostile input; all mean "cannot be read"
        return Refusal(BROKEN_PDF)
    return None


def _check_image(data: bytes, detected: DetectedType) -> Refusal | None:
    formats = ["PNG"] if detected is PNG else ["JPEG"]
    try:
        # Opening reads only the header, so the pixel count is known before anything is decoded.
        with Image.open(io.BytesIO(data), formats=formats) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return Refusal(TOO_MANY_PIXELS)
            image.verify()  # checksums and structure, without decoding
        with Image.open(io.BytesIO(data), formats=formats) as image:
            image.load()  # verify() does not decode: a truncated image only fails here
    except Image.DecompressionBombError:  # Pillow's own limit, hit while reading the header
        return Refusal(TOO_MANY_PIXELS)
    except Exception:  # Pillow raises many kinds on hostile input; all mean "cannot be read"
        return Refusal(BROKEN_IMAGE)
    return None
