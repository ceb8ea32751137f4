"""A city's own PJ band table in a real browser: typed in the sidebar ("Pita PJ kustom", A
above 1,10, D from 0,40), the Produktivitas caption and the band labels of its EU chart name
those numbers, at 1024×768, 1280×720 and 1920×1080; screenshots
artifacts/screenshots/pita_kustom_produktivitas_<size>.png for a person to look at."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import VIEWPORTS, choose, error_texts, open_app, shot, wait_for_app

CAPTION = ("EJ/EU = kebutuhan desimal ÷ pegawai ada. >1,10: beban berlebih (kurang pegawai); "
           "<0,40: beban rendah (kelebihan pegawai). Predikat PJ/PU: A >1,10 · B 0,90–1,10 · "
           "C 0,70–0,89 · D 0,40–0,69 · E <0,40.")


def _type(page, key: str, value: str) -> None:
    box = page.locator(f".st-key-{key} input")
    box.scroll_into_view_if_needed()
    box.fill(value)
    box.press("Tab")
    wait_for_app(page)


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_custom_band_table_on_produktivitas(new_context, server_url, size):
    page = new_context(viewport=VIEWPORTS[size]).new_page()
    open_app(page, f"{server_url}/produktivitas")
    choose(page, "set_pj", "Pita PJ kustom")
    _type(page, "set_pj_A", "1.10")
    _type(page, "set_pj_D", "0.40")
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text(CAPTION, exact=True).count() == 1
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    text = chart.inner_text()
    assert "Beban berlebih >1,10" in text and "Beban rendah <0,40" in text
    assert ">1,00" not in text and "<0,50" not in text
    page.locator('[data-testid="stMain"] h1').first.scroll_into_view_if_needed()
    shot(page, f"pita_kustom_produktivitas_{size}")
    chart.scroll_into_view_if_needed()
    shot(page, f"pita_kustom_produktivitas_grafik_{size}")
    assert error_texts(page) == []
