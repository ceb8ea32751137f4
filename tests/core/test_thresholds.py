"""Every EJ/EU threshold at its boundary, on Dinas Batas (tests/boundary_city.py: the hand
table of every figure is in its docstring) and on the grade function directly.

Written so that each of these slips fails at least one test here: `>` or `<` written as `>=`
or `<=` at EJ/EU 0.50 and 1.00 (position status, PJ/PU bands, balanced band, overloaded/idle
lists, EU findings), surplus swapped with shortage, and Python's banker's rounding instead of
half up (needs 2.5 and 0.5, EJ 1.005).
"""

from __future__ import annotations

import numpy as np
import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.base.fmt import round_half_up, round_need
from sotk_core.base.formulas import grade
from sotk_core.model.balance import (
    idle_positions,
    idle_units,
    overloaded_positions,
    overloaded_units,
)
from tests import boundary_city as batas


@pytest.fixture(scope="module")
def ev():
    wb = read_workbook(batas.batas_bytes(), batas.FILE)
    assert wb.ok, [str(i) for i in wb.issues]
    return evaluate(build_city([wb]), Settings())


@pytest.fixture(scope="module")
def pos(ev):
    return ev.workload.positions.set_index("code")


@pytest.fixture(scope="module")
def units(ev):
    return ev.workload.units.set_index("code")


# ---- the grade bands, directly --------------------------------------------------------------


@pytest.mark.parametrize(("ej", "letter"), [
    (1.01, "A"), (1.005, "A"), (1.00, "B"), (1.004, "B"), (0.90, "B"), (0.895, "B"),
    (0.89, "C"), (0.70, "C"), (0.695, "C"), (0.69, "D"), (0.50, "D"), (0.495, "D"),
    (0.49, "E"), (0.0, "E")])
def test_grade_bands_at_their_edges(ej, letter):
    # A > 1.00 ≥ B ≥ 0.90 > C ≥ 0.70 > D ≥ 0.50 > E, after rounding half up to 2 decimals
    assert grade(np.array([ej]), Settings())[1][0] == letter


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (2.5, 0, 3), (0.5, 0, 1), (1.5, 0, 2), (1.005, 2, 1.01), (0.125, 2, 0.13), (2.675, 2, 2.68)])
def test_half_up_is_not_bankers_rounding(value, decimals, expected):
    # Python's round(): 2.5 -> 2, 0.5 -> 0, 1.005 -> 1.0, 0.125 -> 0.12, 2.675 -> 2.67
    assert round_half_up(np.array([value]), decimals)[0] == expected


def test_need_is_rounded_half_up():
    assert round_need(np.array([0.5, 1.5, 2.5, 2.4999]), "half_up").tolist() == [1, 2, 3, 2]


# ---- positions ------------------------------------------------------------------------------


def test_every_position_status_at_its_boundary(pos):
    # EJ exactly 1.00 (B01, B11) is wajar, 1.005 -> 1.01 (B02) berlebih; EJ exactly 0.50
    # (B03, B10) is wajar, 0.49 (B04, B12) rendah; 0 staff with need 3 (B09) kosong
    assert pos["status"].to_dict() == batas.STATUS


def test_every_pj_at_its_boundary(pos):
    assert {c: (v if isinstance(v, str) else None) for c, v in pos["pj"].items()} == batas.PJ
    assert pos["ej2"].dropna().to_dict() == batas.EJ2


def test_needs_surplus_and_shortage_per_position(pos):
    assert pos["need"].astype(int).to_dict() == batas.NEED  # B09 2.5 -> 3, B10 0.5 -> 1
    assert pos.loc[pos["surplus"] > 0, "surplus"].to_dict() == {"B03": 1, "B04": 1, "B12": 2}
    assert pos.loc[pos["shortage"] > 0, "shortage"].to_dict() == {"B09": 3}


def test_opd_totals(ev):
    s = ev.summary
    assert (s["existing"], s["need"], s["surplus"], s["shortage"]) == (15, 14, 4, 3)
    assert s["need_raw"] == pytest.approx(13.145)
    assert (s["eu2"], s["pu"]) == (0.88, "C")


def test_overloaded_and_idle_positions(ev):
    assert list(overloaded_positions(ev.workload)["code"]) == ["B02"]  # not B01/B11 at 1.00
    assert sorted(idle_positions(ev.workload)["code"]) == ["B04", "B12"]  # not B03/B10 at 0.50
    summary = ev.balance.summary
    assert (summary["overloaded_positions"], summary["overloaded_staff"]) == (1, 1)
    assert (summary["idle_positions"], summary["idle_staff"]) == (2, 4)


def test_balanced_band_includes_both_ends(ev):
    # inside 0.70–1.00: B01 1.00, B05 0.70, B07 0.90, B08 0.89, B11 1.00 (2 staff) = 6 people;
    # outside: B02 1.01, B03 0.50 (2), B04 0.49, B06 0.69, B10 0.50, B12 0.49 (3) = 9 of 15
    summary = ev.balance.summary
    assert (summary["staff_outside"], summary["staff"]) == (9, 15)
    assert summary["share_outside"] == pytest.approx(0.6)


# ---- units ----------------------------------------------------------------------------------


def test_unit_eu_and_pu_at_their_boundaries(units):
    assert units["eu2"].to_dict() == batas.UNIT_EU2
    assert units["pu"].to_dict() == batas.UNIT_PU


def test_overloaded_and_idle_units(ev):
    assert sorted(overloaded_units(ev.workload)["code"]) == ["01.01", "01.02"]  # not 01.06
    assert list(idle_units(ev.workload)["code"]) == ["01.07"]  # not 01.03 at 0.50


def test_eu_findings_at_their_boundaries(ev):
    f = ev.findings
    eu = f.loc[f["kind"].isin(["eu_tinggi", "eu_rendah"])]
    assert sorted(zip(eu["kind"], eu["unit_code"], strict=True)) == [
        ("eu_rendah", "01.07"), ("eu_tinggi", "01.01"), ("eu_tinggi", "01.02")]
    assert eu.set_index("unit_code")["value"].to_dict() == {"01.01": 3.00, "01.02": 1.01,
                                                            "01.07": 0.49}


def test_micro_units_below_three_staff(ev):
    # Bidang Dua and Bidang Enam have exactly 3 people: not micro (the rule is < 3)
    f = ev.findings
    assert sorted(f.loc[f["kind"] == "unit_mikro", "unit_code"]) == [
        "01.01", "01.02", "01.04", "01.05", "01.06"]
