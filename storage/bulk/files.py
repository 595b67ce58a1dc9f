"""The files a fleet manager downloads: the template (XLSX with a list on every choice column,
or CSV as Excel writes it in Belgium), and a sheet's result (each row with its order's
reference or why it was not sent), in the fleet manager's language.

Nothing written here can run in a spreadsheet: every cell is written as text (XLSX) or, in
CSV, a cell that would start a formula is prefixed with an apostrophe (OWASP's CSV injection).
"""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from domain.bulk import FILE_COLUMNS, MAX_ROWS, Column, allowed_values
from domain.context import FleetContext
from domain.texts import N_
from locales import translate_to

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
LINES_SHEET = N_("Lines")
LISTS_SHEET = N_("Lists")
RESULT = N_("Result")
OPTIONS_HELP = N_("One or more options, separated by commas.")
LIST_ONLY = N_("Choose a value of the list.")
_FORMULA_STARTS = ("=", "@", "\t", "\r")


def headers(language: str) -> list[str]:
    return [translate_to(language, column.label) for column in FILE_COLUMNS]


def template_xlsx(language: str, context: FleetContext) -> bytes:
    """The template: the column names, and on each choice column a list of its values (kept
    on a second, hidden sheet) for the first 1,000 lines."""
    book = Workbook()
    lines = book.active
    assert isinstance(lines, Worksheet)
    lines.title = translate_to(language, LINES_SHEET)[:31]
    _header_row(lines, headers(language))
    lists = book.create_sheet(translate_to(language, LISTS_SHEET)[:31])
    lists.sheet_state = "hidden"
    for position, column in enumerate(FILE_COLUMNS, 1):
        values = [translate_to(language, value) for value in allowed_values(column, context)]
        if values:
            _list_column(lines, lists, position, column, values, language)
    return _saved(book)


def _header_row(sheet: Worksheet, names: Sequence[str]) -> None:
    sheet.append(list(names))
    for position, name in enumerate(names, 1):
        sheet.cell(1, position).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(position)].width = max(14, min(len(name) + 2, 40))
    sheet.freeze_panes = "A2"


def _list_column(
    lines: Worksheet,
    lists: Worksheet,
    position: int,
    column: Column,
    values: list[str],
    language: str,
) -> None:
    """The values in the hidden sheet's column, and a list on the lines' column that takes
    them (options: a reminder only, as a cell holds several)."""
    letter = get_column_letter(position)
    lists.cell(1, position, translate_to(language, column.label))
    for row, value in enumerate(values, 2):
        _text_cell(lists.cell(row, position), value)
    source = f"'{lists.title}'!${letter}$2:${letter}${len(values) + 1}"
    if column is Column.OPTIONS:
        check = DataValidation(showErrorMessage=False, showInputMessage=True)
        check.prompt = translate_to(language, OPTIONS_HELP)
    else:
        check = DataValidation(
            type="list", formula1=source, allow_blank=True, showErrorMessage=True
        )
        check.error = translate_to(language, LIST_ONLY)
    check.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    lines.add_data_validation(check)


def template_csv(language: str) -> bytes:
    """The column names, as Excel writes CSV in Belgium: UTF-8 with BOM, ";" between cells."""
    return _csv([headers(language)])


def result_xlsx(language: str, rows: Iterable[Sequence[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = translate_to(language, RESULT)[:31]
    _header_row(sheet, [translate_to(language, RESULT), *headers(language)])
    for number, row in enumerate(rows, 2):
        for position, text in enumerate(row, 1):
            _text_cell(sheet.cell(number, position), text)
    return _saved(book)


def result_csv(language: str, rows: Iterable[Sequence[str]]) -> bytes:
    return _csv([[translate_to(language, RESULT), *headers(language)], *rows])


def _text_cell(cell: Cell | MergedCell, text: str) -> None:
    """Text, even when it starts with "=": openpyxl would write a formula."""
    cell.value = text
    cell.data_type = "s"


def _csv(rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_inert(text) for text in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _inert(text: str) -> str:
    """A cell Excel would read as a formula, kept as text (a number like +32 470… is kept)."""
    risky = text.startswith(_FORMULA_STARTS) or (
        text[:1] in "+-" and len(text) > 1 and not text[1].isdigit() and text[1] != " "
    )
    return "'" + text if risky else text


def _saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
