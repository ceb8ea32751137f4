"""Rounds over time: the trend of a city and its OPDs across evaluation rounds, and what
changed since the previous round. Pure functions over `Evaluation`s (one per round, oldest
first); the store opens the rounds, the app, deck and results workbook show the frames.

Positions are matched by (OPD name, Kode Jabatan), OPDs by name: a renamed OPD or a recoded
position shows as removed plus added, which is what a reader of the two workbooks would see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sotk_core.model.evaluate import Evaluation

CITY_COLUMNS = ["round", "opd_count", "workload_hours", "need", "existing", "surplus",
                "shortage", "eu", "maturity_mean", "maturity_category"]
OPD_COLUMNS = ["round", "opd", "need", "existing", "surplus", "shortage", "eu",
               "maturity_total", "maturity_category"]
_POS = ["opd", "code", "name", "unit_name", "existing"]


@dataclass(frozen=True)
class RoundTrend:
    """city: one row per round (CITY_COLUMNS); opd: one row per round and OPD (OPD_COLUMNS),
    rounds in the order given."""

    rounds: tuple[str, ...]
    city: pd.DataFrame
    opd: pd.DataFrame

    def for_opd(self, opd: str) -> pd.DataFrame:
        return self.opd.loc[self.opd["opd"] == opd].reset_index(drop=True)


def round_trend(rounds: Sequence[tuple[str, Evaluation]]) -> RoundTrend:
    """Trend of the city and every OPD across `rounds` ((name, evaluation), oldest first)."""
    city_rows, opd_parts = [], []
    for name, ev in rounds:
        s = ev.summary
        city_rows.append({"round": name, **{k: s.get(k) for k in CITY_COLUMNS[1:]}})
        part = ev.opds.reindex(columns=OPD_COLUMNS[1:]).copy()
        part.insert(0, "round", name)
        opd_parts.append(part)
    city = pd.DataFrame(city_rows, columns=CITY_COLUMNS)
    opd = (pd.concat(opd_parts, ignore_index=True) if opd_parts
           else pd.DataFrame(columns=OPD_COLUMNS))
    return RoundTrend(tuple(n for n, _ in rounds), city, opd.loc[:, OPD_COLUMNS])


@dataclass(frozen=True)
class RoundChanges:
    """What changed from round `previous` to round `current`.

    positions_added / positions_removed: opd, code, name, unit_name, existing
    staff_changes: opd, code, name, unit_name, existing_before, existing_after, delta
                   (positions in both rounds whose bezetting changed)
    opd: opd, status ("baru" | "tidak ada lagi" | "tetap"), need/existing/eu/maturity_total
         before and after, eu_delta, maturity_delta, existing_delta, need_delta
    city: the city figures before, after and the difference
    """

    previous: str
    current: str
    positions_added: pd.DataFrame
    positions_removed: pd.DataFrame
    staff_changes: pd.DataFrame
    opd: pd.DataFrame
    city: pd.DataFrame

    @property
    def empty(self) -> bool:
        return (self.positions_added.empty and self.positions_removed.empty
                and self.staff_changes.empty and not self.opd["status"].ne("tetap").any()
                and not (self.opd[["eu_delta", "maturity_delta"]].fillna(0) != 0).any().any())


def _positions(ev: Evaluation) -> pd.DataFrame:
    return ev.workload.positions.reindex(columns=_POS).astype({"existing": "float64"})


def round_changes(previous: tuple[str, Evaluation], current: tuple[str, Evaluation]
                  ) -> RoundChanges:
    """Positions added/removed, staff changes, and EU/maturity/need deltas per OPD and for the
    city, from `previous` to `current` ((round name, evaluation) each)."""
    (p_name, p_ev), (c_name, c_ev) = previous, current
    before, after = _positions(p_ev), _positions(c_ev)
    both = before.merge(after, on=["opd", "code"], how="outer", suffixes=("_before", "_after"),
                        indicator=True, sort=False)
    added = both.loc[both["_merge"] == "right_only"]
    removed = both.loc[both["_merge"] == "left_only"]
    kept = both.loc[both["_merge"] == "both"]
    moved = kept.loc[kept["existing_before"] != kept["existing_after"]]

    def side(frame: pd.DataFrame, suffix: str) -> pd.DataFrame:
        out = frame.loc[:, ["opd", "code", f"name{suffix}", f"unit_name{suffix}",
                            f"existing{suffix}"]]
        out.columns = _POS
        return out.reset_index(drop=True)

    staff = moved.loc[:, ["opd", "code", "name_after", "unit_name_after", "existing_before",
                          "existing_after"]].rename(columns={"name_after": "name",
                                                             "unit_name_after": "unit_name"})
    staff["delta"] = staff["existing_after"] - staff["existing_before"]

    cols = ["opd", "need", "existing", "eu", "maturity_total"]
    opd = p_ev.opds.reindex(columns=cols).merge(
        c_ev.opds.reindex(columns=cols), on="opd", how="outer", suffixes=("_before", "_after"),
        indicator=True, sort=False)
    opd["status"] = opd["_merge"].map({"left_only": "tidak ada lagi", "right_only": "baru",
                                       "both": "tetap"}).astype(str)
    for k in ("need", "existing", "eu", "maturity_total"):
        short = k.replace("_total", "")
        opd[f"{short}_delta"] = (opd[f"{k}_after"].astype("float64")
                                 - opd[f"{k}_before"].astype("float64"))
    opd = opd.drop(columns="_merge").reset_index(drop=True)

    keys = ["opd_count", "need", "existing", "surplus", "shortage", "eu", "maturity_mean"]
    city = pd.DataFrame({
        "measure": keys,
        "before": [_num(p_ev.summary.get(k)) for k in keys],
        "after": [_num(c_ev.summary.get(k)) for k in keys]})
    city["delta"] = city["after"] - city["before"]
    return RoundChanges(p_name, c_name, side(added, "_after"), side(removed, "_before"),
                        staff.reset_index(drop=True), opd, city)


def _num(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float(np.nan)
