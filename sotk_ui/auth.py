"""Signing in to the app: who the session is, in which role, and for how long.

The sample city needs no sign-in. A real workspace is opened only by a signed-in account
with a role in it; the role is enforced again in the core service layer (RolePolicy), so a
hidden button is never the only guard.

Two ways in:
* OIDC, when `.streamlit/secrets.toml` has an `[auth]` section: Streamlit's `st.login()`;
  `st.user.email` is mapped to an account (AccountService.account_by_email);
* otherwise local accounts: name and password, checked by AccountService.authenticate
  (argon2 hashes, growing waits and a lock after repeated failures).

The session is kept in this browser tab's session state, renewed by every run and ended
after SESSION_IDLE without activity or SESSION_MAX in all (sotk_core.store.access).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from sotk_core.store import Actor, Role, StoreError
from sotk_core.store.access import ROLE_LABELS, AccountInfo, AccountService, session_valid
from sotk_core.store.errors import LoginRefused
from sotk_ui.safe import md

SESSION = "sotk_signed_in"  # SignedIn or absent
MESSAGE = "_sotk_auth_message"  # (kind, sentence) to show once
WANTED = "_sotk_url_wanted"  # workspace a link named before signing in
URL_READ = "_sotk_url_read"  # sotk_ui.workspace.from_url has run for this session
ANONYMOUS = Actor(name="tamu", role=Role.VIEWER, account_id=None, opds=frozenset())


@dataclass
class SignedIn:
    account: AccountInfo
    started: datetime
    last_seen: datetime
    via: str  # "sandi" | "oidc"


def _now() -> datetime:
    return datetime.now(UTC)


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def accounts(db) -> AccountService:  # noqa: ANN001 - sotk_core.store.Database
    return AccountService(db)


def current(db=None) -> SignedIn | None:  # noqa: ANN001
    """The signed-in account of this session, or None (also once the session expired, with a
    message saying so). OIDC sessions are mapped to their account on first use."""
    signed: SignedIn | None = st.session_state.get(SESSION)
    now = _now()
    if signed is not None and not session_valid(signed.started, signed.last_seen, now):
        sign_out(message=("warning", "Sesi berakhir karena lama tidak aktif; silakan masuk "
                                     "lagi."))
        return None
    if signed is None and db is not None and oidc_configured() and st.user.is_logged_in:
        try:
            info = accounts(db).account_by_email(str(st.user.get("email") or ""))
        except StoreError as exc:
            st.session_state[MESSAGE] = ("error", exc.message)
            return None
        signed = SignedIn(info, now, now, "oidc")
        st.session_state[SESSION] = signed
    if signed is not None:
        signed.last_seen = now
    return signed


def sign_in(db, username: str, password: str) -> bool:  # noqa: ANN001
    try:
        info = accounts(db).authenticate(username, password)
    except LoginRefused as exc:
        st.session_state[MESSAGE] = ("error", exc.message)
        return False
    except StoreError as exc:
        st.session_state[MESSAGE] = ("error", exc.message)
        return False
    now = _now()
    st.session_state[SESSION] = SignedIn(info, now, now, "sandi")
    st.session_state[MESSAGE] = ("success", f"Selamat datang, {info.display_name}.")
    st.session_state.pop(URL_READ, None)  # open the workspace the address names, now allowed
    return True


def sign_out(message: tuple[str, str] | None = None) -> None:
    """End the session (sotk_ui.workspace.leave also closes its workspace)."""
    signed: SignedIn | None = st.session_state.pop(SESSION, None)
    if message:
        st.session_state[MESSAGE] = message
    if signed is not None and signed.via == "oidc" and oidc_configured():
        st.logout()


def actor_in(db, workspace_id: int | None) -> Actor:  # noqa: ANN001
    """The session's actor in a workspace: its role there, or the anonymous visitor whom
    every real workspace refuses."""
    signed = current(db)
    if signed is None or workspace_id is None:
        return ANONYMOUS if signed is None else Actor(
            name=signed.account.username, role=Role.VIEWER,
            account_id=str(signed.account.id), opds=frozenset())
    return accounts(db).actor_for(signed.account, workspace_id)


def member_workspaces(db) -> dict[int, str]:  # noqa: ANN001
    """{workspace id: role} of the signed-in account (empty when nobody is signed in)."""
    signed = current(db)
    if signed is None:
        return {}
    return {m.workspace_id: m.role for m in accounts(db).memberships(signed.account.id)}


def make_admin(db, workspace_id: int) -> None:  # noqa: ANN001
    """The signed-in account becomes admin of a workspace it just created."""
    signed = current(db)
    if signed is not None:
        me = Actor(name=signed.account.username, role=Role.ADMIN,
                   account_id=str(signed.account.id))
        accounts(db).grant(me, signed.account.username, workspace_id, Role.ADMIN)


def role_label(role: str) -> str:
    return ROLE_LABELS.get(Role(role), role)


def show_message() -> None:
    msg = st.session_state.pop(MESSAGE, None)
    if msg:
        getattr(st, msg[0])(md(msg[1]))  # names in it are text


def _submit(db) -> None:  # noqa: ANN001
    name = st.session_state.get("login_name", "")
    password = st.session_state.get("login_password", "")
    st.session_state["login_password"] = ""  # never kept in the session
    if sign_in(db, name, password):
        st.session_state["login_name"] = ""


def login_form(db) -> None:  # noqa: ANN001
    """The sign-in form (or the identity-provider button), in the current container."""
    show_message()
    if oidc_configured():
        st.button("Masuk dengan akun instansi", icon=":material/login:", on_click=st.login,
                  type="primary")
        return
    with st.form("login", clear_on_submit=False, border=False):
        st.text_input("Nama pengguna", key="login_name", autocomplete="username")
        st.text_input("Kata sandi", key="login_password", type="password",
                      autocomplete="current-password")
        st.form_submit_button("Masuk", icon=":material/login:", type="primary",
                              on_click=_submit, args=(db,))
