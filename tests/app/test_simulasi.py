"""AppTest of the Simulasi page: a move shows the core's numbers, reset restores the baseline,
the scenario survives page switches."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sotk_core import Settings, evaluate, load_paths
from sotk_core.base.fmt import fmt_num
from sotk_core.scenario import MoveStaff, Scenario, compare, scenario_workload

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample():
    city = load_paths(sorted((ROOT / "sample_data").glob("*.xlsx")), name="Kota Contoh")
    return city, evaluate(city, Settings())


def _simulasi() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/simulasi.py")
    at.run()
    assert not at.exception and not at.error
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _move(sample):
    """Move 1 person in the first OPD from its most-staffed position to its most overloaded
    other position; the expected OPD figures come from the core."""
    city, ev = sample
    opd = city.opd_names[0]
    pos = ev.workload.positions.loc[ev.workload.positions["opd"] == opd]
    src = pos.sort_values(["existing", "code"], ascending=[False, True]).iloc[0]
    dst = pos.loc[pos["code"] != src["code"]].sort_values("ej", ascending=False).iloc[0]
    change = MoveStaff(opd, src["code"], opd, dst["code"], 1)
    _, _, scen = scenario_workload(city, Scenario().add(change, city), Settings())
    expected = compare(ev.workload, scen, "opd", opd).iloc[0]
    return change, src, dst, expected


def _apply_move(at: AppTest, change) -> None:
    at.selectbox(key="mv_from").set_value(change.from_code)
    at.selectbox(key="mv_to").set_value(change.to_code)
    at.number_input(key="mv_n").set_value(change.count)
    next(b for b in at.button if b.label == "Terapkan pemindahan").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]


def test_move_shows_the_core_numbers_and_reset_restores(sample):
    change, src, dst, expected = _move(sample)
    at = _simulasi()
    before = _metrics(at)
    assert before["Pegawai"] == fmt_num(expected["existing_base"])
    _apply_move(at, change)
    after = _metrics(at)
    # a move inside one OPD conserves its staff; surplus/shortage follow the core
    assert after["Pegawai"] == fmt_num(expected["existing_scen"]) == before["Pegawai"]
    assert after["Kelebihan"] == fmt_num(expected["surplus_scen"])
    assert after["Kekurangan"] == fmt_num(expected["shortage_scen"])
    assert after["EU OPD"] == fmt_num(expected["eu2_scen"], 2)
    log = " ".join(m.value for m in at.markdown)
    assert f"Pindahkan 1 pegawai dari {src['name']}" in log
    # the positions delta table shows "before → after" for the two positions
    cells = " ".join(str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())
    assert f"{fmt_num(src['existing'])} → {fmt_num(src['existing'] - 1)}" in cells
    assert f"{fmt_num(dst['existing'])} → {fmt_num(dst['existing'] + 1)}" in cells

    next(b for b in at.button if b.label == "Kosongkan skenario").click()
    at.run()
    assert _metrics(at)["Kelebihan"] == fmt_num(expected["surplus_base"])
    assert "Belum ada perubahan" in " ".join(c.value for c in at.caption)


def test_scenario_survives_a_page_switch(sample):
    change, src, _, expected = _move(sample)
    at = _simulasi()
    _apply_move(at, change)
    at.switch_page("pages/ringkasan.py")
    at.run()
    at.switch_page("pages/simulasi.py")
    at.run()
    assert _metrics(at)["Kekurangan"] == fmt_num(expected["shortage_scen"])
    assert any(f"Pindahkan 1 pegawai dari {src['name']}" in m.value for m in at.markdown)


def test_a_refused_move_says_why(sample):
    change, src, _, _ = _move(sample)
    at = _simulasi()
    too_many = MoveStaff(change.from_opd, change.from_code, change.to_opd, change.to_code,
                         int(src["existing"]) + 5)
    at.selectbox(key="mv_from").set_value(too_many.from_code)
    at.selectbox(key="mv_to").set_value(too_many.to_code)
    at.number_input(key="mv_n").set_value(too_many.count)
    next(b for b in at.button if b.label == "Terapkan pemindahan").click()
    at.run()
    assert not at.exception
    assert any("Perubahan ditolak" in e.value for e in at.error)
    assert "Belum ada perubahan" in " ".join(c.value for c in at.caption)
