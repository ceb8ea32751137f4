"""One OPD as its head reads it: which seksi, bidang and positions are overloaded or idle,
said in plain Indonesian ("butuh 2,8 orang, ada 1 — beban berlebih"), the PJ/PU grade with its
staffing reading (an A means overloaded, not praise), and the OPD's findings.

Thresholds come from `Settings` (the EJ bands and the balanced range), so custom bands read
the same way everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import FINDING_BASIS, FINDING_SEVERITY_LABELS
from sotk_core.base.settings import Settings
from sotk_core.base.texts import (
    READING_BALANCED,
    READING_LOW,
    READING_LOWISH,
    READING_NO_WORK,
    READING_OVER,
    READING_UNKNOWN,
    READING_VACANT,
)
from sotk_core.model.evaluate import Evaluation


def _thresholds(settings: Settings) -> tuple[float, float, float]:
    """(over: EJ above it is overloaded, low: EJ below it is idle, balanced low end)."""
    return settings.overload_ej, settings.idle_ej, settings.balanced_ej[0]


def reading(value: float | None, settings: Settings) -> str:
    """The staffing reading of an EJ/EU value rounded to 2 decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return READING_VACANT
    over, low, balanced = _thresholds(settings)
    if value > over:
        return READING_OVER
    if value < low:
        return READING_LOW
    return READING_BALANCED if value >= balanced else READING_LOWISH


def staffing_sentence(need_raw: float, existing: float | None, value: float | None,
                      workload_hours: float, settings: Settings) -> str:
    """'butuh 2,80 orang, ada 1 — beban berlebih' (the decimal need, two decimals)."""
    need = fmt_num(need_raw, 2)
    if existing is None or (isinstance(existing, float) and math.isnan(existing)):
        return f"butuh {need} orang — {READING_UNKNOWN}"
    if workload_hours == 0:
        return f"ada {fmt_num(existing)} orang — {READING_NO_WORK}"
    if existing == 0:
        return f"butuh {need} orang, ada 0 — {READING_VACANT}"
    return f"butuh {need} orang, ada {fmt_num(existing)} — {reading(value, settings)}"


def grade_text(grade: object, value: float | None, settings: Settings) -> str:
    """'A · beban berlebih' (never the bare 'Sangat Baik', which reads as praise)."""
    if not isinstance(grade, str):
        return "–"
    return f"{grade} · {reading(value, settings)}"


@dataclass(frozen=True)
class OpdView:
    """What the OPD page shows, as text and small frames."""

    opd: str
    headline: dict[str, str]  # existing, need, surplus_shortage, eu, vacant -> text
    overloaded_units: list[str]  # sentences, most overloaded first
    idle_units: list[str]  # sentences, most idle first
    overloaded_positions: list[str]
    idle_positions: list[str]
    positions: pd.DataFrame  # display table, sorted by EJ (highest first)
    findings: list[tuple[str, str, str]]  # (severity label, basis, message)


def _opt(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _unit_line(r: pd.Series, settings: Settings, parents: dict[int, str]) -> str:
    parent = parents.get(int(r["parent_uid"])) if r["depth"] > 2 else None
    where = f" ({parent})" if parent else ""
    return (f"{r['name']}{where}: "
            f"{staffing_sentence(r['need_raw'], _opt(r['existing']), _opt(r['eu2']), r['workload_hours'], settings)}"
            f" (EU {fmt_num(r['eu2'], 2)})")


def _position_line(r: pd.Series, settings: Settings) -> str:
    ej = _opt(r["ej2"])
    text = staffing_sentence(r["need_raw"], _opt(r["existing"]), ej, r["workload_hours"],
                             settings)
    return f"{r['name']} · {r['unit_name']}: {text}" + (f" (EJ {fmt_num(ej, 2)})" if ej is not
                                                         None else "")


def opd_view(ev: Evaluation, opd: str) -> OpdView:
    """The OPD head's reading of `opd` (raises KeyError for an OPD that was not computed)."""
    settings = ev.settings
    over, low, _ = _thresholds(settings)
    o = ev.opds.set_index("opd").loc[opd]
    wl = ev.workload
    units = wl.units.loc[(wl.units["opd"] == opd)]
    parents = dict(zip(units["uid"].astype(int), units["name"].astype(str), strict=True))
    below = units.loc[(units["depth"] > 1) & units["eu2"].notna()]
    pos = wl.positions.loc[wl.positions["opd"] == opd]

    def lines(frame: pd.DataFrame, mask: pd.Series, by: str, ascending: bool, line) -> list[str]:
        part = frame.loc[mask].sort_values(by, ascending=ascending, kind="stable")
        return [line(r) for _, r in part.iterrows()]

    vacant = pos.loc[(pos["existing"] == 0) & (pos["need"] > 0)]
    overloaded_pos = [_position_line(r, settings) for _, r in vacant.iterrows()] + lines(
        pos, pos["ej2"] > over, "ej2", False, lambda r: _position_line(r, settings))
    eu_text = f"{fmt_num(o['eu2'], 2)}"
    headline = {
        "existing": f"{fmt_num(o['existing'])} orang",
        "existing_sub": f"kebutuhan {fmt_num(o['need'])} orang "
                        f"({fmt_num(o['need_raw'], 2)} desimal)",
        "gap": f"+{fmt_num(o['surplus'])} / −{fmt_num(o['shortage'])}",
        "eu": eu_text,
        "eu_sub": f"PU {grade_text(o['pu'], _opt(o['eu2']), settings)}",
        "vacant": fmt_num(o["vacant"]),
        "vacant_sub": f"dari {fmt_num(o['positions'])} jabatan",
    }
    return OpdView(
        opd=opd,
        headline=headline,
        overloaded_units=lines(below, below["eu2"] > over, "eu2", False,
                               lambda r: _unit_line(r, settings, parents)),
        idle_units=lines(below, below["eu2"] < low, "eu2", True,
                         lambda r: _unit_line(r, settings, parents)),
        overloaded_positions=overloaded_pos,
        idle_positions=lines(pos, pos["ej2"] < low, "ej2", True,
                             lambda r: _position_line(r, settings)),
        positions=positions_table(pos, settings),
        findings=_findings(ev, opd),
    )


def positions_table(pos: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Jabatan, Unit, EJ, PJ with its staffing reading, and "butuh … orang, ada …" (the
    decimal need against the staff); highest EJ first, positions without staff last."""
    order = pos.sort_values(["ej2", "need_raw"], ascending=False, na_position="last",
                            kind="stable")
    sentences = [staffing_sentence(n, _opt(e), _opt(v), h, settings) for n, e, v, h in
                 zip(order["need_raw"], order["existing"], order["ej2"],
                     order["workload_hours"], strict=True)]
    return pd.DataFrame({
        "Jabatan": order["name"].astype(str).to_numpy(),
        "Unit": order["unit_name"].astype(str).to_numpy(),
        "EJ": [fmt_num(v, 2) for v in order["ej2"]],
        "PJ: artinya": [grade_text(g, _opt(v), settings) if isinstance(g, str)
                        else t.rpartition(" — ")[2] for g, v, t in
                        zip(order["pj"], order["ej2"], sentences, strict=True)],
        "Kebutuhan desimal dan pegawai": [t.partition(" — ")[0] for t in sentences],
    })


LINES_SHOWN = 10  # sentences per group in the overloaded/idle boxes; the rest are counted
MORE_POSITIONS = "semuanya ada di tabel jabatan di bawah"
MORE_UNITS = "semuanya ada di Tabel unit halaman Produktivitas"


def first_lines(lines: list[str], what: str, where: str, n: int | None = None) -> list[str]:
    """The first `n` (LINES_SHOWN) sentences and, when there are more, one counting the rest:
    "… dan 51 jabatan lainnya; semuanya ada di tabel jabatan di bawah"."""
    n = LINES_SHOWN if n is None else n
    if len(lines) <= n:
        return list(lines)
    return [*lines[:n], f"… dan {fmt_num(len(lines) - n)} {what} lainnya; {where}"]


def positions_lines(lines: list[str], n: int | None = None) -> list[str]:
    return first_lines(lines, "jabatan", MORE_POSITIONS, n)


def units_lines(lines: list[str], n: int | None = None) -> list[str]:
    return first_lines(lines, "seksi dan bidang", MORE_UNITS, n)


TABLE_ROWS = 40  # positions in the wrapping table; more go to a table opened on demand


@dataclass(frozen=True)
class TableParts:
    """The positions table cut for the page: the first rows wrap in view, the rest is offered
    in a closed box (a wrapping table of 150 rows is slow to draw and hard to read)."""

    first: pd.DataFrame
    rest: pd.DataFrame
    note: str | None  # "Menampilkan 40 jabatan dengan EJ tertinggi dari 151. …", None: all
    rest_title: str | None  # the closed box's title, None when there is no rest


def table_parts(table: pd.DataFrame, rows: int | None = None) -> TableParts:
    """`table` (positions_table, highest EJ first) cut after `rows` rows (TABLE_ROWS)."""
    rows = TABLE_ROWS if rows is None else rows
    if len(table) <= rows:
        return TableParts(table, table.iloc[:0], None, None)
    rest = len(table) - rows
    return TableParts(
        table.iloc[:rows], table.iloc[rows:],
        f"Menampilkan {fmt_num(rows)} jabatan dengan EJ tertinggi dari {fmt_num(len(table))}. "
        f"{fmt_num(rest)} jabatan lainnya ada di bawah tabel ini.",
        f"{fmt_num(rest)} jabatan lainnya (lanjutan tabel di atas)")


def _findings(ev: Evaluation, opd: str) -> list[tuple[str, str, str]]:
    if ev.findings is None:
        return []
    own = ev.findings.loc[ev.findings["opd"] == opd]
    return [(FINDING_SEVERITY_LABELS.get(s, str(s)), FINDING_BASIS.get(k, ""), str(m))
            for s, k, m in zip(own["severity"], own["kind"], own["message"], strict=True)]
