"""Save and reload a scenario as a small workbook, and the change list as a table.

Workbook layout:
* "Perubahan": one row per change (PERUBAHAN_HEADERS). `Jumlah/Nilai` holds the number of the
  change (staff, people moved, volume, norma, WKE hours); `Keterangan` is the Indonesian
  description and is ignored on reading.
* "Tugas Jabatan Baru": the tasks of positions added by the scenario, tied to the change by
  `No Perubahan`.
* "Pengaturan": the scenario name and the baseline settings the scenario was built on
  (`Settings.to_dict` keys); the scenario's own setting changes are rows of "Perubahan".
* "Petunjuk": a short explanation.
* Several scenarios in one file (`scenarios_to_xlsx`): sheet "Perubahan" has one more column
  `Skenario` (the scenario each change belongs to; `No` runs over the whole file) and sheet
  "Daftar Skenario" lists the names in order, so a scenario without changes is kept too.

Reading never raises on bad input: each change that cannot be read or no longer fits the data
becomes an `Issue` naming the sheet, Excel row and column, and is left out (reported, never
dropped silently). Numbers are written as Excel numbers (15 significant digits).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pandas as pd
import xlsxwriter

from sotk_core.base.issues import Issue, IssueList
from sotk_core.base.labels import ROUNDING_LABELS
from sotk_core.base.settings import PERIODS, Settings, rounding_mode
from sotk_core.model.city import CityData
from sotk_core.scenario.core import (
    KIND_LABELS,
    AddPosition,
    Change,
    MoveStaff,
    NewTask,
    RemovePosition,
    Scenario,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
    validate,
)
from sotk_core.scenario.settings_rows import read_settings_rows, settings_rows
from sotk_core.workbook import cells
from sotk_core.workbook.isolate import read_sheet_rows_isolated
from sotk_core.workbook.spec import JENIS_JABATAN, PERIODE, SATUAN_WAKTU, norm

SHEET_CHANGES = "Perubahan"
SHEET_TASKS = "Tugas Jabatan Baru"
SHEET_SETTINGS = "Pengaturan"
SHEET_HELP = "Petunjuk"
SHEET_LIST = "Daftar Skenario"
SCENARIO_HEADER = "Skenario"
DEFAULT_FILE = "skenario.xlsx"

# (key, header) of sheet Perubahan, in order.
PERUBAHAN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("no", "No"), ("jenis", "Jenis"), ("opd", "OPD"), ("code", "Kode"),
    ("to_opd", "OPD Tujuan"), ("to_code", "Kode Tujuan"), ("value", "Jumlah/Nilai"),
    ("row", "Baris Tugas"), ("unit_code", "Kode Unit"), ("name", "Nama Jabatan"),
    ("kind", "Jenis Jabatan"), ("grade", "Kelas Jabatan"), ("rounding", "Pembulatan"),
    ("description", "Keterangan"),
)
PERUBAHAN_HEADERS = [h for _, h in PERUBAHAN_COLUMNS]
_HEADER = dict(PERUBAHAN_COLUMNS)
TASK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("no", "No Perubahan"), ("task", "Uraian Tugas"), ("output", "Satuan Hasil"),
    ("volume", "Volume"), ("period", "Periode"), ("norma", "Norma Waktu"),
    ("time_unit", "Satuan Waktu"),
)
# ScenarioError.field -> column key of sheet Perubahan.
_FIELD_COLUMN = {"opd": "opd", "position_code": "code", "code": "code", "to_opd": "to_opd",
                 "to_code": "to_code", "value": "value", "count": "value", "volume": "value",
                 "norma": "value", "wke_hours": "value", "row": "row", "unit_code": "unit_code",
                 "name": "name", "kind": "kind", "grade": "grade", "rounding": "rounding",
                 "tasks": "value"}
# Rows of sheet Pengaturan: setting -> what column Kunci says (files written before these
# Indonesian names, with the setting ids themselves as Kunci, are read too).
SETTING_KEYS: dict[str, str] = {
    "nama_skenario": "Nama skenario", "preset": "Preset",
    "wke_hours": "Jam kerja efektif (jam/tahun)", "rounding": "Pembulatan kebutuhan pegawai"}


def _period_key(period: str) -> str:
    return f"Faktor periode {period}"


_SETTING_BY_KEY = {norm(v): k for k, v in SETTING_KEYS.items()} | {
    norm(_period_key(p)): f"period_factors.{p}" for p in PERIODS}
_KIND_BY_LABEL = {norm(label): cls for cls, label in KIND_LABELS.items()} | {
    norm(cls.change_kind): cls for cls in KIND_LABELS}
HELP_TEXT = (
    "Workbook skenario SOTK Dashboard (analisis 'bagaimana jika' kebutuhan pegawai).",
    "Sheet Perubahan: satu baris per perubahan, diterapkan berurutan di atas data awal.",
    "Jenis: " + "; ".join(KIND_LABELS.values()) + ".",
    "Jumlah/Nilai: jumlah pegawai (ubah/pindah/tambah), volume, norma waktu, atau WKE (jam).",
    "Baris Tugas: nomor baris tugas di sheet Beban Kerja workbook OPD.",
    "Sheet Tugas Jabatan Baru: tugas jabatan yang ditambahkan, dikaitkan lewat No Perubahan.",
    "Sheet Pengaturan: pengaturan perhitungan awal saat skenario disimpan.",
    "Kolom Keterangan hanya penjelasan; diabaikan saat skenario dimuat ulang.",
)


def _record(change: Change) -> dict[str, object]:
    rec: dict[str, object] = {"jenis": KIND_LABELS[type(change)]}
    if isinstance(change, SetExisting):
        rec |= {"opd": change.opd, "code": change.position_code, "value": change.value}
    elif isinstance(change, MoveStaff):
        rec |= {"opd": change.from_opd, "code": change.from_code, "to_opd": change.to_opd,
                "to_code": change.to_code, "value": change.count}
    elif isinstance(change, AddPosition):
        rec |= {"opd": change.opd, "code": change.code, "value": change.existing,
                "unit_code": change.unit_code, "name": change.name, "kind": change.kind,
                "grade": change.grade}
    elif isinstance(change, RemovePosition):
        rec |= {"opd": change.opd, "code": change.code}
    elif isinstance(change, SetTaskVolume):
        rec |= {"opd": change.opd, "code": change.position_code, "row": change.row,
                "value": change.volume}
    elif isinstance(change, SetTaskNorma):
        rec |= {"opd": change.opd, "code": change.position_code, "row": change.row,
                "value": change.norma}
    elif isinstance(change, SetSettings):
        rec |= {"value": change.wke_hours,
                "rounding": ROUNDING_LABELS.get(change.rounding, change.rounding)
                if change.rounding is not None else None}
    return rec


def scenario_changes_frame(scenario: Scenario, city: CityData | None) -> pd.DataFrame:
    """One row per change with Indonesian headers (PERUBAHAN_HEADERS), for exports."""
    descriptions = scenario.describe(city)
    rows = [{"no": i, **_record(c), "description": d}
            for i, (c, d) in enumerate(zip(scenario.changes, descriptions, strict=True), start=1)]
    frame = pd.DataFrame(rows, columns=[k for k, _ in PERUBAHAN_COLUMNS])
    return frame.rename(columns=_HEADER)


def scenario_to_xlsx(scenario: Scenario, settings: Settings, city: CityData | None = None
                     ) -> bytes:
    """The scenario as workbook bytes; `settings` are the baseline settings in use."""
    return _to_xlsx([scenario], settings, city, several=False)


def scenarios_to_xlsx(scenarios: Sequence[Scenario], settings: Settings,
                      city: CityData | None = None) -> bytes:
    """Every scenario in one workbook (reloaded with `scenarios_from_xlsx`)."""
    return _to_xlsx(list(scenarios), settings, city, several=True)


def _to_xlsx(scenarios: list[Scenario], settings: Settings, city: CityData | None,
             several: bool) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#0072B2", "font_color": "white",
                          "border": 1, "text_wrap": True, "valign": "top"})
    rows: list[tuple] = []
    task_rows: list[tuple] = []
    no = 0
    for scenario in scenarios:
        frame = scenario_changes_frame(scenario, city)
        for values, change in zip(frame.itertuples(index=False), scenario.changes, strict=True):
            no += 1
            rows.append((no, *values[1:], *([scenario.name] if several else [])))
            if isinstance(change, AddPosition):
                task_rows += [(no, t.task, t.output, t.volume, t.period, t.norma, t.time_unit)
                              for t in change.tasks]
    headers = PERUBAHAN_HEADERS + ([SCENARIO_HEADER] if several else [])
    _write_table(wb, SHEET_CHANGES, headers, rows, head,
                 {"Keterangan": 80, "OPD": 28, "OPD Tujuan": 28, "Nama Jabatan": 28,
                  SCENARIO_HEADER: 24})
    _write_table(wb, SHEET_TASKS, [h for _, h in TASK_COLUMNS], task_rows, head,
                 {"Uraian Tugas": 50})
    data = settings.to_dict()
    first = scenarios[0].name if scenarios else "Skenario"
    rows = [(SETTING_KEYS["nama_skenario"], first, "Nama yang tampil di halaman Simulasi"),
            (SETTING_KEYS["preset"], data["preset"], "Preset pengaturan awal"),
            (SETTING_KEYS["wke_hours"], data["wke_hours"], "Per pegawai per tahun"),
            (SETTING_KEYS["rounding"], ROUNDING_LABELS.get(str(data["rounding"]),
                                                           str(data["rounding"])),
             "Cara membulatkan kebutuhan pegawai")]
    rows += [(_period_key(p), f, "Kali per tahun")
             for p, f in dict(data["period_factors"]).items()]  # type: ignore[call-overload]
    rows += settings_rows(settings)
    _write_table(wb, SHEET_SETTINGS, ["Kunci", "Nilai", "Keterangan"], rows, head,
                 {"Kunci": 24, "Nilai": 22, "Keterangan": 45})
    if several:
        _write_table(wb, SHEET_LIST, ["No", SCENARIO_HEADER, "Jumlah perubahan"],
                     [(i, sc.name, len(sc)) for i, sc in enumerate(scenarios, start=1)], head,
                     {SCENARIO_HEADER: 40, "Jumlah perubahan": 18})
    ws = wb.add_worksheet(SHEET_HELP)
    ws.set_column(0, 0, 110)
    help_text = HELP_TEXT + ((f"Berisi {len(scenarios)} skenario (sheet {SHEET_LIST}); kolom "
                              f"{SCENARIO_HEADER} di sheet {SHEET_CHANGES} menyebut skenario "
                              "setiap perubahan.",) if several else ())
    for r, line in enumerate(help_text):
        ws.write_string(r, 0, line)
    wb.close()
    return buf.getvalue()


def _write_table(wb: xlsxwriter.Workbook, name: str, headers: list[str], rows: object,
                 head: object, widths: dict[str, int]) -> None:
    ws = wb.add_worksheet(name)
    for c, h in enumerate(headers):
        ws.write_string(0, c, h, head)
        ws.set_column(c, c, widths.get(h, 14))
    for r, values in enumerate(rows, start=1):  # type: ignore[call-overload]
        for c, v in enumerate(values):
            if v is None or (isinstance(v, float) and v != v):
                continue
            if isinstance(v, bool):
                ws.write_string(r, c, "Ya" if v else "Tidak")
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, float(v))
            else:
                ws.write_string(r, c, str(v))
    ws.freeze_panes(1, 0)


# --- reading ----------------------------------------------------------------------------


class _Sheet:
    """A sheet as header -> column index plus data rows with their Excel row numbers."""

    def __init__(self, data: list[list], headers: dict[str, str]) -> None:
        wanted = {norm(h): key for key, h in headers.items()}
        first = data[0] if data else []
        self.cols = {wanted[norm(v)]: i for i, v in enumerate(first) if norm(v) in wanted}
        self.rows = [(r + 2, row) for r, row in enumerate(data[1:])
                     if any(not cells.is_blank(v) for v in row)]

    @staticmethod
    def cell(row: list, col: int | None) -> object:
        return row[col] if col is not None and col < len(row) else None


def scenario_from_xlsx(data: bytes, city: CityData, file: str = DEFAULT_FILE
                       ) -> tuple[Scenario, Settings, list[Issue]]:
    """The scenario, the baseline settings saved with it, and the problems found. Changes with
    problems are left out of the scenario, each reported with sheet, row and column. (A file
    of several scenarios gives its first one: see `scenarios_from_xlsx`.)"""
    found, settings, issues = scenarios_from_xlsx(data, city, file)
    return (found[0] if found else Scenario(name="Skenario")), settings, issues


def scenarios_from_xlsx(data: bytes, city: CityData, file: str = DEFAULT_FILE
                        ) -> tuple[list[Scenario], Settings, list[Issue]]:
    """Every scenario of a scenario workbook (one, or several from `scenarios_to_xlsx`), in
    file order, with the baseline settings and the problems found (as `scenario_from_xlsx`)."""
    issues = IssueList()
    found = read_sheet_rows_isolated(
        data, file, (SHEET_CHANGES, SHEET_TASKS, SHEET_SETTINGS, SHEET_LIST), issues)
    if found is None:
        return [], Settings(), list(issues)
    changes_data, tasks_data, settings_data = (found.get(SHEET_CHANGES), found.get(SHEET_TASKS),
                                               found.get(SHEET_SETTINGS))

    name, settings = _read_settings(settings_data, file, issues)
    names = _read_names(found.get(SHEET_LIST)) or [name]
    if changes_data is None:
        issues.error(file, SHEET_CHANGES, None, None,
                     f"Sheet '{SHEET_CHANGES}' tidak ada; workbook ini bukan workbook skenario.")
        return [Scenario(name=n) for n in names], settings, list(issues)
    sheet = _Sheet(changes_data, {**_HEADER, "scenario": SCENARIO_HEADER})
    missing = [_HEADER[k] for k in ("jenis", "opd", "code", "value") if k not in sheet.cols]
    for header in missing:
        issues.error(file, SHEET_CHANGES, 1, header,
                     f"Kolom '{header}' tidak ditemukan di baris judul sheet {SHEET_CHANGES}.")
    if missing:
        return [Scenario(name=n) for n in names], settings, list(issues)
    tasks, task_rows = _read_tasks(tasks_data, file, issues)

    parsed: dict[str, list[tuple[int, Change, list[int]]]] = {n: [] for n in names}
    for excel_row, row in sheet.rows:
        change = _parse_change(sheet, row, excel_row, tasks, file, issues)
        if change is None:
            continue
        raw = sheet.cell(row, sheet.cols.get("scenario"))
        owner = (None if cells.is_blank(raw) else cells.parse_text(raw)[0]) or names[0]
        no = _no(sheet, row, excel_row)
        parsed.setdefault(owner, []).append((excel_row, change, task_rows.get(no, [])))
    out = [Scenario(name=n, changes=_valid(items, city, settings, file, issues))
           for n, items in parsed.items()]
    return out, settings, list(issues)


def _read_names(data: list[list] | None) -> list[str]:
    if not data:
        return []
    sheet = _Sheet(data, {"name": SCENARIO_HEADER})
    raw = [sheet.cell(row, sheet.cols.get("name")) for _, row in sheet.rows]
    names = [cells.parse_text(v)[0] for v in raw if not cells.is_blank(v)]
    return list(dict.fromkeys(n for n in names if n))


def _valid(parsed: list[tuple[int, Change, list[int]]], city: CityData, settings: Settings,
           file: str, issues: IssueList) -> tuple[Change, ...]:
    """The changes that fit `city`; every other one becomes an issue at its row."""
    problems = validate(city, Scenario(changes=tuple(c for _, c, _ in parsed)), settings)
    bad = set()
    for p in problems:
        excel_row, _, trows = parsed[p.index or 0]
        bad.add(p.index)
        if p.field == "tasks" and trows:
            issues.error(file, SHEET_TASKS, trows[0], None, "Tugas jabatan baru (perubahan "
                         f"baris {excel_row} sheet {SHEET_CHANGES}): {p.message}")
        else:
            column = _HEADER[_FIELD_COLUMN.get(p.field or "", "jenis")]
            issues.error(file, SHEET_CHANGES, excel_row, column,
                         f"Perubahan tidak cocok dengan data dan tidak dipakai: {p.message}")
    return tuple(c for i, (_, c, _) in enumerate(parsed) if i not in bad)


def _no(sheet: _Sheet, row: list, excel_row: int) -> int:
    value, problem = cells.parse_int(sheet.cell(row, sheet.cols.get("no")))
    return value if value is not None and problem is None else -excel_row


def _read_settings(data: list[list] | None, file: str, issues: IssueList
                   ) -> tuple[str, Settings]:
    if data is None:
        issues.warning(file, SHEET_SETTINGS, None, None, f"Sheet '{SHEET_SETTINGS}' tidak "
                       "ada; pengaturan bawaan (PermenPANRB 1/2020, 1.250 jam) dipakai.")
        return "Skenario", Settings()
    sheet = _Sheet(data, {"key": "Kunci", "value": "Nilai"})
    values: dict[str, tuple[object, int]] = {}
    for excel_row, row in sheet.rows:
        key, _ = cells.parse_text(sheet.cell(row, sheet.cols.get("key")))
        if key:
            key = _SETTING_BY_KEY.get(norm(key), key)
            values[key] = (sheet.cell(row, sheet.cols.get("value")), excel_row)
    name_cell = values.get("nama_skenario", ("Skenario", 0))[0]
    name = cells.parse_text(name_cell)[0] or "Skenario"
    raw: dict[str, object] = {"preset": str(values.get("preset", ("", 0))[0] or "")}
    factors: dict[str, int] = {}
    for key, (value, excel_row) in values.items():
        if key in ("wke_hours",) or key.startswith("period_factors."):
            number, problem = cells.parse_number(value)
            if problem or number is None or number <= 0:
                issues.error(file, SHEET_SETTINGS, excel_row, "Nilai",
                             f"Nilai '{key}' {problem or 'harus lebih dari 0'}; pengaturan "
                             "bawaan dipakai untuk isian ini.")
                continue
            if key == "wke_hours":
                raw["wke_hours"] = number
            elif key.split(".", 1)[1] in PERIODS:
                factors[key.split(".", 1)[1]] = int(number)
        elif key == "rounding":
            raw["rounding"] = rounding_mode(value) or str(value)
    if factors:
        raw["period_factors"] = factors
    if not raw.get("preset"):
        raw.pop("preset", None)
    try:
        return name, read_settings_rows(Settings.from_dict(raw), values, file, SHEET_SETTINGS,
                                        issues)
    except ValueError as exc:
        issues.error(file, SHEET_SETTINGS, None, "Nilai",
                     f"Pengaturan tidak sah ({exc}); pengaturan bawaan dipakai.")
        return name, Settings()


def _read_tasks(data: list[list] | None, file: str, issues: IssueList
                ) -> tuple[dict[int, list[NewTask]], dict[int, list[int]]]:
    tasks: dict[int, list[NewTask]] = {}
    rows: dict[int, list[int]] = {}
    if not data:
        return tasks, rows
    headers = dict(TASK_COLUMNS)
    sheet = _Sheet(data, headers)
    for excel_row, row in sheet.rows:
        def get(key: str, parser: Callable[[object], tuple[object, str | None]],
                row: list = row, excel_row: int = excel_row) -> object:
            raw = sheet.cell(row, sheet.cols.get(key))
            if cells.is_blank(raw):
                return None
            value, problem = parser(raw)
            if problem:
                issues.error(file, SHEET_TASKS, excel_row, headers[key],
                             f"Kolom {headers[key]} {problem}; tugas ini tidak dipakai.")
                raise ValueError
            return value

        try:
            no = get("no", cells.parse_int)
            task = NewTask(task=str(get("task", cells.parse_text) or ""),
                           volume=get("volume", cells.parse_number),  # type: ignore[arg-type]
                           period=get("period", lambda v: cells.parse_enum(v, PERIODE))
                           or "Tahun",  # type: ignore[arg-type]
                           norma=get("norma", cells.parse_number),  # type: ignore[arg-type]
                           time_unit=get("time_unit", lambda v: cells.parse_enum(
                               v, SATUAN_WAKTU)) or "Menit",  # type: ignore[arg-type]
                           output=get("output", cells.parse_text))  # type: ignore[arg-type]
        except ValueError:
            continue
        if no is None:
            issues.error(file, SHEET_TASKS, excel_row, headers["no"],
                         "No Perubahan kosong; tugas ini tidak terkait dengan perubahan mana pun.")
            continue
        tasks.setdefault(int(no), []).append(task)  # type: ignore[arg-type]
        rows.setdefault(int(no), []).append(excel_row)  # type: ignore[arg-type]
    return tasks, rows


_Parser = Callable[[object], tuple[object, str | None]]
_TEXT, _CODE = cells.parse_text, cells.parse_code
_INT, _NUM = cells.parse_int, cells.parse_number
_JENIS: _Parser = lambda v: cells.parse_enum(v, JENIS_JABATAN)  # noqa: E731


def _rounding(value: object) -> tuple[object, str | None]:
    """A rounding mode by its Indonesian name or its code; unknown text is kept as written,
    so the change's own check names it."""
    text, problem = cells.parse_text(value)
    return (rounding_mode(text) or text, problem)


# Per change type: (column key, argument name, parser, required).
_SPEC: dict[type, tuple[tuple[str, str, _Parser, bool], ...]] = {
    SetExisting: (("opd", "opd", _TEXT, True), ("code", "position_code", _CODE, True),
                  ("value", "value", _INT, True)),
    MoveStaff: (("opd", "from_opd", _TEXT, True), ("code", "from_code", _CODE, True),
                ("to_opd", "to_opd", _TEXT, False), ("to_code", "to_code", _CODE, True),
                ("value", "count", _INT, True)),
    AddPosition: (("opd", "opd", _TEXT, True), ("unit_code", "unit_code", _CODE, True),
                  ("code", "code", _CODE, True), ("name", "name", _TEXT, True),
                  ("kind", "kind", _JENIS, False), ("value", "existing", _INT, False),
                  ("grade", "grade", _INT, False)),
    RemovePosition: (("opd", "opd", _TEXT, True), ("code", "code", _CODE, True)),
    SetTaskVolume: (("opd", "opd", _TEXT, True), ("code", "position_code", _CODE, True),
                    ("row", "row", _INT, True), ("value", "volume", _NUM, True)),
    SetTaskNorma: (("opd", "opd", _TEXT, True), ("code", "position_code", _CODE, True),
                   ("row", "row", _INT, True), ("value", "norma", _NUM, True)),
    SetSettings: (("value", "wke_hours", _NUM, False), ("rounding", "rounding", _rounding,
                                                          False)),
}


def _parse_change(sheet: _Sheet, row: list, excel_row: int, tasks: dict[int, list[NewTask]],
                  file: str, issues: IssueList) -> Change | None:
    text, _ = cells.parse_text(sheet.cell(row, sheet.cols.get("jenis")) or "")
    cls = _KIND_BY_LABEL.get(norm(text))
    if cls is None:
        issues.error(file, SHEET_CHANGES, excel_row, _HEADER["jenis"],
                     f"Jenis perubahan '{text}' tidak dikenal; pilihan: "
                     + ", ".join(KIND_LABELS.values()) + ". Baris ini tidak dipakai.")
        return None
    args: dict[str, object] = {}
    ok = True
    for key, arg, parser, required in _SPEC[cls]:
        raw = sheet.cell(row, sheet.cols.get(key))
        if cells.is_blank(raw):
            if required:
                issues.error(file, SHEET_CHANGES, excel_row, _HEADER[key],
                             f"Kolom {_HEADER[key]} harus diisi untuk perubahan "
                             f"'{KIND_LABELS[cls]}'; baris ini tidak dipakai.")
                ok = False
            continue
        value, problem = parser(raw)
        if problem:
            issues.error(file, SHEET_CHANGES, excel_row, _HEADER[key],
                         f"Kolom {_HEADER[key]} {problem}; baris ini tidak dipakai.")
            ok = False
        args[arg] = value
    if not ok:
        return None
    if cls is MoveStaff:
        args.setdefault("to_opd", args["from_opd"])
    if cls is AddPosition:
        args["tasks"] = tuple(tasks.get(_no(sheet, row, excel_row), ()))
    return cls(**args)
