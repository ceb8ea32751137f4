"""The workspace service on both backends: rounds, submissions and versions, opening a round
from stored frames, scenarios, notes, deck position, audit trail, the permission hook."""

from __future__ import annotations

import hashlib

import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.present.report import build_report
from sotk_core.scenario import MoveStaff, SetExisting
from sotk_core.store import (
    LOCAL_ACTOR,
    Action,
    Actor,
    Conflict,
    InvalidInput,
    NameTaken,
    NotFound,
    PermissionDenied,
)
from tests.builders import opd_bytes

A = LOCAL_ACTOR
BU = Actor(name="Bu Rina", role="admin", account_id="7")
PAK = Actor(name="Pak Budi", role="admin", account_id="8")


@pytest.fixture()
def rnd(svc):
    ws = svc.create_workspace(A, "Kota Uji")
    return svc.create_round(A, ws.id, "2026")


def test_round_keeps_its_settings_and_names_are_unique(svc):
    ws = svc.create_workspace(A, "  Kota   Uji ")
    assert ws.name == "Kota Uji"
    r = svc.create_round(A, ws.id, "2025", Settings().with_(wke_hours=1300.0))
    assert svc.get_round(A, r.id).settings.wke_hours == 1300.0
    with pytest.raises(NameTaken, match="Putaran '2025' sudah ada"):
        svc.create_round(A, ws.id, "2025")
    with pytest.raises(NameTaken, match="Ruang kerja 'Kota Uji' sudah ada"):
        svc.create_workspace(A, "Kota Uji")
    with pytest.raises(InvalidInput, match="Nama putaran harus diisi"):
        svc.create_round(A, ws.id, "   ")
    svc.create_round(A, ws.id, "2024")
    assert [x.name for x in svc.list_rounds(A, ws.id)] == ["2024", "2025"]


def test_submission_keeps_bytes_checksum_who_and_issues(svc, rnd):
    data = opd_bytes()
    res = svc.submit(BU, rnd.id, [("uji.xlsx", data), ("rusak.xlsx", b"bukan workbook")])
    assert [s.opd for s in res.stored] == ["Dinas Uji", "rusak.xlsx"]
    good, bad = res.stored
    assert good.version == 1 and good.ok and good.submitted_by == "Bu Rina"
    assert good.sha256 == hashlib.sha256(data).hexdigest() and good.size == len(data)
    assert svc.submission_bytes(A, good.id) == ("uji.xlsx", data)
    assert not bad.ok and bad.error_count == 1 and bad.issues[0].file == "rusak.xlsx"


def test_new_upload_is_a_new_version_and_an_old_one_can_be_restored(svc, rnd):
    v1 = svc.submit(A, rnd.id, [("uji.xlsx", opd_bytes())]).stored[0]
    changed = opd_bytes({"sakip": 80.0})
    v2 = svc.submit(PAK, rnd.id, [("uji_revisi.xlsx", changed)]).stored[0]
    assert (v1.version, v2.version) == (1, 2)
    versions = svc.submission_versions(A, rnd.id, "Dinas Uji")
    assert [(v.version, v.file_name, v.submitted_by) for v in versions] == [
        (2, "uji_revisi.xlsx", "Pak Budi"), (1, "uji.xlsx", "lokal")]
    assert svc.open_round(A, rnd.id).city.opds["sakip"].tolist() == [80.0]
    v3 = svc.restore_submission(BU, v1.id)
    assert (v3.version, v3.restored_from, v3.sha256) == (3, v1.id, v1.sha256)
    assert svc.open_round(A, rnd.id).city.opds["sakip"].tolist() == [72.5]
    assert [s.version for s in svc.list_submissions(A, rnd.id)] == [3]


def test_same_bytes_again_and_same_opd_twice_in_one_import_are_refused(svc, rnd):
    data = opd_bytes()
    svc.submit(A, rnd.id, [("uji.xlsx", data)])
    again = svc.submit(A, rnd.id, [("uji.xlsx", data)])
    assert again.stored == ()
    assert again.refused[0].message == ("Sama persis dengan versi 1 OPD 'Dinas Uji' yang "
                                        "sudah tersimpan; tidak disimpan ulang.")
    twice = svc.submit(A, rnd.id, [("a.xlsx", opd_bytes({"sakip": 70.0})),
                                   ("b.xlsx", opd_bytes({"sakip": 71.0}))])
    assert [s.file_name for s in twice.stored] == ["a.xlsx"]
    assert twice.refused[0].message == ("OPD 'Dinas Uji' sudah dimuat dari file 'a.xlsx'; "
                                        "file 'b.xlsx' diabaikan (file pertama yang dipakai).")


def test_opened_round_gives_the_same_report_as_parsing_the_files(svc, rnd, sample_paths):
    files = [(p.name, p.read_bytes()) for p in sample_paths]
    svc.submit(A, rnd.id, files)
    opened = svc.open_round(A, rnd.id)
    assert opened.reparsed == 0
    stored = build_report(evaluate(opened.city, opened.settings))
    parsed = build_report(evaluate(build_city([read_workbook(d, n) for n, d in files]),
                                   Settings()))
    assert stored == parsed
    assert stored["city"]["opd_count"] == len(files)


def test_dinas_uji_figures_survive_the_store(svc, rnd):
    """Hand-checked (tests/builders.py): need 11, existing 10, maturity 11 × 3 = 33."""
    svc.submit(A, rnd.id, [("uji.xlsx", opd_bytes())])
    ev = evaluate(svc.open_round(A, rnd.id).city, Settings())
    assert (ev.summary["need"], ev.summary["existing"]) == (11, 10)
    assert ev.opds["maturity_total"].tolist() == [33]


def test_changed_round_settings_reread_the_stored_bytes(svc, rnd):
    svc.submit(A, rnd.id, [("uji.xlsx", opd_bytes())])
    r = svc.set_round_settings(A, rnd.id, Settings().with_(wke_hours=1000.0), 1)
    assert r.version == 2
    opened = svc.open_round(A, rnd.id)
    assert opened.reparsed == 1 and opened.settings.wke_hours == 1000.0
    with pytest.raises(Conflict, match="Pengaturan putaran ini sudah diubah"):
        svc.set_round_settings(A, rnd.id, Settings(), 1)


def test_withdrawn_opd_leaves_the_round_but_keeps_its_versions(svc, rnd):
    svc.submit(A, rnd.id, [("uji.xlsx", opd_bytes())])
    svc.withdraw_submission(A, rnd.id, "Dinas Uji")
    assert svc.list_submissions(A, rnd.id) == []
    assert len(svc.submission_versions(A, rnd.id, "Dinas Uji")) == 2


def test_second_writer_of_a_scenario_gets_a_conflict_and_both_can_be_kept(svc, rnd):
    s = svc.create_scenario(BU, rnd.id, "Simulasi 1")
    one = (SetExisting("Dinas Uji", "J08", 2),)
    mine = svc.save_scenario(BU, s.id, one, expected_version=1)
    assert mine.version == 2 and mine.changes == one
    theirs = (MoveStaff("Dinas Uji", "J06", "Dinas Uji", "J08", 1),)
    with pytest.raises(Conflict) as err:
        svc.save_scenario(PAK, s.id, theirs, expected_version=1)
    assert "sudah diubah oleh Bu Rina" in err.value.message
    assert err.value.current.changes == one  # nothing overwritten
    copy = svc.create_scenario(PAK, rnd.id, "Simulasi 1 (Pak Budi)", theirs)
    kept = {x.name: x.changes for x in svc.list_scenarios(A, rnd.id)}
    assert kept == {"Simulasi 1": one, "Simulasi 1 (Pak Budi)": theirs}
    assert copy.author == "Pak Budi"
    with pytest.raises(NameTaken):
        svc.create_scenario(A, rnd.id, "Simulasi 1")
    svc.delete_scenario(A, s.id, expected_version=2)
    assert [x.name for x in svc.list_scenarios(A, rnd.id)] == ["Simulasi 1 (Pak Budi)"]
    svc.create_scenario(A, rnd.id, "Simulasi 1")  # the name is free again


def test_scenario_changes_round_trip_as_json(svc, rnd):
    from sotk_core.scenario import AddPosition, NewTask, RemovePosition, SetSettings

    changes = (AddPosition("Dinas Uji", "01.02.02", "J09", "Analis Baru", "Pelaksana", 2,
                           (NewTask("Mengolah data", 100.0, "Tahun", 60.0, "Menit", "Data"),),
                           7),
               RemovePosition("Dinas Uji", "J09"), SetSettings(wke_hours=1300.0))
    s = svc.create_scenario(A, rnd.id, "Semua jenis", changes)
    assert svc.list_scenarios(A, rnd.id)[0].changes == changes == s.changes


def test_notes_autosave_with_version_check(svc, rnd):
    n = svc.add_note(BU, rnd.id, "  Seksi B kosong  ", "keputusan", "Dinas Uji",
                     "Seksi Layanan B", slide_id="opd.Dinas Uji.eu")
    assert (n.text, n.kind, n.version, n.author) == ("Seksi B kosong", "keputusan", 1, "Bu Rina")
    edited = svc.update_note(BU, n.uid, "Seksi B diisi 2 orang", expected_version=1)
    with pytest.raises(Conflict) as err:
        svc.update_note(PAK, n.uid, "Seksi B digabung", expected_version=1)
    assert err.value.current.text == "Seksi B diisi 2 orang"
    svc.add_note(PAK, rnd.id, "Seksi B digabung", "catatan", "Dinas Uji")  # kept as a new note
    texts = [x.text for x in svc.list_notes(A, rnd.id)]
    assert texts == ["Seksi B diisi 2 orang", "Seksi B digabung"]
    svc.delete_note(A, n.uid, expected_version=edited.version)
    assert [x.text for x in svc.list_notes(A, rnd.id)] == ["Seksi B digabung"]
    with pytest.raises(NotFound):
        svc.update_note(A, n.uid, "x", 3)
    with pytest.raises(InvalidInput, match="Catatan kosong"):
        svc.add_note(A, rnd.id, "   ")


def test_a_note_of_4000_characters_is_stored_whole_and_4001_refused(svc, rnd):
    whole = svc.add_note(A, rnd.id, "a" * 4000)
    assert len(svc.list_notes(A, rnd.id)[0].text) == 4000
    with pytest.raises(InvalidInput, match=r"Catatan terlalu panjang \(4\.001 karakter\); "
                                           r"paling banyak 4\.000 karakter"):
        svc.add_note(A, rnd.id, "b" * 4001)
    with pytest.raises(InvalidInput, match="4.001 karakter"):
        svc.update_note(A, whole.uid, "c" * 4001, expected_version=1)
    kept = svc.list_notes(A, rnd.id)
    assert [(len(n.text), n.text[0], n.version) for n in kept] == [(4000, "a", 1)]


def test_retried_note_with_the_same_uid_is_stored_once(svc, rnd):
    a = svc.add_note(A, rnd.id, "Satu kali", uid="11111111-2222-3333-4444-555555555555")
    b = svc.add_note(A, rnd.id, "Satu kali", uid="11111111-2222-3333-4444-555555555555")
    assert a.uid == b.uid and len(svc.list_notes(A, rnd.id)) == 1


def test_deck_position_by_slide_id(svc, rnd):
    assert svc.deck_position(A, rnd.id) is None
    svc.set_deck_position(A, rnd.id, "kota.kpi")
    p = svc.set_deck_position(BU, rnd.id, "opd.Dinas Uji.eu")
    assert (p.slide_id, p.version, p.updated_by) == ("opd.Dinas Uji.eu", 2, "Bu Rina")
    assert svc.deck_position(A, rnd.id).slide_id == "opd.Dinas Uji.eu"


def test_every_change_is_in_the_audit_log(svc, rnd):
    svc.submit(BU, rnd.id, [("uji.xlsx", opd_bytes())])
    n = svc.add_note(PAK, rnd.id, "Catat", opd="Dinas Uji")
    svc.update_note(PAK, n.uid, "Catat lagi", 1)
    log = svc.audit_log(A, rnd.workspace_id)
    assert [(e.action, e.actor_name) for e in log] == [
        ("note.edit", "Pak Budi"), ("note.add", "Pak Budi"), ("submission.add", "Bu Rina"),
        ("round.create", "lokal"), ("workspace.create", "lokal")]
    assert log[2].opd == "Dinas Uji" and log[2].detail["version"] == 1
    assert [e.action for e in svc.audit_log(A, rnd.workspace_id, opd="Dinas Uji")] == [
        "note.edit", "note.add", "submission.add"]


class _OnlyOwnOpd:
    """A policy as access control would plug in: OPD operators change only their OPD."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Action, str | None]] = []

    def check(self, actor, action, scope):
        self.calls.append((actor.name, action, scope.opd))
        if actor.role == "opd" and action not in (Action.VIEW,) and (
                scope.opd is None or scope.opd not in (actor.opds or ())):
            raise PermissionDenied(f"{actor.name} tidak berhak mengubah OPD {scope.opd}.")


def test_the_policy_is_asked_before_any_change_and_a_refusal_writes_nothing(svc, rnd):
    policy = _OnlyOwnOpd()
    svc.policy = policy
    operator = Actor(name="Operator Lain", role="opd", opds=frozenset({"Dinas Lain"}))
    with pytest.raises(PermissionDenied, match="tidak berhak mengubah OPD Dinas Uji"):
        svc.submit(operator, rnd.id, [("uji.xlsx", opd_bytes())])
    assert ("Operator Lain", Action.SUBMIT, "Dinas Uji") in policy.calls
    with pytest.raises(PermissionDenied):
        svc.add_note(operator, rnd.id, "bukan haknya", opd="Dinas Uji")
    assert svc.list_submissions(A, rnd.id) == [] and svc.list_notes(A, rnd.id) == []
    own = Actor(name="Operator Uji", role="opd", opds=frozenset({"Dinas Uji"}))
    assert svc.submit(own, rnd.id, [("uji.xlsx", opd_bytes())]).stored[0].submitted_by == (
        "Operator Uji")


def test_files_of_other_layouts_are_combined_per_opd_as_the_plain_report_does(svc, rnd):
    """tests/core/test_formats.py by hand: Dinas Perpustakaan dan Kearsipan from anjab +
    e-Formasi + kematangan: need 9, bezetting 9, EU 8,5536 / 9 = 0,9504."""
    from pathlib import Path

    formats = Path(__file__).resolve().parents[1] / "data" / "formats"
    names = ["anjab_dispusip.xlsx", "eformasi_dispusip.xlsx", "kematangan_pilih_dispusip.xlsx"]
    files = [(n, (formats / n).read_bytes()) for n in names]
    res = svc.submit(A, rnd.id, files)
    assert [s.opd for s in res.stored] == ["Dinas Perpustakaan dan Kearsipan"]
    sub = res.stored[0]
    assert [n for n, _ in svc.submission_files(A, sub.id)] == names
    assert svc.submission_files(A, sub.id) == files  # bytes exactly as submitted
    opened = svc.open_round(A, rnd.id)
    stored = build_report(evaluate(opened.city, opened.settings))
    from sotk_core import load_files

    assert stored == build_report(evaluate(load_files(files, Settings()), Settings()))
    assert (stored["city"]["need"], stored["city"]["existing"]) == (9, 9)
    assert round(stored["city"]["eu"], 4) == 0.9504
    again = svc.submit(A, rnd.id, files)
    assert again.stored == () and "Sama persis dengan versi 1" in again.refused[0].message


def test_files_of_one_opd_may_arrive_one_at_a_time(svc, rnd):
    """The anjab first (tasks, bezetting unknown), the e-Formasi later (bezetting 9): the
    second import joins the first file, as a report of both files at once gives."""
    from pathlib import Path

    from sotk_core import load_files

    formats = Path(__file__).resolve().parents[1] / "data" / "formats"
    anjab = ("anjab_dispusip.xlsx", (formats / "anjab_dispusip.xlsx").read_bytes())
    eformasi = ("eformasi_dispusip.xlsx", (formats / "eformasi_dispusip.xlsx").read_bytes())
    svc.submit(A, rnd.id, [anjab])
    v2 = svc.submit(A, rnd.id, [eformasi]).stored[0]
    assert v2.version == 2
    assert [n for n, _ in svc.submission_files(A, v2.id)] == ["anjab_dispusip.xlsx",
                                                              "eformasi_dispusip.xlsx"]
    opened = svc.open_round(A, rnd.id)
    both = load_files([anjab, eformasi], Settings())
    assert build_report(evaluate(opened.city, opened.settings)) == build_report(
        evaluate(both, Settings()))
    assert evaluate(opened.city, opened.settings).summary["existing"] == 9
