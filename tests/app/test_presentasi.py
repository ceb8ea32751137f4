"""AppTest of presentation mode, FGD notes and the take-away downloads.

Deck of the sample city (18 OPDs): 13 city slides (9, and a second slide for the ranking, heat
map, EU and staff charts, as 18 OPDs are more than 15 rows) + 5 slides per OPD section = 13 + 90
= 103, then the 6 planning slides: 109 slides (sotk_core.present.deck). Dinas Kesehatan is
the 8th OPD in file order, so its section starts at slide 13 + 5 × 7 + 1 = 49.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from sotk_core import Settings, evaluate, load_paths
from sotk_core.model.notes import notes_from_bytes
from sotk_core.present.deck import (
    CITY_SLIDES,
    OPD_SLIDES,
    PLANNING_SLIDES,
    SCENARIO_SLIDES,
    build_deck,
    opd_start,
)
from sotk_core.scenario import MoveStaff, Scenario, ScenarioSet
from sotk_ui import state
from tests.app.helpers import XLSX, assert_clean, goto

ROOT = Path(__file__).resolve().parents[2]
DINKES = "Dinas Kesehatan"
CHROMIUM = os.path.exists("/usr/bin/chromium")
CITY_PART = CITY_SLIDES + 4  # 13 city slides for 18 OPDs (see above)
DECK = CITY_PART + OPD_SLIDES * 18 + PLANNING_SLIDES  # 109


@pytest.fixture(scope="module")
def sample():
    city = load_paths(sorted((ROOT / "sample_data").glob("*.xlsx")), name="Kota Contoh")
    return city, evaluate(city, Settings())


def counter(at: AppTest) -> tuple[int, int]:
    found = [m.value for m in at.markdown if re.fullmatch(r"\*\*\d+\*\* / \d+", m.value)]
    assert len(found) == 1, [m.value for m in at.markdown][:5]
    i, n = re.findall(r"\d+", found[0])
    return int(i), int(n)


def present(app: AppTest) -> AppTest:
    goto(app, "presentasi")
    assert_clean(app)
    return app


def test_slide_count_next_and_previous(app, sample):
    _, ev = sample
    expected = len(build_deck(ev))
    assert expected == DECK == 109
    at = present(app)
    assert counter(at) == (1, expected)
    assert at.button(key="deck_prev").disabled
    assert at.title[0].value.startswith("Evaluasi Kelembagaan dan Beban Kerja")
    at.button(key="deck_next").click().run()
    assert counter(at) == (2, expected)
    assert at.title[0].value.endswith("dalam angka")
    assert {m.label for m in at.metric} >= {"Pegawai ada", "EU kota", "Rata-rata kematangan"}
    at.button(key="deck_next").click().run()
    assert counter(at) == (3, expected)
    (fig,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    # 17 OPDs with maturity: the ranking takes two slides (9 + 8 rows)
    assert fig["layout"]["title"]["text"] == "Kematangan organisasi per OPD (total 11–55) (1/2)"
    assert fig["layout"]["height"] == 650  # the default slide height (Opsi › Tinggi grafik)
    assert fig["layout"]["yaxis"]["tickfont"]["size"] == 22  # projector type
    at.button(key="deck_prev").click().run()
    at.button(key="deck_prev").click().run()
    assert counter(at) == (1, expected)


def test_jump_to_an_opd(app, sample):
    _, ev = sample
    start = opd_start(build_deck(ev), DINKES)
    assert start == CITY_PART + OPD_SLIDES * 7 == 48
    at = present(app)
    at.selectbox(key="deck_jump").select(DINKES).run()
    assert counter(at) == (49, DECK)
    assert at.title[0].value == DINKES
    assert at.selectbox(key="deck_jump").value is None  # ready for the next jump
    at.button(key="deck_next").click().run()
    assert counter(at) == (50, DECK)  # the radar of Dinas Kesehatan


def test_choose_and_reorder_sections(app, sample):
    city, _ = sample
    at = present(app)
    at.multiselect(key="deck_opds_widget").set_value([DINKES, city.opd_names[0]]).run()
    assert counter(at)[1] == CITY_PART + 2 * OPD_SLIDES + PLANNING_SLIDES == 29
    assert at.session_state[state.DECK_OPDS] == [DINKES, city.opd_names[0]]
    assert at.selectbox(key="deck_jump").options == [DINKES, city.opd_names[0]]
    at.selectbox(key="deck_jump").select(city.opd_names[0]).run()
    assert counter(at) == (CITY_PART + OPD_SLIDES + 1, 29)
    at.button(key="deck_opds_all").click().run()
    assert counter(at)[1] == DECK


def test_slide_survives_page_switches(app):
    at = present(app)
    for _ in range(4):
        at.button(key="deck_next").click().run()
    assert counter(at) == (5, DECK)
    goto(at, "ringkasan")
    goto(at, "presentasi")
    assert counter(at) == (5, DECK)


def test_the_presenter_keeps_the_slide_whatever_is_added(app, sample):
    """Slide 51 is "EU per bidang/bagian · Dinkes"; a scenario adds 7 slides before it: the
    presenter comes back to the same slide (now number 58), not to slide 51 of another OPD."""
    city, ev = sample
    at = present(app)
    at.selectbox(key="deck_jump").select(DINKES).run()
    at.button(key="deck_next").click().run()
    at.button(key="deck_next").click().run()
    assert counter(at) == (51, DECK)
    (fig,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    title = fig["layout"]["title"]["text"]
    assert title.startswith("EU per bidang/bagian") and "Dinkes" in title
    goto(at, "simulasi")
    opd = city.opd_names[0]
    pos = ev.workload.positions.loc[ev.workload.positions["opd"] == opd]
    at.session_state[state.SCENARIOS] = ScenarioSet((Scenario("Simulasi 1").add(
        MoveStaff(opd, pos["code"].iloc[3], opd, pos["code"].iloc[4], 1), city),))
    goto(at, "presentasi")
    assert counter(at) == (51 + SCENARIO_SLIDES, DECK + SCENARIO_SLIDES)
    (fig,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert fig["layout"]["title"]["text"] == title
    # switching the scenario slides off keeps the place too
    at.toggle(key="deck_scen_widget").set_value(False).run()
    assert counter(at) == (51, DECK)


def test_first_last_and_the_slides_shown(app):
    at = present(app)
    at.button(key="deck_last").click().run()
    assert counter(at) == (DECK, DECK) and at.button(key="deck_next").disabled
    at.button(key="deck_first").click().run()
    assert counter(at) == (1, DECK)
    at.selectbox(key="deck_jump").select(DINKES).run()
    assert at.session_state[state.SHOWN] == ["kota.judul", "rencana.formasi_kpi",
                                             f"opd.{DINKES}.kpi"]


def test_scenario_slides(app, sample):
    city, ev = sample
    opd = city.opd_names[0]
    pos = ev.workload.positions.loc[ev.workload.positions["opd"] == opd]
    change = MoveStaff(opd, pos["code"].iloc[3], opd, pos["code"].iloc[4], 1)
    app.session_state[state.SCENARIOS] = ScenarioSet((Scenario("Simulasi 1").add(change, city),))
    at = present(app)
    # + perubahan, KPI kota, jabatan, unit, jumlah per OPD, pegawai per OPD, EU per OPD
    assert counter(at)[1] == DECK + SCENARIO_SLIDES == 116
    at.toggle(key="deck_scen_widget").set_value(False).run()
    assert counter(at)[1] == DECK


def test_notes_survive_pages_and_files_round_trip(new_app, downloads):
    at = new_app()
    at.run()
    present(at)
    at.selectbox(key="deck_jump").select(DINKES).run()
    at.button(key="deck_notes_toggle").click().run()  # the panel beside the slide
    assert at.title[0].value == DINKES  # the slide stays on screen
    at.radio(key="deck_notes_kind").set_value("keputusan")
    at.text_area(key="deck_notes_text").input("Uraian tugas Bidang P2P diverifikasi ulang")
    at.button(key="deck_notes_save").click().run()
    assert_clean(at)
    notes = at.session_state[state.NOTES]
    assert [(n["opd"], n["jenis"], n["teks"]) for n in notes] == [
        (DINKES, "keputusan", "Uraian tugas Bidang P2P diverifikasi ulang")]
    assert at.text_area(key="deck_notes_text").value == ""
    goto(at, "produktivitas")
    assert_clean(at)
    assert at.session_state[state.NOTES] == notes
    goto(at, "data")
    assert_clean(at)
    assert at.session_state[state.NOTES] == notes
    saved = downloads["catatan_fgd.xlsx"]
    assert notes_from_bytes(saved, "catatan_fgd.xlsx") == notes
    assert notes_from_bytes(downloads["catatan_fgd.json"], "catatan_fgd.json") == notes

    fresh = new_app()  # the app after a reset: a new session without notes
    fresh.run()
    goto(fresh, "data")
    assert fresh.session_state[state.NOTES] == []
    fresh.file_uploader(key="data_notes_files_upload_0").set_value(
        ("catatan_fgd.xlsx", saved, XLSX))
    fresh.run()
    assert_clean(fresh)
    assert fresh.session_state[state.NOTES] == notes
    assert "1 catatan dari catatan_fgd.xlsx ditambahkan." in [s.value for s in fresh.success]
    fresh.file_uploader(key="data_notes_files_upload_1").set_value(
        ("catatan_fgd.xlsx", saved, XLSX))
    fresh.run()
    assert fresh.session_state[state.NOTES] == notes
    assert any("sudah ada dan tidak digandakan" in s.value for s in fresh.success)


def test_results_download_has_scenario_and_notes(app, sample, downloads):
    city, ev = sample
    opd = city.opd_names[0]
    pos = ev.workload.positions.loc[ev.workload.positions["opd"] == opd]
    change = MoveStaff(opd, pos["code"].iloc[3], opd, pos["code"].iloc[4], 1)
    app.session_state[state.SCENARIOS] = ScenarioSet((Scenario("Simulasi 1").add(change, city),))
    app.session_state[state.NOTES] = [{"waktu": "2026-05-04 09:30:00", "opd": opd, "unit": None,
                                       "jenis": "catatan", "teks": "Dibahas lagi"}]
    goto(app, "data")
    assert_clean(app)
    wb = openpyxl.load_workbook(io.BytesIO(downloads["hasil_sotk.xlsx"]))
    assert {"Skenario", "Skenario OPD", "Catatan FGD", "Asumsi"} <= set(wb.sheetnames)
    assert len(wb["Grafik"]._charts) == 4
    assert list(wb["Catatan FGD"].iter_rows(min_row=4, values_only=True))[0][-1] == "Dibahas lagi"
    assert any("Simulasi 1" in c.value and "1 catatan FGD" in c.value for c in app.caption)


@pytest.mark.skipif(not CHROMIUM, reason="Chromium tidak ada")
def test_chart_image_is_made_on_demand(app, downloads):
    goto(app, "produktivitas")
    assert not [k for k in downloads if k.endswith(".png")]  # nothing rendered by itself
    app.button(key="img_prod_bidang_png_make").click().run()
    assert_clean(app)
    png = downloads["eu_bidang.png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 3200  # 1600 layout px × scale 2
    assert app.download_button(key="img_prod_bidang_png_dl").label == "Unduh PNG"


@pytest.mark.skipif(not CHROMIUM, reason="Chromium tidak ada")
def test_deck_pdf_on_demand(app, downloads):
    at = present(app)
    at.multiselect(key="deck_opds_widget").set_value([]).run()
    assert counter(at)[1] == CITY_PART + PLANNING_SLIDES
    at.button(key="deck_pdf_make").click().run()
    assert_clean(at)
    pdf = downloads["presentasi_sotk.pdf"]
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == CITY_PART + PLANNING_SLIDES
