"""AppTest of the Simulasi page: a move shows the core's numbers, reset restores the baseline,
the scenario survives page switches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sotk_core import Settings, evaluate, load_paths
from sotk_core.base.fmt import fmt_num
from sotk_core.scenario import (
    MoveStaff,
    Scenario,
    ScenarioSet,
    compare,
    run_scenario,
    scenario_workload,
    scenarios_from_xlsx,
    suggest_moves,
)
from sotk_ui import state
from tests.app.helpers import table_with

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
    cells = " ".join(str(v) for df in [*at.dataframe, *at.table]
                     for v in df.value.to_numpy().ravel())
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


# ---- one move in Dinas Kesehatan: every figure of the run is the scenario's ------------------

DINKES = "Dinas Kesehatan"
SRC, DST = "08.04-02", "08.04-03"  # 6 staff, need_raw 1,98 (EJ 0,33) -> 1 staff, 2,80 (EJ 2,80)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dinkes_move(at: AppTest, count: int = 2) -> None:
    at.selectbox(key="whatif_opd_widget").set_value(DINKES).run()
    _apply_move(at, MoveStaff(DINKES, SRC, DINKES, DST, count))


def test_after_one_move_every_number_on_the_page_is_the_scenarios(sample):
    city, ev = sample
    at = _simulasi()
    _dinkes_move(at)
    run = run_scenario(city, Scenario("Simulasi 1").add(MoveStaff(DINKES, SRC, DINKES, DST, 2),
                                                        city), Settings())
    scen = run.workload
    # the labels of the move form, drawn in the same run: 6 -> 4 and 1 -> 3 people
    pos = scen.positions.loc[scen.positions["opd"] == DINKES]
    donors = [f"{n} · {u} ({fmt_num(e)} org)" for n, u, e in
              zip(pos["name"], pos["unit_name"], pos["existing"], strict=True) if e > 0]
    assert at.selectbox(key="mv_from").options == donors
    assert "Administrator Kesehatan Ahli Muda · Bidang Pelayanan dan Sumber Daya Kesehatan " \
           "(4 org)" in donors
    assert "Administrator Kesehatan Ahli Pertama · Bidang Pelayanan dan Sumber Daya Kesehatan " \
           "(3 org)" in at.selectbox(key="mv_to").options
    # the suggestion is the core's on the scenario: the shortage left is 1 (was 3)
    expected = suggest_moves(scen, run.city, opd=DINKES).message
    assert "Kekurangan 1 orang" in expected
    assert expected in [m.value for m in at.markdown]
    # the headline cards
    row = compare(ev.workload, scen, "opd", DINKES).iloc[0]
    values = _metrics(at)
    assert values["Kekurangan"] == fmt_num(row["shortage_scen"]) == "1"
    assert values["Kelebihan"] == fmt_num(row["surplus_scen"])
    assert values["EU OPD"] == fmt_num(row["eu2_scen"], 2)
    # the effect by hand: 2,799867 / 3 = 0,93 (was 2,80); 1,9792 / 4 = 0,49 (was 0,33)
    effect = table_with(at, "Jabatan", "Unit", "EJ")
    assert effect["EJ"].tolist() == ["2,80 → 0,93 (−1,87)", "0,33 → 0,49 (+0,16)"]
    assert effect["Pegawai (orang)"].tolist() == ["1 → 3 (+2)", "6 → 4 (−2)"]
    assert effect["Kebutuhan desimal (orang)"].tolist() == ["2,80", "1,98"]
    assert effect["Kekurangan (orang)"].tolist() == ["2 → 0 (−2)", "0"]
    assert effect["Kelebihan (orang)"].tolist() == ["0", "4 → 2 (−2)"]


def test_compare_view_shows_per_opd_deltas_with_two_decimals(sample):
    city, ev = sample
    pos = ev.workload.positions.set_index(["opd", "code"])
    first = Scenario("Redistribusi Dinkes").add(MoveStaff(DINKES, SRC, DINKES, DST, 2), city)
    other = "Dinas Sosial"
    target = pos.loc[other].sort_values("ej2", ascending=False).index[0]
    second = Scenario("Perawat ke Dinsos").add(MoveStaff(DINKES, "08.07-02", other, target, 1),
                                              city)
    at = _simulasi()
    at.session_state[state.SCENARIOS] = ScenarioSet((first, second))
    at.run()
    assert not at.exception and not at.error
    table = table_with(at, "OPD", "Saat ini", "Δ Redistribusi Dinkes", "Δ Perawat ke Dinsos")
    assert table["OPD"].tolist() == [DINKES, other]  # only the OPDs that change
    for name, scenario in (("Redistribusi Dinkes", first), ("Perawat ke Dinsos", second)):
        scen = run_scenario(city, scenario, Settings()).workload
        cmp = compare(ev.workload, scen, "opd").set_index("opd")
        for opd, shown in zip(table["OPD"], table[f"Δ {name}"], strict=True):
            delta = cmp.at[opd, "eu2_scen"] - cmp.at[opd, "eu2_base"]
            assert re.fullmatch(r"[+−]\d,\d\d|0,00", shown), shown  # two decimals, signed
            assert shown.replace("−", "-").replace(",", ".").lstrip("+") == f"{delta:.2f}" \
                or shown == "0,00"
            assert table.set_index("OPD").at[opd, name] == fmt_num(cmp.at[opd, "eu2_scen"], 2)
    # the move out of Dinkes lowers its staff by one: 1 person fewer, EU up
    assert table.set_index("OPD").at[other, "Δ Redistribusi Dinkes"] == "0,00"
    city_table = table_with(at, "Ukuran", "Saat ini", "Δ Perawat ke Dinsos")
    assert "EU kota" in city_table["Ukuran"].tolist()


def test_cross_opd_move_rename_new_and_download_all(sample, downloads):
    city, ev = sample
    served = downloads
    at = _simulasi()
    at.selectbox(key="whatif_opd_widget").set_value(DINKES).run()
    at.selectbox(key="mv_from").set_value("08.07-02")
    at.selectbox(key="mv_to_opd").set_value("Dinas Sosial").run()
    target = ev.workload.positions.loc[ev.workload.positions["opd"] == "Dinas Sosial", "code"]
    at.selectbox(key="mv_to").set_value(target.iloc[-1])
    next(b for b in at.button if b.label == "Terapkan pemindahan").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("(UPT Puskesmas Sukamaju, Dinas Kesehatan) ke" in m.value for m in at.markdown)
    at.text_input(key="whatif_name").input("Perawat ke Dinsos").run()
    assert at.session_state[state.ACTIVE_SCENARIO] == "Perawat ke Dinsos"
    at.button(key="whatif_new").click().run()
    at.button(key="whatif_new").click().run()
    assert at.session_state[state.SCENARIOS].names == ["Perawat ke Dinsos", "Simulasi 1",
                                                       "Simulasi 2"]
    at.text_input(key="whatif_name").input("Perawat ke Dinsos").run()  # taken: refused
    assert any("sudah dipakai" in e.value for e in at.error)
    assert at.session_state[state.ACTIVE_SCENARIO] == "Simulasi 2"
    loaded, _, problems = scenarios_from_xlsx(served["skenario_semua.xlsx"], city)
    assert problems == [] and [s.name for s in loaded] == ["Perawat ke Dinsos", "Simulasi 1",
                                                           "Simulasi 2"]
    assert loaded[0] == at.session_state[state.SCENARIOS].get("Perawat ke Dinsos")
    # loading the file again adds all three under free names
    at.file_uploader(key="whatif_upload").set_value(("skenario_semua.xlsx",
                                                     served["skenario_semua.xlsx"], XLSX))
    at.run()
    at.button(key="whatif_load").click().run()
    assert at.session_state[state.SCENARIOS].names[3:] == [
        "Perawat ke Dinsos (2)", "Simulasi 1 (2)", "Simulasi 2 (2)"]
