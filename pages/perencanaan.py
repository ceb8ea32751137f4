"""Perencanaan: the five-year formasi plan, like units side by side, maturity beside workload."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.labels import BASIS_APP_SETTING, QUADRANT_LABELS
from sotk_core.present import planning
from sotk_core.present.charts import planning as plan_charts
from sotk_core.present.xlsx import planning_workbook_bytes
from sotk_ui import planning as ui
from sotk_ui import state
from sotk_ui.data import current_evaluation
from sotk_ui.downloads import XLSX, on_demand
from sotk_ui.safe import md
from sotk_ui.widgets import chart, kpis, opd_picker, run_page, table

OPD_COLS = ["opd", "new_formasi", "formasi", "redistributed_in", "retiring", "need", "existing",
            "projected", "excess_left"]
# the result first (new formasi, then what it comes from): at 1024×768 the first four
# columns are in view, the others scroll beside the pinned name
POSITION_COLS = ["name", "new_formasi", "formasi", "retiring", "need", "existing", "unit_name"]
MEMBER_COLS = ["label", "eu2", "eu2_distance", "eu2_relative", "need_per_head",
               "hours_per_head", "share_outside", "maturity_total"]
SAME_NAME_COLS = ["name", "members", "ej_min", "ej_median", "ej_max", "spread", "lowest",
                  "highest"]
UNIT_COLS = ["unit_name", "new_formasi", "formasi", "redistributed_in", "retiring", "need",
             "existing", "excess_left"]
QUADRANT_COLS = ["abbr", "quadrant", "eu2", "maturity_total", "weakest", "top_unit"]


def formasi_view() -> None:
    ev = current_evaluation()
    plan = ui.formasi(ev)
    c, years = plan.city, planning.years_text(plan)
    st.caption(f"Per jabatan: kurang = kebutuhan ABK − (bezetting − pensiun {years}), paling "
               "sedikit 0. Pegawai yang lebih (setelah pensiun) ditawarkan lebih dulu ke "
               "jabatan yang kurang di unit yang sama, lalu di OPD yang sama; sisanya usulan "
               "formasi baru. Jabatan struktural diisi lewat pengangkatan, tidak lewat "
               f"redistribusi. {BASIS_APP_SETTING}.")
    kpis([
        ("Kebutuhan ABK", f"{fmt_num(c['need'])} orang", f"bezetting {fmt_num(c['existing'])}",
         "Jumlah kebutuhan pegawai per jabatan; bezetting = pegawai yang ada"),
        ("Pensiun 5 tahun", f"{fmt_num(c['retiring'])} orang", years,
         f"Dari sheet Pensiun (per tahun) atau kolom Pensiun 5 Tahun; bezetting setelah "
         f"pensiun {fmt_num(c['projected'])} orang"),
        ("Formasi baru", f"{fmt_num(c['new_formasi'])} orang",
         f"kurang {fmt_num(c['formasi'])}, alih {fmt_num(c['redistributed_in'])}",
         f"Kurang {fmt_num(c['formasi'])} orang; {fmt_num(c['redistributed_in'])} dapat diisi "
         "pegawai yang lebih di OPD yang sama; sisanya usulan formasi baru"),
    ])
    if c["unknown_retiring"]:
        st.info(f"{fmt_num(c['unknown_retiring'])} jabatan berpegawai belum mengisi data pensiun; "
                "pensiunnya dianggap 0.", icon=":material/info:")
    if c["unknown_existing"]:
        st.warning(f"{fmt_num(c['unknown_existing'])} jabatan belum diketahui bezettingnya; "
                   "jabatan itu tidak masuk hitungan formasi.", icon=":material/warning:")
    chart(plan_charts.formasi_bars(planning.formasi_opd_view(plan, ev), years), "plan_formasi",
          "formasi_per_opd")
    st.subheader("Rincian per OPD")
    opd = opd_picker(ev.city.opd_names, key="plan_opd")
    if opd is None:
        return
    st.markdown(md(planning.formasi_sentence(plan, opd, opd)))
    chart(plan_charts.retirement_years(planning.retirements_by_year(plan, opd),
                                       title=f"Pensiun per tahun · {opd}"), "plan_years",
          "pensiun_per_tahun")
    table(planning.formasi_positions_view(plan, opd), POSITION_COLS, key="plan_positions",
          dash_missing=True, compact=True)
    st.markdown("**Per unit** (setiap unit dijumlah bersama unit di bawahnya)")
    table(planning.formasi_units_view(plan, opd), UNIT_COLS, key="plan_units",
          dash_missing=True, compact=True)
    first, rest = planning.move_lines(plan, opd)
    if first:
        st.markdown("**Redistribusi sebelum formasi baru**")
        st.markdown("\n".join(f"- {md(m)}" for m in first))
    if rest:  # an OPD of 150 positions had 27 notes (1.400 px): the rest when opened
        box = st.expander(f"{fmt_num(len(rest))} redistribusi lainnya", key="plan_moves_open",
                          on_change="rerun")
        if box.open:
            with box:
                st.markdown("\n".join(f"- {md(m)}" for m in rest))
    with st.expander("Semua OPD"):
        table(planning.formasi_opd_view(plan, ev), OPD_COLS, key="plan_opds", dash_missing=True,
              compact=True)
    on_demand("usulan formasi (format e-Formasi, .xlsx)", "plan_dl",
              lambda: (ui.data_key(), ev.settings), lambda: planning_workbook_bytes(ev),
              "usulan_formasi_sotk.xlsx", XLSX, spinner="Menyusun workbook formasi…")


def like_view() -> None:
    ev = current_evaluation()
    lo, hi = ev.settings.balanced_ej
    st.caption("Unit yang mengerjakan pekerjaan sejenis di OPD berbeda dibandingkan dengan "
               "sesamanya: EU, kebutuhan per orang, jam kerja per orang, porsi pegawai dengan "
               f"EJ di luar {fmt_num(lo, 2)}–{fmt_num(hi, 2)}, dan kematangan OPD-nya. "
               f"{BASIS_APP_SETTING}.")
    ui.rules_editor(ev)
    result = ui.like(ev)
    options = planning.group_options(result)
    if not options:
        st.info("Belum ada kelompok dengan anggota; atur kelompok di atas.")
        return
    chosen = state.get(state.LIKE_GROUP)
    names = list(options)
    group = st.selectbox("Kelompok", names, index=names.index(chosen) if chosen in names else 0,
                         format_func=options.get, key="like_group_widget")
    state.put(state.LIKE_GROUP, group)
    g = result.groups.set_index("group").loc[group]
    share = result.outlier_share
    kpis([
        ("Anggota", f"{fmt_num(g['members'])} unit", f"{fmt_num(g['staff'])} pegawai", None),
        ("Median EU", fmt_num(g["eu_median"], 2),
         f"{fmt_num(g['eu_min'], 2)}–{fmt_num(g['eu_max'], 2)}", "EU terendah–tertinggi"),
        ("Pencilan", fmt_num(len(g["outliers"])), f"≥ {fmt_pct(share)} dari median",
         "Unit yang EU-nya jauh dari median kelompok"),
    ])
    for sentence in planning.outlier_sentences(result, group):
        st.markdown(f":material/priority_high: {md(sentence)}")
    members = planning.group_members(result, group)
    chart(plan_charts.like_unit_bars(members, ev.settings, title=f"EU unit sejenis · {group}",
                                     outlier_share=share), "like_bars", "unit_sejenis")
    table(planning.members_view(result, group), MEMBER_COLS, key="like_members",
          dash_missing=True, compact=True)
    st.subheader("Jabatan bernama sama")
    same = planning.same_name_view(result, group)
    if not len(same):
        st.info("Tidak ada jabatan bernama sama di dua unit atau lebih dalam kelompok ini.")
        return
    pm = result.position_members.loc[result.position_members["group"] == group]
    chart(plan_charts.same_name_dots(pm, result.positions.loc[result.positions["group"] == group],
                                     ev.settings,
                                     title=f"Jabatan bernama sama · {group}"),
          "like_dots", "jabatan_bernama_sama")
    table(same, SAME_NAME_COLS, key="like_same", dash_missing=True, compact=True)


def quadrant_view() -> None:
    ev = current_evaluation()
    view = planning.quadrant_view(ev)
    st.caption("Setiap OPD menurut total kematangan (mendatar) dan EU (tegak). Matang = "
               "kategori Tinggi atau Sangat Tinggi; beban berlebih = EU di atas "
               f"{fmt_num(ev.settings.overload_ej, 2)}. Di samping: variabel kematangan "
               "terlemah dan unit dengan EU tertinggi.")
    groups = planning.quadrant_counts(view)
    for pair in (("belum_berlebih", "matang_berlebih"), ("belum_terkendali",
                                                        "matang_terkendali")):
        kpis([(QUADRANT_LABELS[code], f"{fmt_num(len(groups[code]))} OPD",
               ", ".join(groups[code][:3]) + (" …" if len(groups[code]) > 3 else "") or "–",
               md(", ".join(groups[code])) or None) for code in pair])
    chart(plan_charts.maturity_workload_plane(view, ev.settings), "quad_plane",
          "kematangan_beban")
    table(view, QUADRANT_COLS, key="quad_table", dash_missing=True, compact=True)


VIEW_BODIES = {"formasi": formasi_view, "sejenis": like_view, "kuadran": quadrant_view}


def body() -> None:
    st.title("Perencanaan")
    VIEW_BODIES[ui.view_picker()]()


run_page(body)
