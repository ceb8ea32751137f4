"""Putaran: the workspace's rounds over time — trend of the city and of one OPD, and what
changed since the previous round."""

from __future__ import annotations

import streamlit as st

from sotk_core.present.charts.rounds import trend_figure
from sotk_core.present.rounds import change_lines
from sotk_ui.rounds import changed_opds, opd_choices, rounds_part
from sotk_ui.safe import md
from sotk_ui.widgets import chart, run_page, table

CITY_COLS = ["round", "opd_count", "need", "existing", "surplus", "shortage", "eu",
             "maturity_mean", "maturity_category"]
OPD_COLS = ["round", "need", "existing", "surplus", "shortage", "eu", "maturity_total",
            "maturity_category"]
DELTA_COLS = ["opd", "status", "eu_before", "eu_after", "eu_delta", "maturity_total_before",
              "maturity_total_after", "maturity_delta", "existing_delta", "need_delta"]
POS_COLS = ["opd", "code", "name", "unit_name", "existing"]
STAFF_COLS = ["opd", "code", "name", "unit_name", "existing_before", "existing_after", "delta"]


def body() -> None:
    st.title("Putaran evaluasi")
    part = rounds_part()
    if part is None:
        st.info("Kota contoh hanya punya satu putaran. Buat **ruang kerja** di sidebar, simpan "
                "workbook OPD per putaran (mis. 2025 dan 2026), lalu tren dan perubahan antar "
                "putaran tampil di sini.", icon=":material/history:")
        return
    trend, changes = part
    st.caption("Setiap putaran dihitung dengan pengaturan yang berlaku di putaran itu.")
    st.subheader("Tren kota")
    chart(trend_figure(trend, ("eu",), None, "EU kota per putaran"), key="tren_kota_eu")
    table(trend.city, CITY_COLS, key="tren_kota")

    st.subheader("Tren per OPD")
    names = opd_choices(trend)
    opd = st.selectbox("OPD", names, key="tren_opd") if names else None
    if opd:
        chart(trend_figure(trend, ("need", "existing"), opd, f"Kebutuhan dan pegawai · {opd}"),
              key="tren_opd_need")
        table(trend.for_opd(opd), OPD_COLS, key="tren_opd_tabel")

    if changes is None:
        st.info("Ini putaran pertama: belum ada putaran sebelumnya untuk dibandingkan.")
        return
    st.subheader(f"Yang berubah sejak putaran {md(changes.previous)}")
    st.markdown("\n".join(f"- {md(line)}" for line in change_lines(changes, limit=12)))
    tabs = st.tabs([f"Per OPD ({len(changes.opd)})",
                    f"Jabatan baru ({len(changes.positions_added)})",
                    f"Jabatan dihapus ({len(changes.positions_removed)})",
                    f"Perubahan pegawai ({len(changes.staff_changes)})"])
    with tabs[0]:
        table(changed_opds(changes), DELTA_COLS, key="delta_opd")
    with tabs[1]:
        table(changes.positions_added, POS_COLS, key="delta_added")
    with tabs[2]:
        table(changes.positions_removed, POS_COLS, key="delta_removed")
    with tabs[3]:
        table(changes.staff_changes, STAFF_COLS, key="delta_staff")


run_page(body)
