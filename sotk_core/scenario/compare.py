"""Baseline vs scenario, side by side: per position, unit or OPD, the city block, and the
workload balance measures.

Every compared metric `m` gives the columns `m_base`, `m_scen`, `m_delta` (numeric metrics;
scenario − baseline) and `m_changed` (a flag per cell, so a page can highlight it); `changed`
flags the row. `presence` says whether the row exists in both ("tetap"), only in the scenario
("baru") or only in the baseline ("dihapus"). Rows keep the baseline order, new rows last.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import SUFFIX_LABELS, label
from sotk_core.base.settings import Settings
from sotk_core.base.texts import CITY_LABELS
from sotk_core.model.balance import BalanceResult, compute_balance
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult

Level = Literal["opd", "unit", "position"]

_COMMON = ["existing", "workload_hours", "need_raw", "need", "surplus", "shortage"]
LEVELS: dict[str, dict[str, object]] = {
    "position": {"frame": "positions", "keys": ["opd", "code"],
                 "info": ["name", "unit_name", "kind"],
                 "metrics": [*_COMMON, "ej2", "pj", "status"]},
    "unit": {"frame": "units", "keys": ["opd", "code"], "info": ["name", "kind", "depth"],
             "metrics": [*_COMMON, "eu2", "pu"]},
    "opd": {"frame": "opds", "keys": ["opd"], "info": [], "metrics": [*_COMMON, "eu2", "pu"]},
}
ADDITIVE = frozenset(_COMMON)  # an absent row counts as 0 for the delta
_TOL = 1e-9


def metrics(level: Level) -> list[str]:
    """The metrics `compare` reports at this level, in order."""
    return list(LEVELS[level]["metrics"])  # type: ignore[arg-type]


def compare(base: WorkloadResult, scen: WorkloadResult, level: Level = "position",
            opd: str | None = None) -> pd.DataFrame:
    """Baseline and scenario results side by side at one level (optionally one OPD)."""
    if level not in LEVELS:
        raise ValueError(f"Tingkat perbandingan tidak dikenal: {level!r} (opd, unit, position).")
    spec = LEVELS[level]
    keys: list[str] = spec["keys"]  # type: ignore[assignment]
    info: list[str] = spec["info"]  # type: ignore[assignment]
    mets: list[str] = spec["metrics"]  # type: ignore[assignment]
    frames = []
    for side, result in (("base", base), ("scen", scen)):
        f = getattr(result, str(spec["frame"])).loc[:, [*keys, *info, *mets]]
        if opd is not None:
            f = f.loc[f["opd"] == opd]
        f = f.rename(columns={c: f"{c}_{side}" for c in [*info, *mets]})
        frames.append(f.assign(**{f"_order_{side}": np.arange(len(f))}))
    m = frames[0].merge(frames[1], on=keys, how="outer", indicator=True)
    m = m.sort_values(["_order_base", "_order_scen"], na_position="last", kind="stable")
    presence = m["_merge"].astype(str).map({"both": "tetap", "left_only": "dihapus",
                                            "right_only": "baru"})
    out = m.loc[:, keys].reset_index(drop=True)
    for c in info:
        out[c] = m[f"{c}_base"].fillna(m[f"{c}_scen"]).to_numpy()
    out["presence"] = presence.to_numpy()
    one_side = (out["presence"] != "tetap").to_numpy()
    any_change = one_side.copy()
    for c in mets:
        b, s = m[f"{c}_base"], m[f"{c}_scen"]
        out[f"{c}_base"] = b.to_numpy()
        out[f"{c}_scen"] = s.to_numpy()
        if pd.api.types.is_numeric_dtype(b) and pd.api.types.is_numeric_dtype(s):
            bv, sv = b.to_numpy(dtype="float64"), s.to_numpy(dtype="float64")
            if c in ADDITIVE:
                out[f"{c}_delta"] = np.nan_to_num(sv) - np.nan_to_num(bv)
            else:
                out[f"{c}_delta"] = sv - bv
            same = np.isclose(bv, sv, rtol=0.0, atol=_TOL, equal_nan=True)
        else:
            same = (b.astype(object).fillna("").to_numpy() == s.astype(object).fillna("")
                    .to_numpy())
        flag = ~same | one_side
        out[f"{c}_changed"] = flag
        any_change |= flag
    out["changed"] = any_change
    return out


def changed_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a `compare` frame that differ."""
    return frame.loc[frame["changed"]].reset_index(drop=True)


def compare_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Indonesian headers for a `compare` frame: 'Pegawai ada (orang) · skenario'."""
    out: dict[str, str] = {"presence": "Keberadaan", "changed": "Berubah"}
    for col in frame.columns:
        if col in out:
            continue
        stem, _, suffix = col.rpartition("_")
        if suffix in SUFFIX_LABELS and stem:
            out[col] = f"{label(stem)} · {SUFFIX_LABELS[suffix]}"
        else:
            out[col] = label(col)
    return out


_CITY_METRICS = [(k, CITY_LABELS[k]) for k in (
    "existing", "workload_hours", "need_raw", "need", "surplus", "shortage", "gap", "eu2", "pu",
    "vacant", "positions")]


def compare_city(base: WorkloadResult, scen: WorkloadResult) -> pd.DataFrame:
    """The city block side by side: metric, label, base, scen, delta, changed."""
    return _side_by_side([(k, lab, base.city.get(k), scen.city.get(k))
                          for k, lab in _CITY_METRICS])


def _side_by_side(rows: list[tuple[str, str, object, object]]) -> pd.DataFrame:
    records = []
    for key, lab, b, s in rows:
        numeric = all(isinstance(v, (int, float, np.integer, np.floating)) or v is None
                      for v in (b, s)) and not (b is None and s is None)
        if numeric:
            bf = np.nan if b is None else float(b)  # type: ignore[arg-type]
            sf = np.nan if s is None else float(s)  # type: ignore[arg-type]
            delta = sf - bf
            changed = not np.isclose(bf, sf, rtol=0.0, atol=_TOL, equal_nan=True)
        else:
            delta, changed = np.nan, (b or "") != (s or "")
        records.append({"metric": key, "label": lab, "base": b, "scen": s, "delta": delta,
                        "changed": bool(changed)})
    return pd.DataFrame(records, columns=["metric", "label", "base", "scen", "delta", "changed"])


def _balance_summary(settings: Settings) -> list[tuple[str, str]]:
    return [("staff_outside", "Pegawai di luar rentang EJ seimbang (orang)"),
            ("share_outside", "Porsi pegawai di luar rentang EJ seimbang"),
            ("overloaded_positions", f"Jabatan EJ > {fmt_num(settings.overload_ej, 2)}"),
            ("idle_positions", f"Jabatan EJ < {fmt_num(settings.idle_ej, 2)}")]


def compare_balance(base_city: CityData, base: WorkloadResult, scen_city: CityData,
                    scen: WorkloadResult, base_balance: BalanceResult | None = None
                    ) -> pd.DataFrame:
    """Workload balance (domain.md §5) before and after (sotk_core.model.balance). Pass the
    baseline's `base_balance` when it is already computed (Evaluation.balance)."""
    b = base_balance or compute_balance(base_city, base, base.settings)
    s = compute_balance(scen_city, scen, scen.settings)
    rows = [(k, lab, b.summary.get(k), s.summary.get(k))
            for k, lab in _balance_summary(base.settings)]
    bl, sl = b.levels.set_index("level"), s.levels.set_index("level")
    for level in bl.index:
        name = bl.at[level, "level_label"]
        for stat, what in (("median_cv", "median CV"), ("median_gini", "median Gini")):
            sv = sl.at[level, stat] if level in sl.index else None
            rows.append((f"{level}.{stat}", f"{name}: {what}", _opt(bl.at[level, stat]),
                         _opt(sv)))
    return _side_by_side(rows)


def _opt(v: object) -> float | None:
    if v is None:
        return None
    f = float(v)  # type: ignore[arg-type]
    return None if np.isnan(f) else f
