"""Produktivitas: drill down OPD → bidang → seksi → jabatan with EU/EJ, PU/PJ and need."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.model.workload import STATUS_LABELS
from sotk_core.present import charts
from sotk_ui.data import current_evaluation
from sotk_ui.notes import notes_widget
from sotk_ui.widgets import chart, kpis, opd_picker, run_page, table

ALL = "(semua unit)"


def body() -> None:
    ev = current_evaluation()
    wl = ev.workload
    st.title("Produktivitas (analisis beban kerja)")
    st.caption("EJ/EU = kebutuhan desimal ÷ pegawai ada. >1,00: beban berlebih (kurang pegawai); "
               "<0,50: beban rendah (kelebihan pegawai). Predikat PJ/PU: A >1,00 · B 0,90–1,00 · "
               "C 0,70–0,89 · D 0,50–0,69 · E <0,50.")
    opd = opd_picker(ev.city.opd_names, key="prod_opd")
    if opd is None:
        st.warning("Belum ada OPD yang dapat dihitung.")
        return
    o = ev.opds.set_index("opd").loc[opd]
    kpis([
        ("Pegawai ada", f"{fmt_num(o['existing'])} orang", f"kebutuhan {fmt_num(o['need'])} orang",
         f"Beban kerja {fmt_num(o['workload_hours'])} jam/tahun"),
        ("Lebih / kurang", f"+{fmt_num(o['surplus'])} / −{fmt_num(o['shortage'])}",
         "orang, per jabatan", None),
        ("EU OPD", fmt_num(o["eu"], 2), f"PU {o['pu']} ({o['pu_label']})", None),
        ("Jabatan kosong", fmt_num(o["vacant"]), f"dari {fmt_num(o['positions'])} jabatan",
         "Jabatan dengan beban kerja tetapi tanpa pegawai"),
    ])

    units = wl.units.loc[wl.units["opd"] == opd]
    positions = wl.positions.loc[wl.positions["opd"] == opd]
    notes_widget(opd, list(dict.fromkeys(units.loc[units["depth"] > 1, "name"])), key="prod_notes")
    chart(charts.unit_eu_bars(wl.units, opd, ev.settings, depth=2), "prod_bidang", "eu_bidang")

    level2 = units.loc[units["depth"] == 2]
    choice = st.selectbox("Telusuri bidang/bagian", [ALL, *level2["code"]], key="prod_bidang_pick",
                          format_func=lambda c: ALL if c == ALL else
                          f"{level2.set_index('code').loc[c, 'name']} ({c})")
    if choice == ALL:
        scope_units, scope_positions, scope_name = units, positions, opd
    else:
        uid = int(level2.set_index("code").loc[choice, "uid"])
        sub = ev.city.ancestors
        inside = set(sub.loc[sub["ancestor"] == uid, "uid"])
        scope_units = units.loc[units["uid"].isin(inside)]
        scope_positions = positions.loc[positions["unit_uid"].isin(inside)]
        scope_name = level2.set_index("code").loc[choice, "name"]
        if (scope_units["depth"] == 3).any():
            chart(charts.unit_eu_bars(scope_units, opd, ev.settings, depth=3), "prod_seksi",
                  "eu_seksi")
    st.caption(f"Jabatan di {scope_name}")
    chart(charts.position_need_bars(wl.positions, opd, unit_code=None if choice == ALL else choice,
                                    units=wl.units), "prod_positions", "jabatan")

    chart(charts.workload_treemap(wl.units, wl.positions, opd, ev.settings), "prod_treemap",
          "treemap_beban")
    st.subheader("Tugas yang paling menentukan kebutuhan satu jabatan")
    with_tasks = scope_positions.loc[scope_positions["task_count"] > 0]
    if len(with_tasks):
        names = dict(zip(with_tasks["code"], with_tasks["name"] + " (" +
                         with_tasks["unit_name"] + ")", strict=True))
        code = st.selectbox("Jabatan", list(names), key="prod_pos_pick",
                            format_func=names.get)
        chart(charts.top_tasks(wl.tasks, wl.positions, opd, code, n=8), "prod_tasks",
              "tugas_utama")

    st.subheader("Tabel jabatan")
    view = scope_positions.assign(status=scope_positions["status"].map(STATUS_LABELS))
    table(view, ["name", "existing", "need", "gap", "ej2", "pj"], key="prod_pos_table")
    with st.expander("Tabel unit"):
        table(scope_units, ["name", "existing", "need", "surplus", "shortage", "eu2"],
              key="prod_unit_table")


run_page(body)
