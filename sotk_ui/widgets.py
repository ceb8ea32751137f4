"""Widgets shared by pages: page guard, KPI cards, charts, tables, OPD picker, issue panel."""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.errors import FragmentHandledException
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from sotk_core.base.fmt import fmt_num
from sotk_core.base.issues import Issue
from sotk_core.base.labels import (
    FINDING_BASIS,
    FINDING_SEVERITY_LABELS,
    ISSUE_SEVERITY_LABELS,
    compact_label,
    label,
)
from sotk_core.present.safe import csv_bytes
from sotk_core.scenario import ScenarioError
from sotk_ui import state
from sotk_ui.downloads import image_menu
from sotk_ui.safe import md

log = logging.getLogger("sotk_ui")

DECIMALS: dict[str, int] = {
    "workload_hours": 1, "own_workload_hours": 1, "hours": 1, "minutes": 0, "need_raw": 2,
    "eu": 2, "eu2": 2, "ej": 2, "ej2": 2, "volume": 1, "norma": 1, "share_of_position": 2,
    "maturity_total": 0, "kelembagaan_total": 2, "skor": 0, "sakip": 1, "cv": 2, "gini": 2,
    "min_eu": 2, "max_eu": 2, "minmax_ratio": 2, "share_outside": 2, "median_cv": 2,
    "max_cv": 2, "median_gini": 2, "max_gini": 2, "mean_hours_per_head": 0,
    "min_hours_per_head": 0, "max_hours_per_head": 0, "span_median": 1, "value": 2, "limit": 0,
    "eu2_median": 2, "eu2_distance": 2, "eu2_relative": 0, "need_per_head": 2,
    "hours_per_head": 0, "ej_min": 2, "ej_median": 2, "ej_max": 2, "spread": 2,
    "top_unit_eu": 2, "median_hours_per_head": 0,
}


def ensure_frame() -> bool:
    """Run app.py's frame around this page if Streamlit skipped it.

    A deep link (/kematangan) opened first on a fresh server, and every AppTest run, executes
    the page file alone (Streamlit's legacy `pages/` mode), without app.py. Then leave that
    mode for good and run app.py here, in the same script run (widget triggers survive): its
    st.navigation resolves the same page (url_path = file stem) and runs it inside the frame.
    Returns False when the page body already ran that way."""
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory:
        return True
    PagesManager.uses_pages_directory = False
    import runpy
    from pathlib import Path

    runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"), run_name="__main__")
    return False


WIDE_COLUMNS = {"name", "opd", "unit_name", "task", "message", "var_name", "group_name",
                "next_text", "size_note", "head_name", "file", "label", "note", "from_name",
                "to_name", "from_unit_name", "to_unit_name", "weakest", "top_unit", "lowest",
                "highest", "quadrant"}


def run_page(body: Callable[[], None]) -> None:
    """Run a page body; any failure becomes an Indonesian message, never a traceback."""
    if not ensure_frame():
        return
    try:
        body()
    except (ScriptControlException, FragmentHandledException):
        raise  # st.rerun / st.stop / a fragment's own error handling
    except ScenarioError as exc:  # e.g. a scenario made for other data: say what to do
        scenario_mismatch(exc, "Buka halaman **Simulasi** lalu kosongkan atau hapus skenario "
                               "itu, atau muat lagi data yang dipakai saat skenario dibuat.")
    except Exception:  # noqa: BLE001 - the guard of last resort
        log.exception("page failed")
        st.error(
            "Maaf, bagian ini tidak dapat ditampilkan karena terjadi kesalahan saat mengolah "
            "data. Halaman lain tetap dapat dipakai; periksa data di halaman **Data**, "
            "kosongkan skenario di **Simulasi**, atau kembali ke kota contoh.",
            icon=":material/warning:",
        )


def scenario_mismatch(exc: ScenarioError, what_to_do: str) -> None:
    """The Indonesian message for a scenario the data in force cannot carry."""
    st.error(f"Skenario ini tidak cocok dengan data yang sedang dimuat: {md(exc.message)} "
             + what_to_do, icon=":material/warning:")


def kpis(items: Sequence[tuple[str, str, str | None, str | None]],
         columns: int | None = None) -> None:
    """A row of KPI cards: (label, short value, grey line under it, help). On a narrow
    screen the cards wrap to a second line instead of cutting their text (sotk_ui.style)."""
    key = "kpis_" + hashlib.sha1("|".join(t for t, *_ in items).encode(),
                                 usedforsecurity=False).hexdigest()[:10]
    with st.container(key=key):
        cols = st.columns(columns or len(items))
        for col, (title, value, sub, help_text) in zip(cols, items, strict=False):
            col.metric(title, value, delta=sub, delta_color="off", delta_arrow="off",
                       help=help_text, border=True)


_TAG = re.compile(r"<[^>]+>")


def plain(text: object) -> str:
    """Plotly title markup as plain text safe in markdown: <br> as a space, our own tags
    removed, entities decoded (a name's '&lt;a href…' is text again), then `md`."""
    s = re.sub(r"<br\s*/?>", " ", str(text or ""))
    return md(html.unescape(_TAG.sub("", s)))


def chart_title(fig: go.Figure, key: str) -> None:
    """The figure's title (and subtitle) as Streamlit text above the chart: it wraps on a
    narrow screen where plotly would clip it (plotly's own title is hidden by sotk_ui.style)."""
    title = fig.layout.title.text
    if not title:
        return
    with st.container(key=f"charttitle_{key}", gap="small"):
        st.markdown(f"##### {plain(title)}")
        sub = fig.layout.title.subtitle.text
        if sub:
            st.caption(plain(sub))


TITLE_ROOM = 46  # px of a figure's top margin that its (hidden) one-line title takes


def on_screen(fig: go.Figure) -> go.Figure:
    """A copy of `fig` for the page: the title stays in the figure (hidden by CSS, kept for
    the toolbar's PNG) but does not take room at the top any more."""
    if not fig.layout.title.text:
        return fig
    out = go.Figure(fig)
    sub = str(out.layout.title.subtitle.text or "")
    room = TITLE_ROOM + (24 * (sub.count("<br>") + 1) if sub else 0)
    top = out.layout.margin.t
    out.update_layout(title_automargin=False,
                      margin_t=max((top if top is not None else 100) - room, 24))
    return out


def chart(fig: go.Figure, key: str, filename: str | None = None) -> None:
    """A plotly chart with the project's template untouched (theme=None), its title above it
    as wrapping text, a high-resolution PNG button in the toolbar and an "Unduh gambar" menu
    (PNG/SVG rendered on demand, with the title inside the image)."""
    chart_title(fig, key)
    st.plotly_chart(
        on_screen(fig), theme=None, key=key, width="stretch",
        config={"displaylogo": False,
                "toImageButtonOptions": {"format": "png", "filename": filename or key,
                                         "width": 1600, "height": 900, "scale": 2},
                "modeBarButtonsToRemove": ["lasso2d", "select2d"]},
    )
    image_menu(fig, f"img_{key}", filename or key)


def table(frame: pd.DataFrame, columns: Sequence[str] | None = None, *, key: str | None = None,
          height: int | str = "auto", max_rows: int = 2000, dash_missing: bool = False,
          compact: bool = False) -> None:
    """A table with Indonesian headers (units included) and numbers as 1.234,5.
    `dash_missing`: a number column with blanks is shown as text, a blank as "–" (the grid
    itself would write None there, whatever the styler says).
    `compact`: for a 1024 px projector, the grid shows the short headers of compact_label
    (the full header is the column's tooltip and the CSV's header) and keeps the first
    column in view while the others scroll."""
    cols = [c for c in (columns or list(frame.columns)) if c in frame.columns]
    view = frame.loc[:, cols]
    if len(view) > max_rows:
        st.caption(f"Menampilkan {fmt_num(max_rows)} dari {fmt_num(len(view))} baris; unduh "
                   "workbook hasil untuk semua baris.")
        view = view.iloc[:max_rows]
    as_text = {c for c in cols if dash_missing and not pd.api.types.is_bool_dtype(frame[c])
               and pd.api.types.is_numeric_dtype(frame[c]) and view[c].isna().any()}
    view = view.assign(**{c: [fmt_num(v, DECIMALS.get(c, 0)) for v in view[c]]
                          for c in as_text})
    view = view.rename(columns={c: label(c) for c in cols})
    styler = view.style.hide(axis="index")
    widths: dict[str, object] = {}
    for c in cols:
        wide = c in WIDE_COLUMNS
        # names get room; numbers size to their header so units stay readable
        short = compact_label(c) if compact else label(c)
        widths[label(c)] = st.column_config.Column(
            short if short != label(c) else None, help=label(c) if short != label(c) else None,
            width="medium" if wide else None, alignment="right" if c in as_text else None,
            pinned=True if compact and c == cols[0] else None)
        series = frame[c]
        if c in as_text:
            continue
        if pd.api.types.is_bool_dtype(series):
            styler = styler.format(lambda v: "Ya" if v else "Tidak", subset=[label(c)])
        elif pd.api.types.is_numeric_dtype(series):
            decimals = DECIMALS.get(c, 0)
            styler = styler.format(precision=decimals, decimal=",", thousands=".", na_rep="–",
                                   subset=[label(c)])
    st.dataframe(styler, hide_index=True, key=key, height=height, width="stretch",
                 column_config=widths)
    # the grid's own CSV export is off (config.toml): it would write '=HYPERLINK(…)' as is
    whole = frame.loc[:, cols].rename(columns={c: label(c) for c in cols})
    st.download_button("Unduh tabel (.csv)", csv_bytes(whole), file_name=f"{key or 'tabel'}.csv",
                       mime="text/csv", key=f"{key}_csv" if key else None, on_click="ignore",
                       icon=":material/download:", type="tertiary")


CHANGED_CELL = "background-color:#FCE9D9;font-weight:700"


STATIC_TABLE_ROWS = 40  # up to this many rows a table that wraps, more: a scrolling grid


def delta_table(view: pd.DataFrame, flags: pd.DataFrame, key: str) -> None:
    """A text table of 'before → after' cells (sotk_core.present.whatif), changed cells
    tinted and bold. A short one wraps its cells so every column stays in view on a
    projector (1024 px with the sidebar open); a long one scrolls."""
    if view.empty:
        st.caption("Tidak ada baris yang berubah.")
        return
    def tinted(frame: pd.DataFrame):  # noqa: ANN202 - a pandas Styler
        return frame.style.apply(lambda _: flags.map(lambda f: CHANGED_CELL if f else ""),
                                 axis=None).hide(axis="index")

    if len(view) > STATIC_TABLE_ROWS:
        st.dataframe(tinted(view), hide_index=True, width="stretch", key=key)
        return
    with st.container(key=key):  # st.table draws Markdown: names from files through md()
        st.table(tinted(view.map(lambda v: md(v) if isinstance(v, str) else v)))


def failed_files_notice(files: Sequence[str], compact: bool = False) -> None:
    """The files that could not be computed, on every page: their OPD is missing from every
    figure there. Names the files and links to the Data page, where the errors are listed
    with sheet, row and column."""
    if not files:
        return
    names = ", ".join(plain(f) for f in files[:6]) + (f" dan {len(files) - 6} lainnya"
                                                     if len(files) > 6 else "")
    text = (f"{len(files)} file tidak dapat dihitung dan tidak ada di angka halaman ini: "
            f"{names}.")
    with st.container(key="failed_files"):
        if compact:
            st.caption(f":material/warning: {text}")
        else:
            st.warning(text, icon=":material/warning:")
        st.page_link("pages/data.py", label="Lihat galat per file di halaman Data",
                     icon=":material/folder_open:")


def text_table(frame: pd.DataFrame, key: str) -> None:
    """A table of text that wraps (names are never cut), without the index. st.table draws
    its cells as Markdown: every text cell goes through `md`, so a name stays a name."""
    shown = frame.map(lambda v: md(v) if isinstance(v, str) else v)
    with st.container(key=key):
        st.table(shown.style.hide(axis="index"))


def lines_box(title: str, icon: str, groups: Sequence[tuple[str, Sequence[str]]], empty: str,
              key: str) -> None:
    """A bordered box: a title and, per group, its sentences as a list."""
    with st.container(border=True, key=key):
        st.markdown(f"{icon} **{title}**")
        shown = False
        for head, items in groups:
            if items:
                st.markdown(f"_{head}_\n\n" + "\n".join(f"- {plain(t)}" for t in items))
                shown = True
        if not shown:
            st.caption(empty)


def opd_picker(names: Sequence[str], key: str = "opd_picker", label_text: str = "Pilih OPD",
               sidebar: bool = False) -> str | None:
    """Pick an OPD once; every page follows, and the URL (?opd=...) can be shared."""
    if not names:
        return None
    current = state.get(state.OPD)
    from_url = st.query_params.get("opd")
    if from_url in names and from_url != current:
        current = from_url
    if current not in names:
        current = names[0]
    state.put(state.OPD, current)
    widget_key = f"{key}_widget"
    if st.session_state.get(widget_key) != current:
        st.session_state[widget_key] = current

    def _changed() -> None:
        chosen = st.session_state[widget_key]
        state.put(state.OPD, chosen)
        st.query_params["opd"] = chosen

    where = st.sidebar if sidebar else st
    where.selectbox(label_text, list(names), key=widget_key, on_change=_changed)
    if st.query_params.get("opd") != current:
        st.query_params["opd"] = current
    return current


def issues_panel(issues: Sequence[Issue], files: Sequence[str]) -> None:
    """Per file: errors (the OPD is not computed) and warnings, naming sheet, row and column."""
    by_file: dict[str, list[Issue]] = {f: [] for f in files}
    for issue in issues:
        by_file.setdefault(issue.file, []).append(issue)
    for file, found in by_file.items():
        if not found:
            with st.expander(f":material/check_circle: {md(file)}: tidak ada masalah"):
                st.write("Semua sheet terbaca sesuai template.")
            continue
        errors = [i for i in found if i.severity == "error"]
        warnings = [i for i in found if i.severity == "warning"]
        if errors:
            head = f":material/error: {md(file)}: {len(errors)} galat — OPD ini tidak dihitung"
        else:
            head = (f":material/warning: {md(file)}: {len(warnings)} peringatan — OPD tetap "
                    "dihitung")
        with st.expander(head, expanded=bool(errors)):
            frame = pd.DataFrame([{
                "Tingkat": ISSUE_SEVERITY_LABELS[i.severity],
                "Sheet": i.sheet or "–", "Baris": str(i.row) if i.row is not None else "–",
                "Kolom": i.column or "–", "Pesan": i.message} for i in found])
            st.dataframe(frame, hide_index=True, width="stretch", column_config={
                "Tingkat": st.column_config.TextColumn(width="small"),
                "Sheet": st.column_config.TextColumn(width="small"),
                "Baris": st.column_config.TextColumn(width="small"),
                "Kolom": st.column_config.TextColumn(width="small"),
                "Pesan": st.column_config.TextColumn(width="large")})
            for i in found:  # the full sentences, wrapped
                st.caption(md(f"{i.where()}: {i.message}"))


SEVERITY_ICONS = {"tinggi": ":material/error:", "sedang": ":material/warning:",
                  "rendah": ":material/info:"}


FINDINGS_PAGE = 100  # findings drawn at once; more are offered page by page


def findings_table(findings: pd.DataFrame, key: str, height: int = 460) -> None:
    """Findings as wrapped lines (no horizontal scrolling): tingkat, dasar, temuan."""
    if not len(findings):
        st.info("Tidak ada temuan untuk pilihan ini.")
        return
    rows = list(zip(findings["severity"], findings["kind"], findings["message"], strict=True))
    if len(rows) > FINDINGS_PAGE:  # a city of 40 OPD has ~1,000: the browser draws a page
        total = len(rows)
        pages = range(0, total, FINDINGS_PAGE)
        start = st.selectbox(
            "Halaman temuan", list(pages), key=f"{key}_page_{len(pages)}",
            format_func=lambda a: f"Temuan {fmt_num(a + 1)}–"
                                  f"{fmt_num(min(a + FINDINGS_PAGE, total))} dari "
                                  f"{fmt_num(total)}")
        rows = rows[start:start + FINDINGS_PAGE]
    box = st.container(height=min(height, 40 + 64 * len(rows)), border=True, key=key)
    # one paragraph per finding in a single element: a city of 40 OPD has ~1,000 findings,
    # and an element each makes the page slow to build and to draw
    box.markdown("\n\n".join(
        f"{SEVERITY_ICONS.get(severity, '')} **{FINDING_SEVERITY_LABELS.get(severity, severity)}**"
        f" · *{FINDING_BASIS.get(kind, '')}* — {md(message)}" for severity, kind, message in rows))
