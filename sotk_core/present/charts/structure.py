"""Structure (SOTK) figures: span-of-control buckets (domain.md §4)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from sotk_core.base.fmt import fmt_pct
from sotk_core.present.charts.theme import BLUE, apply_theme


def span_buckets(span: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Heads per span bucket (0, 1, 2–3, 4–7, 8–12, 13+) as counts with their shares.

    span: `StructureResult.span_city` or one OPD's rows of `span_buckets` (bucket, heads, share).
    """
    fig = go.Figure()
    labels = [f"{int(h)} ({fmt_pct(s)})" if h else "0" for h, s in zip(span["heads"],
                                                                       span["share"], strict=True)]
    fig.add_bar(x=span["bucket"].astype(str).tolist(), y=span["heads"].tolist(), marker_color=BLUE,
                text=labels, textposition="outside", cliponaxis=False,
                hovertemplate="Rentang %{x}: %{y} kepala unit<extra></extra>")
    top = float(span["heads"].max() or 1)
    # short title (fits a 790 px column); the detail is on the x axis title
    fig.update_layout(title=title or "Rentang kendali per kepala unit", showlegend=False)
    fig.update_xaxes(title="Jumlah bawahan langsung (unit + pegawai) per kepala unit",
                     type="category")
    fig.update_yaxes(title="Kepala unit (orang)", range=[0, top * 1.25])
    return apply_theme(fig, 520)
