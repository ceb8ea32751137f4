"""The app frame's sidebar: data source (sample or uploads) and settings. Drawn on every page."""

from __future__ import annotations

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
from sotk_core.workbook.guard import MAX_FILE_BYTES
from sotk_core.workbook.writer import workbook_bytes
from sotk_ui import state
from sotk_ui.data import SAMPLE_NAME


@st.cache_data(show_spinner=False)
def template_bytes() -> bytes:
    return workbook_bytes()


def _store_uploads() -> None:
    key = f"uploader_{state.get(state.UPLOADER_NONCE)}"
    files = st.session_state.get(key) or []
    if not files:
        return
    uploads = dict(state.get(state.UPLOADS)) if state.get(state.SOURCE) == "upload" else {}
    for f in files:
        uploads[f.name] = f.getvalue()
    state.put(state.UPLOADS, uploads)
    state.put(state.SOURCE, "upload")
    state.put(state.OPD, None)
    # clear the widget so the same files are not added again on the next change
    state.put(state.UPLOADER_NONCE, state.get(state.UPLOADER_NONCE) + 1)


def reset_to_sample() -> None:
    state.put(state.SOURCE, "sample")
    state.put(state.UPLOADS, {})
    state.put(state.OPD, None)
    state.put(state.UPLOADER_NONCE, state.get(state.UPLOADER_NONCE) + 1)
    state.get(state.EVAL_MEMO).clear()
    st.query_params.pop("opd", None)


def data_source_panel() -> None:
    st.sidebar.subheader("Sumber data")
    uploads = state.get(state.UPLOADS)
    if state.get(state.SOURCE) == "upload" and uploads:
        st.sidebar.markdown(f"**Unggahan Anda**: {len(uploads)} workbook")
        st.sidebar.button("Kembali ke kota contoh", icon=":material/restart_alt:", on_click=reset_to_sample,
                          key="reset_sample", width="stretch")
    else:
        st.sidebar.markdown(f"**{SAMPLE_NAME}**")
    st.sidebar.file_uploader(
        "Unggah workbook OPD (.xlsx), boleh beberapa sekaligus",
        type=["xlsx", "xlsm", "xls"], accept_multiple_files=True,
        key=f"uploader_{state.get(state.UPLOADER_NONCE)}", on_change=_store_uploads,
        help=f"Satu workbook per OPD, sesuai template. Maksimal "
             f"{MAX_FILE_BYTES // 1_048_576} MB per file. File dengan galat tidak dihitung; "
             "file lain tetap dimuat.",
    )
    st.sidebar.download_button("Template workbook OPD", template_bytes(), icon=":material/download:",
                               file_name="template_opd_sotk_v1.xlsx",
                               mime="application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet",
                               key="dl_template", width="stretch", on_click="ignore")


def _apply_settings() -> None:
    preset = st.session_state["set_preset"]
    rounding = st.session_state["set_rounding"]
    if preset == CUSTOM_PRESET:
        hours = float(st.session_state.get("set_wke") or 1250.0)
        new = Settings.from_preset().with_(wke_hours=hours, rounding=rounding)
        new = new.with_(preset=CUSTOM_PRESET)
    else:
        new = Settings.from_preset(preset).with_(rounding=rounding)
    state.put(state.SETTINGS, new)


def settings_panel() -> Settings:
    current = state.settings()
    st.sidebar.subheader("Pengaturan ABK")
    options = [*WKE_PRESETS, CUSTOM_PRESET]
    st.session_state.setdefault("set_preset", current.preset if current.preset in options
                                else CUSTOM_PRESET)
    st.session_state.setdefault("set_rounding", current.rounding)
    st.session_state.setdefault("set_wke", float(current.wke_hours))
    st.sidebar.selectbox(
        "Jam kerja efektif (preset)", options, key="set_preset", on_change=_apply_settings,
        format_func=lambda p: f"{fmt_num(WKE_PRESETS[p])} jam · {p}" if p in WKE_PRESETS
        else "Kustom (isi sendiri)",
        help="PermenPANRB 1/2020: 1.250 jam; Permendagri 12/2008: 1.300 jam; BKN 2011: 1.200 "
             "jam (Minggu ×48, Hari ×240).")
    if st.session_state["set_preset"] == CUSTOM_PRESET:
        st.sidebar.number_input("WKE (jam/tahun)", min_value=100.0, max_value=3000.0, step=10.0,
                                key="set_wke", on_change=_apply_settings)
        with st.sidebar.expander("Bantu hitung WKE"):
            days = st.number_input("Hari kerja per tahun", 100, 366, 250, key="wke_days")
            per_day = st.number_input("Jam efektif per hari", 1.0, 12.0, 5.0, step=0.25,
                                      key="wke_per_day")
            st.write(f"= **{fmt_num(derive_wke_hours(days, per_day), 1)} jam/tahun**")
    st.sidebar.radio("Pembulatan kebutuhan pegawai", list(ROUNDING_MODES), key="set_rounding",
                     format_func=lambda m: ROUNDING_LABELS[m], on_change=_apply_settings)
    return state.settings()
