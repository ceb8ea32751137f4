"""Presentation mode: one slide of the city deck (sotk_core.present.deck) at a time, full width, big
type, no sidebar; previous/next, a slide counter, "Lompat ke OPD", deck options and downloads
("Opsi"), and a notes panel beside the slide ("Catatan": the slide stays visible).

The presenter's place is the slide's id (Slide.key), not its number: adding a scenario or an
OPD section never moves the presenter to another slide. Keys (a small script): PageDown,
PageUp (wireless clickers), Space / Shift+Space, the arrows, Home, End, Enter work from
anywhere on the page except while typing, and focus returns to the slide after a jump.

All state is in plain session keys through sotk_ui.state (slide id, slides shown, OPD
sections, chart height, scenario on/off, notes), so the slide and the deck survive page
switches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from sotk_core.model.evaluate import Evaluation
from sotk_core.model.notes import note_key, notes_for
from sotk_core.present.charts import to_png, to_svg
from sotk_core.present.charts.deck import SLIDE_HEIGHT, SLIDE_WIDTH, fit_slide
from sotk_core.present.deck import Slide, build_deck, deck_opds, opd_start
from sotk_core.present.pdf import deck_pdf, minutes_pdf
from sotk_core.present.xlsx import results_workbook_bytes
from sotk_ui import scenarios, state
from sotk_ui.data import current_city, current_evaluation
from sotk_ui.downloads import PDF, PNG, SVG, XLSX, fingerprint, on_demand
from sotk_ui.notes import notes, notes_files, notes_form
from sotk_ui.rounds import rounds_part
from sotk_ui.safe import md
from sotk_ui.widgets import on_screen

DECK_MEMO = "deck"
CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"]
  {display: none !important;}
[data-testid="stMainBlockContainer"], .block-container
  {padding: 0.5rem 1.25rem 0.25rem 1.25rem !important; max-width: 100% !important;}
.st-key-deck_bar {gap: 0.5rem;}
.st-key-deck_first, .st-key-deck_last {display: none !important;}
.st-key-deck_stage:focus, .st-key-deck_stage:focus-visible {outline: none;}
.st-key-deck_side {max-height: calc(100vh - 5rem); overflow-y: auto;}
.st-key-deck_charthead h1 {font-size: 2.1rem; line-height: 1.15; padding: 0.1rem 0 0 0;}
.st-key-deck_head h1 {font-size: 2.5rem; line-height: 1.2; padding: 0.3rem 0 0.2rem 0;}
.st-key-deck_head [data-testid="stCaptionContainer"] p
  {font-size: 1.45rem !important; color: #404040 !important;}
.st-key-deck_body p, .st-key-deck_body li {font-size: 1.42rem !important; line-height: 1.32;}
.st-key-deck_body li {margin-bottom: 0.35rem;}
/* KPI values scale with the slide's width (a container query) and wrap rather than run out
   of their card: "18.718 orang" of a 70-OPD city was cut at 1024 px at 3,5rem */
.st-key-deck_kpi {container-type: inline-size;}
.st-key-deck_kpi [data-testid="stMetricValue"] {font-size: clamp(1.9rem, 4.3cqi, 3.5rem) !important;}
.st-key-deck_kpi [data-testid="stMetricValue"] p {white-space: normal !important;
  overflow-wrap: anywhere;}
.st-key-deck_kpi [data-testid="stMetricLabel"] p {font-size: 1.35rem;}
.st-key-deck_kpi [data-testid="stMetricDelta"] div {font-size: 1.15rem;}
.st-key-deck_judul {padding-top: 3rem;}
.st-key-deck_judul * {text-align: center !important;}
.st-key-deck_judul h1 {font-size: 3.1rem; line-height: 1.2;}
.st-key-deck_judul p {font-size: 1.45rem !important;}
.st-key-deck_msg p {font-size: 1.7rem !important;}
.st-key-deck_count p {font-size: 1.3rem; text-align: center; margin: 0; line-height: 2.4rem;}
</style>"""


def deck_signature(ev: Evaluation) -> tuple:
    """What the deck depends on: the data, the settings, the OPD sections, the scenario."""
    _, key = current_city()
    chosen = state.get(state.DECK_OPDS)
    known = ev.city.opd_names
    order = tuple(known) if chosen is None else tuple(o for o in chosen if o in known)
    scenario = scenarios.active_with_changes() if state.get(state.DECK_SCENARIO) else None
    return (DECK_MEMO, key, ev.settings, order, scenario)


def current_deck() -> tuple[list[Slide], Evaluation, tuple]:
    """(slides, evaluation, signature), memoised per session (figures are built lazily)."""
    ev = current_evaluation()
    sig = deck_signature(ev)
    memo = state.get(state.EVAL_MEMO)
    if sig not in memo:
        for old in [k for k in memo if k[0] == DECK_MEMO][:-1]:
            memo.pop(old, None)
        scenario = sig[4]
        run = scenarios.run(scenario) if scenario is not None else None
        memo[sig] = build_deck(ev, list(sig[3]), scenario, run=run, rounds=rounds_part())
    return memo[sig], ev, sig


# ---- callbacks (they run before the page draws) ------------------------------------------


KEYS = "_sotk_deck_keys"  # slide ids of the deck last drawn, in order


def _go(key: str) -> None:
    state.set_slide_id(key)


def _step(delta: int) -> None:
    """One slide on or back from where the presenter is now (not from where the button was
    drawn): two quick clicks of a clicker move two slides."""
    keys: list[str] = st.session_state.get(KEYS) or []
    if not keys:
        return
    current = state.slide_id()
    i = keys.index(current) if current in keys else state.slide_number_hint()
    state.set_slide_id(keys[max(0, min(i + delta, len(keys) - 1))])


def _jump(starts: dict[str, str]) -> None:
    chosen = st.session_state.get("deck_jump")
    if chosen in starts:
        state.set_slide_id(starts[chosen])
    st.session_state["deck_jump"] = None


def _set_opds() -> None:
    state.put(state.DECK_OPDS, list(st.session_state.get("deck_opds_widget") or []))


def _all_opds() -> None:
    state.put(state.DECK_OPDS, None)
    st.session_state.pop("deck_opds_widget", None)  # redrawn with every OPD


def _copy(widget: str, target: str) -> None:
    state.put(target, st.session_state[widget])


def _toggle_notes() -> None:
    state.put(state.DECK_NOTES, not state.get(state.DECK_NOTES))


# ---- drawing ------------------------------------------------------------------------------

_TAG = re.compile(r"^\[(Tinggi|Sedang|Rendah)\] ")


def bullet(text: str) -> str:
    """A deck bullet as markdown: the severity tag of a finding in bold."""
    m = _TAG.match(text)
    return f"**{m.group(1)}** · {md(text[m.end():])}" if m else md(text)


def slide_figure(slide: Slide, height: int):
    """The slide's figure fitted to `height`, kept with the deck (fitting takes ~0.1 s)."""
    cache = slide.__dict__.setdefault("_fitted", {})
    if height not in cache:
        if len(cache) > 2:
            cache.clear()
        cache[height] = fit_slide(slide.figure, height)
    return cache[height]


def render_slide(slide: Slide, height: int) -> None:
    if slide.kind == "grafik" and slide.figure is not None:
        # the title as text above the chart: it wraps on a 1024 px projector where plotly
        # would clip it (plotly's own title is hidden on screen, kept in PNG and PDF)
        with st.container(key="deck_charthead"):
            st.title(md(slide.title), anchor=False)
        st.plotly_chart(
            on_screen(slide_figure(slide, height)), theme=None, key="deck_chart",
            width="stretch",
            config={"displaylogo": False, "displayModeBar": "hover",
                    "toImageButtonOptions": {"format": "png", "filename": slide.key,
                                             "width": SLIDE_WIDTH, "height": SLIDE_HEIGHT,
                                             "scale": 2},
                    "modeBarButtonsToRemove": ["lasso2d", "select2d"]})
        return
    box = "deck_judul" if slide.kind == "judul" else "deck_head"
    with st.container(key=box):
        st.title(md(slide.title), anchor=False)
        if slide.text and slide.kind != "pesan":
            (st.markdown if slide.kind == "judul" else st.caption)(md(slide.text))
        if slide.kind == "judul":
            for line in slide.bullets:
                st.markdown(md(line))
    if slide.kind == "kpi":
        with st.container(key="deck_kpi"):
            for start in range(0, len(slide.kpis), 3):
                cols = st.columns(3)
                for col, (label, value, sub) in zip(cols, slide.kpis[start:start + 3],
                                                    strict=False):
                    col.metric(label, value, delta=sub, delta_color="off", delta_arrow="off",
                               border=True)
    elif slide.kind == "teks":
        with st.container(key="deck_body"):
            st.markdown("\n".join(f"- {bullet(b)}" for b in slide.bullets))
    elif slide.kind == "pesan":
        with st.container(key="deck_msg"):
            st.info(md(slide.text or ""), icon=":material/info:")


def _options(slides: Sequence[Slide], slide: Slide, ev: Evaluation, sig: tuple) -> None:
    tab_deck, tab_files = st.tabs(["Susunan", "Unduhan"])
    with tab_deck:
        # the stored values are the widgets' defaults (not set through session state: a
        # widget mounted later in a popover would show its own default instead)
        chosen = state.get(state.DECK_OPDS)
        names = list(ev.city.opd_names)
        st.multiselect("Bagian OPD (urutan sesuai urutan memilih)", names,
                       default=names if chosen is None else [o for o in chosen if o in names],
                       key="deck_opds_widget", on_change=_set_opds,
                       placeholder="Tanpa bagian OPD",
                       help="Hapus OPD yang tidak dibahas; pilih ulang untuk memindahkannya ke "
                            "akhir.")
        st.button("Semua OPD (urutan file)", key="deck_opds_all", on_click=_all_opds,
                  icon=":material/restart_alt:")
        scenario = scenarios.active_with_changes()
        if scenario is not None:
            st.toggle(f"Sertakan slide simulasi \u201c{md(scenario.name)}\u201d "
                      f"({len(scenario)} perubahan)", value=bool(state.get(state.DECK_SCENARIO)),
                      key="deck_scen_widget", on_change=_copy,
                      args=("deck_scen_widget", state.DECK_SCENARIO))
        st.slider("Tinggi grafik (piksel)", 400, 1000, value=int(state.get(state.DECK_HEIGHT)),
                  step=20, key="deck_height_widget", on_change=_copy,
                  args=("deck_height_widget", state.DECK_HEIGHT),
                  help="Sesuaikan dengan layar proyektor: grafik harus terlihat utuh tanpa "
                       "menggulir.")
    with tab_files:
        _downloads(slides, slide, ev, sig)
    st.page_link("pages/ringkasan.py", label="Keluar dari mode presentasi",
                 icon=":material/close_fullscreen:")


def _downloads(slides: Sequence[Slide], slide: Slide, ev: Evaluation, sig: tuple) -> None:
    city = ev.city.name
    footer = f"{city} · FGD evaluasi kelembagaan dan beban kerja"
    if slide.kind == "grafik" and slide.figure is not None:
        st.caption("Slide ini sebagai gambar (1280 × 720, ukuran huruf proyektor)")
        fig = slide_figure(slide, SLIDE_HEIGHT)
        c1, c2 = st.columns(2)
        with c1:
            on_demand("PNG slide", "deck_slide_png", lambda: fingerprint(fig),
                      lambda: _png(fig), f"{slide.key}.png", PNG)
        with c2:
            on_demand("SVG slide", "deck_slide_svg", lambda: fingerprint(fig),
                      lambda: _svg(fig), f"{slide.key}.svg", SVG)
    scenario = sig[4]
    st.caption(f"PDF presentasi: {len(slides)} slide, satu halaman per slide (sekitar "
               f"{max(5, len(slides) // 2)} detik).")
    on_demand("PDF presentasi", "deck_pdf", lambda: sig,
              lambda: deck_pdf(slides, footer), "presentasi_sotk.pdf", PDF,
              spinner="Membuat PDF presentasi: setiap grafik digambar ulang…")
    minutes_download(slides, ev, sig)
    notes_sig = tuple(note_key(n) for n in notes())
    on_demand("workbook hasil (.xlsx)", "deck_results", lambda: (sig, notes_sig),
              lambda: results_workbook_bytes(ev, scenario, notes(), run=scenarios.run(scenario)
                                             if scenario is not None else None,
                                             rounds=rounds_part()),
              "hasil_sotk.xlsx", XLSX,
              spinner="Menyusun workbook hasil…")


def minutes_download(slides: Sequence[Slide] | None = None, ev: Evaluation | None = None,
                     sig: tuple | None = None, key: str = "deck_minutes") -> None:
    """The berita acara (PDF) of the deck as it is set up, with this session's notes and the
    slides actually shown in this session."""
    if slides is None or ev is None or sig is None:
        slides, ev, sig = current_deck()
    scenario = sig[4]
    notes_sig = tuple(note_key(n) for n in notes())
    shown = tuple(state.slides_shown())
    on_demand("berita acara (PDF)", key, lambda: (sig, notes_sig, shown),
              lambda: minutes_pdf(ev, slides, notes(), scenario_name=scenario.name
                                  if scenario is not None else None, shown=shown),
              "berita_acara_fgd.pdf", PDF, spinner="Membuat berita acara…",
              help_text="Satu halaman ringkasan kota dan satu halaman per OPD yang dibahas: "
                        "slide yang benar-benar ditampilkan, angka utama, temuan, catatan dan "
                        "keputusan FGD.")


def _png(fig) -> bytes:
    return to_png(fig, width=SLIDE_WIDTH, height=SLIDE_HEIGHT, scale=2)


def _svg(fig) -> bytes:
    return to_svg(fig, width=SLIDE_WIDTH, height=SLIDE_HEIGHT)


KEYS_JS = """<script>
(() => {
  const doc = document;
  if (!window.__sotkDeckKeys) {
    window.__sotkDeckKeys = true;
    // A clicker sends PageDown/PageUp; keyboards send arrows, Space, Home, End. They work from
    // anywhere on the deck page except while typing (a note, a search).
    const MAP = {PageDown: "next", ArrowRight: "next", ArrowDown: "next", PageUp: "prev",
                 ArrowLeft: "prev", ArrowUp: "prev", Home: "first", End: "last"};
    // presses while the app is still drawing the last slide are queued, not lost: one
    // click per press, the next one once the slide counter shows the previous click landed
    const queue = [];
    const counter = () => (doc.querySelector(".st-key-deck_count") || {}).textContent || "";
    let waitingFor = null, waitedSince = 0;
    const flush = () => {
      if (!queue.length) return;
      const app = doc.querySelector('[data-testid="stApp"]');
      const running = app && app.dataset.testScriptState === "running";
      if (waitingFor !== null) {
        const landed = counter() !== waitingFor && !running;
        if (!landed && Date.now() - waitedSince < 4000) { setTimeout(flush, 50); return; }
        waitingFor = null;
      }
      if (running) { setTimeout(flush, 50); return; }
      const go = queue.shift();
      const button = doc.querySelector(`.st-key-deck_${go} button`);
      if (button && !button.disabled) {
        waitingFor = counter();
        waitedSince = Date.now();
        button.click();
      }
      if (queue.length) setTimeout(flush, 50);
    };
    doc.addEventListener("keydown", (e) => {
      if (!doc.querySelector(".st-key-deck_stage") || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target && e.target.closest ? e.target : null;
      const inJump = t && t.closest(".st-key-deck_jump");
      const typing = t && (t.isContentEditable || t.tagName === "TEXTAREA" ||
                           t.tagName === "SELECT" || (t.tagName === "INPUT" && !inJump));
      if (typing || (inJump && doc.querySelector('[role="listbox"]'))) return;
      let go = MAP[e.key];
      if (e.key === " " || e.key === "Spacebar") go = e.shiftKey ? "prev" : "next";
      if (e.key === "Enter" && !(t && t.closest("button, a, input"))) go = "next";
      if (!go) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.repeat && queue.length) return;  // a held key does not run away
      queue.push(go);
      flush();
    }, true);
  }
  // after every slide change: focus back on the slide, not on the jump box or a button
  setTimeout(() => {
    const stage = doc.querySelector(".st-key-deck_stage");
    const active = doc.activeElement;
    if (!stage || (active && active.closest && active.closest(".st-key-deck_side"))) return;
    if (active && active !== doc.body && !(active.closest && active.closest(".st-key-deck_bar")))
      return;
    if (active && active.blur) active.blur();
    stage.tabIndex = -1;
    stage.focus({preventScroll: true});
  }, 80);
})();
</script><span data-slide="%s"></span>"""


def _locate(slides: Sequence[Slide]) -> int:
    """The number of the presenter's slide: found by its id, whatever was added or removed
    before it; when the id is gone, the same number (clipped)."""
    keys = [s.key for s in slides]
    current = state.slide_id()
    if current in keys:
        return keys.index(current)
    return max(0, min(state.slide_number_hint(), len(slides) - 1))


def presentation() -> None:
    """The page body of pages/presentasi.py."""
    st.html(CSS)
    slides, ev, sig = current_deck()
    n = len(slides)
    i = _locate(slides)
    slide = slides[i]
    state.set_slide_id(slide.key)
    state.mark_slide_shown(slide.key, i)
    keys = [s.key for s in slides]
    st.session_state[KEYS] = keys
    starts = {o: keys[opd_start(slides, o)] for o in deck_opds(slides)}
    height = int(state.get(state.DECK_HEIGHT))
    notes_open = bool(state.get(state.DECK_NOTES))

    with st.container(key="deck_bar", horizontal=True, vertical_alignment="center"):
        st.button("Sebelumnya", key="deck_prev", on_click=_step, args=(-1,),
                  disabled=i == 0, icon=":material/chevron_left:",
                  help="Tombol ←, PageUp atau Shift+Spasi")
        with st.container(key="deck_count", width="content"):
            st.markdown(f"**{i + 1}** / {n}")
        st.button("Berikutnya", key="deck_next", on_click=_step, args=(1,),
                  disabled=i == n - 1, icon=":material/chevron_right:",
                  help="Tombol →, PageDown atau Spasi (juga klik presentasi nirkabel)")
        st.button("Awal", key="deck_first", on_click=_go, args=(keys[0],), disabled=i == 0)
        st.button("Akhir", key="deck_last", on_click=_go, args=(keys[-1],), disabled=i == n - 1)
        st.selectbox("Lompat ke OPD", list(starts), index=None, key="deck_jump",
                     placeholder="Lompat ke OPD…", label_visibility="collapsed",
                     on_change=_jump, args=(starts,), width=260)
        with st.popover("Opsi", icon=":material/tune:"):
            _options(slides, slide, ev, sig)
        count = len(notes_for(notes(), slide.opd))
        st.button(f"Catatan ({count})", key="deck_notes_toggle", icon=":material/edit_note:",
                  type="primary" if notes_open else "secondary", on_click=_toggle_notes,
                  help="Panel catatan di samping slide; slide tetap terlihat.")
    if notes_open:
        left, right = st.columns([2.3, 1], gap="small")
        with left, st.container(key="deck_stage"):
            render_slide(slide, height)
        with right, st.container(key="deck_side", border=True):
            _notes_panel(slide, ev)
    else:
        with st.container(key="deck_stage"):
            render_slide(slide, height)
    st.html(KEYS_JS % md(slide.key).replace('"', ""), unsafe_allow_javascript=True)
    if i + 1 < n and slides[i + 1].kind == "grafik":  # ready before the next click
        slide_figure(slides[i + 1], height)


def _notes_panel(slide: Slide, ev: Evaluation) -> None:
    units = ev.workload.units
    names = units.loc[(units["opd"] == slide.opd) & (units["depth"] > 1), "name"] \
        if slide.opd else []
    notes_form(slide.opd, list(dict.fromkeys(names)), key="deck_notes")
    with st.expander("Simpan atau muat catatan"):
        notes_files("deck_notes_files", ev.city.name)
