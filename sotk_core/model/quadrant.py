"""Maturity beside workload: every OPD placed by its maturity total (x) and its EU (y).

Two lines split the plane into four quadrants:

* x: "matang" (mature) = maturity category Tinggi or Sangat Tinggi (total above the upper
  bound of Sedang in Settings.maturity_bands, 37 by default);
* y: "beban berlebih" (overloaded) = EU (2 decimals) above the lower bound of the top PJ band
  in Settings.ej_bands (1,00 by default).

Beside each OPD: its weakest maturity variable (the lowest level; the first by number when
several share it, with how many share it) and its most loaded unit (the highest EU, 2
decimals, among the units below the OPD with staff). OPDs without a maturity sheet or
without staff have no place on the plane: quadrant "belum_dinilai" / "tanpa_pegawai".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sotk_core.base.settings import Settings
from sotk_core.model.maturity import MaturityResult, maturity_category
from sotk_core.model.workload import WorkloadResult

QUADRANTS = ("matang_berlebih", "belum_berlebih", "matang_terkendali", "belum_terkendali")
MATURE_CATEGORIES = ("Tinggi", "Sangat Tinggi")
COLUMNS = ["opd", "abbr", "maturity_total", "maturity_category", "maturity_stage", "eu2",
           "existing", "mature", "overloaded", "quadrant", "weak_variable", "weak_roman",
           "weak_name", "weak_level", "weak_count", "top_unit", "top_unit_code", "top_unit_eu"]


def mature_line(settings: Settings) -> float:
    """The maturity total above which an OPD counts as mature: the upper bound of the band
    before the first mature category (37 with the default bands)."""
    bands = settings.maturity_bands
    for i, (label, _upper) in enumerate(bands):
        if label in MATURE_CATEGORIES:
            return float(bands[i - 1][1]) if i else float("-inf")
    return float(bands[-1][1])


def overload_line(settings: Settings) -> float:
    """EU above this is overloaded (Settings.overload_ej, 1,00 by default)."""
    return settings.overload_ej


def idle_line(settings: Settings) -> float:
    """EU below this is under-used (Settings.idle_ej, 0,50 by default)."""
    return settings.idle_ej


def maturity_workload(opds: pd.DataFrame, maturity: MaturityResult, workload: WorkloadResult,
                      settings: Settings) -> pd.DataFrame:
    """One row per OPD (COLUMNS), in the order of `opds` (`Evaluation.opds`)."""
    o = opds.loc[:, ["opd", "abbr", "maturity_total", "maturity_stage", "eu2", "existing"]].copy()
    o["abbr"] = o["abbr"].fillna(o["opd"])
    total = o["maturity_total"].to_numpy(dtype="float64")
    o["maturity_category"] = [maturity_category(t, settings) if not np.isnan(t) else None
                              for t in total]
    eu = o["eu2"].to_numpy(dtype="float64")
    o["mature"] = o["maturity_category"].isin(MATURE_CATEGORIES)
    o["overloaded"] = eu > overload_line(settings)
    quadrant = np.where(o["mature"], np.where(o["overloaded"], QUADRANTS[0], QUADRANTS[2]),
                        np.where(o["overloaded"], QUADRANTS[1], QUADRANTS[3])).astype(object)
    quadrant[np.isnan(eu)] = "tanpa_pegawai"
    quadrant[np.isnan(total)] = "belum_dinilai"
    o["quadrant"] = quadrant

    weak = maturity.weakest.sort_values(["opd", "variable"], kind="stable")
    first = weak.drop_duplicates("opd").set_index("opd")
    count = weak.groupby("opd").size()
    o["weak_variable"] = o["opd"].map(first["variable"])
    o["weak_roman"] = o["opd"].map(first["roman"])
    o["weak_name"] = o["opd"].map(first["var_name"])
    o["weak_level"] = o["opd"].map(first["level"])
    o["weak_count"] = o["opd"].map(count).fillna(0).astype("int64")

    units = workload.units
    below = units.loc[(units["parent_uid"] >= 0) & units["eu2"].notna()]
    top = below.sort_values(["opd", "eu2", "depth"], ascending=[True, False, True],
                            kind="stable").drop_duplicates("opd").set_index("opd")
    o["top_unit"] = o["opd"].map(top["name"])
    o["top_unit_code"] = o["opd"].map(top["code"])
    o["top_unit_eu"] = o["opd"].map(top["eu2"]).astype("float64")
    return o.loc[:, COLUMNS].reset_index(drop=True)
