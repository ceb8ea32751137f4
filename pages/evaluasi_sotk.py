"""Evaluasi SOTK: is each OPD the right type, size and shape? Tree, spans, checks, findings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import BASIS_HELP, BASIS_LABELS
from sotk_core.present import charts
from sotk_ui.data import current_evaluation
from sotk_ui.notes import notes_widget
from sotk_ui.widgets import chart, findings_table, kpis, opd_picker, run_page, table

FLAGS = {"micro": "unit mikro", "no_workload": "tanpa beban", "no_head": "tanpa kepala",
         "campuran": "campuran"}


def _tree(units: pd.DataFrame) -> pd.DataFrame:
    """Units in tree order with the name indented by depth, and their health flags."""
    order = units.sort_values("code", key=lambda c: c.str.split(".").map(tuple))
    flags = order[list(FLAGS)].apply(
        lambda r: ", ".join(v for k, v in FLAGS.items() if bool(r[k])), axis=1)
    return order.assign(
        name=["\u2003" * (int(d) - 1) + ("└ " if d > 1 else "") + str(n)
              for d, n in zip(order["depth"], order["name"], strict=True)],
        flags=flags)


def body() -> None:
    ev = current_evaluation()
    struct, findings = ev.structure, ev.findings
    st.title("Evaluasi SOTK (struktur organisasi)")
    st.caption("Permendagri 99/2018 Lampiran C: kesesuaian tipe dan pengelompokan urusan, ukuran "
               "unit, rentang kendali dan lapisan, kesehatan unit. " + BASIS_HELP)
    sev = findings["severity"].value_counts()
    span = struct.span_city.set_index("bucket")
    kpis([
        ("Temuan tinggi", fmt_num(sev.get("tinggi", 0)),
         f"sedang {fmt_num(sev.get('sedang', 0))} · rendah {fmt_num(sev.get('rendah', 0))}",
         "Tinggi: tipe melebihi pemetaan, rumpun campur, >3 urusan, OPD tanpa kepala"),
        ("Lapisan", f"{fmt_num(struct.opds['layers'].min())}–"
         f"{fmt_num(struct.opds['layers'].max())}", "lapis per OPD", None),
        ("Rentang kendali 2–7", f"{fmt_num((span.loc['2–3', 'share'] + span.loc['4–7', 'share']) * 100)} %",
         f"dari {fmt_num(span['heads'].sum())} kepala unit",
         "Bawahan langsung per kepala: sub-unit + pegawai non-kepala di unitnya"),
        ("Melebihi batas", fmt_num(int((struct.size_checks["over"]).sum())),
         "pemeriksaan", "Batas bawaan; verifikasi terhadap PP 18/2016 dan perubahannya"),
    ])

    st.subheader("Temuan")
    opd_choice = st.selectbox("OPD", ["(semua)", *ev.city.opd_names], key="sotk_f_opd")
    c2, c3 = st.columns(2)
    sev_choice = c2.pills("Tingkat", ["tinggi", "sedang", "rendah"], selection_mode="multi",
                          default=["tinggi", "sedang"], key="sotk_f_sev")
    basis_choice = c3.pills("Dasar", list(BASIS_LABELS), selection_mode="multi",
                            default=list(BASIS_LABELS), format_func=BASIS_LABELS.get,
                            key="sotk_f_basis", help=BASIS_HELP)
    shown = findings.loc[findings["severity"].isin(sev_choice or [])
                         & findings["basis"].isin(basis_choice or [])]
    if opd_choice != "(semua)":
        shown = shown.loc[shown["opd"] == opd_choice]
    st.caption(f"{fmt_num(len(shown))} dari {fmt_num(len(findings))} temuan")
    findings_table(shown, key="sotk_findings")

    st.subheader("Tipe, urusan dan ukuran per OPD")
    checks = struct.opds.assign(
        tipe_status=struct.opds["tipe_melebihi"].map({True: "Melebihi pemetaan", False: "Sesuai"}))
    table(checks.rename(columns={"tipe_status": "Kesesuaian tipe"}),
          ["opd", "tipe", "skor", "tipe_pemetaan", "Kesesuaian tipe", "layers"],
          key="sotk_checks")
    over = struct.size_checks.loc[struct.size_checks["over"]]
    if len(over):
        st.markdown("**Melebihi batas ukuran** (acuan bawaan; verifikasi terhadap PP 18/2016 dan "
                    "perubahannya)")
        table(over, ["opd", "tipe", "unit_name", "measure", "count", "limit"], key="sotk_over")

    st.subheader("Rentang kendali")
    chart(charts.span_buckets(struct.span_city), "sotk_span", "rentang_kendali")

    st.subheader("Susunan unit satu OPD")
    opd = opd_picker(ev.city.opd_names, key="sotk_opd")
    units = struct.units.loc[struct.units["opd"] == opd]
    notes_widget(opd, list(dict.fromkeys(units.loc[units["depth"] > 1, "name"])), key="sotk_notes")
    tree = _tree(units)
    table(tree.rename(columns={"flags": "Catatan"}),
          ["name", "span", "existing", "eu2", "Catatan"],
          key="sotk_tree", height=min(60 + 36 * len(tree), 700))


run_page(body)
