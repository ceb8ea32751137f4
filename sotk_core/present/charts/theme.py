"""The one plotly template of the product ("sotk") and the colour and label helpers.

Importing this module registers `pio.templates["sotk"]`; every builder calls `apply_theme`,
which sets the template, Indonesian number separators (`layout.separators=",."`: decimal ',',
thousands '.') and a height. `projector(fig)` returns a copy with still larger type for a
room projector.

Colours (Okabe-Ito, colour-blind safe) carry one meaning each within a chart:

- EJ / EU bands (domain.md §1). The grade letters are overloaded in meaning: "A Sangat Baik"
  (EJ > 1,00) actually means *beban berlebih* (short of staff), so colours follow the staffing
  reading, not the grade word: A vermillion (too much work, warm = act), B and C share
  bluish green (the balanced band 0,70–1,00 of Settings.balanced_ej), D sky blue and E blue
  (under-used; darker = further from balance, so the scale stays readable in grey).
  A vacant position (no EJ, need > 0) is orange; a value that cannot be graded is grey.
- Maturity categories and kelembagaan ranks (ordered, bad → good): vermillion, orange,
  yellow, bluish green, blue.
- Maturity levels 1–5 in the heat map: a 5-step single-hue blue scale (light = low).
"""

from __future__ import annotations

import copy
import math
import textwrap
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go
import plotly.io as pio

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.present.charts._safe import escape_figure
from sotk_core.present.safe import plotly_data

TEMPLATE_NAME = "sotk"
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
TEXT_COLOR = "#1a1a1a"
GRID_COLOR = "#d0d0d0"
MUTED_COLOR = "#595959"  # secondary text and reference lines, 7:1 contrast on white

# Okabe & Ito (2008), in their usual order after black.
BLUE = "#0072B2"
ORANGE = "#E69F00"
BLUISH_GREEN = "#009E73"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
SKY_BLUE = "#56B4E9"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#999999"
PALETTE: tuple[str, ...] = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE, SKY_BLUE,
                            YELLOW, BLACK)

GRADE_COLORS: dict[str, str] = {
    "A": VERMILLION,  # EJ > 1,00: beban berlebih
    "B": BLUISH_GREEN,  # 0,90-1,00: seimbang
    "C": BLUISH_GREEN,  # 0,70-0,89: seimbang
    "D": SKY_BLUE,  # 0,50-0,69: agak rendah
    "E": BLUE,  # < 0,50: beban rendah
}
VACANT_COLOR = ORANGE
NO_GRADE_COLOR = GREY

MATURITY_COLORS: dict[str, str] = {
    "Sangat Rendah": VERMILLION,
    "Rendah": ORANGE,
    "Sedang": YELLOW,
    "Tinggi": BLUISH_GREEN,
    "Sangat Tinggi": BLUE,
}
RANK_COLORS: dict[str, str] = {
    "P-1": VERMILLION, "P-2": ORANGE, "P-3": YELLOW, "P-4": BLUISH_GREEN, "P-5": BLUE,
}
# Maturity level 1..5 (heat map): ColorBrewer "Blues", 5 classes.
LEVEL_COLORS: tuple[str, ...] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")

# Two-series comparisons: current state vs requirement or scenario.
EXISTING_COLOR = BLUE
NEED_COLOR = ORANGE
SCENARIO_PATTERN = "/"
# hatching drawn over the bar colour (not instead of it), dark enough to read in grey
PATTERN: dict = {"shape": SCENARIO_PATTERN, "fillmode": "overlay", "fgcolor": "rgba(26,26,26,0.6)",
                 "size": 10, "solidity": 0.22}

SIZES: dict[str, int] = {"base": 18, "tick": 18, "axis_title": 20, "title": 24, "label": 18,
                         "legend": 18, "hover": 16, "annotation": 18}
PROJECTOR_SIZES: dict[str, int] = {"base": 22, "tick": 22, "axis_title": 24, "title": 28,
                                   "label": 22, "legend": 22, "hover": 20, "annotation": 22}
MARGIN = {"l": 24, "r": 56, "t": 110, "b": 80, "pad": 6}
DEFAULT_HEIGHT = 620
ROW_HEIGHT = 40  # px per category on a horizontal bar chart
SUBTITLE_WIDTH = 78  # characters per subtitle line


def _axis(sizes: dict[str, int]) -> dict:
    return {
        "automargin": True,
        "title": {"font": {"size": sizes["axis_title"], "color": TEXT_COLOR}, "standoff": 12},
        "tickfont": {"size": sizes["tick"], "color": TEXT_COLOR},
        "linecolor": TEXT_COLOR, "linewidth": 1.5, "showline": True,
        "ticks": "outside", "tickcolor": TEXT_COLOR, "ticklen": 6,
        "gridcolor": GRID_COLOR, "zerolinecolor": MUTED_COLOR, "zerolinewidth": 1.5,
    }


def _build_template() -> go.layout.Template:
    base = copy.deepcopy(pio.templates["simple_white"])
    s = SIZES
    text = {"size": s["label"], "color": TEXT_COLOR, "family": FONT_FAMILY}
    base.layout.update(
        font={"family": FONT_FAMILY, "size": s["base"], "color": TEXT_COLOR},
        title={"font": {"size": s["title"], "color": TEXT_COLOR}, "x": 0.01, "xanchor": "left",
               "xref": "container", "y": 0.98, "yanchor": "top", "yref": "container",
               "automargin": True},
        colorway=list(PALETTE),
        paper_bgcolor="white", plot_bgcolor="white",
        separators=",.",
        margin=MARGIN,
        xaxis=_axis(s), yaxis=_axis(s),
        legend={"font": {"size": s["legend"]}, "orientation": "h", "x": 0, "xanchor": "left",
                "y": 1.0, "yanchor": "bottom", "title": {"text": ""}, "bgcolor": "rgba(0,0,0,0)"},
        hoverlabel={"font": {"size": s["hover"], "family": FONT_FAMILY, "color": TEXT_COLOR},
                    "bgcolor": "white", "bordercolor": TEXT_COLOR, "align": "left"},
        uniformtext={"minsize": s["label"], "mode": "show"},
        polar={"radialaxis": {"tickfont": {"size": s["tick"]}, "gridcolor": GRID_COLOR,
                              "linecolor": MUTED_COLOR},
               "angularaxis": {"tickfont": {"size": s["tick"]}, "gridcolor": GRID_COLOR,
                               "linecolor": MUTED_COLOR}},
        coloraxis={"colorbar": {"tickfont": {"size": s["tick"]}}},
        bargap=0.25,
    )
    # simple_white draws shapes at 30 % opacity: reference lines must be solid
    base.layout.shapedefaults = {"opacity": 1.0, "line": {"color": TEXT_COLOR, "width": 2}}
    # no colour on the bar text: plotly then picks dark or white inside each bar by contrast
    inside = {"size": s["label"], "family": FONT_FAMILY}
    base.data.bar = [go.Bar(textfont=inside, outsidetextfont=text, cliponaxis=False,
                            marker={"line": {"color": TEXT_COLOR, "width": 0.8}})]
    base.data.heatmap = [go.Heatmap(textfont={"size": SIZES["label"], "family": FONT_FAMILY})]
    base.data.treemap = [go.Treemap(textfont=text)]
    base.data.scatter = [go.Scatter(textfont=text, cliponaxis=False)]
    base.data.scatterpolar = [go.Scatterpolar(textfont=text)]
    base.data.box = [go.Box(marker={"size": 10})]
    return base


pio.templates[TEMPLATE_NAME] = _build_template()


def apply_theme(fig: go.Figure, height: int | None = None) -> go.Figure:
    """Put `fig` on the "sotk" template with Indonesian separators; returns the same figure."""
    escape_figure(fig)  # names from files are text, never Plotly markup or links
    fig.update_layout(template=TEMPLATE_NAME, separators=",.")
    sub = fig.layout.title.subtitle.text
    if sub and "<br>" not in sub:  # plotly never wraps: keep within 1024 px at projector size
        fig.update_layout(title_subtitle_text=wrap(sub, SUBTITLE_WIDTH, 3))
    if height is not None or fig.layout.height is None:
        fig.update_layout(height=height if height is not None else DEFAULT_HEIGHT)
    return fig


def projector(fig: go.Figure) -> go.Figure:
    """A copy of `fig` with presentation sizes (ticks and data labels >= 22 px)."""
    out = go.Figure(fig)
    p = PROJECTOR_SIZES
    out.update_layout(
        font={"size": p["base"]},
        title={"font": {"size": p["title"]}},
        legend={"font": {"size": p["legend"]}},
        hoverlabel={"font": {"size": p["hover"]}},
        uniformtext={"minsize": p["label"]},
    )
    axis = {"tickfont": {"size": p["tick"]}, "title": {"font": {"size": p["axis_title"]}}}
    out.update_xaxes(**axis)
    out.update_yaxes(**axis)
    out.update_polars(radialaxis={"tickfont": {"size": p["tick"]}},
                      angularaxis={"tickfont": {"size": p["tick"]}})
    for trace in out.data:
        if "textfont" in trace:
            trace.textfont.size = p["label"]
        if "outsidetextfont" in trace:
            trace.outsidetextfont.size = p["label"]
    for ann in out.layout.annotations:
        ann.font.size = max(ann.font.size or 0, p["annotation"])
    return out


# ---- labels -----------------------------------------------------------------------------


def num_labels(values: Iterable[object], decimals: int = 0, unit: str = "",
               signed: bool = False) -> list[str]:
    """Indonesian-formatted data labels ("1.234,5 jam"); `signed` adds '+' to positives."""
    out = []
    for v in values:
        text = fmt_num(v, decimals, unit)
        if signed and text != "–" and _positive(v):
            text = "+" + text
        out.append(text)
    return out


def _positive(value: object) -> bool:
    try:
        return float(value) > 0  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def wrap(text: object, width: int = 28, max_lines: int = 2) -> str:
    """Wrap a long name onto at most `max_lines` lines joined by <br>, '…' when cut."""
    s = " ".join(str(text if text is not None else "").split())
    lines = textwrap.wrap(s, width=width, break_long_words=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(width - 1, 1)].rstrip() + "…"
    return "<br>".join(plotly_data(line) for line in lines)  # a name's own '<' is text


def unique_labels(labels: Sequence[str]) -> list[str]:
    """Category labels must be unique on an axis: repeat names get ' (2)', ' (3)'."""
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        n = seen.get(lab, 0) + 1
        seen[lab] = n
        out.append(lab if n == 1 else f"{lab} ({n})")
    return out


def rows_height(n_rows: int, row: int = ROW_HEIGHT, extra: int = 230,
                minimum: int = 420) -> int:
    """Figure height that gives each horizontal bar `row` px (plus title, axis and legend)."""
    return max(minimum, extra + row * max(n_rows, 1))


def value_range(max_value: float, headroom: float = 0.18, minimum: float = 1.0) -> list[float]:
    """[0, max + room for the outside data labels]."""
    top = max_value if max_value and not math.isnan(max_value) else 0.0
    return [0.0, max(top, minimum) * (1 + headroom)]


def _luminance(hex_color: str) -> float:
    rgb = [int(hex_color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_color_on(fill: str) -> str:
    """Dark or white text, whichever contrasts more with the fill colour."""
    return "white" if contrast("#ffffff", fill) > contrast(TEXT_COLOR, fill) else TEXT_COLOR


# ---- EJ / EU bands ------------------------------------------------------------------------

BAND_ORDER: tuple[str, ...] = ("over", "balanced", "mid", "low", "vacant", "none")
BAND_COLORS: dict[str, str] = {"over": GRADE_COLORS["A"], "balanced": GRADE_COLORS["B"],
                               "mid": GRADE_COLORS["D"], "low": GRADE_COLORS["E"],
                               "vacant": VACANT_COLOR, "none": NO_GRADE_COLOR}
_GRADE_BAND = {"A": "over", "B": "balanced", "C": "balanced", "D": "mid", "E": "low"}


def band_of(grade: object, vacant: bool = False) -> str:
    """Band key of a grade letter: over (A), balanced (B, C), mid (D), low (E), vacant, none."""
    if vacant:
        return "vacant"
    return _GRADE_BAND.get(str(grade), "none") if isinstance(grade, str) else "none"


def band_names(settings: Settings | None = None, measure: str = "EJ") -> dict[str, str]:
    """Legend text per band, from the thresholds in `settings.ej_bands`."""
    b = {g: lo for g, _, lo in (settings or Settings()).ej_bands}

    def f(x: float) -> str:
        return fmt_num(x, 2)

    return {
        "over": f"{measure} > {f(b['A'])} (A): beban berlebih",
        "balanced": f"{measure} {f(b['C'])}–{f(b['A'])} (B, C): seimbang",
        "mid": f"{measure} {f(b['D'])}–{f(b['C'] - 0.01)} (D): agak rendah",
        "low": f"{measure} < {f(b['D'])} (E): beban rendah",
        "vacant": "Jabatan kosong (tanpa pegawai)",
        "none": "Tidak dapat dinilai",
    }


def band_axis_end(settings: Settings | None = None) -> float:
    """The least an EJ/EU axis reaches: a little past the overload line (1,05 by default), so
    the line of a city's own band table is drawn however low its values are."""
    return (settings or Settings()).overload_ej + 0.05


BAND_LABEL_ROW = 30  # px between the two rows of band labels above a plot
BAND_LABEL_TOP = 150  # top margin (px) that leaves room for the title and both rows


def band_label_positions(values: Sequence[float], settings: Settings | None = None,
                         span: float = 1.2) -> list[str]:
    """Bar text position per value on an EJ/EU axis: "inside" (at the bar end) when an
    outside label would run over a dashed band line (0,50 or 1,00 by default), i.e. when the
    value lies within about one label width (0,16 × the axis span) left of a line; else
    "outside"."""
    b = {g: lo for g, _, lo in (settings or Settings()).ej_bands}
    room = 0.16 * span
    out = []
    for v in values:
        near = any(line - room <= v <= line for line in (b["D"], b["A"]))
        out.append("inside" if near and v > 0 else "outside")
    return out


def add_band_lines(fig: go.Figure, settings: Settings | None = None, axis: str = "x",
                   shade: bool = True) -> go.Figure:
    """Reference lines of the EJ/EU bands of `settings` on a value axis, by default: 0,50 and
    1,00 (the bounds of D and A) dashed and labelled ("Beban rendah <0,50", "Beban berlebih
    >1,00"), 0,70 and 0,90 (C and B) dotted, and the balanced band 0,70–1,00
    (Settings.balanced_ej) lightly shaded."""
    st = settings or Settings()
    b = {g: lo for g, _, lo in st.ej_bands}
    low, high = b["D"], b["A"]
    lo_bal, hi_bal = st.balanced_ej
    line = {"color": TEXT_COLOR, "width": 2, "dash": "dash"}
    thin = {"color": MUTED_COLOR, "width": 1.2, "dash": "dot"}
    add_line = fig.add_vline if axis == "x" else fig.add_hline
    add_rect = fig.add_vrect if axis == "x" else fig.add_hrect
    if shade:
        add_rect(lo_bal, hi_bal, fillcolor=BLUISH_GREEN, opacity=0.10, line_width=0, layer="below")
    for value in (b["C"], b["B"]):
        add_line(value, line=thin, layer="below")
    # over the bars, so the thresholds read as one line through the chart
    add_line(low, line=line, layer="above")
    add_line(high, line=line, layer="above")
    ann = {"font": {"size": SIZES["annotation"], "color": TEXT_COLOR}, "showarrow": False}
    # both labels end at their line (right-anchored) so neither runs off the figure; the
    # arrows say on which side of the line the zone lies. They sit on two rows above the
    # plot (low on the upper row), so they never meet however narrow the plot or x range:
    # the figure needs a top margin of BAND_LABEL_TOP.
    low_text = f"◀ Beban rendah &lt;{fmt_num(low, 2)} "
    high_text = f"Beban berlebih &gt;{fmt_num(high, 2)} ▶"
    if axis == "x":
        fig.add_annotation(x=low, xref="x", y=1.0, yref="paper", yanchor="bottom",
                           xanchor="right", text=low_text, yshift=BAND_LABEL_ROW, **ann)
        fig.add_annotation(x=high, xref="x", y=1.0, yref="paper", yanchor="bottom",
                           xanchor="right", text=high_text, **ann)
    else:
        fig.add_annotation(y=low, yref="y", x=1.0, xref="paper", xanchor="right",
                           yanchor="top", text=f"Beban rendah &lt;{fmt_num(low, 2)} ▼", **ann)
        fig.add_annotation(y=high, yref="y", x=1.0, xref="paper", xanchor="right",
                           yanchor="bottom", text=f"Beban berlebih &gt;{fmt_num(high, 2)} ▲",
                           **ann)
    return fig


def titled(fig: go.Figure, title: str | None) -> go.Figure:
    """Replace the builder's title text (the subtitle stays) when the caller gives one."""
    if title is not None:
        fig.update_layout(title_text=title)
    return fig


def note(fig: go.Figure, text: str) -> go.Figure:
    """A small explanatory line under the plot (e.g. what was left out)."""
    fig.add_annotation(text=text, x=0, xref="paper", xanchor="left", y=0, yref="paper",
                       yanchor="top", yshift=-70, showarrow=False,
                       font={"size": SIZES["annotation"] - 2, "color": MUTED_COLOR})
    return fig
