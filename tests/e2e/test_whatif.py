"""The what-if flow in a real browser at 1024×768 (a projector, sidebar open): make an edit,
see the delta, download the scenario and upload it again.

Dinas Kesehatan by hand (sample_data/kota_contoh, 08_dinkes.xlsx; WKE 1.250 jam, half up):
52 pegawai, kebutuhan 50; Σ kelebihan 5 and Σ kekurangan 3 over its positions. In Bidang
Pelayanan dan Sumber Daya Kesehatan, 08.04-02 (Administrator Kesehatan Ahli Muda) has 6
pegawai for 2.474,0 jam = 1,979 orang -> need 2 (kelebihan 4, EJ 0,33); 08.04-03 (Ahli
Pertama) has 1 for 3.499,8 jam = 2,800 -> need 3 (kekurangan 2, EJ 2,80). Moving 2 from the
first to the second: 4 pegawai (kelebihan 2, EJ 1,979 / 4 = 0,49) and 3 pegawai (kekurangan
0, EJ 2,800 / 3 = 0,93); the OPD keeps 52 pegawai, kebutuhan 50 and EU 46,22 / 52 = 0,89,
kelebihan 5 -> 3 and kekurangan 3 -> 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sotk_core import Settings, evaluate, load_paths
from sotk_core.base.fmt import fmt_num
from sotk_core.scenario import MoveStaff, Scenario, compare, scenario_workload
from tests.e2e.conftest import choose, error_texts, open_app, shot, wait_for_app

ROOT = Path(__file__).resolve().parents[2]
OPD = "Dinas Kesehatan"
SRC, DST = "08.04-02", "08.04-03"  # the sample's campuran bidang: surplus 4, shortage 2
PROJECTOR = {"width": 1024, "height": 768}
# the OPD cards after moving 2 (by hand, module docstring): value and the line under it
AFTER_MOVE = {"Pegawai": ("52", "orang, tetap"), "Kebutuhan": ("50", "orang, tetap"),
              "Kelebihan": ("3", "dari 5 (\u22122)"), "Kekurangan": ("1", "dari 3 (\u22122)"),
              "EU OPD": ("0,89", "tetap")}


@pytest.fixture(scope="module")
def expected():
    city = load_paths(sorted((ROOT / "sample_data").glob("*.xlsx")))
    ev = evaluate(city, Settings())
    pos = ev.workload.positions.set_index(["opd", "code"])
    change = MoveStaff(OPD, SRC, OPD, DST, 2)
    _, _, scen = scenario_workload(city, Scenario().add(change, city), Settings())
    row = compare(ev.workload, scen, "opd", OPD).iloc[0]

    def label(code: str) -> str:
        p = pos.loc[(OPD, code)]
        return f"{p['name']} · {p['unit_name']} ({fmt_num(p['existing'])} org)"

    return {"src": label(SRC), "dst": label(DST), "name": pos.loc[(OPD, SRC), "name"],
            "row": row}


def cards(page) -> dict[str, tuple[str, str]]:
    """The KPI cards as {label: (value, the line under it)}."""
    out = {}
    for card in page.locator('[data-testid="stMetric"]').all():
        label = card.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        out[label] = (card.locator('[data-testid="stMetricValue"]').inner_text().strip(),
                      card.locator('[data-testid="stMetricDelta"]').inner_text().strip())
    return out


def cut(page, key: str) -> bool:
    """Whether the element with this key is wider than its box (a column out of view)."""
    return page.locator(f".st-key-{key}").evaluate(
        "e => [e, ...e.querySelectorAll('*')].some(x => x.scrollWidth > x.clientWidth + 1)")


def test_edit_delta_download_and_reload(new_context, server_url, expected, tmp_path):
    page = new_context(viewport=PROJECTOR).new_page()
    open_app(page, f"{server_url}/simulasi")
    choose(page, "whatif_opd_widget", OPD)
    choose(page, "mv_from", expected["src"])
    choose(page, "mv_to", expected["dst"])
    amount = page.locator(".st-key-mv_n input")
    amount.fill("2")
    amount.press("Tab")
    wait_for_app(page)  # the number is committed (a rerun) before the button is pressed
    page.get_by_role("button", name="Terapkan pemindahan").click()
    wait_for_app(page)
    assert error_texts(page) == []
    row = expected["row"]
    # the core's scenario gives the hand figures, and the page shows exactly those
    assert (row["surplus_base"], row["surplus_scen"], row["shortage_base"],
            row["shortage_scen"], row["existing_scen"], row["need_scen"]) == (5, 3, 3, 1, 52, 50)
    assert fmt_num(row["eu2_scen"], 2) == "0,89"
    assert cards(page) == AFTER_MOVE
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text(f"Pindahkan 2 pegawai dari {expected['name']}").count() >= 1
    # the positions that changed, every column in view at 1024 px: EJ 2,80 -> 0,93, 0,33 -> 0,49
    table = page.locator(".st-key-whatif_positions").inner_text()
    for text in ("2,80 \u2192 0,93", "0,33 \u2192 0,49", "1 \u2192 3 (+2)", "6 \u2192 4 (\u22122)",
                 "Kekurangan (orang)", "Kelebihan (orang)"):
        assert text in table, text
    assert not cut(page, "whatif_positions") and not cut(page, "whatif_units")
    page.locator('[data-testid="stMetric"]').first.evaluate(
        "e => e.scrollIntoView({block: 'center'})")
    shot(page, "simulasi_after_move_1024x768")
    page.locator(".st-key-whatif_positions").scroll_into_view_if_needed()
    shot(page, "simulasi_effect_1024x768")

    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh semua skenario (1) (.xlsx)").click()
    saved = tmp_path / "skenario.xlsx"
    info.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"

    # reset, then load the saved scenario as a new one: the same move and the same numbers
    page.get_by_role("button", name="Kosongkan skenario").click()
    wait_for_app(page)
    assert main.get_by_text("Belum ada perubahan").count() >= 1
    assert cards(page)["Kelebihan"] == ("5", "orang, tetap")  # today's figures again
    assert cards(page)["Kekurangan"] == ("3", "orang, tetap")
    page.locator('.st-key-whatif_upload input[type="file"]').set_input_files(str(saved))
    wait_for_app(page)
    page.get_by_role("button", name="Muat sebagai skenario baru").click()
    wait_for_app(page)
    assert error_texts(page) == []
    assert main.get_by_text("(1 perubahan)").count() >= 1
    assert main.get_by_text(f"Pindahkan 2 pegawai dari {expected['name']}").count() >= 1
    assert cards(page) == AFTER_MOVE
