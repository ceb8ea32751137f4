"""The three planning views in a real browser at 1024×768 (a small laptop) and 1920×1080 (a
projector): each draws its chart without an error box; screenshots into
artifacts/screenshots/perencanaan_<view>_<size>.png for a person to look at."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import SHOTS, error_texts, open_app, shot

SIZES = {"1024x768": {"width": 1024, "height": 768},
         "1920x1080": {"width": 1920, "height": 1080}}
VIEWS = {"formasi": "Kebutuhan formasi per OPD, 2026–2030",
         "sejenis": "EU unit sejenis · Kecamatan",
         "kuadran": "Kematangan dan beban kerja per OPD"}


@pytest.mark.parametrize("size", list(SIZES))
def test_planning_views(new_context, server_url, size):
    page = new_context(viewport=SIZES[size]).new_page()
    errors, written = {}, []
    for view, title in VIEWS.items():
        open_app(page, f"{server_url}/perencanaan?view={view}")
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        chart.scroll_into_view_if_needed()
        assert title in chart.inner_text(), (view, size)
        written.append(shot(page, f"perencanaan_{view}_{size}"))
        written.append(shot(page, f"perencanaan_{view}_{size}_full", full=True))
        if error_texts(page):
            errors[view] = error_texts(page)
    assert all(p.parent == SHOTS and p.stat().st_size > 10_000 for p in written)
    assert errors == {}


def test_view_follows_the_url_and_the_picker(new_context, server_url):
    page = new_context(viewport=SIZES["1920x1080"]).new_page()
    open_app(page, f"{server_url}/perencanaan?view=kuadran")
    assert "view=kuadran" in page.url
    page.locator(".st-key-plan_view_widget").get_by_text("Unit sejenis").click()
    page.wait_for_url("**view=sejenis*")
    page.wait_for_selector("text=EU unit sejenis")
    assert error_texts(page) == []
