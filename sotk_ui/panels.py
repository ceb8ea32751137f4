"""The app frame's sidebar: data source (sample or uploads) and settings. Drawn on every page."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import (
    CUSTOM_PRESET,
    ROUNDING_LABELS,
    ROUNDING_MODES,
    WKE_PRESETS,
    Settings,
    derive_wke_hours,
)
from sotk_core.base.tables import (
    CUSTOM_BANDS_NAME,
    KELEMBAGAAN_TABLES,
    MATURITY_EDGES,
    PJ_TABLES,
    PJ_TABLES_BY_ID,
    PRESETS,
)
from sotk_core.store import StoreError
from sotk_core.workbook.guard import MAX_FILE_BYTES, MAX_SESSION_BYTES
from sotk_core.workbook.writer import workbook_bytes
from sotk_ui import state, workspace
from sotk_ui.data import SAMPLE_NAME
from sotk_ui.safe import md
from sotk_ui.workspace_panel import round_caption

UPLOAD_MESSAGE = "_sotk_upload_message"  # (kind, text) after saving uploads to the round
UPLOAD_NOTES = "_sotk_upload_notes"  # what the last upload could not take as it was


@st.cache_data(show_spinner=False)
def template_bytes() -> bytes:
    return workbook_bytes()


def _store_uploads() -> None:
    key = f"uploader_{state.get(state.UPLOADER_NONCE)}"
    files = st.session_state.get(key) or []
    if not files:
        return
    if workspace.in_workspace():  # saved at once as new versions in the round
        _submit([(f.name, f.getvalue()) for f in files])
        state.put(state.UPLOADER_NONCE, state.get(state.UPLOADER_NONCE) + 1)
        return
    uploads = dict(state.get(state.UPLOADS)) if state.get(state.SOURCE) == "upload" else {}
    notes: list[str] = []
    for f in files:
        data = f.getvalue()
        name = _free_name(uploads, f.name, data)
        if name is None:
            continue  # the same file again
        if sum(map(len, uploads.values())) + len(data) > MAX_SESSION_BYTES:
            notes.append(f"File '{f.name}' tidak dimuat: unggahan sesi ini sudah mendekati batas "
                         f"{fmt_num(MAX_SESSION_BYTES / 1_048_576)} MB. Kembali ke kota contoh "
                         "untuk mengosongkan unggahan, lalu unggah file yang diperlukan saja.")
            continue
        if name != f.name:
            notes.append(f"Ada dua file bernama '{f.name}' dengan isi berbeda; yang baru dimuat "
                         f"sebagai '{name}'.")
        uploads[name] = data
    st.session_state[UPLOAD_NOTES] = notes
    if not uploads:
        return
    state.put(state.UPLOADS, uploads)
    state.put(state.SOURCE, "upload")
    state.put(state.OPD, None)
    # clear the widget so the same files are not added again on the next change
    state.put(state.UPLOADER_NONCE, state.get(state.UPLOADER_NONCE) + 1)


def _submit(files: list[tuple[str, bytes]]) -> None:
    svc = workspace.service()
    try:
        result = svc.submit(workspace.actor(), st.session_state[workspace.ROUND], files)
    except StoreError as exc:
        st.session_state[UPLOAD_MESSAGE] = ("error", md(exc.message))
        return
    lines = [f"{md(s.file_name)}: {md(s.opd)} versi {s.version} tersimpan"
             + ("" if s.ok else f" ({s.error_count} galat, tidak dihitung)")
             for s in result.stored]
    lines += [f"{md(i.file)}: {md(i.message)}" for i in result.refused]
    st.session_state[UPLOAD_MESSAGE] = ("info", "\n".join(f"- {line}" for line in lines))


def _free_name(uploads: dict[str, bytes], name: str, data: bytes) -> str | None:
    """Where an upload goes: its own name, 'name (2).xlsx' when another file already has that
    name, or None when the very same file is already loaded."""
    stem, dot, ext = name.rpartition(".")
    stem, ext = (stem, f".{ext}") if dot else (name, "")
    candidate, n = name, 1
    while candidate in uploads:
        if uploads[candidate] == data:
            return None
        n += 1
        candidate = f"{stem} ({n}){ext}"
    return candidate


def reset_to_sample() -> None:
    workspace.select(None, None)
    state.put(state.SOURCE, "sample")
    state.put(state.UPLOADS, {})
    state.put(state.OPD, None)
    state.put(state.UPLOADER_NONCE, state.get(state.UPLOADER_NONCE) + 1)
    state.get(state.EVAL_MEMO).clear()
    st.query_params.pop("opd", None)


def data_source_panel() -> None:
    st.sidebar.subheader("Sumber data")
    uploads = state.get(state.UPLOADS)
    caption = round_caption()
    if caption:
        st.sidebar.markdown(f"**{md(caption)}**: workbook yang diunggah langsung tersimpan sebagai "
                            "versi baru.")
        msg = st.session_state.pop(UPLOAD_MESSAGE, None)
        if msg:
            (st.sidebar.error if msg[0] == "error" else st.sidebar.info)(msg[1])
    elif state.get(state.SOURCE) == "upload" and uploads:
        st.sidebar.markdown(f"**Unggahan Anda**: {len(uploads)} workbook")
        st.sidebar.button("Kembali ke kota contoh", icon=":material/restart_alt:", on_click=reset_to_sample,
                          key="reset_sample", width="stretch")
    else:
        st.sidebar.markdown(f"**{SAMPLE_NAME}**")
    for note in st.session_state.pop(UPLOAD_NOTES, None) or []:
        st.sidebar.warning(md(note), icon=":material/warning:")
    st.sidebar.file_uploader(
        "Unggah workbook OPD (.xlsx), boleh beberapa sekaligus",
        type=["xlsx", "xlsm", "xls"], accept_multiple_files=True,
        key=f"uploader_{state.get(state.UPLOADER_NONCE)}", on_change=_store_uploads,
        help=f"Satu workbook per OPD, sesuai template. Maksimal "
             f"{MAX_FILE_BYTES // 1_048_576} MB per file dan "
             f"{MAX_SESSION_BYTES // 1_048_576} MB untuk semua unggahan satu sesi. File dengan "
             "galat tidak dihitung; file lain tetap dimuat.",
    )
    st.sidebar.download_button("Template workbook OPD", template_bytes(), icon=":material/download:",
                               file_name="template_opd_sotk_v1.xlsx",
                               mime="application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet",
                               key="dl_template", width="stretch", on_click="ignore")


_BAND_KEYS = ("set_pj_A", "set_pj_B", "set_pj_C", "set_pj_D")


def _custom_bands(current: Settings) -> tuple[tuple[str, str, float], ...] | None:
    """The four lower bounds typed in the panel as a band table; None if not descending."""
    lows = [float(st.session_state.get(k, current.ej_bands[i][2]))
            for i, k in enumerate(_BAND_KEYS)]
    if any(a <= b for a, b in zip(lows, lows[1:], strict=False)):
        return None
    labels = current.ej_bands
    return (*((labels[i][0], labels[i][1], lows[i]) for i in range(4)),
            (labels[4][0], labels[4][1], float("-inf")))


def _apply_settings() -> None:
    """Rebuild the Settings from the panel's widgets (each falls back to the value in force)."""
    current = state.settings()
    ss = st.session_state
    preset = ss.get("set_preset", current.base.name)
    if preset == CUSTOM_PRESET:
        base = Settings.from_preset(current.base_preset)
        wke = float(ss.get("set_wke") or current.wke_hours)
    else:
        base = Settings.from_preset(preset)
        wke = base.wke_hours
        ss["set_wke"] = wke  # "Kustom" chosen next starts from this preset's figure
    pj = ss.get("set_pj", current.pj_table)
    if pj == "kustom":
        bands = _custom_bands(current)
        if bands is None:
            ss["set_pj_problem"] = True
            bands = current.ej_bands
        else:
            ss["set_pj_problem"] = False
    else:
        bands = PJ_TABLES_BY_ID[pj].bands
    new = replace(current, base_preset=base.base_preset, wke_hours=wke,
                  period_factors=base.period_factors,
                  rounding=ss.get("set_rounding", current.rounding), ej_bands=bands,
                  maturity_edges=ss.get("set_edges", current.maturity_edges),
                  kelembagaan_table=ss.get("set_items", current.kelembagaan_table))
    state.put(state.SETTINGS, new)


def _preset_label(name: str) -> str:
    if name not in WKE_PRESETS:
        return "Kustom (isi sendiri)"
    hours = WKE_PRESETS[name]
    if float(hours).is_integer():
        return f"{fmt_num(hours)} jam · {name}"
    return f"{fmt_num(hours * 60)} menit · {name}"


def restore_settings(settings: Settings) -> None:
    """Put `settings` in force (from a callback, before the sidebar is drawn): the panel's
    widgets redraw from them, so a reloaded scenario computes as it was saved."""
    state.put(state.SETTINGS, settings)
    for key in ("set_preset", "set_rounding", "set_wke", "set_pj", "set_edges", "set_items",
                *_BAND_KEYS):
        st.session_state.pop(key, None)


def settings_panel() -> Settings:
    current = state.settings()
    st.sidebar.subheader("Pengaturan ABK")
    options = [*WKE_PRESETS, CUSTOM_PRESET]
    st.session_state.setdefault("set_preset", CUSTOM_PRESET if current.is_custom
                                else current.base.name)
    st.session_state.setdefault("set_rounding", current.rounding)
    st.session_state.setdefault("set_wke", float(current.wke_hours))
    st.session_state.setdefault("set_pj", current.pj_table)
    st.session_state.setdefault("set_edges", current.maturity_edges)
    st.session_state.setdefault("set_items", current.kelembagaan_table)
    for i, key in enumerate(_BAND_KEYS):
        st.session_state.setdefault(key, float(current.ej_bands[i][2]))
    st.sidebar.selectbox(
        "Jam kerja efektif (preset)", options, key="set_preset", on_change=_apply_settings,
        format_func=_preset_label,
        help=" ".join(f"{p.name}: {p.source}" for p in PRESETS))
    if st.session_state["set_preset"] == CUSTOM_PRESET:
        st.sidebar.number_input("WKE (jam/tahun)", min_value=100.0, max_value=3000.0, step=10.0,
                                key="set_wke", on_change=_apply_settings)
        st.sidebar.caption(f"= {fmt_num(current.wke_minutes)} menit/tahun · faktor periode "
                           f"berdasarkan {current.base.name}")
        with st.sidebar.expander("Bantu hitung WKE"):
            days = st.number_input("Hari kerja per tahun", 100, 366, 250, key="wke_days")
            per_day = st.number_input("Jam efektif per hari", 1.0, 12.0, 5.0, step=0.25,
                                      key="wke_per_day")
            st.write(f"= **{fmt_num(derive_wke_hours(days, per_day), 1)} jam/tahun**")
    st.sidebar.radio("Pembulatan kebutuhan pegawai", list(ROUNDING_MODES), key="set_rounding",
                     format_func=lambda m: ROUNDING_LABELS[m], on_change=_apply_settings)
    pj_names = {t.id: t.name for t in PJ_TABLES} | {"kustom": CUSTOM_BANDS_NAME}
    st.sidebar.selectbox(
        "Tabel pita PJ/PU", list(pj_names), key="set_pj", format_func=pj_names.get,
        on_change=_apply_settings,
        help="Dipakai untuk predikat PJ/PU, status jabatan, hitungan beban berlebih/rendah "
             "dan temuan. " + " ".join(t.source for t in PJ_TABLES))
    if st.session_state["set_pj"] == "kustom":
        with st.sidebar.expander("Batas bawah pita (EJ, 2 desimal)", expanded=True):
            for i, key in enumerate(_BAND_KEYS):
                grade, label, _ = current.ej_bands[i]
                st.number_input(f"{grade} ({label}) {'di atas' if i == 0 else 'mulai'}",
                                min_value=0.01, max_value=5.0, step=0.01, format="%.2f",
                                key=key, on_change=_apply_settings)
            if st.session_state.get("set_pj_problem"):
                st.error("Batas pita harus menurun dari A ke D; pita sebelumnya tetap dipakai.")
    with st.sidebar.expander("Aturan kematangan dan kelembagaan"):
        edges = {e.id: e for e in MATURITY_EDGES}
        st.selectbox("Batas kategori kematangan", list(edges), key="set_edges",
                     format_func=lambda e: edges[e].name, on_change=_apply_settings,
                     help=" ".join(f"{e.name}: {e.rule}" for e in MATURITY_EDGES))
        items = {t.id: t for t in KELEMBAGAAN_TABLES}
        st.selectbox("Tabel butir kelembagaan", list(items), key="set_items",
                     format_func=lambda t: items[t].name, on_change=_apply_settings,
                     help=" ".join(t.source for t in KELEMBAGAAN_TABLES))
    return state.settings()
