"""The command-line report contract of workbook.md, as a plain dict (JSON-ready)."""

from __future__ import annotations

import math

import pandas as pd

from sotk_core.model.evaluate import Evaluation


def _clean(value: object) -> object:
    """JSON-safe scalars: NaN/None -> None, numpy -> Python, whole floats stay floats."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()  # numpy scalar
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame, mapping: dict[str, str]) -> list[dict[str, object]]:
    cols = list(mapping)
    out = frame.loc[:, cols].rename(columns=mapping)
    return [{k: _clean(v) for k, v in row.items()} for row in out.to_dict(orient="records")]


def build_report(ev: Evaluation) -> dict[str, object]:
    s = ev.summary
    city = {k: _clean(s.get(k)) for k in ("opd_count", "workload_hours", "need_raw", "need",
                                          "existing", "surplus", "shortage", "eu", "pu",
                                          "maturity_mean", "maturity_category")}
    opd = _records(ev.opds, {
        "file": "file", "opd": "name", "workload_hours": "workload_hours", "need_raw": "need_raw",
        "need": "need", "existing": "existing", "surplus": "surplus", "shortage": "shortage",
        "eu": "eu", "pu": "pu", "maturity_total": "maturity_total",
        "maturity_category": "maturity_category", "maturity_stage": "maturity_stage"})
    units = _records(ev.workload.units, {
        "opd": "opd", "code": "code", "name": "name", "kind": "kind", "parent": "parent",
        "workload_hours": "workload_hours", "need_raw": "need_raw", "need": "need",
        "existing": "existing", "surplus": "surplus", "shortage": "shortage", "eu": "eu",
        "pu": "pu"})
    positions = _records(ev.workload.positions, {
        "opd": "opd", "code": "code", "name": "name", "unit": "unit", "kind": "kind",
        "workload_hours": "workload_hours", "need_raw": "need_raw", "need": "need",
        "existing": "existing", "gap": "gap", "ej": "ej", "pj": "pj"})
    report: dict[str, object] = {
        "settings": ev.settings.to_dict(),
        "city": city,
        "opd": opd,
        "units": units,
        "positions": positions,
        "issues": [i.to_dict() for i in ev.city.issues],
    }
    findings = ev.findings
    if findings is not None:
        report["findings"] = [{k: _clean(v) for k, v in r.items()}
                              for r in findings.to_dict(orient="records")]
    return report
