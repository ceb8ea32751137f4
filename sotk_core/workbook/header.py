"""What both table readers share: the header search in the first rows (two-row headers under
a merged group title, names and aliases matched case-insensitively), the merged-header check,
the range checks of number columns and the wording of every table message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sotk_core.base.issues import IssueList
from sotk_core.workbook import cells
from sotk_core.workbook.guard import Merged, clip_merged, column_letter
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
                           out: TableIssues, width: int | None = None) -> None:
    """A header merged across columns leaves the columns right of the first without a name;
    data typed there would be silently ignored, so it is an error. `has_data(c)`: a kept row
    holds something in column c; `cell(r, c)`: the value at 0-based row r, column c. Ranges
    are cut at the sheet's `width` and looked at once each, every column at most once: 2,000
    copies of A1:XFD1 over seven columns cost seven looks, not 32 million."""
    used = set(header.columns.values())
    first, last = header.rows[0] - 1, header.rows[-1] - 1
    filled: dict[int, bool] = {}
    ranges = clip_merged(merged, width) if width is not None else sorted(set(merged))
    for (r0, c0), (r1, c1) in ranges:
        if c1 <= c0 or r1 < first or r0 > last or c0 not in used:
            continue
        for c in range(c0 + 1, c1 + 1):
            if c in used:
                continue
            if c not in filled:
                filled[c] = has_data(c)
            if not filled[c]:
                continue
            filled[c] = False  # one message per column
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


def value_parser(col: Column) -> Callable[[object], tuple[object, str | None]]:
    """The cells.parse_* function for a text, code or enum column."""
    if col.kind == "enum":
        choices = col.choices

        def parse_choice(v: object) -> tuple[object, str | None]:
            return cells.parse_enum(v, choices)
        return parse_choice
    return cells.parse_code if col.kind == "code" else cells.parse_text
