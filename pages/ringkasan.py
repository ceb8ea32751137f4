"""Ringkasan: the city at a glance — KPIs, OPD comparison, top findings."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.base.texts import KPI_EU_CITY, KPI_EXISTING, eu_city_help
from sotk_core.present import charts
from sotk_ui import state
from sotk_ui.data import current_evaluation
from sotk_ui.safe import md
from sotk_ui.widgets import chart, findings_table, kpis, run_page, table


def body() -> None:
    ev = current_evaluation()
    s = ev.summary
    st.title(f"Ringkasan {md(ev.city.name)}")
    own = state.own_opd(ev.city.opd_names)
    if own:  # an OPD operator: their own OPD one click away
        st.page_link("pages/opd.py", label=f"Buka ringkasan OPD saya: {md(own)}",
                     icon=":material/domain:", query_params={"opd": own})
    if not s["opd_count"]:
        st.warning("Belum ada OPD yang dapat dihitung. Periksa galat di halaman **Data**.")
        return
    failed = s["files_failed"]
    st.caption(f"{s['opd_count']} OPD dihitung dari {s['files']} file"
               + (f" · {failed} file tidak dihitung karena galat (lihat halaman Data)"
                  if failed else ""))
    kpis([
        (KPI_EXISTING, f"{fmt_num(s['existing'])} orang", f"kebutuhan {fmt_num(s['need'])} orang",
         f"Kebutuhan desimal {fmt_num(s['need_raw'], 2)} orang = beban kerja "
         f"{fmt_num(s['workload_hours'])} jam ÷ WKE {fmt_num(ev.settings.wke_hours)} jam"),
        ("Lebih / kurang", f"+{fmt_num(s['surplus'])} / −{fmt_num(s['shortage'])}",
         "orang, per jabatan",
         "Dijumlah terpisah per jabatan: kelebihan di satu jabatan tidak menutupi kekurangan "
         "di jabatan lain."),
        (KPI_EU_CITY, fmt_num(s["eu"], 2), f"PU {s['pu']} ({s['pu_label']})",
         eu_city_help(ev.settings)),
        ("Kematangan kota", fmt_num(s["maturity_mean"], 2) if s["maturity_mean"] is not None
         else "–", f"{s['maturity_category'] or '–'} · {s['maturity_count']} OPD",
         "Rata-rata total kematangan OPD (skala 11–55), Permendagri 99/2018."),
    ])

    opds = ev.opds
    chart(charts.opd_eu(opds, ev.settings), "ring_eu", "eu_per_opd")
    chart(charts.opd_need_vs_existing(opds), "ring_need", "kebutuhan_vs_ada")
    chart(charts.surplus_shortage(opds, "abbr"), "ring_gap", "kelebihan_kekurangan")
    if len(ev.maturity.opd):
        chart(charts.maturity_ranking(opds, ev.settings), "ring_maturity", "peringkat_kematangan")

    findings = ev.findings
    if findings is not None and len(findings):
        st.subheader("Temuan utama")
        findings_table(findings.head(8), key="ring_findings")
    with st.expander("Tabel per OPD"):
        table(opds, ["opd", "existing", "need", "surplus", "shortage", "eu2"], key="ring_table")


run_page(body)
