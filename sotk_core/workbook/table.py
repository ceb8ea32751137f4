"""A declared table (spec.Sheet) found in a sheet and parsed into a frame, with issues.

`read_table(book, sheet)` looks for the header among the first HEADER_SCAN_ROWS rows (a
two-row header under a merged group title too; names and aliases case-insensitively), keeps
the rows holding something and parses each mapped column by its kind. The frame has the
column keys plus `row` (the Excel row); None when the sheet is absent or unusable.

Two paths give the same frames and the same issues:

- columnar (`columns.py`): the sheet as Arrow text columns, masks over whole columns, text
  normalised once per distinct value, per-row issues only for the rows a mask flags;
- exact (this module): the sheet as Python rows with the cell types, value by value. It is
  used when the text rendering cannot say what a cell was (a date, TRUE, 1.234 typed as a
  number or as text) or when fastexcel cannot read the sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sotk_core.base.issues import IssueList
from sotk_core.workbook import cells, rendering
from sotk_core.workbook.grid import Book, ParserFailed, Rows
from sotk_core.workbook.guard import Merged, column_letter
from sotk_core.workbook.spec import Column, Sheet, norm

HEADER_SCAN_ROWS = 15  # headers may sit under a title block


class NeedExact(Exception):
    """The columnar path cannot decide this sheet the way the exact path does."""


@dataclass(frozen=True)
class Header:
    rows: tuple[int, ...]  # Excel row(s) of the header: one, or two under a merged group title
    end: int  # index (in the rows scanned) of the last header row
    columns: dict[str, int]  # column key -> 0-based column index
    labels: list  # the header cells (both rows combined)

    @property
    def where(self) -> str:
        return "–".join(str(r) for r in self.rows)


def read_table(book: Book, sheet: Sheet, actual: str | None = None) -> pd.DataFrame | None:
    """Parsed frame for one table sheet (column keys + 'row'), None if absent or unusable;
    every problem goes to `book.issues`."""
    from sotk_core.workbook import columns as columnar

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
            frame = columnar.read(grid, sheet, actual, TableIssues(found, book.file, actual))
        except NeedExact:
            pass
        else:
            book.issues.extend(found)
            return frame
    rows = book.rows(actual)
    if rows is None:
        return None
    return read_rows(rows, sheet, TableIssues(book.issues, book.file, actual))


# --- shared by both paths -------------------------------------------------------------------

@dataclass(frozen=True)
class TableIssues:
    """Where a table's issues go, with the messages both paths share."""

    issues: IssueList
    file: str
    sheet: str

    def error(self, row: int | None, column: str | None, message: str) -> None:
        self.issues.error(self.file, self.sheet, row, column, message)

    def blank(self, row: int, col: Column) -> None:
        self.error(row, col.header, f"Kolom '{col.header}' kosong; wajib diisi.")

    def problem(self, row: int, col: Column, problem: str) -> None:
        self.error(row, col.header, f"Kolom '{col.header}' {problem}.")

    def check_range(self, arr: np.ndarray, rows: np.ndarray, col: Column,
                    blank_cell: np.ndarray) -> None:
        """Mandatory blanks, then each limit of the column, row by row. `arr` holds the
        parsed numbers (NaN when blank or not a number); `blank_cell` marks the blank cells."""
        blank = np.isnan(arr)
        if col.mandatory:
            for i in np.flatnonzero(blank & blank_cell):
                self.blank(int(rows[i]), col)
        with np.errstate(invalid="ignore"):
            checks: list[tuple[np.ndarray, str]] = []
            if col.strictly_positive:
                checks.append((arr <= 0, "harus lebih dari 0"))
            if col.minimum is not None:
                checks.append((arr < col.minimum, f"tidak boleh kurang dari {col.minimum:g}"))
            if col.maximum is not None:
                checks.append((arr > col.maximum, f"tidak boleh lebih dari {col.maximum:g}"))
            if col.kind == "int":
                checks.append((~blank & (arr != np.floor(arr)), "harus bilangan bulat"))
        for mask, text in checks:
            for i in np.flatnonzero(mask & ~blank):
                self.problem(int(rows[i]), col, f"bernilai {cells.fmt_cell(arr[i])}; {text}")


def locate_header(cells_: list[list], numbers: list[int] | range, sheet: Sheet,
                  out: TableIssues, textual: Callable[[list], bool]) -> Header | None:
    """The row among the first HEADER_SCAN_ROWS matching the most column names (`cells_[i]`
    is Excel row `numbers[i]`); `textual(row)` says whether a row holds only text."""
    best: Header | None = None
    for i, (n, row) in enumerate(zip(numbers, cells_, strict=False)):
        if n > HEADER_SCAN_ROWS:
            break
        found = match_columns(row, sheet)
        if found and (best is None or len(found) > len(best.columns)):
            best = Header((n,), i, found, row)
    required = [c for c in sheet.columns if c.required]
    if best is None:
        expected = ", ".join(c.header for c in required)
        out.error(None, None,
                  f"Judul kolom tidak ditemukan di {HEADER_SCAN_ROWS} baris teratas sheet "
                  f"'{out.sheet}'. Tulis judul kolom dalam satu baris di atas data (biasanya "
                  f"baris 1): {expected}.")
        return None
    best = _two_row_header(cells_, numbers, best, sheet, textual)
    for col in required:
        if col.key not in best.columns:
            alias = f" (atau: {', '.join(col.aliases)})" if col.aliases else ""
            out.error(best.rows[0], col.header,
                      f"Kolom wajib '{col.header}'{alias} tidak ditemukan pada baris judul "
                      f"(baris {best.where}) sheet '{out.sheet}'.")
    if any(c.key not in best.columns for c in required):
        return None
    return best


def _stack(upper: list, lower: list) -> list:
    """A two-row header read as one: the lower cell, or the upper one where the lower is empty."""
    width = max(len(upper), len(lower))
    upper = upper + [""] * (width - len(upper))
    lower = lower + [""] * (width - len(lower))
    return [up if cells.is_blank(lo) else lo for up, lo in zip(upper, lower, strict=True)]


def _two_row_header(cells_: list[list], numbers: list[int] | range, header: Header,
                    sheet: Sheet, textual: Callable[[list], bool]) -> Header:
    """A group title merged above sub-headers ('Beban Kerja' over 'Volume' and 'Periode')
    gives a two-row header; it is used when the rows together name more columns."""
    i, n = header.end, header.rows[0]
    options: list[tuple[int, tuple[int, int], list, list]] = []
    if i + 1 < len(cells_) and numbers[i + 1] == n + 1:
        below = cells_[i + 1]
        options.append((i + 1, (n, n + 1), _stack(header.labels, below), below))
    if i >= 1 and numbers[i - 1] == n - 1:
        above = cells_[i - 1]
        options.append((i, (n - 1, n), _stack(above, header.labels), above))
    best = header
    for end, rows, labels, other in options:
        found = match_columns(labels, sheet)
        if len(found) > len(best.columns) and textual(other):  # not a data row
            best = Header(rows, end, found, labels)
    return best


def match_columns(row: list, sheet: Sheet) -> dict[str, int]:
    """Column key -> index of the cells in `row` naming a column of `sheet` (first wins)."""
    keys = _names(sheet)
    found: dict[str, int] = {}
    for i, v in enumerate(row):
        if isinstance(v, str) and v:
            key = keys.get(norm(v.replace("*", "")))
            if key and key not in found:
                found[key] = i
    return found


_NAMES: dict[int, dict[str, str]] = {}


def _names(sheet: Sheet) -> dict[str, str]:
    keys = _NAMES.get(id(sheet))
    if keys is None:
        keys = _NAMES[id(sheet)] = {norm(n): c.key for c in sheet.columns for n in c.names}
    return keys


def merged_header_problems(merged: list[Merged] | tuple[Merged, ...], header: Header,
                           has_data: Callable[[int], bool], cell: Callable[[int, int], object],
                           out: TableIssues) -> None:
    """A header merged across columns leaves the columns right of the first without a name;
    data typed there would be silently ignored, so it is an error. `has_data(c)`: a kept row
    holds something in column c; `cell(r, c)`: the value at 0-based row r, column c."""
    used = set(header.columns.values())
    first, last = header.rows[0] - 1, header.rows[-1] - 1
    for (r0, c0), (r1, c1) in merged:
        if c1 <= c0 or r1 < first or r0 > last or c0 not in used:
            continue
        for c in range(c0 + 1, c1 + 1):
            if c in used or not has_data(c):
                continue
            title = cell(r0, c0)
            letter = column_letter(c)
            span = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
            out.error(header.rows[0], letter,
                      f"Judul '{title}' digabung (merge) di sel {span}, tetapi kolom {letter} di "
                      "bawahnya berisi data tanpa judul sendiri sehingga tidak terbaca. Pisahkan "
                      f"sel judul (Unmerge Cells) dan beri kolom {letter} judulnya sendiri.")


def absent_column(col: Column, n: int) -> object:
    """An optional column the sheet lacks: its default (NaN for numbers) on every row."""
    return np.full(n, np.nan) if col.kind == "number" else [col.default] * n


# --- the exact path: Python rows, value by value --------------------------------------------

def _has_value(row: list) -> bool:
    """Any cell holding something: a number (0 too), a date, or text that is not only spaces."""
    for v in row:
        if v.__class__ is str:
            if v and not v.isspace():
                return True
        elif v is not None:
            return True
    return False


def _all_text(row: list) -> bool:
    return all(isinstance(v, str) for v in row)


def _rendered_text(row: list) -> bool:
    if any(rendering.may_not_be_text(v) for v in row):
        raise NeedExact
    return True


def read_rows(grid: Rows, sheet: Sheet, out: TableIssues, rendered: bool = False
              ) -> pd.DataFrame | None:
    """The table from Python rows. `rendered`: the cells are fastexcel's text renderings
    (a short sheet from the columnar path); raises NeedExact where they hide a cell type."""
    header = locate_header(grid.cells, grid.numbers, sheet, out,
                           _rendered_text if rendered else _all_text)
    if header is None:
        return None
    colmap = header.columns
    width = max(colmap.values()) + 1
    first = min(colmap.values())
    rows = grid.cells
    # a row counts when a cell in the used columns holds something (0 counts, spaces do
    # not); the first used cell decides for almost every row without a call
    keep = [i for i in range(header.end + 1, len(rows))
            if (v := rows[i][first]) != "" and (v.__class__ is not str or not v.isspace())
            or _has_value(rows[i][:width])]
    if grid.merged:
        index_of = {n: i for i, n in enumerate(grid.numbers) if n <= header.rows[-1]}

        def cell(r: int, c: int) -> object:
            row = rows[index_of[r + 1]] if r + 1 in index_of else []
            value = row[c] if c < len(row) else ""
            if rendered and rendering.may_not_be_text(value):
                raise NeedExact
            return value

        merged_header_problems(grid.merged, header, lambda c: any(
            c < len(rows[i]) and not cells.is_blank(rows[i][c]) for i in keep), cell, out)
    numbers = grid.numbers
    excel_rows = (np.asarray(keep, dtype="int64") + 1 if isinstance(numbers, range)
                  else np.asarray(numbers, dtype="int64")[keep])
    frame: dict[str, object] = {"row": excel_rows}
    for col in sheet.columns:
        if col.key not in colmap:
            frame[col.key] = absent_column(col, len(keep))
            continue
        ci = colmap[col.key]
        values = [rows[i][ci] for i in keep]  # rows are rectangular, ci < width
        if rendered and any(rendering.hides_type(v, col.kind) for v in values):
            raise NeedExact
        frame[col.key] = _parse_values(values, excel_rows, col, out)
    return pd.DataFrame(frame)


def _parse_values(values: list, rows: np.ndarray, col: Column, out: TableIssues) -> object:
    if col.kind in ("number", "int"):
        if all(type(v) is float for v in values):  # fast path: real numeric cells
            arr = np.asarray(values, dtype="float64")
        else:
            arr = np.full(len(values), np.nan)
            for i, v in enumerate(values):
                if cells.is_blank(v):
                    continue
                num, problem = cells.parse_number(v)
                if problem:
                    out.problem(int(rows[i]), col, problem)
                else:
                    arr[i] = num
        blank_cell = np.zeros(len(values), dtype=bool)
        for i in np.flatnonzero(np.isnan(arr)):
            blank_cell[i] = cells.is_blank(values[i])
        out.check_range(arr, rows, col, blank_cell)
        return arr
    parser = value_parser(col)
    result: list[object] = [None] * len(values)
    seen: dict[tuple[type, object], tuple[object, str | None]] = {}  # repeated values
    for i, v in enumerate(values):
        key = (v.__class__, v)
        hit = seen.get(key)
        if hit is None:
            hit = (None, "") if cells.is_blank(v) else parser(v)
            seen[key] = hit
        parsed, problem = hit
        if problem == "":  # blank
            if col.mandatory:
                out.blank(int(rows[i]), col)
            result[i] = col.default
            continue
        if problem:
            out.problem(int(rows[i]), col, problem)
        result[i] = parsed
    return result


def value_parser(col: Column) -> Callable[[object], tuple[object, str | None]]:
    """The cells.parse_* function for a text, code or enum column."""
    if col.kind == "enum":
        choices = col.choices

        def parse_choice(v: object) -> tuple[object, str | None]:
            return cells.parse_enum(v, choices)
        return parse_choice
    return cells.parse_code if col.kind == "code" else cells.parse_text
