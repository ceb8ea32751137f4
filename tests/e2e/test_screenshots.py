"""Screenshots of every page at 1024×768 (a common projector, sidebar open), 1280×720 and
1920×1080 (a laptop and a large screen),
plus one full-length picture per page, into artifacts/screenshots/ (git-ignored) for a person
to look at. Each page must also load without an error box at that size."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PATHS, SHOTS, VIEWPORTS, error_texts, open_app, shot


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_screenshots_of_every_page(new_context, server_url, size):
    page = new_context(viewport=VIEWPORTS[size]).new_page()
    written, errors = [], {}
    for path in PATHS:
        open_app(page, server_url + path)
        name = (path.strip("/") or "ringkasan") + f"_{size}"
        written.append(shot(page, name))
        written.append(shot(page, name + "_full", full=True))
        if error_texts(page):
            errors[path] = error_texts(page)
    assert all(p.parent == SHOTS and p.stat().st_size > 10_000 for p in written)
    assert errors == {}  # every picture is taken first, then a page with an error fails
