"""The pages on Dinas Batas (tests/boundary_city.py), whose positions and units sit exactly on
the EJ/EU thresholds: the cards and findings a person reads show the hand-computed figures of
that module's table, so a `<` turned `<=`, surplus swapped with shortage or banker's rounding
shows on screen, not only in the core tests.
"""

from __future__ import annotations

import pytest

from sotk_core.base.labels import label
from tests.app.helpers import XLSX, assert_clean, finding_lines, goto, metric_texts
from tests.boundary_city import FILE, NAME, PJ, batas_bytes


@pytest.fixture
def batas(new_app):
    at = new_app()
    at.run()
    at.sidebar.file_uploader[0].set_value([(FILE, batas_bytes(), XLSX)]).run()
    assert_clean(at)
    return at


def test_ringkasan_on_the_thresholds(batas):
    # staff 15; need 14 (B09 2.5 -> 3, B10 0.5 -> 1); surplus 1 + 1 + 2 = 4, shortage 3
    assert metric_texts(batas, "Pegawai ada")[:2] == ("15 orang", "kebutuhan 14 orang")
    assert metric_texts(batas, "Lebih / kurang")[0] == "+4 / −3"
    assert metric_texts(batas, "EU kota")[:2] == ("0,88", "PU C (Cukup)")  # 13,145 ÷ 15


def test_keseimbangan_on_the_thresholds(batas):
    goto(batas, "keseimbangan")
    assert_clean(batas)
    # EJ 1,00 (B01, B11) and 0,50 (B03, B10) are neither overloaded nor idle
    assert metric_texts(batas, "Beban berlebih")[:2] == ("1", "jabatan · 1 orang")  # B02 1,01
    assert metric_texts(batas, "Beban rendah")[:2] == ("2", "jabatan · 4 orang")  # B04, B12
    # 0,70 (B05) and 1,00 (B01, B11) are inside the balanced band: 9 of 15 outside
    assert metric_texts(batas, "Di luar 0,70–1,00")[:2] == ("60 %", "9 dari 15 orang")
    # the unit tables: EU above 1,00 (not Bidang Lima at 1,00), below 0,50 (not Bidang Dua
    # at 0,50)
    unit_tables = {frozenset(df.value[label("name")]) for df in batas.dataframe
                   if {label("name"), label("eu2")} <= set(df.value.columns)}
    assert frozenset({"Sekretariat", "Bidang Satu"}) in unit_tables
    assert frozenset({"Bidang Enam"}) in unit_tables


def test_produktivitas_on_the_thresholds(batas):
    goto(batas, "produktivitas")
    assert_clean(batas)
    assert batas.selectbox(key="prod_opd_widget").value == NAME
    assert metric_texts(batas, "Jabatan kosong")[:2] == ("1", "dari 12 jabatan")  # B09
    statuses = [v for df in batas.dataframe for v in df.value.get("Status", [])]
    assert sorted(statuses) == sorted(
        ["Beban berlebih (EJ > 1,00)"] + ["Beban rendah (EJ < 0,50)"] * 2
        + ["Kosong (tanpa pegawai)"] + ["Wajar"] * 8)


def test_evaluasi_sotk_on_the_thresholds(batas):
    goto(batas, "evaluasi_sotk")
    assert_clean(batas)
    lines = finding_lines(batas)
    # EU above 1,00: Sekretariat 3,00 and Bidang Satu 1,01 — not Bidang Lima at 1,00
    over = [line for line in lines if "di atas 1,00" in line]
    assert len(over) == 2 and any("Bidang Satu" in line and "1,01" in line for line in over)
    # EU below 0,50: Bidang Enam 0,49 — not Bidang Dua at 0,50
    under = [line for line in lines if "di bawah 0,50" in line]
    assert len(under) == 1 and "Bidang Enam" in under[0]


def test_data_page_grades_on_the_thresholds(batas):
    goto(batas, "data")
    assert_clean(batas)
    batas.session_state["raw_tabs"] = "Jabatan"  # only the open raw-table tab is built
    batas.run()
    (jabatan,) = [df.value for df in batas.dataframe
                  if {"Kode", "PJ"} <= set(df.value.columns)]
    shown = {code: (pj if isinstance(pj, str) else None)
             for code, pj in zip(jabatan["Kode"], jabatan["PJ"], strict=True)}
    # EJ 1,00 is B (not A), 0,90 B, 0,70 C, 0,50 D (not E); 1,005 -> 1,01 A
    assert shown == PJ
