"""Simulasi: what if staff move (also between OPD), a task's norm changes or WKE changes? Today
beside the scenario, the changed positions and units before → after, named scenarios side by
side. Every change runs as a callback before the page draws, so all figures are current."""

from __future__ import annotations

import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import ROUNDING_LABELS, ROUNDING_MODES
from sotk_core.base.texts import whatif_ej_help
from sotk_core.present import charts, whatif
from sotk_core.scenario import (
    MATCH_LABELS,
    SCOPE_LABELS,
    AddPosition,
    MoveStaff,
    NewTask,
    RemovePosition,
    ScenarioError,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
    compare,
    compare_balance,
    new_position_code,
    scenario_to_xlsx,
    scenarios_to_xlsx,
    suggest_moves,
)
from sotk_core.workbook.spec import JENIS_JABATAN, PERIODE, SATUAN_WAKTU
from sotk_ui import scenarios as sc
from sotk_ui import state
from sotk_ui.data import current_evaluation
from sotk_ui.safe import md
from sotk_ui.widgets import chart, delta_table, opd_picker, run_page, scenario_mismatch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COMPARE_METRICS = {"eu2": "EU", "existing": "Pegawai", "need_raw": "Kebutuhan desimal",
                   "need": "Kebutuhan", "surplus": "Kelebihan", "shortage": "Kekurangan"}


# ---- callbacks: they change the scenario before the page is drawn ---------------------------


def _ss(key: str, default: object = None) -> object:
    return st.session_state.get(key, default)


def _move(opd: str) -> None:
    sc.add_change(MoveStaff(opd, str(_ss("mv_from")), str(_ss("mv_to_opd") or opd),
                            str(_ss("mv_to")), int(_ss("mv_n", 1))))


def _set_existing(opd: str) -> None:
    sc.add_change(SetExisting(opd, str(_ss("set_pos")), int(_ss("set_n", 0))))


def _task(opd: str, code: str, row: int, volume: float, norma: float) -> None:
    new_volume = float(_ss(f"tk_vol_{code}_{row}", volume))
    new_norma = float(_ss(f"tk_norma_{code}_{row}", norma))
    changed = False
    if new_volume != volume:
        changed = sc.add_change(SetTaskVolume(opd, code, row, new_volume))
    if new_norma != norma:
        changed = sc.add_change(SetTaskNorma(opd, code, row, new_norma)) or changed
    if not changed and new_volume == volume and new_norma == norma:
        sc.say("info", "Volume dan norma waktu sama dengan sebelumnya; tidak ada perubahan.")


def _add_position(opd: str) -> None:
    name = str(_ss("ad_name") or "").strip()
    if not name:
        sc.say("error", "Isi nama jabatan baru.")
        return
    w = sc.compute()
    task = str(_ss("ad_task") or "").strip()
    volume, norma = float(_ss("ad_vol", 0.0)), float(_ss("ad_norma", 0.0))
    tasks = (NewTask(task, volume, str(_ss("ad_period")), norma, str(_ss("ad_tu"))),) \
        if task and volume > 0 and norma > 0 else ()
    sc.add_change(AddPosition(opd, str(_ss("ad_unit")), new_position_code(w.scen_city, opd),
                              name, str(_ss("ad_kind")), int(_ss("ad_n", 0)), tasks))


def _remove_position(opd: str) -> None:
    sc.add_change(RemovePosition(opd, str(_ss("rm_pos"))))


def _settings() -> None:
    sc.add_change(SetSettings(wke_hours=float(_ss("wf_wke")), rounding=str(_ss("wf_round"))))


def _rename() -> None:
    sc.rename(str(_ss("whatif_name") or ""))


def _load() -> None:
    uploaded = _ss("whatif_upload")
    if uploaded is not None:
        sc.load(uploaded.getvalue(), uploaded.name)  # type: ignore[attr-defined]


# ---- drawing ----------------------------------------------------------------------------------


def _scenario_bar() -> None:
    """Pick, name, add and remove named scenarios."""
    names = sc.scenarios().names
    st.session_state["whatif_active"] = state.active_scenario_name()
    st.session_state["whatif_name"] = state.active_scenario_name()
    c1, c2, c3, c4 = st.columns([4, 4, 2, 2], vertical_alignment="bottom")
    c1.selectbox("Skenario aktif", names, key="whatif_active",
                 on_change=lambda: sc.pick(str(_ss("whatif_active"))))
    c2.text_input("Nama skenario", key="whatif_name", max_chars=60, on_change=_rename,
                  help="Ketik nama baru lalu tekan Enter, mis. \u201cRedistribusi Dinkes\u201d.")
    c3.button("Baru", icon=":material/add:", key="whatif_new", width="stretch", on_click=sc.new,
              help="Skenario baru tanpa perubahan")
    c4.button("Hapus", icon=":material/delete:", key="whatif_delete", width="stretch",
              disabled=len(names) < 2, on_click=sc.delete, help="Hapus skenario aktif")


def _change_forms(w: sc.WhatIf, opd: str) -> None:
    labels = whatif.position_options(w.scen.positions, opd)
    if not labels:
        st.info("OPD ini tidak punya jabatan.")
        return
    tabs = st.tabs(["Pindah pegawai", "Jumlah pegawai", "Tugas", "Jabatan", "WKE", "Saran"])
    with tabs[0]:
        _move_form(w, opd)
    with tabs[1]:
        a, n = st.columns([8, 3], vertical_alignment="bottom")
        a.selectbox("Jabatan", list(labels), format_func=labels.get, key="set_pos")
        n.number_input("Pegawai baru (orang)", min_value=0, max_value=500, step=1, key="set_n",
                       value=0)
        st.button("Terapkan jumlah pegawai", type="primary", key="set_apply",
                  on_click=_set_existing, args=(opd,))
    with tabs[2]:
        _task_form(w, opd, labels)
    with tabs[3]:
        _position_forms(w, opd, labels)
    with tabs[4]:
        a, b = st.columns(2)
        a.number_input("WKE skenario (jam/tahun)", min_value=100.0, max_value=3000.0,
                       value=float(w.scen_settings.wke_hours), step=10.0, key="wf_wke")
        b.selectbox("Pembulatan", list(ROUNDING_MODES), key="wf_round",
                    index=list(ROUNDING_MODES).index(w.scen_settings.rounding),
                    format_func=ROUNDING_LABELS.get)
        st.button("Terapkan pengaturan skenario", type="primary", key="wf_apply",
                  on_click=_settings)
    with tabs[5]:
        _suggestions(w, opd)


def _move_form(w: sc.WhatIf, opd: str) -> None:
    donors = whatif.position_options(w.scen.positions, opd, donors_only=True)
    if not donors:
        st.info("Tidak ada jabatan berpegawai di OPD ini.")
        return
    if _ss("_mv_for_opd") != opd:  # a new OPD: the target OPD follows it
        st.session_state["mv_to_opd"] = opd
        st.session_state["_mv_for_opd"] = opd
    st.selectbox("Dari jabatan", list(donors), format_func=donors.get, key="mv_from")
    names = list(w.city.opd_names)
    to_opd = st.selectbox("Ke OPD", names, key="mv_to_opd",
                          help="Pilih OPD lain untuk redistribusi antar-OPD.")
    targets = whatif.position_options(w.scen.positions, str(to_opd))
    st.selectbox("Ke jabatan", list(targets), format_func=targets.get, key="mv_to",
                index=min(1, len(targets) - 1) if targets else None)
    st.number_input("Jumlah (orang)", min_value=1, max_value=500, value=1, step=1, key="mv_n")
    st.button("Terapkan pemindahan", type="primary", key="mv_apply", on_click=_move,
              args=(opd,))


def _task_form(w: sc.WhatIf, opd: str, labels: dict[str, str]) -> None:
    have_tasks = whatif.positions_with_tasks(w.scen.tasks, opd)
    with_tasks = [c for c in labels if c in have_tasks]
    if not with_tasks:
        st.info("Tidak ada tugas yang dapat diubah di OPD ini.")
        return
    code = str(st.selectbox("Jabatan", with_tasks, format_func=labels.get, key="tk_pos"))
    options = whatif.task_options(w.scen.tasks, opd, code)
    row = int(st.selectbox("Tugas", list(options), format_func=options.get, key="tk_row") or 0)
    volume, norma, time_unit = whatif.task_values(w.scen.tasks, opd, row)
    a, b = st.columns(2)
    a.number_input("Volume baru", min_value=0.0, value=volume, key=f"tk_vol_{code}_{row}")
    b.number_input(f"Norma waktu baru ({time_unit.lower()})", min_value=0.01, value=norma,
                   key=f"tk_norma_{code}_{row}")
    st.button("Terapkan perubahan tugas", type="primary", key="tk_apply", on_click=_task,
              args=(opd, code, row, volume, norma))


def _position_forms(w: sc.WhatIf, opd: str, labels: dict[str, str]) -> None:
    unit_names = whatif.unit_options(w.city.units, opd)
    with st.form("whatif_add", border=False):
        st.markdown("**Tambah jabatan** (mis. jabatan fungsional baru)")
        a, b = st.columns(2)
        a.selectbox("Unit", list(unit_names), format_func=unit_names.get, key="ad_unit")
        b.text_input("Nama jabatan", key="ad_name", placeholder="Analis Kebijakan Ahli Muda")
        c, d = st.columns(2)
        c.selectbox("Jenis", JENIS_JABATAN, index=JENIS_JABATAN.index("Fungsional"),
                    key="ad_kind")
        d.number_input("Pegawai (orang)", min_value=0, max_value=500, value=0, step=1,
                       key="ad_n")
        st.text_input("Satu tugas (opsional)", key="ad_task")
        e, f, g, h = st.columns(4)
        e.number_input("Volume", min_value=0.0, value=0.0, key="ad_vol")
        f.selectbox("Periode", PERIODE, key="ad_period")
        g.number_input("Norma", min_value=0.0, value=60.0, key="ad_norma")
        h.selectbox("Satuan", SATUAN_WAKTU, key="ad_tu")
        st.form_submit_button("Tambah jabatan", type="primary", on_click=_add_position,
                              args=(opd,))
    st.markdown("**Hapus jabatan** (pegawainya harus 0: pindahkan dulu)")
    st.selectbox("Jabatan", list(labels), format_func=labels.get, key="rm_pos")
    st.button("Hapus jabatan", key="rm_apply", on_click=_remove_position, args=(opd,))


def _suggestions(w: sc.WhatIf, opd: str) -> None:
    a, b = st.columns(2)
    scope = a.radio("Cakupan", list(SCOPE_LABELS), format_func=SCOPE_LABELS.get, key="sg_scope",
                    horizontal=True)
    match = b.selectbox("Aturan kecocokan jabatan", list(MATCH_LABELS),
                        format_func=MATCH_LABELS.get, key="sg_match")
    suggestion = suggest_moves(w.scen, w.scen_city, scope=scope, match=match,
                               opd=opd if scope == "opd" else None)
    st.markdown(suggestion.message, help="Dihitung dari skenario aktif, termasuk perubahan "
                                         "terakhir.")
    if suggestion.moved:
        for line in suggestion.scenario.describe(w.scen_city):
            st.markdown(f"- {md(line)}")
        st.button(f"Terapkan {fmt_num(suggestion.moved)} pemindahan ke skenario", type="primary",
                  key="sg_apply", on_click=sc.extend, args=(suggestion.scenario.changes,
                                                            suggestion.moved))


def _change_log(w: sc.WhatIf) -> None:
    lines = w.scenario.describe(w.city)
    st.markdown(f"**Daftar perubahan \u201c{md(w.name)}\u201d** — {len(lines)} perubahan")
    if not lines:
        st.caption("Belum ada perubahan: hasil skenario sama dengan kondisi saat ini.")
        return
    for i, line in enumerate(lines):
        a, b = st.columns([9, 3], vertical_alignment="center")
        a.markdown(f"{i + 1}. {md(line)}")
        b.button("Batalkan", key=f"undo_{i}", icon=":material/undo:", on_click=sc.undo,
                 args=(i,))
    st.button("Kosongkan skenario", icon=":material/restart_alt:", key="whatif_reset",
              on_click=sc.reset)


def _headline(w: sc.WhatIf, opd: str) -> None:
    """The OPD's figures in the scenario with the change from today under each."""
    o = compare(w.base, w.scen, "opd", opd).iloc[0]
    cols = st.container(key="kpis_whatif").columns(5)
    for col, (key, title, dec, unit) in zip(cols, [
            ("existing", "Pegawai", 0, "orang"), ("need", "Kebutuhan", 0, "orang"),
            ("surplus", "Kelebihan", 0, "orang"), ("shortage", "Kekurangan", 0, "orang"),
            ("eu2", "EU OPD", 2, "")], strict=True):
        base, scen = o[f"{key}_base"], o[f"{key}_scen"]
        text = whatif.change_text(base, scen, dec)
        same = fmt_num(base, dec) == fmt_num(scen, dec)
        col.metric(title, fmt_num(scen, dec),
                   delta=(f"{unit}, tetap" if unit else "tetap") if same
                   else f"dari {text.split(' → ')[0]} ({whatif.signed(scen - base, dec)})",
                   delta_color="off", delta_arrow="off", border=True,
                   help=whatif_ej_help(w.scen_settings) if key == "eu2" else None)
    st.caption(whatif.city_sentence(w.base, w.scen)
               + f" · skenario dihitung dengan {w.scen_settings.describe()}")


def _effect(w: sc.WhatIf, opd: str) -> None:
    """The real effect: positions and units whose figures change, before → after."""
    st.subheader(f"Dampak \u201c{md(w.name)}\u201d", help=whatif_ej_help(w.scen_settings))
    everywhere = st.toggle("Semua OPD (termasuk pemindahan antar-OPD)", value=False,
                           key="whatif_all_opds")
    where = None if everywhere else opd
    positions, pos_flags = whatif.position_effect_view(w.base, w.scen, where)
    units, unit_flags = whatif.unit_effect_view(w.base, w.scen, where)
    if positions.empty and units.empty:
        st.caption("Belum ada jabatan atau unit yang berubah"
                   + ("" if everywhere else " di OPD ini") + ".")
        return
    st.markdown("**Jabatan yang berubah** (saat ini → simulasi, selisih dalam kurung)")
    delta_table(positions, pos_flags, "whatif_positions")
    st.markdown("**Unit yang berubah** (bidang, seksi; EU seluruh subunit)")
    delta_table(units, unit_flags, "whatif_units")
    changed = whatif.changed_positions(w.base, w.scen, where)
    if len(changed):
        chart(charts.compare_bars(changed.head(12), "name", "ej2_base", "ej2_scen",
                                  "EJ jabatan yang berubah: saat ini dan simulasi", decimals=2,
                                  unit="", x_title="EJ = kebutuhan desimal ÷ pegawai ada"),
              "whatif_chart", "simulasi_ej")
    box = st.expander("Keseimbangan beban kerja: saat ini dan simulasi", key="sim_balance_open",
                      on_change="rerun")
    if box.open:  # computed only when opened
        with box:
            bal = compare_balance(w.city, w.base, w.scen_city, w.scen,
                                  current_evaluation().balance)
            st.dataframe(whatif.balance_view(bal), hide_index=True, width="stretch")


def _compare_scenarios(w: sc.WhatIf) -> None:
    """Named scenarios side by side, per OPD and for the city."""
    ready = [s.name for s in sc.with_changes()]
    st.subheader("Bandingkan skenario")
    if not ready:
        st.caption("Belum ada skenario dengan perubahan. Buat beberapa skenario (tombol Baru) "
                   "untuk membandingkannya di sini.")
        return
    chosen = st.multiselect("Skenario", ready, default=ready, key="cmp_names")
    metric = st.segmented_control("Ukuran per OPD", list(COMPARE_METRICS),
                                  format_func=COMPARE_METRICS.get, default="eu2",
                                  key="cmp_metric") or "eu2"
    results = sc.results(list(chosen or []))
    if not results:
        return
    only = st.toggle("Hanya OPD yang berubah", value=True, key="cmp_only")
    st.markdown(f"**Per OPD: {COMPARE_METRICS[metric]}** (Δ = selisih dari saat ini)")
    st.dataframe(whatif.scenarios_by_opd(w.base, results, metric, only), hide_index=True,
                 width="stretch", key="cmp_opd")
    st.markdown("**Kota**")
    st.dataframe(whatif.scenarios_city(w.base, results), hide_index=True, width="stretch",
                 key="cmp_city")


def _save_load(w: sc.WhatIf) -> None:
    """Visible, not in an expander: an upload reruns the page and would fold it shut."""
    st.subheader("Simpan atau muat skenario")
    left, right = st.columns(2)
    everything = list(sc.scenarios())
    left.download_button(f"Unduh semua skenario ({len(everything)}) (.xlsx)",
                         scenarios_to_xlsx(everything, w.settings, w.city),
                         file_name="skenario_semua.xlsx", mime=XLSX, key="whatif_download_all",
                         icon=":material/download:", on_click="ignore", width="stretch")
    left.download_button(f"Unduh \u201c{md(w.name)}\u201d saja (.xlsx)",
                         scenario_to_xlsx(w.scenario, w.settings, w.city),
                         file_name=f"skenario_{w.name.replace(' ', '_')}.xlsx", mime=XLSX,
                         key="whatif_download", icon=":material/download:", on_click="ignore",
                         width="stretch")
    left.caption("Berisi daftar perubahan dan pengaturan; muat lagi nanti pada data yang sama "
                 "untuk angka yang persis sama.")
    right.file_uploader("Muat skenario tersimpan (.xlsx)", type=["xlsx"], key="whatif_upload")
    right.button("Muat sebagai skenario baru", key="whatif_load", on_click=_load,
                 disabled=_ss("whatif_upload") is None)


@st.fragment
def sandbox() -> None:
    """Editing and results rerun alone: the app frame and other pages are not recomputed."""
    _scenario_bar()
    try:
        w = sc.compute()
    except ScenarioError as exc:  # left over from other data (a fragment: not run_page's)
        scenario_mismatch(exc, "Kosongkan skenario ini di sini, atau muat lagi data yang "
                               "dipakai saat skenario dibuat.")
        st.button("Kosongkan skenario", icon=":material/restart_alt:", key="whatif_reset_stale",
                  on_click=sc.reset, type="primary")
        return
    opd = opd_picker(w.city.opd_names, key="whatif_opd")
    if opd is None:
        st.warning("Belum ada OPD yang dapat dihitung.")
        return
    sc.show_message()
    _headline(w, opd)
    _effect(w, opd)
    st.subheader("Ubah skenario")
    _change_forms(w, opd)
    with st.container(border=True):
        _change_log(w)
    _compare_scenarios(w)
    _save_load(w)


def body() -> None:
    st.title("Simulasi (what-if)")
    st.caption("Skenario = kondisi saat ini + daftar perubahan. Data asli tidak diubah; setiap "
               "perubahan diperiksa (tidak ada pegawai negatif, tidak memindahkan lebih dari yang "
               "ada) dan dapat dibatalkan satu per satu.")
    sandbox()


run_page(body)
