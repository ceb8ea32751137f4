"""The what-if recompute (model.workload.update_workload through scenario_workload) gives
exactly the figures of a full computation of the scenario city, and reuses what a change
does not touch.

Dinas Uji (tests/builders.py), WKE 1,250 h:
  J06: 3 staff, 3,000 h -> need_raw 2.4, need 2; J08: 0 staff, 3,125 h -> need 3, kosong.
  J05: one task of 543 × 100 min = 905 h -> need_raw 0.724, need 1, 1 staff.
"""

from __future__ import annotations

import pytest

from sotk_core import Settings, load_files, load_paths
from sotk_core.model.workload import compute_workload
from sotk_core.scenario import (
    MoveStaff,
    Scenario,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
    apply,
    scenario_workload,
)
from tests.builders import opd_bytes

OPD = "Dinas Uji"
J05_ROW = 6  # TASKS[4] on Excel row 6


@pytest.fixture(scope="module")
def city():
    return load_files([("uji.xlsx", opd_bytes())])


def _pos(result, code):
    p = result.positions
    return p.loc[(p["opd"] == OPD) & (p["code"] == code)].iloc[0]


def _same_as_full(city, scenario, settings):
    scen_city, scen_settings, fast = scenario_workload(city, scenario, settings)
    full = compute_workload(*apply(city, scenario, settings))
    for name in ("tasks", "positions", "units", "opds"):
        got, want = getattr(fast, name), getattr(full, name)
        assert list(got.columns) == list(want.columns)
        assert got.dtypes.equals(want.dtypes) and got.equals(want), name
    assert fast.city == full.city
    return fast


def test_a_move_recomputes_only_staff_figures_by_hand(city):
    result = _same_as_full(city, Scenario("x", (MoveStaff(OPD, "J06", OPD, "J08", 1),)),
                           Settings())
    j06, j08 = _pos(result, "J06"), _pos(result, "J08")
    assert (j06["existing"], j06["need"], j06["gap"]) == (2, 2, 0)
    assert (j08["existing"], j08["need"], j08["shortage"]) == (1, 3, 2)
    assert j08["ej"] == pytest.approx(2.5)  # 2.5 FTE on one person
    # the tasks did not change: their minutes are the baseline's, the same frame
    base = city.memo(("workload", Settings()), lambda: None)
    assert result.tasks is base.tasks


def test_a_volume_change_recomputes_its_position_by_hand(city):
    result = _same_as_full(city, Scenario("x", (SetTaskVolume(OPD, "J05", J05_ROW, 1086),)),
                           Settings())
    j05 = _pos(result, "J05")  # 1,086 × 100 min = 108,600 min = 1,810 h -> 1.448 -> need 1
    assert j05["workload_hours"] == 1810 and j05["need_raw"] == pytest.approx(1.448)
    assert (j05["need"], j05["existing"]) == (1, 1)


def test_a_norma_change_and_a_wke_change_match_the_full_computation(city):
    changes = (SetTaskNorma(OPD, "J05", J05_ROW, 50), SetSettings(wke_hours=1300.0),
               SetExisting(OPD, "J08", 2))
    result = _same_as_full(city, Scenario("x", changes), Settings())
    # J05: 543 × 50 min = 27,150 min = 452.5 h; / 1,300 h = 0.348 FTE -> need 0
    assert _pos(result, "J05")["need_raw"] == pytest.approx(452.5 / 1300)


def test_twenty_changes_on_the_sample_city_match_the_full_computation():
    from pathlib import Path

    paths = sorted((Path(__file__).resolve().parents[2] / "sample_data").glob("*.xlsx"))
    city = load_paths(paths)
    pos = city.positions
    pel = pos.loc[(pos["kind"] == "Pelaksana") & (pos["existing"] >= 2)]
    changes = [MoveStaff(r.opd, r.code, r.opd, pos.loc[(pos["opd"] == r.opd)
                                                       & (pos["code"] != r.code)].iloc[-1]["code"], 1)
               for r in pel.head(14).itertuples()]
    tasks = city.tasks.groupby("opd").head(1).head(6)
    changes += [SetTaskVolume(t.opd, t.position, int(t.row), float(t.volume) * 2)
                for t in tasks.head(3).itertuples()]
    changes += [SetTaskNorma(t.opd, t.position, int(t.row), float(t.norma) / 2)
                for t in tasks.tail(3).itertuples()]
    scenario = Scenario("x", tuple(changes))
    assert len(scenario) == 20
    for settings in (Settings(), Settings().with_(rounding="ceil")):
        _same_as_full(city, scenario, settings)
