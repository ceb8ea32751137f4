"""The columnar table reader (`table.read_table`): a sheet as Arrow text columns (grid.Columns).

fastexcel renders every cell as text: a number as its shortest round-trip digits (12, 1.5,
0.00001), a date as '2024-01-05 00:00:00', a boolean as 'true'/'false'. Most cells mean the
same either way, so whole columns are decided with masks (RE2 regexes in Arrow):

- blank: null or only whitespace (Python's `str.isspace` set) — skipped rows, defaults,
  'kosong; wajib diisi';
- clean text (no edge, double or special whitespace, no leading '#'): already what
  `cells.parse_text`/`parse_code` would return; the other values are parsed once per
  distinct value with the same functions, enum columns always so;
- clean numbers ('12', '-3.75'): cast in one call; other text numbers ('1.234,5', 'sepuluh')
  through `cells.parse_number` once per distinct value.

Where the rendering hides what a cell was — a date or TRUE, '1.234' (a number, or
Indonesian thousands typed as text?), '-0', 0.00001 (Python writes 1e-05) — `NeedExact` hands
the sheet to the exact path, which reads the cell types. Issues come out in the order the
exact path writes them: per column, row by row.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sotk_core.workbook.grid import Columns, Rows
from sotk_core.workbook.header import (
    HEADER_SCAN_ROWS,
    NeedExact,
    TableIssues,
    absent_column,
    locate_header,
    merged_header_problems,
    value_parser,
)
from sotk_core.workbook.rendering import (
    AMBIGUOUS_NUMBER,
    BLANK,
    CLEAN_NUMBER,
    DIRTY,
    RENDERED_TEXT,
    may_not_be_text,
)
from sotk_core.workbook.rows import read_rows
from sotk_core.workbook.spec import Column, Sheet

SMALL_ROWS = 400  # a sheet this short is read value by value: fewer calls than by columns

_STR = pd.StringDtype("pyarrow", na_value=np.nan)


def read(grid: Columns, sheet: Sheet, actual: str, out: TableIssues) -> pd.DataFrame | None:
    """The table of `sheet` in `grid`, or None (issues in `out`); raises NeedExact."""
    if grid.height <= SMALL_ROWS:
        if grid.merged is None:
            raise NeedExact
        return read_rows(Rows(_peek(grid, grid.height), range(1, grid.height + 1),
                              list(grid.merged)), sheet, out, rendered=True)
    peek_n = min(grid.height, HEADER_SCAN_ROWS + 1)  # the row under row 15 may be a sub-header
    peek = _peek(grid, peek_n)
    header = locate_header(peek, range(1, peek_n + 1), sheet, out, _textual)
    if header is None:
        return None
    colmap = header.columns
    width = max(colmap.values()) + 1
    start = header.end + 1
    keep = _kept_rows(grid, start, width, min(colmap.values())) + start
    take = pa.array(keep, pa.int64())
    taken: dict[int, pa.Array] = {}

    def column(c: int) -> pa.Array:
        if c not in taken:
            col = grid.cells[c] if c < grid.width else None
            taken[c] = (col.take(take) if col is not None
                        else pa.nulls(len(keep), pa.string()))
        return taken[c]

    if grid.merged is None:
        raise NeedExact
    if grid.merged:
        def title(r: int, c: int) -> object:
            value = peek[r][c] if r < len(peek) and c < len(peek[r]) else ""
            if may_not_be_text(value):
                raise NeedExact
            return value

        merged_header_problems(grid.merged, header,
                               lambda c: not _blank(column(c)).all(), title, out)
    rows = keep + 1  # Excel rows
    frame: dict[str, object] = {"row": rows}
    for col in sheet.columns:
        if col.key not in colmap:
            frame[col.key] = absent_column(col, len(keep))
        elif col.kind in ("number", "int"):
            frame[col.key] = _numbers(column(colmap[col.key]), rows, col, out)
        else:
            frame[col.key] = _texts(column(colmap[col.key]), rows, col, out)
    return pd.DataFrame(frame)


# --- header and rows --------------------------------------------------------------------------

def _peek(grid: Columns, n: int) -> list[list]:
    """The first n rows as lists of text, '' for empty cells (as the exact reader has them)."""
    cols = [col.slice(0, n).to_pylist() if col is not None else [None] * n
            for col in grid.cells]
    return [["" if v is None else v for v in row] for row in zip(*cols, strict=True)] if cols \
        else [[] for _ in range(n)]


def _textual(row: list) -> bool:
    """Whether a row holds only text cells: a rendered number, date or boolean may not have
    been text, and only the exact path can tell."""
    if any(may_not_be_text(v) for v in row):
        raise NeedExact
    return True


def _kept_rows(grid: Columns, start: int, width: int, first: int) -> np.ndarray:
    """Indices (from `start`) of the rows holding something in columns A..width: the first
    used column decides for almost every row, the others are looked at only where it is
    blank."""
    n = max(grid.height - start, 0)
    kept = np.zeros(n, dtype=bool)
    order = [first, *(c for c in range(min(width, grid.width)) if c != first)]
    for c in order:
        col = grid.cells[c] if c < grid.width else None
        if col is None:
            continue
        if c == first:
            kept = ~_blank(col.slice(start))
            continue
        rest = np.flatnonzero(~kept)
        if len(rest) == 0:
            break
        kept[rest] = ~_blank(col.slice(start).take(pa.array(rest, pa.int64())))
    return np.flatnonzero(kept)


def _mask(arr: pa.Array, pattern: str, null: bool) -> np.ndarray:
    return pc.match_substring_regex(arr, pattern).fill_null(null).to_numpy(
        zero_copy_only=False)


def _blank(arr: pa.Array) -> np.ndarray:
    return _mask(arr, BLANK, True)


def _any(arr: pa.Array, pattern: str) -> bool:
    return bool(pc.any(pc.match_substring_regex(arr, pattern)).as_py())


# --- columns ----------------------------------------------------------------------------------

def _distinct(arr: pa.Array, where: np.ndarray, parse: Callable[[object], tuple[object, str | None]]
              ) -> tuple[np.ndarray, pa.Array, list[str | None], np.ndarray]:
    """Parse the values at `where` once per distinct value: (indices, parsed values as Arrow,
    problem per distinct value, distinct index per position)."""
    idx = np.flatnonzero(where)
    sub = arr.take(pa.array(idx, pa.int64()))
    uniq = pc.unique(sub)
    results = [parse(v) for v in uniq.to_pylist()]
    pos = pc.index_in(sub, value_set=uniq).to_numpy(zero_copy_only=False)
    return idx, pa.array([r[0] for r in results]), [r[1] for r in results], pos


def _numbers(arr: pa.Array, rows: np.ndarray, col: Column, out: TableIssues) -> np.ndarray:
    from sotk_core.workbook.cells import parse_number

    if _any(arr, AMBIGUOUS_NUMBER):
        raise NeedExact
    blank = _blank(arr)
    clean = _mask(arr, CLEAN_NUMBER, False)
    if clean.all():
        values = pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
    else:
        values = np.full(len(arr), np.nan)
        if clean.any():
            values[clean] = pc.cast(arr.filter(pa.array(clean)), pa.float64()).to_numpy(
                zero_copy_only=False)
        other = ~clean & ~blank
        if other.any():
            idx, parsed, problems, pos = _distinct(arr, other, parse_number)
            numbers = parsed.to_numpy(zero_copy_only=False)
            for j, i in enumerate(idx):
                problem = problems[pos[j]]
                if problem:
                    out.problem(int(rows[i]), col, problem)
                else:
                    values[i] = numbers[pos[j]]
    out.check_range(values, rows, col, blank)
    return values


def _texts(arr: pa.Array, rows: np.ndarray, col: Column, out: TableIssues) -> object:
    if _any(arr, RENDERED_TEXT):
        raise NeedExact
    blank = _blank(arr)
    special = ~blank if col.kind == "enum" else (_mask(arr, DIRTY, False) & ~blank)
    problem_at: dict[int, str] = {}
    values = arr
    if special.any():
        idx, parsed, problems, pos = _distinct(arr, special, value_parser(col))
        values = pc.replace_with_mask(values, pa.array(special),
                                      parsed.cast(pa.string()).take(pa.array(pos)))
        problem_at = {int(i): problems[pos[j]] for j, i in enumerate(idx) if problems[pos[j]]}
    if blank.any():
        values = pc.if_else(pa.array(blank), pa.scalar(col.default, pa.string()), values)
        if col.mandatory:
            problem_at.update(dict.fromkeys(np.flatnonzero(blank).tolist(), ""))
    for i in sorted(problem_at):
        if problem_at[i]:
            out.problem(int(rows[i]), col, problem_at[i])
        else:
            out.blank(int(rows[i]), col)
    if values.null_count == len(values):
        return [None] * len(values)  # as the exact path: an object column (or none at all)
    return pd.array(values, dtype=_STR)
