"""Norms that look like the wrong unit (domain.md §1b): a table read in the wrong unit is off
by 60×, and nothing else in the data shows it.

Per filled position whose tasks all use one Satuan Waktu, with EJ = need_raw / staff:

* typed Menit, EJ < `settings.unit_check[0]` (0.1) while the same norms read as Jam give an
  EJ within `unit_check[1]`–`unit_check[2]` (0.3–3): a warning (need 0.04 for three staff
  -> read as hours 2.4 persons, EJ 0.80);
* typed Jam, EJ > 1 / `unit_check[0]` (10) while read as Menit the EJ is within 0.3–3.

The warning names the position and both readings. The bounds are inclusive.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sotk_core.base.fmt import fmt_num
from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult
from sotk_core.workbook.spec import BEBAN_KERJA

_OTHER = {"Menit": ("Jam", 60.0), "Jam": ("Menit", 1 / 60.0)}


def unit_warnings(city: CityData, workload: WorkloadResult, settings: Settings
                  ) -> list[Issue]:
    """One warning per position whose norms look typed in the wrong unit."""
    tasks = workload.tasks
    if tasks.empty:
        return []
    low, lo_ok, hi_ok = settings.unit_check
    t = tasks.loc[tasks["pid"] >= 0, ["pid", "time_unit", "row"]].assign(
        unit=lambda f: f["time_unit"].fillna("Menit"))
    per = t.groupby("pid").agg(units=("unit", "nunique"), unit=("unit", "first"),
                               row=("row", "min"))
    per = per.loc[per["units"] == 1]
    pos = workload.positions.set_index("pid").reindex(per.index)
    existing = pos["existing"].to_numpy(dtype="float64")
    need = pos["need_raw"].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = np.where(existing >= 1, need / np.where(existing >= 1, existing, 1), np.nan)
    factor = per["unit"].map({u: f for u, (_, f) in _OTHER.items()}).to_numpy(dtype="float64")
    ej_other = np.round(ej * factor, 9)  # 375 min at 1,250 h: exactly 0.30 read as hours
    ej = np.round(ej, 9)
    plausible = (ej_other >= lo_ok) & (ej_other <= hi_ok)
    typed_min = per["unit"].to_numpy() == "Menit"
    suspect = plausible & np.where(typed_min, ej < low, ej > 1.0 / low)
    if not suspect.any():
        return []
    files = dict(zip(city.opds["opd"], city.opds["file"], strict=True))
    out = []
    rows = pd.DataFrame({"opd": pos["opd"], "code": pos["code"], "name": pos["name"],
                         "unit_name": pos["unit_name"], "existing": existing, "need": need,
                         "ej": ej, "ej_other": ej_other, "unit": per["unit"], "row": per["row"]}
                        ).loc[suspect]
    for r in rows.itertuples(index=False):
        other, f = _OTHER[r.unit]
        out.append(Issue(
            "warning", files.get(r.opd, str(r.opd)), BEBAN_KERJA.name, int(r.row),
            "Satuan Waktu",
            f"Jabatan '{r.name}' ({r.code}, {r.unit_name}) dengan {fmt_num(r.existing)} pegawai: "
            f"norma dibaca dalam {r.unit} memberi kebutuhan {fmt_num(r.need, 2)} orang (EJ "
            f"{fmt_num(r.ej, 2)}); bila dibaca dalam {other} kebutuhannya "
            f"{fmt_num(r.need * f, 2)} orang (EJ {fmt_num(r.ej_other, 2)}). Periksa kolom "
            f"Satuan Waktu: mungkin norma ditulis dalam {other.lower()}."))
    return out
