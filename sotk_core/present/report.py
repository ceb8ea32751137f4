"""The command-line report contract of workbook.md, as a plain dict (JSON-ready), and its
JSON text."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping

import orjson
import pandas as pd

from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.evaluate import Evaluation
from sotk_core.model.formasi import FormasiResult, compute_formasi
from sotk_core.model.workload import WorkloadResult, compute_workload


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


def _column(values: pd.Series) -> list[object]:
    """A column as `_clean` would leave each value: Python scalars, None where missing."""
    if values.dtype.kind in "fiub" or isinstance(values.dtype, pd.StringDtype):
        return values.to_numpy(dtype=object, na_value=None).tolist()
    return [_clean(v) for v in values.tolist()]


def _records(frame: pd.DataFrame, mapping: dict[str, str]) -> list[dict[str, object]]:
    keys = list(mapping.values())
    columns = [_column(frame[c]) for c in mapping]
    return [dict(zip(keys, row, strict=True)) for row in zip(*columns, strict=True)]


# The report's keys in the contract's order. Units, positions and the formasi plan follow from
# the city's workload alone, so the command line computes them on the other core (base.forked)
# while this process evaluates the rest; `joined` puts the pieces back in this order.
REPORT_KEYS = ("settings", "city", "opd", "units", "positions", "issues", "findings", "formasi")
WORKLOAD_KEYS = ("units", "positions", "formasi")


def build_report(ev: Evaluation, *, leave_out: Iterable[str] = ()) -> dict[str, object]:
    """The report contract as a dict, without the keys in `leave_out` (for a caller that
    writes them apart: `workload_members`, `joined`)."""
    skip = set(leave_out)
    s = ev.summary
    city = {k: _clean(s.get(k)) for k in ("opd_count", "workload_hours", "need_raw", "need",
                                          "existing", "surplus", "shortage", "eu", "pu",
                                          "maturity_mean", "maturity_category")}
    opd = _records(ev.opds, {
        "file": "file", "opd": "name", "workload_hours": "workload_hours", "need_raw": "need_raw",
        "need": "need", "existing": "existing", "surplus": "surplus", "shortage": "shortage",
        "eu": "eu", "pu": "pu", "maturity_total": "maturity_total",
        "maturity_category": "maturity_category", "maturity_stage": "maturity_stage",
        # added after the first contract (optional keys): kelembagaan and SAKIP per OPD
        "kelembagaan_total": "kelembagaan_total", "kelembagaan_rank": "kelembagaan_rank",
        "sakip": "sakip", "sakip_grade": "sakip_grade"})
    report: dict[str, object] = {"settings": ev.settings.to_dict(), "city": city, "opd": opd}
    if "units" not in skip:
        report["units"] = _units(ev.workload)
    if "positions" not in skip:
        report["positions"] = _positions(ev.workload)
    report["issues"] = [i.to_dict() for i in ev.issues]
    findings = ev.findings
    if findings is not None:
        report["findings"] = _records(findings, {c: c for c in findings.columns})
    if "formasi" not in skip:
        report["formasi"] = formasi_report(ev.city, compute_formasi(ev.city, ev.workload))
    return report


def _units(workload: WorkloadResult) -> list[dict[str, object]]:
    return _records(workload.units, {
        "opd": "opd", "code": "code", "name": "name", "kind": "kind", "parent": "parent",
        "workload_hours": "workload_hours", "need_raw": "need_raw", "need": "need",
        "existing": "existing", "surplus": "surplus", "shortage": "shortage", "eu": "eu",
        "pu": "pu"})


def _positions(workload: WorkloadResult) -> list[dict[str, object]]:
    return _records(workload.positions, {
        "opd": "opd", "code": "code", "name": "name", "unit": "unit", "kind": "kind",
        "workload_hours": "workload_hours", "need_raw": "need_raw", "need": "need",
        "existing": "existing", "gap": "gap", "ej": "ej", "pj": "pj"})


def workload_members(city: CityData, settings: Settings) -> dict[str, bytes]:
    """The report's WORKLOAD_KEYS members as `member_json` writes them, from the city alone
    (its workload computed again here: the same frames `evaluate` computes)."""
    workload = compute_workload(city, settings)
    return {"units": member_json("units", _units(workload)),
            "positions": member_json("positions", _positions(workload)),
            "formasi": member_json("formasi",
                                   formasi_report(city, compute_formasi(city, workload)))}


def member_json(key: str, value: object) -> bytes:
    """One key of the report as `report_json` writes it inside the report: one space, the
    key, its value at depth 1, no comma."""
    return report_json({key: value})[2:-2]  # b'{\n' + member + b'\n}'


def joined(members: Mapping[str, bytes]) -> bytes:
    """`report_json` of the whole report from its members (`member_json` each), in the order
    of REPORT_KEYS: the same bytes as writing the report at once."""
    return b"{\n" + b",\n".join(members[k] for k in REPORT_KEYS if k in members) + b"\n}"


def report_json(report: dict[str, object]) -> bytes:
    """The report as `json.dumps(report, ensure_ascii=False, indent=1)` writes it, byte for
    byte, in one orjson pass: orjson writes the same text except for floats below 1e-4 and
    non-finite ones (json's spellings are kept for those) and indents by two spaces."""
    try:
        out = orjson.dumps(_json_floats(report), option=orjson.OPT_INDENT_2)
    except TypeError:  # something orjson refuses (a lone surrogate, a huge int): as json does
        return json.dumps(report, ensure_ascii=False, indent=1).encode()
    depth = 0
    while out.find(b"\n" + b"  " * (depth + 1)) >= 0:
        depth += 1
    for level in range(depth, 0, -1):  # deepest first; \0 never occurs in orjson's output
        out = out.replace(b"\n" + b"  " * level, b"\n" + b"\0" * level)
    return out.replace(b"\0", b" ")


def _odd(value: float) -> bool:
    """A float orjson spells differently from json: NaN, ±Infinity, 0 < |value| < 1e-4."""
    return not (value == 0.0 or 1e-4 <= value < math.inf or -math.inf < value <= -1e-4)


def _json_floats(value: object) -> object:
    """The same structure with the floats orjson spells differently as json's text."""
    kind = type(value)
    if kind is float:
        if _odd(value):  # type: ignore[arg-type]
            return orjson.Fragment(json.dumps(value).encode())
        return value
    if kind is dict:
        items = value.values()  # type: ignore[union-attr]
        if any(type(v) in _CONTAINERS or type(v) is float and _odd(v) for v in items):
            return {k: _json_floats(v) for k, v in value.items()}  # type: ignore[union-attr]
        return value
    if kind is list:
        return [_json_floats(v) for v in value]  # type: ignore[union-attr]
    return value


_CONTAINERS = (dict, list)


FORMASI_SUMS = ("need", "existing", "retiring", "projected", "formasi", "redistributed_in",
                "new_formasi", "excess", "excess_left")


def formasi_report(city: CityData, plan: FormasiResult) -> dict[str, object]:
    """Optional key `formasi` of the report: the five-year plan (sotk_core.model.formasi).

    plan_years: the years counted (the data year and the four after it), city: the sums,
    opd: per OPD (with retiring_by_year {"2027": n, ...} from sheet Pensiun), positions: per
    position (retiring_source "sheet" | "kolom" | "kosong"), moves: spare staff offered before
    new formasi (scope "unit" or "opd")."""
    files = dict(zip(city.opds["opd"], city.opds["file"], strict=True))
    c = plan.city
    city = {k: _clean(c[k]) for k in FORMASI_SUMS}
    city["unknown_retiring"] = c["unknown_retiring"]
    city["unknown_existing"] = c["unknown_existing"]
    opd = []
    for _, r in plan.opds.iterrows():
        row: dict[str, object] = {"file": files.get(r["opd"]), "name": r["opd"]}
        row |= {k: _clean(r[k]) for k in FORMASI_SUMS}
        row["retiring_by_year"] = {str(y): n for y, n in sorted(r["retiring_by_year"].items())}
        row["unknown_retiring"] = int(r["unknown_retiring"])
        opd.append(row)
    positions = _records(plan.positions, {
        "opd": "opd", "code": "code", "name": "name", "unit": "unit", "kind": "kind",
        **{k: k for k in FORMASI_SUMS}, "retiring_source": "retiring_source"})
    moves = _records(plan.moves, {"opd": "opd", "from_code": "from", "to_code": "to",
                                  "count": "count", "scope": "scope"})
    return {"plan_years": list(plan.plan_years), "city": city, "opd": opd,
            "positions": positions, "moves": moves}
