"""The admin page's data: accounts of the workspace and its audit log as display frames
(the page only draws them)."""

from __future__ import annotations

import pandas as pd

from sotk_core.base.labels import AUDIT_ACTION_LABELS, AUDIT_HEADERS
from sotk_core.store.access import ROLE_LABELS
from sotk_core.store.actor import Role

_DETAIL_KEYS = {"file": "file", "version": "versi", "name": "nama", "role": "peran",
                "opds": "OPD", "change": "perubahan", "attempts": "percobaan"}
_CHANGES = {"create": "akun baru", "grant": "peran diberikan", "revoke": "peran dicabut",
            "password": "kata sandi diganti", "disable": "dinonaktifkan", "enable": "diaktifkan"}


def accounts_frame(rows) -> pd.DataFrame:  # noqa: ANN001 - [(AccountInfo, MembershipInfo)]
    return pd.DataFrame([{
        "Nama pengguna": a.username, "Nama": a.display_name,
        "Peran": ROLE_LABELS.get(Role(m.role), m.role), "OPD": ", ".join(m.opds) or "—",
        "Masuk lewat": "kata sandi" if a.has_password else "akun instansi (e-mail)",
        "Status": "nonaktif" if a.disabled else "aktif",
        "Terakhir masuk": a.last_login_at.strftime("%d-%m-%Y %H:%M") if a.last_login_at else "—",
    } for a, m in rows], columns=["Nama pengguna", "Nama", "Peran", "OPD", "Masuk lewat",
                                  "Status", "Terakhir masuk"])


def _detail(detail: dict) -> str:
    parts = []
    for key, word in _DETAIL_KEYS.items():
        value = detail.get(key)
        if value in (None, "", []):
            continue
        if key == "change":
            value = _CHANGES.get(str(value), str(value))
        elif key == "role":
            value = ROLE_LABELS.get(Role(value), value) if value in set(Role) else value
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{word} {value}")
    return "; ".join(parts)


def audit_frame(events, round_names: dict[int, str]) -> pd.DataFrame:  # noqa: ANN001
    """One row per change, newest first, in plain words (the times in UTC+7, WIB)."""
    rows = [{
        "at": pd.Timestamp(e.at).tz_convert("Asia/Jakarta").strftime("%d-%m-%Y %H:%M:%S"),
        "actor_name": e.actor_name,
        "action": AUDIT_ACTION_LABELS.get(e.action, e.action),
        "opd": e.opd or "—",
        "round": round_names.get(e.round_id, "—") if e.round_id else "—",
        "detail": _detail(e.detail),
    } for e in events]
    frame = pd.DataFrame(rows, columns=list(AUDIT_HEADERS))
    return frame.rename(columns=AUDIT_HEADERS)
