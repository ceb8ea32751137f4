"""Downloads made on demand: a "Buat …" button renders the file into session state (it may
take seconds: chart images, PDFs), then a download button serves it. Nothing is rendered on
an ordinary rerun, and a rendered file is served again until its inputs change."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable

import plotly.graph_objects as go
import streamlit as st

from sotk_core.model.evaluate import Evaluation
from sotk_core.model.notes import note_key
from sotk_core.present.charts import to_png, to_svg
from sotk_core.present.xlsx import results_workbook_bytes
from sotk_core.scenario import Scenario
from sotk_ui import scenarios, state
from sotk_ui.data import current_city
from sotk_ui.safe import md

STORE = "_sotk_dl_"  # session-state prefix: (signature, bytes) per download key
PNG = "image/png"
SVG = "image/svg+xml"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMAGE_WIDTH = 1600  # layout px of a downloaded chart image (PNG at scale 2: 3200 px wide)


def on_demand(label: str, key: str, signature: Callable[[], Hashable],
              make: Callable[[], bytes], file_name: str, mime: str, *,
              spinner: str = "Menyiapkan file…", help_text: str | None = None) -> bytes | None:
    """"Buat <label>" until the file exists for the current `signature()`, then "Unduh
    <label>". `make` may raise RuntimeError with an Indonesian message (shown as an error).
    Returns the bytes when they are ready."""
    store = STORE + key
    cached = st.session_state.get(store)
    if cached is not None and cached[0] != signature():
        cached = None
    if cached is None and st.button(f"Buat {label}", key=f"{key}_make", icon=":material/build:",
                                    width="stretch", help=help_text):
        with st.spinner(spinner):
            try:
                data = make()
            except RuntimeError as exc:
                st.error(md(exc), icon=":material/error:")
                return None
        cached = (signature(), data)
        st.session_state[store] = cached
    if cached is None:
        return None
    st.download_button(f"Unduh {label}", cached[1], file_name=file_name, mime=mime,
                       key=f"{key}_dl", icon=":material/download:", on_click="ignore",
                       width="stretch")
    return cached[1]


def fingerprint(fig: go.Figure) -> str:
    """A hash of the figure JSON: a stored image is served only for the same figure."""
    return hashlib.sha1(fig.to_json().encode(), usedforsecurity=False).hexdigest()


def image_height(fig: go.Figure) -> int:
    return int(fig.layout.height or 900)


def image_buttons(fig: go.Figure, key: str, filename: str) -> None:
    """PNG (high resolution) and SVG of `fig`, rendered with the same template via kaleido."""
    on_demand("PNG", f"{key}_png", lambda: fingerprint(fig),
              lambda: to_png(fig, width=IMAGE_WIDTH, height=image_height(fig), scale=2),
              f"{filename}.png", PNG, spinner="Membuat gambar PNG…")
    on_demand("SVG", f"{key}_svg", lambda: fingerprint(fig),
              lambda: to_svg(fig, width=IMAGE_WIDTH, height=image_height(fig)),
              f"{filename}.svg", SVG, spinner="Membuat gambar SVG…")


def image_menu(fig: go.Figure, key: str, filename: str) -> None:
    """A small "Unduh gambar" popover under a chart with the PNG and SVG buttons."""
    with st.popover("Unduh gambar", icon=":material/image:", type="tertiary"):
        st.caption("PNG resolusi tinggi (3200 piksel) atau SVG untuk dicetak; dibuat saat "
                   "diminta, sekitar 1 detik.")
        image_buttons(fig, key, filename)


def active_scenario() -> Scenario | None:
    """The scenario being edited on the Simulasi page, when it has changes."""
    return scenarios.active_with_changes()


def results_bytes(ev: Evaluation, scenario: Scenario | None) -> bytes:
    """The results workbook with `scenario` and this session's FGD notes, memoised."""
    notes = state.notes()
    _, key = current_city()
    memo = state.get(state.EVAL_MEMO)
    memo_key = ("results", key, ev.settings, scenario, tuple(note_key(n) for n in notes))
    if memo_key not in memo:
        for old in [k for k in memo if k[0] == "results"]:
            memo.pop(old, None)
        from sotk_ui.rounds import rounds_part  # the round sheets, in a workspace only

        run = scenarios.run(scenario) if scenario is not None else None
        memo[memo_key] = results_workbook_bytes(ev, scenario, notes, run=run,
                                                rounds=rounds_part())
    return memo[memo_key]


def results_download(ev: Evaluation, key: str = "dl_results") -> None:
    """One download with every table, the native charts, the active scenario (when it has
    changes), the FGD notes and the Asumsi sheet."""
    scenario = active_scenario()
    notes = state.notes()
    parts = [f"simulasi \u201c{md(scenario.name)}\u201d ({len(scenario)} perubahan)"
             if scenario is not None else "tanpa simulasi", f"{len(notes)} catatan FGD"]
    st.download_button("Workbook hasil (.xlsx)",
                       results_bytes(ev, scenario), file_name="hasil_sotk.xlsx", mime=XLSX,
                       key=key, icon=":material/download:", on_click="ignore", width="stretch")
    st.caption("Berisi " + " · ".join(parts) + ".")
