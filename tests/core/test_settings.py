"""Settings: presets by name, the derived "Kustom" name, and an exact round trip of every
field through `to_dict` / `from_dict` (and through JSON)."""

from __future__ import annotations

import io
import json
from dataclasses import fields, replace

import openpyxl
import pytest

from sotk_core.base.settings import SETTINGS_FIELDS, Settings
from sotk_core.base.tables import BKN_FACTORS, PJ_TABLES_BY_ID, PRESETS, STANDARD_FACTORS
from sotk_core.scenario import Scenario, scenario_from_xlsx, scenario_to_xlsx

# One value different from the default for every field of Settings. A new field without an
# entry here fails test_every_field_has_an_alternative.
ALTERNATIVES: dict[str, object] = {
    "base_preset": "bkn-2011",
    "wke_hours": 1716.5,
    "period_factors": (("Tahun", 1), ("Semester", 2), ("Triwulan", 4), ("Bulan", 12),
                       ("Minggu", 52), ("Hari", 260)),
    "rounding": "min1",
    "ej_bands": PJ_TABLES_BY_ID["depkeu"].bands,
    "maturity_bands": (("Sangat Rendah", 18.0), ("Rendah", 27.0), ("Sedang", 36.0),
                       ("Tinggi", 45.0), ("Sangat Tinggi", 55.0)),
    "maturity_edges": "bulat",
    "kelembagaan_table": "lampiran-ii",
    "balanced_ej": (0.66, 1.0),
    "micro_unit_staff": 5,
    "hours_as_minutes_factor": 4.0,
    "unit_check": (0.05, 0.25, 2.5),
    "extra": (("Catatan", "uji"),),
}


def test_every_field_has_an_alternative():
    assert set(ALTERNATIVES) == set(SETTINGS_FIELDS) == {f.name for f in fields(Settings)}
    default = Settings()
    assert all(getattr(default, k) != v for k, v in ALTERNATIVES.items())


@pytest.mark.parametrize("name", sorted(ALTERNATIVES))
def test_each_field_round_trips(name):
    s = replace(Settings(), **{name: ALTERNATIVES[name]})
    back = Settings.from_dict(s.to_dict())
    assert back == s and getattr(back, name) == ALTERNATIVES[name]
    assert Settings.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_all_fields_changed_at_once_round_trip_through_json():
    s = replace(Settings(), **ALTERNATIVES)
    text = json.dumps(s.to_dict())  # strict JSON: no Infinity for band E's open bound
    assert "Infinity" not in text
    assert Settings.from_dict(json.loads(text)) == s


def test_presets_by_id_and_name():
    assert Settings.from_preset("bkn-2011") == Settings.from_preset("BKN 2011")
    bkn = Settings.from_preset("bkn-2011")
    assert (bkn.wke_hours, bkn.factors["Minggu"], bkn.factors["Hari"]) == (1200, 48, 240)
    assert bkn.preset == "BKN 2011" and not bkn.is_custom
    assert Settings.from_preset("permendagri-2008").wke_hours == 1300
    assert Settings() == Settings.from_preset("permenpanrb-2020")
    assert Settings().preset == "PermenPANRB 1/2020"
    assert Settings.from_preset("surabaya").wke_minutes == pytest.approx(103_000)
    with pytest.raises(ValueError, match="tidak dikenal"):
        Settings.from_preset("jakarta")
    assert len({p.id for p in PRESETS}) == len(PRESETS) and all(p.source for p in PRESETS)


def test_a_changed_wke_or_period_factor_is_named_kustom_based_on_the_preset():
    bkn = Settings.from_preset("bkn-2011")
    assert bkn.with_(wke_hours=1250).preset == "Kustom (WKE 1.250 jam) berdasarkan BKN 2011"
    assert bkn.with_(period_factors=STANDARD_FACTORS).preset == (
        "Kustom (faktor periode diubah) berdasarkan BKN 2011")
    assert Settings().with_(wke_hours=103_000 / 60).preset == (
        "Kustom (WKE 103.000 menit) berdasarkan PermenPANRB 1/2020")
    # changing back to the preset's own figures gives the preset's name again
    assert bkn.with_(wke_hours=1250).with_(wke_hours=1200).preset == "BKN 2011"
    assert Settings().with_(period_factors=BKN_FACTORS).is_custom
    # rounding or bands are not part of a WKE preset: the name stays
    assert bkn.with_(rounding="min1", ej_bands=PJ_TABLES_BY_ID["depkeu"].bands).preset == (
        "BKN 2011")


def test_older_dicts_still_read():
    old = {"preset": "Kustom", "wke_hours": 1300.0, "rounding": "ceil",
           "period_factors": {"Tahun": 1, "Semester": 2, "Triwulan": 4, "Bulan": 12,
                              "Minggu": 50, "Hari": 250}}
    s = Settings.from_dict(old)
    assert (s.wke_hours, s.rounding, s.base_preset) == (1300.0, "ceil", "permenpanrb-2020")
    assert Settings.from_dict({"preset": "BKN 2011"}) == Settings.from_preset("bkn-2011")
    assert Settings.from_dict({"pj_bands": "depkeu"}).pj_table == "depkeu"


def test_bad_values_are_refused_in_indonesian():
    with pytest.raises(ValueError, match="harus lebih dari 0"):
        Settings(wke_hours=0)
    with pytest.raises(ValueError, match="Pita PJ harus menurun"):
        Settings(ej_bands=(("A", "a", 1.0), ("B", "b", 1.0), ("E", "e", float("-inf"))))
    with pytest.raises(ValueError, match="Jam mengikuti WKE"):
        Settings(period_factors=(("Tahun", 1), ("Jam", 1250)))


def test_user_facing_text_has_no_identifiers():
    s = Settings.from_preset("bkn-2011").with_(rounding="min1")
    text = s.describe() + " ".join(str(v) + str(src) for _, v, src in s.as_rows())
    for ident in ("half_up", "min1", "ceil", "floor", "domain.md", "§", "[practice]",
                  "[policy]", "[reg]"):
        assert ident not in text, ident
    assert "pembulatan minimal satu orang" in s.describe()


def test_a_scenario_workbook_keeps_every_setting(uji_eval):
    s = replace(Settings(), **ALTERNATIVES)
    data = scenario_to_xlsx(Scenario("uji"), s, uji_eval.city)
    _, back, problems = scenario_from_xlsx(data, uji_eval.city)
    assert problems == [] and back == s


def test_an_edited_wke_row_in_a_scenario_workbook_wins(uji_eval):
    data = scenario_to_xlsx(Scenario("uji"), Settings.from_preset("bkn-2011"), uji_eval.city)
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Pengaturan"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Jam kerja efektif (jam/tahun)")
    row[1].value = 1300
    buf = io.BytesIO()
    book.save(buf)
    _, back, _ = scenario_from_xlsx(buf.getvalue(), uji_eval.city)
    assert back.wke_hours == 1300 and back.factors["Minggu"] == 48
    assert back.preset == "Kustom (WKE 1.300 jam) berdasarkan BKN 2011"


def test_a_bad_settings_row_is_reported_with_its_row(uji_eval):
    s = Settings(ej_bands=PJ_TABLES_BY_ID["depkeu"].bands, kelembagaan_table="lampiran-ii")
    book = openpyxl.load_workbook(io.BytesIO(scenario_to_xlsx(Scenario("uji"), s, uji_eval.city)))
    ws = book["Pengaturan"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Pita PJ B: batas bawah EJ")
    assert row[1].value == 0.81
    row[1].value = "delapan"
    buf = io.BytesIO()
    book.save(buf)
    _, back, problems = scenario_from_xlsx(buf.getvalue(), uji_eval.city)
    [p] = problems
    assert (p.sheet, p.row, p.column) == ("Pengaturan", row[0].row, "Nilai")
    assert "Pita PJ B: batas bawah EJ" in p.message
    assert back.ej_bands[2][2] == 0.66 and back.kelembagaan_table == "lampiran-ii"
