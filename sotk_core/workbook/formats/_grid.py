"""The one place the other layouts get their cells from (the shared grid loader).

`load_book` returns every sheet of a workbook as absolute rows (row i is Excel row i + 1,
column 0 is column A), read behind the same guards as template v1. `peek_sheet_names` reads
only the sheet list, so a template-v1 workbook can be handed to `read_workbook` untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from sotk_core.base.issues import IssueList
from sotk_core.workbook.grid import PARSER_FAILURES, read_sheet_rows
from sotk_core.workbook.guard import peek_sheet_names
from sotk_core.workbook.reader import OpdWorkbook, _failed

__all__ = ["PARSER_FAILURES", "Book", "failed_workbook", "load_book", "peek_sheet_names"]


def failed_workbook(file: str, issues: IssueList) -> OpdWorkbook:
    """The empty workbook that carries a file's issues when it cannot be read."""
    return _failed(file, issues)


@dataclass(frozen=True)
class Book:
    """A workbook of another layout: its sheets in workbook order, rows padded from column A."""

    file: str
    sheets: dict[str, list[list]]

    def cell(self, sheet: str, row: int, col: int) -> object:
        rows = self.sheets[sheet]
        return rows[row][col] if row < len(rows) and col < len(rows[row]) else ""


def load_book(data: bytes, file: str, issues: IssueList) -> Book | None:
    """Every sheet's rows; None (with an issue naming the file) when it cannot be read."""
    sheets = read_sheet_rows(data, file, None, issues, absolute=True)
    return None if sheets is None else Book(file, sheets)
