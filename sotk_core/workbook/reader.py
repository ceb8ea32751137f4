"""Read and validate one OPD workbook (workbook.md) into frames plus a list of issues.

`read_workbook` never raises for bad input: every problem becomes an `Issue` naming the file,
sheet, Excel row and column with an Indonesian sentence. Errors stop that OPD from being
computed; warnings do not.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import python_calamine as pc

from sotk_core.issues import Issue, IssueList
from sotk_core.kelembagaan import parse_subdimension
from sotk_core.maturity import VARIABLES, parse_variable
from sotk_core.settings import Settings
from sotk_core.workbook import cells
from sotk_core.workbook.guard import check_container
from sotk_core.workbook.spec import (
    BEBAN_KERJA,
    JABATAN,
    KELEMBAGAAN,
    KEMATANGAN,
    PROFIL,
    PROFILE_FIELDS,
    STRUCTURAL,
    UNIT,
    Column,
    Sheet,
    norm,
)

HEADER_SCAN_ROWS = 15  # headers may sit under a title block
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


class _SheetReader:
    """Locates headers in one sheet and parses its columns by the declared schema."""

    def __init__(self, issues: IssueList, file: str) -> None:
        self.issues = issues
        self.file = file

    def find_sheet(self, wb: pc.CalamineWorkbook, sheet: Sheet) -> str | None:
        by_norm = {norm(n): n for n in wb.sheet_names}
        for name in sheet.names:
            if norm(name) in by_norm:
                return by_norm[norm(name)]
        return None

    def rows(self, wb: pc.CalamineWorkbook, actual: str, sheet: Sheet) -> list[list] | None:
        ws = wb.get_sheet_by_name(actual)
        height = ws.height + ws.start[0] if ws.start else 0
        if height > MAX_DATA_ROWS + HEADER_SCAN_ROWS:
            # A bounded read: find the last row with a value in the first block of rows.
            data = ws.to_python(skip_empty_area=False, nrows=MAX_DATA_ROWS + HEADER_SCAN_ROWS)
            while data and all(cells.is_blank(v) for v in data[-1]):
                data.pop()
            if len(data) >= MAX_DATA_ROWS + HEADER_SCAN_ROWS:
                self.issues.error(self.file, sheet.name, None, None,
                                  f"Sheet '{actual}' berisi lebih dari {MAX_DATA_ROWS:,} baris "
                                  "data; pecah menjadi beberapa workbook.".replace(",", "."))
                return None
            return data
        return ws.to_python(skip_empty_area=False)

    def locate_header(self, data: list[list], sheet: Sheet, actual: str) -> tuple[int, dict[str, int]] | None:
        """Header row index (0-based) and column key -> column index."""
        best: tuple[int, dict[str, int]] | None = None
        for r, row in enumerate(data[:HEADER_SCAN_ROWS]):
            found = self._match_columns(row, sheet)
            if found and (best is None or len(found) > len(best[1])):
                best = (r, found)
        required = [c for c in sheet.columns if c.required]
        if best is None:
            expected = ", ".join(c.header for c in required)
            self.issues.error(self.file, actual, 1, None,
                              f"Baris judul kolom tidak ditemukan di {HEADER_SCAN_ROWS} baris "
                              f"pertama. Judul kolom yang diharapkan (baris 1): {expected}.")
            return None
        r, found = best
        for col in required:
            if col.key not in found:
                alias = f" (atau: {', '.join(col.aliases)})" if col.aliases else ""
                self.issues.error(self.file, actual, r + 1, col.header,
                                  f"Kolom wajib '{col.header}'{alias} tidak ditemukan pada baris "
                                  f"judul (baris {r + 1}).")
        if any(c.key not in found for c in required):
            return None
        return r, found

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

    def table(self, wb: pc.CalamineWorkbook, sheet: Sheet) -> pd.DataFrame | None:
        """Parsed frame for one table sheet (column keys + 'row'), None if unusable."""
        actual = self.find_sheet(wb, sheet)
        if actual is None:
            if sheet.required:
                alias = f" (atau '{sheet.aliases[0]}')" if sheet.aliases else ""
                self.issues.error(self.file, sheet.name, None, None,
                                  f"Sheet wajib '{sheet.name}'{alias} tidak ada di workbook.")
            return None
        data = self.rows(wb, actual, sheet)
        if data is None:
            return None
        located = self.locate_header(data, sheet, actual)
        if located is None:
            return None
        header_idx, colmap = located
        body = data[header_idx + 1:]
        width = max(colmap.values()) + 1
        # a row counts when any cell in the used columns holds something (0 counts)
        keep = [i for i, row in enumerate(body) if any(row[:width]) or 0.0 in row[:width]]
        excel_rows = np.asarray(keep, dtype="int64") + header_idx + 2
        frame: dict[str, object] = {"row": excel_rows}
        for col in sheet.columns:
            if col.key not in colmap:
                frame[col.key] = [col.default] * len(keep) if col.kind != "number" else np.full(len(keep), np.nan)
                continue
            ci = colmap[col.key]
            values = [body[i][ci] for i in keep]  # calamine rows are rectangular
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
    # cycles: walk up from every unit; a walk longer than the unit count loops
    parent_of = dict(zip(units["code"], units["parent"], strict=True))
    row_of = dict(zip(units["code"], units["row"], strict=True))
    reported: set[str] = set()
    for start in parent_of:
        seen: list[str] = []
        node: object = start
        while node is not None and node in parent_of and node not in seen:
            seen.append(str(node))
            node = parent_of[node]
        if node is not None and node in seen:
            loop = seen[seen.index(str(node)):]
            if not reported.intersection(loop):
                reported.update(loop)
                issues.error(file, UNIT.name, int(row_of[loop[0]]), "Kode Induk",
                             "Susunan unit melingkar: " + " → ".join([*loop, loop[0]]) + ".")
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
    factors = settings.factors
    period = tasks["period"].map(lambda p: factors.get(p or "Tahun", 1)).astype("float64")
    mult = np.where(tasks["time_unit"].to_numpy() == "Jam", 60.0, 1.0)
    minutes = tasks["volume"].to_numpy() * period.to_numpy() * tasks["norma"].to_numpy() * mult
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


def read_workbook(data: bytes, file: str, settings: Settings | None = None) -> OpdWorkbook:
    """Read one OPD workbook from bytes. Never raises for bad input: see `issues`."""
    settings = settings or Settings()
    issues = IssueList()
    container = check_container(data, file, issues)
    if container is None:
        return _failed(file, issues)
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine's own errors: corrupt zip, bad XML, ...
        issues.error(file, None, None, None,
                     "File tidak dapat dibaca sebagai workbook Excel (.xlsx); mungkin rusak atau "
                     f"terpotong. Buka di Excel lalu simpan ulang sebagai .xlsx. ({type(exc).__name__})")
        return _failed(file, issues)
    try:
        return _read(wb, file, settings, issues, container.macro)
    except Exception as exc:  # a defect or an input we did not foresee: still an issue
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
          macro: bool) -> OpdWorkbook:
    reader = _SheetReader(issues, file)
    profile = _read_profile(wb, reader, issues, file)
    units = reader.table(wb, UNIT)
    positions = reader.table(wb, JABATAN)
    tasks = reader.table(wb, BEBAN_KERJA)
    maturity = reader.table(wb, KEMATANGAN)
    kelembagaan = reader.table(wb, KELEMBAGAAN)
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
    return OpdWorkbook(
        file=file,
        profile=profile,
        units=units if units is not None else _empty(UNIT),
        positions=positions if positions is not None else _empty(JABATAN),
        tasks=tasks if tasks is not None else _empty(BEBAN_KERJA),
        maturity=maturity,
        kelembagaan=kelembagaan,
        issues=tuple(issues),
        macro=macro,
    )
