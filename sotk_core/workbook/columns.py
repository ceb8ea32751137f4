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

from sotk_core.workbook import cells
from sotk_core.workbook.cells import parse_number
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
    BLANK,
    PLAIN_NUMBER,
    SPECIAL_TEXT,
    hides_type,
    may_not_be_text,
)
from sotk_core.workbook.rows import read_rows
from sotk_core.workbook.spec import Column, Sheet

SMALL_ROWS = 30  # a sheet this short is read value by value: fewer calls than by columns

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
    contiguous = len(keep) == 0 or keep[-1] - keep[0] + 1 == len(keep)
    take = pa.array(keep, pa.int64())
    taken: dict[int, pa.Array] = {}

    def column(c: int) -> pa.Array:
        if c not in taken:
            col = grid.cells[c] if c < grid.width else None
            if col is None:
                taken[c] = pa.nulls(len(keep), pa.string())
            elif contiguous:
                taken[c] = col.slice(int(keep[0]) if len(keep) else 0, len(keep))
            else:
                taken[c] = col.take(take)
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
                               lambda c: not _blank(column(c)).all(), title, out, grid.width)
    rows = keep + 1  # Excel rows
    frame: dict[str, object] = {"row": rows}
    for col in sheet.columns:
        if col.key not in colmap:
            frame[col.key] = absent_column(col, len(keep))
        elif col.kind in ("number", "int"):
            frame[col.key] = _numbers(column(colmap[col.key]), rows, col, out)
        else:
            frame[col.key] = _texts(column(colmap[col.key]), rows, col, out)
    return pd.DataFrame(frame, copy=False)


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
        rest = np.flatnonzero(~kept)
        if len(rest) == 0:
            break
        part = col.slice(start)
        if len(rest) < n:
            part = part.take(pa.array(rest, pa.int64()))
        kept[rest] = ~_blank(part)
    return np.flatnonzero(kept)


def _blank(arr: pa.Array) -> np.ndarray:
    """Null or only whitespace: a cheap look at the first character, the full test only for
    the values that start with whitespace."""
    edge = pc.match_substring_regex(arr, _STARTS_BLANK).fill_null(True).to_numpy(
        zero_copy_only=False)
    if edge.any():
        at = np.flatnonzero(edge)
        edge[at] = pc.match_substring_regex(arr.take(pa.array(at, pa.int64())), BLANK
                                            ).fill_null(True).to_numpy(zero_copy_only=False)
    return edge


_STARTS_BLANK = "^(?:$|" + BLANK[1:-2] + ")"  # empty, or a whitespace first character


def _mask(arr: pa.Array, pattern: str, null: bool) -> np.ndarray:
    return pc.match_substring_regex(arr, pattern).fill_null(null).to_numpy(
        zero_copy_only=False)


# --- columns ----------------------------------------------------------------------------------

Decided = tuple[object, str | None]  # (value, problem); problem '' means a blank cell


def _decide(arr: pa.Array, resolve: Callable[[object], Decided]) -> tuple[np.ndarray,
                                                                          list[Decided]]:
    """Each value decided once per distinct value: (index of its decision per position,
    the decisions; the last one is for empty cells)."""
    encoded = arr.dictionary_encode()
    distinct = encoded.dictionary.to_pylist()
    codes = encoded.indices.fill_null(len(distinct)).to_numpy(zero_copy_only=False)
    return codes, [resolve(v) for v in distinct] + [resolve(None)]


def _resolver(col: Column) -> Callable[[object], Decided]:
    """The exact reader's decision for one rendered value; NeedExact where the rendering
    hides the cell type."""
    parse = parse_number if col.kind in ("number", "int") else value_parser(col)

    def resolve(value: object) -> Decided:
        if value is None or cells.is_blank(value):
            return None, ""
        if hides_type(value, col.kind):
            raise NeedExact
        return parse(value)
    return resolve


def _subset(arr: pa.Array, where: np.ndarray) -> tuple[np.ndarray, pa.Array]:
    idx = np.flatnonzero(where)
    return idx, arr if len(idx) == len(arr) else arr.take(pa.array(idx, pa.int64()))


def _numbers(arr: pa.Array, rows: np.ndarray, col: Column, out: TableIssues) -> np.ndarray:
    plain = _mask(arr, PLAIN_NUMBER, False)
    blank = np.zeros(len(arr), dtype=bool)
    if plain.all():
        values = pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
    else:
        values = np.full(len(arr), np.nan)
        if plain.any():
            values[plain] = pc.cast(arr.filter(pa.array(plain)), pa.float64()).to_numpy(
                zero_copy_only=False)
        idx, rest = _subset(arr, ~plain)
        codes, decided = _decide(rest, _resolver(col))
        blank[idx] = np.array([p == "" for _, p in decided])[codes]
        numbers = np.array([np.nan if p is not None else v for v, p in decided], dtype=float)
        values[idx] = numbers[codes]
        bad = np.array([bool(p) for _, p in decided])[codes]
        for i, code in zip(idx[bad].tolist(), codes[bad].tolist(), strict=True):
            out.problem(int(rows[i]), col, decided[code][1])
    out.check_range(values, rows, col, blank)
    return values


def _texts(arr: pa.Array, rows: np.ndarray, col: Column, out: TableIssues) -> object:
    if col.kind == "enum":  # few distinct values: decide them all
        flagged = np.ones(len(arr), dtype=bool)
    else:
        flagged = _mask(arr, SPECIAL_TEXT, True)
    values = arr
    if flagged.any():
        idx, part = _subset(arr, flagged)
        codes, decided = _decide(part, _resolver(col))
        told = np.array([bool(p) or (p == "" and col.mandatory) for _, p in decided])[codes]
        for i, code in zip(idx[told].tolist(), codes[told].tolist(), strict=True):
            problem = decided[code][1]
            if problem:
                out.problem(int(rows[i]), col, problem)
            else:
                out.blank(int(rows[i]), col)
        final = pa.array([col.default if problem == "" else value
                          for value, problem in decided], pa.string())
        new = final.take(pa.array(codes))
        values = new if len(idx) == len(arr) else pc.replace_with_mask(arr, pa.array(flagged),
                                                                        new)
    if values.null_count == len(values):
        return [None] * len(values)  # as the exact path: an object column (or none at all)
    return pd.array(values, dtype=_STR)
