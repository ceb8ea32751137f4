"""Settings-driven leaf formulas shared by the reader and the model (domain.md §1):
task minutes per year and the EJ/EU grade bands."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sotk_core.base.fmt import round_half_up
from sotk_core.base.settings import Settings


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
    factors = settings.factors
    period = tasks["period"].fillna("Tahun").map(factors).fillna(1).to_numpy(dtype="float64")
    mult = np.where(tasks["time_unit"].to_numpy() == "Jam", 60.0, 1.0)
    return tasks["volume"].to_numpy(dtype="float64") * period * \
        tasks["norma"].to_numpy(dtype="float64") * mult
