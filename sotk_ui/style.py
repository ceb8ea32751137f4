"""The app's own CSS: projector fit (1024×768 with the sidebar open up to 1920×1080) and the
Streamlit texts that would otherwise show in English.

Rules, each for something seen on a screenshot:
* the main column keeps narrow side padding below 1400 px (Streamlit's wide layout pads
  ~5rem each side: at 1024 px with the sidebar the content was 540 px wide);
* KPI cards wrap to the next line instead of shrinking below 11rem, and their value and label
  wrap instead of ending in "…" ("391 …", "Pegawa…");
* chart titles are drawn by Streamlit above the chart (they wrap); plotly's own title, which
  would be clipped on a narrow plot, is hidden on screen (images and PDFs keep it);
* tab labels wrap onto a second row instead of scrolling out of sight;
* the file uploader's English button text and size line ("Upload", "50MB per file • XLSX")
  are replaced by Indonesian text through CSS pseudo-elements (the widget has no option for
  them in Streamlit 1.67);
* so is the "Stop" button beside the running indicator, shown at the top right on every page
  switch; Streamlit's main menu, English only ("Print", "Record screen", "Made with
  Streamlit"), is hidden: the app has its own downloads (PDF deck, results workbook).
  (`toolbarMode = "minimal"` would hide the menu too, but also the running indicator.)
* Streamlit's own message boxes and status line, drawn when the server cannot be reached (a
  restart, a replica going away: "Connecting", then "Connection error … Is Streamlit still
  running? … streamlit run yourscript.py") or when an address names no page ("Page not
  found"), say in Indonesian what happened and what to do. A small script marks each box by
  its English title (`data-sotk-dialog`), never touching the text React draws, and CSS
  replaces the text of a marked box.
"""

from __future__ import annotations

import json

import streamlit as st

from sotk_core.workbook.guard import MAX_FILE_BYTES

UPLOAD_LABEL = "Pilih file"
STOP_LABEL = "Hentikan"
RECONNECT_LABEL = "Menyambung ulang ke server…"
# Streamlit's message boxes by their English title: (mark, Indonesian title, Indonesian text)
DIALOGS = {
    "Connection error": ("terputus", "Sambungan ke server terputus",
                         "Aplikasi mencoba menyambung ulang sendiri. Bila pesan ini tidak hilang "
                         "dalam satu menit, muat ulang halaman (tekan F5). Catatan dan skenario "
                         "yang sudah tersimpan di ruang kerja tidak hilang."),
    "Page not found": ("tidak_ada", "Halaman tidak ditemukan",
                       "Alamat ini tidak menunjuk halaman mana pun di aplikasi; yang dibuka "
                       "halaman utama. Pilih halaman dari menu di sisi kiri."),
    "Bad message format": ("rusak", "Pesan dari server tidak terbaca",
                           "Muat ulang halaman (tekan F5). Bila pesan ini muncul lagi, hubungi "
                           "pengelola aplikasi."),
}
DROP_LABEL = f"Seret file ke sini · maks. {MAX_FILE_BYTES // 1_048_576} MB per file"

CSS = """<style>
[data-testid="stMetricValue"] {font-size: 1.9rem}
@media (max-width: 1400px) {
  [data-testid="stMainBlockContainer"] {padding-left: 1.5rem !important;
                                        padding-right: 1.5rem !important;
                                        padding-top: 4.2rem !important;}
}
@media (max-width: 1100px) {
  [data-testid="stMetricValue"] {font-size: 1.6rem}
}
/* KPI rows: two cards a line on a narrow main column, one on a phone; nothing inside ends in
   an ellipsis (a container query: the sidebar decides the width, not the screen) */
[class*="st-key-kpis_"] {container-type: inline-size;}
@container (max-width: 760px) {
  [class*="st-key-kpis_"] [data-testid="stHorizontalBlock"] {flex-wrap: wrap; row-gap: 0.75rem;}
  [class*="st-key-kpis_"] [data-testid="stColumn"] {flex: 0 1 calc(50% - 0.5rem) !important;
                                                   min-width: calc(50% - 0.5rem) !important;}
}
@container (max-width: 420px) {
  [class*="st-key-kpis_"] [data-testid="stColumn"] {flex: 1 1 100% !important;}
}
[data-testid="stMetricValue"] > div, [data-testid="stMetricLabel"] p,
[data-testid="stMetricLabel"] div, [data-testid="stMetricDelta"] div,
[data-testid="stMetricDelta"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere;}
[data-testid="stMetricLabel"] {height: auto !important;}
[data-testid="stMetricDelta"] {height: auto !important; max-width: 100%;}
/* chart titles: Streamlit draws them (they wrap); plotly's title is hidden on screen */
[data-testid="stPlotlyChart"] .infolayer .g-gtitle {display: none;}
[class*="st-key-charttitle_"] h5 {font-size: 1.25rem; font-weight: 600; padding: 0.4rem 0 0 0;
                                  margin: 0 !important; line-height: 1.3;}
[class*="st-key-charttitle_"] {gap: 0.25rem;}
[class*="st-key-charttitle_"] [data-testid="stMarkdownContainer"],
[class*="st-key-charttitle_"] [data-testid="stCaptionContainer"] {margin-bottom: 0 !important;}
[class*="st-key-charttitle_"] [data-testid="stCaptionContainer"] p {margin-bottom: 0;}
/* pills and tabs wrap onto a second row rather than run out of view */
[data-testid="stButtonGroup"] > div {flex-wrap: wrap !important;}
[data-baseweb="tab-list"] {flex-wrap: wrap; row-gap: 0.25rem;}
/* the file uploader in Indonesian */
[data-testid="stFileUploaderDropzone"] button {font-size: 0 !important;}
[data-testid="stFileUploaderDropzone"] button > * {display: none;}
[data-testid="stFileUploaderDropzone"] button::after {content: "UPLOAD_LABEL"; font-size: 1rem;}
[data-testid="stFileUploaderDropzoneInstructions"] small,
[data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0 !important;}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "DROP_LABEL"; font-size: 0.85rem; color: #595959;}
/* the running indicator's stop button in Indonesian; no English main menu */
[data-testid="stMainMenu"] {display: none !important;}
[data-testid="stStatusWidget"] button {font-size: 0 !important;}
[data-testid="stStatusWidget"] button::after {content: "STOP_LABEL"; font-size: 0.9rem;}
/* the server out of reach, in Indonesian */
[data-testid="stConnectionStatus"] label {font-size: 0 !important;}
[data-testid="stConnectionStatus"] label::after {content: "RECONNECT_LABEL"; font-size: 0.9rem;}
[data-testid="stLayoutWrapper"]:has(> .st-key-sotk_dialogs), .st-key-sotk_dialogs {
  display: none !important;}
section[data-sotk-dialog] > h2 {font-size: 0 !important;}
section[data-sotk-dialog] > h2 + div > * {display: none !important;}
</style>"""
for _name, _text in (("UPLOAD_LABEL", UPLOAD_LABEL), ("DROP_LABEL", DROP_LABEL),
                     ("STOP_LABEL", STOP_LABEL), ("RECONNECT_LABEL", RECONNECT_LABEL)):
    CSS = CSS.replace(_name, _text)
CSS = CSS.replace("</style>", "".join(
    f'section[data-sotk-dialog="{mark}"] > h2::after {{content: "{title}"; font-size: 1.5rem;}}\n'
    f'section[data-sotk-dialog="{mark}"] > h2 + div::after {{content: "{text}"; '
    "font-size: 1rem; line-height: 1.5;}\n" for mark, title, text in DIALOGS.values())
    + "</style>")

MARK_DIALOGS_JS = """<script>
(() => {
  if (window.__sotkDialogs) return;
  window.__sotkDialogs = true;
  const MARKS = MARKS_JSON;
  const mark = () => {
    for (const box of document.querySelectorAll('[data-testid="stDialog"] section[role="dialog"]')) {
      const title = box.querySelector(":scope > h2");
      const kind = title && MARKS[title.textContent.trim()];
      if (kind && box.dataset.sotkDialog !== kind) box.dataset.sotkDialog = kind;
    }
  };
  new MutationObserver(mark).observe(document.body, {subtree: true, childList: true});
  mark();
})();
</script>""".replace("MARKS_JSON", json.dumps({english: mark for english, (mark, _, _) in
                                                DIALOGS.items()}))


def apply() -> None:
    """Draw the app CSS (once per run, from app.py)."""
    st.html(CSS)
    with st.container(key="sotk_dialogs"):  # hidden (CSS): no gap above the page
        st.html(MARK_DIALOGS_JS, unsafe_allow_javascript=True)
