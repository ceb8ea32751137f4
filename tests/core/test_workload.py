"""ABK figures checked by hand against domain.md §1 (WKE 1,250 h = 75,000 min)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.base.fmt import round_half_up, round_need
from sotk_core.base.formulas import grade, grade_one
from tests.builders import POSITIONS, UNITS, opd_bytes


def _one_task(volume, period="Tahun", norma=1.0, unit="Menit", existing=1):
    units = UNITS[:1]
    positions = [{**POSITIONS[0], "existing": existing}]
    tasks = [{"position": "J01", "task": "Tugas", "output": "Dokumen", "volume": volume,
              "period": period, "norma": norma, "time_unit": unit}]
    wb = read_workbook(opd_bytes(**{"Unit": units, "Jabatan": positions, "Beban Kerja": tasks}),
                       "satu.xlsx")
    assert wb.ok, wb.issues
    return evaluate(build_city([wb]), Settings())


def test_kepmenpan_example_54300_minutes_is_0_724_fte_need_1():
    ev = _one_task(54_300)
    pos = ev.workload.positions.iloc[0]
    assert pos["workload_hours"] == pytest.approx(905.0)  # 54,300 / 60
    assert pos["need_raw"] == pytest.approx(0.724)  # 905 / 1,250
    assert pos["need"] == 1


def test_output_based_1000_outputs_at_100_per_day_is_10_persons():
    # 1,000 outputs, one output takes 1/100 person-day; a person-day = 1,250 h / 250 days = 5 h
    # -> 1,000 × 3 min = 3,000 min... expressed per year: 1,000 outputs/day × 250 days
    # at 100 per person-day means 10 persons; norma = 5 h × 60 / 100 = 3 minutes.
    ev = _one_task(1000, period="Hari", norma=3)
    assert ev.workload.positions.iloc[0]["need_raw"] == pytest.approx(10.0)


@pytest.mark.parametrize(("period", "factor"), [("Tahun", 1), ("Semester", 2), ("Triwulan", 4),
                                                ("Bulan", 12), ("Minggu", 50), ("Hari", 250)])
def test_period_factors(period, factor):
    ev = _one_task(10, period=period, norma=6, unit="Menit")
    assert ev.workload.positions.iloc[0]["workload_hours"] == pytest.approx(10 * factor * 6 / 60)


def test_hours_are_multiplied_by_60():
    ev = _one_task(100, norma=2.5, unit="Jam")
    assert ev.workload.positions.iloc[0]["workload_hours"] == pytest.approx(250.0)


def test_half_up_rounding_is_exact():
    assert list(round_need(np.array([2.5, 0.5, 1.5, 0.49, 3.4999]), "half_up")) == [3, 1, 2, 0, 3]
    assert list(round_need(np.array([2.1, 0.01]), "ceil")) == [3, 1]
    assert list(round_need(np.array([2.9, 0.99]), "floor")) == [2, 0]
    # a need of exactly 2.5 (3,125 h) rounds to 3, not to Python's banker's 2
    ev = _one_task(187_500)
    assert ev.workload.positions.iloc[0]["need_raw"] == 2.5
    assert ev.workload.positions.iloc[0]["need"] == 3


@pytest.mark.parametrize(("ej", "rounded", "letter"), [
    (1.006, 1.01, "A"), (1.004, 1.00, "B"), (0.90, 0.90, "B"), (0.899, 0.90, "B"),
    (0.894, 0.89, "C"), (0.6999, 0.70, "C"), (0.4949, 0.49, "E"), (0.5, 0.5, "D"),
    (1.005, 1.01, "A"),
])
def test_ej_grading_examples(ej, rounded, letter):
    r, letters, _ = grade(np.array([ej]), Settings())
    assert r[0] == pytest.approx(rounded)
    assert letters[0] == letter
    assert grade_one(ej, Settings()) == letter


def test_round_half_up_agrees_with_decimal():
    from decimal import ROUND_HALF_UP, Decimal

    rng = np.random.default_rng(1)
    values = np.concatenate([rng.uniform(0, 5, 2000).round(3), np.arange(0, 5, 0.005)])
    expected = [float(Decimal(repr(float(v))).quantize(Decimal("0.01"), ROUND_HALF_UP))
                for v in values]
    assert np.allclose(round_half_up(values, 2), expected)


def test_dinas_uji_positions_by_hand(uji_eval):
    pos = uji_eval.workload.positions.set_index("code")
    # values written out in tests/builders.py
    assert pos.loc["J01", "workload_hours"] == pytest.approx(1000)
    assert pos.loc["J03", "need"] == 1 and pos.loc["J03", "gap"] == 1
    assert pos.loc["J03", "ej2"] == pytest.approx(0.60) and pos.loc["J03", "pj"] == "D"
    assert pos.loc["J05", "ej2"] == pytest.approx(0.72) and pos.loc["J05", "pj"] == "C"
    assert pos.loc["J07", "ej2"] == pytest.approx(1.00) and pos.loc["J07", "pj"] == "B"
    assert pos.loc["J08", "need"] == 3 and pos.loc["J08", "shortage"] == 3
    assert np.isnan(pos.loc["J08", "ej"]) and pd.isna(pos.loc["J08", "pj"])
    assert pos.loc["J08", "status"] == "kosong"


def test_units_cover_their_subtree(uji_eval):
    units = uji_eval.workload.units.set_index("code")
    # Seksi A: J05 (1 staff, need 1) + J06 (3 staff, need 2): existing 4, need 3, surplus 1
    assert units.loc["01.02.01", "existing"] == 4
    assert units.loc["01.02.01", "need"] == 3
    assert units.loc["01.02.01", "eu"] == pytest.approx((0.724 + 2.4) / 4)
    # Bidang: J04 + both seksi: existing 1 + 4 + 1 = 6; surplus 1 (J06), shortage 3 (J08)
    assert units.loc["01.02", "existing"] == 6
    assert units.loc["01.02", "surplus"] == 1 and units.loc["01.02", "shortage"] == 3
    assert units.loc["01.02", "gap"] == -2  # 6 - (1 + 1 + 2 + 1 + 3)
    # OPD: need 11 (sum of rounded needs), existing 10
    root = units.loc["01"]
    assert (root["existing"], root["need"], root["surplus"], root["shortage"]) == (10, 11, 2, 3)
    assert root["need_raw"] == pytest.approx(10.384)
    assert root["pu"] == "A"  # EU 1.0384 -> 1.04 > 1.00


def test_unit_with_plus_one_and_minus_one_gaps_reports_both():
    positions = [
        {**POSITIONS[0], "existing": 1},
        {"code": "P1", "name": "Analis", "unit": "01", "kind": "Pelaksana", "existing": 2},
        {"code": "P2", "name": "Analis", "unit": "01", "kind": "Pelaksana", "existing": 0},
    ]
    tasks = [
        {"position": "J01", "task": "Memimpin", "volume": 75_000, "norma": 1},  # need 1, gap 0
        {"position": "P1", "task": "A", "volume": 75_000, "norma": 1},  # need 1, existing 2: +1
        {"position": "P2", "task": "B", "volume": 75_000, "norma": 1},  # need 1, existing 0: -1
    ]
    wb = read_workbook(opd_bytes(**{"Unit": UNITS[:1], "Jabatan": positions,
                                    "Beban Kerja": tasks}), "campur.xlsx")
    ev = evaluate(build_city([wb]), Settings())
    root = ev.workload.units.iloc[0]
    assert (root["surplus"], root["shortage"], root["gap"]) == (1, 1, 0)


def test_wke_preset_changes_need_by_the_ratio(uji_eval):
    ev_1300 = evaluate(uji_eval.city, Settings.from_preset("Permendagri 12/2008"))
    assert ev_1300.summary["need_raw"] == pytest.approx(uji_eval.summary["need_raw"] * 1250 / 1300)
    bkn = Settings.from_preset("BKN 2011")
    assert bkn.wke_hours == 1200 and bkn.factors["Minggu"] == 48 and bkn.factors["Hari"] == 240


def test_city_totals(uji_eval):
    s = uji_eval.summary
    assert (s["opd_count"], s["existing"], s["need"], s["surplus"], s["shortage"]) == (1, 10, 11, 2, 3)
    assert s["workload_hours"] == pytest.approx(12_980)
    assert uji_eval.workload.settings == Settings()
