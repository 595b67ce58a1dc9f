"""Why a spreadsheet of lines is refused: message ids (English, marked with ``N_``) that say
what to do, with the few values they show."""

from dataclasses import dataclass, field

from domain.texts import N_

MAX_FILE_BYTES = 5 * 1024 * 1024  # 1,000 rows of the template are about 100 KB as XLSX

EMPTY_FILE = N_("This file is empty. Fill in the template and upload it again.")
TOO_LARGE = N_(
    "This file is larger than 5 MB, far more than 1,000 lines take. Keep only the lines to "
    "add, in the template, and upload it again."
)
NOT_A_SHEET = N_(
    "This file is not an Excel workbook (.xlsx) or a CSV file that can be read. Save the "
    "template as .xlsx or CSV and upload that file."
)
OLD_EXCEL = N_(
    "This is an older Excel file (.xls or .xlsb) or a protected workbook. Save it without a "
    "password as an Excel workbook (.xlsx) or as CSV, and upload that file."
)
MACROS = N_(
    "This workbook contains macros, which are never run here. Save it as an Excel workbook "
    "without macros (.xlsx) or as CSV, and upload that file."
)
EXTERNAL_LINKS = N_(
    "This workbook links to other files or data sources. Copy the cells, paste them as values "
    "in the template, and upload that file."
)
FORMULAS = N_(
    "This file contains a formula (in cell {cell}), which is never computed here. Copy the "
    "cells, paste them as values, and upload the file again."
)
PACKED_TOO_LARGE = N_(
    "This workbook unpacks to more than 50 MB, far more than 1,000 lines take. Copy the lines "
    "into the template and upload that file."
)
TOO_MANY_ROWS = N_(
    "This file has more than {rows} lines. Split it into files of at most {rows} lines and "
    "upload them one at a time."
)
TOO_COMPLEX = N_(
    "This file could not be read in time. Copy the lines into the template, save it, and "
    "upload that file."
)
NO_HEADER = N_(
    "The first row does not have the template's column names. Download the template, copy "
    "your lines into it under its first row, and upload it."
)
NO_LINES = N_("This file has no line under its first row. Add the lines and upload it again.")

REFUSALS = frozenset(
    {
        EMPTY_FILE,
        TOO_LARGE,
        NOT_A_SHEET,
        OLD_EXCEL,
        MACROS,
        EXTERNAL_LINKS,
        FORMULAS,
        PACKED_TOO_LARGE,
        TOO_MANY_ROWS,
        TOO_COMPLEX,
        NO_HEADER,
        NO_LINES,
    }
)


@dataclass(frozen=True)
class SheetRefusal:
    """Why the file was refused: a message id and its values (a cell's name, a count)."""

    message_id: str
    params: dict[str, str | int] = field(default_factory=dict)
