"""Hostile uploads in the real browser (issue 16).

- A workbook that aborts the parser, uploaded next to a good one: the server stays up, the
  good file computes, the bad one is named with an Indonesian message, and a second session
  keeps working. This server runs its reader workers with a 40 MB memory budget
  (SOTK_READER_MEMORY_MB), so a file whose shared-strings header claims 1.9 million texts
  really aborts its worker (calamine reserves 46 MB and dies with SIGABRT, as a 2e9 claim did
  to the whole server before); the 2e9 claim itself is refused by the guard.
- A workbook whose names hold Markdown, KaTeX, HTML and links: every page shows them as
  text, no chart holds a link, and no downloaded CSV or xlsx cell starts with '=', '+', '@'.

"Dinas Baik" is Dinas Uji of tests/builders.py: 10 staff, +2 / −3, EU 12.980 ÷ 1.250 ÷ 10 = 1,04.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from builders import opd_bytes

from tests.data.make_hostile import (
    MARKUP_OPD,
    MARKUP_POSITIONS,
    MARKUP_UNIT,
    markup_names,
    shared_count,
)
from tests.e2e.conftest import (
    LOG,
    _healthy,
    app_process,
    error_texts,
    heading,
    metric_values,
    nav,
    open_app,
    upload,
)

GOOD = ("dinas_baik.xlsx", opd_bytes({"name": "Dinas Baik", "abbr": "DB"}))
ABORTS = ("klaim_1_9_juta_teks.xlsx", shared_count(1_900_000))
REFUSED = ("teks_bersama_2_miliar.xlsx", shared_count(2_000_000_000))
UNSAFE = "Workbook tidak dapat dibaca dengan aman"


@pytest.fixture(scope="module")
def tight_server():
    """The app with reader workers limited to 40 MB each (see the module docstring)."""
    with app_process({"SOTK_READER_MEMORY_MB": "40"},
                     log_path=LOG.parent / "streamlit_hostile.log") as server:
        yield server


def test_a_process_aborting_file_never_takes_the_server_down(tight_server, new_context):
    url, proc = tight_server
    a = new_context().new_page()
    open_app(a, url + "/")
    upload(a, [ABORTS, REFUSED, GOOD])
    assert proc.poll() is None and _healthy(url)  # the server is alive
    assert error_texts(a) == []
    assert heading(a) == "Ringkasan Kota (unggahan)"
    assert metric_values(a)[:3] == ["10 orang", "+2 / −3", "1,04"]  # the good file computed

    nav(a, "/data")
    for name, _ in (ABORTS, REFUSED):  # a file with errors opens expanded: never toggle it shut
        details = a.locator('[data-testid="stExpander"]').filter(has_text=name).locator("details")
        if not details.first.evaluate("d => d.open"):
            details.first.locator("summary").click()
        details.first.get_by_text(name + ":", exact=False).last.wait_for()
    text = a.locator('[data-testid="stMain"]').inner_text()
    assert f"{ABORTS[0]}: {UNSAFE}: " in text  # the worker that aborted: named, in Indonesian
    assert "Workbook menyatakan berisi 2.000.000.000 teks berbeda" in text  # the guard

    b = new_context().new_page()  # another session, after the abort: works as usual
    open_app(b, url + "/")
    assert heading(b) == "Ringkasan Kota Contoh (data fiktif)" and error_texts(b) == []
    nav(a, "/produktivitas")  # and the first session goes on
    assert error_texts(a) == [] and proc.poll() is None


FORMULA = ("=", "+", "@")


def _cells_of_xlsx(data: bytes) -> list[str]:
    """The text cells; the workbook's own formulas (need = hours ÷ WKE, ...) are checked to
    hold nothing from a name."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    every = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    formulas = [str(c.value) for c in every if c.data_type == "f"]
    assert not [f for f in formulas if "HYPERLINK" in f or "contoh.invalid" in f]
    return [c.value for c in every if c.data_type == "s" and isinstance(c.value, str)]


def _shows_text_only(page, path: str) -> None:
    nav(page, path)
    assert error_texts(page) == [], path
    main = page.locator('[data-testid="stMain"]')
    # no live link: not a tag, not a Markdown link, not a bare address Markdown links itself
    assert page.locator('a[href*="contoh.invalid"]').count() == 0, path
    assert page.locator('[data-testid="stPlotlyChart"] a').count() == 0, path
    assert main.locator(".katex").count() == 0, path  # no formula
    scripts = main.locator("script").all_inner_texts()  # only the deck's own key handler
    assert not [t for t in scripts if "alert(" in t], path
    assert main.locator("strong", has_text="Tebal").count() == 0, path  # no bold from data


def test_names_with_markup_are_text_everywhere(page, server_url, tmp_path):
    name = "nama_**tebal**_$x^2$.xlsx"
    open_app(page, server_url + "/")
    upload(page, [(name, markup_names())])
    for path in ("/", "/opd", "/produktivitas", "/evaluasi_sotk", "/keseimbangan",
                 "/kematangan", "/perencanaan", "/simulasi", "/data"):
        _shows_text_only(page, path)
    assert name in page.locator('[data-testid="stMain"]').inner_text()  # the file, as named

    nav(page, "/produktivitas")
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert MARKUP_UNIT in body or MARKUP_OPD in body
    nav(page, "/opd")  # the positions table: the unit name as typed (the word joiner that
    body = page.locator('[data-testid="stMain"]').inner_text()  # stops a bare link is invisible)
    assert MARKUP_UNIT in body.replace("\u2060", "")

    nav(page, "/data")  # every download: no cell a spreadsheet would evaluate
    with page.expect_download() as got:
        page.get_by_role("button", name="Workbook hasil (.xlsx)").click()
    cells = _cells_of_xlsx(got.value.path().read_bytes())
    assert any(MARKUP_POSITIONS["J06"] in c for c in cells)  # the name is there, inert
    assert not [c for c in cells if c.startswith(FORMULA)]
    for tab in ("OPD", "Unit", "Jabatan", "Beban kerja", "Kematangan"):  # each raw table
        page.get_by_role("tab", name=tab).click()
        panel = page.get_by_role("tabpanel", name=tab)
        with page.expect_download() as got:
            panel.get_by_role("button", name="Unduh tabel (.csv)").click()
        rows = list(csv.reader(io.StringIO(got.value.path().read_text(encoding="utf-8-sig"))))
        assert len(rows) > 1, tab
        assert not [c for row in rows for c in row if c.startswith(FORMULA)], tab
        if tab == "Jabatan":  # the name is there, inert
            assert "'" + MARKUP_POSITIONS["J06"] in [c for row in rows for c in row]
    _shows_text_only(page, "/presentasi")  # last: the deck hides the sidebar
