"""Values the engine can carry (sotk_core.workbook.rules, issue 16), each at its boundary,
checked by hand against tests/builders.py "Dinas Uji" (WKE 1,250 h = 75,000 min, so 100× WKE
is 7,500,000 min = 125,000 h).
"""

from __future__ import annotations

import pandas as pd
import pytest

from sotk_core import Settings, read_workbook
from sotk_core.__main__ import main
from sotk_core.base.fmt import fmt_num
from sotk_core.model.city import build_city
from sotk_core.model.workload import compute_workload
from sotk_core.scenario import (
    AddPosition,
    MoveStaff,
    Scenario,
    ScenarioError,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
)
from sotk_core.workbook import rules
from tests.builders import POSITIONS, UNITS, opd_bytes
from tests.data.make_corpus import with_tasks

OPD = "Dinas Uji"


def _issues(data: bytes) -> list[tuple]:
    return [(i.severity, i.sheet, i.row, i.column, i.message)
            for i in read_workbook(data, "uji.xlsx").issues]


def _staff(value: float) -> bytes:
    return opd_bytes(Jabatan=[{**p, "existing": value} if p["code"] == "J06" else p
                              for p in POSITIONS])


def test_pegawai_up_to_10000_per_position():
    assert _issues(_staff(10_000)) == []
    assert _issues(_staff(10_001)) == [
        ("error", "Jabatan", 7, "Pegawai",
         "Kolom 'Pegawai' bernilai 10.001; satu jabatan paling banyak 10.000 orang.")]


def test_norma_waktu_at_least_0_01():
    assert _issues(with_tasks(t1={"norma": 0.01})) == []  # J02: 12 × 100 × 0.01 = 12 min
    assert _issues(with_tasks(t1={"norma": 0.0099})) == [
        ("error", "Beban Kerja", 3, "Norma Waktu",
         "Kolom 'Norma Waktu' bernilai 0,0099; norma waktu paling kecil 0,01 (menit atau jam).")]


def test_one_task_up_to_100_times_wke():
    # J05 (row 6): volume × 60 min per Tahun; 125,000 × 60 = 7,500,000 min = exactly 100× WKE
    at = _issues(with_tasks(t4={"volume": 125_000, "norma": 60}))
    assert [i[0] for i in at] == ["warning"]  # only 'norma in hours typed as minutes?' (> 10×)
    over = _issues(with_tasks(t4={"volume": 125_001, "norma": 60}))
    assert over == [("error", "Beban Kerja", 6, "Volume",
                     "Tugas ini butuh 125.001 jam/tahun, lebih dari 100× jam kerja efektif satu "
                     "orang (1.250 jam/tahun); periksa Volume, Periode, Norma Waktu dan Satuan "
                     "Waktu.")]


def test_the_task_bound_follows_the_wke_in_force():
    # WKE 100 h: 100× = 10,000 h = 600,000 min; J07 norma 75,000 min once = 1,250 h: fine;
    # 10,001 × 60 min = 600,060 min > 600,000
    data = with_tasks(t6={"volume": 10_001, "norma": 60})
    issues = read_workbook(data, "uji.xlsx", Settings(wke_hours=100)).errors
    assert [i.message[:42] for i in issues] == ["Tugas ini butuh 10.001 jam/tahun, lebih da"]


def _chain(levels: int) -> bytes:
    """Dinas Uji with a chain under Seksi Layanan B (level 3) reaching `levels` levels."""
    chain = [{"code": f"U{i}", "name": f"Subunit {i}", "kind": "Subbagian",
              "parent": "01.02.02" if i == 1 else f"U{i - 1}"} for i in range(1, levels - 2)]
    return opd_bytes(Unit=[*UNITS, *chain])


def test_a_hierarchy_of_20_levels_is_read_and_21_is_an_error():
    assert _issues(_chain(20)) == []
    assert _issues(_chain(21)) == [
        ("error", "Unit", 24, "Kode Induk",
         "Unit 'U18' berada di tingkat 21 susunan unit (OPD tingkat 1), melebihi batas 20 "
         "tingkat; 1 unit berada sedalam itu atau lebih. Periksa Kode Induk: biasanya ada unit "
         "yang menunjuk ke induk yang salah.")]


def test_deep_units_are_never_cut_from_the_totals(monkeypatch):
    """Before: units deeper than 64 levels silently lost their staff in every total above.
    Here J06 and J08 sit in U67, at level 70, under Seksi Layanan B (level 3)."""
    monkeypatch.setattr(rules, "MAX_UNIT_DEPTH", 100)
    positions = [{**p, "unit": "U67"} if p["code"] in ("J06", "J08") else p for p in POSITIONS]
    chain = [{"code": f"U{i}", "name": f"Subunit {i}", "kind": "Subbagian",
              "parent": "01.02.02" if i == 1 else f"U{i - 1}"} for i in range(1, 68)]
    data = opd_bytes(Unit=[*UNITS, *chain], Jabatan=positions)
    book = read_workbook(data, "uji.xlsx")
    assert book.ok
    city = build_city([book])
    assert city.units.set_index("code").loc["U67", "depth"] == 70
    units = compute_workload(city, Settings()).units.set_index("code")
    # Seksi Layanan B holds J07 (1) and, 67 levels down, J06 (3) and J08 (0): 4 staff;
    # its hours: J07 1,250 + J06 3,000 + J08 3,125 = 7,375 h; the OPD keeps all 10 staff
    assert units.loc["01.02.02", "existing"] == 4
    assert units.loc["01.02.02", "workload_hours"] == 7_375
    assert units.loc["01", "existing"] == 10 and units.loc["01", "workload_hours"] == 12_980


def test_a_number_in_arabic_or_wide_digits_is_refused_not_read():
    issues = _issues(with_tasks(t1={"volume": "\u0661\u0662"}))
    assert issues == [("error", "Beban Kerja", 3, "Volume",
                       "Kolom 'Volume' berisi '\u0661\u0662' dengan angka selain 0–9 (mis. angka "
                       "Arab atau lebar penuh); ketik ulang dengan angka 0–9.")]


def test_clean_code_and_text():
    assert rules.clean_code("\uff2a\uff10\uff16") == "J06"
    assert rules.clean_code("J\u0660\u0667\u200b") == "J07"
    assert rules.clean_text("Dinas\u200b Uji\u00ad") == "Dinas Uji"
    assert rules.clean_text("Bidang Pelayanan 🏥") == "Bidang Pelayanan 🏥"  # emoji stay


# --- settings and scenarios -----------------------------------------------------------------

@pytest.mark.parametrize("hours", [100, 1250, 3000])
def test_wke_from_100_to_3000_hours(hours):
    assert Settings(wke_hours=hours).wke_hours == hours


@pytest.mark.parametrize(("hours", "shown"), [(99.9, "99,9"), (3000.5, "3.000,5")])
def test_wke_outside_100_to_3000_is_refused(hours, shown):
    with pytest.raises(ValueError) as exc:
        Settings(wke_hours=hours)
    assert str(exc.value) == (f"Jam kerja efektif (WKE) {shown} jam/tahun di luar rentang "
                              "100–3.000 jam/tahun.")


def test_the_command_line_refuses_a_wke_out_of_range(tmp_path, capsys):
    path = tmp_path / "uji.xlsx"
    path.write_bytes(opd_bytes())
    assert main(["report", str(path), "--wke-hours", "5000"]) == 1
    assert "di luar rentang 100–3.000 jam/tahun" in capsys.readouterr().err


@pytest.fixture(scope="module")
def city():
    return build_city([read_workbook(opd_bytes(), "uji.xlsx")])


@pytest.mark.parametrize(("change", "message"), [
    (SetSettings(wke_hours=3001), "Jam kerja efektif 3.001 jam/tahun di luar rentang 100–3.000 "
                                  "jam/tahun."),
    (SetSettings(wke_hours=99), "Jam kerja efektif 99 jam/tahun di luar rentang 100–3.000 "
                                "jam/tahun."),
    (SetExisting(OPD, "J06", 10_001), "Jumlah pegawai paling banyak 10.000 (tertulis 10.001)."),
    (AddPosition(OPD, "01.02.02", "J09", "Analis", "Pelaksana", 10_001),
     "Jumlah pegawai paling banyak 10.000 (tertulis 10.001)."),
    (SetTaskNorma(OPD, "J06", 7, 0.005), "Norma waktu paling kecil 0,01 (tertulis 0.005)."),
    (SetTaskVolume(OPD, "J06", 7, 1e26), "Volume terlalu besar (tertulis 1e+26); paling besar "
                                         "1.000.000.000."),
])
def test_a_scenario_change_the_engine_cannot_carry_is_refused(city, change, message):
    with pytest.raises(ScenarioError) as exc:
        Scenario().add(change, city)
    assert exc.value.message == message


@pytest.mark.parametrize("change", [SetSettings(wke_hours=100), SetSettings(wke_hours=3000),
                                    SetExisting(OPD, "J06", 10_000),
                                    SetTaskNorma(OPD, "J06", 7, 0.01),
                                    MoveStaff(OPD, "J06", OPD, "J08", 3)])
def test_a_scenario_change_at_the_bound_is_accepted(city, change):
    assert Scenario().add(change, city).changes == (change,)


def test_huge_numbers_format_instead_of_failing():
    # Decimal formatting gives up past 28 digits: such values print in 6 significant digits
    assert fmt_num(1e26) == "1e+26" and fmt_num(1e308, 2, "jam") == "1e+308 jam"
    assert fmt_num(float("inf")) == "∞" and fmt_num(123_456_789_012_345.6, 1) == (
        "123.456.789.012.345,6")


@pytest.mark.parametrize("dtype", ["str", object])
def test_normalise_text_flags_invisible_characters_not_other_letters(dtype):
    """Names: 'Daérah' and an emoji are what a person sees (no warning); U+0080 (the first
    invisible C1 control) and U+00AD (soft hyphen) are removed. Codes: any non-ASCII letter
    is folded ('Ｊ０１' -> 'J01')."""
    from sotk_core.base.issues import IssueList
    from sotk_core.workbook.spec import UNIT

    frame = pd.DataFrame({
        "code": pd.Series(["01", "\uff2a\uff10\uff11", None, "02"], dtype=dtype),
        "name": pd.Series(["Daérah", "Sub\u00adbagian", "Pelayanan 🏥", "A\u0080B"], dtype=dtype),
        "kind": pd.Series(["OPD", "Bidang", "Bidang", "Bidang"], dtype=dtype),
        "parent": pd.Series([None, "01", "01", "01"], dtype=dtype),
        "row": [2, 3, 4, 5]})
    issues = IssueList()
    out = rules.normalise_text(frame, UNIT, issues, "uji.xlsx")
    assert list(out["code"])[:2] == ["01", "J01"] and list(out["code"])[3] == "02"
    assert list(out["name"]) == ["Daérah", "Subbagian", "Pelayanan 🏥", "AB"]
    assert [(i.sheet, i.row, i.column) for i in issues] == [
        ("Unit", 3, "Kode Unit"), ("Unit", 3, "Nama Unit")]
    assert "di 2 baris (pertama baris 3)" in list(issues)[1].message
