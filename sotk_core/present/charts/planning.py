"""Figures of the planning views: formasi per OPD and retirements per year, like units beside
their group median, same-name positions, and the maturity × workload plane."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.labels import QUADRANT_LABELS
from sotk_core.base.settings import Settings
from sotk_core.model.like_units import OUTLIER_SHARE
from sotk_core.model.quadrant import idle_line, mature_line, overload_line
from sotk_core.present.charts._util import HOVER, axis_labels, fmts, hover
from sotk_core.present.charts.theme import (
    BLACK,
    BLUE,
    BLUISH_GREEN,
    GREY,
    MUTED_COLOR,
    ORANGE,
    SIZES,
    SKY_BLUE,
    TEXT_COLOR,
    VERMILLION,
    add_band_lines,
    apply_theme,
    band_axis_end,
    band_label_positions,
    note,
    num_labels,
    rows_height,
    value_range,
    wrap,
)

REDISTRIBUTION_COLOR = BLUE
NEW_FORMASI_COLOR = ORANGE
OUTLIER_COLOR = VERMILLION
MEMBER_COLOR = SKY_BLUE
LABEL_BACKING = "rgba(255,255,255,0.85)"  # a point label stays readable over a line
QUADRANT_COLORS = {"matang_berlebih": ORANGE, "belum_berlebih": VERMILLION,
                   "matang_terkendali": BLUISH_GREEN, "belum_terkendali": BLUE}


# ---- formasi ------------------------------------------------------------------------------


FORMASI_BARS = 15  # OPD drawn at most: 15 rows and the legend fit a 1024×768 screen


def lacking_most(opds: pd.DataFrame, top: int) -> pd.DataFrame:
    """The `top` OPD that lack the most staff in five years (file order among equals)."""
    lacking = opds.loc[opds["formasi"] > 0]
    return lacking.sort_values("formasi", ascending=False, kind="stable").iloc[:top]


def formasi_bars(opds: pd.DataFrame, years: str, *, title: str | None = None,
                 top: int | None = None) -> go.Figure:
    """Per OPD the staff it lacks in five years, split into what spare staff of the same OPD
    can cover (dari redistribusi) and the proposed new formasi; OPDs lacking nobody left out,
    the largest on top. At most `top` OPD (default FORMASI_BARS), those lacking the most; the
    subtitle then says how many of how many are shown. opds: `planning.formasi_opd_view`."""
    limit = FORMASI_BARS if top is None else top
    lacking = int((opds["formasi"] > 0).sum())
    df = lacking_most(opds, limit).sort_values(["formasi", "new_formasi"], kind="stable")
    labels = axis_labels(df, "abbr")
    text = hover(df["opd"], [("Kebutuhan ABK", fmts(df["need"], 0, "orang")),
                             ("Bezetting", fmts(df["existing"], 0, "orang")),
                             (f"Pensiun {years}", fmts(df["retiring"], 0, "orang")),
                             ("Kurang", fmts(df["formasi"], 0, "orang")),
                             ("Dari redistribusi", fmts(df["redistributed_in"], 0, "orang")),
                             ("Usulan formasi baru", fmts(df["new_formasi"], 0, "orang"))])
    fig = go.Figure()
    for col, name, color in (("redistributed_in", "Dari redistribusi (orang)",
                              REDISTRIBUTION_COLOR),
                             ("new_formasi", "Usulan formasi baru (orang)", NEW_FORMASI_COLOR)):
        values = df[col]
        fig.add_bar(y=labels, x=values.to_numpy(), orientation="h", name=name,
                    marker_color=color, textposition="inside", insidetextanchor="middle",
                    textangle=0, hovertext=text, hovertemplate=HOVER,
                    text=[t if v else "" for t, v in zip(num_labels(values), values,
                                                         strict=True)])
    top = float(df["formasi"].max()) if len(df) else 1.0
    fig.add_scatter(y=labels, x=df["formasi"].to_numpy(), mode="text",
                    text=[f"  {v}" for v in num_labels(df["formasi"])], textposition="middle right",
                    showlegend=False, hoverinfo="skip")
    subtitle = ("Kurang = kebutuhan ABK − (bezetting − pensiun).<br>Pegawai lebih di OPD yang "
                "sama ditawarkan lebih dulu.")
    if lacking > limit:  # 40 OPD were 2.000 px
        subtitle = (f"Menampilkan {fmt_num(limit)} OPD dengan kekurangan terbesar dari "
                    f"{fmt_num(lacking)}; semua OPD ada di tabel Semua OPD.<br>{subtitle}")
    fig.update_layout(title={"text": title or f"Kebutuhan formasi per OPD, {years}",
                             "subtitle": {"text": subtitle}},
                      barmode="stack", legend={"traceorder": "normal", "y": 0.0,
                                               "yanchor": "bottom", "yref": "container"})
    fig.update_xaxes(title="Orang", range=value_range(top, 0.2), showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    if not len(df):
        note(fig, "Tidak ada OPD yang kekurangan pegawai dalam lima tahun.")
    fig = apply_theme(fig, rows_height(len(labels), row=44, extra=300))
    fig.update_layout(margin={"b": 130})
    return fig


def retirement_years(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """Retirements per plan year, and those known only as a five-year total (grey).
    frame: `planning.retirements_by_year`."""
    colors = [GREY if not str(y).isdigit() else BLUE for y in frame["year"]]
    names = [str(y) if str(y).isdigit() else wrap(y, 6) for y in frame["year"]]
    fig = go.Figure(go.Bar(x=names, y=frame["count"], marker_color=colors,
                           text=num_labels(frame["count"]), textposition="outside",
                           hovertemplate="%{x}: %{y} orang<extra></extra>", showlegend=False))
    fig.update_layout(title={"text": title, "subtitle": {
        "text": "Abu-abu: hanya jumlah lima tahunnya yang diketahui<br>(kolom Pensiun 5 Tahun, "
                "tanpa sheet Pensiun)"}})
    fig.update_xaxes(type="category", title="", tickangle=0)
    fig.update_yaxes(title="Orang", range=value_range(float(frame["count"].max() or 1), 0.25),
                     showgrid=True, dtick=max(1, int(np.ceil((frame["count"].max() or 1) / 6))))
    return apply_theme(fig, 460)


# ---- like units ---------------------------------------------------------------------------


def like_unit_bars(members: pd.DataFrame, settings: Settings | None = None, *,
                   title: str | None = None, outlier_share: float = OUTLIER_SHARE
                   ) -> go.Figure:
    """EU of each member of one group, the group median as a dashed line, outliers in
    vermillion with their distance from the median ("1,39 · +0,48"); highest EU on top.
    members: the group's rows of `LikeUnitsResult.members`; outlier_share: the share of the
    median that made an outlier (for the legend)."""
    df = members.loc[members["measured"]].sort_values("eu2", kind="stable")
    labels = axis_labels(df, "short", fallback="short", width=24)
    median = float(df["eu2_median"].iloc[0]) if len(df) else float("nan")
    text = [f"{fmt_num(e, 2)} · {'+' if d > 0 else '−'}{fmt_num(abs(d), 2)}" if o
            else fmt_num(e, 2)
            for e, d, o in zip(df["eu2"], df["eu2_distance"], df["outlier"], strict=True)]
    tips = hover(df["label"], [
        ("EU", fmts(df["eu2"], 2)), ("Selisih dari median", [
            f"{'+' if d >= 0 else '−'}{fmt_num(abs(d), 2)} ({fmt_pct(abs(r))})"
            for d, r in zip(df["eu2_distance"], df["eu2_relative"], strict=True)]),
        ("Jam kerja/orang", fmts(df["hours_per_head"], 0, "jam")),
        ("Kebutuhan per orang", fmts(df["need_per_head"], 2)),
        ("Di luar rentang seimbang", [fmt_pct(v) for v in df["share_outside"]]),
        ("Pegawai ada", fmts(df["existing"], 0, "orang"))])
    colors = [OUTLIER_COLOR if o else MEMBER_COLOR for o in df["outlier"]]
    values = df["eu2"].to_numpy(dtype="float64")
    top = float(values.max()) if len(values) else 1.0
    # an outlier's longer label ("1,39 · +0,48") sits right of its bar: more room there
    x_range = value_range(max(top, band_axis_end(settings)),
                          headroom=0.45 if df["outlier"].any() else 0.3)
    # a label that would cross the median line or a band line goes inside the bar end
    where = band_label_positions(values, settings, x_range[1] - x_range[0])
    room = 0.16 * (x_range[1] - x_range[0])
    where = ["inside" if median - room <= v <= median and v > 0 else w
             for v, w in zip(values, where, strict=True)]
    fig = go.Figure(go.Bar(y=labels, x=values, orientation="h", marker_color=colors,
                           text=text, textposition=where, insidetextanchor="end",
                           hovertext=tips, hovertemplate=HOVER, showlegend=False))
    share = fmt_num(outlier_share * 100)
    for name, color in ((f"Pencilan (≥ {share} % dari median)", OUTLIER_COLOR),
                        ("Anggota kelompok", MEMBER_COLOR)):
        fig.add_scatter(x=[None], y=[None], mode="markers", name=name,
                        marker={"size": 16, "color": color, "symbol": "square"},
                        hoverinfo="skip")
    fig.update_layout(title=title or "EU unit sejenis", barmode="overlay",
                      legend={"y": 0.0, "yanchor": "bottom", "yref": "container"})
    fig.update_xaxes(title="EU = kebutuhan desimal ÷ pegawai ada", tickformat=".1f",
                     range=x_range, showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    add_band_lines(fig, settings)
    if not np.isnan(median):
        fig.add_vline(median, line={"color": BLACK, "width": 3, "dash": "longdash"},
                      layer="above")
        # the lowest bar lies left of the median: its row has room right of the line
        fig.add_annotation(x=median, xref="x", y=0, yref="paper", yanchor="bottom",
                           xanchor="left", xshift=6, text=f"median {fmt_num(median, 2)}",
                           showarrow=False, bgcolor="white",
                           font={"size": SIZES["annotation"], "color": TEXT_COLOR})
    fig = apply_theme(fig, rows_height(len(labels), row=46, extra=330))
    fig.update_layout(margin={"t": 150, "b": 150})
    return fig


def same_name_dots(position_members: pd.DataFrame, positions: pd.DataFrame,
                   settings: Settings | None = None, n: int = 8, *,
                   title: str | None = None) -> go.Figure:
    """EJ of same-name positions across the members of one group: one row per position (the
    `n` with the widest spread), one dot per member, the balanced band shaded."""
    st = settings or Settings()
    top = positions.iloc[:n]
    names = top["position"].astype(str).tolist()[::-1]
    spreads = top["spread"].tolist()[::-1]
    labels = [f"{wrap(x, 30, 1)}<br><span style='color:{MUTED_COLOR}'>rentang "
              f"{fmt_num(sp, 2)}</span>" for x, sp in zip(names, spreads, strict=True)]
    fig = go.Figure()
    pm = position_members.loc[position_members["position"].isin(names)]
    for name, label in zip(names, labels, strict=True):
        rows = pm.loc[pm["position"] == name]
        fig.add_scatter(x=rows["ej"], y=[label] * len(rows), mode="markers", showlegend=False,
                        marker={"size": 16, "color": BLUE, "line": {"color": "white", "width": 1}},
                        hovertext=[f"<b>{m}</b><br>EJ {fmt_num(e, 2)} · {fmt_num(x, 0)} orang"
                                   for m, e, x in zip(rows["member"], rows["ej"],
                                                      rows["existing"], strict=True)],
                        hovertemplate=HOVER)
    hi = float(top["ej_max"].max()) if len(top) else 1.0
    lo_bal, hi_bal = st.balanced_ej
    fig.add_vrect(lo_bal, hi_bal, fillcolor=BLUISH_GREEN, opacity=0.12, line_width=0,
                  layer="below")
    fig.add_vline(overload_line(st), line={"color": TEXT_COLOR, "width": 2, "dash": "dash"})
    fig.update_layout(title={"text": title or "Jabatan bernama sama di unit sejenis",
                             "subtitle": {"text": "Satu titik per unit; hijau muda: EJ "
                                                  f"{fmt_num(lo_bal, 2)}–{fmt_num(hi_bal, 2)}"}})
    fig.update_xaxes(title="EJ jabatan di unit itu",
                     range=[0, max(hi, band_axis_end(st)) * 1.1],
                     showgrid=True, tickformat=".1f")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, showgrid=True)
    if not len(top):
        note(fig, "Tidak ada jabatan bernama sama di dua unit atau lebih dalam kelompok ini.")
    return apply_theme(fig, rows_height(len(labels), row=62, extra=260))


# ---- maturity beside workload ---------------------------------------------------------------


PLANE_HEIGHT = 760  # px of the plane on screen: the OPD crowd around EU 0,9 needs the height
# plot areas (px) the point labels must fit at once: on screen the plot is 760 − 76 − 110 ≈
# 570 px tall (the title is drawn above the chart), 520 px wide on a small laptop with the
# sidebar open and about 1300 px on a full-HD screen; a label placed for both misses the
# other points on both
PLOT_PX: tuple[tuple[float, float], ...] = ((520.0, 570.0), (1300.0, 570.0))
Geometry = tuple[float, float] | Sequence[tuple[float, float]]


def _geometries(plot_px: Geometry) -> list[tuple[float, float]]:
    first = plot_px[0]
    if isinstance(first, int | float):
        return [(float(plot_px[0]), float(plot_px[1]))]  # type: ignore[arg-type]
    return [(float(w), float(h)) for w, h in plot_px]  # type: ignore[misc]


NARROW = set("iljtfrI.,:;|!' ()-")
WIDE = set("mwMW")


def text_width(text: str, font: float) -> float:
    """About how wide `text` is drawn in DejaVu Sans at `font` px (the charts' font): the
    narrow letters a third of the size, m/w nearly the whole size, other capitals 0,70,
    other letters and digits 0,62 (BKPSDM at 16 px: 71 px, Kec. Kota Lama: 124 px)."""
    em = sum(0.33 if c in NARROW else 0.95 if c in WIDE else 0.70 if c.isupper() else 0.62
             for c in text)
    return em * font


AMBIGUOUS = 400.0  # cost of a label nearer another point than its own (px² of overlap)


def _box_distance(box: tuple[float, float, float, float], x: float, y: float) -> float:
    return float(np.hypot(max(box[0] - x, 0.0, x - box[2]), max(box[1] - y, 0.0, y - box[3])))


def _closer_to_another(box: tuple[float, float, float, float], px: np.ndarray,
                       py: np.ndarray, own: int) -> bool:
    """Whether another point lies as near to the label box as its own point (+ 4 px)."""
    mine = _box_distance(box, px[own], py[own])
    return any(_box_distance(box, px[k], py[k]) < mine + 4
               for k in range(len(px)) if k != own)


def place_labels(x: np.ndarray, y: np.ndarray, texts: list[str], x_range: tuple[float, float],
                 y_range: tuple[float, float], font: int = 16,
                 plot_px: Geometry = PLOT_PX) -> list[tuple[float, float]]:
    """(xshift, yshift) in px per point label so labels miss each other and the markers in
    every plot area of `plot_px` (one (width, height) or several): for each point (most
    crowded first) the first free spot of above, below, right, left and the four corners,
    then the same spots two, three and four times as far (drawn with a leader line), else the
    spot overlapping least (summed over the plot areas). A spot of the first ring nearer
    another point than its own costs `AMBIGUOUS` (a reader would pin it on the wrong OPD)."""
    geoms = _geometries(plot_px)
    widths = [text_width(t, font) + 6 for t in texts]
    height = 1.2 * font
    r = 9.0  # marker radius
    pts = []
    for w_px, h_px in geoms:
        px = (np.asarray(x, float) - x_range[0]) / (x_range[1] - x_range[0]) * w_px
        py = (np.asarray(y, float) - y_range[0]) / (y_range[1] - y_range[0]) * h_px
        pts.append((px, py, w_px, h_px, [(a - r, b - r, a + r, b + r)
                                         for a, b in zip(px, py, strict=True)]))

    def overlap(box: tuple[float, float, float, float],
                boxes: list[tuple[float, float, float, float]]) -> float:
        total = 0.0
        for o in boxes:
            dx = min(box[2], o[2]) - max(box[0], o[0])
            dy = min(box[3], o[3]) - max(box[1], o[1])
            if dx > 0 and dy > 0:
                total += dx * dy
        return total

    px0, py0 = pts[0][0], pts[0][1]
    dist = np.hypot(px0[:, None] - px0[None, :], py0[:, None] - py0[None, :])
    crowd = (dist < 80).sum(axis=1)
    out: list[tuple[float, float]] = [(0.0, 0.0)] * len(texts)
    for i in sorted(range(len(texts)), key=lambda k: (-crowd[k], px0[k])):
        w, h = widths[i], height
        spots = []
        for k in (1.0, 2.2, 3.4, 4.6):
            up, side = k * (r + 2) + h / 2, k * (r + 4) + w / 2
            spots += [(0, up), (0, -up), (side, 0), (-side, 0), (side - r, up),
                      (-side + r, up), (side - r, -up), (-side + r, -up)]
        best, best_cost = spots[0], float("inf")
        for n, (dx, dy) in enumerate(spots):
            cost = 0.0
            for px, py, w_px, h_px, boxes in pts:
                cx, cy = px[i] + dx, py[i] + dy
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                cost += overlap(box, boxes)
                if n < 8 and _closer_to_another(box, px, py, i):
                    cost += AMBIGUOUS  # a label without a leader line next to another point
                if cx - w / 2 < 0 or cx + w / 2 > w_px or cy - h / 2 < 0 or cy + h / 2 > h_px:
                    cost += 1e6  # off the plot
            if cost < best_cost:
                best, best_cost = (dx, dy), cost
            if cost == 0:
                break
        for px, py, _, _, boxes in pts:
            cx, cy = px[i] + best[0], py[i] + best[1]
            boxes.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
        out[i] = (float(best[0]), float(best[1]))
    return out


def _near(shift: tuple[float, float], font: int, text: str) -> bool:
    """Whether a label sits next to its point, in the first ring of `place_labels` spots
    (else it gets a leader line)."""
    up, side = 9 + 2 + 0.6 * font, 9 + 4 + (text_width(text, font) + 6) / 2
    return abs(shift[1]) <= up + 0.5 and abs(shift[0]) <= side + 0.5


def maturity_workload_plane(view: pd.DataFrame, settings: Settings | None = None, *,
                            title: str | None = None, label_size: int | None = None,
                            plot_px: Geometry = PLOT_PX) -> go.Figure:
    """Every OPD at (maturity total, EU) with the maturity category bounds (dotted, ticks on
    the x axis) and the EU band lines; the mature and overloaded lines (dashed) split the four
    quadrants, named in their corners in their colour. view: `planning.quadrant_view` (OPDs
    without maturity or staff are left out, noted below). `label_size`, `plot_px`: the point
    label font size and plot area (px) the labels are placed for (a slide: 22 and a wider,
    lower plot)."""
    st = settings or Settings()
    placed = view.loc[view["maturity_total"].notna() & view["eu2"].notna()]
    x_line, y_line, y_idle = mature_line(st), overload_line(st), idle_line(st)
    eu = placed["eu2"].to_numpy(dtype="float64")
    totals = placed["maturity_total"].to_numpy(dtype="float64")
    y_top = max(float(eu.max()) if len(eu) else 1.2, y_line * 1.25) * 1.08
    # room under the EU 0,50 line for the two lower quadrant names
    y_bottom = max(0.0, min(y_idle - 0.2, float(eu.min()) - 0.15 if len(eu) else 0.0))
    bounds = [float(u) for _, u in st.maturity_bands[:-1]]
    x1 = float(st.maturity_bands[-1][1])
    # from a little left of the lowest total (never right of the mature line) to 55
    x0 = max(11.0, min(float(np.floor(totals.min())) - 3 if len(totals) else 11.0, x_line - 8))
    size = label_size or SIZES["label"] - 3
    fig = go.Figure()
    for code, color in QUADRANT_COLORS.items():
        rows = placed.loc[placed["quadrant_code"] == code]
        if rows.empty:
            continue
        fig.add_scatter(
            x=rows["maturity_total"], y=rows["eu2"], mode="markers", name=QUADRANT_LABELS[code],
            marker={"size": 16, "color": color, "line": {"color": TEXT_COLOR, "width": 1}},
            hovertext=hover(rows["opd"], [
                ("Total kematangan", fmts(rows["maturity_total"], 0)),
                ("EU", fmts(rows["eu2"], 2)), ("Variabel terlemah", rows["weakest"]),
                ("Unit dengan EU tertinggi", rows["top_unit"])]),
            hovertemplate=HOVER, showlegend=False)
    texts = placed["abbr"].astype(str).tolist()
    shifts = place_labels(totals, eu, texts, (x0, x1), (y_bottom, y_top), font=size,
                          plot_px=plot_px)
    for xv, yv, t, (dx, dy) in zip(totals, eu, texts, shifts, strict=True):
        if _near((dx, dy), size, t):
            fig.add_annotation(x=xv, y=yv, xref="x", yref="y", text=t, showarrow=False,
                               xshift=dx, yshift=dy, bgcolor=LABEL_BACKING,
                               font={"size": size, "color": TEXT_COLOR})
        else:  # far from its point: a thin leader line from the point to the label
            fig.add_annotation(x=xv, y=yv, xref="x", yref="y", text=t, showarrow=True,
                               arrowhead=0, arrowwidth=1, arrowcolor=MUTED_COLOR, ax=dx,
                               ay=-dy, standoff=9, bgcolor=LABEL_BACKING,
                               font={"size": size, "color": TEXT_COLOR})
    for upper in bounds:
        if not x0 < upper < x1:
            continue
        strong = upper == x_line
        fig.add_vline(upper, line={"color": TEXT_COLOR if strong else MUTED_COLOR,
                                   "width": 2.5 if strong else 1, "dash": "dash" if strong
                                   else "dot"}, layer="below")
    fig.add_hline(y_line, line={"color": TEXT_COLOR, "width": 2.5, "dash": "dash"},
                  layer="below")
    fig.add_hline(y_idle, line={"color": MUTED_COLOR, "width": 1.2, "dash": "dot"},
                  layer="below")
    # quadrant names in their colour: the upper two above the plot, the lower two inside it
    # at the bottom (under the EU 0,50 line, where OPDs are rare)
    for code, x, xa, upper in (("belum_berlebih", 0.0, "left", True),
                               ("matang_berlebih", 1.0, "right", True),
                               ("belum_terkendali", 0.0, "left", False),
                               ("matang_terkendali", 1.0, "right", False)):
        fig.add_annotation(x=x, xref="paper", xanchor=xa, y=1.0 if upper else 0.0,
                           yref="paper", yanchor="bottom", yshift=6 if upper else 4,
                           xshift=0 if upper else (6 if xa == "left" else -6), showarrow=False,
                           text=f"<b>{wrap(QUADRANT_LABELS[code], 18, 3)}</b>", align=xa,
                           bgcolor=LABEL_BACKING,
                           font={"size": SIZES["annotation"] - 2,
                                 "color": QUADRANT_COLORS[code]})
    fig.update_layout(title={"text": title or "Kematangan dan beban kerja per OPD",
                             "subtitle": {"text": f"Garis putus: matang (total &gt; "
                                                  f"{fmt_num(x_line)}) dan beban berlebih "
                                                  f"(EU &gt; {fmt_num(y_line, 2)}).<br>Garis "
                                                  "titik: batas kategori kematangan lain, "
                                                  f"EU {fmt_num(y_idle, 2)}."}},
                      showlegend=False)
    ticks = [v for v in [*bounds, x1] if x0 <= v <= x1]
    if not ticks or ticks[0] - x0 >= 4:  # the left end, unless a bound sits right by it
        ticks = [x0, *ticks]
    fig.update_xaxes(title="Total kematangan (11–55)", range=[x0, x1], tickvals=ticks,
                     ticktext=[fmt_num(v) for v in ticks], showgrid=False)
    fig.update_yaxes(title="EU OPD", range=[y_bottom, y_top], tickformat=".1f", showgrid=False)
    left = view.loc[~view.index.isin(placed.index)]
    if len(left):
        note(fig, "Tidak ditempatkan (belum dinilai/tanpa pegawai): "
                  + ", ".join(left["abbr"].astype(str)))
    fig = apply_theme(fig, PLANE_HEIGHT)
    fig.update_layout(margin={"t": 170, "b": 110})
    return fig
