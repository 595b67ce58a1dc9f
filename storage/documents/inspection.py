"""The deep check of an upload, run as a process of its own by `checks.check_upload`:
``python -m storage.documents.inspection`` reads the file on stdin and answers on stdout
``refused <index into INSPECTION_REFUSALS>`` or ``accepted`` followed by the image re-encoded.

Its own process because pypdf is pure Python: it holds the GIL while it parses, and a hostile
PDF can keep it busy for minutes. The parent kills it at the time limit; here, limits on memory,
CPU time and written files keep a decoder's bug from doing more.
"""

import io
import math
import re
import resource
import struct
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageOps

from storage.documents.checks import (
    ACTIVE_CONTENT,
    ATTACHED_FILES,
    BROKEN_IMAGE,
    BROKEN_PDF,
    CHECK_SECONDS,
    EMPTY_PDF,
    ENCRYPTED_PDF,
    EXTRA_DATA,
    INSPECTION_REFUSALS,
    MAX_IMAGE_PIXELS,
    MAX_INFLATED_BYTES,
    MAX_PAGES,
    PACKED_TOO_LARGE,
    PDF,
    PNG,
    TOO_MANY_PAGES,
    TOO_MANY_PIXELS,
    WEB_CODE,
    XFA_FORM,
    Accepted,
    DetectedType,
    Refusal,
    detected_type,
)

if TYPE_CHECKING:
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

MEMORY_LIMIT = 2 * 1024**3  # address space: a 50-megapixel image decoded twice fits easily
# What a browser sniffs as a web page, anywhere in the bytes (a PDF/HTML polyglot).
_WEB_CODE = re.compile(rb"<(?:!doctype\s+html|html|head|body|script|iframe|svg)[\s>/]", re.I)
# Actions that run code, open or fetch other files, or send the document's data away.
_ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/Movie",
    "/Sound",
    "/RichMediaExecute",
}
_ACTIVE_SUBTYPES = {"/RichMedia", "/Movie", "/Sound", "/Screen"}
_PNG_END = b"IEND"


class _Refused(Exception):
    def __init__(self, message_id: str) -> None:
        super().__init__(message_id)
        self.message_id = message_id


def inspect(data: bytes) -> Accepted | Refusal:
    """The deep check of an upload whose magic bytes say PDF, PNG or JPEG."""
    detected = detected_type(data)
    if detected is None or _WEB_CODE.search(data):
        return Refusal(WEB_CODE)
    try:
        if detected is PDF:
            _check_pdf(data)
            return Accepted(PDF, data)
        return Accepted(detected, _reencoded(data, detected))
    except _Refused as refused:
        return Refusal(refused.message_id)


def _check_pdf(data: bytes) -> None:
    import pypdf  # here only: an image needs none of it

    end = data.rfind(b"%%EOF")
    if end < 0:
        raise _Refused(BROKEN_PDF)
    if data[end + 5 :].strip(b" \t\r\n\f\x00"):  # a web page or archive after the PDF's end
        raise _Refused(EXTRA_DATA)
    try:
        # No help program (jbig2dec) started from here.
        with pypdf.apply_configuration(jbig2dec_binary=None):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise _Refused(ENCRYPTED_PDF)
            _check_pages(reader)
            _check_objects(reader)
    except _Refused:
        raise
    except Exception:  # pypdf raises many kinds on hostile input; all mean "cannot be read"
        raise _Refused(BROKEN_PDF) from None


def _check_pages(reader: "PdfReader") -> None:
    import pypdf
    from pypdf.errors import LimitReachedError

    try:
        with pypdf.apply_configuration(page_tree_maximum_entries=MAX_PAGES * 20):
            count = len(reader.pages)
    except LimitReachedError:
        raise _Refused(TOO_MANY_PAGES) from None
    if count == 0:
        raise _Refused(EMPTY_PDF)
    if count > MAX_PAGES:
        raise _Refused(TOO_MANY_PAGES)
    # Resolving each page object makes a file cut off after its header fail here.
    _boxes = [page.mediabox for page in reader.pages]


def _check_objects(reader: "PdfReader") -> None:
    """Every object of the file, reachable or not: no active content, bounded unpacking."""
    from pypdf.generic import DictionaryObject, StreamObject

    inflated = 0
    for found in _every_object(reader):
        for dictionary in _direct_parts(found, DictionaryObject):
            _check_dictionary(dictionary)
        if isinstance(found, StreamObject):
            inflated += _inflated_size(found, MAX_INFLATED_BYTES - inflated)


def _every_object(reader: "PdfReader") -> Iterator[Any]:
    from pypdf.generic import IndirectObject

    yield reader.trailer
    numbered = {(n, g) for g, numbers in reader.xref.items() for n in numbers}
    numbered |= {(n, 0) for n in reader.xref_objStm}
    for number, generation in sorted(numbered):
        found = IndirectObject(number, generation, reader).get_object()
        if found is not None:
            yield found


def _direct_parts(found: Any, kind: type) -> Iterator[Any]:
    """The dictionaries in `found` itself and nested in it (references are objects of their own)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    stack = [found]
    while stack:
        part = stack.pop()
        if isinstance(part, DictionaryObject):
            yield part
            stack.extend(dict.values(part))
        elif isinstance(part, ArrayObject):
            stack.extend(list.__iter__(part))


def _check_dictionary(dictionary: Any) -> None:
    from pypdf.generic import IndirectObject

    def named(key: str) -> Any:  # a reference is followed, as a viewer would
        value = dict.get(dictionary, key)
        return value.get_object() if isinstance(value, IndirectObject) else value

    keys = set(dictionary)
    subtype = named("/Subtype")
    if keys & {"/JS", "/JavaScript"} or named("/S") in _ACTIVE_ACTIONS:
        raise _Refused(ACTIVE_CONTENT)
    if subtype in _ACTIVE_SUBTYPES:
        raise _Refused(ACTIVE_CONTENT)
    if keys & {"/EmbeddedFiles", "/EF"} or "/FileAttachment" in (subtype, named("/Type")):
        raise _Refused(ATTACHED_FILES)
    if named("/Type") == "/EmbeddedFile":
        raise _Refused(ATTACHED_FILES)
    if "/XFA" in keys:
        raise _Refused(XFA_FORM)


def _inflated_size(stream: "StreamObject", budget: int) -> int:
    """What the stream unpacks to; refused once the file's budget is spent."""
    import pypdf
    from pypdf.errors import LimitReachedError

    bound = max(budget, 0) + 1
    limits = {
        name: bound
        for name in (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "brotli_maximum_output_length",
            "array_based_stream_maximum_output_length",
        )
    }
    try:
        with pypdf.apply_configuration(None, **limits):
            size = len(stream.get_data())
    except LimitReachedError:
        raise _Refused(PACKED_TOO_LARGE) from None
    stream.decoded_self = None  # not kept: the next stream has the memory
    if size > budget:
        raise _Refused(PACKED_TOO_LARGE)
    return size


def _reencoded(data: bytes, detected: DetectedType) -> bytes:
    """The picture alone, encoded afresh: no metadata, nothing after it, turned upright."""
    if detected is PNG:
        _check_png_end(data)
    formats = ["PNG"] if detected is PNG else ["JPEG"]
    try:
        # Opening reads only the header, so the pixel count is known before anything is decoded.
        with Image.open(io.BytesIO(data), formats=formats) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise _Refused(TOO_MANY_PIXELS)
            image.verify()  # checksums and structure, without decoding
        with Image.open(io.BytesIO(data), formats=formats) as image:
            image.load()  # verify() does not decode: a truncated image only fails here
            upright = ImageOps.exif_transpose(image)  # the orientation tag goes with the EXIF
            return _encoded(upright, detected, image.info.get("transparency"))
    except _Refused:
        raise
    except Image.DecompressionBombError:  # Pillow's own limit, hit while reading the header
        raise _Refused(TOO_MANY_PIXELS) from None
    except Exception:  # Pillow raises many kinds on hostile input; all mean "cannot be read"
        raise _Refused(BROKEN_IMAGE) from None


def _encoded(image: Image.Image, detected: DetectedType, transparency: Any) -> bytes:
    image.info = {} if transparency is None else {"transparency": transparency}
    buffer = io.BytesIO()
    if detected is PNG:
        image.save(buffer, "PNG")
    else:
        kept = image if image.mode in {"L", "RGB", "CMYK"} else image.convert("RGB")
        kept.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _check_png_end(data: bytes) -> None:
    """Chunk by chunk to IEND: anything after it rides along unseen by an image viewer."""
    position = 8  # after the signature
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        position += 12 + length  # length, type, data, CRC
        if kind == _PNG_END:
            if len(data) > position:
                raise _Refused(EXTRA_DATA)
            return
    raise _Refused(BROKEN_IMAGE)


def _limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    cpu = math.ceil(CHECK_SECONDS) + 1  # the parent kills it first; this is in case it cannot
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no file


def main() -> None:
    _limit_resources()
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    verdict = inspect(sys.stdin.buffer.read())
    answer = sys.stdout.buffer
    if isinstance(verdict, Refusal):
        answer.write(b"refused %d\n" % INSPECTION_REFUSALS.index(verdict.message_id))
    else:
        answer.write(b"accepted\n" + (b"" if verdict.detected is PDF else verdict.data))
    answer.flush()


if __name__ == "__main__":
    main()
