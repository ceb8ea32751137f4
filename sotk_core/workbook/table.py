"""A declared table (spec.Sheet) found in a sheet and parsed into a frame, with issues.

`read_table(book, sheet)` looks for the header among the first HEADER_SCAN_ROWS rows (a
two-row header under a merged group title too; names and aliases case-insensitively), keeps
the rows holding something and parses each mapped column by its kind. The frame has the
column keys plus `row` (the Excel row); None when the sheet is absent or unusable.

Two paths give the same frames and the same issues:

- columnar (`columns.py`): the sheet as Arrow text columns, masks over whole columns, text
  normalised once per distinct value, per-row issues only for the rows a mask flags;
- exact (`rows.py`): the sheet as Python rows with the cell types, value by value. It is
  used when the text rendering cannot say what a cell was (a date, TRUE, 1.234 typed as a
  number or as text) or when fastexcel cannot read the sheet.
"""

from __future__ import annotations

import pandas as pd

from sotk_core.base.issues import IssueList
from sotk_core.workbook import columns
from sotk_core.workbook.grid import Book, ParserFailed
from sotk_core.workbook.header import NeedExact, TableIssues
from sotk_core.workbook.rows import read_rows
from sotk_core.workbook.spec import Sheet


def read_table(book: Book, sheet: Sheet, actual: str | None = None) -> pd.DataFrame | None:
    """Parsed frame for one table sheet (column keys + 'row'), None if absent or unusable;
    every problem goes to `book.issues`."""
    actual = actual or book.find_sheet(sheet)
    if actual is None:
        if sheet.required:
            alias = f" (atau '{sheet.aliases[0]}')" if sheet.aliases else ""
            book.issues.error(book.file, sheet.name, None, None,
                              f"Sheet wajib '{sheet.name}'{alias} tidak ada di workbook.")
        return None
    try:
        grid = book.columns(actual)
    except ParserFailed:
        grid = False  # the exact reader names the problem
    if grid is None:  # refused, with its issue
        return None
    if grid is not False:
        found = IssueList()  # kept only if the columnar path decides the whole sheet
        try:
            frame = columns.read(grid, sheet, actual, TableIssues(found, book.file, actual))
        except NeedExact:
            pass
        else:
            book.issues.extend(found)
            return frame
    rows = book.rows(actual)
    if rows is None:
        return None
    return read_rows(rows, sheet, TableIssues(book.issues, book.file, actual))
