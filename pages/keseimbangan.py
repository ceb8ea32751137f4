"""Keseimbangan: is work evenly spread? EJ distribution, hours per head, imbalance measures."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.labels import BASIS_APP
from sotk_core.model.balance import (
    idle_positions,
    idle_units,
    overloaded_positions,
    overloaded_units,
)
from sotk_core.present import charts
from sotk_ui.data import current_evaluation
from sotk_ui.widgets import chart, kpis, run_page, table

POS_COLS = ["name", "unit_name", "existing", "need_raw", "ej2"]
UNIT_COLS = ["name", "opd", "existing", "need_raw", "eu2"]
OPD_HOURS_COLS = ["abbr", "shown", "median_hours_per_head", "min_hours_per_head",
                  "max_hours_per_head", "opd", "staffed_units"]


def body() -> None:
    ev = current_evaluation()
    bal, wl = ev.balance, ev.workload
    st.title("Keseimbangan beban kerja")
    st.caption(f"{BASIS_APP} — \"tidak ada beban pekerjaan yang timpang\": sebaran "
               "jam kerja per orang antar-unit sejajar (koefisien variasi, Gini: 0 = merata), "
               f"EU terendah/tertinggi, dan porsi pegawai dengan EJ di luar "
               f"{fmt_num(ev.settings.balanced_ej[0], 2)}–{fmt_num(ev.settings.balanced_ej[1], 2)}.")
    s = bal.summary
    hi, lo = fmt_num(ev.settings.overload_ej, 2), fmt_num(ev.settings.idle_ej, 2)
    b_lo, b_hi = (fmt_num(x, 2) for x in ev.settings.balanced_ej)
    bidang = bal.levels.set_index("level").loc["bidang_dalam_opd"]
    kpis([
        (f"Di luar {b_lo}–{b_hi}", fmt_pct(s["share_outside"]),
         f"{fmt_num(s['staff_outside'])} dari {fmt_num(s['staff'])} orang",
         f"Pegawai pada jabatan dengan EJ < {b_lo} atau > {b_hi}"),
        ("Beban berlebih", fmt_num(s["overloaded_positions"]),
         f"jabatan · {fmt_num(s['overloaded_staff'])} orang", f"Jabatan dengan EJ > {hi}: kekurangan pegawai"),
        ("Beban rendah", fmt_num(s["idle_positions"]),
         f"jabatan · {fmt_num(s['idle_staff'])} orang", f"Jabatan dengan EJ < {lo}: kelebihan pegawai"),
        ("Gini antar-bidang", fmt_num(bidang["median_gini"], 2),
         f"tertinggi {fmt_num(bidang['max_gini'], 2)}",
         "Median Gini jam/orang antar-bidang dalam satu OPD; 0 = merata"),
    ])
    chart(charts.ej_histogram(wl.positions, ev.settings), "bal_hist", "sebaran_ej")
    abbr = dict(zip(ev.opds["opd"], ev.opds["abbr"], strict=True))
    chart(charts.hours_per_head(wl.units, ev.settings, level=2, opd_labels=abbr), "bal_hours",
          "jam_per_orang_bidang")
    # every OPD, also those the chart leaves out; built only when opened (70 OPD: 70 rows)
    box = st.expander(f"Semua OPD: jam kerja per pegawai bidang/bagian ({fmt_num(len(abbr))} OPD)",
                      key="bal_opds_open", on_change="rerun")
    if box.open:
        with box:
            table(charts.opd_hours_view(wl.units, opd_labels=abbr), OPD_HOURS_COLS,
                  key="bal_opds", compact=True)

    st.subheader("Ukuran ketimpangan per tingkat")
    table(bal.levels, ["level_label", "groups_measured", "median_cv", "max_cv", "median_gini",
                       "max_gini"], key="bal_levels")
    # expanders build their tables only when opened (40 OPD: thousands of rows)
    box = st.expander("Rincian per kelompok (paling timpang di atas)", key="bal_groups_open",
                      on_change="rerun")
    if box.open:
        with box:
            table(bal.groups.sort_values("gini", ascending=False),
                  ["group_name", "opd", "members", "mean_hours_per_head", "cv", "gini",
                   "min_eu", "max_eu"], key="bal_groups")

    st.subheader(f"Unit beban berlebih (EU > {hi})")
    table(overloaded_units(wl), UNIT_COLS, key="bal_over_units")
    st.subheader(f"Unit beban rendah (EU < {lo})")
    table(idle_units(wl), UNIT_COLS, key="bal_idle_units")
    box = st.expander("Jabatan beban berlebih dan beban rendah", key="bal_pos_open",
                      on_change="rerun")
    if box.open:
        with box:
            st.markdown(f"**Beban berlebih (EJ > {hi})**")
            table(overloaded_positions(wl), POS_COLS, key="bal_over_pos")
            st.markdown(f"**Beban rendah (EJ < {lo})**")
            table(idle_positions(wl), POS_COLS, key="bal_idle_pos")


run_page(body)
