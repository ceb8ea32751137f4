"""Workload balance (domain.md §5) [policy]: is work spread evenly between siblings?

Per level — seksi within bidang (level-3 units inside each level-2 unit), bidang within OPD
(level-2 units inside each OPD), OPD within the city — over the member units' workload hours
per head (subtree workload_hours / subtree existing staff):

* coefficient of variation CV = population standard deviation / mean;
* Gini = mean absolute difference over all ordered pairs (i, j), self-pairs included,
  divided by 2 × mean, i.e. Σ_i Σ_j |x_i − x_j| / (2 n² mean): equal loads give 0 and
  (0, 0, 0, 10) gives 60 / (2 · 16 · 2.5) = 0.75;
* min and max EU and the min/max ratio. EU = hours per head / WKE, so the spread measures
  of EU and of hours per head are the same numbers;
* share of staff in positions whose EJ (rounded half up to 2 decimals, `ej2`) lies outside
  `settings.balanced_ej` (default 0.70–1.00), over the whole subtree of the group's unit.

Members with no staff have no hours per head: they are left out and counted (`excluded`).
Spread measures need at least two members; with fewer they are empty (NaN).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sotk_core.base.labels import BALANCE_LEVEL_LABELS
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult

LEVELS: dict[str, str] = BALANCE_LEVEL_LABELS  # level id -> label, in report order
_MEMBER_DEPTH = {"seksi_dalam_bidang": 3, "bidang_dalam_opd": 2, "opd_dalam_kota": 1}
GROUP_COLUMNS = ["level", "level_label", "opd", "group_uid", "group_code", "group_name",
                 "members", "included", "excluded", "mean_hours_per_head", "cv", "gini",
                 "min_hours_per_head", "max_hours_per_head", "min_eu", "max_eu",
                 "minmax_ratio", "staff", "staff_outside", "share_outside"]


@dataclass(frozen=True)
class BalanceResult:
    """Workload balance of a city (definitions in the module docstring). Hours are hours a
    year per person; EU a decimal ratio; CV, Gini and shares are 0–1.

    groups (one row per (level, group), GROUP_COLUMNS, levels in LEVELS order):
        level               seksi_dalam_bidang | bidang_dalam_opd | opd_dalam_kota
        level_label         the level in Indonesian (BALANCE_LEVEL_LABELS)
        opd                 OPD of the group (None for the city)
        group_uid           the group's unit row in CityData.units (-1: the city)
        group_code          Kode Unit of the group (None for the city)
        group_name          Nama Unit of the group (the city's name for the city)
        members             member units (count)
        included            members with staff, measured (count)
        excluded            members without staff, left out (count)
        mean_hours_per_head  mean hours per head of the members (hours a year per person)
        cv                  population std / mean of hours per head (NaN: < 2 members)
        gini                Gini of hours per head (0 = equal; NaN: < 2 members)
        min_hours_per_head  lowest member hours per head (hours a year per person)
        max_hours_per_head  highest member hours per head (hours a year per person)
        min_eu              lowest member EU (ratio)
        max_eu              highest member EU (ratio)
        minmax_ratio        min / max hours per head (0–1; NaN: < 2 members)
        staff               staff in the group's subtree (persons)
        staff_outside       of them, in positions with EJ (2 dec.) outside settings.balanced_ej
                            (persons)
        share_outside       staff_outside / staff (0–1; NaN without staff)

    members (one row per member unit of a level):
        level, group_uid    as in `groups`
        uid, opd, code, name, kind
                            the member unit, as in CityData.units
        existing            staff in its subtree (persons)
        workload_hours      hours a year of its subtree
        hours_per_head      workload_hours / existing (hours a year per person; NaN: no staff)
        eu                  subtree EU (ratio)
        included            it has staff and is measured (bool)

    levels (one row per level, in LEVELS order):
        level, level_label  as in `groups`
        groups              groups at this level (count)
        groups_measured     groups with a spread (>= 2 members with staff) (count)
        median_cv           median CV over the measured groups
        max_cv              largest CV
        median_gini         median Gini over the measured groups
        max_gini            largest Gini

    summary (dict): staff and staff_outside (persons), share_outside (0–1, None without staff),
        balanced_ej_low / balanced_ej_high (the band used), overloaded_positions and
        idle_positions (count of filled positions with EJ > 1.00 / < 0.50), overloaded_staff
        and idle_staff (persons in them).
    """

    groups: pd.DataFrame
    members: pd.DataFrame
    levels: pd.DataFrame
    summary: dict[str, float | int | None]


def gini(values: np.ndarray | list[float]) -> float:
    """Σ_i Σ_j |x_i − x_j| / (2 n² mean); NaN for no values or a zero mean."""
    x = np.sort(np.asarray(values, dtype="float64"))
    n = len(x)
    if n == 0 or x.sum() <= 0:
        return float("nan")
    i = np.arange(1, n + 1)
    return max(0.0, float(2.0 * (i * x).sum() / (n * x.sum()) - (n + 1) / n))


def cv(values: np.ndarray | list[float]) -> float:
    """Population standard deviation / mean; NaN for no values or a zero mean."""
    x = np.asarray(values, dtype="float64")
    if len(x) == 0 or x.mean() <= 0:
        return float("nan")
    return float(x.std(ddof=0) / x.mean())


def grouped_spread(frame: pd.DataFrame, key: str, value: str) -> pd.DataFrame:
    """Per group of `key`: n, mean, CV, Gini, min, max of `value` (vectorised; same formulas
    as `cv` and `gini`)."""
    f = frame.loc[:, [key, value]].sort_values([key, value], kind="stable")
    rank = f.groupby(key, sort=False).cumcount().to_numpy() + 1.0
    f = f.assign(_w=rank * f[value].to_numpy())  # i · x_(i), i = rank within the group
    g = f.groupby(key, sort=False)
    out = pd.DataFrame({
        "n": g[value].size(), "mean": g[value].mean(), "std": g[value].std(ddof=0),
        "min": g[value].min(), "max": g[value].max(), "sum": g[value].sum(),
        "wsum": g["_w"].sum()})
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = (out["n"] >= 2) & (out["mean"] > 0)
        out["cv"] = np.where(ok, out["std"] / out["mean"], np.nan)
        g_raw = 2.0 * out["wsum"] / (out["n"] * out["sum"]) - (out["n"] + 1) / out["n"]
        out["gini"] = np.where(ok, np.maximum(g_raw, 0.0), np.nan)  # 0 up to rounding noise
        out["ratio"] = np.where((out["n"] >= 2) & (out["max"] > 0),
                                out["min"] / out["max"], np.nan)
    return out


def _subtree(city: CityData, direct: np.ndarray) -> np.ndarray:
    anc = city.ancestors
    return np.bincount(anc["ancestor"].to_numpy(), weights=direct[anc["uid"].to_numpy()],
                       minlength=len(direct))


def compute_balance(city: CityData, workload: WorkloadResult, settings: Settings
                    ) -> BalanceResult:
    units = workload.units
    pos = workload.positions
    n_units = len(units)
    lo, hi = settings.balanced_ej
    existing = pos["existing"].to_numpy(dtype="float64")
    ej2 = pos["ej2"].to_numpy(dtype="float64")
    outside = (existing > 0) & ((ej2 < lo) | (ej2 > hi))
    uid = pos["unit_uid"].to_numpy()
    ok = uid >= 0
    staff_out_direct = np.bincount(uid[ok], weights=(existing * outside)[ok], minlength=n_units)
    staff_outside = _subtree(city, staff_out_direct)
    staff = units["existing"].to_numpy(dtype="float64")

    base = units.loc[:, ["uid", "opd", "code", "name", "kind", "depth", "parent_uid",
                         "existing", "workload_hours", "eu"]]
    ex = base["existing"].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        hpp = np.where(ex > 0, base["workload_hours"].to_numpy() / np.where(ex > 0, ex, 1),
                       np.nan)
    base = base.assign(hours_per_head=hpp, included=ex > 0)

    # Members of every level at once. A group is the parent unit of its members (a level-2
    # unit for seksi, the OPD root for bidang) or the city (-1), so group_uid alone is a key.
    depth = base["depth"].to_numpy()
    m = base.loc[depth <= 3]
    md = m["depth"].to_numpy()
    level_of_depth = {d: lv for lv, d in _MEMBER_DEPTH.items()}
    m = m.assign(group_uid=np.where(md > 1, m["parent_uid"].to_numpy(), -1),
                 level=np.array([level_of_depth.get(d) for d in range(4)], dtype=object)[md])
    inc = m.loc[m["included"]]
    spread = grouped_spread(inc, "group_uid", "hours_per_head")
    eu = inc.groupby("group_uid")["eu"].agg(["min", "max"])
    groups = m.groupby("group_uid").agg(level=("level", "first"), members=("uid", "size"),
                                        included=("included", "sum")).reset_index()
    gu = groups["group_uid"].to_numpy()
    real, gi = gu >= 0, np.clip(gu, 0, None)
    for col, src in (("opd", "opd"), ("group_code", "code"), ("group_name", "name")):
        groups[col] = np.where(real, units[src].to_numpy(dtype=object)[gi], None)
    groups.loc[~real, "group_name"] = city.name
    city_staff = float(existing[ok].sum())
    city_out = float((existing * outside)[ok].sum())
    groups["staff"] = np.where(real, staff[gi], city_staff)
    groups["staff_outside"] = np.where(real, staff_outside[gi], city_out)
    groups["included"] = groups["included"].astype("int64")
    groups["excluded"] = groups["members"] - groups["included"]
    gid = groups["group_uid"]
    for col, src in (("mean_hours_per_head", "mean"), ("cv", "cv"), ("gini", "gini"),
                     ("min_hours_per_head", "min"), ("max_hours_per_head", "max"),
                     ("minmax_ratio", "ratio")):
        groups[col] = gid.map(spread[src]).to_numpy(dtype="float64")
    groups["min_eu"] = gid.map(eu["min"]).to_numpy(dtype="float64")
    groups["max_eu"] = gid.map(eu["max"]).to_numpy(dtype="float64")
    groups["level_label"] = groups["level"].map(LEVELS)
    with np.errstate(divide="ignore", invalid="ignore"):
        st = groups["staff"].to_numpy(dtype="float64")
        groups["share_outside"] = np.where(st > 0, groups["staff_outside"] / np.where(st > 0, st, 1),
                                           np.nan)
    order = groups["level"].map({lv: i for i, lv in enumerate(LEVELS)})
    groups = groups.assign(_o=order).sort_values(["_o", "opd", "group_code"], kind="stable",
                                                 ignore_index=True).loc[:, GROUP_COLUMNS]
    members = m.loc[:, ["level", "group_uid", "uid", "opd", "code", "name", "kind", "existing",
                        "workload_hours", "hours_per_head", "eu", "included"]].reset_index(
        drop=True)

    measured = groups.loc[groups["cv"].notna()]
    lg = measured.groupby("level")
    levels = pd.DataFrame({"level": list(LEVELS), "level_label": list(LEVELS.values())})
    levels["groups"] = levels["level"].map(groups.groupby("level").size()).fillna(0).astype(
        "int64")
    levels["groups_measured"] = levels["level"].map(lg.size()).fillna(0).astype("int64")
    for stat in ("cv", "gini"):
        levels[f"median_{stat}"] = levels["level"].map(lg[stat].median())
        levels[f"max_{stat}"] = levels["level"].map(lg[stat].max())

    over = overloaded_positions(workload)
    idle = idle_positions(workload)
    summary: dict[str, float | int | None] = {
        "staff": city_staff,
        "staff_outside": city_out,
        "share_outside": city_out / city_staff if city_staff > 0 else None,
        "balanced_ej_low": lo,
        "balanced_ej_high": hi,
        "overloaded_positions": len(over),
        "overloaded_staff": float(over["existing"].sum()),
        "idle_positions": len(idle),
        "idle_staff": float(idle["existing"].sum()),
    }
    return BalanceResult(groups=groups, members=members, levels=levels, summary=summary)


def overloaded_positions(workload: WorkloadResult) -> pd.DataFrame:
    """Filled positions with EJ (2 decimals) > settings.overload_ej (1.00): short of staff."""
    p = workload.positions
    edge = workload.settings.overload_ej
    return p.loc[(p["existing"] > 0) & (p["ej2"] > edge)].sort_values("ej2", ascending=False)


def idle_positions(workload: WorkloadResult) -> pd.DataFrame:
    """Filled positions with EJ (2 decimals) < settings.idle_ej (0.50): under-used (surplus),
    no workload included."""
    p = workload.positions
    return p.loc[(p["existing"] > 0) & (p["ej2"] < workload.settings.idle_ej)].sort_values("ej2")


def overloaded_units(workload: WorkloadResult) -> pd.DataFrame:
    """Units whose subtree EU (2 decimals) > settings.overload_ej (1.00)."""
    u = workload.units
    return u.loc[u["eu2"] > workload.settings.overload_ej].sort_values("eu2", ascending=False)


def idle_units(workload: WorkloadResult) -> pd.DataFrame:
    """Units with staff whose subtree EU (2 decimals) < settings.idle_ej (0.50)."""
    u = workload.units
    return u.loc[u["eu2"] < workload.settings.idle_ej].sort_values("eu2")
