"""Replay state of a what-if scenario: the baseline city with the changes so far as small
overlays, the city lookups it needs, and the error a refused change raises. The change records
(`changes.py`) read and write this state; `core.py` drives the replay."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData

_ROW_SPAN = 1 << 32  # Excel rows stay far below this


class ScenarioError(ValueError):
    """A change that does not fit the data. `index`: position of the change in the scenario
    (None when not yet added); `field`: the change field at fault (for row/column reports)."""

    def __init__(self, message: str, *, index: int | None = None, field: str | None = None
                 ) -> None:
        super().__init__(message)
        self.message = message
        self.index = index
        self.field = field


# --- city lookups, cached per city object -------------------------------------------------


class CityIndex:
    """Dictionary lookups over a city's frames: built once per `CityData` object and kept in
    its instance dict (like `CityData.ancestors`), so repeated scenario runs are cheap."""

    def __init__(self, city: CityData) -> None:
        p = city.positions
        self.opds = set(city.opds["opd"].tolist())
        self.pos = {k: i for i, k in enumerate(zip(p["opd"].tolist(), p["code"].tolist(),
                                                   strict=True))}
        self.pos_name = p["name"].tolist()
        self.pos_unit_uid = p["unit_uid"].to_numpy()
        self.existing = p["existing"].to_numpy(dtype="float64")
        u = city.units
        self.unit_uid = dict(zip(zip(u["opd"].tolist(), u["code"].tolist(), strict=True),
                                 u["uid"].tolist(), strict=True))
        self._tasks = city.tasks
        self._task_keys: tuple[dict[str, int], np.ndarray, np.ndarray] | None = None

    def task_of(self, opd: str, row: int) -> int | None:
        """Position (iloc) of the task at Excel `row` of `opd`'s Beban Kerja, or None."""
        if self._task_keys is None:  # sorted int64 keys opd_number * 2^32 + row, built once
            codes, uniques = pd.factorize(self._tasks["opd"])
            keys = codes.astype("int64") * _ROW_SPAN + self._tasks["row"].to_numpy("int64")
            order = np.argsort(keys, kind="stable")
            self._task_keys = ({str(u): k for k, u in enumerate(uniques)}, keys[order], order)
        number, keys, order = self._task_keys
        try:
            row = int(row)
        except (TypeError, ValueError):
            return None
        if opd not in number or not 0 <= row < _ROW_SPAN:
            return None
        key = number[opd] * _ROW_SPAN + row
        at = int(np.searchsorted(keys, key))
        return int(order[at]) if at < len(keys) and keys[at] == key else None


def city_index(city: CityData) -> CityIndex:
    return city.memo("scenario_index", lambda: CityIndex(city))


# --- replaying changes ----------------------------------------------------------------------


class ReplayState:
    """The baseline with the changes so far, as small overlays (no frame is copied)."""

    def __init__(self, city: CityData, settings: Settings) -> None:
        self.city = city
        self.index = city_index(city)
        self.settings = settings
        self.existing: dict[tuple[str, str], int] = {}
        self.removed: set[tuple[str, str]] = set()
        self.added: dict[tuple[str, str], object] = {}  # AddPosition records (changes.py)
        self.volume: dict[int, float] = {}
        self.norma: dict[int, float] = {}

    def exists(self, opd: str, code: str) -> bool:
        key = (opd, code)
        return key in self.added or (key in self.index.pos and key not in self.removed)

    def label(self, opd: str, code: str) -> str:
        """'Nama Jabatan (Unit, OPD)' for refusals: people know positions by name, not code."""
        key = (opd, code)
        units = self.city.units["name"]
        if key in self.added:
            add = self.added[key]
            uid = self.index.unit_uid.get((opd, add.unit_code))  # type: ignore[attr-defined]
            name = add.name  # type: ignore[attr-defined]
        elif key in self.index.pos:
            i = self.index.pos[key]
            name, uid = self.index.pos_name[i], int(self.index.pos_unit_uid[i])
        else:
            return f"jabatan berkode {code} ({opd})"
        unit = str(units.iat[uid]) if uid is not None and 0 <= uid < len(units) else None
        return f"{name} ({', '.join(x for x in (unit, opd) if x)})"

    def staff(self, opd: str, code: str) -> int:
        key = (opd, code)
        if key in self.existing:
            return self.existing[key]
        return int(self.index.existing[self.index.pos[key]])

    def require_position(self, opd: str, code: str, field_name: str) -> None:
        if opd not in self.index.opds:
            raise ScenarioError(f"OPD '{opd}' tidak ada dalam data.",
                                field="to_opd" if field_name == "to_code" else "opd")
        if self.exists(opd, code):
            return
        if (opd, code) in self.removed:
            raise ScenarioError(f"Jabatan {self.label(opd, code)} sudah dihapus oleh perubahan "
                                "sebelumnya.", field=field_name)
        raise ScenarioError(f"Kode jabatan '{code}' tidak ada di {opd}.", field=field_name)

    def require_task(self, opd: str, code: str, row: int) -> int:
        self.require_position(opd, code, "position_code")
        i = self.index.task_of(opd, row)
        if i is None:
            raise ScenarioError(f"Tidak ada tugas pada baris {row} sheet Beban Kerja {opd}.",
                                field="row")
        owner = self.city.tasks["position"].iat[i]
        if owner != code:
            raise ScenarioError(f"Tugas baris {row} di {opd} milik jabatan "
                                f"{self.label(opd, owner)}, bukan {self.label(opd, code)}.",
                                field="row")
        if (opd, code) in self.removed:
            raise ScenarioError(f"Tugas baris {row} milik jabatan {self.label(opd, code)} yang "
                                "sudah dihapus.", field="row")
        return i
