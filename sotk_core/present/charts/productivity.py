"""Workload (ABK) figures: staff vs need, EU per OPD and unit, surplus/shortage, positions,
tasks and the workload treemap (domain.md §1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.labels import label
from sotk_core.base.settings import Settings
from sotk_core.base.texts import KPI_EXISTING, KPI_NEED_RAW, TITLE_EU_PER_OPD, TITLE_NEED_PER_OPD
from sotk_core.present.charts._util import (
    HOVER,
    axis_labels,
    column_or,
    fmts,
    for_opd,
    hover,
    nice_step,
    subtree_codes,
)
from sotk_core.present.charts.theme import (
    BAND_COLORS,
    BAND_LABEL_TOP,
    BAND_ORDER,
    EXISTING_COLOR,
    GREY,
    MUTED_COLOR,
    NEED_COLOR,
    PATTERN,
    SIZES,
    TEXT_COLOR,
    VERMILLION,
    add_band_lines,
    apply_theme,
    band_axis_end,
    band_label_positions,
    band_names,
    band_of,
    note,
    num_labels,
    rows_height,
    text_color_on,
    titled,
    unique_labels,
    value_range,
    wrap,
)
from sotk_core.present.charts.theme import BLUE as SURPLUS_COLOR

SHORTAGE_COLOR = VERMILLION


# ---- staff vs need ------------------------------------------------------------------------


def _need_bars(labels: list[str], existing: pd.Series, need: pd.Series, hover_text: list[str],
               title: str, subtitle: str | None = None) -> go.Figure:
    fig = go.Figure()
    # plotly draws the first trace of a horizontal group at the bottom: need below, staff above
    fig.add_bar(y=labels, x=need.to_numpy(), orientation="h", name=label("need"),
                marker_color=NEED_COLOR, text=num_labels(need), textposition="outside",
                hovertext=hover_text, hovertemplate=HOVER)
    fig.add_bar(y=labels, x=existing.to_numpy(), orientation="h", name=label("existing"),
                marker_color=EXISTING_COLOR, text=num_labels(existing), textposition="outside",
                hovertext=hover_text, hovertemplate=HOVER)
    top = float(np.nanmax([need.max(), existing.max(), 1.0]))
    fig.update_layout(title={"text": title, "subtitle": {"text": subtitle}}, barmode="group",
                      bargroupgap=0.05, legend={"traceorder": "reversed"})
    fig.update_xaxes(title="Orang", range=value_range(top), showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    return apply_theme(fig, rows_height(len(labels), row=58))


def opd_need_vs_existing(opds: pd.DataFrame, *, label: str = "abbr",
                         title: str | None = None) -> go.Figure:
    """Grouped horizontal bars per OPD: Pegawai ada vs Kebutuhan (orang), largest need on top.

    opds: `Evaluation.opds` (opd, existing, need, gap, surplus, shortage, label column).
    label: column shown on the axis (default the abbreviation; the full name is in the hover).
    """
    df = opds.loc[opds["need"].notna() | opds["existing"].notna()]
    df = df.sort_values(["need", "existing"], kind="stable")
    labels = axis_labels(df, label)
    text = hover(df["opd"], [(KPI_EXISTING, fmts(df["existing"], 0, "orang")),
                             ("Kebutuhan", fmts(df["need"], 0, "orang")),
                             ("Kekurangan", fmts(df["shortage"], 0, "orang")),
                             ("Kelebihan", fmts(df["surplus"], 0, "orang"))])
    return titled(_need_bars(labels, df["existing"], df["need"], text,
                             TITLE_NEED_PER_OPD), title)


POSITION_BARS = 30  # positions drawn at most: 30 rows fill ~2.000 px (an OPD may have 200)


def position_need_bars(positions: pd.DataFrame, opd: str | None = None, *,
                       unit_code: str | None = None, units: pd.DataFrame | None = None,
                       title: str | None = None, top: int | None = None) -> go.Figure:
    """Need vs existing per position of one OPD (optionally one unit and, when `units` is
    given, every unit below it). Positions with the same name are told apart by their unit.
    At most `top` positions (default POSITION_BARS), those with the highest workload; the
    subtitle then says how many of how many are shown.

    positions: `WorkloadResult.positions`; opd None = every row given (already filtered).
    """
    df = for_opd(positions, opd)
    if unit_code is not None:
        codes = subtree_codes(units, opd, unit_code) if units is not None else {str(unit_code)}
        df = df.loc[df["unit"].astype(str).isin(codes)]
    top = POSITION_BARS if top is None else top
    total = len(df)
    if total > top:  # a chart of 150 bars is 9.000 px tall and slow to draw
        df = df.sort_values("workload_hours", ascending=False, kind="stable",
                            na_position="last").iloc[:top]
    df = df.sort_values(["need", "existing"], kind="stable")
    # the same position name in two units: the unit goes on a second, grey line
    dup = df["name"].duplicated(keep=False).to_numpy()
    labels = unique_labels([
        wrap(n, 34, 1) + "".join(f"<br><span style='color:{MUTED_COLOR}'>{line}</span>"
                                 for line in wrap(u, 34, 2).split("<br>"))
        if d else wrap(n, 34)
        for n, u, d in zip(df["name"], df["unit_name"], dup, strict=True)])
    text = hover(df["name"], [("Unit", df["unit_name"].astype(str)),
                              (KPI_EXISTING, fmts(df["existing"], 0, "orang")),
                              ("Kebutuhan", fmts(df["need"], 0, "orang")),
                              (KPI_NEED_RAW, fmts(df["need_raw"], 2, "orang")),
                              ("Beban kerja", fmts(df["workload_hours"], 0, "jam/tahun")),
                              ("EJ", fmts(df["ej2"], 2))])
    where = f" · {_unit_name(units, opd, unit_code)}" if unit_code is not None else ""
    return titled(_need_bars(labels, df["existing"], df["need"], text,
                             f"Pegawai ada dan kebutuhan per jabatan{where}",
                             shown_of(top, total) if total > top else None), title)


def shown_of(shown: int, total: int) -> str:
    """The subtitle of a position chart cut to its `shown` positions of the highest workload."""
    return (f"Menampilkan {fmt_num(shown)} jabatan dengan beban kerja tertinggi dari "
            f"{fmt_num(total)}; semua jabatan ada di tabel jabatan.")


def _unit_name(units: pd.DataFrame | None, opd: str | None, unit_code: str) -> str:
    """The name of the unit the chart is drawn for (not of the last row: a bidang's chart
    holds the positions of its seksi too)."""
    if units is not None:
        own = for_opd(units, opd)
        found = own.loc[own["code"].astype(str) == str(unit_code), "name"]
        if len(found):
            return str(found.iloc[0])
    return f"unit {unit_code}"


# ---- EU bars ----------------------------------------------------------------------------


def _eu_bars(df: pd.DataFrame, labels: list[str], grades: list[object], hover_text: list[str],
             settings: Settings | None, title: str, measure: str, dropped: int,
             dropped_what: str) -> go.Figure:
    names = band_names(settings, measure)
    bands = np.array([band_of(g) for g in grades], dtype=object)
    values = df["eu2"].to_numpy(dtype="float64")
    top = float(np.nanmax(values)) if len(values) else 1.0
    x_range = value_range(max(top, band_axis_end(settings)), headroom=0.15)
    # a label that would cross a dashed band line goes inside the bar end instead
    where = np.array(band_label_positions(values, settings, x_range[1] - x_range[0]),
                     dtype=object)
    fig = go.Figure()
    for rank, band in enumerate(BAND_ORDER):
        mask = bands == band
        if not mask.any():
            continue
        fig.add_bar(y=np.array(labels, dtype=object)[mask], x=values[mask], orientation="h",
                    name=names[band], marker_color=BAND_COLORS[band], legendrank=rank,
                    text=num_labels(values[mask], 2), textposition=where[mask].tolist(),
                    insidetextanchor="end",
                    hovertext=np.array(hover_text, dtype=object)[mask], hovertemplate=HOVER)
    fig.update_layout(title=title, barmode="overlay", showlegend=True,
                      legend={"y": 0.0, "yanchor": "bottom", "yref": "container"})
    fig.update_xaxes(title=f"{measure} = kebutuhan desimal ÷ pegawai ada", tickformat=".1f",
                     range=x_range, showgrid=True)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    add_band_lines(fig, settings)
    if dropped:
        note(fig, f"{dropped} {dropped_what} tanpa pegawai (EU tidak terdefinisi) tidak ditampilkan.")
    fig = apply_theme(fig, rows_height(len(labels), extra=290))
    fig.update_layout(margin={"t": BAND_LABEL_TOP, "b": 140})
    return fig


def opd_eu(opds: pd.DataFrame, settings: Settings | None = None, *,
           label: str = "abbr", title: str | None = None) -> go.Figure:
    """EU per OPD (rounded half up to 2 decimals, the value that is graded), one bar per OPD
    coloured by its PU band, with the band reference lines; highest EU on top.

    opds: `Evaluation.opds` (opd, eu2, pu, pu_label, existing, need_raw, need).
    """
    ok = opds["eu2"].notna()
    df = opds.loc[ok].sort_values("eu2", kind="stable")
    labels = axis_labels(df, label)
    text = hover(df["opd"], [("EU", fmts(df["eu"], 4)),
                             ("PU", [f"{p} ({lab})" for p, lab in zip(df["pu"], df["pu_label"],
                                                                     strict=True)]),
                             (KPI_NEED_RAW, fmts(df["need_raw"], 2, "orang")),
                             (KPI_EXISTING, fmts(df["existing"], 0, "orang"))])
    return _eu_bars(df, labels, df["pu"].tolist(), text, settings,
                    title or TITLE_EU_PER_OPD, "EU", int((~ok).sum()), "OPD")


def unit_eu_bars(units: pd.DataFrame, opd: str | None = None, settings: Settings | None = None,
                 *, depth: int = 2, title: str | None = None) -> go.Figure:
    """EU of the units of one OPD at `depth` (2 = sekretariat/bidang/bagian, 3 = seksi/subbagian),
    each over its whole subtree, coloured by PU band with the band reference lines.

    units: `WorkloadResult.units`; opd None = every row given (already filtered).
    """
    own = for_opd(units, opd)
    parents = dict(zip(own["uid"], own["name"], strict=True))
    level = own.loc[own["depth"] == depth]
    ok = level["eu2"].notna()
    df = level.loc[ok].sort_values("eu2", kind="stable")
    labels = axis_labels(df, "name", fallback="name", width=30)
    text = hover(df["name"], [("Induk", [str(parents.get(p, "–")) for p in df["parent_uid"]]),
                              ("EU", fmts(df["eu"], 4)),
                              ("PU", [f"{p} ({lab})" for p, lab in
                                      zip(df["pu"], df["pu_label"], strict=True)]),
                              (KPI_NEED_RAW, fmts(df["need_raw"], 2, "orang")),
                              (KPI_EXISTING, fmts(df["existing"], 0, "orang"))])
    what = "bidang/bagian" if depth == 2 else "seksi/subbagian" if depth == 3 else "unit"
    where = f" · {opd}" if opd else ""
    return _eu_bars(df, labels, df["pu"].tolist(), text, settings,
                    title or f"EU per {what}{where}", "EU", int((~ok).sum()), "unit")


# ---- surplus / shortage -----------------------------------------------------------------


def surplus_shortage(frame: pd.DataFrame, label_col: str = "abbr", *, title: str | None = None,
                     drop_zero: bool = True) -> go.Figure:
    """Diverging bars: kekurangan (shortage) to the left, kelebihan (surplus) to the right, per
    row of `frame` (OPD or unit). Both are shown separately, never netted (domain.md §1);
    rows are sorted by net gap, the largest shortage on top.

    frame: any frame with surplus and shortage (Evaluation.opds, WorkloadResult.units).
    label_col: column for the axis (falls back to name, then opd).
    """
    key = column_or(frame, "opd", "name")
    df = frame.loc[~(drop_zero & (frame["surplus"].fillna(0) == 0)
                     & (frame["shortage"].fillna(0) == 0))]
    df = df.assign(_net=df["surplus"].fillna(0) - df["shortage"].fillna(0))
    df = df.sort_values(["_net", "surplus"], ascending=[False, True], kind="stable")
    labels = axis_labels(df, label_col, fallback=key)
    short = df["shortage"].fillna(0).to_numpy(dtype="float64")
    surplus = df["surplus"].fillna(0).to_numpy(dtype="float64")
    text = hover(df[key], [("Kekurangan", fmts(short, 0, "orang")),
                           ("Kelebihan", fmts(surplus, 0, "orang")),
                           ("Selisih bersih", num_labels(df["_net"], 0, "orang", signed=True))])
    fig = go.Figure()
    fig.add_bar(y=labels, x=-short, orientation="h", name=label("shortage"),
                marker_color=SHORTAGE_COLOR, text=[t if s else "" for t, s in
                                                   zip(num_labels(short), short, strict=True)],
                textposition="outside", hovertext=text, hovertemplate=HOVER)
    fig.add_bar(y=labels, x=surplus, orientation="h", name=label("surplus"),
                marker={"color": SURPLUS_COLOR, "pattern": PATTERN},
                text=[t if s else "" for t, s in zip(num_labels(surplus), surplus, strict=True)],
                textposition="outside", hovertext=text, hovertemplate=HOVER)
    m = float(max(short.max(initial=0), surplus.max(initial=0), 1.0))
    step = max(nice_step(2 * m, 6), 1.0)
    ticks = np.arange(-np.ceil(m / step) * step, np.ceil(m / step) * step + step / 2, step)
    fig.update_layout(title=title or "Kekurangan dan kelebihan pegawai", barmode="relative",
                      showlegend=False)
    fig.update_xaxes(title="Orang", range=[-m * 1.3, m * 1.3], tickvals=ticks,
                     ticktext=num_labels(np.abs(ticks)), showgrid=True, zeroline=True,
                     zerolinecolor=TEXT_COLOR, zerolinewidth=2)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    ann = {"showarrow": False, "y": 1.0, "yref": "paper", "yanchor": "bottom", "xref": "x",
           "font": {"size": SIZES["annotation"], "color": TEXT_COLOR}}
    fig.add_annotation(x=0, xanchor="right", text="◀ Kekurangan ", **ann)
    fig.add_annotation(x=0, xanchor="left", text=" Kelebihan ▶", **ann)
    return apply_theme(fig, rows_height(len(labels)))


# ---- tasks ------------------------------------------------------------------------------


def top_tasks(tasks: pd.DataFrame, positions: pd.DataFrame | None = None,
              opd: str | None = None, position_code: str | None = None, n: int = 10, *,
              title: str | None = None) -> go.Figure:
    """The tasks that drive a position's need: hours per year and share of the position's
    workload for the `n` largest tasks (the rest summed in one grey bar), largest on top.

    tasks: `WorkloadResult.tasks`; positions: `WorkloadResult.positions`. With `positions`,
    `opd` and `position_code` the position is looked up (title and subtitle name it and give
    its workload and need); without them `tasks` must already be one position's tasks.
    """
    p = None
    if positions is not None and position_code is not None:
        pos = positions.loc[(positions["opd"] == opd) & (positions["code"].astype(str)
                                                         == str(position_code))]
        if pos.empty:
            raise KeyError(f"Jabatan {position_code!r} tidak ada di {opd!r}.")
        p = pos.iloc[0]
        tasks = tasks.loc[tasks["pid"] == p["pid"]]
    df = tasks.sort_values("hours", ascending=False, kind="stable")
    top, rest = df.iloc[:n], df.iloc[n:]
    names = [str(t) for t in top["task"]]
    hours = top["hours"].astype(float).tolist()
    shares = top["share_of_position"].astype(float).tolist()
    colors = [EXISTING_COLOR] * len(top)
    if len(rest):
        names.append(f"Tugas lainnya ({len(rest)} tugas)")
        hours.append(float(rest["hours"].sum()))
        shares.append(float(rest["share_of_position"].sum()))
        colors.append(GREY)
    names, hours, shares, colors = names[::-1], hours[::-1], shares[::-1], colors[::-1]
    labels = axis_labels(pd.DataFrame({"t": names}), None, fallback="t", width=36)
    text = [f"{h} ({fmt_pct(s)})" for h, s in zip(fmts(hours, 0, "jam"), shares, strict=True)]
    # labels inside the long bars (they would run off a narrow plot), outside the short ones
    fig = go.Figure(go.Bar(y=labels, x=hours, orientation="h", marker_color=colors, text=text,
                           textposition="auto", insidetextanchor="end", constraintext="none",
                           hovertext=[f"<b>{wrap(n_, 60, 4)}</b>" for n_ in names],
                           hovertemplate=HOVER, showlegend=False))
    if p is not None:
        sub = (f"Beban {fmts([p['workload_hours']], 0, 'jam/tahun')[0]} · kebutuhan "
               f"{fmts([p['need_raw']], 2)[0]} → {fmts([p['need']], 0, 'orang')[0]} · "
               f"pegawai ada {fmts([p['existing']], 0, 'orang')[0]}")
        head = f"Tugas terbesar · {p['name']}"
    else:
        sub = f"Total {fmts([df['hours'].sum()], 0, 'jam/tahun')[0]} dari {len(df)} tugas"
        head = "Tugas terbesar (jam per tahun)"
    fig.update_layout(title={"text": title or head, "subtitle": {"text": sub}})
    fig.update_xaxes(title="Jam per tahun", tickformat=",", showgrid=True,
                     range=value_range(max(hours, default=1), 0.35))
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    return apply_theme(fig, rows_height(len(labels), row=54))


# ---- treemap ----------------------------------------------------------------------------


def workload_treemap(units: pd.DataFrame, positions: pd.DataFrame, opd: str,
                     settings: Settings | None = None, *, maxdepth: int | None = 2,
                     title: str | None = None) -> go.Figure:
    """Treemap of one OPD: OPD → unit → sub-unit → jabatan, area = workload hours per year,
    colour = EU band (units) or EJ band (positions; vacant positions orange), label with hours.
    Click a box to zoom; `maxdepth` levels are shown at once (2 = the OPD and its units,
    readable on a projector; None = every level down to the positions).

    units, positions: `WorkloadResult.units` / `.positions`.
    """
    u = for_opd(units, opd)
    p = for_opd(positions, opd)
    p = p.loc[p["workload_hours"] > 0]
    ids = [f"u{x}" for x in u["uid"]] + [f"p{x}" for x in p["pid"]]
    parents = ["" if x < 0 else f"u{x}" for x in u["parent_uid"]] + \
        [f"u{x}" for x in p["unit_uid"]]
    # narrow wrap: a name must fit a narrow tile (see uniformtext below)
    names = [wrap(x, 60 if r < 0 else 16, 1 if r < 0 else 3) for x, r in
             zip(u["name"], u["parent_uid"], strict=True)] + [wrap(x, 16, 3) for x in p["name"]]
    values = [0.0] * len(u) + p["workload_hours"].astype(float).tolist()
    bands = [band_of(g) for g in u["pu"]] + \
        [band_of(g, vacant=s == "kosong") for g, s in zip(p["pj"], p["status"], strict=True)]
    hours = fmts(u["workload_hours"], 0, "jam") + fmts(p["workload_hours"], 0, "jam")
    measure = ["EU " + v for v in fmts(u["eu2"], 2)] + ["EJ " + v for v in fmts(p["ej2"], 2)]
    staff = fmts(u["existing"], 0, "orang") + fmts(p["existing"], 0, "orang")
    need = fmts(u["need"], 0, "orang") + fmts(p["need"], 0, "orang")
    band_text = band_names(settings, "EJ/EU")
    hover_text = [f"<b>{n}</b><br>Beban: {h}/tahun<br>{m}<br>Pegawai ada: {s}<br>Kebutuhan: {k}"
                  f"<br>{band_text[b]}"
                  for n, h, m, s, k, b in zip(names, hours, measure, staff, need, bands,
                                              strict=True)]
    fig = go.Figure(go.Treemap(
        ids=ids, parents=parents, labels=names, values=values, branchvalues="remainder",
        text=[f"{h}<br>{m}" for h, m in zip(hours, measure, strict=True)],
        texttemplate="<b>%{label}</b><br>%{text}", textposition="middle center",
        marker={"colors": [BAND_COLORS[b] for b in bands], "line": {"color": "white", "width": 2}},
        hovertext=hover_text, hovertemplate=HOVER, maxdepth=maxdepth, sort=True,
        pathbar={"visible": True, "textfont": {"size": SIZES["label"]}},
        textfont={"size": SIZES["label"], "color": [text_color_on(BAND_COLORS[b]) for b in bands]},
        tiling={"pad": 3}, root={"color": "white"},
    ))
    # legend-only markers: a treemap has no legend of its own
    present = [b for b in BAND_ORDER if b in set(bands)]
    for b in present:
        fig.add_scatter(x=[None], y=[None], mode="markers", name=band_text[b],
                        marker={"size": 18, "color": BAND_COLORS[b], "symbol": "square"},
                        hoverinfo="skip")
    fig.update_layout(title={"text": f"Beban kerja {opd} (jam per tahun)",
                             "subtitle": {"text": "Luas kotak = jam kerja per tahun; klik untuk "
                                                  "memperbesar"}},
                      legend={"y": 0.0, "yanchor": "bottom", "yref": "container"},
                      margin={"l": 10, "r": 10, "b": 130},
                      # no uniform size: plotly shrinks each tile's text until it fits, so
                      # every tile keeps its name (a hidden label left big tiles blank)
                      uniformtext={"mode": False})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return titled(apply_theme(fig, 760), title)
