"""Akun dan log: the admin's page — accounts and roles of the workspace, and who changed what."""

from __future__ import annotations

import streamlit as st

from sotk_core.store import StoreError
from sotk_core.store.access import ROLE_LABELS, AccountService
from sotk_ui import admin
from sotk_ui import workspace as ws
from sotk_ui.widgets import run_page

ROLES = list(ROLE_LABELS)


def _add(svc, workspace_id: int) -> None:  # noqa: ANN001
    f = st.session_state
    name, role = (f.get("acc_name") or "").strip(), f.get("acc_role")
    password, opds = f.get("acc_password") or "", f.get("acc_opds") or []
    f["acc_password"] = ""  # never kept in the session
    accounts = AccountService(svc.db, svc.policy)
    try:
        accounts.create_account(ws.actor(), name, password or None,
                                display_name=(f.get("acc_display") or "").strip() or None,
                                email=(f.get("acc_email") or "").strip() or None,
                                workspace_id=workspace_id)
        accounts.grant(ws.actor(), name, workspace_id, role, opds)
    except StoreError as exc:
        f["_acc_msg"] = ("error", exc.message)
        return
    f["_acc_msg"] = ("success", f"Akun '{name}' dibuat: {ROLE_LABELS[role]}.")
    for key in ("acc_name", "acc_display", "acc_email"):
        f[key] = ""


def _set_disabled(svc, workspace_id: int, disabled: bool) -> None:  # noqa: ANN001
    name = st.session_state.get("acc_pick")
    try:
        AccountService(svc.db, svc.policy).set_disabled(ws.actor(), name, disabled,
                                                        workspace_id)
    except StoreError as exc:
        st.session_state["_acc_msg"] = ("error", exc.message)
        return
    st.session_state["_acc_msg"] = ("success", f"Akun '{name}' "
                                    + ("dinonaktifkan." if disabled else "diaktifkan lagi."))


def body() -> None:
    st.title("Akun dan log perubahan")
    svc, rnd = ws.service(), ws.active_round()
    if svc is None or rnd is None:
        st.info("Halaman ini untuk admin ruang kerja kota. Kota contoh tidak punya akun: "
                "masuk dan pilih ruang kerja di sidebar.")
        return
    actor = ws.actor()
    if actor.role != "admin":
        st.info("Hanya admin Bagian Organisasi yang mengelola akun dan membaca log perubahan.")
        return
    msg = st.session_state.pop("_acc_msg", None)
    if msg:
        getattr(st, msg[0])(msg[1])
    tab_acc, tab_log = st.tabs(["Akun dan peran", "Log perubahan"])
    with tab_acc:
        rows = AccountService(svc.db, svc.policy).list_accounts(actor, rnd.workspace_id)
        st.dataframe(admin.accounts_frame(rows), hide_index=True, width="stretch")
        opd_names = [s.opd for s in svc.list_submissions(actor, rnd.id) if not s.withdrawn]
        with st.form("acc_add", border=True):
            st.subheader("Tambah akun")
            c1, c2 = st.columns(2)
            c1.text_input("Nama pengguna (tanpa spasi)", key="acc_name")
            c2.text_input("Nama lengkap", key="acc_display")
            c1.selectbox("Peran", ROLES, format_func=ROLE_LABELS.get, key="acc_role")
            c2.multiselect("OPD (untuk operator OPD)", opd_names, key="acc_opds",
                           placeholder="Pilih OPD")
            c1.text_input("Kata sandi awal (paling sedikit 10 huruf)", type="password",
                          key="acc_password")
            c2.text_input("E-mail (bila masuk lewat akun instansi)", key="acc_email")
            st.form_submit_button("Buat akun", type="primary", icon=":material/person_add:",
                                  on_click=_add, args=(svc, rnd.workspace_id))
        names = [a.username for a, _ in rows]
        if names:
            c1, c2, c3 = st.columns([2, 1, 1], vertical_alignment="bottom")
            c1.selectbox("Akun", names, key="acc_pick")
            c2.button("Nonaktifkan", on_click=_set_disabled, args=(svc, rnd.workspace_id, True),
                      width="stretch")
            c3.button("Aktifkan", on_click=_set_disabled, args=(svc, rnd.workspace_id, False),
                      width="stretch")
    with tab_log:
        rounds = {r.id: r.name for r in svc.list_rounds(actor, rnd.workspace_id)}
        opds = sorted({s.opd for s in svc.list_submissions(actor, rnd.id)})
        c1, c2 = st.columns(2)
        pick_round = c1.selectbox("Putaran", [None, *rounds], key="log_round",
                                  format_func=lambda r: "semua putaran" if r is None else
                                  rounds[r])
        pick_opd = c2.selectbox("OPD", [None, *opds], key="log_opd",
                                format_func=lambda o: "semua OPD" if o is None else o)
        events = svc.audit_log(actor, rnd.workspace_id, pick_round, pick_opd)
        st.caption(f"{len(events)} perubahan, terbaru di atas.")
        st.dataframe(admin.audit_frame(events, rounds), hide_index=True, width="stretch")


run_page(body)
