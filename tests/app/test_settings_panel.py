"""AppTest of the settings panel: the same presets, PJ band tables and rounding modes as the
command line, in Indonesian words.

Dinas Uji (tests/builders.py): 12.980 jam ÷ 1.250 = 10,384 orang for 10 staff, EU 1,04: PU A
in the Permendagri table. With custom bands whose A starts above 1,05, EU 1,04 is B (Baik).
"""

from __future__ import annotations

from builders import opd_bytes

from sotk_core.base.settings import Settings
from sotk_core.base.tables import PJ_TABLES_BY_ID, PRESETS
from sotk_ui import state
from tests.app.helpers import XLSX, assert_clean, metric_texts

GOOD = ("dinas_uji.xlsx", opd_bytes(), XLSX)


def upload(at):
    at.sidebar.file_uploader[0].set_value([GOOD]).run()
    return at


def test_panel_offers_the_command_line_lists_in_indonesian(app):
    assert app.selectbox(key="set_preset").options == [
        "1.250 jam · PermenPANRB 1/2020", "1.300 jam · Permendagri 12/2008",
        "1.200 jam · BKN 2011", "1.322 jam · Formulir Kemenag",
        "1.507 jam · Modul ABK kementerian", "103.000 menit · Kota Surabaya",
        "Kustom (isi sendiri)"]
    assert len(PRESETS) + 1 == len(app.selectbox(key="set_preset").options)
    rounding = app.radio(key="set_rounding").options
    assert rounding[3].startswith("Minimal satu orang bila ada beban")
    assert not any("half_up" in o or "ceil" in o or "min1" in o for o in rounding)
    assert app.selectbox(key="set_pj").options == [
        "Pita PJ praktik Permendagri", "Pita PJ kementerian (Depkeu)", "Pita PJ kustom"]


def test_bkn_then_custom_wke_keeps_bkn_factors(app):
    app.selectbox(key="set_preset").set_value("BKN 2011").run()
    assert_clean(app)
    assert app.session_state[state.SETTINGS] == Settings.from_preset("bkn-2011")
    app.selectbox(key="set_preset").set_value("Kustom").run()
    app.number_input(key="set_wke").set_value(1250.0).run()
    assert_clean(app)
    s = app.session_state[state.SETTINGS]
    assert (s.wke_hours, s.factors["Minggu"], s.factors["Hari"]) == (1250.0, 48, 240)
    assert s.preset == "Kustom (WKE 1.250 jam) berdasarkan BKN 2011"
    assert any("Kustom (WKE 1.250 jam) berdasarkan BKN 2011" in c.value for c in app.caption)


def test_ministry_and_custom_bands_change_the_grade(app):
    upload(app)
    assert metric_texts(app, "EU kota")[:2] == ("1,04", "PU A (Sangat Baik)")
    app.selectbox(key="set_pj").set_value("depkeu").run()
    assert app.session_state[state.SETTINGS].ej_bands == PJ_TABLES_BY_ID["depkeu"].bands
    assert metric_texts(app, "EU kota")[1] == "PU A (Sangat Baik)"  # 1,04 > 1,00 in both
    app.selectbox(key="set_pj").set_value("kustom").run()
    app.number_input(key="set_pj_A").set_value(1.05).run()
    assert_clean(app)
    s = app.session_state[state.SETTINGS]
    assert s.overload_ej == 1.05 and s.pj_table == "kustom"
    assert metric_texts(app, "EU kota")[1] == "PU B (Baik)"
    # bounds that do not descend are refused with a message and the bands stay
    app.number_input(key="set_pj_B").set_value(1.20).run()
    assert app.session_state[state.SETTINGS].ej_bands == s.ej_bands
    assert any("harus menurun" in e.value for e in app.error)


def test_min1_from_the_panel(app):
    app.radio(key="set_rounding").set_value("min1").run()
    assert_clean(app)
    assert app.session_state[state.SETTINGS].rounding == "min1"
    assert any("pembulatan minimal satu orang" in c.value for c in app.caption)
