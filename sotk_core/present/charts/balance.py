"""Workload balance figures (domain.md §5): how staff spread over EJ bands and how the
hours per head differ between units of one level."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.labels import DEPTH_LABELS
from sotk_core.base.settings import Settings
from sotk_core.base.texts import TITLE_EJ_SPREAD
from sotk_core.present.charts._util import HOVER, axis_labels, fmts, for_opd
from sotk_core.present.charts.theme import (
    BAND_COLORS,
    BAND_ORDER,
    BLUISH_GREEN,
    GREY,
    SIZES,
    TEXT_COLOR,
    apply_theme,
    band_names,
    band_of,
    rows_height,
    value_range,
    wrap,
)

LEVEL_NAMES = DEPTH_LABELS


def ej_bins(settings: Settings | None = None, over_split: float = 1.20
            ) -> list[tuple[str, float, float, str]]:
    """(label, lower inclusive, upper exclusive, grade) of the EJ histogram, on EJ rounded to
    2 decimals, from the PJ bands of `settings`; by default < 0,50 | 0,50–0,69 | 0,70–0,89 |
    0,90–1,00 | 1,01–1,20 | > 1,20. The A band is split at `over_split`, or 0,20 above its
    bound when a city's A band starts at or above `over_split` (A > 1,25: 1,26–1,45 | > 1,45).
    """
    b = {g: lo for g, _, lo in (settings or Settings()).ej_bands}

    def f(x: float) -> str:
        return fmt_num(x, 2)

    step = 0.01  # EJ is rounded to 2 decimals before grading
    if over_split < b["A"] + step - 1e-9:
        over_split = round(b["A"] + 0.20, 2)
    return [
        (f"< {f(b['D'])}", -np.inf, b["D"], "E"),
        (f"{f(b['D'])}–{f(b['C'] - step)}", b["D"], b["C"], "D"),
        (f"{f(b['C'])}–{f(b['B'] - step)}", b["C"], b["B"], "C"),
        (f"{f(b['B'])}–{f(b['A'])}", b["B"], b["A"] + step / 2, "B"),
        (f"{f(b['A'] + step)}–{f(over_split)}", b["A"] + step / 2, over_split + step / 2, "A"),
        (f"> {f(over_split)}", over_split + step / 2, np.inf, "A"),
    ]


def ej_histogram(positions: pd.DataFrame, settings: Settings | None = None, *,
                 opd: str | None = None, over_split: float = 1.20,
                 title: str | None = None) -> go.Figure:
    """Staff (orang, not positions) by EJ bin, bars coloured by band, the balanced band
    (Settings.balanced_ej, 0,70–1,00 by default) shaded and labelled with its share of staff. Vacant positions have no EJ and are
    counted in a note instead.

    positions: `WorkloadResult.positions` (ej2, existing, status); opd: one OPD or the city.
    """
    st = settings or Settings()
    df = for_opd(positions, opd)
    graded = df.loc[df["ej2"].notna() & (df["existing"] > 0)]
    ej = graded["ej2"].to_numpy(dtype="float64")
    staff = graded["existing"].to_numpy(dtype="float64")
    bins = ej_bins(st, over_split)
    counts = np.array([staff[(ej >= lo) & (ej < hi)].sum() for _, lo, hi, _ in bins])
    total = counts.sum()
    labels = [b[0] for b in bins]
    colors = [BAND_COLORS[band_of(b[3])] for b in bins]
    text = [f"{fmt_num(c, 0)} orang<br>({fmt_pct(c / total if total else np.nan)})"
            for c in counts]
    fig = go.Figure(go.Bar(
        x=labels, y=counts, marker_color=colors, text=text, textposition="outside",
        hovertext=[f"<b>EJ {lab}</b><br>{t.replace('<br>', ' ')}" for lab, t in zip(labels, text,
                                                                                   strict=True)],
        hovertemplate=HOVER, showlegend=False))
    lo_bal, hi_bal = st.balanced_ej
    in_band = [i for i, (_, lo, hi, _) in enumerate(bins) if lo >= lo_bal - 1e-9
               and hi <= hi_bal + 0.01]
    if in_band:
        share = counts[in_band].sum() / total if total else np.nan
        fig.add_vrect(x0=min(in_band) - 0.5, x1=max(in_band) + 0.5, fillcolor=BLUISH_GREEN,
                      opacity=0.12, line_width=0, layer="below")
        fig.add_annotation(x=(min(in_band) + max(in_band)) / 2, xref="x", y=1.0, yref="paper",
                           yanchor="bottom", showarrow=False,
                           text=f"<b>Seimbang {fmt_num(lo_bal, 2)}–{fmt_num(hi_bal, 2)}: "
                                f"{fmt_pct(share)} pegawai</b>",
                           font={"size": SIZES["annotation"], "color": TEXT_COLOR})
    vacant = df.loc[df["status"] == "kosong"]
    where = opd or "kota"
    sub = f"{fmt_num(total, 0)} pegawai pada jabatan berbeban kerja · {where}"
    if len(vacant):
        sub += (f" · {len(vacant)} jabatan kosong (kebutuhan "
                f"{fmt_num(vacant['need'].sum(), 0)} orang) tidak dihitung")
    fig.update_layout(title={"text": title or TITLE_EJ_SPREAD,
                             "subtitle": {"text": sub}})
    fig.update_xaxes(title="EJ jabatan (dibulatkan 2 desimal)", type="category")
    fig.update_yaxes(title="Pegawai (orang)", range=value_range(float(counts.max(initial=0)),
                                                                0.3), showgrid=True)
    fig = apply_theme(fig, 560)
    fig.update_layout(margin={"t": 150})
    return fig


# OPD rows of the city's hours-per-head chart at most: the 4 with the highest and the 4 with
# the lowest hours per person; 8 rows keep the whole chart on one 1024×768 projector screen
# (40 rows were 2.570 px). Every OPD stays in the table under the chart.
HOURS_ROWS = 8


def opd_hours(units: pd.DataFrame, level: int = 2) -> pd.DataFrame:
    """One row per OPD over its units at `level` that have staff: opd, staffed_units (count),
    median_hours_per_head, min_hours_per_head, max_hours_per_head (hours a year per person,
    subtree Σ jam ÷ Σ pegawai of each unit). Highest median first; equal medians by OPD name.

    units: `WorkloadResult.units`. OPD without a staffed unit at `level` have no row.
    """
    u = units.loc[(units["depth"] == level) & (units["existing"] > 0)]
    hpp = u["workload_hours"].to_numpy(dtype="float64") / u["existing"].to_numpy(dtype="float64")
    g = pd.DataFrame({"opd": u["opd"].astype(str).to_numpy(), "hpp": hpp}).groupby("opd")["hpp"]
    out = pd.DataFrame({"staffed_units": g.size(), "median_hours_per_head": g.median(),
                        "min_hours_per_head": g.min(), "max_hours_per_head": g.max()})
    out = out.rename_axis("opd").reset_index()
    out = out.sort_values("opd", kind="stable").sort_values(
        "median_hours_per_head", ascending=False, kind="stable")
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class OpdRows:
    """The OPD drawn in the city's hours-per-head chart.

    high: the OPD with the highest median hours per head, highest first (every OPD when all
        fit); low: those with the lowest, lowest last (empty when all fit); total: OPD with a
        row in `opd_hours`.
    """

    high: tuple[str, ...]
    low: tuple[str, ...]
    total: int

    @property
    def left_out(self) -> int:
        return self.total - len(self.high) - len(self.low)


def furthest_from_balance(hours: pd.DataFrame, rows: int | None = None) -> OpdRows:
    """The OPD furthest from an even spread: with more OPD than `rows` (default HOURS_ROWS),
    the ceil(rows / 2) of the highest median hours per head and the floor(rows / 2) of the
    lowest; the OPD between them are left out of the chart (not of the table).

    hours: `opd_hours(...)` (highest median first).
    """
    rows = HOURS_ROWS if rows is None else max(int(rows), 2)
    names = tuple(hours["opd"].astype(str))
    if len(names) <= rows:
        return OpdRows(names, (), len(names))
    n_high = (rows + 1) // 2
    n_low = rows - n_high
    return OpdRows(names[:n_high], names[len(names) - n_low:], len(names))


def opd_hours_view(units: pd.DataFrame, level: int = 2, rows: int | None = None,
                   opd_labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The table of every OPD under the city's hours-per-head chart: `opd_hours` plus abbr
    (the chart's row label, from `opd_labels`) and shown: where the OPD is in the chart
    ("tertinggi", "terendah", "tidak digambar"; "ya" when every OPD is drawn)."""
    hours = opd_hours(units, level)
    picked = furthest_from_balance(hours, rows)
    high, low = set(picked.high), set(picked.low)
    names = hours["opd"].astype(str)
    shown = ["ya" if not picked.left_out else "tertinggi" if o in high
             else "terendah" if o in low else "tidak digambar" for o in names]
    abbr = [(opd_labels or {}).get(o, o) for o in names]
    return hours.assign(abbr=abbr, shown=shown)


def shown_opds_note(picked: OpdRows) -> str:
    """The subtitle sentence of a chart cut to the OPD furthest from balance ("" when all fit)."""
    if not picked.left_out:
        return ""
    return (f"Menampilkan {fmt_num(len(picked.high) + len(picked.low))} OPD dari "
            f"{fmt_num(picked.total)}: {fmt_num(len(picked.high))} dengan jam kerja per pegawai "
            f"tertinggi dan {fmt_num(len(picked.low))} terendah (median bidang/bagian); semua "
            "OPD ada di tabel di bawah grafik.")


def hours_per_head(units: pd.DataFrame, settings: Settings | None = None, *, level: int = 2,
                   opd: str | None = None,
                   opd_labels: Mapping[str, str] | None = None,
                   title: str | None = None, rows: int | None = None) -> go.Figure:
    """Workload hours per head (Σ jam ÷ Σ pegawai of each unit's subtree) of the units at
    `level` (1 = OPD, 2 = bidang/bagian, 3 = seksi/subbagian), to show imbalance.

    With `opd` (or level 1): one bar per unit, labelled "1.234 jam". Without: a strip plot,
    one row per OPD with a box and a dot per unit (hover names the unit); with more OPD than
    `rows` (default HOURS_ROWS) only those of `furthest_from_balance`, the highest on top and
    the lowest below a dashed line, the subtitle saying how many of how many. Colours = EU
    band; the dashed line marks one WKE (1.250 jam = one person fully loaded) and the
    balanced band 0,70–1,00 × WKE is shaded. Units without staff are left out (counted in
    the subtitle).

    units: `WorkloadResult.units`; opd_labels: optional opd -> row label (e.g. abbr).
    """
    st = settings or Settings()
    u = for_opd(units, opd)
    u = u.loc[u["depth"] == level]
    no_staff = int((u["existing"] <= 0).sum())
    u = u.loc[u["existing"] > 0].assign(hpp=lambda d: d["workload_hours"] / d["existing"])
    all_v = u["hpp"].to_numpy(dtype="float64")
    names = band_names(st, "EU")
    fig = go.Figure()
    bars = level == 1 or opd is not None
    note_text = ""
    if bars:
        n_rows = _hpp_bars(fig, u, names, opd_labels if level == 1 else None)
    else:
        picked = furthest_from_balance(opd_hours(u, level), rows)
        note_text = shown_opds_note(picked)
        n_rows = _hpp_strip(fig, u, names, opd_labels, picked)
    wke = st.wke_hours
    fig.add_vrect(st.balanced_ej[0] * wke, st.balanced_ej[1] * wke, fillcolor=BLUISH_GREEN,
                  opacity=0.10, line_width=0, layer="below")
    fig.add_vline(wke, line={"color": TEXT_COLOR, "width": 2, "dash": "dash"}, layer="above")
    fig.add_annotation(x=wke, xref="x", y=1.0, yref="paper", yanchor="bottom", xanchor="right",
                       showarrow=False, text=f"1 WKE = {fmt_num(wke, 0)} jam ▶",
                       font={"size": SIZES["annotation"], "color": TEXT_COLOR})
    sub = f"{len(all_v)} unit"
    if len(all_v) >= 2 and all_v.min() > 0:
        sub += (f" · tertinggi {fmt_num(all_v.max(), 0)} jam, terendah "
                f"{fmt_num(all_v.min(), 0)} jam per pegawai "
                f"(rasio {fmt_num(all_v.max() / all_v.min(), 1)}×)")
    if no_staff:
        sub += f" · {no_staff} unit tanpa pegawai tidak ditampilkan"
    if note_text:  # first: what is left out matters more than the city's extremes
        sub = f"{note_text}<br>{sub}"
    what = LEVEL_NAMES.get(level, f"unit lapis {level}")
    head = f"Jam kerja per pegawai per {what}" + (f" · {opd}" if opd else "")
    fig.update_layout(title={"text": title or head, "subtitle": {"text": sub}},
                      legend={"y": 0.0, "yanchor": "bottom", "yref": "container"})
    top = max(float(np.nanmax(all_v)) if len(all_v) else wke, wke)
    start = 0.0
    if not bars and len(all_v):
        # dots, not bars: the axis may start near the lowest value (and the shaded balanced
        # band), so the points spread over the width instead of crowding its right end
        low = min(float(np.nanmin(all_v)), st.balanced_ej[0] * wke)
        start = max(0.0, float(np.floor((low - 0.08 * (top - low)) / 100.0) * 100.0))
    fig.update_xaxes(title="Jam kerja per pegawai per tahun", showgrid=True, tickformat=",",
                     range=[start, start + (top - start) * 1.15])
    if note_text:
        # the cut chart and its title fit one 1024×768 screen: 8 rows and the gap in 607 px
        # (on the page the title is text above the figure and the rows get about 48 px)
        fig = apply_theme(fig, int(round(rows_height(n_rows, row=36, extra=276))))
        fig.update_layout(margin={"t": 146, "b": 130})
        return fig
    fig = apply_theme(fig, rows_height(n_rows, row=46 if opd else 56, extra=330, minimum=460))
    fig.update_layout(margin={"t": 160, "b": 130})
    return fig


def _hover_units(g: pd.DataFrame) -> list[str]:
    return [f"<b>{n}</b><br>{o}<br>Jam per pegawai: {h}<br>Pegawai ada: {e}<br>EU: {eu}"
            for n, o, h, e, eu in zip(g["name"], g["opd"], fmts(g["hpp"], 0, "jam"),
                                      fmts(g["existing"], 0, "orang"), fmts(g["eu2"], 2),
                                      strict=True)]


def _hpp_bars(fig: go.Figure, u: pd.DataFrame, names: dict[str, str],
              opd_labels: Mapping[str, str] | None) -> int:
    """One bar per unit (one OPD, or the OPDs of the city at level 1)."""
    g = u.sort_values("hpp", kind="stable")
    labels = axis_labels(g, None, fallback="opd" if opd_labels else "name", width=30,
                         mapping=opd_labels)
    bands = np.array([band_of(p) for p in g["pu"]], dtype=object)
    text = np.array(_hover_units(g), dtype=object)
    values = g["hpp"].to_numpy(dtype="float64")
    y = np.array(labels, dtype=object)
    for rank, band in enumerate(BAND_ORDER):
        mask = bands == band
        if mask.any():
            fig.add_bar(y=y[mask], x=values[mask], orientation="h", name=names[band],
                        marker_color=BAND_COLORS[band], legendrank=rank,
                        text=fmts(values[mask], 0, "jam"), textposition="outside",
                        hovertext=text[mask], hovertemplate=HOVER)
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    return len(labels)


GAP = 2.2  # rows of room between the highest and the lowest OPD of a cut chart: their two
# labels sit on white over the WKE line, clear of the dots above and below


def _hpp_strip(fig: go.Figure, u: pd.DataFrame, names: dict[str, str],
               opd_labels: Mapping[str, str] | None, picked: OpdRows) -> float:
    """A row per OPD of `picked`: grey box of its units plus one dot per unit (deterministic
    jitter), highest median on top; a cut chart has the lowest under a dashed line with the
    two groups named. One box trace for every row and one dot trace per EU band, however many
    OPD. Returns the height in rows."""
    by_opd = {str(k): g for k, g in u.groupby("opd", sort=False)}
    low = list(reversed(picked.low))  # lowest at the bottom (y = 0)
    high = list(reversed(picked.high))  # highest on top
    rows = [(name, float(i)) for i, name in enumerate(low)]
    base = len(low) - 1 + GAP if low else 0.0
    rows += [(name, base + i) for i, name in enumerate(high)]
    ticks, tickvals = [], []
    xs, rowv, ys, bands, texts = [], [], [], [], []
    for name, at in rows:
        g = by_opd[name]
        ticks.append(wrap((opd_labels or {}).get(name, name), 28))
        tickvals.append(at)
        values = g["hpp"].to_numpy(dtype="float64")
        order = np.argsort(values, kind="stable")
        offsets = np.empty(len(values))
        offsets[order] = ((np.arange(len(values)) % 5) - 2) * 0.07
        xs.append(values)
        rowv.append(np.full(len(values), at))
        ys.append(at + offsets)
        bands.append(np.array([band_of(p) for p in g["pu"]], dtype=object))
        texts.append(np.array(_hover_units(g), dtype=object))
    if rows:
        x, row, y = np.concatenate(xs), np.concatenate(rowv), np.concatenate(ys)
        band, text = np.concatenate(bands), np.concatenate(texts)
        fig.add_box(x=x, y=row, orientation="h", boxpoints=False, fillcolor="rgba(0,0,0,0)",
                    line={"color": GREY, "width": 2}, showlegend=False, hoverinfo="skip",
                    width=0.6)
        for rank, name in enumerate(BAND_ORDER):
            mask = band == name
            if mask.any():
                fig.add_scatter(x=x[mask], y=y[mask], mode="markers", name=names[name],
                                legendgroup=name, legendrank=rank,
                                marker={"size": 16, "color": BAND_COLORS[name],
                                        "line": {"color": TEXT_COLOR, "width": 1}},
                                hovertext=text[mask], hovertemplate=HOVER)
    top = base + len(high) - 1 if high else -1.0
    if low:
        mid = len(low) - 1 + GAP / 2
        fig.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=mid, y1=mid,
                      line={"color": TEXT_COLOR, "width": 1.5, "dash": "dot"})
        font = {"size": SIZES["annotation"], "color": TEXT_COLOR}
        # on white, over the dashed WKE line and the shaded band
        fig.add_annotation(xref="paper", x=0.0, xanchor="left", yref="y", y=mid,
                           yanchor="bottom", showarrow=False, font=font, bgcolor="white",
                           text=f"<b>▲ {len(picked.high)} tertinggi</b>")
        fig.add_annotation(xref="paper", x=0.0, xanchor="left", yref="y", y=mid,
                           yanchor="top", showarrow=False, font=font, bgcolor="white",
                           text=f"<b>▼ {len(picked.low)} terendah</b> · "
                                f"{fmt_num(picked.left_out)} OPD lain di tabel")
    fig.update_yaxes(tickvals=tickvals, ticktext=ticks, showgrid=False,
                     range=[-0.7, top + 0.7], zeroline=False)
    return top + 1
