"""Read and validate one OPD workbook (workbook.md) into frames plus a list of issues.

`read_workbook` never raises for bad input: every problem becomes an `Issue` naming the file,
sheet, Excel row and column with an Indonesian sentence. Errors stop that OPD from being
computed; warnings do not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pa_compute

from sotk_core.base.formulas import TaskBase
from sotk_core.base.issues import Issue, IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook import cells, rules
from sotk_core.workbook.grid import PANIC, PARSER_FAILURES, Book, open_book, read_sheet_rows
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
    parsed_sheet,
)
from sotk_core.workbook.table import read_table
from sotk_core.workbook.vocab import MAX_ITEMS, VARIABLES, parse_subdimension, parse_variable

__all__ = ["OpdWorkbook", "read_sheet_rows", "read_workbook"]
_PANIC = PANIC  # tests raise it to check that even a parser panic becomes an issue


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
    # what the tasks' minutes are made of, computed for the reader's own check; the city
    # hands it to the workload engine (None: computed there when needed)
    task_base: TaskBase | None = field(default=None, compare=False, repr=False)

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


_PROFILE_LABELS = {norm(f.label): f for f in PROFILE_FIELDS}


def _read_profile(book: Book, issues: IssueList, file: str) -> dict[str, object]:
    profile: dict[str, object] = {}
    table = rules.normalise_text(read_table(book, PROFIL), PROFIL, issues, file)
    if table is None:
        return profile
    rules.duplicate_profile_rows(table, (f.label for f in PROFILE_FIELDS), issues, file)
    for label, value, row in zip(rules.py_values(table["isian"]),
                                 rules.py_values(table["nilai"]), table["row"].tolist(),
                                 strict=True):
        spec = _PROFILE_LABELS.get(norm(label))
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


def _missing(value: object) -> bool:
    """A blank cell as the frames hold it: None (object column) or NaN (text column)."""
    return value is None or value != value  # noqa: PLR0124 (NaN)


def _duplicates(codes: list, rows: list, issues: IssueList, file: str, sheet: Sheet, key: str,
                what: str) -> None:
    """Each code seen before in the column: an error naming the row it was first used on."""
    first: dict[object, int] = {}
    for code, row in zip(codes, rows, strict=True):
        if _missing(code):
            continue
        if code in first:
            issues.error(file, sheet.name, int(row), sheet.column(key).header,
                         f"{what} '{code}' ganda; sudah dipakai di baris {int(first[code])}.")
        else:
            first[code] = row


def _validate_units(units: pd.DataFrame, issues: IssueList, file: str) -> None:
    code_list, parents = rules.py_values(units["code"]), rules.py_values(units["parent"])
    rows = units["row"].tolist()
    _duplicates(code_list, rows, issues, file, UNIT, "code", "Kode Unit")
    codes = {c for c in code_list if not _missing(c)}
    roots = [i for i, p in enumerate(parents) if _missing(p)]
    if not roots and len(units):
        issues.error(file, UNIT.name, None, "Kode Induk",
                     "Tidak ada unit akar: tepat satu baris (OPD itu sendiri) harus "
                     "berkode induk kosong.")
    for i in roots[1:]:
        issues.error(file, UNIT.name, int(rows[i]), "Kode Induk",
                     f"Kode Induk kosong; hanya satu unit (OPD) boleh tanpa induk, yaitu baris "
                     f"{int(rows[roots[0]])}.")
    for code, parent, row in zip(code_list, parents, rows, strict=True):
        if not _missing(parent) and parent not in codes:
            issues.error(file, UNIT.name, int(row), "Kode Induk",
                         f"Kode Induk '{parent}' dari unit '{code}' tidak ada di kolom Kode Unit.")
    # cycles: walk up from every unit once; blank codes (NaN in a pandas 3 string column)
    # are not units, so a walk only follows text codes and always ends
    parent_of = {c: p for c, p in zip(code_list, parents, strict=True) if isinstance(c, str)}
    row_of = dict(zip(code_list, rows, strict=True))
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
    if not issues.has_errors_in(file, UNIT.name):
        rules.check_depth(units, issues, file)
    if len(roots) == 1 and units["kind"].iat[roots[0]] not in (None, "OPD"):
        issues.warning(file, UNIT.name, int(rows[roots[0]]), "Jenis Unit",
                       "Unit akar sebaiknya berjenis 'OPD'.")


def _validate_positions(positions: pd.DataFrame, units: pd.DataFrame, issues: IssueList,
                        file: str) -> None:
    code_list, unit_list = rules.py_values(positions["code"]), rules.py_values(positions["unit"])
    rows = positions["row"].tolist()
    _duplicates(code_list, rows, issues, file, JABATAN, "code", "Kode Jabatan")
    rules.check_positions(positions, issues, file)
    codes = {c for c in rules.py_values(units["code"]) if not _missing(c)}
    for code, unit, row in zip(code_list, unit_list, rows, strict=True):
        if not _missing(unit) and unit not in codes:
            issues.error(file, JABATAN.name, int(row), "Kode Unit",
                         f"Kode Unit '{unit}' dari jabatan '{code}' tidak ada di sheet Unit.")
    head_row: dict[object, int] = {}  # unit -> row of its structural head (a blank unit too)
    structural = set(STRUCTURAL)
    for kind, unit, row in zip(rules.py_values(positions["kind"]), unit_list, rows,
                               strict=True):
        if kind not in structural:
            continue
        key = None if _missing(unit) else unit
        if key in head_row:
            issues.error(file, JABATAN.name, int(row), "Jenis Jabatan",
                         f"Unit '{unit}' sudah punya kepala (jabatan struktural di baris "
                         f"{int(head_row[key])}); satu unit paling banyak satu jabatan "
                         "struktural.")
        else:
            head_row[key] = row
    retiring = positions["retiring"].to_numpy(dtype="float64")
    existing = positions["existing"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        over = np.flatnonzero(retiring > existing)  # NaN on either side: not over
    for i in over:
        issues.error(file, JABATAN.name, int(rows[i]), "Pensiun 5 Tahun",
                     f"Pensiun 5 Tahun ({retiring[i]:g}) lebih besar dari Pegawai "
                     f"({existing[i]:g}).")
    if len(positions) == 0 and not issues.has_errors_in(file, JABATAN.name):
        issues.error(file, JABATAN.name, None, None,
                     "Sheet Jabatan tidak berisi satu jabatan pun; OPD tidak dapat dihitung.")


def _validate_tasks(tasks: pd.DataFrame, positions: pd.DataFrame, issues: IssueList, file: str,
                    settings: Settings) -> TaskBase:
    """Unknown positions and hours typed as minutes; returns the task minutes' factors (the
    workload engine reuses them)."""
    owner = tasks["position"]
    rows = tasks["row"].to_numpy()
    named = pa.array(owner.array)
    if pa.types.is_string(named.type) or pa.types.is_large_string(named.type):
        codes = pa.array([c for c in rules.py_values(positions["code"]) if isinstance(c, str)],
                         type=named.type)
        unknown = np.flatnonzero(~pa_compute.is_in(named, value_set=codes).to_numpy(
            zero_copy_only=False) & owner.notna().to_numpy(dtype=bool))
    else:  # no code at all in the column (or only blanks)
        unknown = np.flatnonzero([not _missing(c) and c not in set(positions["code"].tolist())
                                  for c in owner.tolist()])
    for i in unknown:
        issues.error(file, BEBAN_KERJA.name, int(rows[i]), "Kode Jabatan",
                     f"Kode Jabatan '{owner.iat[i]}' tidak ada di sheet Jabatan.")
    base = TaskBase.of(tasks)
    minutes = base.minutes(settings)
    refused = rules.check_tasks(tasks, minutes, settings, issues, file)
    limit = settings.hours_as_minutes_factor * settings.wke_minutes
    with np.errstate(invalid="ignore"):
        big = np.flatnonzero((minutes > limit) & ~refused)
    for i in big:
        issues.warning(file, BEBAN_KERJA.name, int(rows[i]), "Norma Waktu",
                       f"Tugas ini saja butuh {cells.fmt_cell(minutes[i] / 60)} jam/tahun, lebih "
                       f"dari {settings.hours_as_minutes_factor:g}× jam kerja efektif satu orang; "
                       "periksa apakah norma dalam jam tertulis sebagai menit, atau volume/periode "
                       "keliru.")
    return base


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
    seen: set[int] = set()
    for n, row in zip(numbers, mat["row"].tolist(), strict=True):
        if n is None:
            continue
        if n in seen:
            issues.error(file, sheet, int(row), "Variabel",
                         f"Variabel {VARIABLES[int(n) - 1].roman} muncul lebih dari sekali.")
        seen.add(n)
    missing = [v for v in VARIABLES if v.number not in seen]
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
        elif not math.isnan(item) and item > MAX_ITEMS[sub.name]:
            issues.error(file, KELEMBAGAAN.name, int(row), "No",
                         f"Subdimensi {sub.name} hanya punya {MAX_ITEMS[sub.name]} butir; "
                         f"No {item:g} tidak ada.")
        names.append(sub.name if sub else None)
    kel = kel.assign(subdimension=names)
    seen_items: set[tuple[str, float | None]] = set()
    for sub, item, row in zip(names, kel["item"].tolist(), kel["row"].tolist(), strict=True):
        if sub is None:
            continue
        key = (sub, None if _missing(item) else item)
        if key in seen_items:
            issues.error(file, KELEMBAGAAN.name, int(row), "No",
                         f"Butir {sub} No {item:g} muncul lebih dari sekali.")
        seen_items.add(key)
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
        if not pd.isna(existing) and n > existing:
            issues.error(file, sheet, None, "Jumlah",
                         f"Jumlah pensiun jabatan '{code}' ({n:g}) lebih besar dari Pegawai "
                         f"({existing:g}, sheet Jabatan baris {row}).")
        five, col = window.get(code, 0.0), pos.at[code, "retiring"]
        if not pd.isna(col) and col != five:  # None when the column could not be read
            issues.warning(file, JABATAN.name, row, "Pensiun 5 Tahun",
                           f"Pensiun 5 Tahun jabatan '{code}' ({col:g}) tidak sama dengan "
                           f"jumlah sheet Pensiun {start}–{end} ({five:g}); rencana formasi "
                           "memakai sheet Pensiun.")


def read_workbook(data: bytes, file: str, settings: Settings | None = None) -> OpdWorkbook:
    """Read one OPD workbook from bytes. Never raises for bad input: see `issues`."""
    settings = settings or Settings()
    issues = IssueList()
    book = open_book(data, file, issues, sheets=parsed_sheet)
    if book is None:
        return _failed(file, issues)
    try:
        return _read(book, file, settings, issues)
    except PARSER_FAILURES as exc:  # a defect or an input we did not foresee: an issue
        issues.error(file, None, None, None,
                     f"File tidak dapat dibaca ({type(exc).__name__}: {str(exc)[:120]}). "
                     "Periksa format workbook sesuai template.")
        return _failed(file, issues)
    finally:
        book.close()


def _failed(file: str, issues: IssueList) -> OpdWorkbook:
    """A workbook that could not be read at all: empty frames and its issues."""
    return OpdWorkbook(file, {}, _empty(UNIT), _empty(JABATAN), _empty(BEBAN_KERJA), None, None,
                       issues=tuple(issues))


def _read(book: Book, file: str, settings: Settings, issues: IssueList) -> OpdWorkbook:
    rules.duplicate_sheets(book.sheet_names, ALL_SHEETS, issues, file)
    profile = _read_profile(book, issues, file)
    units, positions, tasks, maturity, kelembagaan, retirements = (
        rules.normalise_text(read_table(book, sheet), sheet, issues, file)
        for sheet in (UNIT, JABATAN, BEBAN_KERJA, KEMATANGAN, KELEMBAGAAN, PENSIUN))
    if units is not None:
        _validate_units(units, issues, file)
    if positions is not None and units is not None:
        _validate_positions(positions, units, issues, file)
    task_base = None
    if tasks is not None and positions is not None:
        task_base = _validate_tasks(tasks, positions, issues, file, settings)
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
        macro=book.container.macro,
        retirements=retirements,
        task_base=task_base,
    )
