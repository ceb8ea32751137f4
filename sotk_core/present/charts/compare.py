"""Baseline vs scenario (what-if) comparisons, readable without colour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sotk_core.base.texts import BASE_NAME, SCENARIO_NAME
from sotk_core.present.charts._util import HOVER, axis_labels, column_or, hover
from sotk_core.present.charts.theme import (
    EXISTING_COLOR,
    NEED_COLOR,
    PATTERN,
    apply_theme,
    num_labels,
    rows_height,
    value_range,
)

MINUS = "\u2212"  # typographic minus sign


def _with_change(value_text: str, delta: float, decimals: int) -> str:
    """"14 (+2)", "14 (−2)" (U+2212 minus); the value alone when the change rounds to zero
    at `decimals` or is unknown."""
    d = num_labels([delta], decimals, signed=True)[0]
    if d == "–" or not any(c.isdigit() and c != "0" for c in d):
        return value_text
    return f"{value_text} ({d.replace('-', MINUS, 1)})"


def compare_bars(frame: pd.DataFrame, label_col: str, base_col: str, scen_col: str,
                 title: str, *, decimals: int = 0, unit: str = "orang",
                 x_title: str | None = None) -> go.Figure:
    """Grouped horizontal bars per row: "Saat ini" (solid blue) above "Simulasi" (orange with
    a '/' pattern, so the two differ without colour). Each bar carries its value; the scenario
    label adds the change, e.g. "14 (+2)" or "14 (−2)" (none when it rounds to 0). Rows keep the frame's order, the first on top.

    frame: one row per item (OPD, unit, position) with `label_col`, `base_col`, `scen_col`.
    """
    key = column_or(frame, label_col, "opd", "name")
    labels = axis_labels(frame, label_col, fallback=key)[::-1]
    base = frame[base_col].to_numpy(dtype="float64")[::-1]
    scen = frame[scen_col].to_numpy(dtype="float64")[::-1]
    delta = scen - base
    scen_text = [_with_change(s, d, decimals) for s, d in
                 zip(num_labels(scen, decimals), delta, strict=True)]
    suffix = f" ({unit})" if unit else ""
    text = hover(frame[key].astype(str).tolist()[::-1],
                 [(BASE_NAME, num_labels(base, decimals, unit)),
                  (SCENARIO_NAME, num_labels(scen, decimals, unit)),
                  ("Perubahan", num_labels(delta, decimals, unit, signed=True))])
    fig = go.Figure()
    # the first trace of a horizontal group is drawn lowest: scenario first, baseline on top
    fig.add_bar(y=labels, x=scen, orientation="h", name=SCENARIO_NAME + suffix,
                marker={"color": NEED_COLOR, "pattern": PATTERN},
                text=scen_text, textposition="outside", hovertext=text, hovertemplate=HOVER)
    fig.add_bar(y=labels, x=base, orientation="h", name=BASE_NAME + suffix,
                marker_color=EXISTING_COLOR, text=num_labels(base, decimals),
                textposition="outside", hovertext=text, hovertemplate=HOVER)
    top = float(np.nanmax(np.concatenate([base, scen, [0.0]])))
    fig.update_layout(title=title, barmode="group", bargroupgap=0.05,
                      legend={"traceorder": "reversed"})
    low = float(np.nanmin(np.concatenate([base, scen, [0.0]])))
    fig.update_xaxes(title=x_title or (unit.capitalize() if unit else ""), showgrid=True,
                     range=value_range(top, 0.25) if low >= 0 else None)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    return apply_theme(fig, rows_height(len(labels), row=58))
