"""Analisis Beban Kerja (ABK): task -> position -> unit (subtree) -> OPD -> city.

Formulas (domain.md §1):
  minutes_per_year = volume × period_factor × norma_minutes
  workload_hours   = Σ task minutes / 60
  need_raw         = workload_hours / WKE_hours          (decimal FTE)
  need             = round(need_raw) with the configured mode (half up by default)
  gap              = existing − need; surplus = max(gap, 0); shortage = max(−gap, 0)
  EJ               = need_raw / existing (undefined when existing = 0)
  status           = berlebih when EJ (2 decimals) > settings.overload_ej (the top PJ band's
                     bound, 1.00), rendah when < settings.idle_ej (0.50): one source for PJ,
                     status, balance counts and findings
  EU               = Σ need_raw / Σ existing over a unit's whole subtree
Everything is vectorised over the whole city at once.

`update_workload` recomputes a what-if city from the baseline's result: a staffing change
touches only the changed positions (their tasks' minutes are reused as they are), a volume or
norma change only those tasks and the positions owning them; the unit, OPD and city sums are
redone from the position figures (a few thousand numbers). Every figure comes out the same,
to the last bit, as a full `compute_workload` of that city.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sotk_core.base.fmt import fmt_num, round_need
from sotk_core.base.formulas import grade
from sotk_core.base.labels import POSITION_STATUS_LABELS
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData


def status_labels(settings: Settings) -> dict[str, str]:
    """Indonesian label of each position status (POSITION_STATUS_LABELS), with the EJ
    thresholds and rounding in force."""
    labels = dict(POSITION_STATUS_LABELS)
    labels["berlebih"] = f"Beban berlebih (EJ > {fmt_num(settings.overload_ej, 2)})"
    labels["rendah"] = f"Beban rendah (EJ < {fmt_num(settings.idle_ej, 2)})"
    if settings.rounding != "half_up":
        labels["tidak_terisi"] = "Tidak terisi, kebutuhan dibulatkan 0 orang"
    return labels


STATUS_LABELS = POSITION_STATUS_LABELS  # old name, kept importable

_SUMS = ("workload_hours", "need_raw", "need", "existing", "surplus", "shortage")
_OPD_COLUMNS = ["opd", *_SUMS, "gap", "eu", "eu2", "pu", "pu_label", "positions", "vacant",
                "task_count"]


@dataclass(frozen=True)
class WorkloadResult:
    """The ABK of a city. Every frame keeps the columns of its `CityData` frame and adds the
    computed ones below (EJ/EU are decimal ratios; `*2` = rounded half up to 2 decimals, the
    value every band and threshold is applied to). Units and OPDs cover their whole subtree.

    tasks (one row per Beban Kerja row):
        opd                 OPD name
        row                 Excel row of the task in sheet Beban Kerja
        position            Kode Jabatan the task belongs to
        task                Uraian Tugas (text)
        output              Satuan Hasil (text)
        volume              outputs per period (number)
        period              Periode: Tahun, Semester, Triwulan, Bulan, Minggu, Hari
        norma               Norma Waktu per output, in `time_unit`
        time_unit           Satuan Waktu: Menit or Jam
        pid                 row of the position in `positions` (-1: no such position)
        minutes             minutes a year = volume × period factor × norma (× 60 for Jam)
        hours               hours a year = minutes / 60
        share_of_position   share of the position's minutes (0–1)

    positions (one row per Jabatan row):
        opd                 OPD name
        row                 Excel row in sheet Jabatan
        code                Kode Jabatan
        name                Nama Jabatan
        unit                Kode Unit the position sits in
        kind                Jenis Jabatan (JPT Pratama, Administrator, Pengawas, Pelaksana,
                            Fungsional)
        grade               Kelas Jabatan (1–17; NaN when not given)
        existing            Pegawai, staff holding the position (persons)
        retiring            Pensiun 5 Tahun (persons; NaN when not given)
        pid                 row number of the position in this frame
        unit_uid            row of its unit in `units` (-1: no such unit)
        task_count          tasks of the position (count)
        workload_hours      Σ task hours (hours a year)
        need_raw            workload_hours / WKE hours (persons, decimal FTE)
        need                need_raw rounded with `settings.rounding` (persons)
        gap                 existing − need (persons; + surplus, − shortage)
        surplus             max(gap, 0) (persons, kelebihan)
        shortage            max(−gap, 0) (persons, kekurangan)
        ej                  need_raw / existing (ratio; NaN when existing = 0)
        ej2                 ej rounded half up to 2 decimals
        pj                  grade letter of ej2, A–E (None when vacant)
        pj_label            grade word of ej2 (Sangat Baik … Kurang)
        status              kosong | tidak_terisi | tanpa_beban | berlebih | rendah | wajar
                            (labels: sotk_core.base.labels.POSITION_STATUS_LABELS)
        unit_name           Nama Unit of `unit`

    units (one row per Unit row; figures over the unit's whole subtree, heads included):
        opd, row, code, name, kind, parent, uid, parent_uid, depth
                            as in CityData.units (depth 1 = the OPD itself)
        workload_hours      Σ position hours (hours a year)
        need_raw            Σ position need_raw (persons, decimal)
        need                Σ rounded position needs (persons)
        existing            Σ staff (persons)
        surplus             Σ position surplus (persons; never netted against shortage)
        shortage            Σ position shortage (persons)
        positions           positions in the subtree (count)
        vacant              positions with status kosong (count)
        task_count          tasks in the subtree (count)
        own_existing        staff of the unit's own positions only (persons)
        own_positions       the unit's own positions (count)
        own_workload_hours  hours of the unit's own positions (hours a year)
        gap                 existing − need (persons)
        eu                  need_raw / existing (ratio; NaN when the subtree has no staff)
        eu2                 eu rounded half up to 2 decimals
        pu                  grade letter of eu2, A–E
        pu_label            grade word of eu2

    opds (one row per OPD, the columns of CityData.opds then the root unit's figures):
        opd, file, abbr, jenis, tipe, skor, urusan, tahun, penataan, sakip, has_maturity,
        has_kelembagaan     as in CityData.opds (Profil sheet)
        workload_hours, need_raw, need, existing, surplus, shortage, gap, eu, eu2, pu,
        pu_label, positions, vacant, task_count
                            as in `units`, for the OPD's root unit

    city (dict): opd_count, workload_hours, need_raw, need, existing, surplus, shortage,
        gap, eu, eu2, pu, pu_label, positions, vacant, task_count — the sums over `opds`,
        EU = Σ need_raw / Σ existing (None without staff).
    """

    settings: Settings
    tasks: pd.DataFrame
    positions: pd.DataFrame
    units: pd.DataFrame
    opds: pd.DataFrame
    city: dict[str, float | int | str | None]
    # the arrays the frames were built from, for update_workload
    parts: _Parts | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, eq=False)
class _Parts:
    task: np.ndarray  # minutes per year of each task
    position: np.ndarray  # Σ of its tasks' minutes, per position
    counts: np.ndarray  # tasks per position
    figures: dict[str, np.ndarray]  # the position columns, as computed


def compute_workload(city: CityData, settings: Settings) -> WorkloadResult:
    minutes = city.task_minutes(settings)
    pid = city.tasks["pid"].to_numpy()
    ok = pid >= 0
    n_pos = len(city.positions)
    per_position = np.bincount(pid[ok], weights=minutes[ok], minlength=n_pos)[:n_pos]
    counts = np.bincount(pid[ok], minlength=n_pos)[:n_pos]
    share = _share(minutes, pid, per_position)
    tasks = _frame(city.tasks, {"minutes": minutes, "hours": minutes / 60.0,
                                "share_of_position": share})
    existing = city.positions["existing"].to_numpy(dtype="float64")
    figures = {"task_count": counts, **_position_figures(per_position, existing, settings),
               "unit_name": _unit_names(city)}
    return _result(city, settings, tasks, _Parts(minutes, per_position, counts, figures))


def update_workload(base: WorkloadResult, city: CityData, settings: Settings, *,
                    positions: np.ndarray | None = None, tasks: np.ndarray | None = None
                    ) -> WorkloadResult:
    """The workload of `city`, a what-if copy of the city `base` was computed for with the
    same positions, units and task rows, in which only the staff of `positions` and the
    volume or norma of `tasks` (index arrays) may differ, under `settings`."""
    parts = base.parts
    if parts is None or base.settings.period_factors != settings.period_factors or (
            len(parts.position) != len(city.positions) or len(parts.task) != len(city.tasks)):
        return compute_workload(city, settings)
    pid = city.tasks["pid"].to_numpy()
    minutes, per_position, task_frame = parts.task, parts.position, base.tasks
    owners = np.empty(0, dtype="int64")
    if tasks is not None and len(tasks):
        tasks = np.asarray(tasks, dtype="int64")
        minutes = _patched(minutes, tasks, city.task_minutes(settings, tasks))
        owners = np.unique(pid[tasks][pid[tasks] >= 0])
        mine = np.flatnonzero(np.isin(pid, owners))  # every task of those positions, in order
        per_position = per_position.copy()
        per_position[owners] = np.bincount(pid[mine], weights=minutes[mine],
                                           minlength=len(per_position))[owners]
        share = base.tasks["share_of_position"].to_numpy(copy=True)
        share[mine] = _share(minutes[mine], pid[mine], per_position)
        task_frame = _frame(city.tasks, {"minutes": minutes, "hours": minutes / 60.0,
                                         "share_of_position": share})
    existing = city.positions["existing"].to_numpy(dtype="float64")
    same_rules = (base.settings.wke_hours, base.settings.rounding, base.settings.ej_bands) == (
        settings.wke_hours, settings.rounding, settings.ej_bands)
    figures = dict(parts.figures)
    if same_rules:
        touched = np.union1d(owners, np.asarray(positions if positions is not None else [],
                                                dtype="int64"))
        if len(touched):
            fresh = _position_figures(per_position[touched], existing[touched], settings)
            for col, values in fresh.items():
                figures[col] = _patched(figures[col], touched, values)
    else:
        figures.update(_position_figures(per_position, existing, settings))
    return _result(city, settings, task_frame,
                   _Parts(minutes, per_position, parts.counts, figures))


def _share(minutes: np.ndarray, pid: np.ndarray, per_position: np.ndarray) -> np.ndarray:
    """Each task's part of its position's minutes (0 without a position or minutes)."""
    owner = per_position[np.clip(pid, 0, None)] if len(per_position) else np.zeros(len(pid))
    return np.divide(minutes, owner, out=np.zeros(len(minutes)),
                     where=(pid >= 0) & (owner > 0))


def _patched(values: np.ndarray, at: np.ndarray, new: np.ndarray) -> np.ndarray:
    out = values.copy()
    out[at] = new
    return out


def _position_figures(per_position: np.ndarray, existing: np.ndarray, settings: Settings
                      ) -> dict[str, np.ndarray]:
    """Every position column that follows from its minutes and staff, elementwise."""
    hours = per_position / 60.0
    need_raw = hours / settings.wke_hours
    need = round_need(need_raw, settings.rounding)
    gap = existing - need
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = np.where(existing > 0, need_raw / np.where(existing > 0, existing, 1), np.nan)
    ej2, pj, pj_label = grade(ej, settings)
    status = np.select(
        [np.isnan(existing), (existing == 0) & (need > 0), existing == 0, hours == 0,
         ej2 > settings.overload_ej, ej2 < settings.idle_ej],
        ["tanpa_bezetting", "kosong", "tidak_terisi", "tanpa_beban", "berlebih", "rendah"],
        "wajar")
    return {"workload_hours": hours, "need_raw": need_raw, "need": need, "gap": gap,
            "surplus": np.maximum(gap, 0.0), "shortage": np.maximum(-gap, 0.0), "ej": ej,
            "ej2": ej2, "pj": pj, "pj_label": pj_label, "status": status}


def _unit_names(city: CityData) -> np.ndarray:
    unit_names = pd.Series(city.units["name"].to_numpy(), index=city.units["uid"].to_numpy())
    return unit_names.reindex(city.positions["unit_uid"].to_numpy()).to_numpy()


def _result(city: CityData, settings: Settings, tasks: pd.DataFrame, parts: _Parts
            ) -> WorkloadResult:
    pos = _frame(city.positions, parts.figures)
    units, unit_figures = _aggregate_units(city, parts.figures, settings)
    opds = _opd_rows(city, units, unit_figures)

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
                          city=city_row, parts=parts)


def _opd_rows(city: CityData, units: pd.DataFrame, figures: dict[str, np.ndarray]
              ) -> pd.DataFrame:
    """The OPD table with its root unit's figures: `opds.merge(root units, on="opd",
    how="left")`, taken by index when every OPD has exactly one root unit."""
    parent = city.units["parent_uid"].to_numpy()
    roots = np.flatnonzero(parent < 0)
    names = city.units["opd"].to_numpy()[roots].tolist()
    where = dict(zip(names, roots.tolist(), strict=True))
    wanted = city.opds["opd"].tolist()
    if len(where) != len(names) or any(n not in where for n in wanted):
        root = units.loc[units["parent_uid"] < 0]
        return city.opds.merge(root.loc[:, _OPD_COLUMNS], on="opd", how="left")
    at = np.fromiter((where[n] for n in wanted), dtype="int64", count=len(wanted))
    return _frame(city.opds, {c: units[c].array.take(at) for c in _OPD_COLUMNS[1:]})


def _aggregate_units(city: CityData, pos: Mapping[str, np.ndarray], settings: Settings
                     ) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Sums over each unit's whole subtree, with the unit's own (direct) figures beside."""
    n = len(city.units)
    uid = city.positions["unit_uid"].to_numpy()
    existing = city.positions["existing"].to_numpy(dtype="float64")
    ok = uid >= 0
    anc = city.ancestors
    a_uid, a_anc = anc["uid"].to_numpy(), anc["ancestor"].to_numpy()
    direct: dict[str, np.ndarray] = {}
    new: dict[str, np.ndarray] = {}
    for col in _SUMS:
        values = existing if col == "existing" else np.asarray(pos[col], dtype="float64")
        direct[col] = np.bincount(uid[ok], weights=values[ok], minlength=n)
        new[col] = np.bincount(a_anc, weights=direct[col][a_uid], minlength=n)
    direct["positions"] = np.bincount(uid[ok], minlength=n).astype("float64")
    vacant = (pos["status"] == "kosong")
    direct["vacant"] = np.bincount(uid[ok], weights=vacant[ok].astype("float64"), minlength=n)
    direct["task_count"] = np.bincount(uid[ok], weights=np.asarray(
        pos["task_count"], dtype="float64")[ok], minlength=n)
    for col in ("positions", "vacant", "task_count"):
        new[col] = np.bincount(a_anc, weights=direct[col][a_uid], minlength=n).astype("int64")
    new["own_existing"] = direct["existing"]
    new["own_positions"] = direct["positions"].astype("int64")
    new["own_workload_hours"] = direct["workload_hours"]
    new["gap"] = new["existing"] - new["need"]
    ex = new["existing"]
    with np.errstate(divide="ignore", invalid="ignore"):
        eu = np.where(ex > 0, new["need_raw"] / np.where(ex > 0, ex, 1), np.nan)
    new["eu"] = eu
    new["eu2"], new["pu"], new["pu_label"] = grade(eu, settings)
    return _frame(city.units, new), new


def _frame(base: pd.DataFrame, new: Mapping[str, object]) -> pd.DataFrame:
    """`base` with the columns of `new` set (replaced in place, or appended in order), built
    in one go: the same frame as assigning them one by one, without a copy per column."""
    data: dict[str, object] = {}
    for col in base.columns:
        data[col] = new[col] if col in new else base[col].array
    for col, values in new.items():
        if col not in data:
            data[col] = values
    return pd.DataFrame(data, index=base.index, copy=False)
