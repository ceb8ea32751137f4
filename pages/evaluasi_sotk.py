"""Evaluasi SOTK: is each OPD the right type, size and shape? Tree, spans, checks, findings."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.labels import BASIS_HELP, BASIS_LABELS
from sotk_core.present import charts, tables
from sotk_ui.data import current_evaluation
from sotk_ui.notes import notes_widget
from sotk_ui.widgets import chart, findings_table, kpis, opd_picker, run_page, table


def body() -> None:
    ev = current_evaluation()
    struct, findings = ev.structure, ev.findings
    st.title("Evaluasi SOTK (struktur organisasi)")
    st.caption("Permendagri 99/2018 Lampiran C: kesesuaian tipe dan pengelompokan urusan, ukuran "
               "unit, rentang kendali dan lapisan, kesehatan unit. " + BASIS_HELP)
    sev = tables.severity_counts(findings)
    span = tables.span_summary(struct.span_city)
    kpis([
        ("Temuan tinggi", fmt_num(sev.get("tinggi", 0)),
         f"sedang {fmt_num(sev.get('sedang', 0))} · rendah {fmt_num(sev.get('rendah', 0))}",
         "Tinggi: tipe melebihi pemetaan, rumpun campur, >3 urusan, OPD tanpa kepala"),
        ("Lapisan", f"{fmt_num(struct.opds['layers'].min())}–"
         f"{fmt_num(struct.opds['layers'].max())}", "lapis per OPD", None),
        ("Rentang kendali 2–7", fmt_pct(span.share_2_to_7),
         f"dari {fmt_num(span.heads)} kepala unit",
         "Bawahan langsung per kepala: sub-unit + pegawai non-kepala di unitnya"),
        ("Melebihi batas", fmt_num(len(tables.over_limit(struct.size_checks))),
         "pemeriksaan", "Batas bawaan; verifikasi terhadap PP 18/2016 dan perubahannya"),
    ])

    st.subheader("Temuan")
    opd_choice = st.selectbox("OPD", ["(semua)", *ev.city.opd_names], key="sotk_f_opd")
    c2, c3 = st.columns([2, 3])
    sev_choice = c2.pills("Tingkat", ["tinggi", "sedang", "rendah"], selection_mode="multi",
                          default=["tinggi", "sedang"], key="sotk_f_sev")
    basis_choice = c3.pills("Dasar", list(BASIS_LABELS), selection_mode="multi",
                            default=list(BASIS_LABELS), format_func=BASIS_LABELS.get,
                            key="sotk_f_basis", help=BASIS_HELP)
    shown = tables.filter_findings(findings, sev_choice or [], basis_choice or [],
                                   None if opd_choice == "(semua)" else opd_choice)
    st.caption(f"{fmt_num(len(shown))} dari {fmt_num(len(findings))} temuan")
    findings_table(shown, key="sotk_findings")

    st.subheader("Tipe, urusan dan ukuran per OPD")
    table(tables.type_checks(struct.opds),
          ["opd", "tipe", "skor", "tipe_pemetaan", "Kesesuaian tipe", "layers"],
          key="sotk_checks")
    over = tables.over_limit(struct.size_checks)
    if len(over):
        st.markdown("**Melebihi batas ukuran** (acuan bawaan; verifikasi terhadap PP 18/2016 dan "
                    "perubahannya)")
        table(over, ["opd", "tipe", "unit_name", "measure", "count", "limit"], key="sotk_over")

    st.subheader("Rentang kendali")
    chart(charts.span_buckets(struct.span_city), "sotk_span", "rentang_kendali")

    st.subheader("Susunan unit satu OPD")
    opd = opd_picker(ev.city.opd_names, key="sotk_opd")
    units = struct.units.loc[struct.units["opd"] == opd]
    notes_widget(opd, tables.unit_names(units), key="sotk_notes")
    tree = tables.unit_tree(units)
    table(tree.rename(columns={"flags": "Catatan"}),
          ["name", "span", "existing", "eu2", "Catatan"],
          key="sotk_tree", height=min(60 + 36 * len(tree), 700))


run_page(body)
