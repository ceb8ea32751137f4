"""The workspace round on the Data page: every OPD's submission versions (who, when,
checksum, issues), a download of any version's files exactly as submitted, restoring an
earlier version, and keeping the session's settings as the round's settings."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.store import Action, Conflict, StoreError
from sotk_core.workbook.formats import source_files
from sotk_ui import state
from sotk_ui import workspace as ws
from sotk_ui.safe import md
from sotk_ui.widgets import issues_panel

MESSAGE = "_sotk_versions_message"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _versions_frame(versions: list) -> pd.DataFrame:
    return pd.DataFrame([{
        "Versi": v.version,
        "File": v.file_name,
        "Dikirim oleh": v.submitted_by,
        "Waktu": v.submitted_at.astimezone().strftime("%d-%m-%Y %H:%M"),
        "Ukuran (KB)": fmt_num(v.size / 1024, 1),
        "Galat": v.error_count,
        "Peringatan": v.warning_count,
        "Keterangan": ("dikeluarkan dari putaran" if v.withdrawn else
                       f"pemulihan versi {v.restored_from}" if v.restored_from else ""),
        "sha256": v.sha256[:12],
    } for v in versions])


def _restore(submission_id: int, version: int) -> None:
    try:
        new = ws.service().restore_submission(ws.actor(), submission_id)
    except StoreError as exc:
        st.session_state[MESSAGE] = ("error", exc.message)
        return
    state.get(state.EVAL_MEMO).clear()
    st.session_state[MESSAGE] = ("success", f"Versi {version} dipulihkan sebagai versi "
                                 f"{new.version} ({new.opd}).")


def _keep_settings() -> None:
    rnd = ws.active_round()
    try:
        ws.service().set_round_settings(ws.actor(), rnd.id, state.settings(), rnd.version)
    except Conflict as exc:
        st.session_state[MESSAGE] = ("error", exc.message)
        return
    except StoreError as exc:
        st.session_state[MESSAGE] = ("error", exc.message)
        return
    st.session_state[MESSAGE] = ("success", "Pengaturan ini sekarang berlaku untuk putaran "
                                 f"{rnd.name}.")


def _files_bytes(files: list[tuple[str, bytes]]) -> tuple[bytes, str, str]:
    """(bytes, file name, mime): the one file as is, several files in one .zip."""
    if len(files) == 1:
        return files[0][1], files[0][0], XLSX
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            zf.writestr(name, data)
    return buf.getvalue(), "kiriman.zip", "application/zip"


def versions_panel() -> None:
    """Nothing on the sample city; in a workspace round: the versions of each OPD."""
    rnd = ws.active_round() if ws.in_workspace() else None
    if rnd is None:
        return
    svc = ws.service()
    st.subheader(f"Versi workbook · putaran {md(rnd.name)}")
    msg = st.session_state.pop(MESSAGE, None)
    if msg:
        (st.success if msg[0] == "success" else st.error)(md(msg[1]))
    if state.settings() != rnd.settings:
        st.caption(f"Putaran ini memakai {rnd.settings.describe()}; sidebar memakai "
                   f"{state.settings().describe()}.")
        st.button("Jadikan pengaturan sidebar pengaturan putaran ini", key="round_keep_settings",
                  on_click=_keep_settings, icon=":material/save:")
    current = svc.list_submissions(ws.actor(), rnd.id)
    if not current:
        st.caption("Belum ada workbook di putaran ini: unggah dari sidebar.")
        return
    opd = st.selectbox("OPD", [s.opd for s in current], key="versions_opd")
    versions = svc.submission_versions(ws.actor(), rnd.id, opd)
    st.dataframe(_versions_frame(versions), hide_index=True, width="stretch")
    pick = st.selectbox("Versi", [v.version for v in versions], key="versions_pick",
                        format_func=lambda n: f"Versi {n}")
    chosen = next(v for v in versions if v.version == pick)
    c1, c2 = st.columns(2)
    if not chosen.withdrawn:
        data, name, mime = _files_bytes(svc.submission_files(ws.actor(), chosen.id))
        c1.download_button(f"Unduh versi {chosen.version} (persis seperti dikirim)", data,
                           file_name=name, mime=mime, key="versions_dl", on_click="ignore",
                           icon=":material/download:", width="stretch")
    if chosen.version != versions[0].version:
        c2.button(f"Pulihkan versi {chosen.version}", key="versions_restore",
                  on_click=_restore, args=(chosen.id, chosen.version),
                  icon=":material/history:", width="stretch")


def own_submission_panel(ev, opd: str) -> None:  # noqa: ANN001 - sotk_core Evaluation
    """An OPD's own workbook on its page: the version in force in a workspace round (who sent
    it, when, what the check found) and, per file, the errors and warnings."""
    books = [wb for wb in ev.city.workbooks if wb.name == opd]
    files = [f for wb in books for f in source_files(wb)]
    st.subheader("Workbook OPD ini")
    rnd = ws.active_round() if ws.in_workspace() else None
    if rnd is not None:
        sent = [v for v in ws.service().list_submissions(ws.actor(), rnd.id) if v.opd == opd]
        if not sent:
            st.warning(f"Belum ada workbook untuk OPD ini di putaran {md(rnd.name)}.")
        for v in sent:
            when = v.submitted_at.astimezone().strftime("%d-%m-%Y %H:%M")
            st.markdown(f"Versi **{v.version}** · dikirim oleh {md(v.submitted_by)}, {when} · "
                        f"**{v.error_count}** galat, **{v.warning_count}** peringatan")
        if ws.may(Action.SUBMIT, opd):
            st.caption("Kirim workbook yang diperbaiki lewat unggahan di sidebar; versi "
                       "sebelumnya tetap tersimpan di halaman Data.")
    found = [i for i in ev.issues if i.file in set(files)]
    issues_panel(found, files)
