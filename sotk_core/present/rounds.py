"""Rounds over time in the deck and the results workbook: sentences, slides and sheets built
from `model.rounds` (RoundTrend, RoundChanges). Self-contained: the deck and the workbook
call these only when they are given a trend."""

from __future__ import annotations

from typing import Any

import pandas as pd

from sotk_core.base.fmt import fmt_num
from sotk_core.model.rounds import RoundChanges, RoundTrend
from sotk_core.present.charts.rounds import trend_figure

MAX_LINES = 6  # bullets on one slide at projector size
CITY_MEASURES = {"opd_count": ("OPD dihitung", 0, ""), "need": ("Kebutuhan", 0, " orang"),
                 "existing": ("Pegawai ada", 0, " orang"), "surplus": ("Kelebihan", 0, " orang"),
                 "shortage": ("Kekurangan", 0, " orang"), "eu": ("EU kota", 2, ""),
                 "maturity_mean": ("Kematangan rata-rata", 1, "")}


def _signed(value: float, decimals: int) -> str:
    text = fmt_num(abs(value), decimals)
    return f"+{text}" if value > 0 else (f"\u2212{text}" if value < 0 else "tetap")


def change_lines(ch: RoundChanges, limit: int = MAX_LINES) -> list[str]:
    """Indonesian sentences: what changed from the previous round, most telling first."""
    out = []
    city = ch.city.set_index("measure")
    parts = []
    for key in ("eu", "need", "existing", "maturity_mean"):
        name, dec, unit = CITY_MEASURES[key]
        row = city.loc[key]
        if row["after"] == row["after"]:
            parts.append(f"{name} {fmt_num(row['after'], dec)}{unit} "
                         f"({_signed(row['delta'], dec) if row['delta'] == row['delta'] else 'baru'})")
    out.append("Kota: " + "; ".join(parts) + ".")
    if len(ch.positions_added) or len(ch.positions_removed):
        out.append(f"{fmt_num(len(ch.positions_added))} jabatan baru dan "
                   f"{fmt_num(len(ch.positions_removed))} jabatan tidak ada lagi.")
    if len(ch.staff_changes):
        d = ch.staff_changes["delta"]
        out.append(f"Pegawai berubah di {fmt_num(len(d))} jabatan: +{fmt_num(d[d > 0].sum())} "
                   f"dan \u2212{fmt_num(-d[d < 0].sum())} orang.")
    new = ch.opd.loc[ch.opd["status"] == "baru", "opd"].tolist()
    gone = ch.opd.loc[ch.opd["status"] == "tidak ada lagi", "opd"].tolist()
    if new:
        out.append("OPD baru di putaran ini: " + ", ".join(new) + ".")
    if gone:
        out.append("OPD yang tidak ada lagi: " + ", ".join(gone) + ".")
    moved = ch.opd.loc[ch.opd["status"] == "tetap"].copy()
    moved["_size"] = moved["eu_delta"].abs()
    for _, r in moved.sort_values("_size", ascending=False, kind="stable").iterrows():
        if len(out) >= limit or not r["_size"] >= 0.05:
            break
        out.append(f"EU {r['opd']}: {fmt_num(r['eu_before'], 2)} \u2192 "
                   f"{fmt_num(r['eu_after'], 2)} ({_signed(r['eu_delta'], 2)}).")
    return out[:limit]


def round_slides(trend: RoundTrend, changes: RoundChanges | None) -> list[dict[str, Any]]:
    """The fields of two deck slides (present.deck makes them `Slide(**fields)`): what
    changed since the previous round, and the city EU across rounds. Keys
    "putaran.perubahan" and "putaran.tren"."""
    out: list[dict[str, Any]] = []
    if changes is not None:
        out.append({"kind": "teks", "title": f"Perubahan sejak putaran {changes.previous}",
                    "key": "putaran.perubahan", "bullets": tuple(change_lines(changes))})
    if len(trend.rounds) > 1:
        out.append({"kind": "grafik", "title": "Tren kota per putaran", "key": "putaran.tren",
                    "make": lambda: trend_figure(trend, ("eu",), None, "EU kota per putaran")})
    return out


def round_sheets(trend: RoundTrend, changes: RoundChanges | None
                 ) -> list[tuple[str, pd.DataFrame, str]]:
    """(sheet name, frame, title) of the results workbook's round sheets."""
    sheets = [("Tren Kota", trend.city, "Tren kota per putaran"),
              ("Tren OPD", trend.opd, "Tren per OPD per putaran")]
    if changes is not None:
        title = f"sejak putaran {changes.previous} ke {changes.current}"
        sheets += [
            ("Perubahan OPD", changes.opd.drop(columns=[], errors="ignore"),
             f"Perubahan per OPD {title}"),
            ("Jabatan Baru", changes.positions_added, f"Jabatan baru {title}"),
            ("Jabatan Dihapus", changes.positions_removed, f"Jabatan yang tidak ada lagi {title}"),
            ("Perubahan Pegawai", changes.staff_changes, f"Perubahan pegawai per jabatan {title}"),
        ]
    return sheets
