"""Five-year staffing plan (formasi): what the ABK need, the bezetting and the retirements of
the next five years ask for, per position, unit, OPD and city.

Per position (the e-Formasi rule "ABK − bezetting + pensiun"):

  retiring   = Σ sheet Pensiun rows in the plan years when the position has rows there, else
               column Pensiun 5 Tahun; blank in both: unknown, counted as 0 and flagged
  projected  = existing − retiring                   bezetting after five years
  formasi    = max(need − projected, 0)              staff the position lacks by then
  excess     = max(projected − need, 0)              staff it can spare by then

Redistribution comes before any new formasi: the excess of non-structural positions fills the
formasi of non-structural positions, first inside the same unit (for every position), then
inside the same OPD, never across OPDs. Within a step the candidates are taken by the same
position name, then the same jenis jabatan, then the largest excess, then sheet order.
Structural positions (JPT Pratama, Administrator, Pengawas) are filled by appointment: they are
neither source nor target. new_formasi = formasi − redistributed_in is what is proposed as
new formasi; excess_left is the surplus no position of the OPD can take.

Plan years: the data year (Profil Tahun, the most common one in the city) and the four after
it. Units sum their whole subtree; the city sums every position (never netted per unit).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult
from sotk_core.workbook.spec import RETIREMENT_YEARS, STRUCTURAL

SUMS = ("need", "existing", "retiring", "projected", "formasi", "excess", "redistributed_in",
        "redistributed_out", "new_formasi", "excess_left")
POSITION_COLUMNS = ["opd", "code", "name", "unit", "unit_name", "unit_uid", "kind", "grade",
                    "structural", "retiring_source", *SUMS]
MOVE_COLUMNS = ["opd", "from_code", "from_name", "from_unit", "from_unit_name", "to_code",
                "to_name", "to_unit", "to_unit_name", "count", "scope"]


@dataclass(frozen=True)
class FormasiResult:
    """positions: POSITION_COLUMNS; retiring_source is "sheet" (sheet Pensiun), "kolom"
               (column Pensiun 5 Tahun) or "kosong" (unknown, counted as 0)
    moves:     MOVE_COLUMNS, one row per (source, target) pair; scope "unit" or "opd"
    years:     opd, code, year, count: the sheet Pensiun rows inside the plan years
    units:     opd, uid, code, name, kind, depth, parent_uid and SUMS over the subtree
    opds:      opd and SUMS, plus unknown_retiring (positions with staff and no retirement
               data), unknown_existing (positions whose bezetting is unknown: their
               projected, formasi and excess are unknown and left out of every sum) and
               retiring_by_year (dict year -> count, from the sheet)
    city:      SUMS, opd_count, unknown_retiring, unknown_existing, plan_years (first, last)
               or None
    """

    positions: pd.DataFrame
    moves: pd.DataFrame
    years: pd.DataFrame
    units: pd.DataFrame
    opds: pd.DataFrame
    city: dict[str, object]
    plan_years: tuple[int, ...]


def plan_years(city: CityData) -> tuple[int, ...]:
    """The data year (most common Profil Tahun) and the four after it; from the earliest
    Pensiun year when no OPD gives a year; () when neither exists."""
    years = pd.to_numeric(city.opds.get("tahun"), errors="coerce").dropna()
    if len(years):
        start = int(years.mode().min())
    elif len(city.retirements):
        start = int(pd.to_numeric(city.retirements["year"], errors="coerce").min())
    else:
        return ()
    return tuple(range(start, start + RETIREMENT_YEARS))


def _retiring(city: CityData, pos: pd.DataFrame, years: tuple[int, ...]
              ) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """(retiring, source, rows in the plan years) per position of `pos`."""
    ret = city.retirements
    ret = ret.loc[ret["count"].notna() & ret["year"].notna()]
    keyed = pd.MultiIndex.from_frame(pos[["opd", "code"]])
    has_rows = pd.MultiIndex.from_frame(ret[["opd", "position"]]) if len(ret) else None
    in_sheet = keyed.isin(has_rows) if has_rows is not None else np.zeros(len(pos), bool)
    window = ret.loc[ret["year"].isin(years)] if years else ret.iloc[0:0]
    summed = window.groupby(["opd", "position"])["count"].sum()
    from_sheet = summed.reindex(keyed).fillna(0.0).to_numpy(dtype="float64")
    column = pos["retiring"].to_numpy(dtype="float64")
    source = np.where(in_sheet, "sheet", np.where(np.isnan(column), "kosong", "kolom"))
    value = np.where(in_sheet, from_sheet, np.nan_to_num(column, nan=0.0))
    existing = pos["existing"].to_numpy(dtype="float64")
    value = np.where(np.isnan(existing), value, np.minimum(value, existing))
    rows = window.loc[:, ["opd", "position", "year", "count"]].rename(columns={"position": "code"})
    return value, source.astype(object), rows.reset_index(drop=True)


def _allocate(pos: pd.DataFrame) -> pd.DataFrame:
    """Moves of excess staff to formasi: the same unit first for every position, then the same
    OPD (module docstring); targets and candidates in sheet order."""
    movable = ~pos["structural"].to_numpy()
    left = np.where(movable, pos["excess"].to_numpy(), 0.0)
    need = np.where(movable, pos["formasi"].to_numpy(), 0.0)
    names = pos["name"].astype(str).str.casefold().to_numpy()
    kinds = pos["kind"].astype(object).to_numpy()
    # only positions with excess can ever give: each group keeps just those, in sheet order
    sources = left > 0
    groups = {scope: {k: idx[sources[idx]].tolist()
                      for k, idx in pos.groupby(key, sort=False).indices.items()}
              for scope, key in (("unit", "unit_uid"), ("opd", "opd"))}
    keys = {"unit": pos["unit_uid"].to_numpy(), "opd": pos["opd"].to_numpy()}
    targets = np.flatnonzero(need > 0).tolist()
    moves: list[tuple[int, int, float, str]] = []
    for scope in ("unit", "opd"):
        for t in targets:
            if need[t] <= 0:
                continue
            members = groups[scope][keys[scope][t]]
            if not members:
                continue
            cands = [i for i in members if left[i] > 0 and i != t]
            cands.sort(key=lambda i: (names[i] != names[t], kinds[i] != kinds[t], -left[i]))
            for s in cands:
                n = min(left[s], need[t])
                moves.append((s, t, float(n), scope))
                left[s] -= n
                need[t] -= n
                if need[t] <= 0:
                    break
    src = np.array([m[0] for m in moves], dtype="int64")
    dst = np.array([m[1] for m in moves], dtype="int64")

    def col(name: str, rows: np.ndarray) -> np.ndarray:
        return pos[name].to_numpy(dtype=object)[rows]

    out = pd.DataFrame({
        "opd": col("opd", dst), "from_code": col("code", src), "from_name": col("name", src),
        "from_unit": col("unit", src), "from_unit_name": col("unit_name", src),
        "to_code": col("code", dst), "to_name": col("name", dst), "to_unit": col("unit", dst),
        "to_unit_name": col("unit_name", dst),
        "count": np.array([m[2] for m in moves], dtype="float64"),
        "scope": np.array([m[3] for m in moves], dtype=object)})
    return out.loc[:, MOVE_COLUMNS]


def compute_formasi(city: CityData, workload: WorkloadResult) -> FormasiResult:
    """The plan of the module docstring for every position of `workload`."""
    src = workload.positions
    years = plan_years(city)
    pos = src.loc[:, ["opd", "code", "name", "unit", "unit_name", "unit_uid", "kind", "grade",
                      "need", "existing"]].copy()
    pos["structural"] = src["kind"].isin(STRUCTURAL).to_numpy()
    retiring, source, year_rows = _retiring(city, src, years)
    pos["retiring_source"] = source
    existing = pos["existing"].to_numpy(dtype="float64")
    need = pos["need"].to_numpy(dtype="float64")
    pos["retiring"] = retiring
    pos["projected"] = existing - retiring
    pos["formasi"] = np.maximum(need - pos["projected"].to_numpy(), 0.0)
    pos["excess"] = np.maximum(pos["projected"].to_numpy() - need, 0.0)
    moves = _allocate(pos)
    pid = pd.MultiIndex.from_frame(pos[["opd", "code"]])
    for col, side in (("redistributed_out", "from_code"), ("redistributed_in", "to_code")):
        got = moves.groupby(["opd", side])["count"].sum()
        pos[col] = got.reindex(pid).fillna(0.0).to_numpy(dtype="float64")
    pos["new_formasi"] = pos["formasi"] - pos["redistributed_in"]
    pos["excess_left"] = pos["excess"] - pos["redistributed_out"]
    pos = pos.loc[:, POSITION_COLUMNS].reset_index(drop=True)

    units = _units(city, pos)
    unknown = (pos["retiring_source"] == "kosong") & (pos["existing"] > 0)
    no_staff_data = pos["existing"].isna()
    opds = pos.groupby("opd", sort=False)[list(SUMS)].sum()
    opds = opds.reindex(city.opd_names).fillna(0.0)
    for col, flag in (("unknown_retiring", unknown), ("unknown_existing", no_staff_data)):
        opds[col] = flag.groupby(pos["opd"]).sum().reindex(opds.index).fillna(0).astype("int64")
    by_year = year_rows.groupby(["opd", "year"])["count"].sum()
    opds["retiring_by_year"] = [
        {int(y): float(n) for (o, y), n in by_year.items() if o == name} for name in opds.index]
    opds = opds.rename_axis("opd").reset_index()
    city_row: dict[str, object] = {k: float(pos[k].sum()) for k in SUMS}
    city_row["opd_count"] = len(opds)
    city_row["unknown_retiring"] = int(unknown.sum())
    city_row["unknown_existing"] = int(no_staff_data.sum())
    city_row["plan_years"] = (years[0], years[-1]) if years else None
    return FormasiResult(positions=pos, moves=moves, years=year_rows, units=units, opds=opds,
                         city=city_row, plan_years=years)


def _units(city: CityData, pos: pd.DataFrame) -> pd.DataFrame:
    """SUMS over every unit's whole subtree."""
    units = city.units.loc[:, ["opd", "uid", "code", "name", "kind", "depth", "parent_uid"]].copy()
    n = len(units)
    uid = pos["unit_uid"].to_numpy()
    ok = uid >= 0
    anc = city.ancestors
    a_uid, a_anc = anc["uid"].to_numpy(), anc["ancestor"].to_numpy()
    for col in SUMS:
        direct = np.bincount(uid[ok], weights=pos[col].to_numpy(dtype="float64")[ok], minlength=n)
        units[col] = np.bincount(a_anc, weights=direct[a_uid], minlength=n)
    return units.reset_index(drop=True)
