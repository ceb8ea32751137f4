"""What-if staffing scenarios: a baseline city plus an ordered list of changes.

A `Scenario` never holds a modified copy of the data: it is a name and a tuple of small frozen
change records. `apply(city, scenario, settings)` replays the changes over the baseline and
returns the scenario city (through `CityData.with_frames`) and the scenario settings.

Every change is validated against the baseline with all previous changes applied (no negative
staff, no move of more staff than a position has at that point, codes must exist, ...). An
invalid change is refused with an Indonesian `ScenarioError`; `apply` never clips a value.

Identifiers:
* positions are (OPD name, Kode Jabatan);
* tasks are (OPD name, Excel row of the task in that OPD's sheet Beban Kerja), the `row`
  column of `city.tasks`. The change also names the position; a task whose row now belongs to
  another position is refused, so a scenario saved against older workbooks cannot silently hit
  the wrong task. Tasks of positions added by a scenario have row 0 and are changed by editing
  the `AddPosition` itself.

Decisions [policy]:
* `RemovePosition` needs the position to have 0 staff at that point: move the people first
  (`MoveStaff`) or set them to 0 (`SetExisting`), so no one disappears unnoticed. Removing a
  position removes its tasks from the computation.
* Units are never changed by a scenario (positions may be added to existing units only), so
  the structure caches of the city are reused.
* Manual moves may touch any position; `suggest_moves` never moves a structural head.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from sotk_core.base.formulas import TaskBase
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult, compute_workload, update_workload
from sotk_core.scenario.changes import (
    CHANGE_TYPES,
    KIND_LABELS,
    MAX_WKE_HOURS,
    AddPosition,
    Change,
    MoveStaff,
    NewTask,
    RemovePosition,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
    _Names,
)
from sotk_core.scenario.state import CityIndex, ReplayState, ScenarioError, city_index

MAX_NAME = 60  # characters of a scenario name (a tab title, a sheet title)

__all__ = ["CHANGE_TYPES", "KIND_LABELS", "MAX_WKE_HOURS", "AddPosition", "Change", "CityIndex",
           "MoveStaff", "NewTask", "RemovePosition", "ReplayState", "Scenario", "ScenarioError",
           "ScenarioSet", "SetExisting", "SetSettings", "SetTaskNorma", "SetTaskVolume", "apply",
           "check_scenario_name", "city_index", "new_position_code", "scenario_workload",
           "validate"]


# --- replaying changes ----------------------------------------------------------------------


def _step(state: ReplayState, change: Change) -> None:
    if not isinstance(change, CHANGE_TYPES):
        raise ScenarioError(f"Jenis perubahan tidak dikenal: {type(change).__name__}.")
    change._check(state)
    change._apply(state)


def _replay(city: CityData, changes: Iterable[Change], settings: Settings,
            skip_invalid: bool = False) -> tuple[ReplayState, list[ScenarioError]]:
    state = ReplayState(city, settings)
    problems: list[ScenarioError] = []
    for i, change in enumerate(changes):
        try:
            _step(state, change)
        except ScenarioError as exc:
            exc.index = i
            if not skip_invalid:
                raise
            problems.append(exc)
    return state, problems


@dataclass(frozen=True)
class Scenario:
    """A named, ordered list of changes over a baseline city. Immutable: every method returns
    a new scenario."""

    name: str = "Skenario"
    changes: tuple[Change, ...] = field(default=())

    def add(self, change: Change, city: CityData, settings: Settings | None = None) -> Scenario:
        """The scenario with `change` appended; raises ScenarioError (Indonesian message) when
        the change does not fit the baseline with the previous changes applied."""
        state, _ = _replay(city, self.changes, settings or Settings())
        try:
            _step(state, change)
        except ScenarioError as exc:
            exc.index = len(self.changes)
            raise
        return replace(self, changes=(*self.changes, change))

    def extend(self, changes: Iterable[Change], city: CityData,
               settings: Settings | None = None) -> Scenario:
        """Append several changes (e.g. a suggestion); all or nothing."""
        new = replace(self, changes=(*self.changes, *changes))
        _replay(city, new.changes, settings or Settings())
        return new

    def undo(self, index: int = -1, city: CityData | None = None,
             settings: Settings | None = None) -> Scenario:
        """The scenario without change `index` (default: the last one). With `city`, the
        remaining changes are checked and a later change that depended on the removed one
        raises ScenarioError naming it."""
        n = len(self.changes)
        if not -n <= index < n:
            raise ScenarioError(f"Tidak ada perubahan nomor {index + 1 if index >= 0 else index}"
                                f"; skenario berisi {n} perubahan.")
        i = index % n
        new = replace(self, changes=self.changes[:i] + self.changes[i + 1:])
        if city is not None:
            try:
                _replay(city, new.changes, settings or Settings())
            except ScenarioError as exc:
                j = exc.index if exc.index is None or exc.index < i else exc.index + 1
                raise ScenarioError(
                    f"Perubahan {i + 1} tidak dapat dibatalkan: perubahan {(j or 0) + 1} "
                    f"bergantung padanya ({exc.message})", index=j, field=exc.field) from None
        return new

    def reset(self) -> Scenario:
        return replace(self, changes=())

    def rename(self, name: str) -> Scenario:
        return replace(self, name=name)

    def describe(self, city: CityData | None) -> list[str]:
        """One Indonesian sentence per change (positions added earlier are named too);
        without a city, positions are named by code."""
        names = _Names(city, {(c.opd, c.code): (c.name, c.unit_code)
                              for c in self.changes if isinstance(c, AddPosition)})
        return [c._describe(names) for c in self.changes]

    def __len__(self) -> int:
        return len(self.changes)


def validate(city: CityData, scenario: Scenario, settings: Settings | None = None
             ) -> list[ScenarioError]:
    """Every change that does not fit (each checked against the baseline with the valid
    changes before it). Empty when the scenario applies cleanly."""
    return _replay(city, scenario.changes, settings or Settings(), skip_invalid=True)[1]


def apply(city: CityData, scenario: Scenario, settings: Settings | None = None
          ) -> tuple[CityData, Settings]:
    """The scenario city and settings. Raises ScenarioError on the first invalid change
    (never clips). Vectorised: arrays indexed by position/task number, no per-row loops."""
    state, _ = _replay(city, scenario.changes, settings or Settings())
    return _materialise(city, state), state.settings


def scenario_workload(city: CityData, scenario: Scenario, settings: Settings | None = None
                      ) -> tuple[CityData, Settings, WorkloadResult]:
    """apply + compute the workload in one call (what the page needs). Without added or
    removed positions only what the changes touch is recomputed, from the baseline's
    workload (computed once per city and settings, then kept with the city)."""
    settings = settings or Settings()
    state, _ = _replay(city, scenario.changes, settings)
    scen_city, scen_settings = _materialise(city, state), state.settings
    if state.added or state.removed:
        return scen_city, scen_settings, compute_workload(scen_city, scen_settings)
    base = city.memo(("workload", settings), lambda: compute_workload(city, settings))
    staffed = np.fromiter((state.index.pos[k] for k in state.existing), dtype="int64")
    tasks = np.union1d(np.fromiter(state.volume, dtype="int64"),
                       np.fromiter(state.norma, dtype="int64"))
    return scen_city, scen_settings, update_workload(base, scen_city, scen_settings,
                                                     positions=staffed, tasks=tasks)


def _materialise(city: CityData, s: ReplayState) -> CityData:
    if not (s.existing or s.removed or s.added or s.volume or s.norma):
        return city
    ix = s.index
    positions, tasks = city.positions, city.tasks
    base_existing = {k: v for k, v in s.existing.items() if k not in s.added}
    if base_existing:
        idx = np.fromiter((ix.pos[k] for k in base_existing), dtype="int64")
        values = ix.existing.copy()
        values[idx] = np.fromiter(base_existing.values(), dtype="float64")
        positions = positions.assign(existing=values)
    changed: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for col, overrides in (("volume", s.volume), ("norma", s.norma)):
        if overrides:
            rows = np.fromiter(overrides, dtype="int64")
            new = np.fromiter(overrides.values(), dtype="float64")
            values = tasks[col].to_numpy(dtype="float64", copy=True)
            values[rows] = new
            tasks = tasks.assign(**{col: values})
            changed[col] = (rows, new)
    if not (s.removed or s.added):  # same rows: the cities' lookups stay valid
        frames = {"positions": positions} if positions is not city.positions else {}
        if tasks is not city.tasks:
            frames["tasks"] = tasks
        scen = city.with_frames(**frames)
        if changed:
            scen.memo("task_base", lambda: _changed_task_base(city, changed))
        return scen
    if s.removed:
        gone = np.zeros(len(positions), dtype=bool)
        gone[[ix.pos[k] for k in s.removed]] = True
        new_pid = np.cumsum(~gone) - 1
        positions = positions.loc[~gone].assign(pid=np.arange(int((~gone).sum()), dtype="int64"))
        pid = tasks["pid"].to_numpy()
        keep = (pid < 0) | ~gone[np.clip(pid, 0, None)]
        tasks = tasks.loc[keep]
        pid = pid[keep]
        tasks = tasks.assign(pid=np.where(pid >= 0, new_pid[np.clip(pid, 0, None)], -1))
    if s.added:
        positions, tasks = _append_added(positions, tasks, s)
    return city.with_frames(positions=positions.reset_index(drop=True),
                            tasks=tasks.reset_index(drop=True))


def _changed_task_base(city: CityData, changed: dict[str, tuple[np.ndarray, np.ndarray]]
                       ) -> TaskBase:
    """The baseline's task factors with the new volumes and normas (nothing recategorised)."""
    base = city.memo("task_base", lambda: TaskBase.of(city.tasks))
    for col, (rows, values) in changed.items():
        base = base.with_values(rows, **{col: values})
    return base


def _append_added(positions: pd.DataFrame, tasks: pd.DataFrame, s: ReplayState
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    start = len(positions)
    pos_rows, task_rows = [], []
    for k, (key, add) in enumerate(s.added.items()):
        pid = start + k
        pos_rows.append({
            "opd": add.opd, "row": 0, "code": add.code, "name": add.name, "unit": add.unit_code,
            "kind": add.kind, "grade": float("nan") if add.grade is None else float(add.grade),
            "existing": float(s.existing[key]), "retiring": float("nan"), "pid": pid,
            "unit_uid": s.index.unit_uid[(add.opd, add.unit_code)]})
        task_rows += [{"opd": add.opd, "row": 0, "position": add.code, "task": t.task,
                       "output": t.output, "volume": float(t.volume), "period": t.period,
                       "norma": float(t.norma), "time_unit": t.time_unit, "pid": pid}
                      for t in add.tasks]
    new_pos = pd.DataFrame(pos_rows, columns=positions.columns).astype(positions.dtypes.to_dict())
    positions = pd.concat([positions, new_pos], ignore_index=True)
    if task_rows:
        new_tasks = pd.DataFrame(task_rows, columns=tasks.columns).astype(tasks.dtypes.to_dict())
        tasks = pd.concat([tasks, new_tasks], ignore_index=True)
    return positions, tasks


@dataclass(frozen=True)
class ScenarioSet:
    """Several named scenarios in order (name -> Scenario). Immutable like `Scenario`."""

    scenarios: tuple[Scenario, ...] = ()

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.scenarios]

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[Scenario]:
        return iter(self.scenarios)

    def __len__(self) -> int:
        return len(self.scenarios)

    def get(self, name: str) -> Scenario:
        for s in self.scenarios:
            if s.name == name:
                return s
        raise KeyError(f"Skenario '{name}' tidak ada.")

    def put(self, scenario: Scenario) -> ScenarioSet:
        """Add a scenario, or replace the one with the same name (keeping its place)."""
        if scenario.name in self:
            return replace(self, scenarios=tuple(scenario if s.name == scenario.name else s
                                                 for s in self.scenarios))
        return replace(self, scenarios=(*self.scenarios, scenario))

    def remove(self, name: str) -> ScenarioSet:
        self.get(name)
        return replace(self, scenarios=tuple(s for s in self.scenarios if s.name != name))

    def rename(self, old: str, new: str) -> ScenarioSet:
        """The set with scenario `old` called `new` (same place); raises ScenarioError when
        `new` is empty, too long or taken by another scenario."""
        target = self.get(old)
        new = check_scenario_name(new, (n for n in self.names if n != old))
        return replace(self, scenarios=tuple(target.rename(new) if s.name == old else s
                                             for s in self.scenarios))

    def new_name(self, base: str = "Skenario") -> str:
        """'Skenario 1', 'Skenario 2', ... the first name not yet used."""
        k = 1
        while f"{base} {k}" in self:
            k += 1
        return f"{base} {k}"

    def unique_name(self, name: str) -> str:
        """`name` itself when free, else 'name (2)', 'name (3)', ... (e.g. a loaded file)."""
        name = " ".join(str(name or "").split()) or "Skenario"
        if name not in self:
            return name
        k = 2
        while f"{name} ({k})" in self:
            k += 1
        return f"{name} ({k})"

    def add_new(self, base: str = "Simulasi") -> tuple[ScenarioSet, str]:
        """The set with a new empty scenario under the first free name, and that name."""
        name = self.new_name(base)
        return self.put(Scenario(name=name)), name


def check_scenario_name(name: str, taken: Iterable[str] = ()) -> str:
    """The name trimmed; raises ScenarioError (Indonesian) when empty, too long or taken."""
    clean = " ".join(str(name or "").split())
    if not clean:
        raise ScenarioError("Nama skenario tidak boleh kosong.", field="name")
    if len(clean) > MAX_NAME:
        raise ScenarioError(f"Nama skenario paling panjang {MAX_NAME} huruf.", field="name")
    if clean in set(taken):
        raise ScenarioError(f"Nama skenario '{clean}' sudah dipakai.", field="name")
    return clean


def new_position_code(city: CityData, opd: str, prefix: str = "BARU") -> str:
    """A Kode Jabatan not yet used in `opd` of `city` (pass the scenario city, so positions
    the scenario already added count): BARU-1, BARU-2, ..."""
    used = set(city.positions.loc[city.positions["opd"] == opd, "code"].astype(str))
    n = 1
    while f"{prefix}-{n}" in used:
        n += 1
    return f"{prefix}-{n}"
