"""Kematangan: Permendagri 99/2018 maturity — ranking with bands, heat map, radar, next steps."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import BASIS_MATURITY_PRACTICE
from sotk_core.present import charts, tables
from sotk_ui.data import current_evaluation
from sotk_ui.widgets import chart, kpis, opd_picker, run_page, table


def body() -> None:
    ev = current_evaluation()
    mat = ev.maturity
    st.title("Kematangan organisasi")
    st.caption("Permendagri 99/2018 Lampiran A: 11 variabel, tingkat 1–5; tingkat verifikasi "
               "dipakai bila ada. Kategori total: 11–19 Sangat Rendah, >19–28 Rendah, >28–37 "
               f"Sedang, >37–46 Tinggi, >46–55 Sangat Tinggi ({BASIS_MATURITY_PRACTICE}). "
               "Tahap = tingkat terendah.")
    if not len(mat.opd):
        st.info("Belum ada OPD dengan sheet Kematangan yang lengkap.")
        return
    overview = tables.maturity_overview(ev)
    counts, missing = overview.counts, overview.missing
    top = next(iter(counts))
    kpis([
        ("Rata-rata kota", fmt_num(mat.city_mean, 2), mat.city_category,
         "Rata-rata total kematangan OPD"),
        ("OPD dinilai", f"{len(mat.opd)} dari {len(ev.city.opd_names)}",
         f"{len(missing)} tanpa data" if missing else "semua OPD",
         ("Tanpa sheet Kematangan: " + ", ".join(missing)) if missing else None),
        ("Kategori terbanyak", f"{counts[top]} OPD", top,
         " · ".join(f"{k}: {v}" for k, v in counts.items())),
        ("Tahap terendah", f"Tingkat {fmt_num(overview.lowest_stage)}", "di kota",
         "OPD tidak dapat dianggap di tahap lebih tinggi selama ada variabel yang lebih rendah."),
    ])
    abbr = dict(zip(ev.opds["opd"], ev.opds["abbr"], strict=True))
    chart(charts.maturity_ranking(ev.opds, ev.settings), "mat_rank", "peringkat_kematangan")
    chart(charts.maturity_heatmap(mat.levels, opd_labels=abbr), "mat_heat",
          "peta_panas_kematangan")

    st.subheader("Profil satu OPD")
    names = [n for n in ev.city.opd_names if n not in missing]
    opd = opd_picker(names, key="mat_opd")
    row = mat.opd.set_index("opd").loc[opd]
    kpis([
        ("Total", fmt_num(row["total"]), row["category"], "Jumlah tingkat 11 variabel (11–55)"),
        ("Tahap", f"Tingkat {fmt_num(row['stage'])}", "tingkat terendah",
         "OPD dianggap berada pada tahap variabel terendahnya"),
    ])
    chart(charts.maturity_radar(mat.levels, opd, overview.variable_means), "mat_radar",
          "radar_kematangan")
    st.markdown("**Variabel terlemah dan tingkat berikut yang perlu dicapai** "
                "(naik satu tingkat per siklus):")
    for w in tables.weakest(mat.weakest, opd):
        st.markdown(f"- **{w['roman']}. {w['var_name']}** — tingkat {fmt_num(w['level'])} → "
                    f"{fmt_num(w['next_level'])}: {w['next_text']}")

    st.subheader("Penilaian mandiri vs verifikasi")
    chart(charts.self_vs_verified(mat.levels, opd_labels=abbr), "mat_gap",
          "mandiri_vs_verifikasi")
    if len(ev.kelembagaan):
        st.subheader("Evaluasi kelembagaan (PermenPANRB 20/2018)")
        chart(charts.kelembagaan_bars(ev.opds), "mat_kel", "kelembagaan")
        table(ev.kelembagaan, ["opd", "Struktur", "Proses", "total", "rank", "rank_label"],
              key="mat_kel_table")
    box = st.expander("Tabel tingkat per variabel", key="mat_levels_open", on_change="rerun")
    if box.open:  # built only when opened (40 OPD: 440 rows)
        with box:
            table(mat.levels, ["opd", "roman", "var_name", "aspect", "self_level",
                               "verified_level", "level"], key="mat_levels")


run_page(body)
