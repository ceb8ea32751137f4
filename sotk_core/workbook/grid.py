"""The one guarded grid loader: every workbook reader gets its sheets from here.

`open_book(data, file, issues)` runs the container checks (guard.py) and opens the workbook;
the `Book` then hands out sheets, each refused with an Indonesian issue when its cell
rectangle is past guard.MAX_SHEET_CELLS or it holds more than MAX_DATA_ROWS filled rows:

- `book.columns(name)` — the sheet as columns of text (Arrow, fastexcel): every cell as the
  parser renders it as text, rows and columns counted from A1. The fast path for big tables;
  `table.read_table` locates the header in it and parses only the mapped columns.
- `book.rows(name)` — the sheet as a list of row lists of Python values (python-calamine),
  padded from A1, with the exact cell types (float, str, date, bool). For small sheets read
  by label, and the exact path of `read_table` when the text rendering is ambiguous.

Both parsers are opened lazily, each at most once per workbook: a clean workbook is parsed by
fastexcel alone.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import fastexcel
import numpy as np
import python_calamine as pc

from sotk_core.base.fmt import fmt_num
from sotk_core.base.issues import Issue, IssueList
from sotk_core.workbook.guard import Container, Merged, UnreadableSheet, check_container
from sotk_core.workbook.spec import Sheet, norm

# A panic inside the Rust parser surfaces as pyo3's PanicException, a BaseException: catch it
# too, so even that becomes an issue instead of a traceback.
PANIC = next((c for c in BaseException.__subclasses__() if c.__name__ == "PanicException"),
             Exception)
PARSER_FAILURES = (Exception, PANIC)
STREAM_ROWS = 100_000  # taller sheets are read row by row on the exact path
MAX_DATA_ROWS = 500_000  # per sheet; past this the sheet is refused, memory stays bounded


class ParserFailed(Exception):
    """fastexcel could not read a sheet; the exact reader (python-calamine) names why."""


@dataclass(frozen=True)
class Columns:
    """One sheet as text columns: `cells[c]` is column c (0 = A) as an Arrow string array of
    `height` rows from Excel row 1; None for a column without any cell."""

    cells: list[object]  # pyarrow.StringArray | None
    height: int
    merged: tuple[Merged, ...] | None  # None: unknown (the exact reader must decide)

    @property
    def width(self) -> int:
        return len(self.cells)


@dataclass(frozen=True)
class Rows:
    """One sheet's rows as Python values: `cells[i]` is Excel row `numbers[i]` (every row from
    1 when read whole, only the non-empty ones when streamed), and its merged ranges."""

    cells: list[list]
    numbers: Sequence[int]
    merged: list[Merged]


@dataclass(frozen=True)
class Parsed:
    """What the parser gave for one sheet: text columns by absolute index, and the height."""

    cells: list[object]  # pyarrow.StringArray | None
    height: int


@dataclass(frozen=True)
class Opened:
    """What the command line's first reading stage (prefetch.py) did for one upload, in its
    own process: the container checks with the sheets they measure (`rule`) and the issues
    they gave, and the sheets it parsed. `container` holds no copy of the upload."""

    file: str
    crc: int  # zlib.crc32 of the upload: what the stage opened is taken by these bytes only
    rule: Callable[[str], bool] | None
    container: Container
    issues: tuple[Issue, ...]
    sheets: Mapping[str, Parsed]


_OPENED: ContextVar[Opened | None] = ContextVar("sotk_opened", default=None)


@contextmanager
def already_opened(opened: Opened | None) -> Iterator[None]:
    """Within the block, `open_book` on the same upload (file name, bytes and sheet rule)
    takes `opened` instead of checking and parsing again."""
    token = _OPENED.set(opened)
    try:
        yield
    finally:
        _OPENED.reset(token)


class Book:
    """A workbook that passed the container checks, with its sheets on demand."""

    def __init__(self, data: bytes, file: str, issues: IssueList, container: Container,
                 ready: Mapping[str, Parsed] | None = None) -> None:
        self.file = file
        self.issues = issues
        self.container = container
        self._data = container.data or data
        self._pc: pc.CalamineWorkbook | None = None
        self._ready: dict[str, Parsed] = dict(ready or {})  # parsed by the first stage
        self._fx: fastexcel.ExcelReader | None
        try:
            self._fx = fastexcel.read_excel(self._data)
            self.sheet_names: list[str] = self._fx.sheet_names
        except PARSER_FAILURES:  # the exact reader opens it, or names why it cannot
            self._fx = None
            self.sheet_names = self._calamine().sheet_names

    # --- sheets -------------------------------------------------------------------------

    def find(self, names: Sequence[str]) -> str | None:
        """The actual name of the first sheet matching one of `names` (case and extra spaces
        ignored), or None."""
        by_norm = {norm(n): n for n in self.sheet_names}
        for name in names:
            if norm(name) in by_norm:
                return by_norm[norm(name)]
        return None

    def find_sheet(self, sheet: Sheet) -> str | None:
        return self.find(sheet.names)

    def columns(self, actual: str) -> Columns | None:
        """The sheet as text columns; None with an issue when it is refused. Raises
        ParserFailed when fastexcel cannot read it (then use `rows`, which names why)."""
        if not self._fits(actual):
            return None
        parsed = self._ready.pop(actual, None) or self._parse(actual)
        grid = Columns(parsed.cells, parsed.height, self.container.merged.get(actual))
        if grid.height > MAX_DATA_ROWS and _filled_rows(grid) > MAX_DATA_ROWS:
            self._too_many_rows(actual)
            return None
        return grid

    def rows(self, actual: str) -> Rows | None:
        """The sheet's rows as Python values, memory bounded: a tall sheet is streamed keeping
        only rows that hold something; None with an issue when it is refused or unreadable."""
        if not self._fits(actual):
            return None
        try:
            ws = self._calamine().get_sheet_by_name(actual)
        except PARSER_FAILURES:  # calamine: malformed sheet XML (its own words are English)
            self.issues.error(self.file, actual, None, None,
                              f"Sheet '{actual}' tidak dapat dibaca (isi XML-nya rusak atau tidak "
                              "sesuai format Excel); buka di Excel lalu simpan ulang sebagai .xlsx.")
            return None
        if (ws.end[0] + 1 if ws.end else 0) <= STREAM_ROWS:  # one C call builds every row
            data = ws.to_python(skip_empty_area=False)
            grid = Rows(data, range(1, len(data) + 1), list(ws.merged_cell_ranges or []))
            too_many = len(data) > MAX_DATA_ROWS and sum(
                1 for row in data if row.count("") != len(row)) > MAX_DATA_ROWS
        else:  # e.g. one stray space in row 1,000,000: stream, keep only rows that hold something
            grid, too_many = _stream(ws)
        if too_many:
            self._too_many_rows(actual)
            return None
        return grid

    def close(self) -> None:
        if self._pc is not None:
            self._pc.close()

    # --- internals ----------------------------------------------------------------------

    def _parse(self, actual: str) -> Parsed:
        if self._fx is None:
            raise ParserFailed("fastexcel tidak dapat membuka workbook")
        try:
            sheet = self._fx.load_sheet(actual, header_row=None, skip_rows=0, dtypes="string")
            batch = sheet.to_arrow()
        except PARSER_FAILURES as exc:
            raise ParserFailed(str(exc)) from None
        infos = sheet.selected_columns
        width = max((c.absolute_index for c in infos), default=-1) + 1
        cells: list[object] = [None] * width
        for i, info in enumerate(infos):
            cells[info.absolute_index] = batch.column(i)
        return Parsed(cells, batch.num_rows)

    def _calamine(self) -> pc.CalamineWorkbook:
        if self._pc is None:
            self._pc = pc.CalamineWorkbook.from_filelike(io.BytesIO(self._data))
        return self._pc

    def _fits(self, actual: str) -> bool:
        """False, with an issue, when the sheet's cell rectangle is past the limits."""
        try:
            extent = self.container.oversized(actual)
        except UnreadableSheet as exc:
            self.issues.error(self.file, actual, None, None,
                              f"Sheet '{actual}' tidak dapat dibaca ({exc}); buka di Excel lalu "
                              "simpan ulang sebagai .xlsx.")
            return False
        if extent is not None:
            self.issues.error(self.file, actual, None, None, extent.describe(actual))
            return False
        return True

    def _too_many_rows(self, actual: str) -> None:
        self.issues.error(self.file, actual, None, None,
                          f"Sheet '{actual}' berisi lebih dari {fmt_num(MAX_DATA_ROWS)} baris "
                          "terisi, melebihi batas per sheet. Hapus baris di luar tabel atau "
                          "periksa apakah data tersalin berulang.")


def open_book(data: bytes, file: str, issues: IssueList,
              sheets: Callable[[str], bool] | None = None) -> Book | None:
    """The workbook behind the container checks; None, with an issue, when it cannot be read.
    `sheets` says which sheets may be parsed (default: all); only those are measured."""
    opened = _OPENED.get()
    if opened is not None and (opened.file, opened.rule) == (file, sheets) and (
            opened.crc == zlib.crc32(data)):
        issues.extend(opened.issues)
        container: Container | None = opened.container.with_upload(data)
        ready: Mapping[str, Parsed] | None = opened.sheets
    else:
        container, ready = check_container(data, file, issues, sheets=sheets), None
    if container is None:
        return None
    try:
        return Book(data, file, issues, container, ready)
    except PARSER_FAILURES:  # calamine's own errors: corrupt zip, bad XML, ...
        issues.error(file, None, None, None,
                     "File tidak dapat dibaca sebagai workbook Excel (.xlsx); mungkin rusak atau "
                     "terpotong. Buka di Excel lalu simpan ulang sebagai .xlsx.")
        return None


def read_sheet_rows(data: bytes, file: str, names: Sequence[str] | None, issues: IssueList,
                    *, absolute: bool = False) -> dict[str, list[list]] | None:
    """Rows of the named sheets (matched case-insensitively; absent ones are left out; None:
    every sheet, keyed by its own name, in workbook order) of any workbook the product reads
    besides template-v1 OPD workbooks (scenarios, FGD notes, the other layouts), behind the
    same guards as `read_workbook`. `absolute`: row i is Excel row i + 1 and column 0 is
    column A (no leading empty area skipped). None, with an issue, when the file cannot be
    read."""
    wanted = None if names is None else {norm(n): n for n in names}
    container = check_container(data, file, issues,
                                sheets=None if wanted is None else lambda s: norm(s) in wanted)
    if container is None:
        return None
    out: dict[str, list[list]] = {}
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(container.data or data))
        for actual in wb.sheet_names:
            if wanted is not None and norm(actual) not in wanted:
                continue
            extent = container.oversized(actual)
            if extent is not None:
                issues.error(file, actual, None, None, extent.describe(actual))
                return None
            sheet = wb.get_sheet_by_name(actual)
            key = actual if wanted is None else wanted[norm(actual)]
            out[key] = sheet.to_python(skip_empty_area=False) if absolute else sheet.to_python()
    except (*PARSER_FAILURES, UnreadableSheet):
        issues.error(file, None, None, None,
                     "File tidak dapat dibaca sebagai workbook Excel (.xlsx); simpan ulang dari "
                     "Excel lalu unggah lagi.")
        return None
    return out


def _stream(ws: pc.CalamineSheet) -> tuple[Rows, bool]:
    # iter_rows starts at row 1 but at the first used column: pad to keep columns absolute
    pad = [""] * ws.start[1] if ws.start and ws.start[1] else []
    kept: list[list] = []
    numbers: list[int] = []
    too_many = False
    for n, row in enumerate(ws.iter_rows(), start=1):
        if row.count("") == len(row):
            continue
        if len(kept) >= MAX_DATA_ROWS:
            too_many = True
            break
        kept.append(pad + row if pad else row)
        numbers.append(n)
    return Rows(kept, numbers, list(ws.merged_cell_ranges or [])), too_many


def _filled_rows(grid: Columns) -> int:
    """Rows with any cell holding text of length > 0 (a number or date counts)."""
    import pyarrow.compute as pa_compute  # here: the first reading stage starts without it

    filled = np.zeros(grid.height, dtype=bool)
    for col in grid.cells:
        if col is not None:
            filled |= pa_compute.greater(pa_compute.utf8_length(col), 0).fill_null(
                False).to_numpy(zero_copy_only=False)
    return int(filled.sum())
