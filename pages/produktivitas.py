"""Produktivitas: drill down OPD → bidang → seksi → jabatan with EU/EJ, PU/PJ and need."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.base.texts import KPI_EU_OPD, KPI_EXISTING, KPI_VACANT, ej_eu_reading
from sotk_core.present import charts, tables
from sotk_ui.data import current_evaluation
from sotk_ui.notes import notes_widget
from sotk_ui.safe import md
from sotk_ui.widgets import chart, kpis, opd_picker, run_page, table

ALL = "(semua unit)"
HELP_EJ = ("EJ = kebutuhan desimal ÷ pegawai ada. Kebutuhan desimal = beban kerja (jam/tahun) ÷ "
           "jam kerja efektif (WKE), sebelum dibulatkan menjadi orang. Urut dari EJ tertinggi.")


def body() -> None:
    ev = current_evaluation()
    wl = ev.workload
    st.title("Produktivitas (analisis beban kerja)")
    st.caption(ej_eu_reading(ev.settings))
    opd = opd_picker(ev.city.opd_names, key="prod_opd")
    if opd is None:
        st.warning("Belum ada OPD yang dapat dihitung.")
        return
    o = ev.opds.set_index("opd").loc[opd]
    kpis([
        (KPI_EXISTING, f"{fmt_num(o['existing'])} orang", f"kebutuhan {fmt_num(o['need'])} orang",
         f"Beban kerja {fmt_num(o['workload_hours'])} jam/tahun"),
        ("Lebih / kurang", f"+{fmt_num(o['surplus'])} / −{fmt_num(o['shortage'])}",
         "orang, per jabatan", None),
        (KPI_EU_OPD, fmt_num(o["eu"], 2), f"PU {o['pu']} ({o['pu_label']})", None),
        (KPI_VACANT, fmt_num(o["vacant"]), f"dari {fmt_num(o['positions'])} jabatan",
         "Jabatan dengan beban kerja tetapi tanpa pegawai"),
    ])

    whole = tables.scope(ev, opd)
    notes_widget(opd, tables.unit_names(whole.units), key="prod_notes")
    chart(charts.unit_eu_bars(wl.units, opd, ev.settings, depth=2), "prod_bidang", "eu_bidang")

    options = tables.bidang_options(ev, opd)
    choice = st.selectbox("Telusuri bidang/bagian", [ALL, *options], key="prod_bidang_pick",
                          format_func=lambda c: ALL if c == ALL else options[c])
    part = tables.scope(ev, opd, None if choice == ALL else choice)
    if part.code is not None and tables.has_depth(part.units, 3):
        chart(charts.unit_eu_bars(part.units, opd, ev.settings, depth=3,
                                  title=f"EU per seksi/subbagian · {part.name}"),
              "prod_seksi", "eu_seksi")
    chart(charts.position_need_bars(wl.positions, opd, unit_code=part.code, units=wl.units,
                                    title=f"Pegawai ada dan kebutuhan per jabatan · {part.name}"),
          "prod_positions", "jabatan")

    chart(charts.workload_treemap(wl.units, wl.positions, opd, ev.settings), "prod_treemap",
          "treemap_beban")
    st.subheader("Tugas yang paling menentukan kebutuhan satu jabatan")
    names = tables.position_choices(part.positions)
    if names:
        code = st.selectbox("Jabatan", list(names), key="prod_pos_pick",
                            format_func=names.get)
        chart(charts.top_tasks(wl.tasks, wl.positions, opd, code, n=8), "prod_tasks",
              "tugas_utama")

    st.subheader(f"Tabel jabatan · {md(part.name)}", help=HELP_EJ)
    table(tables.positions_view(part.positions, ev.settings),
          ["name", "unit_name", "existing", "need_raw", "need", "ej2", "status"],
          key="prod_pos_table")
    box = st.expander("Tabel unit", key="prod_units_open", on_change="rerun")
    if box.open:  # built only when opened
        with box:
            table(part.units, ["name", "existing", "need", "surplus", "shortage", "eu2"],
                  key="prod_unit_table")


run_page(body)
