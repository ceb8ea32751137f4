"""Like units side by side: units doing the same work in different OPDs (every kecamatan,
every sekretariat, every UPT of one kind, every kelurahan), compared with each other rather
than with a dinas.

A group is a rule (`GroupRule`): the level (whole OPDs by Jenis OPD, or units by Jenis Unit),
an optional kind and an optional name pattern (`*` stands for anything, case ignored). Each
member is measured over its whole subtree:

  eu             = Σ need_raw / Σ existing, rounded half up to 2 decimals (eu2, as graded)
  need_per_head  = need (rounded, whole staff) / existing
  hours_per_head = workload hours / existing
  share_outside  = staff in positions whose EJ (2 decimals) lies outside Settings.balanced_ej,
                   over the member's staff
  maturity       = the maturity total of the member's OPD

Members without staff have no ratios and are left out of the medians. For each measure the
member's distance from the group median is kept (value − median, and that over the median); a
member is an outlier when its EU lies at least `outlier_share` (default 25 %) of the median
away from the median, in a group of at least three measured members.

Positions with the same name (case and spaces ignored) in two or more members of a group are
compared too: per member their EJ is Σ need_raw / Σ existing of that name there, and the
group shows the lowest, median and highest of those EJ and the spread (highest − lowest);
staff positions come first, structural heads (one per unit) after them, widest spread first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sotk_core.base.fmt import round_half_up
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult
from sotk_core.workbook.spec import STRUCTURAL

OUTLIER_SHARE = 0.25  # [policy] EU at least 25 % of the median away from it
LEVELS = ("opd", "unit")
MEASURES = ("eu2", "need_per_head", "hours_per_head", "share_outside", "maturity_total")
MEMBER_COLUMNS = ["group", "opd", "uid", "code", "name", "label", "short", "kind", "existing", "need", "need_raw",
                  "workload_hours", "eu2", "need_per_head", "hours_per_head", "staff_outside",
                  "share_outside", "maturity_total", "measured",
                  *[f"{m}_{x}" for m in MEASURES for x in ("median", "distance", "relative")],
                  "outlier"]
POSITION_COLUMNS = ["group", "position", "structural", "members", "staff", "ej_min",
                    "ej_median", "ej_max", "spread", "lowest", "highest"]


@dataclass(frozen=True)
class GroupRule:
    """Members of a group: whole OPDs ("opd", `kind` = Jenis OPD) or units ("unit", `kind` =
    Jenis Unit); `pattern` matches the name (`*` = anything, case ignored); empty = any."""

    name: str
    level: str = "unit"
    kind: str | None = None
    pattern: str | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"Tingkat kelompok tidak dikenal: {self.level!r}.")


@dataclass(frozen=True)
class LikeUnitsResult:
    """members:   MEMBER_COLUMNS, one row per (group, member)
    groups:    group, level, members, measured, staff, eu_median, eu_min, eu_max,
               outliers (member names), plus the rule (kind, pattern)
    positions: POSITION_COLUMNS, same-name positions in two or more members
    position_members: group, position, opd, member, existing, need_raw, ej
    """

    members: pd.DataFrame
    groups: pd.DataFrame
    positions: pd.DataFrame
    position_members: pd.DataFrame
    rules: tuple[GroupRule, ...]
    outlier_share: float


def _key(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def _matches(names: pd.Series, pattern: str | None) -> np.ndarray:
    """Names matching `pattern` as a whole, `*` standing for anything, case and spaces
    ignored; an empty pattern matches every name."""
    if not pattern or not pattern.strip():
        return np.ones(len(names), dtype=bool)
    regex = re.compile(".*".join(re.escape(part) for part in _key(pattern).split("*")))
    return np.array([regex.fullmatch(_key(n)) is not None for n in names], dtype=bool)


def default_rules(city: CityData, min_members: int = 2) -> list[GroupRule]:
    """Rules that give groups of at least `min_members` in this city: Kecamatan (whole OPDs),
    Sekretariat, each UPT kind ("UPT Puskesmas*": the first two words), Kelurahan, then units
    with the same name in three or more OPDs (e.g. every "Seksi Pemerintahan")."""
    units = city.units
    rules = [GroupRule("Kecamatan", "opd", "Kecamatan"),
             GroupRule("Sekretariat", "unit", "Sekretariat")]
    upt = units.loc[units["kind"] == "UPT", "name"].astype(str)
    heads = upt.str.split().str[:2].str.join(" ")
    for head, n in heads.value_counts(sort=False).items():
        if n >= min_members:
            rules.append(GroupRule(head, "unit", "UPT", f"{head}*"))
    rules.append(GroupRule("Kelurahan", "unit", None, "Kelurahan*"))
    below = units.loc[(units["depth"] >= 2) & ~units["kind"].isin(["Sekretariat", "UPT"])]
    spread = below.assign(_k=below["name"].map(_key)).groupby("_k")
    for _, g in spread:
        if g["opd"].nunique() >= 3:
            rules.append(GroupRule(str(g["name"].iloc[0]), "unit", str(g["kind"].iloc[0]),
                                   str(g["name"].iloc[0])))
    found = members_of(city, rules)
    counts = found.groupby("group").size()
    return [r for r in rules if counts.get(r.name, 0) >= min_members]


def members_of(city: CityData, rules: Sequence[GroupRule]) -> pd.DataFrame:
    """group, uid of every unit a rule selects (an OPD as its root unit)."""
    units = city.units
    root = units["parent_uid"].to_numpy() < 0
    jenis = units["opd"].map(dict(zip(city.opds["opd"], city.opds["jenis"], strict=True)))
    parts = []
    for rule in rules:
        if rule.level == "opd":
            mask = root & ((jenis == rule.kind).to_numpy() if rule.kind else True)
        else:
            mask = ~root & ((units["kind"] == rule.kind).to_numpy() if rule.kind else True)
        mask = mask & _matches(units["name"], rule.pattern)
        parts.append(pd.DataFrame({"group": rule.name, "uid": units["uid"].to_numpy()[mask]}))
    if not parts:
        return pd.DataFrame({"group": pd.Series(dtype=object), "uid": pd.Series(dtype="int64")})
    return pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)


def _subtree_sum(city: CityData, direct: np.ndarray) -> np.ndarray:
    anc = city.ancestors
    return np.bincount(anc["ancestor"].to_numpy(), weights=direct[anc["uid"].to_numpy()],
                       minlength=len(direct))


def compare_like_units(city: CityData, workload: WorkloadResult, settings: Settings,
                       maturity_totals: dict[str, float] | None = None,
                       rules: Sequence[GroupRule] | None = None,
                       outlier_share: float = OUTLIER_SHARE) -> LikeUnitsResult:
    """The comparison of the module docstring; `rules` default to `default_rules(city)`,
    `maturity_totals` maps OPD name to its maturity total."""
    rules = tuple(default_rules(city) if rules is None else rules)
    units, pos = workload.units, workload.positions
    lo, hi = settings.balanced_ej
    existing = pos["existing"].to_numpy(dtype="float64")
    ej2 = pos["ej2"].to_numpy(dtype="float64")
    outside = (existing > 0) & ((ej2 < lo) | (ej2 > hi))
    uid = pos["unit_uid"].to_numpy()
    ok = uid >= 0
    direct = np.bincount(uid[ok], weights=(existing * outside)[ok], minlength=len(units))
    staff_outside = _subtree_sum(city, direct)

    found = members_of(city, rules)
    m = found.merge(units.loc[:, ["uid", "opd", "code", "name", "kind", "existing", "need",
                                  "need_raw", "workload_hours", "eu2"]], on="uid", how="left")
    ex = m["existing"].to_numpy(dtype="float64")
    has = ex > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        m["need_per_head"] = np.where(has, m["need"].to_numpy(dtype="float64") / ex, np.nan)
        m["hours_per_head"] = np.where(has, m["workload_hours"].to_numpy(dtype="float64") / ex,
                                       np.nan)
        m["staff_outside"] = staff_outside[m["uid"].to_numpy()]
        m["share_outside"] = np.where(has, m["staff_outside"].to_numpy() / ex, np.nan)
    m["eu2"] = m["eu2"].where(has)
    abbr = dict(zip(city.opds["opd"], city.opds["abbr"].fillna(city.opds["opd"]), strict=True))
    level = m["group"].map({r.name: r.level for r in rules})
    m["name"] = np.where(level == "opd", m["opd"], m["name"])  # an OPD by its own name
    m["label"] = np.where(level == "opd", m["name"].astype(str),
                          m["name"].astype(str) + " · " + m["opd"].map(abbr).astype(str))
    m["short"] = np.where(level == "opd", m["opd"].map(abbr).astype(str), m["label"])
    m["maturity_total"] = m["opd"].map(maturity_totals or {}).astype("float64")
    m["measured"] = has
    g = m.loc[has].groupby("group")
    counts = g.size()
    for measure in MEASURES:
        med = m["group"].map(g[measure].median()).astype("float64")
        m[f"{measure}_median"] = med
        m[f"{measure}_distance"] = m[measure] - med
        with np.errstate(divide="ignore", invalid="ignore"):
            m[f"{measure}_relative"] = np.where(med != 0, m[f"{measure}_distance"] / med, np.nan)
    rel = m["eu2_relative"].to_numpy(dtype="float64")
    enough = m["group"].map(counts).fillna(0).to_numpy() >= 3
    # relative distance rounded to 4 decimals: 0,25 of the median is an outlier exactly
    m["outlier"] = has & enough & (round_half_up(np.abs(np.nan_to_num(rel)), 4) >= outlier_share)
    order = {r.name: i for i, r in enumerate(rules)}
    m = m.assign(_o=m["group"].map(order)).sort_values(["_o", "eu2"], ascending=[True, False],
                                                       kind="stable", na_position="last")
    members = m.loc[:, MEMBER_COLUMNS].reset_index(drop=True)
    groups = _groups(members, rules)
    labels = members.drop_duplicates(["group", "uid"]).set_index(["group", "uid"])["label"]
    positions, position_members = _same_name_positions(found, labels, city, pos, rules)
    return LikeUnitsResult(members=members, groups=groups, positions=positions,
                           position_members=position_members, rules=rules,
                           outlier_share=outlier_share)


def _groups(members: pd.DataFrame, rules: Sequence[GroupRule]) -> pd.DataFrame:
    rows = []
    for rule in rules:
        own = members.loc[members["group"] == rule.name]
        measured = own.loc[own["measured"]]
        rows.append({
            "group": rule.name, "level": rule.level, "kind": rule.kind, "pattern": rule.pattern,
            "members": len(own), "measured": len(measured),
            "staff": float(own["existing"].sum()),
            "eu_median": float(measured["eu2"].median()) if len(measured) else np.nan,
            "eu_min": float(measured["eu2"].min()) if len(measured) else np.nan,
            "eu_max": float(measured["eu2"].max()) if len(measured) else np.nan,
            "outliers": own.loc[own["outlier"], "label"].astype(str).tolist()})
    return pd.DataFrame(rows, columns=["group", "level", "kind", "pattern", "members", "measured",
                                       "staff", "eu_median", "eu_min", "eu_max", "outliers"])


def _same_name_positions(found: pd.DataFrame, labels: pd.Series, city: CityData,
                         pos: pd.DataFrame, rules: Sequence[GroupRule]
                         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Positions of one name in two or more members of a group, with their EJ per member."""
    anc = city.ancestors.rename(columns={"ancestor": "member_uid"})
    # every position under each member: position unit -> member ancestors in the group
    under = found.rename(columns={"uid": "member_uid"}).merge(anc, on="member_uid")
    p = pos.loc[:, ["opd", "name", "kind", "unit_uid", "existing", "need_raw"]].rename(
        columns={"unit_uid": "uid", "name": "position"})
    p = p.assign(structural=p["kind"].isin(STRUCTURAL))
    p = p.assign(_k=p["position"].map(_key))
    x = under.merge(p, on="uid")
    x["member"] = labels.reindex(pd.MultiIndex.from_frame(
        x[["group", "member_uid"]])).astype(str).to_numpy()
    per = x.groupby(["group", "_k", "member_uid"], sort=False).agg(
        position=("position", "first"), opd=("opd", "first"), member=("member", "first"),
        structural=("structural", "all"),
        existing=("existing", "sum"), need_raw=("need_raw", "sum")).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = np.where(per["existing"] > 0, per["need_raw"] / per["existing"], np.nan)
    per["ej"] = round_half_up(ej, 2)
    per = per.loc[per["existing"] > 0]
    spread_rows = []
    for (group, _k), g in per.groupby(["group", "_k"], sort=False):
        if g["member_uid"].nunique() < 2:
            continue
        lo_i, hi_i = g["ej"].idxmin(), g["ej"].idxmax()
        spread_rows.append({
            "group": group, "position": g["position"].iloc[0],
            "structural": bool(g["structural"].all()), "members": len(g),
            "staff": float(g["existing"].sum()), "ej_min": float(g["ej"].min()),
            "ej_median": float(g["ej"].median()), "ej_max": float(g["ej"].max()),
            "spread": float(round_half_up(np.array([g["ej"].max() - g["ej"].min()]), 2)[0]),
            "lowest": str(g.at[lo_i, "member"]), "highest": str(g.at[hi_i, "member"])})
    positions = pd.DataFrame(spread_rows, columns=POSITION_COLUMNS)
    if len(positions):
        order = {r.name: i for i, r in enumerate(rules)}
        positions = positions.assign(_o=positions["group"].map(order)).sort_values(
            ["_o", "structural", "spread"], ascending=[True, True, False],
            kind="stable").drop(columns="_o")
    keep = per.merge(positions.loc[:, ["group", "position"]], on=["group", "position"])
    members = keep.loc[:, ["group", "position", "opd", "member", "existing", "need_raw", "ej"]]
    return positions.reset_index(drop=True), members.sort_values(
        ["group", "position", "ej"], kind="stable").reset_index(drop=True)
