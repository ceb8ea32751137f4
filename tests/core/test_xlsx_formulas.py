"""The results workbook can be retraced in a spreadsheet (sotk_core.present.xlsx_formulas):
openpyxl finds live formulas, their cached values are the product's figures, and LibreOffice
(headless, a real spreadsheet engine, forced to recalculate on load) computes the same
figures from the formulas, also after a volume or the WKE is changed in the file.

Dinas Uji by hand (tests/builders.py, WKE 1.250 jam = 75.000 menit):
  J05 543 × 100 min = 905 jam -> 0,724 orang -> kebutuhan 1, EJ 0,72;
  J06 2 Semester × 1.000 × 90 min = 3.000 jam -> 2,4 -> 2, EJ 0,80 (3 pegawai);
      with volume 2.000: 6.000 jam -> 4,8 -> 5, EJ 1,60 (A), kekurangan 2;
  J07 75.000 min = 1.250 jam -> 1,00; with WKE 1.300: 0,9615 -> 0,96;
  Seksi Layanan A (J05 + J06, 4 pegawai): 3,124 / 4 = 0,78; with J06 doubled 5,524 / 4 = 1,38;
  OPD: Σ 10,384 / 10 pegawai = 1,04; with J06 doubled 12,784 / 10 = 1,28.

Per working hour (period Jam, factor = WKE): J03's task as 1 × per Jam × 6 menit is
1 × 1.250 × 6 = 7.500 menit = 125 jam -> 0,1 orang; with WKE 1.300 and J06's volume 2.000
together: J03 1 × 1.300 × 6 = 7.800 menit = 130 jam -> 0,1 (a per-hour task needs the same
whatever the WKE); J06 2.000 × 2 × 90 = 360.000 menit = 6.000 jam -> 6.000 / 1.300 = 4,6154
-> 5, EJ 1,54 (A), kekurangan 2; Seksi Layanan A (905 + 6.000) / 1.300 = 5,3115 / 4 = 1,33;
OPD 12.980 − 1.500 + 130 + 3.000 = 14.610 jam / 1.300 = 11,238 / 10 = 1,12.
"""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from builders import TASKS, opd_bytes

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.present.xlsx import results_workbook_bytes

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>"""


def recalculated(data: bytes, tmp_path: Path) -> openpyxl.Workbook:
    """The workbook after LibreOffice opened it, recalculated every formula (a profile with
    "always recalculate" for Excel files) and saved it again; read back with the values."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("LibreOffice missing in CI (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice (soffice) tidak ada")
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(XCU, encoding="utf-8")
    src, out = tmp_path / "in" / "hasil.xlsx", tmp_path / "out"
    src.parent.mkdir()
    src.write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(src)], check=True, capture_output=True, timeout=240)
    return openpyxl.load_workbook(out / "hasil.xlsx", data_only=True)


def rows(ws) -> list[dict]:
    head = [c.value for c in ws[1]]
    return [dict(zip(head, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)]


def by(ws, **key) -> dict:
    found = [r for r in rows(ws) if all(r[k] == v for k, v in key.items())]
    assert len(found) == 1, key
    return found[0]


@pytest.fixture(scope="module")
def uji_book(uji_eval) -> bytes:
    return results_workbook_bytes(uji_eval)


def test_the_abk_chain_is_live_formulas(uji_book):
    wb = openpyxl.load_workbook(io.BytesIO(uji_book))
    assert {"Tugas", "Parameter", "Jabatan", "Unit", "OPD"} <= set(wb.sheetnames)
    tasks = rows(wb["Tugas"])
    j06 = next(t for t in tasks if t["Kode jabatan"] == "J06")
    assert j06["Menit/tahun"].startswith("=G") and "*IF(K" in j06["Menit/tahun"]
    assert j06["Faktor periode (kali/tahun)"].startswith("=IFERROR(VLOOKUP(H")
    assert j06["Jam/tahun"].endswith("/60") and j06["Kebutuhan desimal (orang)"].endswith("/WKE")
    pos = by(wb["Jabatan"], Kode="J06")
    assert pos["Beban kerja (jam/th)"].startswith("=SUMIFS(Tugas!")
    assert pos["Kebutuhan (orang, desimal)"].endswith("/WKE")
    assert pos["Kebutuhan (orang)"].startswith("=ROUND(ROUND(")
    assert pos["Jalur unit (untuk rumus)"] == "|01|01.02|01.02.01|"
    unit = by(wb["Unit"], Kode="01.02.01")
    assert unit["Pegawai ada (orang)"].startswith('=IF(COUNTIFS(Jabatan!')
    assert unit["EU"].startswith("=IF(AND(ISNUMBER(")
    assert by(wb["OPD"], OPD="Dinas Uji")["EU"].startswith("=IF(AND(ISNUMBER(")
    assert wb.defined_names["WKE"].attr_text == "Parameter!$B$3"


def test_cached_values_are_the_products_figures(uji_book, uji_eval):
    """A reader that never recalculates (a viewer, pandas) sees the page's numbers."""
    wb = openpyxl.load_workbook(io.BytesIO(uji_book), data_only=True)
    j05 = by(wb["Jabatan"], Kode="J05")
    assert (j05["Kebutuhan (orang, desimal)"], j05["Kebutuhan (orang)"], j05["EJ"],
            j05["PJ"]) == (pytest.approx(0.724), 1, 0.72, "C")
    assert by(wb["Jabatan"], Kode="J08")["EJ"] in ("", None)  # no staff: EJ undefined
    assert by(wb["Unit"], Kode="01.02.01")["EU"] == 0.78
    assert by(wb["OPD"], OPD="Dinas Uji")["EU"] == 1.04


def test_libreoffice_recalculates_the_same_figures(uji_book, tmp_path):
    wb = recalculated(uji_book, tmp_path)
    j05, j06 = by(wb["Jabatan"], Kode="J05"), by(wb["Jabatan"], Kode="J06")
    assert j05["Beban kerja (jam/th)"] == pytest.approx(905)
    assert (j05["Kebutuhan (orang)"], j05["EJ"], j05["PJ"]) == (1, 0.72, "C")
    assert (j06["Kebutuhan (orang, desimal)"], j06["Kebutuhan (orang)"], j06["EJ"]) == (
        pytest.approx(2.4), 2, 0.8)
    assert by(wb["Jabatan"], Kode="J08")["Kebutuhan (orang)"] == 3  # 2,5 half up
    assert by(wb["Unit"], Kode="01.02.01")["EU"] == 0.78
    assert by(wb["OPD"], OPD="Dinas Uji")["EU"] == 1.04


def edited(data: bytes, volumes: dict[str, float] | None = None,
           wke: float | None = None) -> bytes:
    """The workbook as a person edits it in a spreadsheet: new volumes in sheet Tugas for the
    tasks of the given position codes, or a new WKE in sheet Parameter."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Tugas"]
    head = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        code = ws.cell(r, head.index("Kode jabatan") + 1).value
        if code in (volumes or {}):
            ws.cell(r, head.index("Volume") + 1, volumes[code])
    if wke is not None:
        wb["Parameter"]["B3"] = wke
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_volume_or_the_wke_changed_in_the_file_changes_the_need(uji_book, tmp_path):
    after = recalculated(edited(uji_book, volumes={"J06": 2000}), tmp_path / "volume")
    j06 = by(after["Jabatan"], Kode="J06")
    assert j06["Beban kerja (jam/th)"] == pytest.approx(6000)
    assert (j06["Kebutuhan (orang, desimal)"], j06["Kebutuhan (orang)"], j06["EJ"],
            j06["PJ"], j06["Kekurangan (orang)"]) == (pytest.approx(4.8), 5, 1.6, "A", 2)
    assert by(after["Unit"], Kode="01.02.01")["EU"] == 1.38
    assert by(after["OPD"], OPD="Dinas Uji")["EU"] == 1.28

    after = recalculated(edited(uji_book, wke=1300), tmp_path / "wke")
    j07 = by(after["Jabatan"], Kode="J07")
    assert (round(j07["Kebutuhan (orang, desimal)"], 4), j07["EJ"]) == (0.9615, 0.96)


def _cell(ws, code: str, header: str):
    return by(ws, **{"Kode jabatan": code})[header]


def test_per_hour_task_and_a_volume_and_the_wke_changed_together(tmp_path):
    per_hour = [dict(t, volume=1, period="Jam", norma=6, time_unit="Menit")
                if t["position"] == "J03" else t for t in TASKS]
    ev = evaluate(build_city([read_workbook(opd_bytes(**{"Beban Kerja": per_hour}),
                                            "uji.xlsx")]), Settings())
    data = results_workbook_bytes(ev)
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    assert (_cell(cached["Tugas"], "J03", "Faktor periode (kali/tahun)"),
            _cell(cached["Tugas"], "J03", "Menit/tahun"),
            _cell(cached["Tugas"], "J03", "Kebutuhan desimal (orang)")) == (
        1250, 7500, pytest.approx(0.1))

    after = recalculated(edited(data, volumes={"J06": 2000}, wke=1300), tmp_path)
    factors = {r[0]: r[1] for r in after["Parameter"].iter_rows(min_row=6, max_row=12,
                                                                 values_only=True)}
    assert factors["Jam"] == 1300 and factors["Semester"] == 2
    tasks = after["Tugas"]
    assert [_cell(tasks, "J03", h) for h in ("Faktor periode (kali/tahun)", "Menit/tahun",
                                             "Jam/tahun")] == [1300, 7800, 130]
    assert _cell(tasks, "J03", "Kebutuhan desimal (orang)") == pytest.approx(0.1)
    assert [_cell(tasks, "J06", h) for h in ("Menit/tahun", "Jam/tahun")] == [360000, 6000]
    assert round(_cell(tasks, "J06", "Kebutuhan desimal (orang)"), 4) == 4.6154
    j06 = by(after["Jabatan"], Kode="J06")
    assert (j06["Kebutuhan (orang)"], j06["EJ"], j06["PJ"], j06["Kekurangan (orang)"]) == (
        5, 1.54, "A", 2)
    assert by(after["Unit"], Kode="01.02.01")["EU"] == 1.33
    assert by(after["OPD"], OPD="Dinas Uji")["EU"] == 1.12


@pytest.mark.parametrize("rounding", ["half_up", "min1"])
def test_sample_city_recalculated_equals_the_product(sample_city, rounding, tmp_path):
    """Every position, unit and OPD of the sample city: LibreOffice's figures from the
    formulas are the product's (need, EJ/EU and grades exactly, decimals within 1e-9), with
    the default rounding and with "at least one person when there is workload"."""
    sample_eval = evaluate(sample_city, Settings(rounding=rounding))
    wb = recalculated(results_workbook_bytes(sample_eval), tmp_path)
    checks = {
        "Jabatan": (sample_eval.workload.positions, {
            "workload_hours": "Beban kerja (jam/th)", "need_raw": "Kebutuhan (orang, desimal)",
            "need": "Kebutuhan (orang)", "surplus": "Kelebihan (orang)",
            "shortage": "Kekurangan (orang)", "ej2": "EJ", "pj": "PJ"}),
        "Unit": (sample_eval.workload.units, {
            "existing": "Pegawai ada (orang)", "need_raw": "Kebutuhan (orang, desimal)",
            "need": "Kebutuhan (orang)", "shortage": "Kekurangan (orang)", "eu2": "EU",
            "pu": "PU"}),
        "OPD": (sample_eval.opds, {"existing": "Pegawai ada (orang)", "need": "Kebutuhan (orang)",
                                   "eu2": "EU", "pu": "PU"}),
    }
    for sheet, (frame, columns) in checks.items():
        got = rows(wb[sheet])
        assert len(got) == len(frame), sheet
        for row, (_, want) in zip(got, frame.iterrows(), strict=True):
            for col, head in columns.items():
                expected, value = want[col], row[head]
                if isinstance(expected, float) and math.isnan(expected):
                    assert value in ("", None), (sheet, head, row)
                elif isinstance(expected, str):
                    assert value == expected, (sheet, head, row)
                else:
                    assert value == pytest.approx(float(expected), abs=1e-9), (sheet, head, row)


def test_a_very_large_city_gets_values_only(uji_eval, monkeypatch):
    import sotk_core.present.xlsx as xlsx

    monkeypatch.setattr(xlsx, "LIVE_TASK_LIMIT", 3)  # Dinas Uji has 8 tasks
    wb = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(uji_eval)))
    assert "Tugas" not in wb.sheetnames and "Parameter" not in wb.sheetnames
    assert by(wb["Jabatan"], Kode="J05")["Kebutuhan (orang)"] == 1
