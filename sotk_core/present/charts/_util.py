"""Frame helpers shared by the figure builders (labels, hover text, filters)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from sotk_core.base.fmt import fmt_num
from sotk_core.present.charts.theme import unique_labels, wrap
from sotk_core.present.safe import plotly_data


def column_or(frame: pd.DataFrame, *names: str) -> str:
    """The first of `names` that is a column of `frame` (KeyError naming them otherwise)."""
    for n in names:
        if n in frame.columns:
            return n
    raise KeyError(f"Kolom tidak ditemukan: salah satu dari {', '.join(names)}")


def axis_labels(frame: pd.DataFrame, label: str | None, fallback: str = "opd", width: int = 28,
                mapping: Mapping[str, str] | None = None) -> list[str]:
    """Category labels: `mapping[fallback value]`, else the `label` column when filled, else
    the `fallback` column; wrapped to two lines and made unique."""
    base = frame[fallback].astype(object).tolist() if fallback in frame.columns else [""] * len(frame)
    if mapping is not None:
        chosen = [mapping.get(str(b), b) for b in base]
    elif label and label in frame.columns:
        chosen = [lab if isinstance(lab, str) and lab.strip() else b
                  for lab, b in zip(frame[label].astype(object).tolist(), base, strict=True)]
    else:
        chosen = base
    return unique_labels([wrap(c, width) for c in chosen])


def hover(title: Iterable[object], rows: Sequence[tuple[str, Iterable[str]]]) -> list[str]:
    """Hover text per point: bold title then 'label: value' lines (values pre-formatted)."""
    columns = [list(values) for _, values in rows]
    out = []
    for i, t in enumerate(title):
        lines = [f"<b>{plotly_data(t)}</b>"] + [
            f"{name}: {plotly_data(col[i])}" for (name, _), col in zip(rows, columns, strict=True)]
        out.append("<br>".join(lines))
    return out


HOVER = "%{hovertext}<extra></extra>"


def fmts(values: Iterable[object], decimals: int = 0, unit: str = "") -> list[str]:
    return [fmt_num(v, decimals, unit) for v in values]


def for_opd(frame: pd.DataFrame, opd: str | None) -> pd.DataFrame:
    """Rows of one OPD (all rows when `opd` is None)."""
    if opd is None:
        return frame
    return frame.loc[frame["opd"] == opd]


def subtree_codes(units: pd.DataFrame, opd: str, code: str) -> set[str]:
    """The unit `code` of `opd` and the codes of every unit below it."""
    own = units.loc[units["opd"] == opd]
    children: dict[str, list[str]] = {}
    for c, p in zip(own["code"].astype(str), own["parent"].astype(object), strict=True):
        if isinstance(p, str):
            children.setdefault(p, []).append(c)
    found, stack = set(), [str(code)]
    while stack:
        c = stack.pop()
        if c not in found:
            found.add(c)
            stack.extend(children.get(c, []))
    return found


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A 1-2-5 tick step giving about `target_ticks` ticks over `span`."""
    if span <= 0 or math.isnan(span):
        return 1.0
    raw = span / target_ticks
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return float(m * mag)
    return float(10 * mag)
