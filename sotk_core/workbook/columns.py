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
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sotk_core.workbook import cells
from sotk_core.workbook.cells import parse_number
from sotk_core.workbook.frames import TEXT, frame_of
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
    if grid.merged is None:
        raise NeedExact
    colmap = header.columns
    width = max(colmap.values()) + 1
    start = header.end + 1
    first = min(colmap.values())
    head = _encode(grid.cells[first].slice(start))  # the header names it: the column exists
    keep = _kept_rows(grid, start, width, first, head) + start
    contiguous = len(keep) == 0 or keep[-1] - keep[0] + 1 == len(keep)
    take = pa.array(keep, pa.int64())
    taken: dict[int, pa.Array] = {}
    # each column's distinct values, for the kept rows; the first column's are known when
    # every row is kept (the usual table)
    encoded = {first: head} if len(keep) == len(head.codes) else {}

    def encoding(c: int) -> Encoded:
        if c not in encoded:
            encoded[c] = _encode(column(c))
        return encoded[c]

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

    if grid.merged:
        def title(r: int, c: int) -> object:
            value = peek[r][c] if r < len(peek) and c < len(peek[r]) else ""
            if may_not_be_text(value):
                raise NeedExact
            return value

        merged_header_problems(grid.merged, header,
                               lambda c: not _blank(column(c)).all(), title, out, grid.width)
    rows = keep + 1  # Excel rows
    mapped = [col for col in sheet.columns if col.key in colmap]
    numeric = [col for col in mapped if col.kind in ("number", "int")]
    textual = [col for col in mapped if col.kind not in ("number", "int", "enum")]
    # one regex call per pattern for the whole sheet (Arrow compiles it on every call)
    masks = {**_masks([encoding(colmap[c.key]).distinct for c in numeric], numeric,
                      PLAIN_NUMBER, False),
             **_masks([encoding(colmap[c.key]).distinct for c in textual], textual,
                      SPECIAL_TEXT, True)}
    frame: dict[str, object] = {"row": rows}
    for col in sheet.columns:
        if col.key not in colmap:
            frame[col.key] = absent_column(col, len(keep))
            continue
        c = colmap[col.key]
        if col.kind in ("number", "int"):
            frame[col.key] = _numbers(encoding(c), masks[col.key], rows, col, out)
        else:
            flagged = masks.get(col.key)  # a choice column: every value is decided
            if flagged is None:
                flagged = np.ones(len(encoding(c).distinct), dtype=bool)
            frame[col.key] = _texts(column(c), encoding(c), flagged, rows, col, out)
    return frame_of(frame)


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


def _kept_rows(grid: Columns, start: int, width: int, first: int, head: Encoded
               ) -> np.ndarray:
    """Indices (from `start`) of the rows holding something in columns A..width: the first
    used column (`head`, its distinct values) decides for almost every row, the others are
    looked at only where it is blank."""
    n = max(grid.height - start, 0)
    kept = ~head.per_row(_blank(head.distinct), True)
    order = [c for c in range(min(width, grid.width)) if c != first]
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


def _masks(arrays: list[pa.Array], cols: list[Column], pattern: str, null: bool
           ) -> dict[str, np.ndarray]:
    """`pattern` matched against several arrays in one call: column key -> its mask."""
    if not arrays:
        return {}
    arrays = [a if a.type == pa.string() else a.cast(pa.string()) for a in arrays]
    whole = _mask(pa.concat_arrays(arrays) if len(arrays) > 1 else arrays[0], pattern, null)
    cuts = np.cumsum([len(a) for a in arrays])[:-1]
    return {col.key: part for col, part in zip(cols, np.split(whole, cuts), strict=True)}


# --- columns ----------------------------------------------------------------------------------

Decided = tuple[object, str | None]  # (value, problem); problem '' means a blank cell


class Encoded(NamedTuple):
    """A column as its distinct values and, per row, the index of its value (`len(distinct)`
    for an empty cell). Masks and decisions are made once per distinct value: a column of
    3,000 rows usually holds a few dozen."""

    distinct: pa.Array
    codes: np.ndarray

    def per_row(self, per_value: np.ndarray, empty: object) -> np.ndarray:
        """A value per distinct value (plus `empty` for empty cells) spread over the rows."""
        return np.append(per_value, np.asarray(empty, dtype=per_value.dtype))[self.codes]


def _encode(arr: pa.Array) -> Encoded:
    encoded = arr.dictionary_encode()
    indices = encoded.indices
    if indices.null_count:
        indices = indices.fill_null(len(encoded.dictionary))
    return Encoded(encoded.dictionary, indices.to_numpy(zero_copy_only=False))


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


def _numbers(enc: Encoded, plain: np.ndarray, rows: np.ndarray, col: Column, out: TableIssues
             ) -> np.ndarray:
    """The column's numbers; `plain` marks the distinct values one cast reads as the exact
    reader does (PLAIN_NUMBER), the others are parsed one by one."""
    distinct = enc.distinct
    numbers = np.full(len(distinct) + 1, np.nan)  # the last: empty cells
    blank = np.zeros(len(distinct) + 1, dtype=bool)
    problems: list[str | None] = [None] * (len(distinct) + 1)
    if plain.any():
        clean = distinct if plain.all() else distinct.filter(pa.array(plain))
        numbers[:-1][plain] = pc.cast(clean, pa.float64()).to_numpy(zero_copy_only=False)
    resolve = _resolver(col)
    others = np.flatnonzero(~plain).tolist()
    texts = distinct.take(pa.array(others, pa.int64())).to_pylist() if others else []
    for i, text in zip((*others, len(distinct)), (*texts, None), strict=True):
        value, problem = resolve(text)
        blank[i] = problem == ""
        if problem:
            problems[i] = problem
        elif problem is None:
            numbers[i] = value
    values = numbers[enc.codes]
    if any(problems):
        bad = np.array([p is not None for p in problems])[enc.codes]
        for i in np.flatnonzero(bad).tolist():
            out.problem(int(rows[i]), col, problems[enc.codes[i]])
    out.check_range(values, rows, col, blank[enc.codes])
    return values


def _texts(arr: pa.Array, enc: Encoded, flagged: np.ndarray, rows: np.ndarray, col: Column,
           out: TableIssues) -> object:
    """The column's values; the `flagged` distinct values, those not already what the exact
    reader returns (SPECIAL_TEXT; all of a choice column), are decided one by one."""
    distinct = enc.distinct
    empty_cells = bool(arr.null_count)
    values = arr
    if flagged.any() or empty_cells:
        resolve = _resolver(col)
        final = distinct.to_pylist()
        told = np.zeros(len(distinct) + 1, dtype=bool)
        problems: list[str | None] = [None] * (len(distinct) + 1)
        changed = False
        for i in (*np.flatnonzero(flagged).tolist(), len(distinct)):
            value, problem = resolve(None if i == len(distinct) else final[i])
            told[i] = bool(problem) or (problem == "" and col.mandatory)
            problems[i] = problem
            value = col.default if problem == "" else value
            if i == len(distinct):
                final.append(value)
                changed = changed or (empty_cells and value is not None)
            elif value != final[i] or value.__class__ is not str:
                final[i], changed = value, True
        if told.any():
            for i in np.flatnonzero(told[enc.codes]).tolist():
                problem = problems[enc.codes[i]]
                if problem:
                    out.problem(int(rows[i]), col, problem)
                else:
                    out.blank(int(rows[i]), col)
        if changed:
            values = pa.array(final, pa.string()).take(pa.array(enc.codes))
    if values.null_count == len(values):
        return [None] * len(values)  # as the exact path: an object column (or none at all)
    return pd.array(values, dtype=TEXT)
