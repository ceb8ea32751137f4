"""Workload balance measures (domain.md §5), checked by hand on Dinas Uji.

Hours (tests/builders.py): J01 1,000; J02 1,200; J03 1,500 (2 staff); J04 1,000; J05 905;
J06 3,000 (3 staff); J07 1,250; J08 3,125 (0 staff).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.balance import (
    cv,
    gini,
    grouped_spread,
    idle_positions,
    idle_units,
    overloaded_positions,
    overloaded_units,
)
from tests.builders import POSITIONS, opd_bytes


def _group(ev, level: str) -> pd.Series:
    g = ev.balance.groups
    return g.loc[g["level"] == level].iloc[0]


def test_gini_of_equal_loads_is_0_and_of_one_holder_of_four_is_0_75():
    assert gini([5, 5, 5, 5]) == pytest.approx(0.0, abs=1e-12)
    # Σ|xi − xj| over 16 ordered pairs = 2 × 3 × 10 = 60; mean 2.5 -> 60 / (2 × 16 × 2.5)
    assert gini([0, 0, 0, 10]) == pytest.approx(0.75)


def test_grouped_spread_matches_the_scalar_formulas():
    frame = pd.DataFrame({"g": [1, 1, 1, 1, 2, 2, 2, 2, 3],
                          "x": [10, 0, 0, 0, 7, 7, 7, 7, 4]})
    s = grouped_spread(frame, "g", "x")
    assert s.loc[1, "gini"] == pytest.approx(0.75)
    assert s.loc[2, "gini"] == pytest.approx(0.0, abs=1e-12) and s.loc[2, "cv"] == 0
    assert np.isnan(s.loc[3, "cv"]) and np.isnan(s.loc[3, "gini"])  # one member: no spread
    # CV of (0, 0, 0, 10): mean 2.5, population variance (3 × 6.25 + 56.25) / 4 = 18.75
    assert s.loc[1, "cv"] == pytest.approx(np.sqrt(18.75) / 2.5)


def test_cv_by_hand():
    # (2, 4, 6): mean 4, population variance (4 + 0 + 4) / 3 = 8/3, std 1.63299 -> CV 0.408248
    assert cv([2, 4, 6]) == pytest.approx(0.408248, abs=1e-6)
    assert np.isnan(cv([0, 0]))


def test_seksi_within_bidang_by_hand(uji_eval):
    g = _group(uji_eval, "seksi_dalam_bidang")
    assert g["group_code"] == "01.02" and g["members"] == 2 and g["excluded"] == 0
    # hours per head: Seksi A (905 + 3,000) / 4 = 976.25; Seksi B (1,250 + 3,125) / 1 = 4,375
    assert g["min_hours_per_head"] == pytest.approx(976.25)
    assert g["max_hours_per_head"] == pytest.approx(4375.0)
    # two values: CV = (b − a) / (a + b) = 3,398.75 / 5,351.25; Gini = CV / 2
    assert g["cv"] == pytest.approx(3398.75 / 5351.25)
    assert g["gini"] == pytest.approx(3398.75 / 5351.25 / 2)
    assert g["minmax_ratio"] == pytest.approx(976.25 / 4375.0)
    # EU = hours per head / 1,250: 0.781 and 3.5
    assert (g["min_eu"], g["max_eu"]) == (pytest.approx(0.781), pytest.approx(3.5))
    # all filled positions of the bidang subtree are within 0.70–1.00 (J04 .80, J05 .72,
    # J06 .80, J07 1.00); J08 has no staff
    assert (g["staff"], g["staff_outside"], g["share_outside"]) == (6, 0, 0)


def test_bidang_within_opd_by_hand(uji_eval):
    g = _group(uji_eval, "bidang_dalam_opd")
    # Sekretariat (1,200 + 1,500) / 3 = 900; Bidang (1,000 + 905 + 3,000 + 1,250 + 3,125) / 6
    a, b = 900.0, 9280.0 / 6
    assert g["cv"] == pytest.approx((b - a) / (a + b))
    assert g["gini"] == pytest.approx((b - a) / (a + b) / 2)
    # outside 0.70–1.00: J03 (EJ 0.60, 2 staff) of 10 staff in the OPD
    assert (g["staff"], g["staff_outside"], g["share_outside"]) == (10, 2, pytest.approx(0.2))


def test_opd_within_city_single_opd_has_no_spread(uji_eval):
    g = _group(uji_eval, "opd_dalam_kota")
    assert g["members"] == 1 and np.isnan(g["cv"]) and np.isnan(g["gini"])
    assert uji_eval.balance.summary["share_outside"] == pytest.approx(0.2)


def test_member_without_staff_is_excluded_and_counted():
    positions = [dict(p) for p in POSITIONS]
    positions[6]["existing"] = 0  # Kepala Seksi B vacant too: Seksi B has no staff at all
    wb = read_workbook(opd_bytes(Jabatan=positions), "uji.xlsx")
    ev = evaluate(build_city([wb]), Settings())
    g = _group(ev, "seksi_dalam_bidang")
    assert (g["members"], g["included"], g["excluded"]) == (2, 1, 1)
    assert np.isnan(g["cv"])


def test_balanced_band_is_a_setting(uji_eval):
    # with a band of 0.50–1.00 J03 (0.60) is inside: nobody outside
    ev = evaluate(uji_eval.city, Settings().with_(balanced_ej=(0.50, 1.00)))
    assert ev.balance.summary["staff_outside"] == 0


def test_overloaded_and_idle_lists(uji_eval):
    w = uji_eval.workload
    # no filled position of Dinas Uji has EJ > 1.00 (J07 is exactly 1.00) nor < 0.50
    assert overloaded_positions(w).empty and idle_positions(w).empty
    # units: root EU 10.384 / 10 = 1.04, Bidang 7.424 / 6 = 1.24, Seksi B 3.5 / 1 = 3.5
    assert list(overloaded_units(w)["code"]) == ["01.02.02", "01.02", "01"]
    assert idle_units(w).empty
