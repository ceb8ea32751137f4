"""The planning sheets of the results workbook: "e-Formasi" (the BKN e-Formasi layout of
formats.md §2, filled from the five-year plan), "Formasi Jabatan" (every position),
"Redistribusi" (spare staff offered before new formasi), "Unit Sejenis" and
"Kematangan x Beban".

e-Formasi: title rows, a two-row header `NO | NAMA JABATAN | JENIS JABATAN | KELAS JABATAN |
ABK | JUMLAH ASN YANG ADA (BEZETTING) | JUMLAH ASN YANG AKAN PENSIUN (one column per plan
year) | JUMLAH PENSIUN | KEBUTUHAN | USULAN FORMASI | KETERANGAN`, then per OPD a title row,
one row per jabatan name (positions of one name, jenis and kelas in the OPD summed), a
subtotal row; a city total last. KEBUTUHAN = ABK − bezetting + pensiun (negative: more staff
than needed); USULAN FORMASI = the new formasi after redistribution.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from sotk_core.base.fmt import fmt_num
from sotk_core.model.evaluate import Evaluation
from sotk_core.model.formasi import FormasiResult
from sotk_core.present.planning import (
    formasi_plan,
    like_units,
    moves_view,
    quadrant_view,
    years_text,
)
from sotk_core.present.safe import neutralise

PLANNING_SHEETS = ["e-Formasi", "Formasi Jabatan", "Redistribusi", "Unit Sejenis",
                   "Kematangan x Beban"]
EFORMASI_FIXED = ["NO", "NAMA JABATAN", "JENIS JABATAN", "KELAS JABATAN", "ABK",
                  "JUMLAH ASN YANG ADA (BEZETTING)"]
EFORMASI_TAIL = ["JUMLAH PENSIUN", "KEBUTUHAN", "USULAN FORMASI", "KETERANGAN"]
RETIRING_GROUP = "JUMLAH ASN YANG AKAN PENSIUN"
FORMASI_COLS = ["opd", "code", "name", "unit_name", "kind", "need", "existing", "retiring",
                "retiring_source", "projected", "formasi", "redistributed_in", "new_formasi",
                "excess", "excess_left"]
MOVE_COLS = ["opd", "from_name", "from_unit_name", "to_name", "to_unit_name", "count", "scope"]
LIKE_COLS = ["group", "label", "existing", "eu2", "eu2_median", "eu2_distance", "eu2_relative",
             "outlier", "need_per_head", "hours_per_head", "share_outside", "maturity_total"]
QUADRANT_COLS = ["opd", "quadrant", "maturity_total", "maturity_category", "eu2", "weakest",
                 "top_unit", "advice"]

PrintSetup = Callable[[Any, "int | None"], None]


def eformasi_rows(plan: FormasiResult) -> pd.DataFrame:
    """One row per (OPD, jabatan name, jenis, kelas): the e-Formasi figures, per-year
    retirements in columns named by the year."""
    p = plan.positions
    years = plan.years.pivot_table(index=["opd", "code"], columns="year", values="count",
                                   aggfunc="sum") if len(plan.years) else pd.DataFrame()
    frame = p.loc[:, ["opd", "code", "name", "kind", "grade", "need", "existing", "retiring",
                      "new_formasi", "redistributed_in", "excess_left"]].copy()
    for y in plan.plan_years:
        col = years[y] if y in getattr(years, "columns", []) else pd.Series(dtype="float64")
        frame[y] = col.reindex(pd.MultiIndex.from_frame(frame[["opd", "code"]])).to_numpy()
    frame["grade"] = frame["grade"].astype("float64")
    keys = ["opd", "name", "kind", "grade"]
    sums = ["need", "existing", "retiring", "new_formasi", "redistributed_in", "excess_left",
            *plan.plan_years]
    out = frame.groupby(keys, sort=False, dropna=False)[sums].sum(min_count=1).reset_index()
    out["kebutuhan"] = out["need"] - out["existing"] + out["retiring"]
    return out


def _note(row: pd.Series) -> str:
    parts = []
    if row["redistributed_in"]:
        parts.append(f"{fmt_num(row['redistributed_in'])} orang dari redistribusi")
    if row["excess_left"]:
        parts.append(f"lebih {fmt_num(row['excess_left'])} orang")
    return "; ".join(parts)


def write_eformasi(book: Any, ev: Evaluation, plan: FormasiResult, setup: PrintSetup) -> Any:
    wb = book.wb
    ws = wb.add_worksheet("e-Formasi")
    head = book.head
    bold = wb.add_format({"bold": True})
    section = wb.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1})
    total = wb.add_format({"bold": True, "top": 1, "num_format": "#,##0"})
    num = wb.add_format({"num_format": "#,##0", "border": 1})
    text = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    years = list(plan.plan_years)
    ncols = len(EFORMASI_FIXED) + max(len(years), 1) + len(EFORMASI_TAIL)
    ws.write_string(0, 0, "USULAN KEBUTUHAN ASN (FORMASI) BERDASARKAN ANALISIS BEBAN KERJA",
                    book.title)
    ws.write_string(1, 0, neutralise(f"{ev.city.name} · rencana {years_text(plan)} · KEBUTUHAN = ABK − "
                          "bezetting + pensiun; USULAN FORMASI = kebutuhan yang tidak dapat "
                          "diisi pegawai yang lebih di OPD yang sama"), bold)
    r0, r1 = 3, 4  # the two header rows
    c = 0
    for name in EFORMASI_FIXED:
        ws.merge_range(r0, c, r1, c, name, head)
        c += 1
    first_year = c
    if years:
        if len(years) > 1:
            ws.merge_range(r0, c, r0, c + len(years) - 1, RETIRING_GROUP, head)
        else:
            ws.write_string(r0, c, RETIRING_GROUP, head)
        for y in years:
            ws.write_string(r1, c, str(y), head)
            c += 1
    else:
        ws.merge_range(r0, c, r1, c, RETIRING_GROUP, head)
        c += 1
    for name in EFORMASI_TAIL:
        ws.merge_range(r0, c, r1, c, name, head)
        c += 1
    widths = [5, 44, 14, 9, 8, 14] + [7] * max(len(years), 1) + [10, 11, 11, 36]
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    rows = eformasi_rows(plan)
    abbr = dict(zip(ev.opds["opd"], ev.opds["abbr"].fillna(ev.opds["opd"]), strict=True))
    r = r1 + 1
    sums = ["need", "existing", "retiring", "kebutuhan", "new_formasi", *years]

    def put(col: int, value: object, fmt: Any, blank: str | None = "–") -> None:
        """A number, or `blank` where it is unknown (NaN): "–", or an empty cell."""
        if value is not None and value == value:
            ws.write_number(r, col, float(value), fmt)  # type: ignore[arg-type]
        elif blank:
            ws.write_string(r, col, blank, fmt)
        else:
            ws.write_blank(r, col, None, fmt)

    def figures(row: pd.Series | dict, fmt: Any) -> None:
        put(4, row["need"], fmt)
        put(5, row["existing"], fmt)
        for j, y in enumerate(years):  # a year without sheet Pensiun rows stays empty
            put(first_year + j, row[y], fmt, blank=None)
        tail = first_year + max(len(years), 1)
        for j, key in enumerate(("retiring", "kebutuhan", "new_formasi")):
            put(tail + j, row[key], fmt)

    for opd in ev.city.opd_names:
        own = rows.loc[rows["opd"] == opd]
        if own.empty:
            continue
        ws.merge_range(r, 0, r, ncols - 1, f"PERANGKAT DAERAH: {opd}", section)
        r += 1
        for no, (_, row) in enumerate(own.iterrows(), start=1):
            ws.write_number(r, 0, no, num)
            ws.write_string(r, 1, neutralise(str(row["name"])), text)
            ws.write_string(r, 2, neutralise(str(row["kind"] or "")), text)
            put(3, row["grade"], num, blank=None)
            figures(row, num)
            ws.write_string(r, ncols - 1, _note(row), text)
            r += 1
        ws.write_string(r, 1, f"JUMLAH {abbr.get(opd, opd)}", total)
        figures({k: own[k].sum(min_count=1) for k in sums}, total)
        r += 2
    ws.write_string(r, 1, f"JUMLAH {ev.city.name.upper()}", total)
    figures({k: rows[k].sum(min_count=1) for k in sums}, total)
    ws.freeze_panes(r1 + 1, 2)
    setup(ws, r1)
    ws.repeat_rows(r0, r1)
    return ws


def write_planning_sheets(book: Any, ev: Evaluation, setup: PrintSetup) -> None:
    """The PLANNING_SHEETS, in that order. `book` is the results workbook being written
    (`xlsx._Book`), `setup` its print setup (A4 landscape, header repeated)."""
    plan = formasi_plan(ev)
    write_eformasi(book, ev, plan, setup)
    years = years_text(plan)
    book.table("Formasi Jabatan", plan.positions, FORMASI_COLS,
               title=f"Rencana formasi per jabatan, {years}")
    book.table("Redistribusi", moves_view(plan), MOVE_COLS,
               title="Pegawai yang lebih, ditawarkan sebelum formasi baru (unit yang sama "
                     "lebih dulu, lalu OPD yang sama)")
    like = like_units(ev)
    book.table("Unit Sejenis", like.members, LIKE_COLS,
               title="Unit sejenis dibandingkan dengan median kelompoknya")
    book.table("Kematangan x Beban", quadrant_view(ev), QUADRANT_COLS,
               title="Kematangan dan beban kerja per OPD")
