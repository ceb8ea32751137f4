"""The results workbook (sotk_core.present.xlsx) opened with openpyxl, and chart images.

Dinas Uji (tests/builders.py, WKE 1.250 jam): Σ existing 10, Σ need 11, Σ need_raw 10.384 ->
EU 1.0384 -> 1,04 (PU A); maturity 11 × verified 3 = 33 (Sedang).
Scenario "Geser analis": 1 person J06 (3 staff, need 2) -> J08 (0 staff, need 3):
OPD surplus 2 -> 1 (Δ −1), shortage 3 -> 2 (Δ −1), staff 10 -> 10 (Δ 0).
"""

from __future__ import annotations

import io
import os
import struct

import openpyxl
import pytest

from sotk_core import Settings, evaluate
from sotk_core.base.labels import label
from sotk_core.model.notes import make_note
from sotk_core.present import charts
from sotk_core.present.xlsx import OPD_COLS, results_workbook_bytes
from sotk_core.scenario import MoveStaff, Scenario

BASE_SHEETS = ["Kota", "Grafik", "OPD", "Unit", "Jabatan", "Tugas", "Parameter", "Kematangan",
               "Temuan", "Masalah Data", "e-Formasi", "Formasi Jabatan", "Redistribusi",
               "Unit Sejenis", "Kematangan x Beban"]
SCENARIO_SHEETS = ["Skenario", "Skenario Kota", "Skenario OPD", "Skenario Jabatan"]


@pytest.fixture(scope="module")
def ev_bkn(uji_eval):
    """Non-default settings, so the Asumsi sheet has to report what was really used."""
    return evaluate(uji_eval.city, Settings.from_preset("BKN 2011"))


@pytest.fixture(scope="module")
def scenario(uji_eval):
    return Scenario("Geser analis").add(MoveStaff("Dinas Uji", "J06", "Dinas Uji", "J08", 1),
                                        uji_eval.city)


def _book(data: bytes, values: bool = False) -> openpyxl.Workbook:
    """The workbook; `values`: formula cells as their cached results (what a reader that does
    not recalculate sees)."""
    return openpyxl.load_workbook(io.BytesIO(data), data_only=values)


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def test_sheets_without_scenario(uji_eval):
    wb = _book(results_workbook_bytes(uji_eval))
    expected = BASE_SHEETS[:8] + (["Kelembagaan"] if len(uji_eval.kelembagaan) else []) + \
        BASE_SHEETS[8:] + ["Catatan FGD", "Asumsi"]
    assert wb.sheetnames == expected


def test_sheets_with_scenario_and_notes(uji_eval, scenario):
    note = make_note("Analis dipindah ke Seksi B", "Dinas Uji", "Seksi Layanan B", "keputusan")
    wb = _book(results_workbook_bytes(uji_eval, scenario, [note]))
    assert [s for s in wb.sheetnames if s in SCENARIO_SHEETS] == SCENARIO_SHEETS
    assert wb.sheetnames[-2:] == ["Catatan FGD", "Asumsi"]
    notes = _rows(wb["Catatan FGD"])
    assert notes[2] == ("Waktu", "OPD", "Unit", "Jenis", "Isi catatan")
    assert notes[3][1:] == ("Dinas Uji", "Seksi Layanan B", "Keputusan",
                            "Analis dipindah ke Seksi B")


def test_header_rows_and_print_setup(uji_eval):
    wb = _book(results_workbook_bytes(uji_eval))
    opd = wb["OPD"]
    assert _rows(opd)[0] == tuple(label(c) for c in OPD_COLS)
    assert opd.freeze_panes == "A2"
    assert opd.page_setup.orientation == "landscape"
    # fit to one page wide (fitToWidth absent = Excel's default 1), any number of pages tall
    assert opd.sheet_properties.pageSetUpPr.fitToPage and opd.page_setup.fitToHeight == 0
    assert opd.page_setup.fitToWidth in (None, 1) and opd.page_setup.paperSize == 9  # A4
    assert opd.print_title_rows == "$1:$1"  # header row repeated on every printed page
    grafik = wb["Grafik"]
    assert _rows(grafik)[2][:6] == ("OPD (singkatan)", "OPD", "EU", "PU", "Pegawai ada (orang)",
                                    "Kebutuhan (orang)")
    assert grafik.freeze_panes == "A4"
    assert opd.cell(row=1, column=1).font.b  # styled header


def test_numbers_equal_the_core(uji_eval):
    wb = _book(results_workbook_bytes(uji_eval), values=True)
    head = _rows(wb["OPD"])[0]
    row = dict(zip(head, _rows(wb["OPD"])[1], strict=True))
    assert row["OPD"] == "Dinas Uji"
    assert row[label("existing")] == 10 and row[label("need")] == 11
    assert row[label("need_raw")] == pytest.approx(10.384)
    assert row[label("eu2")] == 1.04 and row[label("pu")] == "A"
    assert row[label("maturity_total")] == 33
    data = _rows(wb["Grafik"])[3]
    assert data[:7] == ("DU", "Dinas Uji", 1.04, "A", 10, 11, 33)


def test_native_charts(uji_eval, scenario):
    wb = _book(results_workbook_bytes(uji_eval))
    assert len(wb["Grafik"]._charts) == 3  # EU, pegawai vs kebutuhan, kematangan
    wb = _book(results_workbook_bytes(uji_eval, scenario))
    assert len(wb["Grafik"]._charts) == 4  # + saat ini vs simulasi
    assert _rows(wb["Grafik"])[2][-2:] == ("Pegawai ada simulasi (orang)", "EU simulasi")


def test_asumsi_equals_the_settings_used(ev_bkn):
    rows = _rows(_book(results_workbook_bytes(ev_bkn))["Asumsi"])
    assert rows[2] == ("Pengaturan", "Nilai", "Sumber")
    got = {r[0]: r[1] for r in rows[3:]}
    expected = {name: value for name, value, _ in ev_bkn.settings.as_rows()}
    assert got == expected
    assert got["Jam kerja efektif (jam/tahun)"] == 1200 and got["Faktor periode Hari"] == 240


def test_scenario_deltas(uji_eval, scenario):
    wb = _book(results_workbook_bytes(uji_eval, scenario))
    changes = _rows(wb["Skenario"])
    assert changes[2][:2] == ("No", "Jenis")
    assert changes[3][0] == 1 and changes[3][-1] == scenario.describe(uji_eval.city)[0]
    opd = _rows(wb["Skenario OPD"])
    row = dict(zip(opd[2], opd[3], strict=True))
    assert row["OPD"] == "Dinas Uji"
    assert row[f"{label('surplus')} · awal"] == 2 and row[f"{label('surplus')} · skenario"] == 1
    assert row[f"{label('surplus')} · selisih"] == -1
    assert row[f"{label('shortage')} · selisih"] == -1
    assert row[f"{label('existing')} · selisih"] == 0
    city = {r[0]: r[1:] for r in _rows(wb["Skenario Kota"])[3:]}
    assert city["Kelebihan (orang)"] == (2, 1, -1) and city["Jabatan kosong"] == (1, 0, -1)
    assert city["EU kota"] == (1.04, 1.04, 0)
    positions = _rows(wb["Skenario Jabatan"])
    assert sorted(r[1] for r in positions[3:]) == ["J06", "J08"]


def test_scenario_that_does_not_apply(uji_eval):
    bad = Scenario("Salah", (MoveStaff("Dinas Uji", "J06", "Dinas Uji", "J08", 9),))
    wb = _book(results_workbook_bytes(uji_eval, bad))
    assert "tidak dapat diterapkan" in _rows(wb["Skenario"])[0][0]
    assert "Skenario OPD" not in wb.sheetnames and len(wb["Grafik"]._charts) == 3


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="Chromium tidak ada")
def test_chart_png_and_svg(uji_eval):
    fig = charts.opd_eu(uji_eval.opds, uji_eval.settings)
    assert _png_size(charts.to_png(fig, width=800, height=450, scale=2)) == (1600, 900)
    svg = charts.to_svg(fig, width=800, height=450)
    assert svg.lstrip().startswith(b"<svg") and b'width="800"' in svg and b"1,04" in svg


def test_eformasi_sheet_by_hand(uji_eval):
    """Dinas Uji: the two "Analis Layanan" (J06: need 2, 3 staff; J08: need 3, none) make one
    e-Formasi row: ABK 5, bezetting 3, no retirement, KEBUTUHAN 5 − 3 + 0 = 2, USULAN FORMASI
    2 (J08 lacks 3, J06's spare person covers 1). Pengadministrasi Umum: ABK 1, bezetting 2,
    Pensiun 5 Tahun 1 (no year): KEBUTUHAN 0."""
    ws = _book(results_workbook_bytes(uji_eval))["e-Formasi"]
    rows = _rows(ws)
    assert rows[3][:7] == ("NO", "NAMA JABATAN", "JENIS JABATAN", "KELAS JABATAN", "ABK",
                           "JUMLAH ASN YANG ADA (BEZETTING)", "JUMLAH ASN YANG AKAN PENSIUN")
    assert rows[4][6:11] == ("2026", "2027", "2028", "2029", "2030")
    assert rows[3][11:] == ("JUMLAH PENSIUN", "KEBUTUHAN", "USULAN FORMASI", "KETERANGAN")
    assert rows[5][0] == "PERANGKAT DAERAH: Dinas Uji"
    by_name = {r[1]: r for r in rows[6:] if isinstance(r[0], int)}
    analis = by_name["Analis Layanan"]
    assert analis[2:6] == ("Pelaksana", 7, 5, 3)
    assert analis[6:11] == (None,) * 5  # no sheet Pensiun: no year known
    assert analis[11:] == (0, 2, 2, "1 orang dari redistribusi")
    assert by_name["Pengadministrasi Umum"][4:6] + by_name["Pengadministrasi Umum"][11:14] == (
        1, 2, 1, 0, 0)
    total = next(r for r in rows if r[1] == "JUMLAH DU")
    assert total[4:6] + total[11:14] == (11, 10, 1, 2, 2)  # ABK 11, 10 staff, 1 retiring
