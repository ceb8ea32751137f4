"""Figures made for the presentation deck (sotk_core.present.deck) and the fit of any figure onto a
slide: projector type, a fixed slide height, one-line labels.

A slide has no room to scroll: every deck figure has at most `ROWS_PER_SLIDE` category rows
(the deck splits longer lists over several slides) and single-line axis labels, so ticks
and data labels stay at the projector size (22 px) at 1280 × 720 and 1024 × 768.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import COLUMN_LABELS
from sotk_core.base.settings import Settings
from sotk_core.base.texts import AXIS_EU, KPI_EXISTING, KPI_NEED_RAW, TITLE_NEED_PER_OPD
from sotk_core.present.charts._util import HOVER, fmts, hover
from sotk_core.present.charts.theme import (
    BAND_COLORS,
    BAND_ORDER,
    BLUISH_GREEN,
    EXISTING_COLOR,
    NEED_COLOR,
    SIZES,
    TEXT_COLOR,
    apply_theme,
    band_axis_end,
    band_names,
    band_of,
    num_labels,
    projector,
    unique_labels,
    value_range,
    wrap,
)

ROWS_PER_SLIDE = 15
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720  # the PDF / PNG page of a slide (layout px)
SCREEN_HEIGHT = 650  # default figure height on screen (below the slide's control row)
LABEL_CHARS = 30  # one-line category labels at 22 px take about 12 px per character


def one_line(text: object, width: int = LABEL_CHARS) -> str:
    """A label cut to one line ('…' when longer)."""
    return wrap(text, width, 1)


KIND_WORDS = ("Sub Bagian ", "Subbagian ", "Bagian ", "Bidang ", "Seksi ", "Subbidang ",
              "Sub Bidang ")


def short_unit(name: object, width: int = 28) -> str:
    """A unit name without its leading kind word ("Bidang Pencegahan …" -> "Pencegahan …"),
    cut to one line: the slide title already says which kind of unit is shown."""
    text = str(name)
    for word in KIND_WORDS:
        if text.startswith(word) and len(text) > len(word) + 3:
            text = text[len(word):]
            break
    return one_line(text, width)


def fit_slide(fig: go.Figure, height: int = SCREEN_HEIGHT) -> go.Figure:
    """A copy of `fig` in projector type at a fixed slide height (width follows the screen
    or the page). Margins shrink a little: a slide has its own frame."""
    out = projector(fig)
    names = _categories(out)
    if any("<br>" in n for n in names):  # two-line names of a page chart overlap here
        out.update_yaxes(tickmode="array", tickvals=names,
                         ticktext=[_slide_label(n) for n in names])
    elif names:  # plotly thins crowded category ticks: keep every row's name
        out.update_yaxes(tickmode="linear", dtick=1)
    m = out.layout.margin
    top = min(m.t if m.t is not None else 110, 150) + (28 if _stack_band_labels(out) else 0)
    out.update_layout(height=int(height), autosize=True,
                      margin={"l": max(m.l or 0, 16), "r": max(m.r or 0, 40), "t": top,
                              "b": min(m.b if m.b is not None else 80, 140)})
    return out


def _stack_band_labels(fig: go.Figure) -> bool:
    """The EU/EJ band labels ("◀ Beban rendah <0,50" at 0,50, "Beban berlebih >1,00 ▶" at
    1,00) both end at their line; on a narrow slide they meet. Lift the first one a line."""
    notes = list(fig.layout.annotations)
    low = [a for a in notes if str(a.text or "").startswith("◀ Beban rendah")
           and a.yref == "paper"]
    high = [a for a in notes if "Beban berlebih" in str(a.text or "") and a.yref == "paper"]
    if not (low and high) or (low[0].yshift or 0) > 0:  # none, or already on two rows
        return False
    low[0].yshift = (low[0].yshift or 0) + 28
    return True


def _categories(fig: go.Figure) -> list[str]:
    """The category names of the y axis (names rather than numbers), in the order the traces
    give them; empty for a numeric axis."""
    names: dict[str, None] = {}
    for trace in fig.data:
        ys = getattr(trace, "y", None)
        if ys is not None and len(ys) and isinstance(ys[0], str):
            names.update(dict.fromkeys(ys))
    return list(names)


_REPEAT = re.compile(r"(.*) (\(\d+\))")  # unique_labels' ' (2)'


def _slide_label(name: str) -> str:
    """A page chart's category name (wrapped onto two lines for 40 px rows) as one slide line:
    a slide row is about 26 px, two lines would run into the next row's name. The unit kind
    word goes (the slide title names it) and a repeat's ' (2)' stays."""
    flat = name.replace("<br>", " ")
    repeat = _REPEAT.fullmatch(flat)
    if repeat:
        return f"{short_unit(repeat.group(1), LABEL_CHARS - len(repeat.group(2)) - 1)} " \
               f"{repeat.group(2)}"
    return short_unit(flat, LABEL_CHARS)


def need_vs_existing(opds: pd.DataFrame, *, label: str = "abbr",
                     title: str | None = None) -> go.Figure:
    """Staff (bar) against need (diamond) per OPD, one row each, largest need on top, each
    row labelled "ada 32 · butuh 31" so the two numbers never collide (the grouped bars of
    `opd_need_vs_existing` need two rows per OPD, too many for a slide).

    opds: `Evaluation.opds` rows (opd, existing, need, label column).
    """
    df = opds.loc[opds["need"].notna() | opds["existing"].notna()]
    df = df.sort_values(["need", "existing"], kind="stable")
    names = df[label] if label in df.columns else df["opd"]
    labels = unique_labels([one_line(n) for n in names.fillna(df["opd"])])
    existing = df["existing"].to_numpy(dtype="float64")
    need = df["need"].to_numpy(dtype="float64")
    text = hover(df["opd"], [(KPI_EXISTING, fmts(existing, 0, "orang")),
                             ("Kebutuhan", fmts(need, 0, "orang")),
                             ("Selisih", num_labels(existing - need, 0, "orang", signed=True))])
    right = np.fmax(np.nan_to_num(existing), np.nan_to_num(need))
    fig = go.Figure()
    fig.add_bar(y=labels, x=existing, orientation="h", name=COLUMN_LABELS["existing"],
                marker_color=EXISTING_COLOR, hovertext=text, hovertemplate=HOVER)
    fig.add_scatter(y=labels, x=need, mode="markers", name=COLUMN_LABELS["need"],
                    marker={"symbol": "diamond", "size": 20, "color": NEED_COLOR,
                            "line": {"color": TEXT_COLOR, "width": 1.5}},
                    hovertext=text, hovertemplate=HOVER)
    fig.add_scatter(y=labels, x=right, mode="text", showlegend=False, hoverinfo="skip",
                    text=[f"   ada {a} · butuh {b}" for a, b in zip(num_labels(existing),
                                                                   num_labels(need),
                                                                   strict=True)],
                    textposition="middle right")
    fig.update_layout(title=title or TITLE_NEED_PER_OPD,
                      legend={"y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"})
    fig.update_xaxes(title="Orang", range=value_range(float(right.max(initial=1.0)), 0.6),
                     showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    return apply_theme(fig, 620)


def extreme_units(units: pd.DataFrame, opds: pd.DataFrame, settings: Settings | None = None,
                  *, n: int = 5, depth: int = 2, title: str | None = None) -> go.Figure:
    """The `n` units with the highest EU (most overloaded) and the `n` with the lowest (most
    idle) at `depth` (2 = bidang/bagian) across the city, highest on top. The axis names the
    OPD (short), each bar carries "EU · unit name" to its right, colours are the PU bands; the
    lines at 0,50 and 1,00 are labelled away from each other so they never collide.
    Units without staff have no EU and are left out.

    units: `WorkloadResult.units`; opds: `Evaluation.opds` (opd, abbr) for the short names.
    """
    st = settings or Settings()
    abbr = dict(zip(opds["opd"], opds["abbr"].fillna(opds["opd"]), strict=True)) \
        if "abbr" in opds.columns else {}
    level = units.loc[(units["depth"] == depth) & units["eu2"].notna()]
    level = level.sort_values(["eu2", "opd", "code"], kind="stable")
    if len(level) > 2 * n:
        level = pd.concat([level.iloc[:n], level.iloc[-n:]])
    y = list(range(len(level)))
    values = level["eu2"].to_numpy(dtype="float64")
    bands = np.array([band_of(g) for g in level["pu"]], dtype=object)
    names = band_names(st, "EU")
    text = hover(level["name"], [("OPD", level["opd"].astype(str)),
                                 ("EU", fmts(level["eu"], 4)),
                                 ("PU", [f"{p} ({lab})" for p, lab in
                                         zip(level["pu"], level["pu_label"], strict=True)]),
                                 (KPI_NEED_RAW, fmts(level["need_raw"], 2, "orang")),
                                 (KPI_EXISTING, fmts(level["existing"], 0, "orang"))])
    labels = np.array([f"{v} · {short_unit(u, 28)}" for v, u in
                       zip(num_labels(values, 2), level["name"], strict=True)], dtype=object)
    fig = go.Figure()
    lo_bal, hi_bal = st.balanced_ej
    fig.add_vrect(lo_bal, hi_bal, fillcolor=BLUISH_GREEN, opacity=0.10, line_width=0,
                  layer="below")
    yy, hv = np.array(y), np.array(text, dtype=object)
    for rank, band in enumerate(BAND_ORDER):
        mask = bands == band
        if mask.any():
            fig.add_bar(y=yy[mask], x=values[mask], orientation="h", name=names[band],
                        marker_color=BAND_COLORS[band], legendrank=rank, text=labels[mask],
                        textposition="outside", hovertext=hv[mask], hovertemplate=HOVER)
    b = {g: lo for g, _, lo in st.ej_bands}
    line = {"color": TEXT_COLOR, "width": 2, "dash": "dash"}
    ann = {"y": 1.0, "yref": "paper", "yanchor": "bottom", "showarrow": False,
           "font": {"size": SIZES["annotation"], "color": TEXT_COLOR}}
    fig.add_vline(b["D"], line=line, layer="below")  # below: the bar texts cross the lines
    fig.add_vline(b["A"], line=line, layer="below")
    fig.add_annotation(x=b["D"], xanchor="right", text=f"◀ rendah &lt;{fmt_num(b['D'], 2)} ",
                       **ann)
    fig.add_annotation(x=b["A"], xanchor="left", text=f" berlebih &gt;{fmt_num(b['A'], 2)} ▶",
                       **ann)
    what = "bidang/bagian" if depth == 2 else "seksi/subbagian" if depth == 3 else "unit"
    top = float(np.nanmax(values)) if len(values) else 1.0
    fig.update_layout(
        title={"text": title or f"{what.capitalize()} dengan EU tertinggi dan terendah",
               "subtitle": {"text": f"{n} tertinggi (beban berlebih) dan {n} terendah (beban "
                                    "rendah) di seluruh kota · sumbu: OPD"}},
        barmode="overlay", showlegend=True, margin={"t": 150, "b": 120},
        legend={"y": 0.0, "yanchor": "bottom", "yref": "container"})
    fig.update_xaxes(title=AXIS_EU, tickformat=".1f",
                     range=[0, max(top, band_axis_end(st)) * 2.8], showgrid=True,
                     tickvals=[0, 0.5, 1.0, 1.5])
    fig.update_yaxes(tickvals=y, ticktext=[one_line(abbr.get(o, o), 16) for o in level["opd"]],
                     range=[-0.6, len(y) - 0.4])
    return apply_theme(fig, 620)
