"""Ringkasan OPD: one OPD as its head reads it — overloaded and idle seksi and positions in
plain words, the positions by EJ with their unit, findings and notes; EJ, EU and the decimal
need explained where they appear."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.texts import EXPLAIN_EU, EXPLAIN_NEED_RAW, explain_ej, explain_pj
from sotk_core.present import tables
from sotk_core.present.opd_view import opd_view, positions_lines, table_parts, units_lines
from sotk_ui import state
from sotk_ui.data import current_evaluation
from sotk_ui.notes import notes_widget
from sotk_ui.safe import md
from sotk_ui.versions import own_submission_panel
from sotk_ui.widgets import kpis, lines_box, opd_picker, run_page, text_table


def body() -> None:
    ev = current_evaluation()
    st.title("Ringkasan OPD")
    names = list(ev.city.opd_names)
    own = state.own_opd(names)
    if own in names and state.get(state.OPD) is None:
        state.put(state.OPD, own)
    opd = opd_picker(names, key="opdview_opd")
    if opd is None:
        st.warning("Belum ada OPD yang dapat dihitung. Periksa file di halaman **Data**.")
        return
    view = opd_view(ev, opd)
    h = view.headline
    kpis([
        ("Pegawai ada", h["existing"], h["existing_sub"], EXPLAIN_NEED_RAW),
        ("Lebih / kurang", h["gap"], "orang, dijumlah per jabatan",
         "Kelebihan di satu jabatan tidak menutup kekurangan di jabatan lain."),
        ("EU OPD", h["eu"], h["eu_sub"], f"{EXPLAIN_EU} {explain_pj(ev.settings)}"),
        ("Jabatan kosong", h["vacant"], h["vacant_sub"],
         "Jabatan yang punya beban kerja tetapi tidak ada pegawainya."),
    ])
    with st.expander("Cara membaca angka ini: EJ, EU dan kebutuhan desimal",
                     icon=":material/help:"):
        st.markdown("\n".join(f"- {t}" for t in (EXPLAIN_NEED_RAW, explain_ej(ev.settings),
                                                  EXPLAIN_EU, explain_pj(ev.settings))))
    over, idle = st.columns(2)
    with over:
        lines_box("Beban berlebih: perlu tambahan pegawai", ":material/trending_up:",
                  [("Seksi dan bidang", units_lines(view.overloaded_units)),
                   ("Jabatan", positions_lines(view.overloaded_positions))],
                  "Tidak ada seksi, bidang atau jabatan yang beban berlebih.", key="opdview_over")
    with idle:
        lines_box("Beban rendah: pegawai dapat dialihkan", ":material/trending_down:",
                  [("Seksi dan bidang", units_lines(view.idle_units)),
                   ("Jabatan", positions_lines(view.idle_positions))],
                  "Tidak ada seksi, bidang atau jabatan yang beban rendah.", key="opdview_idle")
    st.subheader("Semua jabatan, EJ tertinggi di atas", help=explain_ej(ev.settings))
    parts = table_parts(view.positions)
    if parts.note:
        st.caption(parts.note)
    text_table(parts.first, key="opdview_positions")
    if parts.rest_title:
        box = st.expander(parts.rest_title, key="opdview_rest_open", on_change="rerun")
        if box.open:  # built only when opened (an OPD of the 40-OPD city has 150 positions)
            with box:
                text_table(parts.rest, key="opdview_positions_rest")
    st.subheader("Temuan")
    if not view.findings:
        st.info("Tidak ada temuan untuk OPD ini.")
    else:  # one element, not one per finding
        st.markdown("\n\n".join(f"**{severity}** · _{basis}_ — {md(message)}"
                                 for severity, basis, message in view.findings))
    own_submission_panel(ev, opd)
    units = tables.scope(ev, opd).units
    notes_widget(opd, tables.unit_names(units), key="opdview_notes", expanded=True)


run_page(body)
