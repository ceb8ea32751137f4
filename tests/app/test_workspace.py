"""The workspace database in the app (AppTest): a round opened from the URL, notes and
scenario changes autosaved and seen by a new session, a second writer's conflict keeping
both versions, uploads stored as versions, rounds over time, a database that is down or
refuses to write."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from sotk_core.model.notes import make_note
from sotk_core.scenario import Scenario, ScenarioSet, SetExisting
from sotk_core.store import LOCAL_ACTOR, WorkspaceService
from sotk_core.store.access import AccountService
from sotk_ui import auth, state
from tests.app.helpers import XLSX, goto
from tests.builders import MATURITY, POSITIONS, TASKS, opd_bytes

A = LOCAL_ACTOR


@pytest.fixture()
def db(tmp_path, monkeypatch):
    """A workspace "Kota Uji" with round 2025 (Dinas Uji) and round 2026 (J03 removed, J08
    filled with 2 people, J09 added with 1; see tests/core/test_rounds.py)."""
    url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    monkeypatch.setenv("SOTK_DATABASE_URL", url)
    svc = WorkspaceService.open(url)
    ws = svc.create_workspace(A, "Kota Uji")
    r25 = svc.create_round(A, ws.id, "2025")
    svc.submit(A, r25.id, [("uji.xlsx", opd_bytes())])
    r26 = svc.create_round(A, ws.id, "2026")
    positions = [p for p in POSITIONS if p["code"] != "J03"]
    positions = [{**p, "existing": 2} if p["code"] == "J08" else p for p in positions]
    positions.append({"code": "J09", "name": "Analis Baru", "unit": "01.02.02",
                      "kind": "Pelaksana", "grade": 7, "existing": 1})
    later = opd_bytes(None, Jabatan=positions,
                      **{"Beban Kerja": [t for t in TASKS if t["position"] != "J03"]},
                      Kematangan=[{**m, "verified_level": 4} for m in MATURITY])
    svc.submit(A, r26.id, [("uji_2026.xlsx", later)])
    accounts = AccountService(svc.db)
    accounts.create_account(A, "rina", "rahasia-kota-2026", display_name="Bu Rina")
    accounts.grant(A, "rina", ws.id, "admin")
    yield svc, r25, r26
    svc.close()


def state_set(at):
    found = at.session_state[state.SCENARIOS]
    return found if hasattr(found, "names") else ScenarioSet(tuple(
        s.rename(n) for n, s in found.items()))


def signed_in(svc, at, username: str = "rina"):
    """The session signed in as `username` (as the sign-in form leaves it)."""
    now = datetime.now(UTC)
    at.session_state[auth.SESSION] = auth.SignedIn(AccountService(svc.db).get(username), now,
                                                   now, "sandi")
    return at


def _open(new_app, round_name: str = "2026", svc=None, username: str = "rina"):
    at = new_app()
    if svc is not None:
        signed_in(svc, at, username)
    at.query_params["ruang"] = "Kota Uji"
    at.query_params["putaran"] = round_name
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_url_opens_the_round_from_the_database(db, new_app):
    svc, _, r26 = db
    at = _open(new_app, svc=db[0])
    assert at.session_state["sotk_round"] == r26.id
    city_line = [m.value for m in at.sidebar.markdown if "Kota Uji · putaran 2026" in m.value]
    assert city_line, [m.value for m in at.sidebar.markdown]
    goto(at, "data")
    assert any("uji_2026.xlsx" in str(d.value) for d in at.dataframe)


def test_a_note_is_saved_when_made_and_a_new_session_sees_it(db, new_app):
    svc, _, r26 = db
    at = _open(new_app, svc=db[0])
    at.session_state[state.NOTES] = [make_note("Seksi B diisi 2 orang", "Dinas Uji", None,
                                               "keputusan")]
    at.run()
    assert [(n.text, n.kind) for n in svc.list_notes(A, r26.id)] == [
        ("Seksi B diisi 2 orang", "keputusan")]
    again = _open(new_app, svc=db[0])  # a reload, or another replica on the same database
    assert [n["teks"] for n in again.session_state[state.NOTES]] == ["Seksi B diisi 2 orang"]
    again.session_state[state.NOTES] = []  # deleted in the other session
    again.run()
    assert svc.list_notes(A, r26.id) == []


def test_second_writer_of_a_scenario_is_told_and_both_versions_are_kept(db, new_app):
    svc, _, r26 = db
    first, second = _open(new_app, svc=db[0]), _open(new_app, svc=db[0])
    mine = Scenario("Simulasi 1", (SetExisting("Dinas Uji", "J08", 3),))
    first.session_state[state.SCENARIOS] = {"Simulasi 1": mine}
    first.run()
    second.run()  # reads the saved scenario
    assert state_set(second).get("Simulasi 1") == mine
    theirs = Scenario("Simulasi 1", (SetExisting("Dinas Uji", "J08", 1),))
    second.session_state[state.SCENARIOS] = {"Simulasi 1": theirs}
    second.run()
    assert svc.list_scenarios(A, r26.id)[0].changes == theirs.changes
    late = Scenario("Simulasi 1", (SetExisting("Dinas Uji", "J08", 4),))
    first.session_state["_sotk_synced"]["signature"] = None  # first still holds version 1
    first.session_state["_sotk_synced"]["scenarios"]["Simulasi 1"] = (
        svc.list_scenarios(A, r26.id)[0].id, 1, mine.changes)
    first.session_state[state.SCENARIOS] = {"Simulasi 1": late}
    first.run()
    warnings = [w.value for w in first.warning]
    assert any("Skenario 'Simulasi 1' sudah diubah oleh rina" in w
               and "'Simulasi 1 (versi saya)'" in w for w in warnings), warnings
    kept = {s.name: s.changes for s in svc.list_scenarios(A, r26.id)}
    assert kept == {"Simulasi 1": theirs.changes, "Simulasi 1 (versi saya)": late.changes}


def test_upload_in_a_workspace_is_stored_as_a_new_version(db, new_app):
    svc, _, r26 = db
    at = _open(new_app, svc=db[0])
    uploader = at.sidebar.file_uploader[0]
    uploader.set_value([("uji_revisi.xlsx", opd_bytes({"sakip": 90.0}), XLSX)]).run()
    versions = svc.submission_versions(A, r26.id, "Dinas Uji")
    assert [(v.version, v.file_name) for v in versions] == [(2, "uji_revisi.xlsx"),
                                                            (1, "uji_2026.xlsx")]
    assert any("Dinas Uji versi 2 tersimpan" in i.value for i in at.sidebar.info)


def test_rounds_page_shows_the_trend_and_what_changed(db, new_app):
    at = goto(_open(new_app, svc=db[0]), "putaran")
    assert not at.exception and not at.error
    text = "\n".join(m.value for m in at.markdown)
    assert "1 jabatan baru dan 1 jabatan tidak ada lagi." in text, text
    assert "Pegawai berubah di 1 jabatan: +2 dan \u22120 orang." in text
    # by hand: EU 10,384/10 = 1,04 -> 9,184/11 = 0,83 ; need 11 -> 10 ; existing 10 -> 11
    assert "Kota: EU kota 0,83 (\u22120,20); Kebutuhan 10 orang (\u22121); Pegawai ada 11 " \
           "orang (+1); Kematangan rata-rata 44,0 (+11,0)." in text
    trend = at.dataframe[0].value
    assert trend.iloc[:, 0].tolist() == ["2025", "2026"]


def test_sample_city_has_no_rounds_page_content_but_works(new_app):
    at = new_app()
    at.run()
    goto(at, "putaran")
    assert not at.exception and not at.error
    assert "Kota contoh hanya punya satu putaran" in at.info[0].value


def test_unreachable_database_gives_an_indonesian_page(new_app, monkeypatch):
    monkeypatch.setenv("SOTK_DATABASE_URL", "postgresql+psycopg://sotk@127.0.0.1:1/tidak_ada")
    at = new_app()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Basis data tidak dapat dibuka"
    assert at.error[0].value.startswith("Basis data tidak dapat dibuka (postgresql+psycopg://")
    at.button(key="db_demo_only").click().run()
    assert not at.exception and at.title[0].value != "Basis data tidak dapat dibuka"


def test_a_disk_that_refuses_to_write_keeps_the_note_and_offers_it(db, new_app):
    svc, _, r26 = db
    at = _open(new_app, svc=db[0])
    from sotk_ui import workspace

    engine = workspace._open(workspace.resolve_url()).db.writer

    def refuse(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO NOTE"):
            raise OSError(28, "No space left on device")

    event.listen(engine, "before_cursor_execute", refuse)
    try:
        at.session_state[state.NOTES] = [make_note("Teks penting rapat", "Dinas Uji")]
        at.run()
    finally:
        event.remove(engine, "before_cursor_execute", refuse)
    assert svc.list_notes(A, r26.id) == []
    assert [n["teks"] for n in at.session_state[state.NOTES]] == ["Teks penting rapat"]
    assert any("penuh atau hanya-baca" in e.value for e in at.error)
    assert [d.label for d in at.get("download_button")
            if "belum tersimpan" in d.label]


def test_data_page_lists_versions_and_restores_an_earlier_one(db, new_app):
    svc, _, r26 = db
    svc.submit(A, r26.id, [("uji_revisi.xlsx", opd_bytes({"sakip": 90.0}))])
    at = goto(_open(new_app, svc=svc), "data")
    assert not at.exception and not at.error
    table = next(d.value for d in at.dataframe if "Versi" in d.value.columns)
    assert table["Versi"].tolist() == [2, 1]
    assert table["File"].tolist() == ["uji_revisi.xlsx", "uji_2026.xlsx"]
    at.selectbox(key="versions_pick").select(1).run()
    at.button(key="versions_restore").click().run()
    assert any("Versi 1 dipulihkan sebagai versi 3" in s.value for s in at.success)
    now = svc.list_submissions(A, r26.id)[0]
    assert (now.version, now.file_name) == (3, "uji_2026.xlsx")


def test_the_sidebar_settings_can_become_the_rounds_settings(db, new_app):
    svc, _, r26 = db
    at = goto(_open(new_app, svc=svc), "data")
    at.session_state[state.SETTINGS] = svc.get_round(A, r26.id).settings.with_(wke_hours=1300.0)
    at.run()
    at.button(key="round_keep_settings").click().run()
    assert svc.get_round(A, r26.id).settings.wke_hours == 1300.0
    assert svc.get_round(A, r26.id).version == 2


def test_the_deck_position_is_kept_by_slide_key(db, new_app):
    svc, _, r26 = db
    at = goto(_open(new_app, svc=svc), "presentasi")
    assert not at.exception
    at.button(key="deck_next").click().run()
    at.button(key="deck_next").click().run()
    key = at.session_state[state.SLIDE]  # the stable id of the third slide
    assert key and svc.deck_position(A, r26.id).slide_id == key
    again = goto(_open(new_app, svc=svc), "presentasi")  # a reload: the same slide, found by its id
    assert again.session_state[state.SLIDE] == key
