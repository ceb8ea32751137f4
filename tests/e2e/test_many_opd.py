"""A city of 40 OPD (cities have 30–70) on Keseimbangan, in a real browser at 1024×768 (a
common projector, sidebar open), 1280×720 and 1920×1080: the hours-per-head chart draws 8 OPD
(the 4 with the highest and the 4 with the lowest hours per person) and fits one screen with
its title (40 rows were 2.570 px); every OPD is in the box under it. Screenshots into
artifacts/screenshots/keseimbangan_40opd_<size>*.png for a person to look at."""

from __future__ import annotations

import pytest

from benchmarks.city import generate_city
from tests.e2e.conftest import VIEWPORTS, error_texts, nav, open_app, shot, upload, wait_for_app

N_OPD = 40
CHART = '[data-testid="stPlotlyChart"]'


@pytest.fixture(scope="module")
def city_40(tmp_path_factory) -> list[tuple[str, bytes]]:
    out = tmp_path_factory.mktemp("city40")
    return [(p.name, p.read_bytes()) for p in generate_city(out, N_OPD, 20_000)]


def _hours_chart(page):
    return page.locator(".st-key-bal_hours").locator(CHART)


def test_keseimbangan_with_40_opd_fits_a_projector(new_context, server_url, city_40):
    page = new_context(viewport=VIEWPORTS["1024x768"]).new_page()
    page.set_default_timeout(180_000)
    open_app(page, server_url + "/")
    upload(page, city_40)
    nav(page, "/keseimbangan")
    for size, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        wait_for_app(page)
        assert error_texts(page) == [], size
        chart = _hours_chart(page)
        rows = chart.locator(".ytick text").evaluate_all(
            "els => els.map(e => e.textContent.trim())")  # svg text has no innerText
        assert len(rows) == 8, (size, rows)
        note = page.locator(".st-key-charttitle_bal_hours [data-testid='stCaptionContainer']")
        assert note.inner_text().startswith(
            "Menampilkan 8 OPD dari 40: 4 dengan jam kerja per pegawai tertinggi dan 4 "
            "terendah"), size
        assert chart.get_by_text("▲ 4 tertinggi").count() == 1
        assert chart.get_by_text("32 OPD lain di tabel", exact=False).count() == 1
        # the chart and the title above it fit one screen (40 rows were 2.570 px)
        title = page.locator(".st-key-charttitle_bal_hours").bounding_box()
        box = chart.bounding_box()
        assert box["y"] + box["height"] - title["y"] <= viewport["height"], size
        shot(page, f"keseimbangan_40opd_{size}", full=True)
        page.locator(".st-key-charttitle_bal_hours").evaluate(
            "e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        shot(page, f"keseimbangan_40opd_{size}_chart")

    # every OPD, in the box under the chart (built only when opened)
    page.set_viewport_size(VIEWPORTS["1024x768"])
    wait_for_app(page)
    box = page.locator('[data-testid="stExpander"]').filter(
        has_text="Semua OPD: jam kerja per pegawai bidang/bagian (40 OPD)")
    assert box.count() == 1
    assert box.locator('[data-testid="stDataFrame"]').count() == 0
    box.locator("summary").click()
    wait_for_app(page)
    grid = box.locator('[data-testid="stDataFrame"]')
    grid.wait_for()
    assert error_texts(page) == []
    grid.scroll_into_view_if_needed()
    shot(page, "keseimbangan_40opd_1024x768_table")


KPI_VALUES = """() => [...document.querySelectorAll(
  '.st-key-deck_kpi [data-testid="stMetricValue"]')].map(v => [v.innerText,
  parseFloat(getComputedStyle(v).fontSize), v.scrollWidth <= v.clientWidth + 1])"""


def test_the_deck_of_40_opd_keeps_its_figures_and_names_in_view(new_context, server_url,
                                                                  city_40):
    """The deck's city KPI slide and an OPD's unit slides with a city of 40 OPD: the KPI
    values scale with the slide (3,5rem cut "18.718 orang" of a 70-OPD city at 1024 px) and
    nothing on the slides is cut or overlaps; unit names are one line each."""
    from tests.e2e.test_fgd import CUT, OVERLAP

    page = new_context(viewport=VIEWPORTS["1024x768"]).new_page()
    page.set_default_timeout(180_000)
    open_app(page, server_url + "/")
    upload(page, city_40)
    nav(page, "/presentasi")
    page.locator(".st-key-deck_next button").first.click()
    wait_for_app(page)
    sizes = {}
    for size, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        wait_for_app(page)
        page.wait_for_timeout(300)
        values = page.evaluate(KPI_VALUES)
        assert len(values) == 6 and all(fits for _, _, fits in values), (size, values)
        assert page.evaluate(CUT) == [], size
        sizes[size] = values[0][1]
        shot(page, f"deck_40opd_kpi_{size}")
    assert sizes["1024x768"] < sizes["1920x1080"] <= 3.5 * 17  # scaled down on a narrow slide
    page.set_viewport_size(VIEWPORTS["1024x768"])
    wait_for_app(page)
    for _ in range(40):  # on to the first OPD's unit slides (EU per bidang, per seksi)
        page.locator(".st-key-deck_next button").first.click()
        wait_for_app(page)
        title = page.locator('[data-testid="stMain"] h1').first.inner_text()
        if title.startswith("EU per seksi/subbagian"):
            break
    else:
        raise AssertionError("no 'EU per seksi/subbagian' slide in the first 40")
    ticks = page.locator('[data-testid="stPlotlyChart"] .ytick text').evaluate_all(
        "els => els.map(e => e.textContent)")
    assert ticks and all(len(t) <= 30 for t in ticks), ticks  # one line (no <br> tspans)
    assert page.evaluate(CUT) == [] and page.evaluate(OVERLAP) == []
    shot(page, "deck_40opd_unit_eu_1024x768")
