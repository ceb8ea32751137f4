"""Rounds over time: one line per measure across the rounds (sotk_core.model.rounds)."""

from __future__ import annotations

import plotly.graph_objects as go

from sotk_core.base.fmt import fmt_num
from sotk_core.model.rounds import RoundTrend
from sotk_core.present.charts.theme import PALETTE, apply_theme

MEASURES: dict[str, tuple[str, int]] = {  # column: (axis title, decimals)
    "eu": ("EU", 2),
    "maturity_total": ("Kematangan (nilai 11–55)", 0),
    "maturity_mean": ("Kematangan rata-rata (nilai 11–55)", 1),
    "need": ("Kebutuhan (orang)", 0),
    "existing": ("Pegawai ada (orang)", 0),
    "surplus": ("Kelebihan (orang)", 0),
    "shortage": ("Kekurangan (orang)", 0),
}


def trend_figure(trend: RoundTrend, measures: tuple[str, ...], opd: str | None = None,
                 title: str | None = None) -> go.Figure:
    """One line per measure (keys of MEASURES) over the rounds, for the city (opd None) or
    one OPD; each point labelled with its value."""
    frame = trend.city if opd is None else trend.for_opd(opd)
    fig = go.Figure()
    for i, m in enumerate(measures):
        if m not in frame.columns:
            continue
        name, decimals = MEASURES[m]
        values = frame[m].astype("float64")
        fig.add_trace(go.Scatter(
            x=frame["round"].astype(str).tolist(), y=values.tolist(), name=name,
            mode="lines+markers+text", line={"color": PALETTE[i % len(PALETTE)], "width": 3},
            text=["" if v != v else fmt_num(v, decimals) for v in values],
            textposition="top center", hovertemplate=f"{name}: %{{text}}<extra>%{{x}}</extra>"))
    fig.update_layout(title=title or f"Tren per putaran · {opd or 'seluruh kota'}",
                      xaxis_title="Putaran", xaxis_type="category",
                      legend={"orientation": "h", "y": -0.2})
    return apply_theme(fig)
