"""The findings table (Temuan) of Dinas Uji, worked out by hand (tests/builders.py).

Dinas Uji, EU over each subtree (Σ need_raw / Σ staff):
  root     10.384 / 10 = 1.04 (> 1.00)      Sekretariat 2.16 / 3 = 0.72
  Bidang   7.424 / 6 = 1.24 (> 1.00)        Seksi A 3.124 / 4 = 0.78
  Seksi B  3.5 / 1 = 3.50 (> 1.00), 1 staff (< 3: micro)
  J08 vacant (need 3); Bidang holds J06 (+1) and J08 (−3): campuran.
Type B with skor 650 (maps to B), one urusan, 1 bidang, 2 seksi: no type/size/grouping finding.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.findings import COLUMNS, KINDS, SEVERITIES
from sotk_core.present.report import build_report
from sotk_core.present.xlsx import results_workbook_bytes
from tests.builders import POSITIONS, opd_bytes


def test_columns_and_the_hand_computed_findings(uji_eval):
    f = uji_eval.findings
    assert list(f.columns) == COLUMNS
    got = list(zip(f["severity"], f["kind"], f["unit_code"], f["value"], strict=True))
    assert got == [
        ("sedang", "jabatan_kosong", "01.02.02", 3.0),  # J08 need 3 (2.5 half up)
        ("sedang", "campuran", "01.02", 1.0),  # min(1 surplus, 3 shortage)
        ("sedang", "eu_tinggi", "01", 1.04),
        ("sedang", "eu_tinggi", "01.02", 1.24),
        ("sedang", "eu_tinggi", "01.02.02", 3.5),
        ("rendah", "unit_mikro", "01.02.02", 1.0),
    ]


def test_messages_carry_the_numbers(uji_eval):
    msg = uji_eval.findings.set_index(["kind", "unit_code"])["message"]
    assert msg[("eu_tinggi", "01.02")] == ("EU Bidang Pelayanan (Dinas Uji) 1,24 di atas 1,00: "
                                           "tambah pegawai atau jabatan fungsional.")
    assert msg[("eu_tinggi", "01")].startswith("EU Dinas Uji 1,04")
    assert msg[("jabatan_kosong", "01.02.02")] == (
        "Jabatan 'Analis Layanan' (J08) di Seksi Layanan B (Dinas Uji) kosong: 0 pegawai, "
        "kebutuhan 3 orang (2,50 desimal).")
    assert msg[("campuran", "01.02")] == (
        "Bidang Pelayanan (Dinas Uji) campuran: 1 jabatan kelebihan (1 orang) dan 1 jabatan "
        "kekurangan (3 orang); redistribusi dulu sebelum menambah pegawai.")
    assert msg[("unit_mikro", "01.02.02")] == (
        "Seksi Layanan B (Dinas Uji) hanya memiliki 1 pegawai, di bawah batas unit mikro "
        "3 pegawai.")


def test_every_kind_has_a_severity_and_a_domain_basis(uji_eval):
    for sev, basis, label in KINDS.values():
        assert sev in SEVERITIES and basis in ("[reg]", "[practice]", "[policy]") and label
    f = uji_eval.findings
    assert set(f["basis"]) == {"[policy]"}
    assert (f["basis"] == f["kind"].map(lambda k: KINDS[k][1])).all()


def test_eu_below_half_is_a_merge_candidate():
    # J06 with 10 staff: Seksi A EU (0.724 + 2.4) / 11 = 0.284 -> 0.28 < 0.50
    positions = [dict(p) for p in POSITIONS]
    positions[5]["existing"] = 10
    ev = evaluate(build_city([read_workbook(opd_bytes(Jabatan=positions), "u.xlsx")]), Settings())
    low = ev.findings.loc[ev.findings["kind"] == "eu_rendah"]
    assert list(low["unit_code"]) == ["01.02.01"]
    assert low.iloc[0]["value"] == 0.28 and low.iloc[0]["limit"] == 0.5
    assert "kandidat penggabungan / pengurangan jabatan" in low.iloc[0]["message"]


def test_sorted_by_severity_then_opd():
    # Dinas Sosial declares Tipe A with skor 650 (tinggi); both OPD have sedang findings.
    books = [read_workbook(opd_bytes({"name": "Dinas Zeta", "abbr": "DZ"}), "z.xlsx"),
             read_workbook(opd_bytes({"name": "Dinas Sosial", "abbr": "DS", "tipe": "A"}),
                           "s.xlsx")]
    f = evaluate(build_city(books), Settings()).findings
    assert f.iloc[0]["kind"] == "tipe_melebihi_pemetaan" and f.iloc[0]["opd"] == "Dinas Sosial"
    sev_rank = f["severity"].map({s: i for i, s in enumerate(SEVERITIES)}).tolist()
    assert sev_rank == sorted(sev_rank)
    sedang = f.loc[f["severity"] == "sedang", "opd"].tolist()
    assert sedang == sorted(sedang) and set(sedang) == {"Dinas Sosial", "Dinas Zeta"}


def test_report_json_is_clean(uji_eval):
    report = build_report(uji_eval)
    text = json.dumps(report, allow_nan=False)  # raises on NaN
    findings = json.loads(text)["findings"]
    assert len(findings) == 6
    vacant = next(r for r in findings if r["kind"] == "jabatan_kosong")
    assert vacant["limit"] is None and vacant["value"] == 3.0


def test_results_workbook_has_a_temuan_sheet(uji_eval):
    wb = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(uji_eval)))
    assert "Temuan" in wb.sheetnames
    rows = list(wb["Temuan"].iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("OPD", "Kode unit", "Unit", "Jenis temuan", "Tingkat", "Dasar", "Temuan",
                       "Nilai", "Batas")
    assert len(rows) == 1 + 6
    assert rows[1][3] == "Jabatan kosong" and rows[1][7] == 3


@pytest.mark.parametrize("micro", [1, 5])
def test_micro_threshold_is_a_setting(uji_eval, micro):
    # subtree staff below the root: Sekretariat 3, Bidang 6, Seksi A 4, Seksi B 1
    ev = evaluate(uji_eval.city, Settings().with_(micro_unit_staff=micro))
    got = set(ev.findings.loc[ev.findings["kind"] == "unit_mikro", "unit_code"])
    assert got == ({"01.02.02", "01.01", "01.02.01"} if micro == 5 else set())
