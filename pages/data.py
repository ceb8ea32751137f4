"""Data: the loaded files, their issues, raw tables, template and results downloads."""

from __future__ import annotations

import streamlit as st

from sotk_core.present import tables
from sotk_core.workbook.formats import source_files
from sotk_ui.data import current_evaluation
from sotk_ui.downloads import results_download
from sotk_ui.notes import notes_files
from sotk_ui.panels import template_bytes
from sotk_ui.presentation import minutes_download
from sotk_ui.safe import md
from sotk_ui.sources import sources_panel
from sotk_ui.versions import versions_panel
from sotk_ui.widgets import issues_panel, run_page, table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body() -> None:
    ev = current_evaluation()
    city = ev.city
    st.title("Data")
    st.caption(f"{md(city.name)} · {len(city.workbooks)} file dimuat · {ev.summary['opd_count']} OPD "
               "dihitung")

    status = tables.file_status(city)
    st.subheader("File yang dimuat")
    st.dataframe(status, hide_index=True, width="stretch")
    sources_panel(city)
    versions_panel()  # a workspace round: every version of each OPD, restore

    st.subheader("Pemeriksaan data per file")
    issues_panel(ev.issues, [f for wb in city.workbooks for f in source_files(wb)])

    st.subheader("Unduhan")
    c1, c2 = st.columns(2)
    with c1:
        results_download(ev, key="dl_results")
    c2.download_button("Template workbook OPD kosong", template_bytes(),
                       icon=":material/download:", file_name="template_opd_sotk_v1.xlsx",
                       mime=XLSX, key="dl_template_page", on_click="ignore", width="stretch")

    st.subheader("Catatan FGD")
    notes_files("data_notes_files", city.name)
    minutes_download(key="data_minutes")

    st.subheader("Tabel mentah")
    # only the open tab's table is built (a city of 40 OPD has 100,000 task rows)
    tabs = st.tabs(["OPD", "Unit", "Jabatan", "Beban kerja", "Kematangan"], on_change="rerun",
                   key="raw_tabs")
    with tabs[0]:
        if tabs[0].open:
            table(ev.opds, ["opd", "file", "tipe", "skor", "sakip", "maturity_total"],
                  key="raw_opd")
    with tabs[1]:
        if tabs[1].open:
            table(ev.workload.units, ["code", "name", "kind", "existing", "need_raw", "eu2"],
                  key="raw_units")
    with tabs[2]:
        if tabs[2].open:
            table(ev.workload.positions, ["opd", "code", "name", "kind", "existing",
                                          "need_raw", "ej2", "pj"], key="raw_positions")
    with tabs[3]:
        if tabs[3].open:
            table(ev.workload.tasks, ["position", "task", "volume", "period", "norma",
                                      "time_unit", "hours"], key="raw_tasks")
    with tabs[4]:
        if tabs[4].open:
            table(ev.maturity.levels, ["opd", "roman", "var_name", "self_level",
                                       "verified_level", "level"], key="raw_maturity")


run_page(body)
