"""The sidebar's workspace and round picker, the forms to create them, the database error
page and the autosave messages (conflicts, a disk that refused to write)."""

from __future__ import annotations

import streamlit as st

from sotk_core.store import StoreError
from sotk_ui import auth, state
from sotk_ui import workspace as ws
from sotk_ui.data import SAMPLE_NAME
from sotk_ui.safe import md

DEMO = -1  # the picker's value for the sample city


def _pick_workspace() -> None:
    chosen = st.session_state.get("ws_pick")
    svc = ws.service()
    if chosen in (None, DEMO) or svc is None:
        ws.select(None, None)
        return
    rounds = svc.list_rounds(ws.actor(), chosen)
    ws.select(chosen, rounds[-1].id if rounds else None)
    if not rounds:
        st.session_state[ws.WS] = chosen  # no round yet: the form below asks for one


def _pick_round() -> None:
    ws.select(st.session_state.get(ws.WS), st.session_state.get("round_pick"))


def _create(kind: str) -> None:
    svc = ws.service()
    name = (st.session_state.get(f"new_{kind}_name") or "").strip()
    try:
        if kind == "ws":
            info = svc.create_workspace(ws.actor(), name)
            auth.make_admin(svc.db, info.id)  # the creator runs the new workspace
            first = (st.session_state.get("new_ws_round") or "").strip() or "Putaran 1"
            rnd = svc.create_round(ws.actor(), info.id, first, state.settings())
            uploads = state.get(state.UPLOADS) if state.get(state.SOURCE) == "upload" else {}
            if uploads and st.session_state.get("new_ws_keep", True):
                svc.submit(ws.actor(), rnd.id, list(uploads.items()))
            state.put(state.SOURCE, "sample")
            state.put(state.UPLOADS, {})
            ws.select(info.id, rnd.id)
        else:
            rnd = svc.create_round(ws.actor(), st.session_state[ws.WS], name, state.settings())
            ws.select(rnd.workspace_id, rnd.id)
    except StoreError as exc:
        st.session_state["_ws_form_error"] = exc.message
        return
    st.session_state.pop("_ws_form_error", None)
    st.session_state[f"new_{kind}_name"] = ""


def workspace_panel() -> None:
    """Ruang kerja + Putaran in the sidebar (above the data source)."""
    svc = ws.service()
    if svc is None:
        st.sidebar.caption(":material/cloud_off: Basis data tidak tersedia: hanya kota contoh.")
        return
    st.sidebar.subheader("Ruang kerja")
    signed = auth.current(svc.db)
    mine = auth.member_workspaces(svc.db)
    if signed is None:
        wanted = st.session_state.get(auth.WANTED)
        with st.sidebar.expander("Masuk untuk membuka ruang kerja kota" +
                                 (f" \u201c{md(wanted)}\u201d" if wanted else ""),
                                 icon=":material/lock:", expanded=bool(wanted)):
            auth.login_form(svc.db)
    else:
        role = mine.get(st.session_state.get(ws.WS)) if st.session_state.get(ws.WS) else None
        st.sidebar.caption(f":material/person: {md(signed.account.display_name)}"
                           + (f" · {auth.role_label(role)}" if role else ""))
        st.sidebar.button("Keluar", icon=":material/logout:", key="sign_out",
                          on_click=ws.sign_out)
        auth.show_message()
    spaces = svc.list_workspaces(ws.actor()) if mine else []
    names = {w.id: w.name for w in spaces if w.id in mine}
    is_admin = "admin" in mine.values()
    current = st.session_state.get(ws.WS)
    st.session_state["ws_pick"] = current if current in names else DEMO
    st.sidebar.selectbox(
        "Ruang kerja", [DEMO, *names], key="ws_pick", on_change=_pick_workspace,
        format_func=lambda i: SAMPLE_NAME if i == DEMO else names[i],  # fits a 1024 px sidebar
        label_visibility="collapsed")
    if current in names:
        rounds = svc.list_rounds(ws.actor(), current)
        labels = {r.id: r.name for r in rounds}
        if rounds:
            st.session_state["round_pick"] = st.session_state.get(ws.ROUND)
            st.sidebar.selectbox("Putaran", list(labels), key="round_pick",
                                 format_func=labels.get, on_change=_pick_round,
                                 help="Satu putaran = satu siklus evaluasi (mis. 2025, 2026). "
                                      "Catatan, skenario dan workbook disimpan per putaran.")
        if mine.get(current) == "admin":
            with st.sidebar.popover("Putaran baru", icon=":material/add:", width="stretch"):
                st.text_input("Nama putaran", key="new_round_name", placeholder="mis. 2026")
                st.button("Buat putaran", key="new_round_go", on_click=_create,
                          args=("round",))
    if not is_admin:
        _form_error()
        return
    with st.sidebar.popover("Ruang kerja baru", icon=":material/add_business:",
                            width="stretch"):
        st.text_input("Nama kota/kabupaten", key="new_ws_name", placeholder="mis. Kota Mawar")
        st.text_input("Putaran pertama", key="new_ws_round", placeholder="mis. 2026")
        if state.get(state.SOURCE) == "upload" and state.get(state.UPLOADS):
            st.checkbox("Simpan workbook yang sudah diunggah ke putaran ini", value=True,
                        key="new_ws_keep")
        st.button("Buat ruang kerja", key="new_ws_go", type="primary", on_click=_create,
                  args=("ws",))
    _form_error()


def _form_error() -> None:
    error = st.session_state.get("_ws_form_error")
    if error:
        st.sidebar.warning(md(error), icon=":material/warning:")


def database_error_page() -> bool:
    """When the database cannot be opened: an Indonesian page (True = stop here), with a way
    on to the sample city."""
    if ws.service() is not None or st.session_state.get(ws.DEMO_ONLY):
        return False
    st.title("Basis data tidak dapat dibuka")
    st.error(st.session_state.get(ws.ERROR, "Basis data tidak dapat dibuka."),
             icon=":material/cloud_off:")
    st.markdown(
        "Catatan, skenario dan workbook ruang kerja tersimpan di basis data ini, jadi belum "
        "dapat dibuka. Periksa alamat pada pengaturan **SOTK_DATABASE_URL** dan pastikan "
        "server basis data menyala, lalu muat ulang halaman ini.")
    st.button("Muat ulang", icon=":material/refresh:", key="db_retry")
    st.button("Lanjutkan dengan kota contoh saja (tidak ada yang disimpan)",
              key="db_demo_only", on_click=lambda: st.session_state.update({ws.DEMO_ONLY: True}))
    return True


def autosave_messages() -> None:
    """Conflicts with other users' edits, and what the disk refused to keep."""
    for sentence in ws.conflicts():
        st.warning(md(sentence), icon=":material/sync_problem:")
    info = ws.unsaved()
    if info:
        st.error(md(info["message"]), icon=":material/save:")
        st.download_button("Unduh catatan yang belum tersimpan (.json)", ws.unsaved_bytes(),
                           file_name="catatan_belum_tersimpan.json", mime="application/json",
                           key="dl_unsaved", on_click="ignore", icon=":material/download:")
        if info.get("scenarios"):
            st.caption("Skenario tetap ada di sesi ini; unduh dari halaman Simulasi sebelum "
                       "menutup browser.")


def round_caption() -> str | None:
    """'Kota Mawar · putaran 2026' for the data source line, None on the sample city."""
    rnd = ws.active_round()
    if rnd is None:
        return None
    return f"{ws.service().get_workspace(ws.actor(), rnd.workspace_id).name} · putaran " \
           f"{rnd.name}"
