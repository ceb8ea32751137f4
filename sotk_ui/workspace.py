"""The workspace database in the app: picking a workspace and round, and autosave.

The pages keep working on plain session keys (state.NOTES, state.SCENARIOS, state.SLIDE...);
this module keeps those keys and the database in step, so no page needs to know about the
database:

* `select(ws, round)` loads the round's notes, scenarios, settings and deck position into the
  session (also on reload and after a restart: the URL carries ?ruang=...&putaran=...);
* `sync()` runs at the start and the end of every script run (app.py): what the user changed
  in the session since the last sync is written (new/edited/removed notes, changed/new/removed
  scenarios, the slide shown), then what others saved meanwhile is read back.

A second writer of the same scenario or note gets the store's Conflict: nothing is
overwritten, the other version is shown and the user's own version is kept as a new scenario
or note (`conflicts()` lists what happened). A full or read-only disk keeps the user's text in
the session and offers it as a download (`unsaved()`).

`actor()` is the one place that says who is acting: the signed-in account (sotk_ui.auth).
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from sotk_core.model.city import CityData
from sotk_core.scenario import ScenarioSet
from sotk_core.store import (
    Action,
    Actor,
    Conflict,
    Database,
    DatabaseUnavailable,
    NameTaken,
    NotFound,
    PermissionDenied,
    RoundInfo,
    Scope,
    StorageFull,
    StoreError,
    WorkspaceService,
    resolve_url,
)
from sotk_core.store.access import RolePolicy
from sotk_ui import auth, state

WS = "sotk_ws"  # workspace id, None = the sample city (read-only demo)
ROUND = "sotk_round"  # round id in that workspace
SYNCED = "_sotk_synced"  # what the database held at the last sync (see _snapshot)
CONFLICTS = "_sotk_conflicts"  # [Indonesian sentence] to show once
UNSAVED = "_sotk_unsaved"  # [(what, text)] not written because the disk refused
ERROR = "_sotk_db_error"  # the database could not be opened: the sentence
LANDING = "_sotk_landing"  # an OPD operator just opened a round: show their OPD first
DEMO_ONLY = "_sotk_demo_only"  # the user chose to go on with the sample city only
URL_WS, URL_ROUND = "ruang", "putaran"


@st.cache_resource(show_spinner="Membuka basis data…")
def _open(url: str) -> WorkspaceService:
    """The process's service: every call is checked by the role policy (sotk_core.store.access)
    against the session's signed-in account."""
    db = Database.open(url)
    return WorkspaceService(db, RolePolicy(db))


def service() -> WorkspaceService | None:
    """The process's service (one per database URL), or None when the database cannot be
    opened (the sentence is in st.session_state[ERROR])."""
    try:
        svc = _open(resolve_url())
    except StoreError as exc:
        st.session_state[ERROR] = exc.message
        return None
    st.session_state.pop(ERROR, None)
    return svc


def actor() -> Actor:
    """Who is acting in this session: the signed-in account in the open workspace (its role
    there), or the anonymous visitor whom every real workspace refuses."""
    svc = service()
    if svc is None:
        return auth.ANONYMOUS
    return auth.actor_in(svc.db, st.session_state.get(WS))


def may(action: Action, opd: str | None = None) -> bool:
    """Whether the session may do `action` (about `opd`) in the open workspace: the same role
    policy the service enforces, asked before drawing a form. True on the sample city."""
    svc, wid = service(), st.session_state.get(WS)
    if svc is None or wid is None or st.session_state.get(ROUND) is None:
        return True
    try:
        svc.policy.check(actor(), action, Scope(workspace_id=wid, opd=opd))
    except PermissionDenied:
        return False
    return True


def active_round() -> RoundInfo | None:
    svc = service()
    rid = st.session_state.get(ROUND)
    if svc is None or rid is None:
        return None
    try:
        return svc.get_round(actor(), rid)
    except NotFound:
        st.session_state[ROUND] = st.session_state[WS] = None
        return None


def in_workspace() -> bool:
    return st.session_state.get(ROUND) is not None


# ---- opening a round ----------------------------------------------------------------------


@st.cache_resource(max_entries=8, show_spinner="Membuka putaran…")
def _round_city(url: str, round_id: int, fingerprint: tuple) -> CityData:
    return _open(url).open_round(actor(), round_id).city


def round_city(round_id: int | None = None) -> tuple[CityData, str]:
    """(city, key) of the active round (or `round_id`), from the stored frames (shared by
    every session of this process until a submission changes it)."""
    svc = service()
    rid = st.session_state[ROUND] if round_id is None else round_id
    subs = svc.list_submissions(actor(), rid)
    fingerprint = tuple(s.id for s in subs)
    rnd = svc.get_round(actor(), rid)
    fingerprint += (rnd.version,)
    key = f"round:{rid}:" + ":".join(str(x) for x in fingerprint)
    return _round_city(resolve_url(), rid, fingerprint), key


def select(workspace_id: int | None, round_id: int | None) -> None:
    """Make (workspace, round) the session's data; None, None = the sample city."""
    st.session_state[WS], st.session_state[ROUND] = workspace_id, round_id
    state.get(state.EVAL_MEMO).clear()
    state.put(state.OPD, None)
    st.session_state.pop(SYNCED, None)
    who = actor()
    own = sorted(who.opds)[0] if who.role == "opd" and who.opds else None
    state.put(state.OWN_OPD, own if round_id is not None else None)
    st.session_state[LANDING] = own is not None and round_id is not None
    if round_id is None:
        state.put(state.NOTES, [])
        state.put_scenario_set(ScenarioSet())
        return
    svc = service()
    rnd = svc.get_round(actor(), round_id)
    state.put(state.SETTINGS, rnd.settings)
    for key in ("set_preset", "set_rounding", "set_wke"):
        st.session_state.pop(key, None)  # the settings panel redraws from the round's
    state.put(state.NOTES, [])
    state.put_scenario_set(ScenarioSet())
    _pull(svc, round_id, force=True)
    pos = svc.deck_position(actor(), round_id)
    if pos is not None:
        state.set_slide_id(pos.slide_id)  # the presentation opens on that slide


def take_landing() -> str | None:
    """Once, right after an OPD operator opened a round: the OPD their first page shows."""
    if not st.session_state.pop(LANDING, False):
        return None
    return state.own_opd()


def sign_out() -> None:
    """The sign-out button: back to the sample city, nothing of the workspace kept."""
    select(None, None)
    auth.sign_out(("info", "Anda sudah keluar. Kota contoh tetap terbuka untuk semua."))


def ensure_signed_in() -> None:
    """An expired or missing session never keeps a real workspace open."""
    st.session_state.setdefault(WS, None)
    st.session_state.setdefault(ROUND, None)
    svc = service()
    open_ws = in_workspace() or st.session_state.get(WS) is not None
    if open_ws and (svc is None or auth.current(svc.db) is None):
        select(None, None)


def from_url() -> None:
    """First run of a session: open the workspace and round the URL names (reload, restart,
    a shared link)."""
    if st.session_state.get(auth.URL_READ):
        return
    st.session_state[auth.URL_READ] = True
    ws_name, round_name = st.query_params.get(URL_WS), st.query_params.get(URL_ROUND)
    svc = service()
    if not ws_name or svc is None:
        return
    try:
        ws = svc.workspace_by_name(actor(), ws_name)
        st.session_state[WS] = ws.id  # the role in this workspace decides the rest
        rounds = svc.list_rounds(actor(), ws.id)
        chosen = next((r for r in rounds if r.name == round_name), rounds[-1] if rounds else None)
    except StoreError:
        st.session_state[WS] = None
        if auth.current(svc.db) is None:  # sign in first, then the link opens (auth.sign_in)
            st.session_state[auth.WANTED] = ws_name
        return
    st.session_state.pop(auth.WANTED, None)
    if chosen is not None:
        select(ws.id, chosen.id)


def to_url() -> None:
    """Keep ?ruang=&putaran= in the address bar, so a reload opens the same round."""
    rnd = active_round() if in_workspace() else None
    if rnd is None and st.session_state.get(auth.WANTED):
        return  # an anonymous visitor followed a link: keep it for after signing in
    if rnd is None:
        for k in (URL_WS, URL_ROUND):
            if k in st.query_params:
                del st.query_params[k]
        return
    ws = service().get_workspace(actor(), rnd.workspace_id)
    if st.query_params.get(URL_WS) != ws.name:
        st.query_params[URL_WS] = ws.name
    if st.query_params.get(URL_ROUND) != rnd.name:
        st.query_params[URL_ROUND] = rnd.name


# ---- autosave -----------------------------------------------------------------------------


def _note_fields(n: dict) -> tuple:
    return (n.get("jenis") or "catatan", n.get("opd"), n.get("unit"), n.get("teks"))


def _snapshot() -> dict[str, Any]:
    return st.session_state.setdefault(SYNCED, {"notes": {}, "scenarios": {}, "slide": None})


def _pull(svc: WorkspaceService, round_id: int, force: bool = False) -> None:
    """Read what the database holds now into the session and the snapshot."""
    notes = svc.list_notes(actor(), round_id)
    scenarios = svc.list_scenarios(actor(), round_id)
    snap = _snapshot()
    signature = (tuple((n.uid, n.version) for n in notes),
                 tuple((s.id, s.version) for s in scenarios))
    if not force and snap.get("signature") == signature:
        return
    snap["signature"] = signature
    snap["notes"] = {n.uid: (n.version, (n.kind, n.opd, n.unit, n.text)) for n in notes}
    snap["scenarios"] = {s.name: (s.id, s.version, s.changes) for s in scenarios}
    local = [n for n in state.get(state.NOTES) if n.get("uid") is None]  # refused: kept
    state.put(state.NOTES, [{**n.as_note(), "uid": n.uid} for n in notes] + local)
    found = ScenarioSet(tuple(s.scenario for s in scenarios))
    if not may(Action.SCENARIO_SAVE):  # what-ifs of a viewer stay in this session
        names = set(found.names)
        found = ScenarioSet(found.scenarios + tuple(
            s for s in state.scenario_set() if s.name not in names))
    state.put_scenario_set(found)
    if len(found) and state.active_scenario_name() not in found:
        state.set_active_scenario_name(found.names[0])


def _push_notes(svc: WorkspaceService, round_id: int, slide_id: str | None) -> None:
    snap = _snapshot()["notes"]
    current = state.get(state.NOTES)
    seen: set[str] = set()
    for n in current:
        uid = n.get("uid")
        if uid is None and n.get("refused"):
            continue  # the role may not save it: it stays in this session only
        if uid is None:  # typed (or merged from a file) since the last sync
            try:
                info = svc.add_note(actor(), round_id, n.get("teks") or "", n.get("jenis") or
                                    "catatan", n.get("opd"), n.get("unit"), slide_id)
            except PermissionDenied as exc:
                n["refused"] = True
                _tell(exc.message + " Catatan tetap ada di sesi ini; unduh dari halaman Data.")
                continue
            n["uid"] = info.uid
            seen.add(info.uid)
            continue
        seen.add(uid)
        if uid in snap and _note_fields(n) != snap[uid][1]:
            try:
                svc.update_note(actor(), uid, n.get("teks") or "", snap[uid][0],
                                n.get("jenis"))
            except Conflict as exc:
                kept = svc.add_note(actor(), round_id, n.get("teks") or "", n.get("jenis")
                                    or "catatan", n.get("opd"), n.get("unit"), slide_id)
                seen.add(kept.uid)
                _tell(exc.message.split(";")[0] + "; teks Anda disimpan sebagai catatan baru, "
                      "keduanya tersimpan.")
    _delete_missing(svc.delete_note, {uid: v for uid, (v, _) in snap.items()}, seen)


def _push_scenarios(svc: WorkspaceService, round_id: int) -> None:
    snap = _snapshot()["scenarios"]
    current = state.scenario_set()
    for scenario in current:
        name = scenario.name
        if name not in snap:
            try:
                svc.create_scenario(actor(), round_id, name, scenario.changes)
            except NameTaken:  # another session created one by that name meanwhile
                if scenario.changes:
                    copy = _free_name(f"{name} (versi saya)", current)
                    svc.create_scenario(actor(), round_id, copy, scenario.changes)
                    _tell(f"Skenario '{name}' baru saja dibuat orang lain; versi Anda "
                          f"disimpan sebagai '{copy}', keduanya tersimpan.")
        elif scenario.changes != snap[name][2]:
            sid, version, _ = snap[name]
            try:
                svc.save_scenario(actor(), sid, scenario.changes, version)
            except Conflict as exc:
                copy = _free_name(f"{name} (versi saya)", current)
                svc.create_scenario(actor(), round_id, copy, scenario.changes)
                _tell(exc.message.split(";")[0] + f"; versi Anda disimpan sebagai skenario "
                      f"'{copy}', keduanya tersimpan.")
    _delete_missing(svc.delete_scenario, {sid: v for name, (sid, v, _) in snap.items()
                                          if name not in current}, set())


def _delete_missing(delete, synced: dict, kept: set) -> None:  # type: ignore[no-untyped-def]
    """Delete every synced record (id -> version) the session no longer holds."""
    for key, version in synced.items():
        if key in kept:
            continue
        try:
            delete(actor(), key, version)
        except Conflict as exc:
            _tell(exc.message)
        except NotFound:
            pass


def _free_name(base: str, taken: ScenarioSet) -> str:
    name, i = base, 2
    while name in taken:
        name, i = f"{base} {i}", i + 1
    return name


def _push_slide(svc: WorkspaceService, round_id: int) -> None:
    key = state.slide_id()
    snap = _snapshot()
    if key and key != snap.get("slide"):
        svc.set_deck_position(actor(), round_id, key)
        snap["slide"] = key


def _tell(sentence: str) -> None:
    st.session_state.setdefault(CONFLICTS, []).append(sentence)


def sync(page: str | None = None) -> None:
    """Write the session's changes, then read what others saved (see module docstring)."""
    rid = st.session_state.get(ROUND)
    svc = service()
    if rid is None or svc is None:
        return
    slide_id = state.slide_id() if page == "presentasi" else None
    try:
        _push_notes(svc, rid, slide_id)
        if may(Action.SCENARIO_SAVE):
            _push_scenarios(svc, rid)
        if may(Action.DECK_MOVE):  # only the presenter moves the room's deck
            _push_slide(svc, rid)
    except (StorageFull, DatabaseUnavailable) as exc:
        _keep_unsaved(exc.message)
        return
    except NotFound:
        select(None, None)
        return
    except StoreError as exc:
        _tell(exc.message)
    _pull(svc, rid)
    st.session_state.pop(UNSAVED, None)


def _keep_unsaved(message: str) -> None:
    """The disk refused: keep everything typed in the session and offer it as a file."""
    notes = [n for n in state.get(state.NOTES) if n.get("uid") is None]
    scenarios = {s.name: len(s.changes) for s in state.scenario_set()}
    st.session_state[UNSAVED] = {"message": message, "notes": notes, "scenarios": scenarios}


def unsaved() -> dict | None:
    return st.session_state.get(UNSAVED)


def unsaved_bytes() -> bytes:
    """What could not be written, as JSON (the notes file format reads it back)."""
    info = unsaved() or {}
    body = {"format": "sotk-catatan-fgd", "versi": 1,
            "catatan": [{k: n.get(k) for k in ("waktu", "opd", "unit", "jenis", "teks")}
                        for n in info.get("notes", [])]}
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


def conflicts() -> list[str]:
    """The sentences about concurrent edits since the last call (shown once)."""
    return st.session_state.pop(CONFLICTS, [])
