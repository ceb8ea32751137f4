"""What-if scenarios checked by hand against tests/builders.py "Dinas Uji" and domain.md §1.

Baseline (WKE 1,250 h), from the builders.py comments:
  J06 Analis Layanan, Seksi Layanan A: 3 staff, 3,000 h -> need_raw 2.4, need 2, EJ 0.80
  J08 Analis Layanan, Seksi Layanan B: 0 staff, 3,125 h -> need_raw 2.5, need 3, kosong
  Total staff 1+1+2+1+1+3+1+0 = 10.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from sotk_core import Settings, build_city, load_files, read_workbook
from sotk_core.model.workload import compute_workload
from sotk_core.scenario import (
    AddPosition,
    MoveStaff,
    RemovePosition,
    Scenario,
    ScenarioError,
    ScenarioSet,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
    apply,
    changed_only,
    compare,
    compare_balance,
    compare_city,
    compare_labels,
    new_position_code,
    scenario_changes_frame,
    scenario_from_xlsx,
    scenario_to_xlsx,
    scenario_workload,
    scenarios_from_xlsx,
    scenarios_to_xlsx,
    suggest_moves,
    validate,
)
from tests.builders import POSITIONS, UNITS, opd_bytes

OPD = "Dinas Uji"
MOVE_2 = MoveStaff(OPD, "J06", OPD, "J08", 2)


@pytest.fixture(scope="module")
def city():
    return load_files([("uji.xlsx", opd_bytes())])


@pytest.fixture(scope="module")
def base(city):
    return compute_workload(city, Settings())


def _pos(result, code, opd=OPD):
    p = result.positions
    return p.loc[(p["opd"] == opd) & (p["code"] == code)].iloc[0]


def _city(**sheets):
    wb = read_workbook(opd_bytes(**sheets), "uji.xlsx")
    assert wb.ok, wb.issues
    return build_city([wb])


# --- moves, validation, undo ----------------------------------------------------------------


def test_moving_2_staff_conserves_total_and_gives_hand_computed_ej(city, base):
    scen = Scenario("Pindah").add(MOVE_2, city)
    _, _, res = scenario_workload(city, scen)
    assert res.positions["existing"].sum() == base.positions["existing"].sum() == 10
    j06, j08 = _pos(res, "J06"), _pos(res, "J08")
    assert j06["existing"] == 1 and j08["existing"] == 2
    assert j06["ej2"] == pytest.approx(2.40)  # 2.4 / 1
    assert j08["ej2"] == pytest.approx(1.25)  # 2.5 / 2
    assert j06["shortage"] == 1  # need 2, 1 staff
    assert j08["shortage"] == 1  # need 3, 2 staff
    assert city.positions.loc[city.positions["code"] == "J06", "existing"].item() == 3  # baseline


def test_move_of_more_staff_than_exist_is_refused(city):
    with pytest.raises(ScenarioError, match="hanya ada 3 orang") as err:
        Scenario().add(MoveStaff(OPD, "J06", OPD, "J08", 4), city)
    assert err.value.field == "count" and err.value.index == 0
    # after moving 2, only 1 is left: a second move of 2 is refused, the first one stays
    scen = Scenario().add(MOVE_2, city)
    with pytest.raises(ScenarioError, match="hanya ada 1 orang"):
        scen.add(MoveStaff(OPD, "J06", OPD, "J07", 2), city)
    assert scen.changes == (MOVE_2,)


@pytest.mark.parametrize("change, text", [
    (MoveStaff(OPD, "J99", OPD, "J08", 1), "Kode jabatan 'J99' tidak ada"),
    (MoveStaff(OPD, "J06", OPD, "J06", 1), "asal dan tujuan sama"),
    (MoveStaff(OPD, "J06", OPD, "J08", 0), "tidak boleh kurang dari 1"),
    (MoveStaff(OPD, "J06", OPD, "J08", 1.5), "bilangan bulat"),
    (SetExisting(OPD, "J06", -1), "tidak boleh kurang dari 0"),
    (SetExisting("Dinas Lain", "J06", 1), "OPD 'Dinas Lain' tidak ada"),
    (RemovePosition(OPD, "J06"), r"Analis Layanan \(Seksi Layanan A, Dinas Uji\) masih diisi "
                                 "3 pegawai"),
    (SetTaskVolume(OPD, "J06", 8, 10), "milik jabatan Kepala Seksi Layanan B "
                                       r"\(Seksi Layanan B, Dinas Uji\), bukan Analis Layanan "
                                       r"\(Seksi Layanan A, Dinas Uji\)"),
    (SetTaskVolume(OPD, "J06", 99, 10), "Tidak ada tugas pada baris 99"),
    (SetTaskNorma(OPD, "J06", 7, 0), "harus lebih dari 0"),
    (SetSettings(wke_hours=0), "harus lebih dari 0"),
    (SetSettings(rounding="acak"), "Mode pembulatan 'acak' tidak dikenal"),
    (AddPosition(OPD, "01.02.02", "J08", "Analis", "Pelaksana"), "sudah dipakai"),
    (AddPosition(OPD, "09", "J09", "Analis", "Pelaksana"), "Kode unit '09' tidak ada"),
    (AddPosition(OPD, "01.02.02", "J09", "Analis", grade=18), "di luar rentang 1–17"),
    (AddPosition(OPD, "01.02.02", "J09", "Analis", "Pelaksana", 1,
                 (("Olah", 1, "Kuartalan", 60, "Menit"),)), "periode 'Kuartalan'"),
])
def test_invalid_changes_are_refused_in_indonesian(city, change, text):
    with pytest.raises(ScenarioError, match=text):
        Scenario().add(change, city)


def test_undo_restores_the_baseline_exactly(city, base):
    scen = Scenario().add(MOVE_2, city).add(SetSettings(wke_hours=1300), city)
    undone = scen.undo(1, city).undo(0, city)
    assert undone.changes == ()
    scen_city, scen_settings = apply(city, undone)
    res = compute_workload(scen_city, scen_settings)
    for name in ("positions", "units", "opds", "tasks"):
        pd.testing.assert_frame_equal(getattr(res, name), getattr(base, name))
    assert scen.reset().changes == () and scen.reset().name == scen.name


def test_undo_of_a_change_a_later_one_depends_on_is_refused(city):
    scen = Scenario().add(MOVE_2, city).add(MoveStaff(OPD, "J08", OPD, "J07", 2), city)
    with pytest.raises(ScenarioError, match="Perubahan 1 tidak dapat dibatalkan: perubahan 2"):
        scen.undo(0, city)
    assert len(scen.undo(0)) == 1  # without a city: not checked, apply would refuse it
    with pytest.raises(ScenarioError, match="hanya ada 0 orang"):
        apply(city, scen.undo(0))


def test_apply_never_clips_on_other_data(city):
    scen = Scenario().add(MOVE_2, city)
    fewer = _city(Jabatan=[{**p, "existing": 1} if p["code"] == "J06" else p for p in POSITIONS])
    assert [e.message for e in validate(fewer, scen)] == [
        "Tidak dapat memindahkan 2 pegawai dari Analis Layanan (Seksi Layanan A, Dinas Uji): "
        "saat ini hanya ada 1 orang."]
    with pytest.raises(ScenarioError):
        apply(fewer, scen)


# --- settings, tasks, structure --------------------------------------------------------------


def test_wke_1300_multiplies_need_raw_by_1250_over_1300(city, base):
    scen = Scenario().add(SetSettings(wke_hours=1300), city)
    scen_city, settings, res = scenario_workload(city, scen, Settings())
    assert settings.wke_hours == 1300 and scen_city is city  # no data change: no copy
    ratio = res.positions["need_raw"] / base.positions["need_raw"]
    assert ratio.to_numpy() == pytest.approx(1250 / 1300)
    j08 = _pos(res, "J08")
    assert j08["need_raw"] == pytest.approx(3125 / 1300)  # 2.4038
    assert j08["need"] == 2  # 2.40 rounds half up to 2 (was 3 at 1,250 h)


def test_task_volume_and_norma_changes_by_excel_row(city):
    # J06's task is Excel row 7: 2 Semester × 1,000 × 90 min = 180,000 min.
    vol = Scenario().add(SetTaskVolume(OPD, "J06", 7, 500), city)
    j06 = _pos(scenario_workload(city, vol)[2], "J06")
    assert j06["workload_hours"] == pytest.approx(1500)  # 2 × 500 × 90 / 60
    assert j06["need_raw"] == pytest.approx(1.2)
    norma = Scenario().add(SetTaskNorma(OPD, "J06", 7, 45), city)
    assert _pos(scenario_workload(city, norma)[2], "J06")["need_raw"] == pytest.approx(1.2)
    assert city.tasks["volume"].iloc[5] == 1000  # baseline untouched


def test_add_and_remove_positions(city, base):
    add = AddPosition(OPD, "01.02.02", "J09", "Analis Data", "Pelaksana", 1,
                      (("Mengolah data", 1, "Tahun", 75_000, "Menit"),), grade=7)
    scen = (Scenario().add(add, city).add(SetExisting(OPD, "J03", 0), city)
            .add(RemovePosition(OPD, "J03"), city))
    scen_city, _, res = scenario_workload(city, scen)
    j09 = _pos(res, "J09")
    assert j09["unit_uid"] == 4 and j09["unit_name"] == "Seksi Layanan B"
    assert j09["need_raw"] == pytest.approx(1.0) and j09["ej2"] == pytest.approx(1.0)
    assert "J03" not in set(res.positions["code"])
    assert len(scen_city.tasks) == len(city.tasks)  # J03's task gone, J09's task added
    assert list(res.positions["pid"]) == list(range(len(res.positions)))
    seksi_b = res.units.loc[res.units["code"] == "01.02.02"].iloc[0]
    assert seksi_b["existing"] == 2  # J07 1 + J09 1
    assert seksi_b["eu"] == pytest.approx((1.0 + 2.5 + 1.0) / 2)  # J07 + J08 + J09
    # OPD hours: 12,980 - J03 1,500 + J09 1,250
    assert res.opds["workload_hours"].item() == pytest.approx(12_980 - 1_500 + 1_250)


def test_removed_position_cannot_be_used_later(city):
    scen = Scenario().add(RemovePosition(OPD, "J08"), city)
    with pytest.raises(ScenarioError, match="sudah dihapus"):
        scen.add(MoveStaff(OPD, "J06", OPD, "J08", 1), city)


def test_descriptions_are_plain_indonesian(city):
    add = AddPosition(OPD, "01.02.02", "J09", "Analis Data", "Pelaksana", 1)
    scen = (Scenario().add(MOVE_2, city).add(add, city)
            .add(MoveStaff(OPD, "J06", OPD, "J09", 1), city)
            .add(SetTaskVolume(OPD, "J06", 7, 500), city).add(SetSettings(wke_hours=1300), city))
    assert scen.describe(city) == [
        "Pindahkan 2 pegawai dari Analis Layanan (Seksi Layanan A) ke Analis Layanan "
        "(Seksi Layanan B)",
        "Tambah jabatan baru Analis Data (J09, Pelaksana) di Seksi Layanan B dengan 1 pegawai "
        "tanpa tugas",
        "Pindahkan 1 pegawai dari Analis Layanan (Seksi Layanan A) ke Analis Data "
        "(Seksi Layanan B)",
        "Ubah volume tugas 'Menganalisis permohonan' (baris 7) pada Analis Layanan "
        "(Seksi Layanan A) menjadi 500",
        "Ubah jam kerja efektif (WKE) menjadi 1.300 jam/tahun",
    ]


# --- comparison ---------------------------------------------------------------------------


def test_compare_flags_exactly_the_changed_cells(city, base):
    res = scenario_workload(city, Scenario().add(MOVE_2, city))[2]
    pos = compare(base, res, "position")
    assert list(changed_only(pos)["code"]) == ["J06", "J08"]
    j06 = pos.loc[pos["code"] == "J06"].iloc[0]
    assert (j06["existing_base"], j06["existing_scen"], j06["existing_delta"]) == (3, 1, -2)
    assert j06["ej2_delta"] == pytest.approx(2.40 - 0.80)
    assert j06["pj_base"] == "C" and j06["pj_scen"] == "A" and j06["pj_changed"]
    assert not j06["need_changed"] and not j06["workload_hours_changed"]
    units = compare(base, res, "unit").set_index("code")
    # Seksi A 4 -> 2 staff, Seksi B 1 -> 3; Bidang 01.02 keeps 6 staff and EU 7.424/6 = 1.24,
    # but its shortage falls from 3 (J08) to 2 (J06 1 + J08 1) and its surplus from 1 to 0.
    assert units.loc["01.02.01", "existing_scen"] == 2 and units.loc["01.02.02", "existing_scen"] == 3
    bid = units.loc["01.02"]
    assert not bid["existing_changed"] and not bid["eu2_changed"] and bid["eu2_scen"] == 1.24
    assert (bid["shortage_base"], bid["shortage_scen"], bid["surplus_scen"]) == (3, 2, 0)
    assert not units.loc["01.01", "changed"]
    opd = compare(base, res, "opd", opd=OPD).iloc[0]
    assert opd["existing_delta"] == 0 and opd["shortage_delta"] == -1
    city_rows = compare_city(base, res).set_index("metric")
    assert city_rows.loc["vacant", "delta"] == -1 and city_rows.loc["vacant", "changed"]
    assert compare_labels(pos)["existing_scen"] == "Pegawai ada (orang) · skenario"


def test_compare_marks_added_and_removed_rows(city, base):
    scen = (Scenario().add(AddPosition(OPD, "01.02.02", "J09", "Analis Data"), city)
            .add(RemovePosition(OPD, "J08"), city))
    pos = compare(base, scenario_workload(city, scen)[2], "position")
    presence = dict(zip(pos["code"], pos["presence"], strict=True))
    assert presence["J08"] == "dihapus" and presence["J09"] == "baru" and pos["code"].iloc[-1] == "J09"
    j08 = pos.loc[pos["code"] == "J08"].iloc[0]
    assert j08["shortage_delta"] == -3 and j08["changed"]  # 3 short -> absent counts as 0


def test_compare_balance_uses_the_balance_module(city, base):
    scen_city, _, res = scenario_workload(city, Scenario().add(MOVE_2, city))
    rows = compare_balance(city, base, scen_city, res).set_index("metric")
    # EJ outside 0.70-1.00: baseline only J03 (0.60, 2 staff); after the move also
    # J06 (2.40, 1 staff) and J08 (1.25, 2 staff): 2 -> 5 staff; EJ > 1.00: 0 -> 2 positions.
    assert (rows.loc["staff_outside", "base"], rows.loc["staff_outside", "scen"]) == (2, 5)
    assert rows.loc["overloaded_positions", "delta"] == 2
    assert rows.loc["share_outside", "scen"] == pytest.approx(5 / 10)


# --- suggestions ----------------------------------------------------------------------------


def _task(code, minutes):
    return {"position": code, "task": "Tugas", "output": "Dokumen", "volume": minutes,
            "period": "Tahun", "norma": 1, "time_unit": "Menit"}


def _analis(code, unit, existing, grade=7, name="Analis Layanan"):
    return {"code": code, "name": name, "unit": unit, "kind": "Pelaksana", "grade": grade,
            "existing": existing}


HEAD = {"code": "J01", "name": "Kepala Dinas", "unit": "01", "kind": "JPT Pratama", "grade": 14,
        "existing": 1}
# J06: 180,000 min = 2.4 -> need 2, 4 staff: surplus 2. J08: 150,000 min = 2.0 -> need 2,
# 1 staff: shortage 1. J09: 75,000 min = 1.0 -> need 1, vacant: shortage 1. J01: need 1, has 1.
SMALL_POS = [HEAD, _analis("J06", "01.02.01", 4), _analis("J08", "01.02.02", 1),
             _analis("J09", "01.01", 0)]
SMALL_TASKS = [_task("J01", 60_000), _task("J06", 180_000), _task("J08", 150_000),
               _task("J09", 75_000)]


def test_suggestion_moves_exactly_2_people_and_clears_the_shortage():
    city = _city(Jabatan=SMALL_POS, **{"Beban Kerja": SMALL_TASKS})
    result = compute_workload(city, Settings())
    s = suggest_moves(result, city)
    assert (s.moved, s.shortage_before, s.shortage_after, s.uncovered) == (2, 2, 0, 0)
    assert sorted((c.from_code, c.to_code, c.count) for c in s.scenario.changes) == [
        ("J06", "J08", 1), ("J06", "J09", 1)]
    after = scenario_workload(city, s.scenario)[2]
    assert after.positions["shortage"].sum() == 0
    assert "tidak perlu formasi baru" in s.message


def test_suggestion_rules_head_never_moved_and_uncovered_reported():
    # Added: J02 Sekretaris (structural) 1 staff, no tasks: surplus 1, never moved.
    # J03 Pengadministrasi Umum, kelas 5: 150,000 min -> need 2, 1 staff: shortage 1.
    # J10 Pengolah Data, kelas 5: 75,000 min -> need 1, 3 staff: surplus 2.
    # J11 Pranata Komputer, kelas 8: 75,000 min -> need 1, vacant: shortage 1.
    positions = [*SMALL_POS,
                 {"code": "J02", "name": "Sekretaris", "unit": "01.01", "kind": "Administrator",
                  "grade": 12, "existing": 1},
                 _analis("J03", "01.01", 1, 5, "Pengadministrasi Umum"),
                 _analis("J10", "01.02.01", 3, 5, "Pengolah Data"),
                 _analis("J11", "01.02.02", 0, 8, "Pranata Komputer")]
    tasks = [*SMALL_TASKS, _task("J03", 150_000), _task("J10", 75_000), _task("J11", 75_000)]
    city = _city(Jabatan=positions, **{"Beban Kerja": tasks})
    result = compute_workload(city, Settings())
    # shortages: J03 1, J08 1, J09 1, J11 1 = 4; surplus: J06 2, J10 2 (+ J02 1, structural)
    by_rule = {m: suggest_moves(result, city, match=m)
               for m in ("name", "jenis_pelaksana", "any_pelaksana")}
    assert [(s.moved, s.uncovered) for s in by_rule.values()] == [(2, 2), (3, 1), (4, 0)]
    assert by_rule["name"].surplus_left == 2  # J10's 2; J02 is not counted (structural)
    assert "masih diperlukan 2 formasi baru" in by_rule["name"].message
    for s in by_rule.values():
        assert all(c.from_code != "J02" for c in s.scenario.changes)
        assert validate(city, s.scenario) == []


def test_suggestion_city_scope_moves_across_opd():
    donor = read_workbook(opd_bytes(Jabatan=[HEAD, _analis("J06", "01.02.01", 4)],
                                    **{"Beban Kerja": SMALL_TASKS[:2]}), "uji.xlsx")
    taker = read_workbook(opd_bytes({"name": "Dinas Dua"}, Jabatan=[HEAD, _analis(
        "J08", "01.02.02", 0)], **{"Beban Kerja": [SMALL_TASKS[0], SMALL_TASKS[2]]}), "dua.xlsx")
    city = build_city([donor, taker])
    result = compute_workload(city, Settings())
    assert suggest_moves(result, city).moved == 0  # default: inside one OPD only
    s = suggest_moves(result, city, scope="city")
    assert s.scenario.changes == (MoveStaff("Dinas Uji", "J06", "Dinas Dua", "J08", 2),)
    assert s.scenario.describe(city)[0] == (
        "Pindahkan 2 pegawai dari Analis Layanan (Seksi Layanan A, Dinas Uji) ke "
        "Analis Layanan (Seksi Layanan B, Dinas Dua)")
    only_dua = suggest_moves(result, city, scope="city", opd="Dinas Dua")
    assert (only_dua.moved, only_dua.shortage_before) == (2, 2)


# --- save and reload -------------------------------------------------------------------------


def _full_scenario(city):
    changes = [
        MOVE_2,
        AddPosition(OPD, "01.02.02", "J09", "Analis Data", "Pelaksana", 1,
                    (("Mengolah data", 12.5, "Bulan", 1.5, "Jam", "Berkas"),
                     ("Rapat", 4, "Hari", 30, "Menit")), grade=7),
        SetTaskVolume(OPD, "J05", 6, 600), SetTaskNorma(OPD, "J03", 4, 0.75),
        SetExisting(OPD, "J03", 0), RemovePosition(OPD, "J03"),
        SetSettings(wke_hours=1300, rounding="ceil"),
    ]
    scen = Scenario("Skenario Uji")
    for c in changes:
        scen = scen.add(c, city)
    return scen


def test_save_and_reload_reproduces_identical_results(city):
    scen = _full_scenario(city)
    settings = Settings.from_preset("BKN 2011")
    data = scenario_to_xlsx(scen, settings, city)
    again, settings2, problems = scenario_from_xlsx(data, city)
    assert problems == []
    assert again == scen and settings2 == settings
    r1 = scenario_workload(city, scen, settings)[2]
    r2 = scenario_workload(city, again, settings2)[2]
    for name in ("tasks", "positions", "units", "opds"):
        pd.testing.assert_frame_equal(getattr(r1, name), getattr(r2, name))
    sheets = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert sheets == ["Perubahan", "Tugas Jabatan Baru", "Pengaturan", "Petunjuk"]


def test_the_scenario_workbook_speaks_indonesian_and_older_files_still_load(city):
    scen = _full_scenario(city)
    data = scenario_to_xlsx(scen, Settings(), city)
    book = openpyxl.load_workbook(io.BytesIO(data))
    keys = [r[0] for r in book["Pengaturan"].iter_rows(min_row=2, values_only=True)]
    assert keys[:4] == ["Nama skenario", "Preset", "Jam kerja efektif (jam/tahun)",
                        "Pembulatan kebutuhan pegawai"]
    assert book["Pengaturan"]["B5"].value == "Dibulatkan biasa: mulai ,5 ke atas (2,5 → 3)"
    assert book["Perubahan"]["M8"].value == "Selalu dibulatkan ke atas (2,1 → 3)"  # SetSettings
    # a file written before the Indonesian names: setting ids as keys, mode codes as values
    ids = ["nama_skenario", "preset", "wke_hours", "rounding"] + [
        f"period_factors.{p}" for p in ("Tahun", "Semester", "Triwulan", "Bulan", "Minggu",
                                        "Hari")]
    for row, key in enumerate(ids, start=2):
        book["Pengaturan"].cell(row=row, column=1, value=key)
    book["Pengaturan"]["B5"] = "floor"
    book["Pengaturan"]["B3"] = "BKN 2011"
    book["Pengaturan"]["B4"] = 1200
    book["Pengaturan"]["B10"] = 48
    book["Pengaturan"]["B11"] = 240
    book["Perubahan"]["M8"] = "ceil"
    buf = io.BytesIO()
    book.save(buf)
    again, settings, problems = scenario_from_xlsx(buf.getvalue(), city)
    assert problems == []
    assert again == scen
    assert settings == Settings.from_preset("BKN 2011", rounding="floor")


def test_reload_reports_changes_that_no_longer_fit_with_row_and_column(city):
    scen = Scenario().add(MOVE_2, city).add(SetTaskVolume(OPD, "J06", 7, 500), city)
    book = openpyxl.load_workbook(io.BytesIO(scenario_to_xlsx(scen, Settings(), city)))
    ws = book["Perubahan"]
    ws.cell(row=4, column=2, value="Ubah pegawai")  # a third row, with an unknown code
    ws.cell(row=4, column=3, value=OPD)
    ws.cell(row=4, column=4, value="J99")
    ws.cell(row=4, column=7, value=2)
    buf = io.BytesIO()
    book.save(buf)
    fewer = _city(Jabatan=[{**p, "existing": 1} if p["code"] == "J06" else p for p in POSITIONS])
    again, _, problems = scenario_from_xlsx(buf.getvalue(), fewer)
    assert again.changes == (SetTaskVolume(OPD, "J06", 7, 500),)
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("Perubahan", 2, "Jumlah/Nilai"), ("Perubahan", 4, "Kode")]
    assert "hanya ada 1 orang" in problems[0].message
    assert "sheet Perubahan · baris 4 · kolom Kode" in str(problems[1])


def test_reload_of_a_non_workbook_is_an_issue_not_an_exception(city):
    scen, settings, problems = scenario_from_xlsx(b"bukan excel", city)
    assert scen.changes == () and settings == Settings()
    assert problems[0].severity == "error" and "bukan workbook Excel" in problems[0].message


def test_changes_frame_one_row_per_change(city):
    frame = scenario_changes_frame(_full_scenario(city), city)
    assert len(frame) == 7
    assert list(frame.columns[:7]) == ["No", "Jenis", "OPD", "Kode", "OPD Tujuan",
                                       "Kode Tujuan", "Jumlah/Nilai"]
    assert frame["Jenis"].iloc[0] == "Pindah pegawai" and frame["Jumlah/Nilai"].iloc[0] == 2
    assert frame["Keterangan"].iloc[5] == (
        "Hapus jabatan Pengadministrasi Umum (Sekretariat) beserta tugasnya")


# --- several scenarios ----------------------------------------------------------------------


def test_scenario_set_keeps_order_and_unique_names(city):
    a = Scenario("A").add(MOVE_2, city)
    sset = ScenarioSet().put(a).put(Scenario("B"))
    assert sset.names == ["A", "B"] and sset.new_name() == "Skenario 1"
    sset = sset.put(a.reset())  # same name: replaced in place
    assert sset.names == ["A", "B"] and sset.get("A").changes == ()
    with pytest.raises(ScenarioError, match="sudah dipakai"):
        sset.rename("A", "B")
    assert sset.rename("A", "C").remove("B").names == ["C"]
    assert UNITS[0]["code"] == "01"  # builders untouched


def test_several_scenarios_in_one_file_come_back_in_order(city):
    a = _full_scenario(city).rename("Redistribusi")
    b = Scenario("Kosong")  # no changes: kept through the name list
    c = Scenario("WKE 1.300").add(SetSettings(wke_hours=1300), city)
    data = scenarios_to_xlsx([a, b, c], Settings(), city)
    again, settings, problems = scenarios_from_xlsx(data, city)
    assert problems == [] and settings == Settings()
    assert again == [a, b, c]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [r[0] for r in book["Daftar Skenario"].iter_rows(min_row=2, max_col=2,
                                                            values_only=True)] == [1, 2, 3]
    last = list(book["Perubahan"].iter_rows(values_only=True))[-1]
    assert last[0] == len(a) + 1 and last[-1] == "WKE 1.300"  # No runs over the whole file
    # the single-scenario reader takes the first one
    assert scenario_from_xlsx(data, city)[0] == a


def test_rename_and_new_names_are_checked(city):
    sset = ScenarioSet().put(Scenario("A")).put(Scenario("B"))
    assert sset.rename("A", "  Redistribusi   Dinkes ").names == ["Redistribusi Dinkes", "B"]
    for bad, text in (("", "tidak boleh kosong"), ("B", "sudah dipakai"),
                      ("x" * 61, "paling panjang 60")):
        with pytest.raises(ScenarioError, match=text):
            sset.rename("A", bad)
    assert sset.rename("A", "A").names == ["A", "B"]  # same name: no error
    assert sset.unique_name("A") == "A (2)" and sset.unique_name("C") == "C"
    grown, name = sset.add_new("Simulasi")
    assert name == "Simulasi 1" and grown.names == ["A", "B", "Simulasi 1"]


def test_new_position_code_skips_codes_the_scenario_already_added(city):
    assert new_position_code(city, OPD) == "BARU-1"
    scen = Scenario().add(AddPosition(OPD, "01.02.02", "BARU-1", "Analis Data"), city)
    scen_city, _ = apply(city, scen)
    assert new_position_code(scen_city, OPD) == "BARU-2"
    assert new_position_code(scen_city, "OPD lain") == "BARU-1"
