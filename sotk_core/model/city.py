"""A city: the validated OPD workbooks merged into one set of frames, keyed by OPD name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sotk_core.base.formulas import TaskBase
from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats import read_files
from sotk_core.workbook.isolate import read_files_isolated
from sotk_core.workbook.prefetch import Prefetch
from sotk_core.workbook.reader import OpdWorkbook

RETIREMENT_COLUMNS = ["opd", "position", "year", "count", "row"]
OPD_COLUMNS = ["opd", "file", "abbr", "jenis", "tipe", "skor", "urusan", "tahun", "penataan",
               "sakip", "has_maturity", "has_kelembagaan"]


@dataclass(frozen=True)
class CityData:
    """Everything the computations need. Frames carry an `opd` column (the OPD name).

    units:     opd, code, name, kind, parent, uid, parent_uid, depth
    positions: opd, code, name, unit, kind, grade, existing, retiring, pid, unit_uid
    tasks:     opd, position, task, output, volume, period, norma, time_unit, pid, row
    retirements: opd, position, year, count, row (sheet Pensiun; empty when no file has it)
    """

    opds: pd.DataFrame
    units: pd.DataFrame
    positions: pd.DataFrame
    tasks: pd.DataFrame
    maturity: pd.DataFrame
    kelembagaan: pd.DataFrame
    workbooks: tuple[OpdWorkbook, ...] = field(default=())
    extra_issues: tuple[Issue, ...] = field(default=())
    name: str = "Kota"
    retirements: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=RETIREMENT_COLUMNS))
    # Derived lookups (ancestors, scenario index) computed once per city object. A dict the
    # frozen object holds, never part of equality; `with_frames` keeps what stays valid.
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """The value cached under `key`, built on first use."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    @property
    def issues(self) -> list[Issue]:
        return [i for wb in self.workbooks for i in wb.issues] + list(self.extra_issues)

    @property
    def opd_names(self) -> list[str]:
        return self.opds["opd"].tolist()

    def task_minutes(self, settings: Settings, rows: np.ndarray | None = None) -> np.ndarray:
        """Minutes per year of every task (or of the tasks at `rows`), domain.md §1, from the
        tasks' factors, which are taken once per city (from the reader when it had them)."""
        base = self.memo("task_base", lambda: TaskBase.of(self.tasks))
        return (base if rows is None else base.take(rows)).minutes(settings)

    @property
    def ancestors(self) -> pd.DataFrame:
        """(uid, ancestor_uid) for every unit and each unit above it, itself included."""
        return self.memo("ancestors", self._ancestors)

    def _ancestors(self) -> pd.DataFrame:
        parent = self.units["parent_uid"].to_numpy()
        uids = self.units["uid"].to_numpy()
        pairs_u, pairs_a = [uids], [uids]
        current = uids.copy()
        for _ in range(len(uids)):  # to the top, however deep (the reader bounds the depth)
            current = np.where(current >= 0, parent[np.clip(current, 0, None)], -1)
            keep = current >= 0
            if not keep.any():
                break
            pairs_u.append(uids[keep])
            pairs_a.append(current[keep])
            current = np.where(keep, current, -1)
        return pd.DataFrame({"uid": np.concatenate(pairs_u), "ancestor": np.concatenate(pairs_a)})

    def with_frames(self, **frames: pd.DataFrame) -> CityData:
        """A copy with some frames replaced (scenarios); structure caches are kept if the
        units did not change."""
        new = replace(self, **frames, _memo={})  # type: ignore[arg-type]
        if "units" not in frames and "ancestors" in self._memo:
            new._memo["ancestors"] = self._memo["ancestors"]
        if "tasks" not in frames and "task_base" in self._memo:
            new._memo["task_base"] = self._memo["task_base"]
        return new


def _stack(frames: list[pd.DataFrame], names: list[str]) -> pd.DataFrame:
    """The frames one under another with their OPD name as the first column `opd` (one
    concat, then one column: no copy of each frame to add its name)."""
    if not frames:
        return pd.DataFrame()
    out = pd.concat([f.drop(columns="opd") if "opd" in f.columns else f for f in frames],
                    ignore_index=True)
    opd = np.repeat(np.asarray(names, dtype=object), [len(f) for f in frames])
    out.insert(0, "opd", pd.array(opd, dtype="str"))
    return out


def build_city(books: Iterable[OpdWorkbook], name: str = "Kota",
               issues: Iterable[Issue] = ()) -> CityData:
    """Merge workbooks; those with errors are kept (for their issues) but not computed. The
    same OPD name twice: the first file wins and the later one gets an error. `issues`: those
    of files that belong to no OPD (kept with the city's own)."""
    books = list(books)
    usable: list[OpdWorkbook] = []
    seen: dict[str, str] = {}
    extra: list[Issue] = list(issues)
    for wb in books:
        if not wb.ok:
            continue
        if wb.name in seen:
            extra.append(Issue("error", wb.file, "Profil", None, "Nilai",
                               f"OPD '{wb.name}' sudah dimuat dari file '{seen[wb.name]}'; "
                               f"file '{wb.file}' diabaikan (file pertama yang dipakai)."))
            continue
        seen[wb.name] = wb.file
        usable.append(wb)
    names = [wb.name for wb in usable]

    opds = pd.DataFrame([
        {"opd": wb.name, "file": wb.file, "abbr": wb.profile.get("abbr") or wb.name,
         "jenis": wb.profile.get("jenis"), "tipe": wb.profile.get("tipe"),
         "skor": wb.profile.get("skor"), "urusan": wb.profile.get("urusan") or [],
         "tahun": wb.profile.get("tahun"), "penataan": wb.profile.get("penataan"),
         "sakip": wb.profile.get("sakip"), "has_maturity": wb.maturity is not None,
         "has_kelembagaan": wb.kelembagaan is not None}
        for wb in usable
    ], columns=OPD_COLUMNS)

    units = _stack([wb.units for wb in usable], names)
    positions = _stack([wb.positions for wb in usable], names)
    tasks = _stack([wb.tasks for wb in usable], names)
    maturity = _stack([wb.maturity for wb in usable if wb.maturity is not None],
                      [wb.name for wb in usable if wb.maturity is not None])
    kel = _stack([wb.kelembagaan for wb in usable if wb.kelembagaan is not None],
                 [wb.name for wb in usable if wb.kelembagaan is not None])
    if maturity.empty:
        maturity = pd.DataFrame(columns=["opd", "variable", "self_level", "verified_level",
                                         "evidence", "row"])
    if kel.empty:
        kel = pd.DataFrame(columns=["opd", "subdimension", "item", "answer", "row"])
    ret = _stack([wb.retirements for wb in usable if wb.retirements is not None],
                 [wb.name for wb in usable if wb.retirements is not None])
    if ret.empty:
        ret = pd.DataFrame(columns=RETIREMENT_COLUMNS)

    units, positions, tasks = _index(units, positions, tasks)
    city = CityData(opds=opds, units=units, positions=positions, tasks=tasks, maturity=maturity,
                    kelembagaan=kel, workbooks=tuple(books), extra_issues=tuple(extra), name=name,
                    retirements=ret)
    bases = [wb.task_base for wb in usable]
    if all(b is not None and len(b) == len(wb.tasks) for b, wb in zip(bases, usable, strict=True)):
        city._memo["task_base"] = TaskBase.concat(bases)  # the reader's, in the same order
    return city


def _index(units: pd.DataFrame, positions: pd.DataFrame, tasks: pd.DataFrame
           ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Integer ids across the city: uid per unit, pid per position, depth per unit."""
    if units.empty:
        units = pd.DataFrame(columns=["opd", "code", "name", "kind", "parent", "row"])
    units = units.reset_index(drop=True)
    units["uid"] = np.arange(len(units), dtype="int64")
    key = pd.MultiIndex.from_frame(units[["opd", "code"]])
    uid_of = pd.Series(units["uid"].to_numpy(), index=key)
    pkey = pd.MultiIndex.from_arrays([units["opd"], units["parent"]])
    units["parent_uid"] = uid_of.reindex(pkey).fillna(-1).astype("int64").to_numpy()
    parent = units["parent_uid"].to_numpy()
    depth = np.ones(len(units), dtype="int64")
    current = parent.copy()
    for _ in range(len(units)):  # to the top, however deep (the reader bounds the depth)
        has = current >= 0
        if not has.any():
            break
        depth += has
        current = np.where(has, parent[np.clip(current, 0, None)], -1)
    units["depth"] = depth

    if positions.empty:
        positions = pd.DataFrame(columns=["opd", "code", "name", "unit", "kind", "grade",
                                          "existing", "retiring", "row"])
    positions = positions.reset_index(drop=True)
    positions["pid"] = np.arange(len(positions), dtype="int64")
    ukey = pd.MultiIndex.from_arrays([positions["opd"], positions["unit"]])
    positions["unit_uid"] = uid_of.reindex(ukey).fillna(-1).astype("int64").to_numpy()
    positions["existing"] = positions["existing"].astype("float64")

    if tasks.empty:
        tasks = pd.DataFrame(columns=["opd", "position", "task", "output", "volume", "period",
                                      "norma", "time_unit", "row"])
    tasks = tasks.reset_index(drop=True)
    pid_of = pd.Series(positions["pid"].to_numpy(),
                       index=pd.MultiIndex.from_frame(positions[["opd", "code"]]))
    tkey = pd.MultiIndex.from_arrays([tasks["opd"], tasks["position"]])
    tasks["pid"] = pid_of.reindex(tkey).fillna(-1).astype("int64").to_numpy()
    for col in ("volume", "norma"):
        tasks[col] = tasks[col].astype("float64")
    return units, positions, tasks


def load_files(files: Iterable[tuple[str, bytes]], settings: Settings | None = None,
               name: str = "Kota", *, trusted: bool = False,
               stage: Prefetch | None = None) -> CityData:
    """Read (file name, bytes) pairs in any layout the product knows (template v1, anjab,
    SIASN, Permendagri forms, questionnaires …) into a city, the files of one OPD combined;
    one bad file never stops the others.

    Files are parsed in worker processes (workbook.isolate), so a file that crashes the parser
    or exhausts memory or time becomes an issue of that file instead of taking this process
    down. `trusted=True` parses in this process: only for files this program ships (the
    sample city), never for anything a user supplied. `stage`: the command line's first
    reading stage over the same files (workbook.prefetch)."""
    if trusted:
        books, issues = read_files(files, settings or Settings())
    else:
        books, issues = read_files_isolated(files, settings or Settings(), stage=stage)
    return build_city(books, name=name, issues=issues)


def load_paths(paths: Iterable[str | Path], settings: Settings | None = None,
               name: str = "Kota", *, trusted: bool = False) -> CityData:
    paths = [Path(p) for p in paths]
    return load_files(((p.name, p.read_bytes()) for p in paths), settings, name=name,
                      trusted=trusted)
