"""The results workbook: city, OPD, units, positions, maturity, issues and `Asumsi`."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import xlsxwriter

from sotk_core.evaluate import Evaluation
from sotk_core.findings import COLUMNS as FINDING_COLUMNS
from sotk_core.findings import HEADERS as FINDING_HEADERS
from sotk_core.findings import display_findings
from sotk_core.labels import label

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
            "skor": "0", "sakip": "0.0", "kelembagaan_total": "0.00",
            "value": "General", "limit": "General"}  # Temuan: counts, EU and hours mixed


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
              headers: dict[str, str] | None = None, title: str | None = None) -> object:
        ws = self.wb.add_worksheet(name[:31])
        cols = [c for c in (columns or list(frame.columns)) if c in frame.columns]
        start = 0
        if title:
            ws.write_string(0, 0, title, self.title)
            start = 2
        for c, col in enumerate(cols):
            ws.write_string(start, c, (headers or {}).get(col, label(col)), self.head)
            series = frame[col]
            lengths = [len(str(v)) for v in series.iloc[:500]]
            width = max(10, len(label(col)) // 2 + 4,
                        min(45, int(np.percentile(lengths, 90)) + 2 if lengths else 10))
            fmt = self.fmts.get(col)
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
                    ws.write_string(r, c, str(v))
        ws.freeze_panes(start + 1, 0)
        ws.autofilter(start, 0, start + len(frame), max(len(cols) - 1, 0))
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(start)
        return ws

    def close(self) -> bytes:
        self.wb.close()
        return self.buf.getvalue()


def city_frame(ev: Evaluation) -> pd.DataFrame:
    s = ev.summary
    rows = [("Jumlah OPD dihitung", s["opd_count"]), ("Beban kerja (jam/th)", s["workload_hours"]),
            ("Kebutuhan (orang, desimal)", s["need_raw"]), ("Kebutuhan (orang)", s["need"]),
            ("Pegawai ada (orang)", s["existing"]), ("Kelebihan (orang)", s["surplus"]),
            ("Kekurangan (orang)", s["shortage"]), ("Selisih bersih (orang)", s["gap"]),
            ("EU kota", s["eu"]), ("PU kota", s["pu"]),
            ("Rata-rata kematangan", s["maturity_mean"]),
            ("Kategori kematangan kota", s["maturity_category"])]
    return pd.DataFrame(rows, columns=["Ukuran", "Nilai"])


def settings_frame(ev: Evaluation) -> pd.DataFrame:
    return pd.DataFrame(ev.settings.as_rows(), columns=["Pengaturan", "Nilai", "Sumber"])


def issues_frame(ev: Evaluation) -> pd.DataFrame:
    cols = ["severity", "file", "sheet", "row", "column", "message"]
    frame = pd.DataFrame([i.to_dict() for i in ev.city.issues], columns=cols)
    frame["severity"] = frame["severity"].map({"error": "Galat", "warning": "Peringatan"})
    return frame


def write_results(book: _Book, ev: Evaluation) -> None:
    """The core sheets every results workbook has."""
    book.table("Kota", city_frame(ev), title=f"Ringkasan {ev.city.name}")
    book.table("OPD", ev.opds, OPD_COLS)
    book.table("Unit", ev.workload.units, UNIT_COLS)
    book.table("Jabatan", ev.workload.positions, POSITION_COLS)
    book.table("Kematangan", ev.maturity.levels,
               ["opd", "roman", "var_name", "aspect", "self_level", "verified_level", "level"])
    if len(ev.kelembagaan):
        book.table("Kelembagaan", ev.kelembagaan)
    if ev.findings is not None:
        book.table("Temuan", display_findings(ev.findings), FINDING_COLUMNS, headers=FINDING_HEADERS,
                   title="Temuan evaluasi struktur dan beban kerja")
    book.table("Masalah Data", issues_frame(ev))
    book.table("Asumsi", settings_frame(ev), title="Pengaturan yang dipakai untuk semua angka")


def results_workbook_bytes(ev: Evaluation) -> bytes:
    book = _Book()
    write_results(book, ev)
    return book.close()
