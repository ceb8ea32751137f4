"""Kematangan organisasi, Permendagri 99/2018 Lampiran A (domain.md §2).

Per variable the level in force is the verified one when present, else the self-assessed one.
OPD total = plain sum (11-55), category from the bands in Settings, stage = min level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sotk_core.base.fmt import round_half_up
from sotk_core.base.settings import Settings
from sotk_core.workbook.vocab import ROMAN, VARIABLES, Variable, parse_variable

__all__ = ["ROMAN", "VARIABLES", "MaturityResult", "Variable", "compute_maturity",
           "maturity_category", "parse_variable"]

def maturity_category(total: float, settings: Settings) -> str | None:
    """Band of a total (or a fractional city mean) under `settings.maturity_edges`:

    * "lebih-dari" (default): the value as it is against each upper bound, 11-19 Sangat
      Rendah, > 19-28 Rendah, > 28-37 Sedang, > 37-46 Tinggi, > 46-55 Sangat Tinggi
      (19.01 -> Rendah, 19.00 -> Sangat Rendah);
    * "bulat": the whole-number ranges 11-19, 20-28, ...: the value is rounded half up to a
      whole number first (19.49 -> 19 Sangat Rendah, 19.50 -> 20 Rendah).
    """
    if total is None or (isinstance(total, float) and np.isnan(total)):
        return None
    value = float(total)
    if settings.maturity_edges == "bulat":
        value = float(round_half_up(np.array([value]), 0)[0])
    for label, upper in settings.maturity_bands:
        if value <= upper + 1e-9:
            return label
    return settings.maturity_bands[-1][0]


@dataclass(frozen=True)
class MaturityResult:
    """Maturity of the OPDs with a Kematangan sheet. Levels are Tingkat 1–5.

    levels (one row per OPD and variable):
        opd                 OPD name
        variable            variable number 1–11
        self_level          Tingkat Mandiri (1–5)
        verified_level      Tingkat Verifikasi (1–5; NaN when not verified)
        roman               variable number I–XI
        var_name            official variable name (Permendagri 99/2018 Lampiran A)
        short               short variable name for charts
        aspect              Tata Laksana, Inovasi or Budaya
        level               level used: verified_level, else self_level (1–5)
        gap                 self_level − verified_level (levels; NaN when not verified)

    opd (one row per assessed OPD, in file order):
        opd                 OPD name
        total               Σ level over the 11 variables (11–55)
        stage               lowest level (1–5)
        self_total          Σ self_level (11–55)
        verified_count      variables with a verified level (count)
        mean_Tata Laksana   mean level of the Tata Laksana variables (1–5)
        mean_Inovasi        mean level of the Inovasi variable (1–5)
        mean_Budaya         mean level of the Budaya variable (1–5)
        category            category of the total (Sangat Rendah … Sangat Tinggi)

    weakest (one row per OPD and variable at the OPD's lowest level):
        opd, variable, roman, var_name, level
                            as in `levels`
        next_level          level to reach next (level + 1, at most 5)
        next_text           what that level asks (Indonesian text)

    city_mean: mean of the OPD totals (11–55; None without assessed OPDs);
    city_category: its category.
    """

    levels: pd.DataFrame
    opd: pd.DataFrame
    weakest: pd.DataFrame
    city_mean: float | None
    city_category: str | None


def compute_maturity(maturity: pd.DataFrame, opd_names: list[str], settings: Settings) -> MaturityResult:
    """maturity: columns opd, variable (1..11), self_level, verified_level (NaN if absent)."""
    var_table = pd.DataFrame({
        "variable": [v.number for v in VARIABLES],
        "roman": [v.roman for v in VARIABLES],
        "var_name": [v.name for v in VARIABLES],
        "short": [v.short for v in VARIABLES],
        "aspect": [v.aspect for v in VARIABLES],
    })
    lv = maturity.loc[:, ["opd", "variable", "self_level", "verified_level"]].merge(
        var_table, on="variable", how="left")
    lv["level"] = lv["verified_level"].where(lv["verified_level"].notna(), lv["self_level"])
    lv["gap"] = lv["self_level"] - lv["verified_level"]
    lv = lv.sort_values(["opd", "variable"], kind="stable").reset_index(drop=True)

    g = lv.groupby("opd", sort=False)
    opd = pd.DataFrame({
        "total": g["level"].sum(),
        "stage": g["level"].min(),
        "self_total": g["self_level"].sum(),
        "verified_count": g["verified_level"].count(),
    })
    for aspect in ("Tata Laksana", "Inovasi", "Budaya"):
        opd[f"mean_{aspect}"] = lv.loc[lv["aspect"] == aspect].groupby("opd")["level"].mean()
    opd["category"] = [maturity_category(t, settings) for t in opd["total"]]
    opd = opd.reindex(opd_names).rename_axis("opd").reset_index()
    opd = opd.loc[opd["total"].notna()].reset_index(drop=True)

    # weakest variables per OPD: those at the OPD's minimum level, with the next level's text
    lv["is_weakest"] = lv["level"] == lv.groupby("opd")["level"].transform("min")
    weak = lv.loc[lv["is_weakest"], ["opd", "variable", "roman", "var_name", "level"]].copy()
    texts = {v.number: v.levels for v in VARIABLES}
    weak["next_level"] = (weak["level"] + 1).clip(upper=5)
    weak["next_text"] = [
        texts[int(v)][int(n) - 1] if lvl < 5 else "Sudah di tingkat tertinggi"
        for v, n, lvl in zip(weak["variable"], weak["next_level"], weak["level"], strict=True)
    ]
    weak = weak.reset_index(drop=True)
    mean = float(opd["total"].mean()) if len(opd) else None
    return MaturityResult(
        levels=lv.drop(columns="is_weakest"),
        opd=opd,
        weakest=weak,
        city_mean=mean,
        city_category=maturity_category(mean, settings) if mean is not None else None,
    )
