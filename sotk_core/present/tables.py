"""Display frames for the pages (pages only draw): a unit tree with its health flags, the
units and positions inside one bidang, the loaded files and their status, maturity overviews.
Pure functions over an `Evaluation`'s frames."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sotk_core.base.labels import UNIT_FLAG_LABELS
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.evaluate import Evaluation
from sotk_core.model.workload import status_labels

TREE_FLAGS = UNIT_FLAG_LABELS
INDENT = "\u2003"


def unit_tree(units: pd.DataFrame) -> pd.DataFrame:
    """Units in tree order (by code path) with the name indented by depth, and `flags`: the
    unit's health flags as words ("unit mikro, tanpa kepala")."""
    order = units.sort_values("code", key=lambda c: c.astype(str).str.split(".").map(tuple))
    flags = [", ".join(word for col, word in TREE_FLAGS.items() if bool(row[col]))
             for _, row in order.loc[:, list(TREE_FLAGS)].iterrows()]
    names = [INDENT * (int(d) - 1) + ("└ " if d > 1 else "") + str(n)
             for d, n in zip(order["depth"], order["name"], strict=True)]
    return order.assign(name=names, flags=flags)


@dataclass(frozen=True)
class Scope:
    """A part of one OPD: the whole OPD or one bidang/bagian and everything below it."""

    name: str
    code: str | None  # Kode Unit of the bidang, None for the whole OPD
    units: pd.DataFrame
    positions: pd.DataFrame


def bidang_options(ev: Evaluation, opd: str) -> dict[str, str]:
    """Kode Unit -> 'Nama (kode)' of the OPD's bidang/bagian (depth 2)."""
    units = ev.workload.units
    level2 = units.loc[(units["opd"] == opd) & (units["depth"] == 2)]
    return {str(c): f"{n} ({c})" for c, n in zip(level2["code"], level2["name"], strict=True)}


def scope(ev: Evaluation, opd: str, bidang: str | None = None) -> Scope:
    """The units and positions of `opd`, or of its bidang `bidang` and its whole subtree."""
    wl = ev.workload
    units = wl.units.loc[wl.units["opd"] == opd]
    positions = wl.positions.loc[wl.positions["opd"] == opd]
    if bidang is None:
        return Scope(opd, None, units, positions)
    head = units.loc[units["code"] == bidang]
    if head.empty:
        return Scope(opd, None, units, positions)
    uid = int(head["uid"].iloc[0])
    anc = ev.city.ancestors
    inside = set(anc.loc[anc["ancestor"] == uid, "uid"].tolist())
    return Scope(str(head["name"].iloc[0]), bidang, units.loc[units["uid"].isin(inside)],
                 positions.loc[positions["unit_uid"].isin(inside)])


def position_choices(positions: pd.DataFrame) -> dict[str, str]:
    """Kode Jabatan -> 'Nama (Unit)' of the positions that have tasks."""
    own = positions.loc[positions["task_count"] > 0]
    return {str(c): f"{n} ({u})" for c, n, u in zip(own["code"], own["name"], own["unit_name"],
                                                      strict=True)}


def positions_view(positions: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    """Positions sorted by EJ (highest first; vacant last) with the status in words (EJ
    thresholds as in `settings`)."""
    out = positions.assign(status=positions["status"].map(status_labels(settings or Settings())))
    return out.sort_values(["ej2", "need_raw"], ascending=False, na_position="last",
                           kind="stable")


def file_status(city: CityData) -> pd.DataFrame:
    """One row per loaded file: whether it was computed, its errors and warnings."""
    return pd.DataFrame([{
        "File": wb.file,
        "Status": "Dihitung" if wb.ok and wb.name in city.opd_names else "Tidak dihitung",
        "Galat": len(wb.errors),
        "Peringatan": len(wb.warnings),
        "Jabatan": len(wb.positions),
        "Tugas": len(wb.tasks),
    } for wb in city.workbooks], columns=["File", "Status", "Galat", "Peringatan", "Jabatan",
                                          "Tugas"])


def failed_files(city: CityData) -> list[str]:
    """Files that could not be computed (errors), in load order."""
    return [wb.file for wb in city.workbooks if not (wb.ok and wb.name in city.opd_names)]


@dataclass(frozen=True)
class MaturityOverview:
    counts: dict[str, int]  # category -> OPD count, most frequent first
    missing: list[str]  # OPD without a complete Kematangan sheet
    lowest_stage: float | None
    variable_means: pd.Series  # variable -> city mean level (the radar's reference)


def maturity_overview(ev: Evaluation) -> MaturityOverview:
    mat = ev.maturity
    counts = mat.opd["category"].value_counts()
    assessed = set(mat.opd["opd"])
    return MaturityOverview(
        counts={str(k): int(v) for k, v in counts.items()},
        missing=[n for n in ev.city.opd_names if n not in assessed],
        lowest_stage=float(mat.opd["stage"].min()) if len(mat.opd) else None,
        variable_means=mat.levels.groupby("variable")["level"].mean())


def severity_counts(findings: pd.DataFrame) -> dict[str, int]:
    counts = findings["severity"].value_counts()
    return {k: int(counts.get(k, 0)) for k in ("tinggi", "sedang", "rendah")}


@dataclass(frozen=True)
class SpanSummary:
    share_2_to_7: float  # share of unit heads with 2–7 direct reports
    heads: int


def span_summary(span_city: pd.DataFrame) -> SpanSummary:
    span = span_city.set_index("bucket")
    share = sum(float(span.at[b, "share"]) for b in ("2–3", "4–7") if b in span.index)
    return SpanSummary(share, int(span["heads"].sum()))


def over_limit(size_checks: pd.DataFrame) -> pd.DataFrame:
    """The size checks over their limit."""
    return size_checks.loc[size_checks["over"].astype(bool)]


def type_checks(struct_opds: pd.DataFrame) -> pd.DataFrame:
    """Per OPD with "Kesesuaian tipe" in words."""
    return struct_opds.assign(**{"Kesesuaian tipe": struct_opds["tipe_melebihi"].map(
        {True: "Melebihi pemetaan", False: "Sesuai"})})


def filter_findings(findings: pd.DataFrame, severities: list[str], bases: list[str],
                    opd: str | None = None) -> pd.DataFrame:
    shown = findings.loc[findings["severity"].isin(severities) & findings["basis"].isin(bases)]
    return shown if opd is None else shown.loc[shown["opd"] == opd]


def unit_names(units: pd.DataFrame) -> list[str]:
    """Names of the units below the OPD itself (for a notes form), each once."""
    return list(dict.fromkeys(units.loc[units["depth"] > 1, "name"].astype(str)))


def has_depth(units: pd.DataFrame, depth: int) -> bool:
    return bool((units["depth"] == depth).any())


def weakest(weakest_frame: pd.DataFrame, opd: str) -> list[dict]:
    """The OPD's weakest maturity variables as records (roman, var_name, level, next_level,
    next_text)."""
    return weakest_frame.loc[weakest_frame["opd"] == opd].to_dict("records")
