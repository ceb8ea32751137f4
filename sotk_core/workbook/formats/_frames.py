"""A combined OPD's tree as the template-v1 frames (`OpdWorkbook.units/positions/tasks`):
generated unit codes 01, 01.01 …, the files' jabatan codes where unique, else J001 …"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sotk_core.workbook.formats._scan import key
from sotk_core.workbook.formats._tree import Node, Placed, Tree


def frames_of(tree: Tree) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame,
                                   pd.DataFrame | None]:
    """(units, positions with tasks, their tasks, jabatan without tasks, retirements per year
    of the jabatan with tasks or None when no file gives them)."""
    nodes = tree.root.walk()
    _number(tree.root, "01")
    units = pd.DataFrame({
        "row": np.zeros(len(nodes), dtype="int64"),
        "code": [n.code for n in nodes],
        "name": [n.name for n in nodes],
        "kind": [n.kind for n in nodes],
        "parent": [n.parent.code if n.parent else None for n in nodes],
    })
    codes = _codes(tree.positions)
    computed = [p for p in tree.positions if p.tasks is not None]
    pending = [p for p in tree.positions if p.tasks is None]
    task_rows = [(codes[id(p)], t) for p in computed for t in p.tasks or []]
    tasks = pd.DataFrame({
        "row": np.asarray([t.row for _, t in task_rows], dtype="int64"),
        "position": [c for c, _ in task_rows],
        "task": [t.task for _, t in task_rows],
        "output": [t.output for _, t in task_rows],
        "volume": np.asarray([t.volume for _, t in task_rows], dtype="float64"),
        "period": [t.period for _, t in task_rows],
        "norma": np.asarray([t.norma for _, t in task_rows], dtype="float64"),
        "time_unit": [t.time_unit for _, t in task_rows],
    })
    per_year = [(codes[id(p)], y, n, p.where.row or 0) for p in computed
                for y, n in sorted((p.retire_years or {}).items())]
    retirements = pd.DataFrame({
        "row": np.asarray([r for *_, r in per_year], dtype="int64"),
        "position": [c for c, *_ in per_year],
        "year": np.asarray([y for _, y, _, _ in per_year], dtype="float64"),
        "count": np.asarray([n for _, _, n, _ in per_year], dtype="float64"),
    }) if per_year else None
    return (units, _positions(computed, codes), tasks, _positions(pending, codes), retirements)


def _number(node: Node, code: str) -> None:
    node.code = code
    for i, child in enumerate(node.children, start=1):
        _number(child, f"{code}.{i:02d}")


def _codes(positions: list[Placed]) -> dict[int, str]:
    """A file's jabatan code when no other jabatan of the OPD has it, else J001, J002 …"""
    given: dict[str, int] = {}
    for p in positions:
        if p.code:
            given[key(p.code)] = given.get(key(p.code), 0) + 1
    out: dict[int, str] = {}
    taken = {key(p.code) for p in positions if p.code and given[key(p.code)] == 1}
    n = 0
    for p in positions:
        if p.code and given[key(p.code)] == 1:
            out[id(p)] = p.code
            continue
        n += 1
        while key(f"J{n:03d}") in taken:
            n += 1
        out[id(p)] = f"J{n:03d}"
    return out


def _positions(positions: list[Placed], codes: dict[int, str]) -> pd.DataFrame:
    def nums(values: list) -> np.ndarray:
        return np.asarray([np.nan if v is None else float(v) for v in values], dtype="float64")

    return pd.DataFrame({
        "row": np.asarray([p.where.row or 0 for p in positions], dtype="int64"),
        "code": [codes[id(p)] for p in positions],
        "name": [p.name for p in positions],
        "unit": [p.node.code for p in positions],
        "kind": [p.kind for p in positions],
        "grade": nums([p.grade for p in positions]),
        "existing": nums([p.existing for p in positions]),
        "retiring": nums([p.retiring for p in positions]),
    })
