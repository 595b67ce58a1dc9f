"""Reading a spreadsheet of lines, run as a process of its own by `storage.bulk.sheets`:
``python -m storage.bulk.reading`` reads the file on stdin and answers one line of JSON on
stdout: ``{"rows": [[row number, [cell texts], {position: note}], ...]}`` (the header row
first) or ``{"refused": message id, "params": {...}}``.

A process of its own because openpyxl is pure Python (it holds the GIL while it parses) and a
hostile file is made to be slow or large: the parent kills it at the time limit, and here a
memory limit keeps a zip bomb from doing more. Nothing in a file is ever evaluated: a formula
is refused, not computed; macros, linked workbooks and data connections are refused.
"""

import csv
import datetime
import io
import json
import re
import resource
import sys
import zipfile
from collections.abc import Iterable, Iterator

from domain.bulk import CELL_MAX_LENGTH, EXCEL_DATE, EXCEL_LOST_DIGITS, MAX_ROWS
from storage.bulk.refusals import (
    EXTERNAL_LINKS,
    FORMULAS,
    MACROS,
    NOT_A_SHEET,
    OLD_EXCEL,
    PACKED_TOO_LARGE,
    TOO_MANY_ROWS,
    SheetRefusal,
)

MEMORY_LIMIT = 1024**3
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # 1,000 rows of the template unpack to about 1 MB
MAX_PARTS = 500  # a workbook has a few dozen parts
MAX_COLUMNS = 60  # the template has 24
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsb's and encrypted files' wrapper
_LOST_DIGITS = re.compile(r"\d(?:[.,]\d+)?[eE]\+\d+")  # how Excel writes 8.93201E+18
_AS_TEXT = re.compile(r'="(.*)"')  # ="0470123456": Excel's way to keep a number as text

Row = tuple[int, list[str], dict[int, str]]


def read_rows(data: bytes) -> list[Row] | SheetRefusal:
    """The rows of an XLSX or CSV file that are not empty, or why the file is refused."""
    if data.startswith(_OLE):
        return SheetRefusal(OLD_EXCEL)
    if data.startswith(_ZIP):
        return _xlsx_rows(data)
    text = _text(data)
    if text is None:
        return SheetRefusal(NOT_A_SHEET)
    return _limited(_csv_rows(text))


def _text(data: bytes) -> str | None:
    """UTF-8 with or without BOM; Excel's "CSV" on Belgian Windows writes cp1252."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _csv_rows(text: str) -> Iterator[Row]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        kept = [_csv_cell(cell, number, position) for position, cell in enumerate(cells)]
        yield number, [text for text, _ in kept], {i: n for i, (_, n) in enumerate(kept) if n}


def _csv_cell(cell: str, row: int, position: int) -> tuple[str, str]:
    cell = cell.strip()[: CELL_MAX_LENGTH + 1]
    if quoted := _AS_TEXT.fullmatch(cell):
        return quoted.group(1), ""
    if cell.startswith("="):
        raise _Refused(SheetRefusal(FORMULAS, {"cell": _cell_name(row, position)}))
    return cell, EXCEL_LOST_DIGITS if _LOST_DIGITS.fullmatch(cell) else ""


def _xlsx_rows(data: bytes) -> list[Row] | SheetRefusal:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return SheetRefusal(NOT_A_SHEET)
    refusal = _parts_refusal(archive, parts)
    if refusal is not None:
        return refusal
    import openpyxl  # here only: the CSV path and the parent need none of it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
        sheet = book.worksheets[0]
        return _limited(_sheet_rows(sheet.iter_rows(max_col=MAX_COLUMNS)))
    except (KeyError, ValueError, TypeError, IndexError, OSError, zipfile.BadZipFile):
        return SheetRefusal(NOT_A_SHEET)
    except SyntaxError:  # defusedxml refuses entities and DTDs as a ParseError
        return SheetRefusal(NOT_A_SHEET)


def _parts_refusal(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> SheetRefusal | None:
    """What the workbook's parts alone show: macros, links to other files, a zip bomb."""
    names = [part.filename.lower() for part in parts]
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        return SheetRefusal(NOT_A_SHEET)
    if any(name.endswith((".bin", ".xlsb")) or "vba" in name for name in names):
        return SheetRefusal(MACROS)
    if any(n.startswith("xl/externallinks/") or n == "xl/connections.xml" for n in names):
        return SheetRefusal(EXTERNAL_LINKS)
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        return SheetRefusal(PACKED_TOO_LARGE)
    content_types = archive.read("[Content_Types].xml").lower()
    if b"macroenabled" in content_types:
        return SheetRefusal(MACROS)
    return None


def _sheet_rows(rows: Iterable[tuple[object, ...]]) -> Iterator[Row]:
    for cells in rows:
        if not cells:
            continue
        number = int(getattr(cells[0], "row", 0) or 0)
        kept = [_xlsx_cell(cell) for cell in cells]
        yield number, [text for text, _ in kept], {i: n for i, (_, n) in enumerate(kept) if n}


def _xlsx_cell(cell: object) -> tuple[str, str]:
    """A cell as text, and what to say of it (a date Excel made, digits it lost)."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", "") == "f":
        name = str(getattr(cell, "coordinate", ""))
        raise _Refused(SheetRefusal(FORMULAS, {"cell": name}))
    if value is None:
        return "", ""
    if isinstance(value, bool):
        return ("true" if value else "false"), ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y"), EXCEL_DATE
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M"), EXCEL_DATE
    if isinstance(value, int):
        return str(value), ""
    if isinstance(value, float):
        return _figure(value)
    text = str(value).strip()[: CELL_MAX_LENGTH + 1]
    return text, EXCEL_LOST_DIGITS if _LOST_DIGITS.fullmatch(text) else ""


def _figure(value: float) -> tuple[str, str]:
    """A figure as Excel shows it; past 15 digits a double has lost the last ones."""
    if value.is_integer():
        text = str(int(value))
        return text, EXCEL_LOST_DIGITS if len(text) > 15 else ""
    return repr(value), ""


def _limited(rows: Iterator[Row]) -> list[Row] | SheetRefusal:
    """The rows with something in them: the header and at most MAX_ROWS lines."""
    kept: list[Row] = []
    try:
        for row in rows:
            if any(cell for cell in row[1]):
                kept.append(row)
                if len(kept) > MAX_ROWS + 1:
                    return SheetRefusal(TOO_MANY_ROWS, {"rows": MAX_ROWS})
    except _Refused as refused:
        return refused.refusal
    except csv.Error:
        return SheetRefusal(NOT_A_SHEET)
    return kept


def _cell_name(row: int, position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


class _Refused(Exception):
    def __init__(self, refusal: SheetRefusal) -> None:
        self.refusal = refusal


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no file
    outcome = read_rows(sys.stdin.buffer.read())
    if isinstance(outcome, SheetRefusal):
        answer: object = {"refused": outcome.message_id, "params": outcome.params}
    else:
        answer = {"rows": outcome}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
