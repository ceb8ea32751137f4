"""Analisis Beban Kerja (ABK): task -> position -> unit (subtree) -> OPD -> city.

Formulas (domain.md §1):
  minutes_per_year = volume × period_factor × norma_minutes
  workload_hours   = Σ task minutes / 60
  need_raw         = workload_hours / WKE_hours          (decimal FTE)
  need             = round(need_raw) with the configured mode (half up by default)
  gap              = existing − need; surplus = max(gap, 0); shortage = max(−gap, 0)
  EJ               = need_raw / existing (undefined when existing = 0)
  EU               = Σ need_raw / Σ existing over a unit's whole subtree
Everything is vectorised over the whole city at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sotk_core.base.fmt import round_need
from sotk_core.base.formulas import grade
from sotk_core.base.labels import POSITION_STATUS_LABELS
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData

STATUS_LABELS = POSITION_STATUS_LABELS  # old name, kept importable

_SUMS = ("workload_hours", "need_raw", "need", "existing", "surplus", "shortage")


@dataclass(frozen=True)
class WorkloadResult:
    settings: Settings
    tasks: pd.DataFrame
    positions: pd.DataFrame
    units: pd.DataFrame
    opds: pd.DataFrame
    city: dict[str, float | int | str | None]


def compute_workload(city: CityData, settings: Settings) -> WorkloadResult:
    tasks = city.tasks.copy()
    tasks["minutes"] = city.task_minutes(settings)
    tasks["hours"] = tasks["minutes"] / 60.0

    pos = city.positions.copy()
    n_pos = len(pos)
    pid = tasks["pid"].to_numpy()
    ok = pid >= 0
    minutes = np.bincount(pid[ok], weights=tasks["minutes"].to_numpy()[ok], minlength=n_pos)
    counts = np.bincount(pid[ok], minlength=n_pos)
    share = np.divide(tasks["minutes"].to_numpy(), minutes[np.clip(pid, 0, None)],
                      out=np.zeros(len(tasks)), where=ok & (minutes[np.clip(pid, 0, None)] > 0))
    tasks["share_of_position"] = share

    existing = pos["existing"].to_numpy(dtype="float64")
    pos["task_count"] = counts[:n_pos]
    pos["workload_hours"] = minutes[:n_pos] / 60.0
    pos["need_raw"] = pos["workload_hours"].to_numpy() / settings.wke_hours
    pos["need"] = round_need(pos["need_raw"].to_numpy(), settings.rounding)
    pos["gap"] = existing - pos["need"].to_numpy()
    pos["surplus"] = np.maximum(pos["gap"].to_numpy(), 0.0)
    pos["shortage"] = np.maximum(-pos["gap"].to_numpy(), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = np.where(existing > 0, pos["need_raw"].to_numpy() / np.where(existing > 0, existing, 1),
                      np.nan)
    pos["ej"] = ej
    pos["ej2"], pos["pj"], pos["pj_label"] = grade(ej, settings)
    ej2 = pos["ej2"].to_numpy()
    status = np.select(
        [np.isnan(existing), (existing == 0) & (pos["need"].to_numpy() > 0), existing == 0,
         pos["workload_hours"].to_numpy() == 0, ej2 > 1.0, ej2 < 0.5],
        ["tanpa_bezetting", "kosong", "tidak_terisi", "tanpa_beban", "berlebih", "rendah"],
        "wajar")
    pos["status"] = status
    unit_names = pd.Series(city.units["name"].to_numpy(), index=city.units["uid"].to_numpy())
    pos["unit_name"] = unit_names.reindex(pos["unit_uid"].to_numpy()).to_numpy()

    units = _aggregate_units(city, pos, settings)
    root = units.loc[units["parent_uid"] < 0]
    opd_cols = ["opd", *_SUMS, "gap", "eu", "eu2", "pu", "pu_label", "positions", "vacant",
                "task_count"]
    opds = city.opds.merge(root.loc[:, opd_cols], on="opd", how="left")

    # an OPD whose bezetting is not known makes the city's staff figures unknown, not smaller
    totals = {k: float(opds[k].sum(skipna=False)) for k in _SUMS}
    eu = totals["need_raw"] / totals["existing"] if totals["existing"] > 0 else float("nan")
    eu2, pu, pu_label = grade(np.array([eu]), settings)
    city_row: dict[str, float | int | str | None] = {
        "opd_count": len(opds),
        **totals,
        "gap": totals["existing"] - totals["need"],
        "eu": None if np.isnan(eu) else eu,
        "eu2": None if np.isnan(eu2[0]) else float(eu2[0]),
        "pu": pu[0],
        "pu_label": pu_label[0],
        "positions": int(opds["positions"].sum()),
        "vacant": int(opds["vacant"].sum()),
        "task_count": int(len(tasks)),
    }
    return WorkloadResult(settings=settings, tasks=tasks, positions=pos, units=units, opds=opds,
                          city=city_row)


def _aggregate_units(city: CityData, pos: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Sums over each unit's whole subtree, with the unit's own (direct) figures beside."""
    units = city.units.copy()
    n = len(units)
    uid = pos["unit_uid"].to_numpy()
    ok = uid >= 0
    anc = city.ancestors
    a_uid, a_anc = anc["uid"].to_numpy(), anc["ancestor"].to_numpy()
    direct: dict[str, np.ndarray] = {}
    for col in _SUMS:
        direct[col] = np.bincount(uid[ok], weights=pos[col].to_numpy(dtype="float64")[ok],
                                  minlength=n)
        units[col] = np.bincount(a_anc, weights=direct[col][a_uid], minlength=n)
    direct["positions"] = np.bincount(uid[ok], minlength=n).astype("float64")
    vacant = (pos["status"].to_numpy() == "kosong")
    direct["vacant"] = np.bincount(uid[ok], weights=vacant[ok].astype("float64"), minlength=n)
    direct["task_count"] = np.bincount(uid[ok], weights=pos["task_count"].to_numpy(dtype="float64")[ok],
                                       minlength=n)
    for col in ("positions", "vacant", "task_count"):
        units[col] = np.bincount(a_anc, weights=direct[col][a_uid], minlength=n).astype("int64")
    units["own_existing"] = direct["existing"]
    units["own_positions"] = direct["positions"].astype("int64")
    units["own_workload_hours"] = direct["workload_hours"]
    units["gap"] = units["existing"] - units["need"]
    ex = units["existing"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        eu = np.where(ex > 0, units["need_raw"].to_numpy() / np.where(ex > 0, ex, 1), np.nan)
    units["eu"] = eu
    units["eu2"], units["pu"], units["pu_label"] = grade(eu, settings)
    return units
