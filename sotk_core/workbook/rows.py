"""The exact table reader: a sheet as Python rows with their cell types (grid.Book.rows),
parsed value by value with cells.parse_*. It reads the rows fastexcel renders as text too
(a short sheet, `rendered=True`), and raises NeedExact where that text hides a cell type."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sotk_core.workbook import cells, rendering
from sotk_core.workbook.frames import frame_of, text_array
from sotk_core.workbook.grid import Rows
from sotk_core.workbook.header import (
    NeedExact,
    TableIssues,
    absent_column,
    locate_header,
    merged_header_problems,
    value_parser,
)
from sotk_core.workbook.spec import Column, Sheet


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
            c < len(rows[i]) and not cells.is_blank(rows[i][c]) for i in keep), cell, out,
            max(map(len, rows), default=0))
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
    return frame_of(frame)


def _parse_values(values: list, rows: np.ndarray, col: Column, out: TableIssues) -> object:
    if col.kind in ("number", "int"):
        if all(type(v) is float for v in values):  # fast path: real numeric cells
            arr = np.asarray(values, dtype="float64")
        else:
            arr = np.full(len(values), np.nan)
            parsed: dict[tuple[type, object], tuple[float | None, str | None]] = {}
            for i, v in enumerate(values):
                if cells.is_blank(v):
                    continue
                key = (v.__class__, v)  # levels 1-5, the same volume: parsed once each
                hit = parsed.get(key)
                if hit is None:
                    hit = parsed[key] = cells.parse_number(v)
                num, problem = hit
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
    return text_array(result)

