"""The method as regions practise it, rebuilt by hand from published cases: the BKN 2011
preset, the ministry PJ bands, minimum-one rounding, the per-hour period and norms typed in the
wrong unit (domain.md §1, §1b)."""

from __future__ import annotations

import io
import json

import numpy as np
import openpyxl
import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.__main__ import main
from sotk_core.base.fmt import round_need
from sotk_core.base.formulas import grade_one
from sotk_core.base.tables import PJ_TABLES_BY_ID
from sotk_core.scenario import AddPosition, NewTask, Scenario, validate
from sotk_core.workbook.writer import workbook_bytes
from tests.builders import opd_bytes

DEPKEU = Settings(ej_bands=PJ_TABLES_BY_ID["depkeu"].bands)
UNITS = [{"code": "01", "name": "Dinas Uji", "kind": "OPD", "parent": None},
         {"code": "01.01", "name": "Seksi Uji", "kind": "Seksi", "parent": "01"}]


def one_position(tasks: list[dict], existing: int = 1) -> bytes:
    """An OPD with one Pelaksana position J01 (in Seksi Uji) holding `tasks`."""
    position = {"code": "J01", "name": "Pengadministrasi", "unit": "01.01",
                "kind": "Pelaksana", "existing": existing}
    rows = [{"position": "J01", "task": f"Tugas {i}", "output": "Dokumen", "time_unit": "Menit",
             **t} for i, t in enumerate(tasks, start=1)]
    return opd_bytes(**{"Unit": UNITS, "Jabatan": [position], "Beban Kerja": rows})


def position_of(data: bytes, settings: Settings):
    wb = read_workbook(data, "uji.xlsx", settings)
    assert wb.ok, wb.errors
    ev = evaluate(build_city([wb]), settings)
    return ev, ev.workload.positions.iloc[0]


# --- the regency app at BKN 2011: 12 tasks of one position -----------------------------------
# Minutes per year with Hari x240, Minggu x48 (BKN 2011, WKE 1,200 h = 72,000 min):
#   Hari:   1 x 60 = 60/day  -> 240 x 60 = 14,400     Minggu: 2 x 60 = 120/wk -> 48 x 120 = 5,760
#           2 x 15 = 30      -> 240 x 30 =  7,200             1 x 90 =  90    -> 48 x 90  = 4,320
#           1 x 45 = 45      -> 240 x 45 = 10,800             1 x 142 = 142   -> 48 x 142 = 6,816
#           3 x 10 = 30      -> 240 x 30 =  7,200     (Minggu sum 16,896)
#           1 x 20 = 20      -> 240 x 20 =  4,800     (Hari sum 44,400)
#   Bulan 12 x 200 = 2,400; Triwulan 4 x 300 = 1,200; Semester 2 x 204 = 408; Tahun 1 x 180 = 180
#   total 44,400 + 16,896 + 4,188 = 65,484 min = 1,091.4 h -> 1,091.4 / 1,200 = 0.9095 person.
# With only --wke-hours 1200 (Hari x250, Minggu x50): 46,250 + 17,600 + 4,188 = 68,038 min
#   -> 0.944972 person, 3.9 % more than the app.
REGENCY_TASKS = [
    {"volume": 1, "period": "Hari", "norma": 60}, {"volume": 2, "period": "Hari", "norma": 15},
    {"volume": 1, "period": "Hari", "norma": 45}, {"volume": 3, "period": "Hari", "norma": 10},
    {"volume": 1, "period": "Hari", "norma": 20},
    {"volume": 2, "period": "Minggu", "norma": 60}, {"volume": 1, "period": "Minggu", "norma": 90},
    {"volume": 1, "period": "Minggu", "norma": 142},
    {"volume": 1, "period": "Bulan", "norma": 200}, {"volume": 1, "period": "Triwulan", "norma": 300},
    {"volume": 1, "period": "Semester", "norma": 204}, {"volume": 1, "period": "Tahun", "norma": 180},
]


def test_regency_case_at_bkn_2011_gives_need_0_9095(tmp_path, capsys):
    path = tmp_path / "kabupaten.xlsx"
    path.write_bytes(one_position(REGENCY_TASKS))
    assert main(["report", str(path), "--preset", "bkn-2011", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    pos = out["positions"][0]
    assert pos["workload_hours"] == pytest.approx(1091.4)
    assert pos["need_raw"] == pytest.approx(0.9095, abs=0.001)
    assert pos["need"] == 1 and pos["pj"] == "B"  # EJ 0.9095 -> 0.91 -> B
    assert out["settings"]["preset"] == "BKN 2011" and out["settings"]["preset_id"] == "bkn-2011"
    assert out["settings"]["period_factors"]["Minggu"] == 48

    # the old way (WKE alone) keeps Minggu x50, Hari x250 and overstates by 3.9 %
    assert main(["report", str(path), "--wke-hours", "1200", "--json"]) == 0
    old = json.loads(capsys.readouterr().out)
    assert old["positions"][0]["need_raw"] == pytest.approx(68_038 / 72_000)
    assert old["positions"][0]["need_raw"] / pos["need_raw"] == pytest.approx(1.039, abs=0.0005)
    assert old["settings"]["preset"] == "Kustom (WKE 1.200 jam) berdasarkan PermenPANRB 1/2020"


def test_wke_in_minutes_and_a_preset_override(tmp_path, capsys):
    path = tmp_path / "kabupaten.xlsx"
    path.write_bytes(one_position(REGENCY_TASKS))
    assert main(["report", str(path), "--preset", "bkn-2011", "--wke-minutes", "103000",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["settings"]["preset"] == "Kustom (WKE 103.000 menit) berdasarkan BKN 2011"
    assert out["settings"]["wke_minutes"] == pytest.approx(103_000)
    assert out["positions"][0]["need_raw"] == pytest.approx(65_484 / 103_000)
    assert main(["report", str(path), "--preset", "surabaya", "--json"]) == 0
    sby = json.loads(capsys.readouterr().out)
    assert sby["settings"]["preset"] == "Kota Surabaya"
    assert sby["positions"][0]["need_raw"] == pytest.approx(68_038 / 103_000)  # x250, x50


# --- the ministry PJ bands -------------------------------------------------------------------


@pytest.mark.parametrize(("ej", "ministry", "permendagri"), [
    (1.01, "A", "A"), (1.00, "B", "B"), (0.85, "B", "C"), (0.81, "B", "C"), (0.80, "C", "C"),
    (0.70, "C", "C"), (0.69, "C", "D"), (0.66, "C", "D"), (0.65, "D", "D"), (0.50, "D", "D"),
    (0.49, "E", "E"),
])
def test_ministry_band_table(ej, ministry, permendagri):
    assert grade_one(ej, DEPKEU) == ministry
    assert grade_one(ej, Settings()) == permendagri


def test_pj_bands_option_on_the_command_line(tmp_path, capsys):
    # 1,062.5 h / 1,250 = EJ 0.85: C in the Permendagri table, B in the ministry's
    path = tmp_path / "uji.xlsx"
    path.write_bytes(one_position([{"volume": 1, "period": "Tahun", "norma": 63_750}]))
    assert main(["report", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["positions"][0]["pj"] == "C"
    assert main(["report", str(path), "--pj-bands", "depkeu", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["positions"][0]["pj"] == "B" and out["units"][0]["pu"] == "B"
    assert out["settings"]["pj_bands"] == "depkeu"
    assert out["settings"]["ej_bands"][1] == ["B", "Baik", 0.81]


# --- minimum one -----------------------------------------------------------------------------


def test_min1_rounding_by_hand():
    raw = np.array([0.30, 0.48, 0.50, 1.40, 2.50, 0.0])
    assert list(round_need(raw, "min1")) == [1, 1, 1, 1, 3, 0]
    assert list(round_need(raw, "half_up")) == [0, 0, 1, 1, 3, 0]


def test_min1_keeps_a_post_with_workload(tmp_path, capsys):
    # 600 h / 1,250 = 0.48 person: half up 0 ("abolish the post"), minimum one 1
    path = tmp_path / "uji.xlsx"
    path.write_bytes(one_position([{"volume": 1, "period": "Tahun", "norma": 36_000}]))
    assert main(["report", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["positions"][0]["need"] == 0
    assert main(["report", str(path), "--rounding", "min1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["positions"][0]["need"] == 1 and out["settings"]["rounding"] == "min1"
    assert out["settings"]["rounding_label"].startswith("Minimal satu orang")


# --- the per-hour period ---------------------------------------------------------------------


@pytest.mark.parametrize("preset", ["permenpanrb-2020", "bkn-2011", "permendagri-2008"])
def test_one_output_an_hour_of_30_minutes_is_half_a_person(preset):
    # 1 per working hour x 30 min: 1 x 1,250 x 30 = 37,500 min = 625 h -> 625 / 1,250 = 0.5
    # (at 1,200 h: 36,000 min = 600 h -> 0.5): the need does not depend on the WKE
    settings = Settings.from_preset(preset)
    _, pos = position_of(one_position([{"volume": 1, "period": "Jam", "norma": 30}]), settings)
    assert pos["workload_hours"] == pytest.approx(settings.wke_hours * 0.5)
    assert pos["need_raw"] == pytest.approx(0.5)


def test_per_hour_is_in_the_template_and_its_aliases_read():
    wb = read_workbook(one_position([{"volume": 2, "period": "per jam", "norma": 15}]), "a.xlsx")
    assert wb.ok and list(wb.tasks["period"]) == ["Jam"]
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes()))
    lists = [dv.formula1 for dv in book["Beban Kerja"].data_validations.dataValidation]
    assert any(f == '"Tahun,Semester,Triwulan,Bulan,Minggu,Hari,Jam"' for f in lists)
    petunjuk = " ".join(str(c.value) for row in book["Petunjuk"].iter_rows() for c in row)
    assert "atau Jam (per jam kerja" in petunjuk


def test_a_scenario_task_may_be_per_hour(uji_eval):
    task = NewTask("Melayani antrean", 1, "Jam", 30, "Menit", "Orang")
    scen = Scenario("uji", (AddPosition("Dinas Uji", "01.02.01", "J99", "Petugas Layanan",
                                        "Pelaksana", 1, tasks=(task,)),))
    assert validate(uji_eval.city, scen) == []


# --- norms in the wrong unit -----------------------------------------------------------------
# A guideline table whose norms are hours: 250 Hari x 2 x 2 h = 1,000 h; 12 Bulan x 10 x 5 h =
# 600 h; 50 Minggu x 4 x 7 h = 1,400 h; 3,000 h for 3 staff = 2.4 persons, EJ 0.80.
# Typed with the default Menit it is 3,000 min = 50 h = 0.04 person (EJ 0.013).
GUIDELINE = [{"volume": 2, "period": "Hari", "norma": 2}, {"volume": 10, "period": "Bulan", "norma": 5},
             {"volume": 4, "period": "Minggu", "norma": 7}]


def test_guideline_hours_typed_as_minutes_warn_naming_both_readings():
    ev, pos = position_of(one_position(GUIDELINE, existing=3), Settings())
    assert pos["need_raw"] == pytest.approx(0.04)
    [w] = [i for i in ev.issues if i.column == "Satuan Waktu"]
    assert (w.severity, w.file, w.sheet, w.row) == ("warning", "uji.xlsx", "Beban Kerja", 2)
    assert "Pengadministrasi" in w.message and "(J01, Seksi Uji)" in w.message
    assert "3 pegawai" in w.message
    assert "dalam Menit memberi kebutuhan 0,04 orang" in w.message
    assert "dibaca dalam Jam kebutuhannya 2,40 orang (EJ 0,80)" in w.message


def test_the_same_table_in_hours_does_not_warn():
    hours = [{**t, "time_unit": "Jam"} for t in GUIDELINE]
    ev, pos = position_of(one_position(hours, existing=3), Settings())
    assert pos["need_raw"] == pytest.approx(2.4)
    assert [i for i in ev.issues if i.column == "Satuan Waktu"] == []


def test_minutes_typed_as_hours_warn_the_other_way():
    # 250 Hari x 1 x 180 "Jam" = 45,000 h = 36 persons for 1 staff; as minutes 750 h = 0.6
    ev, _ = position_of(one_position([{"volume": 1, "period": "Hari", "norma": 180,
                                       "time_unit": "Jam"}]), Settings())
    [w] = [i for i in ev.issues if i.column == "Satuan Waktu"]
    assert "dalam Jam memberi kebutuhan 36,00 orang" in w.message
    assert "dibaca dalam Menit kebutuhannya 0,60 orang (EJ 0,60)" in w.message


@pytest.mark.parametrize(("minutes", "warns"), [
    (375, True), (374, False),  # read as hours: 375 h / 1,250 = EJ 0.30 exactly; 374 h: 0.2992
    (3750, True), (3751, False),  # 3,750 h: EJ 3.00 exactly; 3,751 h: 3.0008
])
def test_unit_warning_range_is_inclusive_at_0_3_and_3(minutes, warns):
    ev, _ = position_of(one_position([{"volume": 1, "period": "Tahun", "norma": minutes}]),
                        Settings())
    assert any(i.column == "Satuan Waktu" for i in ev.issues) is warns


def test_unit_warning_shows_in_validate(tmp_path, capsys):
    path = tmp_path / "pedoman.xlsx"
    path.write_bytes(one_position(GUIDELINE, existing=3))
    assert main(["validate", str(path)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert "kolom Satuan Waktu" in out and "2,40 orang" in out
    assert "0 galat, 1 peringatan" in out
