"""The app with hostile or careless input (issue 16): same-name uploads kept apart, the
session's upload total, text from files escaped in markdown, notes capped with a message, a
reloaded scenario restores its settings, and no page ever shows a crash.

Dinas Uji (tests/builders.py): 10 staff; Dinas Baik is the same OPD renamed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from builders import opd_bytes

from sotk_core.base.settings import Settings
from sotk_core.model.city import load_files
from sotk_core.model.notes import MAX_NOTES, MAX_TEXT, make_note
from sotk_core.scenario import Scenario, ScenarioSet, SetSettings, scenario_to_xlsx
from sotk_core.scenario.changes import SetExisting
from sotk_core.workbook import guard
from sotk_ui import panels, state
from sotk_ui.safe import md
from tests.app.helpers import XLSX, assert_clean, goto
from tests.data.make_hostile import markup_names

UJI = opd_bytes()
BAIK = opd_bytes({"name": "Dinas Baik", "abbr": "DB"})


def upload(at, *files):
    at.sidebar.file_uploader[0].set_value(list(files)).run()
    return at


def test_two_files_with_one_name_are_kept_apart(app):
    upload(app, ("dinas.xlsx", UJI, XLSX))
    upload(app, ("dinas.xlsx", BAIK, XLSX), ("dinas.xlsx", UJI, XLSX))  # new one, same again
    assert sorted(app.session_state[state.UPLOADS]) == ["dinas (2).xlsx", "dinas.xlsx"]
    assert [w.value for w in app.sidebar.warning] == [md(
        "Ada dua file bernama 'dinas.xlsx' dengan isi berbeda; yang baru dimuat sebagai "
        "'dinas (2).xlsx'.")]
    goto(app, "data")
    assert_clean(app)
    assert any("dinas (2).xlsx" in e.label.replace("\\", "") for e in app.expander)


def test_uploads_up_to_the_session_total_are_kept(app, monkeypatch):
    monkeypatch.setattr(panels, "MAX_SESSION_BYTES", len(UJI) + len(BAIK))  # exactly both
    upload(app, ("uji.xlsx", UJI, XLSX), ("baik.xlsx", BAIK, XLSX))
    assert list(app.session_state[state.UPLOADS]) == ["uji.xlsx", "baik.xlsx"]
    assert not app.sidebar.warning


def test_uploads_past_the_session_total_are_refused_with_a_message(app, monkeypatch):
    monkeypatch.setattr(panels, "MAX_SESSION_BYTES", len(UJI) + len(BAIK) - 1)  # one byte short
    upload(app, ("uji.xlsx", UJI, XLSX), ("baik.xlsx", BAIK, XLSX))
    assert list(app.session_state[state.UPLOADS]) == ["uji.xlsx"]
    (warning,) = [w.value.replace("\\", "") for w in app.sidebar.warning]
    assert warning.startswith("File 'baik.xlsx' tidak dimuat: unggahan sesi ini sudah mendekati "
                              "batas")


def test_the_upload_limits_are_stated_in_indonesian_where_files_are_chosen(app):
    assert (guard.MAX_FILE_BYTES, guard.MAX_SESSION_BYTES) == (50 * 2**20, 200 * 2**20)
    assert app.sidebar.file_uploader[0].proto.help == (
        "Satu workbook per OPD, sesuai template. Maksimal 50 MB per file dan 200 MB untuk semua "
        "unggahan satu sesi. File dengan galat tidak dihitung; file lain tetap dimuat.")


def test_names_with_markup_are_escaped_in_markdown(app):
    upload(app, ("nama_**tebal**_$x$.xlsx", markup_names(), XLSX))
    for page in ("ringkasan", "produktivitas", "evaluasi_sotk", "keseimbangan", "data"):
        goto(app, page)
        assert_clean(app)
    labels = [e.label for e in app.expander]
    assert md("nama_**tebal**_$x$.xlsx") in " ".join(labels)  # escaped, so drawn as typed
    goto(app, "produktivitas")
    heads = [h.value for h in app.subheader]
    assert not [h for h in heads if "**Tebal**" in h or "<a href" in h]  # never raw


def test_a_note_past_the_length_limit_is_refused_with_a_message():
    make_note("x" * MAX_TEXT)  # at the limit: fine
    try:
        make_note("x" * (MAX_TEXT + 1))
    except ValueError as exc:
        assert str(exc) == ("Catatan terlalu panjang (4.001 karakter); paling banyak 4.000 "
                            "karakter. Ringkas atau bagi menjadi beberapa catatan.")
    else:
        raise AssertionError("a note of 4,001 characters was accepted")
    assert MAX_NOTES == 1000


def test_a_reloaded_scenario_restores_its_settings(app):
    upload(app, ("uji.xlsx", UJI, XLSX))
    city = load_files([("uji.xlsx", UJI)])
    saved = Settings.from_preset("Permendagri 12/2008")  # 1.300 jam
    data = scenario_to_xlsx(Scenario(name="Rapat").add(SetSettings(rounding="ceil"), city,
                                                       saved), saved, city)
    goto(app, "simulasi")
    app.file_uploader(key="whatif_upload").set_value([("rapat.xlsx", data, XLSX)]).run()
    app.button(key="whatif_load").click().run()
    assert app.session_state[state.SETTINGS].wke_hours == 1300  # as saved, not 1.250
    assert app.session_state["set_wke"] == 1300
    assert_clean(app)


def _city_notes(n: int) -> list[dict]:
    start = datetime(2026, 12, 2, 9, 0)
    return [make_note(f"catatan {i}", when=start + timedelta(seconds=i)) for i in range(n)]


def test_the_1000th_typed_note_is_saved_and_the_1001st_refused_with_a_message(app):
    app.session_state[state.NOTES] = _city_notes(999)
    goto(app, "opd")
    app.text_area(key="opdview_notes_text").input("catatan ke-1.000").run()
    app.button(key="opdview_notes_save").click().run()
    assert len(app.session_state[state.NOTES]) == 1000  # n: saved
    app.text_area(key="opdview_notes_text").input("catatan ke-1.001").run()
    app.button(key="opdview_notes_save").click().run()
    assert len(app.session_state[state.NOTES]) == 1000  # n + 1: refused, with what to do
    assert [w.value for w in app.warning if "catatan di sesi ini" in w.value] == [
        "Sudah ada 1.000 catatan di sesi ini (batasnya); unduh catatan lalu hapus yang lama "
        "sebelum menulis lagi."]
    assert_clean(app)



def test_a_scenario_left_over_from_other_data_says_what_to_do(app):
    stale = Scenario(name="Rapat").add(SetExisting("Dinas Uji", "J01", 5),
                                       load_files([("uji.xlsx", UJI)]))
    upload(app, ("baik.xlsx", BAIK, XLSX))  # the data now in force has no Dinas Uji
    app.session_state[state.SCENARIOS] = ScenarioSet().put(stale)
    app.session_state[state.ACTIVE_SCENARIO] = "Rapat"
    goto(app, "simulasi")
    assert not app.exception
    errors = [e.value for e in app.error]
    assert errors == ["Skenario ini tidak cocok dengan data yang sedang dimuat: OPD 'Dinas Uji' "
                      "tidak ada dalam data. Kosongkan skenario ini di sini, atau muat lagi data "
                      "yang dipakai saat skenario dibuat."]
    app.button(key="whatif_reset_stale").click().run()  # the way out, on the page itself
    assert_clean(app)
    assert len(app.session_state[state.SCENARIOS].get("Rapat")) == 0
    goto(app, "ringkasan")
    assert_clean(app)
