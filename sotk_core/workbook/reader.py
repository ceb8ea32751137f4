"""Read and validate one OPD workbook (workbook.md) into frames plus a list of issues.

`read_workbook` never raises for bad input: every problem becomes an `Issue` naming the file,
sheet, Excel row and column with an Indonesian sentence. Errors stop that OPD from being
computed; warnings do not.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import python_calamine as pc

from sotk_core.base.fmt import fmt_num
from sotk_core.base.formulas import task_minutes
from sotk_core.base.issues import Issue, IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook import cells
from sotk_core.workbook.guard import Container, UnreadableSheet, check_container, column_letter
from sotk_core.workbook.spec import (
    ALL_SHEETS,
    BEBAN_KERJA,
    JABATAN,
    KELEMBAGAAN,
    KEMATANGAN,
    PENSIUN,
    PROFIL,
    PROFILE_FIELDS,
    RETIREMENT_YEARS,
    STRUCTURAL,
    UNIT,
    Column,
    Sheet,
    norm,
)
from sotk_core.workbook.vocab import VARIABLES, parse_subdimension, parse_variable

HEADER_SCAN_ROWS = 15  # headers may sit under a title block
# A panic inside the Rust parser surfaces as pyo3's PanicException, a BaseException: catch it
# too, so even that becomes an issue instead of a traceback.
_PANIC = next((c for c in BaseException.__subclasses__() if c.__name__ == "PanicException"),
              Exception)
_PARSER_FAILURES = (Exception, _PANIC)
_STREAM_ROWS = 100_000  # taller sheets are read row by row
MAX_DATA_ROWS = 500_000  # per sheet; past this the sheet is refused, memory stays bounded


@dataclass(frozen=True)
class OpdWorkbook:
    """One workbook read and validated. Frames are empty when the sheet could not be read."""

    file: str
    profile: dict[str, object]
    units: pd.DataFrame
    positions: pd.DataFrame
    tasks: pd.DataFrame
    maturity: pd.DataFrame | None
    kelembagaan: pd.DataFrame | None
    issues: tuple[Issue, ...] = field(default=())
    macro: bool = False
    retirements: pd.DataFrame | None = None  # sheet Pensiun: position, year, count, row

    @property
    def name(self) -> str:
        return str(self.profile.get("name") or self.file)

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]


def _empty(sheet: Sheet) -> pd.DataFrame:
    return pd.DataFrame({**{c.key: pd.Series(dtype=_dtype(c)) for c in sheet.columns},
                         "row": pd.Series(dtype="int64")})


def _dtype(col: Column) -> str:
    return {"number": "float64", "int": "float64"}.get(col.kind, "object")


@dataclass(frozen=True)
class _Grid:
    """One sheet's rows: `cells[i]` is Excel row `numbers[i]` (every row from 1 when read
    whole, only the non-empty ones when streamed), and the merged ranges
    ((first row, first col), (last row, last col)), 0-based."""

    cells: list[list]
    numbers: Sequence[int]
    merged: list[tuple[tuple[int, int], tuple[int, int]]]


@dataclass(frozen=True)
class _Header:
    rows: tuple[int, ...]  # Excel row(s) of the header: one, or two under a merged group title
    end: int  # index in _Grid.cells of the last header row
    columns: dict[str, int]  # column key -> 0-based column index
    labels: list  # the header cells (both rows combined)

    @property
    def where(self) -> str:
        return "–".join(str(r) for r in self.rows)


def _has_value(row: list) -> bool:
    """Any cell holding something: a number (0 too), a date, or text that is not only spaces."""
    for v in row:
        if v.__class__ is str:
            if v and not v.isspace():
                return True
        elif v is not None:
            return True
    return False


def _stack(upper: list, lower: list) -> list:
    """A two-row header read as one: the lower cell, or the upper one where the lower is empty."""
    width = max(len(upper), len(lower))
    upper = upper + [""] * (width - len(upper))
    lower = lower + [""] * (width - len(lower))
    return [up if cells.is_blank(lo) else lo for up, lo in zip(upper, lower, strict=True)]


class _SheetReader:
    """Locates headers in one sheet and parses its columns by the declared schema."""

    def __init__(self, issues: IssueList, file: str, container: Container | None = None) -> None:
        self.issues = issues
        self.file = file
        self.container = container

    def find_sheet(self, wb: pc.CalamineWorkbook, sheet: Sheet) -> str | None:
        by_norm = {norm(n): n for n in wb.sheet_names}
        for name in sheet.names:
            if norm(name) in by_norm:
                return by_norm[norm(name)]
        return None

    def rows(self, wb: pc.CalamineWorkbook, actual: str, sheet: Sheet) -> _Grid | None:
        """The sheet's rows, memory bounded: a sheet whose cell rectangle is past
        guard.MAX_SHEET_CELLS is refused before the parser allocates it (formatted-only cells
        are not part of it); a tall sheet is streamed keeping only rows that hold something;
        more than MAX_DATA_ROWS such rows and the sheet is refused."""
        try:
            extent = self.container.oversized(actual) if self.container else None
        except UnreadableSheet as exc:
            self.issues.error(self.file, actual, None, None,
                              f"Sheet '{actual}' tidak dapat dibaca ({exc}); buka di Excel lalu "
                              "simpan ulang sebagai .xlsx.")
            return None
        if extent is not None:
            self.issues.error(self.file, actual, None, None, extent.describe(actual))
            return None
        try:
            ws = wb.get_sheet_by_name(actual)
        except _PARSER_FAILURES as exc:  # calamine: malformed sheet XML
            self.issues.error(self.file, actual, None, None,
                              f"Sheet '{actual}' tidak dapat dibaca ({str(exc)[:80]}); buka di "
                              "Excel lalu simpan ulang sebagai .xlsx.")
            return None
        if (ws.end[0] + 1 if ws.end else 0) <= _STREAM_ROWS:  # one C call builds every row
            data = ws.to_python(skip_empty_area=False)
            grid = _Grid(data, range(1, len(data) + 1), list(ws.merged_cell_ranges or []))
            too_many = len(data) > MAX_DATA_ROWS and sum(
                1 for row in data if row.count("") != len(row)) > MAX_DATA_ROWS
        else:  # e.g. one stray space in row 1,000,000: stream, keep only rows that hold something
            grid, too_many = self._stream(ws)
        if too_many:
            self.issues.error(self.file, actual, None, None,
                              f"Sheet '{actual}' berisi lebih dari {fmt_num(MAX_DATA_ROWS)} "
                              "baris terisi, melebihi batas per sheet. Hapus baris di luar tabel "
                              "atau periksa apakah data tersalin berulang.")
            return None
        return grid

    @staticmethod
    def _stream(ws: pc.CalamineSheet) -> tuple[_Grid, bool]:
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
        return _Grid(kept, numbers, list(ws.merged_cell_ranges or [])), too_many

    def locate_header(self, grid: _Grid, sheet: Sheet, actual: str) -> _Header | None:
        """The row among the first HEADER_SCAN_ROWS matching the most column names."""
        best: _Header | None = None
        for i, (n, row) in enumerate(zip(grid.numbers, grid.cells, strict=True)):
            if n > HEADER_SCAN_ROWS:
                break
            found = self._match_columns(row, sheet)
            if found and (best is None or len(found) > len(best.columns)):
                best = _Header((n,), i, found, row)
        required = [c for c in sheet.columns if c.required]
        if best is None:
            expected = ", ".join(c.header for c in required)
            self.issues.error(self.file, actual, None, None,
                              f"Judul kolom tidak ditemukan di {HEADER_SCAN_ROWS} baris teratas "
                              f"sheet '{actual}'. Tulis judul kolom dalam satu baris di atas data "
                              f"(biasanya baris 1): {expected}.")
            return None
        best = self._two_row_header(grid, best, sheet)
        for col in required:
            if col.key not in best.columns:
                alias = f" (atau: {', '.join(col.aliases)})" if col.aliases else ""
                self.issues.error(self.file, actual, best.rows[0], col.header,
                                  f"Kolom wajib '{col.header}'{alias} tidak ditemukan pada baris "
                                  f"judul (baris {best.where}) sheet '{actual}'.")
        if any(c.key not in best.columns for c in required):
            return None
        return best

    def _two_row_header(self, grid: _Grid, header: _Header, sheet: Sheet) -> _Header:
        """A group title merged above sub-headers ('Beban Kerja' over 'Volume' and 'Periode')
        gives a two-row header; it is used when the rows together name more columns."""
        i, n = header.end, header.rows[0]
        options: list[tuple[int, tuple[int, int], list, list]] = []
        if i + 1 < len(grid.cells) and grid.numbers[i + 1] == n + 1:
            below = grid.cells[i + 1]
            options.append((i + 1, (n, n + 1), _stack(header.labels, below), below))
        if i >= 1 and grid.numbers[i - 1] == n - 1:
            above = grid.cells[i - 1]
            options.append((i, (n - 1, n), _stack(above, header.labels), above))
        best = header
        for end, rows, labels, other in options:
            if not all(isinstance(v, str) for v in other):  # a data row, not a header
                continue
            found = self._match_columns(labels, sheet)
            if len(found) > len(best.columns):
                best = _Header(rows, end, found, labels)
        return best

    @staticmethod
    def _match_columns(row: list, sheet: Sheet) -> dict[str, int]:
        keys = {norm(n): c.key for c in sheet.columns for n in c.names}
        found: dict[str, int] = {}
        for i, v in enumerate(row):
            if isinstance(v, str):
                key = keys.get(norm(v.replace("*", "")))
                if key and key not in found:
                    found[key] = i
        return found

    def _check_merged_header(self, grid: _Grid, header: _Header, keep: list[int],
                             actual: str) -> None:
        """A header merged across columns leaves the columns right of the first without a
        name; data typed there would be silently ignored, so it is an error."""
        used = set(header.columns.values())
        first, last = header.rows[0] - 1, header.rows[-1] - 1
        number_to_index = {n: i for i, n in enumerate(grid.numbers) if n <= header.rows[-1]}
        for (r0, c0), (r1, c1) in grid.merged:
            if c1 <= c0 or r1 < first or r0 > last or c0 not in used:
                continue
            for c in range(c0 + 1, c1 + 1):
                if c in used or not any(c < len(grid.cells[i]) and not cells.is_blank(
                        grid.cells[i][c]) for i in keep):
                    continue
                top = grid.cells[number_to_index[r0 + 1]] if r0 + 1 in number_to_index else []
                title = top[c0] if c0 < len(top) else ""
                letter = column_letter(c)
                span = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
                self.issues.error(self.file, actual, header.rows[0], letter,
                                  f"Judul '{title}' digabung (merge) di sel {span}, tetapi kolom "
                                  f"{letter} di bawahnya berisi data tanpa judul sendiri sehingga "
                                  "tidak terbaca. Pisahkan sel judul (Unmerge Cells) dan beri "
                                  f"kolom {letter} judulnya sendiri.")

    def table(self, wb: pc.CalamineWorkbook, sheet: Sheet) -> pd.DataFrame | None:
        """Parsed frame for one table sheet (column keys + 'row'), None if unusable."""
        actual = self.find_sheet(wb, sheet)
        if actual is None:
            if sheet.required:
                alias = f" (atau '{sheet.aliases[0]}')" if sheet.aliases else ""
                self.issues.error(self.file, sheet.name, None, None,
                                  f"Sheet wajib '{sheet.name}'{alias} tidak ada di workbook.")
            return None
        grid = self.rows(wb, actual, sheet)
        if grid is None:
            return None
        header = self.locate_header(grid, sheet, actual)
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
            self._check_merged_header(grid, header, keep, actual)
        numbers = grid.numbers
        excel_rows = (np.asarray(keep, dtype="int64") + 1 if isinstance(numbers, range)
                      else np.asarray(numbers, dtype="int64")[keep])
        frame: dict[str, object] = {"row": excel_rows}
        for col in sheet.columns:
            if col.key not in colmap:
                frame[col.key] = [col.default] * len(keep) if col.kind != "number" else np.full(len(keep), np.nan)
                continue
            ci = colmap[col.key]
            values = [rows[i][ci] for i in keep]  # rows are rectangular, ci < width
            frame[col.key] = self._parse_column(values, excel_rows, col, actual)
        return pd.DataFrame(frame)

    def _parse_column(self, values: list, rows: np.ndarray, col: Column, sheet: str) -> object:
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
                        self.issues.error(self.file, sheet, int(rows[i]), col.header,
                                          f"Kolom '{col.header}' {problem}.")
                    else:
                        arr[i] = num
            self._check_range(arr, rows, col, sheet, values)
            return arr
        parser: Callable[[object], tuple[object, str | None]]
        if col.kind == "enum":
            choices = col.choices
            def parser(v: object) -> tuple[object, str | None]:
                return cells.parse_enum(v, choices)
        elif col.kind == "code":
            parser = cells.parse_code
        else:
            parser = cells.parse_text
        out: list[object] = [None] * len(values)
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
                    self.issues.error(self.file, sheet, int(rows[i]), col.header,
                                      f"Kolom '{col.header}' kosong; wajib diisi.")
                out[i] = col.default
                continue
            if problem:
                self.issues.error(self.file, sheet, int(rows[i]), col.header,
                                  f"Kolom '{col.header}' {problem}.")
            out[i] = parsed
        return out

    def _check_range(self, arr: np.ndarray, rows: np.ndarray, col: Column, sheet: str,
                     raw: list) -> None:
        blank = np.isnan(arr)
        if col.mandatory:
            for i in np.flatnonzero(blank):
                if cells.is_blank(raw[i]):
                    self.issues.error(self.file, sheet, int(rows[i]), col.header,
                                      f"Kolom '{col.header}' kosong; wajib diisi.")
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
                self.issues.error(self.file, sheet, int(rows[i]), col.header,
                                  f"Kolom '{col.header}' bernilai {cells.fmt_cell(arr[i])}; {text}.")


def _read_profile(wb: pc.CalamineWorkbook, reader: _SheetReader, issues: IssueList,
                  file: str) -> dict[str, object]:
    profile: dict[str, object] = {}
    table = reader.table(wb, PROFIL)
    if table is None:
        return profile
    labels = {norm(f.label): f for f in PROFILE_FIELDS}
    for label, value, row in zip(table["isian"], table["nilai"], table["row"], strict=True):
        spec = labels.get(norm(label))
        if spec is None or value is None or cells.is_blank(value):
            continue
        parsed: object
        problem: str | None
        if spec.kind == "enum":
            parsed, problem = cells.parse_enum(value, spec.choices)
        elif spec.kind in ("number", "int"):
            parsed, problem = cells.parse_number(value)
            if not problem and parsed is not None:
                lo, hi = spec.minimum, spec.maximum
                if (lo is not None and parsed < lo) or (hi is not None and parsed > hi):
                    problem = f"bernilai {cells.fmt_cell(parsed)}; harus antara {lo:g} dan {hi:g}"
                elif spec.kind == "int":
                    parsed = int(parsed)
        else:
            parsed, problem = cells.parse_text(value)
        if problem:
            issues.error(file, PROFIL.name, int(row), "Nilai", f"Isian '{spec.label}' {problem}.")
        else:
            profile[spec.key] = parsed
    if isinstance(profile.get("urusan"), str):
        profile["urusan"] = [u.strip() for u in str(profile["urusan"]).split(";") if u.strip()]
    for spec in PROFILE_FIELDS:
        if spec.required and spec.key not in profile and not any(
                i.sheet == PROFIL.name and i.message.startswith(f"Isian '{spec.label}'")
                for i in issues):
            issues.error(file, PROFIL.name, None, "Isian",
                         f"Isian wajib '{spec.label}' tidak ada atau kosong di sheet Profil.")
    return profile


def _flagged(frame: pd.DataFrame, mask: pd.Series, *cols: str) -> zip:
    """Rows where mask holds, as tuples of the named columns (cheap when nothing is flagged)."""
    if not mask.any():
        return zip()
    part = frame.loc[mask]
    return zip(*(part[c].tolist() for c in cols), strict=True)


def _duplicates(frame: pd.DataFrame, key: str, issues: IssueList, file: str, sheet: Sheet,
                what: str) -> None:
    dup = frame[key].notna() & frame.duplicated(key, keep="first")
    first_row = frame.drop_duplicates(key).set_index(key)["row"]
    for code, row in zip(frame.loc[dup, key], frame.loc[dup, "row"], strict=True):
        issues.error(file, sheet.name, int(row), sheet.column(key).header,
                     f"{what} '{code}' ganda; sudah dipakai di baris {int(first_row[code])}.")


def _validate_units(units: pd.DataFrame, issues: IssueList, file: str) -> None:
    _duplicates(units, "code", issues, file, UNIT, "Kode Unit")
    codes = set(units["code"].dropna())
    roots = units.loc[units["parent"].isna()]
    if len(roots) == 0 and len(units):
        issues.error(file, UNIT.name, None, "Kode Induk",
                     "Tidak ada unit akar: tepat satu baris (OPD itu sendiri) harus "
                     "berkode induk kosong.")
    for row in roots["row"].iloc[1:]:
        issues.error(file, UNIT.name, int(row), "Kode Induk",
                     f"Kode Induk kosong; hanya satu unit (OPD) boleh tanpa induk, yaitu baris "
                     f"{int(roots['row'].iloc[0])}.")
    unknown = units["parent"].notna() & ~units["parent"].isin(codes)
    for code, parent, row in _flagged(units, unknown, "code", "parent", "row"):
        issues.error(file, UNIT.name, int(row), "Kode Induk",
                     f"Kode Induk '{parent}' dari unit '{code}' tidak ada di kolom Kode Unit.")
    # cycles: walk up from every unit once; blank codes (NaN in a pandas 3 string column)
    # are not units, so a walk only follows text codes and always ends
    parent_of = {c: p for c, p in zip(units["code"].tolist(), units["parent"].tolist(),
                                      strict=True) if isinstance(c, str)}
    row_of = dict(zip(units["code"].tolist(), units["row"].tolist(), strict=True))
    state: dict[str, int] = {}  # 1: on the current walk, 2: walked before
    for start in parent_of:
        path: list[str] = []
        node: object = start
        while isinstance(node, str) and node in parent_of and node not in state:
            state[node] = 1
            path.append(node)
            node = parent_of[node]
        if isinstance(node, str) and state.get(node) == 1:
            loop = path[path.index(node):]
            issues.error(file, UNIT.name, int(row_of[loop[0]]), "Kode Induk",
                         "Susunan unit melingkar: " + " → ".join([*loop, loop[0]]) + ".")
        state.update(dict.fromkeys(path, 2))
    if len(roots) == 1 and roots["kind"].iloc[0] not in (None, "OPD"):
        issues.warning(file, UNIT.name, int(roots["row"].iloc[0]), "Jenis Unit",
                       "Unit akar sebaiknya berjenis 'OPD'.")


def _validate_positions(positions: pd.DataFrame, units: pd.DataFrame, issues: IssueList,
                        file: str) -> None:
    _duplicates(positions, "code", issues, file, JABATAN, "Kode Jabatan")
    codes = set(units["code"].dropna())
    unknown = positions["unit"].notna() & ~positions["unit"].isin(codes)
    for code, unit, row in _flagged(positions, unknown, "code", "unit", "row"):
        issues.error(file, JABATAN.name, int(row), "Kode Unit",
                     f"Kode Unit '{unit}' dari jabatan '{code}' tidak ada di sheet Unit.")
    heads = positions.loc[positions["kind"].isin(STRUCTURAL)]
    extra = heads.duplicated("unit", keep="first")
    first = heads.drop_duplicates("unit").set_index("unit")["row"]
    for unit, row in _flagged(heads, extra, "unit", "row"):
        issues.error(file, JABATAN.name, int(row), "Jenis Jabatan",
                     f"Unit '{unit}' sudah punya kepala (jabatan struktural di baris "
                     f"{int(first[unit])}); satu unit paling banyak satu jabatan struktural.")
    over = positions["retiring"].notna() & (positions["retiring"] > positions["existing"])
    for ret, ex, row in _flagged(positions, over, "retiring", "existing", "row"):
        issues.error(file, JABATAN.name, int(row), "Pensiun 5 Tahun",
                     f"Pensiun 5 Tahun ({ret:g}) lebih besar dari Pegawai ({ex:g}).")
    if len(positions) == 0 and not issues.has_errors_in(file, JABATAN.name):
        issues.error(file, JABATAN.name, None, None,
                     "Sheet Jabatan tidak berisi satu jabatan pun; OPD tidak dapat dihitung.")


def _validate_tasks(tasks: pd.DataFrame, positions: pd.DataFrame, issues: IssueList, file: str,
                    settings: Settings) -> None:
    codes = set(positions["code"].dropna())
    unknown = tasks["position"].notna() & ~tasks["position"].isin(codes)
    for code, row in _flagged(tasks, unknown, "position", "row"):
        issues.error(file, BEBAN_KERJA.name, int(row), "Kode Jabatan",
                     f"Kode Jabatan '{code}' tidak ada di sheet Jabatan.")
    minutes = task_minutes(tasks, settings)
    limit = settings.hours_as_minutes_factor * settings.wke_minutes
    with np.errstate(invalid="ignore"):
        big = np.flatnonzero(minutes > limit)
    for i in big:
        issues.warning(file, BEBAN_KERJA.name, int(tasks["row"].iloc[i]), "Norma Waktu",
                       f"Tugas ini saja butuh {cells.fmt_cell(minutes[i] / 60)} jam/tahun, lebih "
                       f"dari {settings.hours_as_minutes_factor:g}× jam kerja efektif satu orang; "
                       "periksa apakah norma dalam jam tertulis sebagai menit, atau volume/periode "
                       "keliru.")


def _validate_maturity(mat: pd.DataFrame, issues: IssueList, file: str) -> pd.DataFrame:
    sheet = KEMATANGAN.name
    numbers: list[int | None] = []
    for raw, row in zip(mat["variable"], mat["row"], strict=True):
        n = parse_variable(raw)
        if n is None and raw is not None:
            issues.error(file, sheet, int(row), "Variabel",
                         f"Variabel '{raw}' tidak dikenal; gunakan I–XI, 1–11 atau nama resmi.")
        numbers.append(n)
    mat = mat.assign(variable=numbers)
    dup = mat["variable"].notna() & mat.duplicated("variable", keep="first")
    for n, row in _flagged(mat, dup, "variable", "row"):
        issues.error(file, sheet, int(row), "Variabel",
                     f"Variabel {VARIABLES[int(n) - 1].roman} muncul lebih dari sekali.")
    missing = [v for v in VARIABLES if v.number not in set(mat["variable"].dropna())]
    if missing:
        names = ", ".join(f"{v.roman} ({v.short})" for v in missing)
        issues.error(file, sheet, None, "Variabel",
                     f"Sheet Kematangan tidak lengkap: variabel {names} belum diisi; "
                     "ke-11 variabel harus ada masing-masing sekali.")
    return mat


def _validate_kelembagaan(kel: pd.DataFrame, issues: IssueList, file: str) -> pd.DataFrame:
    names: list[str | None] = []
    for raw, item, row in zip(kel["subdimension"], kel["item"], kel["row"], strict=True):
        sub = parse_subdimension(raw)
        if sub is None:
            issues.error(file, KELEMBAGAAN.name, int(row), "Subdimensi",
                         f"Subdimensi '{raw}' tidak dikenal (PermenPANRB 20/2018).")
        elif not math.isnan(item) and item > sub.items:
            issues.error(file, KELEMBAGAAN.name, int(row), "No",
                         f"Subdimensi {sub.name} hanya punya {sub.items} butir; No {item:g} "
                         "tidak ada.")
        names.append(sub.name if sub else None)
    kel = kel.assign(subdimension=names)
    dup = kel["subdimension"].notna() & kel.duplicated(["subdimension", "item"], keep="first")
    for sub, item, row in _flagged(kel, dup, "subdimension", "item", "row"):
        issues.error(file, KELEMBAGAAN.name, int(row), "No",
                     f"Butir {sub} No {item:g} muncul lebih dari sekali.")
    return kel


def _validate_retirements(ret: pd.DataFrame, positions: pd.DataFrame, year: object,
                          issues: IssueList, file: str) -> None:
    """Sheet Pensiun against Jabatan: known codes, one row per (position, year), no more
    retirements than staff, and the five-year sum beside column Pensiun 5 Tahun."""
    sheet = PENSIUN.name
    codes = set(positions["code"].dropna())
    unknown = ret["position"].notna() & ~ret["position"].isin(codes)
    for code, row in _flagged(ret, unknown, "position", "row"):
        issues.error(file, sheet, int(row), "Kode Jabatan",
                     f"Kode Jabatan '{code}' tidak ada di sheet Jabatan.")
    dup = ret["position"].notna() & ret["year"].notna() & ret.duplicated(
        ["position", "year"], keep="first")
    for code, y, row in _flagged(ret, dup, "position", "year", "row"):
        issues.error(file, sheet, int(row), "Tahun",
                     f"Jabatan '{code}' tahun {y:g} muncul lebih dari sekali.")
    known = ret.loc[ret["position"].isin(codes) & ret["count"].notna()]
    if known.empty:
        return
    start = int(year) if isinstance(year, (int, float)) and not math.isnan(year) else int(
        known["year"].min())
    end = start + RETIREMENT_YEARS - 1
    outside = known["year"].notna() & ((known["year"] < start) | (known["year"] > end))
    for code, y, row in _flagged(known, outside, "position", "year", "row"):
        issues.warning(file, sheet, int(row), "Tahun",
                       f"Tahun {y:g} (jabatan '{code}') di luar lima tahun rencana "
                       f"{start}–{end}; baris ini tidak dipakai untuk rencana formasi.")
    total = known.groupby("position")["count"].sum()
    window = known.loc[~outside].groupby("position")["count"].sum()
    pos = positions.drop_duplicates("code").set_index("code")
    for code, n in total.items():
        existing, row = pos.at[code, "existing"], int(pos.at[code, "row"])
        if not math.isnan(existing) and n > existing:
            issues.error(file, sheet, None, "Jumlah",
                         f"Jumlah pensiun jabatan '{code}' ({n:g}) lebih besar dari Pegawai "
                         f"({existing:g}, sheet Jabatan baris {row}).")
        five, col = window.get(code, 0.0), pos.at[code, "retiring"]
        if not math.isnan(col) and col != five:
            issues.warning(file, JABATAN.name, row, "Pensiun 5 Tahun",
                           f"Pensiun 5 Tahun jabatan '{code}' ({col:g}) tidak sama dengan "
                           f"jumlah sheet Pensiun {start}–{end} ({five:g}); rencana formasi "
                           "memakai sheet Pensiun.")


_SHEET_NAMES = frozenset(norm(n) for s in ALL_SHEETS for n in s.names)


def _parsed_sheet(name: str) -> bool:
    """Sheets the reader may parse (the guard measures only these)."""
    return norm(name) in _SHEET_NAMES


def read_workbook(data: bytes, file: str, settings: Settings | None = None) -> OpdWorkbook:
    """Read one OPD workbook from bytes. Never raises for bad input: see `issues`."""
    settings = settings or Settings()
    issues = IssueList()
    container = check_container(data, file, issues, sheets=_parsed_sheet)
    if container is None:
        return _failed(file, issues)
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(container.data or data))
    except _PARSER_FAILURES as exc:  # calamine's own errors: corrupt zip, bad XML, ...
        issues.error(file, None, None, None,
                     "File tidak dapat dibaca sebagai workbook Excel (.xlsx); mungkin rusak atau "
                     f"terpotong. Buka di Excel lalu simpan ulang sebagai .xlsx. ({type(exc).__name__})")
        return _failed(file, issues)
    try:
        return _read(wb, file, settings, issues, container)
    except _PARSER_FAILURES as exc:  # a defect or an input we did not foresee: an issue
        issues.error(file, None, None, None,
                     f"File tidak dapat dibaca ({type(exc).__name__}: {str(exc)[:120]}). "
                     "Periksa format workbook sesuai template.")
        return _failed(file, issues)
    finally:
        wb.close()


def _failed(file: str, issues: IssueList) -> OpdWorkbook:
    """A workbook that could not be read at all: empty frames and its issues."""
    return OpdWorkbook(file, {}, _empty(UNIT), _empty(JABATAN), _empty(BEBAN_KERJA), None, None,
                       issues=tuple(issues))


def _read(wb: pc.CalamineWorkbook, file: str, settings: Settings, issues: IssueList,
          container: Container) -> OpdWorkbook:
    reader = _SheetReader(issues, file, container)
    profile = _read_profile(wb, reader, issues, file)
    units = reader.table(wb, UNIT)
    positions = reader.table(wb, JABATAN)
    tasks = reader.table(wb, BEBAN_KERJA)
    maturity = reader.table(wb, KEMATANGAN)
    kelembagaan = reader.table(wb, KELEMBAGAAN)
    retirements = reader.table(wb, PENSIUN)
    if units is not None:
        _validate_units(units, issues, file)
    if positions is not None and units is not None:
        _validate_positions(positions, units, issues, file)
    if tasks is not None and positions is not None:
        _validate_tasks(tasks, positions, issues, file, settings)
    if maturity is not None:
        maturity = _validate_maturity(maturity, issues, file)
    if kelembagaan is not None:
        kelembagaan = _validate_kelembagaan(kelembagaan, issues, file)
    if retirements is not None and positions is not None:
        _validate_retirements(retirements, positions, profile.get("tahun"), issues, file)
    return OpdWorkbook(
        file=file,
        profile=profile,
        units=units if units is not None else _empty(UNIT),
        positions=positions if positions is not None else _empty(JABATAN),
        tasks=tasks if tasks is not None else _empty(BEBAN_KERJA),
        maturity=maturity,
        kelembagaan=kelembagaan,
        issues=tuple(issues),
        macro=container.macro,
        retirements=retirements,
    )


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
    except (*_PARSER_FAILURES, UnreadableSheet) as exc:
        issues.error(file, None, None, None,
                     "File tidak dapat dibaca sebagai workbook Excel (.xlsx); simpan ulang dari "
                     f"Excel lalu unggah lagi. ({type(exc).__name__})")
        return None
    return out
