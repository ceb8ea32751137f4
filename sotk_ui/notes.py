"""FGD notes in the app: type a note or decision against an OPD or a unit from any page; the
notes live in `state.NOTES` (plain dicts, see sotk_core.model.notes) and survive page switches.

`notes_widget(opd, units, key)` draws the form and the notes of that scope (in an expander,
or in the caller's container); `notes_files(key)` offers the notes as .xlsx/.json and merges
an uploaded file back without duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from sotk_core.base.fmt import fmt_num
from sotk_core.model.notes import (
    KIND_LABELS,
    KINDS,
    MAX_NOTES,
    NotesError,
    make_note,
    merge_notes,
    note_key,
    notes_for,
    notes_from_bytes,
    notes_to_json,
    notes_to_xlsx,
)
from sotk_core.store import Action
from sotk_ui import state, workspace
from sotk_ui.safe import md

WHOLE_OPD = "(seluruh OPD)"
MESSAGE = "_sotk_notes_message"  # (kind, text) shown once after an upload
NONCE = "_sotk_notes_nonce"  # bump to clear the notes uploader
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def notes() -> list[dict]:
    return state.notes()


def _add(key: str, opd: str | None) -> None:
    text = st.session_state.get(f"{key}_text") or ""
    unit = st.session_state.get(f"{key}_unit")
    jenis = st.session_state.get(f"{key}_kind") or "catatan"
    try:
        if len(notes()) >= MAX_NOTES:
            raise ValueError(f"Sudah ada {fmt_num(MAX_NOTES)} catatan di sesi ini (batasnya); "
                             "unduh catatan lalu hapus yang lama sebelum menulis lagi.")
        note = make_note(text, opd, None if unit in (None, WHOLE_OPD) else unit, jenis)
    except ValueError as exc:
        st.session_state[f"{key}_error"] = str(exc)
        return
    state.put_notes([*notes(), note])
    st.session_state[f"{key}_text"] = ""
    st.session_state.pop(f"{key}_error", None)


def _remove(target: tuple) -> None:
    state.put_notes([n for n in notes() if note_key(n) != target])


def _note_line(n: dict, with_unit: bool = True) -> str:
    kind = KIND_LABELS.get(str(n.get("jenis")), str(n.get("jenis")))
    where = f" · {md(n['unit'])}" if with_unit and n.get("unit") else ""
    mark = ":material/gavel:" if n.get("jenis") == "keputusan" else ":material/edit_note:"
    return f"{mark} **{kind}** · {str(n.get('waktu', ''))[11:16]}{where} — {md(n.get('teks'))}"


def notes_form(opd: str | None, units: Sequence[str] = (), key: str = "notes") -> None:
    """The form and the notes about `opd` (None = the whole city), newest last."""
    scope = md(opd) if opd else "seluruh kota"
    c1, c2 = st.columns([1, 2])
    c1.radio("Jenis", list(KINDS), format_func=KIND_LABELS.get, key=f"{key}_kind",
             horizontal=True)
    if opd and units:
        c2.selectbox("Unit", [WHOLE_OPD, *units], key=f"{key}_unit")
    st.text_area(f"Catatan tentang {scope}", key=f"{key}_text", height=90,
                 placeholder="Tulis catatan atau keputusan rapat…")
    st.button("Simpan catatan", key=f"{key}_save", icon=":material/save:", type="primary",
              on_click=_add, args=(key, opd))
    error = st.session_state.get(f"{key}_error")
    if error:
        st.warning(error, icon=":material/warning:")
    found = notes_for(notes(), opd)
    if not found:
        st.caption(f"Belum ada catatan tentang {scope}.")
        return
    st.caption(f"{len(found)} catatan tentang {scope}")
    for i, n in enumerate(found):
        left, right = st.columns([12, 1], vertical_alignment="center")
        left.markdown(_note_line(n))
        right.button("", key=f"{key}_del_{i}", icon=":material/delete:", type="tertiary",
                     help="Hapus catatan ini", on_click=_remove, args=(note_key(n),))


def notes_widget(opd: str | None = None, units: Sequence[str] = (), key: str = "notes",
                 *, expanded: bool = False) -> None:
    """Notes of `opd` (or the whole city) in an expander "Catatan FGD (n)"."""
    count = len(notes_for(notes(), opd))
    label = f"Catatan FGD · {md(opd) if opd else 'seluruh kota'} ({count})"
    with st.expander(label, expanded=expanded, icon=":material/edit_note:", key=f"{key}_box"):
        if workspace.may(Action.NOTE_ADD, opd):
            notes_form(opd, units, key)
        else:
            st.caption(":material/visibility: Peran Anda di ruang kerja ini hanya melihat "
                       "catatan untuk " + (md(opd) if opd else "seluruh kota") + ".")
            for n in notes_for(notes(), opd):
                st.markdown(_note_line(n))


def _upload(key: str) -> None:
    nonce = st.session_state.get(NONCE, 0)
    file = st.session_state.get(f"{key}_upload_{nonce}")
    if file is None:
        return
    try:
        merged, added, skipped = merge_notes(notes(), notes_from_bytes(file.getvalue(),
                                                                       file.name))
    except NotesError as exc:
        st.session_state[MESSAGE] = ("error", f"{md(file.name)}: {md(exc)}")
    else:
        state.put_notes(merged)
        text = f"{added} catatan dari {md(file.name)} ditambahkan"
        if skipped:
            text += f"; {skipped} catatan sudah ada dan tidak digandakan"
        st.session_state[MESSAGE] = ("success", text + ".")
    st.session_state[NONCE] = nonce + 1


def notes_files(key: str = "notes_files", city: str | None = None) -> None:
    """Download every note (.xlsx, .json) and merge an uploaded notes file back in."""
    msg = st.session_state.pop(MESSAGE, None)
    if msg:
        (st.success if msg[0] == "success" else st.error)(msg[1])
    all_notes = notes()
    st.caption(f"{len(all_notes)} catatan tersimpan di sesi ini. Unduh secara berkala agar "
               "tidak ada yang hilang; unggah kembali untuk melanjutkan.")
    c1, c2 = st.columns(2)
    c1.download_button("Catatan (.xlsx)", notes_to_xlsx(all_notes, city), file_name=
                       "catatan_fgd.xlsx", mime=XLSX, key=f"{key}_xlsx", on_click="ignore",
                       icon=":material/download:", width="stretch")
    c2.download_button("Catatan (.json)", notes_to_json(all_notes, city), file_name=
                       "catatan_fgd.json", mime="application/json", key=f"{key}_json",
                       on_click="ignore", icon=":material/download:", width="stretch")
    st.file_uploader("Unggah catatan (.xlsx atau .json) untuk digabungkan", type=["xlsx", "json"],
                     key=f"{key}_upload_{st.session_state.get(NONCE, 0)}",
                     on_change=_upload, args=(key,),
                     help="Catatan yang sama persis (waktu, OPD, unit, jenis, isi) tidak "
                          "ditambahkan dua kali.")
