"""Live formulas in the results workbook, so a person can retrace and change the ABK in Excel.

* Sheet "Parameter": WKE (jam/tahun), the period factors and the EJ/EU grade limits as plain
  cells with defined names (WKE, FAKTOR, BATAS_A ... BATAS_D): change one and everything
  below follows.
* Sheet "Tugas": one row per task with `volume × faktor periode × norma (× 60 for Jam)` in
  minutes, the hours (÷ 60) and the decimal need (hours ÷ WKE) as formulas.
* Sheets "Jabatan", "Unit" and "OPD" keep their columns and values, but the workload, decimal
  need, need (rounded as the settings say), gap, surplus, shortage, EJ/EU and PJ/PU cells are
  formulas over "Tugas" (positions) and over "Jabatan" (units and OPDs, through the optional
  column "Jalur unit": the unit codes from the OPD down to the position's unit).

Every formula cell carries the product's own value as its cached result, so a reader that
does not recalculate (a viewer, pandas) sees exactly the figures of the page and the JSON.
Excel and LibreOffice recalculate on opening and get the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from sotk_core.base.settings import Settings
from sotk_core.base.tables import PER_HOUR
from sotk_core.model.evaluate import Evaluation

TASK_SHEET = "Tugas"
PARAM_SHEET = "Parameter"
PATH_COLUMN = "unit_path"
PATH_HEADER = "Jalur unit (untuk rumus)"
TASK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("opd", "OPD"), ("position", "Kode jabatan"), ("position_name", "Jabatan"),
    ("row", "Baris di Beban Kerja"), ("task", "Uraian tugas"), ("output", "Satuan hasil"),
    ("volume", "Volume"), ("period", "Periode"), ("factor", "Faktor periode (kali/tahun)"),
    ("norma", "Norma waktu"), ("time_unit", "Satuan waktu"), ("minutes", "Menit/tahun"),
    ("hours", "Jam/tahun"), ("need_raw", "Kebutuhan desimal (orang)"),
)
_ROUND = {"half_up": "ROUND", "ceil": "ROUNDUP", "floor": "ROUNDDOWN"}


def plain_formulas(ws: Any) -> Any:
    """Write this worksheet's formulas as given. xlsxwriter runs some 30 regular expressions
    over every formula to prefix Excel 365 functions (FILTER, XLOOKUP, ...); these sheets use
    none of them, and on a city of 2.000 tasks the expressions took half the file's time."""
    def prepare(formula: str, expand_future_functions: bool = False) -> str:
        return formula[1:] if formula.startswith("=") else formula

    ws._prepare_formula = prepare
    return ws


def _col(columns: Sequence[str], name: str) -> str:
    return xl_col_to_name(list(columns).index(name))


def _value(v: object) -> float | str:
    """The cached result of a formula cell: the number, or "" for a missing value."""
    if v is None:
        return ""
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(v)
    return "" if math.isnan(f) else f


def _crit(text: object) -> str:
    """A SUMIFS criterion matching `text` literally (wildcards and operators escaped)."""
    s = str(text).replace("~", "~~").replace("*", "~*").replace("?", "~?").replace('"', '""')
    return f'"={s}"'


def _grade(cell: str, settings: Settings, labels: bool = False) -> str:
    """Nested IF giving the grade letter (or its label) of `cell` from the BATAS_* names,
    the same rule as sotk_core.base.formulas.grade: > A, then >= each lower limit."""
    bands = settings.ej_bands
    pick = 1 if labels else 0
    out = f'"{bands[-1][pick]}"'
    for k in range(len(bands) - 2, -1, -1):
        op = ">" if k == 0 else ">="
        out = f'IF({cell}{op}BATAS_{bands[k][0]},"{bands[k][pick]}",{out})'
    return f'IF({cell}="","",{out})'


def _round_need(expr: str, settings: Settings) -> str:
    """The need in whole staff, as sotk_core.base.fmt.round_need: snapped to 9 decimals first
    (1,2 × 3 is 3,5999999... in floats); min1: at least 1 when there is any workload."""
    if settings.rounding == "min1":
        return f"IF({expr}>0,MAX(ROUND(ROUND({expr},9),0),1),ROUND(ROUND({expr},9),0))"
    return f"{_ROUND[settings.rounding]}(ROUND({expr},9),0)"


# ---- sheet Parameter ---------------------------------------------------------------------


def write_parameter_sheet(book: Any, settings: Settings) -> Any:
    """WKE, the period factors and the grade limits, each a named cell."""
    wb = book.wb
    ws = wb.add_worksheet(PARAM_SHEET)
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 16)
    ws.write_string(0, 0, "Parameter rumus (ubah di sini: semua rumus mengikuti)", book.title)
    ws.write_string(2, 0, "Jam kerja efektif (WKE, jam/tahun)")
    ws.write_number(2, 1, float(settings.wke_hours))
    wb.define_name("WKE", f"={PARAM_SHEET}!$B$3")
    ws.write_string(4, 0, "Periode", book.head)
    ws.write_string(4, 1, "Faktor (kali/tahun)", book.head)
    factors = list(settings.factors.items())
    for i, (period, factor) in enumerate(factors, start=5):
        ws.write_string(i, 0, period)
        if period == PER_HOUR:  # per working hour: as many times a year as the WKE hours
            ws.write_formula(i, 1, "=WKE", None, float(factor))
        else:
            ws.write_number(i, 1, float(factor))
    last = 5 + len(factors)
    wb.define_name("FAKTOR", f"={PARAM_SHEET}!$A$6:$B${last}")
    row = last + 1
    ws.write_string(row, 0, "Predikat EJ/EU", book.head)
    ws.write_string(row, 1, "Batas bawah", book.head)
    for letter, name, lower in settings.ej_bands[:-1]:
        row += 1
        op = "lebih dari" if letter == settings.ej_bands[0][0] else "mulai"
        ws.write_string(row, 0, f"{letter} ({name}): EJ/EU {op}")
        ws.write_number(row, 1, float(lower))
        wb.define_name(f"BATAS_{letter}", f"={PARAM_SHEET}!$B${row + 1}")
    row += 2
    ws.write_string(row, 0, "Pembulatan kebutuhan: " + {
        "half_up": "ROUND (mulai ,5 ke atas)", "ceil": "ROUNDUP (selalu ke atas)",
        "floor": "ROUNDDOWN (selalu ke bawah)",
        "min1": "minimal 1 orang bila ada beban, selain itu ROUND (mulai ,5 ke atas)",
    }[settings.rounding])
    ws.write_string(row + 1, 0, "Menit/tahun = volume × faktor periode × norma waktu "
                                "(× 60 bila satuan waktu Jam); jam = menit ÷ 60; kebutuhan "
                                "desimal = jam ÷ WKE; EJ = kebutuhan desimal ÷ pegawai ada. "
                                "Faktor periode Jam (per jam kerja) = WKE.")
    return ws


# ---- sheet Tugas -------------------------------------------------------------------------


def task_frame(ev: Evaluation) -> pd.DataFrame:
    """The tasks counted in the computation (those of a known position), with its name."""
    tasks = ev.workload.tasks
    tasks = tasks.loc[tasks["pid"] >= 0]
    names = ev.workload.positions.set_index(["opd", "code"])["name"]
    keys = list(zip(tasks["opd"], tasks["position"], strict=True))
    return tasks.assign(position_name=[names.get(k, "") for k in keys],
                        factor=tasks["period"].fillna("Tahun").map(ev.settings.factors)
                        .fillna(1).to_numpy(dtype="float64"),
                        need_raw=tasks["hours"].to_numpy() / ev.settings.wke_hours)


def write_task_sheet(book: Any, ev: Evaluation) -> int:
    """Sheet Tugas; returns its number of task rows."""
    frame = task_frame(ev)
    cols = [c for c, _ in TASK_COLUMNS]
    ws = plain_formulas(book.table(TASK_SHEET, frame, cols, headers=dict(TASK_COLUMNS)))
    c = {k: _col(cols, k) for k in ("volume", "period", "factor", "norma", "time_unit",
                                   "minutes", "hours")}
    fmt = book.fmts
    for r, (factor, minutes, hours, need) in enumerate(zip(
            frame["factor"], frame["minutes"], frame["hours"], frame["need_raw"], strict=True),
            start=1):
        n = r + 1
        ws.write_formula(r, cols.index("factor"),
                         f'=IFERROR(VLOOKUP({c["period"]}{n},FAKTOR,2,FALSE),1)', None, factor)
        ws.write_formula(r, cols.index("minutes"),
                         f'={c["volume"]}{n}*{c["factor"]}{n}*{c["norma"]}{n}'
                         f'*IF({c["time_unit"]}{n}="Jam",60,1)', None, _value(minutes))
        ws.write_formula(r, cols.index("hours"), f'={c["minutes"]}{n}/60',
                         fmt["workload_hours"], _value(hours))
        ws.write_formula(r, cols.index("need_raw"), f'={c["hours"]}{n}/WKE',
                         fmt["need_raw"], _value(need))
    return len(frame)


# ---- positions, units, OPDs --------------------------------------------------------------


def unit_paths(ev: Evaluation) -> pd.Series:
    """Per position: '|<OPD code>|<bidang code>|<seksi code>|' down to its own unit, so a
    unit's row sums the positions whose path contains its code."""
    units = ev.city.units
    code = dict(zip(units["uid"].astype(int), units["code"].astype(str), strict=True))
    parent = dict(zip(units["uid"].astype(int), units["parent_uid"].astype(int), strict=True))
    cache: dict[int, str] = {}

    def path(uid: int) -> str:
        if uid < 0:
            return ""
        if uid not in cache:
            cache[uid] = path(parent.get(uid, -1)) + f"|{code[uid]}"
        return cache[uid]

    pos = ev.workload.positions
    return pd.Series([path(int(u)) + "|" if int(u) >= 0 else "" for u in pos["unit_uid"]],
                     index=pos.index)


def add_position_formulas(book: Any, ws: Any, positions: pd.DataFrame, cols: Sequence[str],
                          settings: Settings, task_rows: int) -> None:
    """Workload, need, gap, surplus, shortage, EJ and PJ of each position row as formulas
    over sheet Tugas (row 1 is the header)."""
    plain_formulas(ws)
    x = {k: _col(cols, k) for k in ("opd", "code", "existing", "workload_hours", "need_raw",
                                   "need", "gap", "surplus", "shortage", "ej2")}
    t_opd, t_code = _col([c for c, _ in TASK_COLUMNS], "opd"), \
        _col([c for c, _ in TASK_COLUMNS], "position")
    t_hours = _col([c for c, _ in TASK_COLUMNS], "hours")
    fmt = book.fmts
    last = task_rows + 1  # bounded ranges: whole-column references recalculate slowly

    def rng(c: str) -> str:
        return f"{TASK_SHEET}!${c}$2:${c}${last}"

    for r, p in enumerate(positions.itertuples(index=False), start=1):
        n = r + 1
        cell = {k: f"{v}{n}" for k, v in x.items()}
        known = f'ISNUMBER({cell["existing"]})'
        formulas = {
            "workload_hours": (f"=SUMIFS({rng(t_hours)},{rng(t_opd)},{cell['opd']},"
                               f"{rng(t_code)},{cell['code']})", fmt["workload_hours"]),
            "need_raw": (f"={cell['workload_hours']}/WKE", fmt["need_raw"]),
            "need": ("=" + _round_need(cell["need_raw"], settings), None),
            "gap": (f'=IF({known},{cell["existing"]}-{cell["need"]},"")', None),
            "surplus": (f'=IF({known},MAX({cell["gap"]},0),"")', None),
            "shortage": (f'=IF({known},MAX(-{cell["gap"]},0),"")', None),
            "ej2": (f'=IF(AND({known},N({cell["existing"]})>0),'
                    f'ROUND(ROUND({cell["need_raw"]}/{cell["existing"]},9),2),"")',
                    fmt["ej2"]),
            "pj": ("=" + _grade(cell["ej2"], settings), None),
            "pj_label": ("=" + _grade(cell["ej2"], settings, labels=True), None),
        }
        _write(ws, r, cols, p._asdict(), formulas)


def _jab(col: str, last: int) -> str:
    return f"Jabatan!${col}$2:${col}${last}"


def _subtree_sum(col: str, opd_cell: str, code_cell: str, jab: Mapping[str, str],
                 last: int) -> str:
    return (f'SUMIFS({_jab(col, last)},{_jab(jab["opd"], last)},{opd_cell},'
            f'{_jab(jab["path"], last)},"*|"&{code_cell}&"|*")')


def _subtree_blank(col: str, opd_cell: str, code_cell: str, jab: Mapping[str, str],
                   last: int) -> str:
    """Whether a position below the unit has no value in `col` (unknown bezetting): then the
    unit's figure is unknown too, as in the product."""
    return (f'COUNTIFS({_jab(jab["opd"], last)},{opd_cell},'
            f'{_jab(jab["path"], last)},"*|"&{code_cell}&"|*",{_jab(col, last)},"")>0')


def add_unit_formulas(book: Any, ws: Any, frame: pd.DataFrame, cols: Sequence[str],
                      code_col: str, position_cols: Sequence[str], settings: Settings,
                      position_rows: int) -> None:
    """Sums over each unit's whole subtree (units sheet, or the OPD sheet with the root unit's
    code in `code_col`) as formulas over sheet Jabatan."""
    plain_formulas(ws)
    jab = {k: _col(position_cols, k) for k in ("opd", "existing", "workload_hours", "need_raw",
                                              "need", "surplus", "shortage")}
    jab["path"] = _col(position_cols, PATH_COLUMN)
    x = {k: _col(cols, k) for k in ("opd", "existing", "need", "need_raw", "gap", "eu2")
         if k in cols}
    fmt = book.fmts
    last = position_rows + 1
    codes = frame[code_col].tolist()
    for r, row in enumerate(frame.itertuples(index=False), start=1):
        if not isinstance(codes[r - 1], str) or not codes[r - 1]:
            continue
        n = r + 1
        opd_cell = f"${x['opd']}{n}"
        code_cell = f'"{codes[r - 1]}"' if code_col not in cols else f"${_col(cols, code_col)}{n}"
        blank = _subtree_blank(jab["existing"], opd_cell, code_cell, jab, last)
        formulas: dict[str, tuple[str, Any]] = {}
        for k in ("workload_hours", "need_raw", "need"):
            if k in cols:
                formulas[k] = ("=" + _subtree_sum(jab[k], opd_cell, code_cell, jab, last),
                               fmt.get(k))
        for k in ("existing", "surplus", "shortage"):
            if k in cols:
                total = _subtree_sum(jab[k], opd_cell, code_cell, jab, last)
                formulas[k] = (f'=IF({blank},"",{total})', None)
        e, need, raw = (f"{x[k]}{n}" for k in ("existing", "need", "need_raw"))
        if "gap" in cols:
            formulas["gap"] = (f'=IF(ISNUMBER({e}),{e}-{need},"")', None)
        if "eu2" in cols:
            formulas["eu2"] = (f'=IF(AND(ISNUMBER({e}),N({e})>0),ROUND(ROUND({raw}/{e},9),2),"")',
                               fmt["eu2"])
            if "pu" in cols:
                formulas["pu"] = ("=" + _grade(f"{x['eu2']}{n}", settings), None)
            if "pu_label" in cols:
                formulas["pu_label"] = ("=" + _grade(f"{x['eu2']}{n}", settings, labels=True),
                                        None)
        _write(ws, r, cols, row._asdict(), formulas)


def _write(ws: Any, r: int, cols: Sequence[str], values: Mapping[str, object],
           formulas: Mapping[str, tuple[str, Any]]) -> None:
    for name, (formula, fmt) in formulas.items():
        if name in cols:
            ws.write_formula(r, list(cols).index(name), formula, fmt, _value(values.get(name)))
