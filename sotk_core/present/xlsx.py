"""The results workbook: city, OPD, units, positions, maturity, findings, the scenario and its
deltas, the FGD notes, native Excel charts and `Asumsi`; formatted to print as is (A4
landscape, one page wide, header row repeated and frozen).

`results_workbook_bytes(ev, scenario=None, notes=None)`; sheets in order: Kota, Grafik, OPD,
Unit, Jabatan, Tugas, Parameter, Kematangan, [Kelembagaan], Temuan, Masalah Data, the
planning sheets (e-Formasi, Formasi Jabatan, Redistribusi, Unit Sejenis, Kematangan x Beban:
`xlsx_planning`), [Skenario, Skenario Kota, Skenario OPD, Skenario Jabatan when a scenario
with changes is given], Catatan FGD, Asumsi. OPD, Unit and Jabatan compute the ABK with live
formulas over Tugas and Parameter (sotk_core.present.xlsx_formulas), their cached values the
product's figures.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from sotk_core.base.fmt import round_half_up
from sotk_core.base.labels import ISSUE_SEVERITY_LABELS, label
from sotk_core.base.texts import (
    AXIS_EU,
    AXIS_MATURITY_TOTAL,
    BASE_NAME,
    CITY_LABELS,
    SCENARIO_NAME,
    TITLE_EU_PER_OPD,
    TITLE_EXISTING_BEFORE_AFTER,
    TITLE_MATURITY_RANKING,
    TITLE_NEED_PER_OPD,
)
from sotk_core.model.evaluate import Evaluation
from sotk_core.model.findings import COLUMNS as FINDING_COLUMNS
from sotk_core.model.findings import HEADERS as FINDING_HEADERS
from sotk_core.model.findings import display_findings
from sotk_core.model.notes import write_notes_sheet
from sotk_core.model.workload import WorkloadResult
from sotk_core.present import xlsx_formulas as live
from sotk_core.present.safe import neutralise
from sotk_core.present.xlsx_planning import write_planning_sheets
from sotk_core.scenario.compare import compare, compare_city, compare_labels
from sotk_core.scenario.core import Scenario
from sotk_core.scenario.pipeline import ScenarioRun, run_scenario
from sotk_core.scenario.workbook_io import scenario_changes_frame

POSITION_COLS = ["opd", "code", "name", "unit", "unit_name", "kind", "existing", "task_count",
                 "workload_hours", "need_raw", "need", "gap", "surplus", "shortage", "ej2", "pj",
                 "pj_label", "status"]
UNIT_COLS = ["opd", "code", "name", "kind", "parent", "depth", "positions", "existing",
             "workload_hours", "need_raw", "need", "surplus", "shortage", "gap", "eu2", "pu",
             "pu_label", "vacant"]
OPD_COLS = ["opd", "file", "jenis", "tipe", "positions", "existing", "workload_hours", "need_raw",
            "need", "surplus", "shortage", "gap", "eu2", "pu", "pu_label", "maturity_total",
            "maturity_category", "maturity_stage", "sakip", "sakip_grade", "kelembagaan_total",
            "kelembagaan_rank"]
_FORMATS = {"workload_hours": "#,##0.0", "need_raw": "0.00", "eu2": "0.00", "ej2": "0.00",
            "eu": "0.00", "maturity_total": "0",
            "skor": "0", "sakip": "0.0", "kelembagaan_total": "0.00",
            "value": "General", "limit": "General"}  # Temuan: counts, EU and hours mixed


def print_setup(ws: Any, header_row: int | None = 0) -> None:
    """A4 landscape, one page wide, the header row (when given) repeated on every page."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    if header_row is not None:
        ws.repeat_rows(header_row)
    ws.set_footer("&L&8SOTK Dashboard&R&8Halaman &P dari &N")


class _Book:
    """A thin xlsxwriter wrapper writing formatted, print-ready tables."""

    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buf, {"in_memory": True, "nan_inf_to_errors": True})
        self.head = self.wb.add_format({"bold": True, "bg_color": "#0072B2", "font_color": "white",
                                        "text_wrap": True, "valign": "top", "border": 1})
        self.title = self.wb.add_format({"bold": True, "font_size": 14})
        self.fmts = {k: self.wb.add_format({"num_format": v}) for k, v in _FORMATS.items()}
        self.int_fmt = self.wb.add_format({"num_format": "#,##0"})

    def table(self, name: str, frame: pd.DataFrame, columns: list[str] | None = None,
              headers: dict[str, str] | None = None, title: str | None = None,
              repeat_header: bool = True) -> object:
        ws = self.wb.add_worksheet(name[:31])
        cols = [c for c in (columns or list(frame.columns)) if c in frame.columns]
        start = 0
        if title:
            ws.write_string(0, 0, neutralise(title), self.title)
            start = 2
        for c, col in enumerate(cols):
            ws.write_string(start, c, (headers or {}).get(col, label(col)), self.head)
            series = frame[col]
            lengths = [len(str(v)) for v in series.iloc[:500]]
            width = max(10, len(label(col)) // 2 + 4,
                        min(45, int(np.percentile(lengths, 90)) + 2 if lengths else 10))
            fmt = self.fmts.get(col) or self.fmts.get(col.rpartition("_")[0])
            if fmt is None and pd.api.types.is_numeric_dtype(series) and col not in ("row",):
                fmt = self.int_fmt
            ws.set_column(c, c, width, fmt)
        for r, values in enumerate(frame.loc[:, cols].itertuples(index=False), start=start + 1):
            for c, v in enumerate(values):
                if v is None or (isinstance(v, float) and np.isnan(v)):
                    continue
                if isinstance(v, (list, tuple)):
                    v = "; ".join(map(str, v))
                if isinstance(v, (bool, np.bool_)):
                    ws.write_string(r, c, "Ya" if v else "Tidak")
                elif isinstance(v, (int, float, np.integer, np.floating)):
                    ws.write_number(r, c, float(v))
                else:
                    ws.write_string(r, c, neutralise(str(v)))  # never a formula
        ws.freeze_panes(start + 1, 0)
        ws.autofilter(start, 0, start + len(frame), max(len(cols) - 1, 0))
        print_setup(ws, start if repeat_header else None)
        return ws

    def close(self) -> bytes:
        self.wb.close()
        return self.buf.getvalue()


def _round(value: object, decimals: int) -> object:
    """Half-up rounding for a mixed "Nilai" column (shown in the General format)."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return value
    return x if np.isnan(x) else float(round_half_up(np.array([x]), decimals)[0])


def city_frame(ev: Evaluation) -> pd.DataFrame:
    s = ev.summary
    decimals = {"workload_hours": 1, "need_raw": 2, "eu": 2, "maturity_mean": 2}
    keys = ("opd_count", "workload_hours", "need_raw", "need", "existing", "surplus", "shortage",
            "gap", "eu", "pu", "maturity_mean", "maturity_category")
    rows = [(CITY_LABELS[k], _round(s[k], decimals[k]) if k in decimals else s[k]) for k in keys]
    return pd.DataFrame(rows, columns=["Ukuran", "Nilai"])


def settings_frame(ev: Evaluation) -> pd.DataFrame:
    return pd.DataFrame(ev.settings.as_rows(), columns=["Pengaturan", "Nilai", "Sumber"])


def issues_frame(ev: Evaluation) -> pd.DataFrame:
    cols = ["severity", "file", "sheet", "row", "column", "message"]
    frame = pd.DataFrame([i.to_dict() for i in ev.issues], columns=cols)
    frame["severity"] = frame["severity"].map(ISSUE_SEVERITY_LABELS)
    return frame


def write_results(book: _Book, ev: Evaluation, scen_opds: pd.DataFrame | None = None) -> None:
    """The core sheets every results workbook has (Asumsi is written by the caller, last);
    `scen_opds` (a scenario's OPD comparison) adds the scenario to the chart sheet."""
    book.table("Kota", city_frame(ev), title=f"Ringkasan {ev.city.name}")
    write_chart_sheet(book, ev, scen_opds)
    write_live_tables(book, ev)
    book.table("Kematangan", ev.maturity.levels,
               ["opd", "roman", "var_name", "aspect", "self_level", "verified_level", "level"])
    if len(ev.kelembagaan):
        book.table("Kelembagaan", ev.kelembagaan)
    if ev.findings is not None:
        book.table("Temuan", display_findings(ev.findings, ev.settings), FINDING_COLUMNS, headers=FINDING_HEADERS,
                   title="Temuan evaluasi struktur dan beban kerja")
    book.table("Masalah Data", issues_frame(ev))


LIVE_TASK_LIMIT = 50_000  # more tasks: values only (SUMIFS over them would recalc for minutes)


def write_live_tables(book: _Book, ev: Evaluation) -> None:
    """Sheets OPD, Unit, Jabatan, Tugas and Parameter: the same columns and values as ever,
    with the ABK chain as live formulas (sotk_core.present.xlsx_formulas). A city of more
    than LIVE_TASK_LIMIT tasks gets the values only (no Tugas and Parameter sheets)."""
    wl, settings = ev.workload, ev.settings
    if len(wl.tasks) > LIVE_TASK_LIMIT:
        book.table("OPD", ev.opds, OPD_COLS)
        book.table("Unit", wl.units, UNIT_COLS)
        book.table("Jabatan", wl.positions, POSITION_COLS)
        return
    roots = wl.units.loc[wl.units["depth"] == 1]
    root_code = dict(zip(roots["opd"], roots["code"].astype(str), strict=True))
    opds = ev.opds.assign(root_code=ev.opds["opd"].map(root_code))
    ws_opd = book.table("OPD", opds, OPD_COLS)
    ws_unit = book.table("Unit", wl.units, UNIT_COLS)
    position_cols = [*POSITION_COLS, live.PATH_COLUMN]
    positions = wl.positions.assign(**{live.PATH_COLUMN: live.unit_paths(ev)})
    ws_pos = book.table("Jabatan", positions, position_cols,
                        headers={live.PATH_COLUMN: live.PATH_HEADER})
    tasks = live.write_task_sheet(book, ev)
    live.write_parameter_sheet(book, settings)
    live.add_position_formulas(book, ws_pos, positions.loc[:, position_cols], position_cols,
                               settings, tasks)
    n = len(positions)
    live.add_unit_formulas(book, ws_unit, wl.units.loc[:, UNIT_COLS], UNIT_COLS, "code",
                           position_cols, settings, n)
    live.add_unit_formulas(book, ws_opd, opds.loc[:, [*OPD_COLS, "root_code"]], OPD_COLS,
                           "root_code", position_cols, settings, n)


# ---- the chart sheet ------------------------------------------------------------------------

SETTINGS_SHEET_TITLE = "Pengaturan yang dipakai untuk semua angka"
CHART_SHEET = "Grafik"
CHART_DATA = {"abbr": "OPD (singkatan)", **{k: label(k) for k in (
    "opd", "eu2", "pu", "existing", "need", "maturity_total")}}
_BAND_FILL = {"A": "#D55E00", "B": "#009E73", "C": "#009E73", "D": "#56B4E9", "E": "#0072B2"}
_MATURITY_FILL = {"Sangat Rendah": "#D55E00", "Rendah": "#E69F00", "Sedang": "#F0E442",
                  "Tinggi": "#009E73", "Sangat Tinggi": "#0072B2"}
CHART_ROWS = 24  # sheet rows one chart covers (one printed page each)


def chart_frame(ev: Evaluation, scen_opds: pd.DataFrame | None = None) -> pd.DataFrame:
    """The numbers behind the native charts, one row per OPD in file order."""
    o = ev.opds
    frame = pd.DataFrame({"abbr": o["abbr"].fillna(o["opd"]).astype(object), "opd": o["opd"],
                          "eu2": o["eu2"], "pu": o["pu"], "existing": o["existing"],
                          "need": o["need"], "maturity_total": o["maturity_total"],
                          "maturity_category": o["maturity_category"]})
    if scen_opds is not None:
        s = scen_opds.set_index("opd")
        frame["existing_scen"] = frame["opd"].map(s["existing_scen"]).to_numpy()
        frame["eu2_scen"] = frame["opd"].map(s["eu2_scen"]).to_numpy()
    return frame


def write_chart_sheet(book: _Book, ev: Evaluation, scen_opds: pd.DataFrame | None = None
                      ) -> Any:
    """Sheet "Grafik": a small table per OPD and native Excel charts drawn from it (EU per
    OPD coloured by PU band, pegawai ada vs kebutuhan, total kematangan; with a scenario also
    pegawai ada saat ini vs simulasi), each chart on its own printed page."""
    frame = chart_frame(ev, scen_opds)
    headers = dict(CHART_DATA)
    cols = list(CHART_DATA)
    if scen_opds is not None:
        headers |= {"existing_scen": "Pegawai ada simulasi (orang)", "eu2_scen": "EU simulasi"}
        cols += ["existing_scen", "eu2_scen"]
    ws = book.table(CHART_SHEET, frame, cols, headers=headers, repeat_header=False,
                    title=f"Grafik utama {ev.city.name} (angka dari tabel di bawah judul)")
    ws.autofilter(0, 0, 0, 0)  # a filter would hide rows from the charts
    n = len(frame)
    if n == 0:
        return ws
    first, last = 3, 2 + n  # data rows (0-based): the title takes rows 0-1, the header row 2
    pos = {c: i for i, c in enumerate(cols)}

    def ref(col: str) -> list:
        return [CHART_SHEET, first, pos[col], last, pos[col]]

    height = max(480, 90 + 28 * n)
    row = last + 3
    breaks = []

    def place(chart: Any, legend: bool = True) -> None:
        nonlocal row
        chart.set_size({"width": 1000, "height": height})
        chart.set_legend({"position": "top"} if legend else {"none": True})
        chart.set_chartarea({"border": {"none": True}})
        # first OPD on top; the value axis stays at the bottom
        chart.set_y_axis({"reverse": True, "crossing": "max",
                          "major_gridlines": {"visible": False}})
        ws.insert_chart(row, 0, chart)
        breaks.append(row)
        row += max(CHART_ROWS, height // 20 + 2)

    eu = book.wb.add_chart({"type": "bar"})
    eu.add_series({
        "name": "EU", "categories": ref("abbr"), "values": ref("eu2"),
        "points": [{"fill": {"color": _BAND_FILL.get(str(p), "#999999")}} for p in frame["pu"]],
        "data_labels": {"value": True, "num_format": "0.00"}, "gap": 40})
    eu.set_title({"name": TITLE_EU_PER_OPD})
    eu.set_x_axis({"name": AXIS_EU, "num_format": "0.0",
                   "min": 0, "major_gridlines": {"visible": True}})
    place(eu, legend=False)

    need = book.wb.add_chart({"type": "bar"})
    need.add_series({"name": label("existing"), "categories": ref("abbr"),
                     "values": ref("existing"), "fill": {"color": "#0072B2"},
                     "data_labels": {"value": True}, "gap": 60})
    need.add_series({"name": label("need"), "categories": ref("abbr"),
                     "values": ref("need"), "fill": {"color": "#E69F00"},
                     "data_labels": {"value": True}})
    need.set_title({"name": TITLE_NEED_PER_OPD})
    need.set_x_axis({"name": "Orang", "min": 0, "major_gridlines": {"visible": True}})
    place(need)

    mat = book.wb.add_chart({"type": "bar"})
    mat.add_series({
        "name": "Total kematangan", "categories": ref("abbr"), "values": ref("maturity_total"),
        "points": [{"fill": {"color": _MATURITY_FILL.get(str(c), "#999999")}}
                   for c in frame["maturity_category"]],
        "data_labels": {"value": True, "num_format": "0"}, "gap": 40})
    mat.set_title({"name": TITLE_MATURITY_RANKING})
    mat.set_x_axis({"name": AXIS_MATURITY_TOTAL, "min": 11, "max": 55,
                    "major_unit": 11, "major_gridlines": {"visible": True}})
    place(mat, legend=False)

    if scen_opds is not None:
        sc = book.wb.add_chart({"type": "bar"})
        sc.add_series({"name": f"{BASE_NAME} (orang)", "categories": ref("abbr"),
                       "values": ref("existing"), "fill": {"color": "#0072B2"},
                       "data_labels": {"value": True}, "gap": 60})
        sc.add_series({"name": f"{SCENARIO_NAME} (orang)", "categories": ref("abbr"),
                       "values": ref("existing_scen"),
                       "pattern": {"pattern": "wide_upward_diagonal", "fg_color": "#1a1a1a",
                                   "bg_color": "#E69F00"},
                       "data_labels": {"value": True}})
        sc.set_title({"name": TITLE_EXISTING_BEFORE_AFTER})
        sc.set_x_axis({"name": "Orang", "min": 0, "major_gridlines": {"visible": True}})
        place(sc)
    ws.set_h_pagebreaks(breaks)
    return ws


# ---- scenario sheets ------------------------------------------------------------------------


def _compare_columns(frame: pd.DataFrame, keys: Sequence[str]) -> list[str]:
    """Keys, info, presence and base/scen/delta per metric (not the per-cell flags)."""
    return [c for c in frame.columns if c in keys or not (c.endswith("_changed") or
                                                          c == "changed")]


def scenario_comparison(ev: Evaluation, scenario: Scenario, run: ScenarioRun | None = None
                        ) -> WorkloadResult | str:
    """The scenario's workload, or the Indonesian reason it does not apply to these data
    (`run`: the scenario's `run_scenario` result when the caller has it already)."""
    if run is None or run.scenario != scenario:
        run = run_scenario(ev.city, scenario, ev.settings)
    return run.workload if run.workload is not None else str(run.error)


_CITY_DECIMALS = {"workload_hours": 1, "need_raw": 2, "eu2": 2}


def city_compare_frame(ev: Evaluation, scen: WorkloadResult) -> pd.DataFrame:
    """The city block before and after (rounded for reading: hours 1, EU 2 decimals)."""
    city = compare_city(ev.workload, scen)
    out = pd.DataFrame({"Ukuran": city["label"]})
    for col, head in (("base", BASE_NAME), ("scen", SCENARIO_NAME), ("delta", "Selisih")):
        out[head] = [_round(v, _CITY_DECIMALS.get(m, 0)) if v is not None else None
                     for m, v in zip(city["metric"], city[col], strict=True)]
    return out


def write_scenario_sheets(book: _Book, ev: Evaluation, scenario: Scenario,
                          scen: WorkloadResult | str) -> None:
    """Skenario (the changes), Skenario Kota (the city before and after), Skenario OPD (every
    OPD) and Skenario Jabatan (the positions that changed). `scen`: `scenario_comparison`."""
    changes = scenario_changes_frame(scenario, ev.city)
    name = f"\u201c{scenario.name}\u201d"
    if isinstance(scen, str):
        book.table("Skenario", changes,
                   title=f"Skenario {name} tidak dapat diterapkan pada data ini: {scen}")
        return
    book.table("Skenario", changes, title=f"Skenario {name}: {len(changes)} perubahan")
    book.table("Skenario Kota", city_compare_frame(ev, scen), title=f"Kota: saat ini dan "
               f"simulasi \u201c{scenario.name}\u201d")
    opd = compare(ev.workload, scen, "opd")
    pos = compare(ev.workload, scen, "position")
    pos = pos.loc[pos["changed"]]
    for sheet, frame, keys, title in (
            ("Skenario OPD", opd, ["opd"], f"Saat ini dan simulasi per OPD · {scenario.name}"),
            ("Skenario Jabatan", pos, ["opd", "code"],
             f"Jabatan yang berubah dalam simulasi · {scenario.name}")):
        book.table(sheet, frame, _compare_columns(frame, keys), headers=compare_labels(frame),
                   title=title)


def write_notes(book: _Book, notes: Sequence[Mapping[str, Any]], city: str) -> None:
    ws = write_notes_sheet(book.wb, notes, f"Catatan dan keputusan FGD · {city}")
    print_setup(ws, 2)


def results_workbook_bytes(ev: Evaluation, scenario: Scenario | None = None,
                           notes: Sequence[Mapping[str, Any]] | None = None, *,
                           run: ScenarioRun | None = None,
                           rounds: tuple[Any, Any] | None = None) -> bytes:
    """The results workbook; `scenario` adds its changes and deltas (when it has changes;
    `run` is its `run_scenario` result when already computed), `notes` the FGD notes (the
    "Catatan FGD" sheet is always there, empty without notes), `rounds` (model.rounds trend,
    changes since the previous round) the round sheets."""
    book = _Book()
    scen = scenario_comparison(ev, scenario, run) if scenario is not None and len(scenario) \
        else None
    scen_opds = compare(ev.workload, scen, "opd") if isinstance(scen, WorkloadResult) else None
    write_results(book, ev, scen_opds)
    write_planning_sheets(book, ev, print_setup)
    if scen is not None and scenario is not None:
        write_scenario_sheets(book, ev, scenario, scen)
    if rounds is not None:
        from sotk_core.present.rounds import round_sheets

        for name, frame, title in round_sheets(*rounds):
            book.table(name, frame, title=title)
    write_notes(book, notes or [], ev.city.name)
    book.table("Asumsi", settings_frame(ev), title=SETTINGS_SHEET_TITLE)
    return book.close()


def planning_workbook_bytes(ev: Evaluation) -> bytes:
    """The planning sheets alone (e-Formasi, Formasi Jabatan, Redistribusi, Unit Sejenis,
    Kematangan x Beban) and Asumsi: the workbook the Perencanaan page offers."""
    book = _Book()
    write_planning_sheets(book, ev, print_setup)
    book.table("Asumsi", settings_frame(ev), title=SETTINGS_SHEET_TITLE)
    return book.close()
