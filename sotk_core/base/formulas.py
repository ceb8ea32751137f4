"""Settings-driven leaf formulas shared by the reader and the model (domain.md §1):
task minutes per year and the EJ/EU grade bands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from sotk_core.base.arrow_text import arrow_text
from sotk_core.base.fmt import round_half_up
from sotk_core.base.settings import PERIODS, Settings


def grade(values: np.ndarray, settings: Settings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value rounded half up to 2 decimals, grade letter, grade label); NaN -> None."""
    v2 = round_half_up(np.asarray(values, dtype="float64"), 2)
    bands = settings.ej_bands
    conds = [v2 > bands[0][2]] + [v2 >= lo for _, _, lo in bands[1:-1]]
    letters = np.select(conds, [b[0] for b in bands[:-1]], bands[-1][0]).astype(object)
    labels = np.select(conds, [b[1] for b in bands[:-1]], bands[-1][1]).astype(object)
    missing = np.isnan(v2)
    letters[missing] = None
    labels[missing] = None
    return v2, letters, labels


def grade_one(value: float | None, settings: Settings) -> str | None:
    if value is None or np.isnan(value):
        return None
    return str(grade(np.array([value]), settings)[1][0])


def task_minutes(tasks: pd.DataFrame, settings: Settings) -> np.ndarray:
    """Minutes per year of each task: volume × period factor × norma (× 60 for Jam)."""
    return TaskBase.of(tasks).minutes(settings)


@dataclass(frozen=True, eq=False)
class TaskBase:
    """What the tasks' minutes per year are made of, the period as a category: computed once
    per table (the reader does it for its check), then any settings' minutes are one lookup
    and three products. The products run in the order of the formula, so every figure is the
    same to the last bit."""

    volume: np.ndarray  # float64
    norma: np.ndarray  # float64
    hours: np.ndarray  # bool: the norma is in Jam
    period: np.ndarray  # int8: index in PERIODS (a blank period is Tahun); -1: factor 1

    @classmethod
    def of(cls, tasks: pd.DataFrame) -> TaskBase:
        return cls(tasks["volume"].to_numpy(dtype="float64"),
                   tasks["norma"].to_numpy(dtype="float64"),
                   _codes(tasks["time_unit"], ("Jam",), missing=-1) == 0,
                   _codes(tasks["period"], PERIODS, missing=PERIODS.index("Tahun")))

    @classmethod
    def concat(cls, parts: Sequence[TaskBase]) -> TaskBase:
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) if parts else
                     np.empty(0, dtype=d) for f, d in (("volume", "float64"), ("norma", "float64"),
                                                       ("hours", bool), ("period", "int8"))))

    def __len__(self) -> int:
        return len(self.volume)

    def minutes(self, settings: Settings) -> np.ndarray:
        """volume × period factor × norma × (60 for Jam): the minutes per year."""
        factors = settings.factors
        lookup = np.array([float(factors.get(p, 1)) for p in PERIODS] + [1.0])
        return self.volume * lookup[self.period] * self.norma * np.where(self.hours, 60.0, 1.0)

    def with_values(self, rows: np.ndarray, volume: np.ndarray | None = None,
                    norma: np.ndarray | None = None) -> TaskBase:
        """A copy with new volume and/or norma at `rows` (a what-if change of a few tasks)."""
        new_volume, new_norma = self.volume, self.norma
        if volume is not None:
            new_volume = self.volume.copy()
            new_volume[rows] = volume
        if norma is not None:
            new_norma = self.norma.copy()
            new_norma[rows] = norma
        return TaskBase(new_volume, new_norma, self.hours, self.period)

    def take(self, rows: np.ndarray) -> TaskBase:
        return TaskBase(self.volume[rows], self.norma[rows], self.hours[rows], self.period[rows])


def _codes(values: pd.Series, names: Sequence[str], missing: int) -> np.ndarray:
    """Index of each value in `names` (-1 when not there, `missing` when blank), looked up
    once per distinct value."""
    text = arrow_text(values)
    if text is not None:  # a tenth of pd.factorize's cost
        if isinstance(text, pa.ChunkedArray):
            text = text.combine_chunks()
        encoded = text.dictionary_encode()
        uniques = encoded.dictionary.to_pylist()
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    else:
        codes, uniques = pd.factorize(values)
    lookup = np.array([names.index(u) if u in names else -1 for u in uniques] + [missing],
                      dtype="int8")
    return lookup[codes]  # the blank code -1 picks the last entry: `missing`
