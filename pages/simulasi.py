"""Simulasi: what if staff move, a task's norm changes or WKE changes? Today beside the scenario."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.settings import ROUNDING_LABELS, ROUNDING_MODES
from sotk_core.present import charts
from sotk_core.scenario import (
    MATCH_LABELS,
    SCOPE_LABELS,
    AddPosition,
    MoveStaff,
    NewTask,
    RemovePosition,
    Scenario,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
    compare,
    compare_balance,
    compare_city,
    scenario_from_xlsx,
    scenario_to_xlsx,
    suggest_moves,
)
from sotk_core.workbook.spec import JENIS_JABATAN, PERIODE, SATUAN_WAKTU
from sotk_ui import scenarios as sc
from sotk_ui import state
from sotk_ui.data import current_city, current_evaluation
from sotk_ui.widgets import chart, opd_picker, run_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _position_label(row: pd.Series) -> str:
    return f"{row['name']} · {row['unit_name']} ({fmt_num(row['existing'])} org)"


def _new_scenario() -> None:
    names = list(sc.scenarios())
    name = f"Simulasi {len(names) + 1}"
    while name in names:
        name += "+"
    sc.put(Scenario(name=name))
    state.put(state.ACTIVE_SCENARIO, name)


def _delete_scenario() -> None:
    sc.scenarios().pop(state.get(state.ACTIVE_SCENARIO), None)
    state.put(state.ACTIVE_SCENARIO, next(iter(sc.scenarios())))


def _pick_scenario() -> None:
    state.put(state.ACTIVE_SCENARIO, st.session_state["whatif_active"])


def _scenario_bar() -> None:
    """Pick, add and remove named scenarios (callbacks: state changes before the rerun)."""
    names = list(sc.scenarios())
    st.session_state["whatif_active"] = state.get(state.ACTIVE_SCENARIO)
    c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
    c1.selectbox("Skenario aktif", names, key="whatif_active", on_change=_pick_scenario)
    c2.button("Skenario baru", icon=":material/add:", key="whatif_new", width="stretch",
              on_click=_new_scenario)
    c3.button("Hapus", icon=":material/delete:", key="whatif_delete", width="stretch",
              disabled=len(names) < 2, on_click=_delete_scenario)


def _change_forms(w: sc.WhatIf, opd: str) -> None:
    pos = w.scen.positions.loc[w.scen.positions["opd"] == opd]
    if pos.empty:
        st.info("OPD ini tidak punya jabatan.")
        return
    labels = {code: _position_label(r) for code, r in pos.set_index("code").iterrows()}
    tabs = st.tabs(["Pindahkan pegawai", "Ubah jumlah pegawai", "Ubah tugas",
                    "Tambah/hapus jabatan", "Ubah WKE", "Saran redistribusi"])
    with tabs[0], st.form("whatif_move", border=False):
        donors = [c for c in labels if pos.set_index("code").loc[c, "existing"] > 0]
        src = st.selectbox("Dari jabatan", donors, format_func=labels.get, key="mv_from")
        dst = st.selectbox("Ke jabatan", list(labels), format_func=labels.get, key="mv_to",
                           index=min(1, len(labels) - 1))
        count = st.number_input("Jumlah (orang)", min_value=1, max_value=500, value=1, step=1,
                               key="mv_n")
        if st.form_submit_button("Terapkan pemindahan", type="primary"):
            sc.add_change(MoveStaff(opd, src, opd, dst, int(count)))
    with tabs[1], st.form("whatif_set", border=False):
        a, n = st.columns([8, 3])
        code = a.selectbox("Jabatan", list(labels), format_func=labels.get, key="set_pos")
        value = n.number_input("Pegawai baru (orang)", min_value=0, max_value=500, step=1,
                               key="set_n", value=0)
        if st.form_submit_button("Terapkan jumlah pegawai", type="primary"):
            sc.add_change(SetExisting(opd, code, int(value)))
    with tabs[2]:
        _task_form(w, opd, labels)
    with tabs[3]:
        _position_forms(w, opd, labels)
    with tabs[4], st.form("whatif_wke", border=False):
        a, b = st.columns(2)
        wke = a.number_input("WKE skenario (jam/tahun)", min_value=100.0, max_value=3000.0,
                             value=float(w.scen_settings.wke_hours), step=10.0, key="wf_wke")
        rounding = b.selectbox("Pembulatan", list(ROUNDING_MODES), key="wf_round",
                               index=list(ROUNDING_MODES).index(w.scen_settings.rounding),
                               format_func=ROUNDING_LABELS.get)
        if st.form_submit_button("Terapkan pengaturan skenario", type="primary"):
            sc.add_change(SetSettings(wke_hours=float(wke), rounding=rounding))
    with tabs[5]:
        _suggestions(w, opd)


def _task_form(w: sc.WhatIf, opd: str, labels: dict[str, str]) -> None:
    tasks = w.scen.tasks.loc[(w.scen.tasks["opd"] == opd) & (w.scen.tasks["row"] > 0)]
    with_tasks = [c for c in labels if (tasks["position"] == c).any()]
    if not with_tasks:
        st.info("Tidak ada tugas yang dapat diubah di OPD ini.")
        return
    code = st.selectbox("Jabatan", with_tasks, format_func=labels.get, key="tk_pos")
    own = tasks.loc[tasks["position"] == code]
    rows = own.set_index("row")
    row = st.selectbox("Tugas", own["row"].tolist(), key="tk_row", format_func=lambda r: (
        f"{rows.loc[r, 'task']} — {fmt_num(rows.loc[r, 'volume'], 1)} {rows.loc[r, 'output'] or ''}"
        f"/{rows.loc[r, 'period']} × {fmt_num(rows.loc[r, 'norma'], 1)} {rows.loc[r, 'time_unit']}"))
    with st.form("whatif_task", border=False):
        a, b = st.columns(2)
        volume = a.number_input("Volume baru", min_value=0.0, value=float(rows.loc[row, "volume"]),
                                key="tk_vol")
        norma = b.number_input(f"Norma waktu baru ({rows.loc[row, 'time_unit']})", min_value=0.01,
                               value=float(rows.loc[row, "norma"]), key="tk_norma")
        if st.form_submit_button("Terapkan perubahan tugas", type="primary"):
            changed = False
            if volume != float(rows.loc[row, "volume"]):
                changed = sc.add_change(SetTaskVolume(opd, code, int(row), float(volume)))
            if norma != float(rows.loc[row, "norma"]):
                changed = sc.add_change(SetTaskNorma(opd, code, int(row), float(norma))) or changed
            if not changed:
                sc.say("info", "Volume dan norma waktu sama dengan sebelumnya; tidak ada perubahan.")


def _position_forms(w: sc.WhatIf, opd: str, labels: dict[str, str]) -> None:
    units = w.city.units.loc[w.city.units["opd"] == opd]
    unit_names = dict(zip(units["code"], units["name"], strict=True))
    with st.form("whatif_add", border=False):
        st.markdown("**Tambah jabatan** (mis. jabatan fungsional baru)")
        a, b, c = st.columns([4, 4, 2])
        unit = a.selectbox("Unit", list(unit_names), format_func=unit_names.get, key="ad_unit")
        name = b.text_input("Nama jabatan", key="ad_name", placeholder="Analis Kebijakan Ahli Muda")
        kind = c.selectbox("Jenis", JENIS_JABATAN, index=JENIS_JABATAN.index("Fungsional"),
                           key="ad_kind")
        d, e, f, g, h = st.columns([4, 2, 2, 2, 2])
        task = d.text_input("Satu tugas (opsional)", key="ad_task")
        volume = e.number_input("Volume", min_value=0.0, value=0.0, key="ad_vol")
        period = f.selectbox("Periode", PERIODE, key="ad_period")
        norma = g.number_input("Norma", min_value=0.0, value=60.0, key="ad_norma")
        unit_t = h.selectbox("Satuan", SATUAN_WAKTU, key="ad_tu")
        existing = st.number_input("Pegawai (orang)", min_value=0, max_value=500, value=0, step=1,
                                   key="ad_n")
        if st.form_submit_button("Tambah jabatan", type="primary"):
            if not name.strip():
                sc.say("error", "Isi nama jabatan baru.")
            else:
                code = _new_code(w, opd)
                tasks = (NewTask(task.strip(), float(volume), period, float(norma), unit_t),) \
                    if task.strip() and volume > 0 and norma > 0 else ()
                sc.add_change(AddPosition(opd, unit, code, name.strip(), kind, int(existing),
                                          tasks))
    with st.form("whatif_remove", border=False):
        st.markdown("**Hapus jabatan** (pegawainya harus 0: pindahkan dulu)")
        code = st.selectbox("Jabatan", list(labels), format_func=labels.get, key="rm_pos")
        if st.form_submit_button("Hapus jabatan"):
            sc.add_change(RemovePosition(opd, code))


def _new_code(w: sc.WhatIf, opd: str) -> str:
    used = set(w.scen.positions.loc[w.scen.positions["opd"] == opd, "code"])
    n = 1
    while f"BARU-{n}" in used:
        n += 1
    return f"BARU-{n}"


def _suggestions(w: sc.WhatIf, opd: str) -> None:
    a, b = st.columns(2)
    scope = a.radio("Cakupan", list(SCOPE_LABELS), format_func=SCOPE_LABELS.get, key="sg_scope",
                    horizontal=True)
    match = b.selectbox("Aturan kecocokan jabatan", list(MATCH_LABELS),
                        format_func=MATCH_LABELS.get, key="sg_match")
    suggestion = suggest_moves(w.scen, w.scen_city, scope=scope, match=match,
                               opd=opd if scope == "opd" else None)
    st.write(suggestion.message)
    if suggestion.moved:
        for line in suggestion.scenario.describe(w.scen_city):
            st.markdown(f"- {line}")
        st.button(f"Terapkan {fmt_num(suggestion.moved)} pemindahan ke skenario", type="primary",
                  key="sg_apply", on_click=sc.extend, args=(suggestion.scenario.changes,
                                                            suggestion.moved))


def _change_log(w: sc.WhatIf) -> None:
    lines = w.scenario.describe(w.city)
    st.markdown(f"**Daftar perubahan** — {len(lines)} perubahan")
    if not lines:
        st.caption("Belum ada perubahan: hasil skenario sama dengan kondisi saat ini.")
        return
    for i, line in enumerate(lines):
        a, b = st.columns([9, 3], vertical_alignment="center")
        a.markdown(f"{i + 1}. {line}")
        b.button("Batalkan", key=f"undo_{i}", icon=":material/undo:", on_click=sc.undo,
                 args=(i,))
    st.button("Kosongkan skenario", icon=":material/restart_alt:", key="whatif_reset",
              on_click=sc.reset)


def _headline(w: sc.WhatIf, opd: str) -> None:
    """The OPD's figures in the scenario with the change from today under each."""
    o = compare(w.base, w.scen, "opd", opd).iloc[0]
    cols = st.columns(5)
    for col, (key, title, dec) in zip(cols, [
            ("existing", "Pegawai", 0), ("need", "Kebutuhan", 0), ("surplus", "Kelebihan", 0),
            ("shortage", "Kekurangan", 0), ("eu2", "EU OPD", 2)], strict=True):
        delta = o[f"{key}_scen"] - o[f"{key}_base"]
        unit = key != "eu2"
        col.metric(title, fmt_num(o[f"{key}_scen"], dec),
                   delta=f"{'+' if delta > 0 else ''}{fmt_num(delta, dec)} dari "
                         f"{fmt_num(o[f'{key}_base'], dec)}" if abs(delta) > 1e-9
                   else ("orang, tetap" if unit else "tetap"),
                   delta_color="off", delta_arrow="off" if abs(delta) <= 1e-9 else "auto",
                   border=True)
    city = compare_city(w.base, w.scen).set_index("metric")
    st.caption(f"Kota: kebutuhan {fmt_num(city.loc['need', 'base'])} → "
               f"{fmt_num(city.loc['need', 'scen'])} orang; kekurangan "
               f"{fmt_num(city.loc['shortage', 'base'])} → {fmt_num(city.loc['shortage', 'scen'])}"
               f" orang · skenario dihitung dengan {w.scen_settings.describe()}")


def _side_by_side(w: sc.WhatIf, opd: str) -> None:
    st.subheader(f"Rincian: saat ini vs {w.name}")
    units = compare(w.base, w.scen, "unit", opd)
    positions = compare(w.base, w.scen, "position", opd)
    changed_pos = positions.loc[positions["changed"]]
    if len(changed_pos):
        chart(charts.compare_bars(changed_pos, "name", "ej2_base", "ej2_scen",
                                  "EJ jabatan yang berubah: saat ini vs simulasi", decimals=2,
                                  unit="", x_title="EJ"),
              "whatif_chart", "simulasi_ej")
    st.markdown("**Unit** (sel yang berubah ditandai)")
    _delta_table(units, ["existing", "need", "surplus", "shortage", "eu2", "pu"], "whatif_units")
    only = st.toggle("Hanya jabatan yang berubah", value=True, key="whatif_only_changed")
    st.markdown("**Jabatan**")
    _delta_table(changed_pos if only else positions, ["existing", "need", "ej2", "pj"],
                 "whatif_positions")
    bal = compare_balance(w.city, w.base, w.scen_city, w.scen, current_evaluation().balance)
    with st.expander("Keseimbangan beban kerja: saat ini vs simulasi"):
        def shown(metric: str, value: object) -> str:
            if isinstance(value, str):
                return value
            return fmt_pct(value, 1) if "share" in metric else fmt_num(value, 2)

        view = pd.DataFrame({
            "Ukuran": bal["label"],
            "Saat ini": [shown(m, v) for m, v in zip(bal["metric"], bal["base"], strict=True)],
            "Simulasi": [shown(m, v) for m, v in zip(bal["metric"], bal["scen"], strict=True)],
        })
        st.dataframe(view, hide_index=True, width="stretch")


def _delta_table(frame: pd.DataFrame, metrics: list[str], key: str) -> None:
    """'saat ini → simulasi' per metric, changed cells highlighted (bold, tinted)."""
    if frame.empty:
        st.caption("Tidak ada baris yang berubah.")
        return
    out = pd.DataFrame({"Nama": frame["name"].to_numpy()})
    flags = pd.DataFrame({"Nama": False}, index=out.index)
    for m in metrics:
        head = {"existing": "Pegawai", "need": "Kebutuhan", "surplus": "Lebih", "shortage": "Kurang",
                "eu2": "EU", "ej2": "EJ", "pj": "PJ", "pu": "PU"}[m]
        dec = 2 if m in ("eu2", "ej2") else 0
        base, scen = frame[f"{m}_base"].to_numpy(), frame[f"{m}_scen"].to_numpy()
        out[head] = [fmt_num(b, dec) if not isinstance(b, str) else b for b in base]
        changed = frame[f"{m}_changed"].to_numpy()
        out[head] = [f"{b} → {fmt_num(s, dec) if not isinstance(s, str) else s}" if c else b
                     for b, s, c in zip(out[head], scen, changed, strict=True)]
        flags[head] = changed
    styled = out.style.apply(lambda _: flags.map(
        lambda f: "background-color:#FCE9D9;font-weight:700" if f else ""), axis=None)
    st.dataframe(styled, hide_index=True, width="stretch", key=key)


def _compare_scenarios(w: sc.WhatIf) -> None:
    others = [n for n in sc.scenarios() if n != w.name]
    if not others:
        return
    with st.expander("Bandingkan dua skenario"):
        other_name = st.selectbox("Bandingkan dengan", others, key="whatif_other")
        other = sc.compute(sc.scenarios()[other_name])
        a = compare_city(w.base, w.scen).set_index("metric")
        b = compare_city(w.base, other.scen).set_index("metric")
        view = pd.DataFrame({"Ukuran": a["label"], "Saat ini": a["base"].map(fmt_num),
                             w.name: a["scen"].map(fmt_num), other_name: b["scen"].map(fmt_num)})
        st.dataframe(view, hide_index=True, width="stretch")


def _save_load(w: sc.WhatIf) -> None:
    """Visible, not in an expander: an upload reruns the page and would fold it shut."""
    st.subheader("Simpan atau muat skenario")
    left, right = st.columns(2)
    left.download_button("Unduh skenario (.xlsx)", scenario_to_xlsx(w.scenario, w.settings, w.city),
                         file_name=f"skenario_{w.name.replace(' ', '_')}.xlsx", mime=XLSX,
                         key="whatif_download", icon=":material/download:", on_click="ignore")
    left.caption("Berisi daftar perubahan dan pengaturan; muat lagi nanti pada data yang sama "
                 "untuk angka yang persis sama.")
    right.file_uploader("Muat skenario tersimpan (.xlsx)", type=["xlsx"], key="whatif_upload")
    right.button("Muat sebagai skenario baru", key="whatif_load", on_click=_load_scenario,
                 disabled=st.session_state.get("whatif_upload") is None)


def _load_scenario() -> None:
    uploaded = st.session_state.get("whatif_upload")
    if uploaded is None:
        return
    city, _ = current_city()
    scenario, settings, issues = scenario_from_xlsx(uploaded.getvalue(), city, uploaded.name)
    name = scenario.name
    while name in sc.scenarios():
        name += " (dimuat)"
    sc.put(scenario.rename(name))
    state.put(state.ACTIVE_SCENARIO, name)
    note = ""
    if settings != state.settings():
        note = (f" Skenario disimpan dengan pengaturan {settings.describe()}; pengaturan aktif: "
                f"{state.settings().describe()}.")
    if issues:
        sc.say("error", f"Skenario '{name}' dimuat, tetapi {len(issues)} perubahan tidak dimuat "
               "karena tidak cocok dengan data: "
               + " · ".join(f"{i.where()}: {i.message}" for i in issues[:5]) + note)
    else:
        sc.say("success", f"Skenario '{name}' dimuat: {len(scenario)} perubahan." + note)


@st.fragment
def sandbox() -> None:
    """Editing and results rerun alone: the app frame and other pages are not recomputed."""
    _scenario_bar()
    w = sc.compute()
    opd = opd_picker(w.city.opd_names, key="whatif_opd")
    if opd is None:
        st.warning("Belum ada OPD yang dapat dihitung.")
        return
    # the answer first (filled after the forms, which may change the scenario in this run)
    message, headline = st.container(), st.container()
    _change_forms(w, opd)
    w = sc.compute()
    with st.container(border=True):
        _change_log(w)
    with message:
        sc.show_message()
    with headline:
        _headline(w, opd)
    _side_by_side(w, opd)
    _compare_scenarios(w)
    _save_load(w)


def body() -> None:
    st.title("Simulasi (what-if)")
    st.caption("Skenario = kondisi saat ini + daftar perubahan. Data asli tidak diubah; setiap "
               "perubahan diperiksa (tidak ada pegawai negatif, tidak memindahkan lebih dari yang "
               "ada) dan dapat dibatalkan satu per satu.")
    sandbox()


run_page(body)
