"""A spreadsheet of lines as the domain's rows: the file read in a process of its own
(`storage.bulk.reading`, killed at the time limit), its first row matched to the template's
columns in any of the three languages."""

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

from domain.bulk import (
    CELL_MAX_LENGTH,
    MAX_ROWS,
    READING_NOTES,
    Column,
    SheetRow,
    Vocabulary,
    word_key,
)
from storage.bulk.refusals import (
    EMPTY_FILE,
    MAX_FILE_BYTES,
    NO_HEADER,
    NO_LINES,
    REFUSALS,
    TOO_COMPLEX,
    TOO_LARGE,
    SheetRefusal,
)

READ_SECONDS = 10.0  # 1,000 rows of XLSX are read in well under a second
READS_AT_ONCE = 2
logger = logging.getLogger(__name__)
_reads_at_once = threading.BoundedSemaphore(READS_AT_ONCE)
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_READING = (sys.executable, "-E", "-s", "-m", "storage.bulk.reading")


def read_sheet(data: bytes, vocabulary: Vocabulary) -> list[SheetRow] | SheetRefusal:
    """The file's lines, each with its cells by column, or why it is refused. Blocks up to
    READ_SECONDS: call it off the event loop."""
    if not data:
        return SheetRefusal(EMPTY_FILE)
    if len(data) > MAX_FILE_BYTES:
        return SheetRefusal(TOO_LARGE)
    with _reads_at_once:
        answer = _read_apart(data)
    if isinstance(answer, SheetRefusal):
        return answer
    return _lines(answer, vocabulary)


def _read_apart(data: bytes) -> list[list[object]] | SheetRefusal:
    try:
        done = subprocess.run(
            _READING, input=data, capture_output=True, timeout=READ_SECONDS, cwd=_PROJECT_ROOT
        )
    except subprocess.TimeoutExpired:
        return SheetRefusal(TOO_COMPLEX)
    answer = _answer(done.stdout) if done.returncode == 0 else None
    if answer is None:  # its memory limit, or a crash
        logger.warning("sheet reading ended with %s: %r", done.returncode, done.stderr[-500:])
        return SheetRefusal(TOO_COMPLEX)
    return answer


def _answer(output: bytes) -> list[list[object]] | SheetRefusal | None:
    """The reading's answer, trusted only as far as it makes sense (None: it does not)."""
    try:
        answer = json.loads(output)
    except ValueError:
        return None
    if not isinstance(answer, dict):
        return None
    if answer.get("refused") in REFUSALS:
        params = answer.get("params") or {}
        shown = {str(k)[:20]: v for k, v in params.items() if isinstance(v, str | int)}
        return SheetRefusal(
            str(answer["refused"]),
            {k: v if isinstance(v, int) else v[:20] for k, v in shown.items()},
        )
    rows = answer.get("rows")
    if not isinstance(rows, list) or not all(
        isinstance(row, list) and len(row) == 3 for row in rows
    ):
        return None
    return rows


def _lines(rows: list[list[object]], vocabulary: Vocabulary) -> list[SheetRow] | SheetRefusal:
    if not rows:
        return SheetRefusal(NO_LINES)
    columns = _header(rows[0], vocabulary)
    if not columns:
        return SheetRefusal(NO_HEADER)
    lines = [_line(row, columns) for row in rows[1 : MAX_ROWS + 1]]
    return lines or SheetRefusal(NO_LINES)


def _header(row: list[object], vocabulary: Vocabulary) -> dict[int, Column]:
    """Which column each position holds; a position no column names is left out."""
    texts = row[1] if isinstance(row[1], list) else []
    found: dict[int, Column] = {}
    for position, text in enumerate(texts):
        column = vocabulary.headers.get(word_key(str(text)))
        if column is not None and column not in found.values():
            found[position] = column
    return found


def _line(row: list[object], columns: dict[int, Column]) -> SheetRow:
    number, texts, notes = row
    cells = texts if isinstance(texts, list) else []
    noted = notes if isinstance(notes, dict) else {}
    by_column = {
        column.value: str(cells[position])[: CELL_MAX_LENGTH + 1]
        for position, column in columns.items()
        if position < len(cells) and cells[position] != ""
    }
    kept_notes = {
        columns[int(position)].value: note
        for position, note in noted.items()
        if str(position).isdigit() and int(position) in columns and note in READING_NOTES
    }
    return SheetRow(int(number) if isinstance(number, int) else 0, by_column, kept_notes)
