"""Kematangan organisasi (domain.md §2) and kelembagaan (§3) figures."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.base.texts import AXIS_MATURITY_TOTAL, TITLE_MATURITY_RANKING
from sotk_core.model.kelembagaan import RANKS, rank_of
from sotk_core.model.maturity import VARIABLES, maturity_category
from sotk_core.present.charts._util import HOVER, axis_labels, column_or, fmts, hover
from sotk_core.present.charts.theme import (
    BLACK,
    BLUE,
    LEVEL_COLORS,
    MATURITY_COLORS,
    MUTED_COLOR,
    ORANGE,
    RANK_COLORS,
    SIZES,
    TEXT_COLOR,
    apply_theme,
    num_labels,
    rows_height,
    wrap,
)

MIN_TOTAL, MAX_TOTAL = 11.0, 55.0
VARIABLE_LABELS: dict[int, str] = {v.number: f"{v.roman} {v.short}" for v in VARIABLES}


BAND_ROW = 26  # px between the two rows of category labels


def _band_rects(fig: go.Figure, bands: list[tuple[str, float, float, str]]) -> None:
    """Shaded vertical bands (label, x0, x1, colour) labelled above the plot, one line each,
    neighbours on alternate rows: a label has two bands' width of room, so "Sangat Rendah",
    "Rendah" and "Sedang" never run into each other on a narrow (projector, sidebar) plot."""
    for k, (label, x0, x1, color) in enumerate(bands):
        fig.add_vrect(x0=x0, x1=x1, fillcolor=color, opacity=0.16, line_width=0, layer="below")
        fig.add_annotation(x=(x0 + x1) / 2, xref="x", y=1.0, yref="paper", yanchor="bottom",
                           text=label, showarrow=False, yshift=BAND_ROW if k % 2 else 2,
                           font={"size": SIZES["annotation"], "color": TEXT_COLOR})


def _mean_line(fig: go.Figure, mean: float, text: str, n_rows: int) -> None:
    """Dashed line at the mean, labelled in an empty lane under the lowest bar (the y range
    is extended by one row) on the side of the line with more room."""
    fig.add_vline(mean, line={"color": BLACK, "width": 3, "dash": "dash"}, layer="above")
    right = mean <= (MIN_TOTAL + MAX_TOTAL) / 2
    fig.add_annotation(x=mean, xref="x", y=-1, yref="y", yanchor="middle",
                       xanchor="left" if right else "right",
                       text=f" {text}" if right else f"{text} ", showarrow=False,
                       font={"size": SIZES["annotation"], "color": TEXT_COLOR})
    fig.update_yaxes(range=[-1.6, n_rows - 0.5])


def maturity_ranking(opds: pd.DataFrame, settings: Settings | None = None,
                     city_mean: float | None = None, *, label: str = "abbr",
                     title: str | None = None) -> go.Figure:
    """Maturity total (11–55) per OPD, highest on top, bars coloured by category, with the
    category bands shaded and labelled (11–19 Sangat Rendah … 46–55 Sangat Tinggi) and the
    city mean as a dashed line ("Rata-rata kota 40,07"; mean of the OPD totals, domain.md §2).

    opds: `Evaluation.opds` (maturity_total) or `MaturityResult.opd` (total); OPDs without a
    maturity sheet are left out. city_mean: `MaturityResult.city_mean` (default: the mean of
    the totals shown).
    """
    st = settings or Settings()
    col = column_or(opds, "maturity_total", "total")
    df = opds.loc[opds[col].notna()].sort_values(col, kind="stable")
    totals = df[col].to_numpy(dtype="float64")
    cats = [maturity_category(t, st) for t in totals]
    labels = axis_labels(df, label)
    text = hover(df["opd"], [("Total", fmts(totals, 0)), ("Kategori", cats)])
    mean = None
    if city_mean is not None or len(totals):
        mean = float(city_mean) if city_mean is not None else float(totals.mean())
    # a bar ending just left of the mean line would have its outside label crossed by the
    # line: that label goes inside the bar end (room ≈ one label width, 0,09 × the axis span)
    room = 0.09 * (MAX_TOTAL + 3 - MIN_TOTAL)
    where = ["inside" if mean is not None and mean - room <= t <= mean else "outside"
             for t in totals]
    fig = go.Figure(go.Bar(
        y=labels, x=totals, orientation="h", marker_color=[MATURITY_COLORS[c] for c in cats],
        text=num_labels(totals), textposition=where, insidetextanchor="end",
        hovertext=text, hovertemplate=HOVER, showlegend=False))
    lower = MIN_TOTAL
    bands = []
    for name, upper in st.maturity_bands:
        bands.append((name, lower, upper, MATURITY_COLORS.get(name, MUTED_COLOR)))
        lower = upper
    _band_rects(fig, bands)
    if mean is not None:
        _mean_line(fig, mean, f"Rata-rata kota {fmt_num(mean, 2)} ({maturity_category(mean, st)})",
                   len(labels))
    fig.update_layout(title=title or TITLE_MATURITY_RANKING)
    fig.update_xaxes(title=AXIS_MATURITY_TOTAL, range=[MIN_TOTAL, MAX_TOTAL + 3],
                     tickvals=[MIN_TOTAL] + [u for _, u in st.maturity_bands], showgrid=False)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig = apply_theme(fig, rows_height(len(labels) + 1, extra=260))
    fig.update_layout(margin={"t": 140})
    return fig


def _pack(items: list[str], width: int) -> str:
    """Items joined by ' · ' into lines of at most `width` characters, never split."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    return "<br>".join(lines)


def _level_text(level: float) -> str:
    return "–" if pd.isna(level) else fmt_num(level, 0)


def maturity_heatmap(levels: pd.DataFrame, *, opd_labels: Mapping[str, str] | None = None,
                     column: str = "level", title: str | None = None) -> go.Figure:
    """OPD × variable (I–XI) heat map of the level 1–5 in force (verified, else self-assessed),
    numbers written in the cells, a 5-step sequential blue scale (light = low); OPDs sorted
    by total, highest on top.

    levels: `MaturityResult.levels`; opd_labels: optional opd -> axis label (e.g. abbr);
    column: "level", "self_level" or "verified_level".
    """
    piv = levels.pivot_table(index="opd", columns="variable", values=column, aggfunc="first")
    piv = piv.reindex(columns=[v.number for v in VARIABLES])
    order = piv.sum(axis=1).sort_values(kind="stable").index
    piv = piv.loc[order]
    frame = pd.DataFrame({"opd": piv.index.astype(str)})
    ylabels = axis_labels(frame, None, mapping=opd_labels)
    # columns are too narrow for names at 18 px: Roman numerals on the axis, names in a key
    xlabels = [f"<b>{v.roman}</b>" for v in VARIABLES]
    # 40 characters a line: the key starts at the plot's left edge and must fit a 650 px
    # chart (1024 px screen with the sidebar open)
    key = _pack([VARIABLE_LABELS[v.number] for v in VARIABLES], 40)
    z = piv.to_numpy(dtype="float64")
    n = len(LEVEL_COLORS)
    scale = []
    for i, c in enumerate(LEVEL_COLORS):
        scale += [[i / n, c], [(i + 1) / n, c]]
    names = {v.number: v.name for v in VARIABLES}
    htext = [[f"<b>{o}</b><br>{VARIABLES[j].roman} {names[j + 1]}<br>Tingkat: {_level_text(z[i, j])}"
              for j in range(z.shape[1])] for i, o in enumerate(piv.index)]
    fig = go.Figure(go.Heatmap(
        z=z, x=xlabels, y=ylabels, zmin=0.5, zmax=5.5, colorscale=scale, showscale=False,
        text=[[_level_text(v) for v in row] for row in z], texttemplate="%{text}",
        hovertext=htext, hovertemplate=HOVER, xgap=2, ygap=2,
        textfont={"size": SIZES["label"] + 2},  # colour: plotly picks dark or white per cell
    ))
    fig.update_layout(title=title or "Tingkat kematangan per variabel (1–5)")
    fig.add_annotation(text=key, x=0, xref="paper", xanchor="left", y=0,
                       yref="paper", yanchor="top", yshift=-12, showarrow=False, align="left",
                       font={"size": SIZES["annotation"], "color": TEXT_COLOR})
    fig.update_xaxes(side="top", showline=False, ticks="", tickangle=0)
    fig.update_yaxes(showline=False, ticks="", categoryorder="array", categoryarray=ylabels)
    fig = apply_theme(fig, rows_height(len(ylabels), row=44, extra=300))
    fig.update_layout(margin={"t": 120, "b": 40 + 26 * (key.count("<br>") + 1)})
    return fig


def maturity_radar(levels: pd.DataFrame, opd: str,
                   city_mean_levels: pd.Series | Mapping[int, float] | None = None, *,
                   title: str | None = None) -> go.Figure:
    """Radar of one OPD's level per variable (solid, filled) against the city mean per
    variable (dashed); levels 0–5 on the radius.

    levels: `MaturityResult.levels`; city_mean_levels: variable number -> mean level
    (default: the mean over every OPD in `levels`).
    """
    own = levels.loc[levels["opd"] == opd].set_index("variable")["level"]
    if city_mean_levels is None:
        city_mean_levels = levels.groupby("variable")["level"].mean()
    mean = pd.Series(dict(city_mean_levels)) if not isinstance(city_mean_levels, pd.Series) \
        else city_mean_levels
    nums = [v.number for v in VARIABLES]
    # short angular labels on two lines of ≤ 14 characters ("IX Pengukuran" / "Kinerja"),
    # numeral in bold, so neighbours never meet even in a narrow column
    short = {v.number: v.short for v in VARIABLES}
    roman = {v.number: v.roman for v in VARIABLES}
    theta = [wrap(f"{roman[n]} {short[n]}", 14, 2).replace(roman[n], f"<b>{roman[n]}</b>", 1)
             for n in nums]
    own_v = [float(own.get(n, np.nan)) for n in nums]
    mean_v = [float(mean.get(n, np.nan)) for n in nums]
    fig = go.Figure()
    fig.add_scatterpolar(r=mean_v + mean_v[:1], theta=theta + theta[:1], name="Rata-rata kota",
                         mode="lines", line={"color": BLACK, "width": 3, "dash": "dash"},
                         hovertext=[f"Rata-rata kota: {fmt_num(v, 2)}" for v in mean_v] * 2,
                         hovertemplate=HOVER)
    fig.add_scatterpolar(r=own_v + own_v[:1], theta=theta + theta[:1], name=opd,
                         mode="lines+markers+text", fill="toself",
                         line={"color": BLUE, "width": 3}, marker={"size": 10},
                         fillcolor="rgba(0,114,178,0.18)",
                         text=[_level_text(v) for v in own_v] + [""], textposition="top center",
                         hovertext=[f"{opd}: {_level_text(v)}" for v in own_v] * 2,
                         hovertemplate=HOVER)
    fig.update_layout(
        # short title (the column can be narrow): the OPD goes on the subtitle's first line
        title={"text": title or "Profil kematangan",
               "subtitle": {"text": f"{wrap(opd, 40, 2)}<br>Lingkaran = tingkat 1 (tengah) "
                                    "sampai 5 (tepi)"}},
        # every point carries its level, so the radial tick labels (which would collide
        # with them) are hidden; the circles mark levels 1-5
        polar={"radialaxis": {"range": [0, 5.3], "tickvals": [1, 2, 3, 4, 5],
                              "showticklabels": False, "showline": False, "ticks": "",
                              "showgrid": True, "gridcolor": "#bdbdbd"},
               "angularaxis": {"direction": "clockwise", "rotation": 90, "showgrid": True,
                               "gridcolor": "#d9d9d9"}},
        legend={"y": 0.0, "yanchor": "bottom", "yref": "container"},
        margin={"l": 130, "r": 130, "t": 140, "b": 100},
    )
    return apply_theme(fig, 640)


def self_vs_verified(levels: pd.DataFrame, *, opd_labels: Mapping[str, str] | None = None,
                     title: str | None = None) -> go.Figure:
    """Dumbbell per OPD: self-assessed total (open circle) vs verified total (filled diamond),
    joined by a line and labelled with the gap (mandiri − verifikasi); largest gap on top.
    OPDs without any verified level show the self-assessed total only.

    levels: `MaturityResult.levels` (self_level, verified_level).
    """
    g = levels.groupby("opd", sort=False)
    df = pd.DataFrame({
        "self": g["self_level"].sum(min_count=1),
        "verified": g["verified_level"].sum(min_count=1),
    }).rename_axis("opd").reset_index()
    df["gap"] = df["self"] - df["verified"]
    df = df.sort_values(["gap", "self"], kind="stable", na_position="first")
    labels = axis_labels(df, None, mapping=opd_labels)
    fig = go.Figure()
    for y, a, b in zip(labels, df["self"], df["verified"], strict=True):
        if not (pd.isna(a) or pd.isna(b)):
            fig.add_scatter(x=[a, b], y=[y, y], mode="lines", showlegend=False, hoverinfo="skip",
                            line={"color": MUTED_COLOR, "width": 4})
    text = hover(df["opd"], [("Mandiri", fmts(df["self"], 0)),
                             ("Verifikasi", fmts(df["verified"], 0)),
                             ("Selisih", num_labels(df["gap"], 0, signed=True))])
    fig.add_scatter(x=df["verified"], y=labels, mode="markers", name="Hasil verifikasi",
                    marker={"symbol": "diamond", "size": 20, "color": BLUE,
                            "line": {"color": TEXT_COLOR, "width": 1}},
                    hovertext=text, hovertemplate=HOVER)
    fig.add_scatter(x=df["self"], y=labels, mode="markers+text", name="Penilaian mandiri",
                    marker={"symbol": "circle", "size": 20, "color": "white",
                            "line": {"width": 4, "color": ORANGE}},
                    text=[f"  {t}" if t != "–" else "" for t in num_labels(df["gap"], 0,
                                                                          signed=True)],
                    textposition="middle right", hovertext=text, hovertemplate=HOVER)
    fig.update_layout(title={"text": title or "Penilaian mandiri vs hasil verifikasi (total "
                                     "11–55)",
                             "subtitle": {"text": "Angka = selisih mandiri − verifikasi"}})
    fig.update_xaxes(title=AXIS_MATURITY_TOTAL, range=[MIN_TOTAL, MAX_TOTAL + 4],
                     showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, showgrid=True)
    fig = apply_theme(fig, rows_height(len(labels), extra=260))
    fig.update_layout(margin={"t": 150})
    return fig


def kelembagaan_bars(kel: pd.DataFrame, *, label: str = "abbr",
                     title: str | None = None) -> go.Figure:
    """Kelembagaan score (0–100) per OPD, highest on top, bars coloured by rank, with the rank
    bands P-1 … P-5 (≤20, >20, >40, >60, >80; PermenPANRB 20/2018) shaded and labelled.

    kel: `Evaluation.kelembagaan` (total, rank) or `Evaluation.opds` (kelembagaan_total);
    OPDs without a questionnaire are left out.
    """
    col = column_or(kel, "kelembagaan_total", "total")
    df = kel.loc[kel[col].notna()].sort_values(col, kind="stable")
    totals = df[col].to_numpy(dtype="float64")
    ranks = [rank_of(t) for t in totals]
    labels = axis_labels(df, label)
    text = hover(df["opd"], [("Skor", fmts(totals, 2)),
                             ("Peringkat", [f"{r} ({lab})" for r, lab in ranks])])
    fig = go.Figure(go.Bar(
        y=labels, x=totals, orientation="h", marker_color=[RANK_COLORS[r] for r, _ in ranks],
        text=[f"{v} · {r}" for v, (r, _) in zip(num_labels(totals, 2), ranks, strict=True)],
        textposition="auto", insidetextanchor="end", constraintext="none", hovertext=text,
        hovertemplate=HOVER, showlegend=False))
    bounds = sorted(((lo if np.isfinite(lo) else 0.0), r, lab) for r, lo, lab in RANKS)
    bands = [(f"{r} {lab}", lo, (bounds[i + 1][0] if i + 1 < len(bounds) else 100.0),
              RANK_COLORS[r]) for i, (lo, r, lab) in enumerate(bounds)]
    for name, x0, x1, color in bands:
        fig.add_vrect(x0=x0, x1=x1, fillcolor=color, opacity=0.16, line_width=0, layer="below")
        # only the short rank on the plot (20 points are too narrow for the words); the
        # subtitle explains each rank
        fig.add_annotation(x=(x0 + x1) / 2, xref="x", y=1.0, yref="paper", yanchor="bottom",
                           text=name.split(" ", 1)[0], showarrow=False,
                           font={"size": SIZES["annotation"], "color": TEXT_COLOR})
    key = _pack([f"{name.split(' ', 1)[0]} {name.split(' ', 1)[1].lower()} "
                 f"({'≤' if i == 0 else '>'}{fmt_num(x1 if i == 0 else x0, 0)})"
                 for i, (name, x0, x1, _) in enumerate(bands)], 58)
    fig.update_layout(title={"text": title or "Evaluasi kelembagaan per OPD (skor 0–100)",
                             "subtitle": {"text": key}})
    fig.update_xaxes(title="Skor kelembagaan", range=[0, 112], tickvals=[0, 20, 40, 60, 80, 100],
                     showgrid=False)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig = apply_theme(fig, rows_height(len(labels), extra=260))
    fig.update_layout(margin={"t": 150})
    return fig
