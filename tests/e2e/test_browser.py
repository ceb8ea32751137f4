"""The app in a real browser (Debian chromium + Playwright) against `streamlit run app.py`:
every page loads without an error box, uploads through the real file input, session
isolation between two browsers, and the ?opd= deep link.

The uploaded "Dinas Uji" is the hand-built OPD of tests/builders.py: 10 staff, need 11,
EU 12.980 jam ÷ 1.250 ÷ 10 = 1,04 (hand computation in tests/app/test_sidebar.py).
"""

from __future__ import annotations

import copy
from urllib.parse import quote

import pytest
from builders import TASKS, opd_bytes

from sotk_core.base.fmt import fmt_num
from sotk_ui.style import DIALOGS, RECONNECT_LABEL
from tests.e2e.conftest import (
    PATHS,
    app_process,
    choose,
    error_texts,
    heading,
    metric_values,
    nav,
    open_app,
    selected,
    upload,
    wait_for_app,
)

SAMPLE_TITLE = "Ringkasan Kota Contoh (data fiktif)"
GOOD = ("dinas_uji.xlsx", opd_bytes())


def _broken() -> bytes:
    tasks = copy.deepcopy(TASKS)
    tasks[2]["volume"] = "tiga puluh"  # 3rd task = Excel row 4 of sheet Beban Kerja
    return opd_bytes({"name": "Dinas Rusak", "abbr": "DR"}, **{"Beban Kerja": tasks})


BROKEN = ("dinas_rusak.xlsx", _broken())


def settings_line(page) -> str:
    """The "Dihitung dengan ..." line app.py draws on every page (settings in use)."""
    return page.get_by_text("Dihitung dengan", exact=False).first.inner_text()


def expander(page, text: str):
    box = page.locator('[data-testid="stExpander"]').filter(has_text=text)
    assert box.count() == 1, text
    return box


def grid_cells(box) -> list[str]:
    """Cells of the st.dataframe inside `box`, read from the grid's accessibility table (the
    grid draws on a canvas, and only once it is on screen)."""
    box.scroll_into_view_if_needed()
    box.locator('[data-testid="glide-cell-0-0"]').wait_for(state="attached")
    return [t.strip() for t in box.locator('[data-testid^="glide-cell-"]').all_text_contents()]


@pytest.mark.parametrize("path", PATHS)
def test_page_loads_without_error(page, server_url, path):
    open_app(page, server_url + path)
    assert error_texts(page) == []
    main = page.locator('[data-testid="stMain"]')
    assert main.inner_text().strip(), path  # something drawn
    if path != "/presentasi":  # slides need no page title
        assert main.locator("h1").count() == 1, path
    if path != "/presentasi":  # the presentation mode hides the sidebar
        assert "Kota Contoh (data fiktif)" in page.locator('[data-testid="stSidebar"]').inner_text()


STREAMLIT_ENGLISH = ("Print", "Record screen", "Made with Streamlit", "Stop", "Running")

WATCH_STATUS = """() => { window.__stop = [];
  new MutationObserver(() => {
    const b = document.querySelector('[data-testid="stStatusWidget"] button');
    if (b) window.__stop.push([getComputedStyle(b, '::after').content,
                               getComputedStyle(b).fontSize]);
  }).observe(document.body, {subtree: true, childList: true}); }"""

STATUS_RULE = """() => [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; }
  catch (e) { return []; } }).filter(r => (r.selectorText || '').includes('stStatusWidget')
  && (r.selectorText || '').includes('::after')).map(r => r.style.content)"""


def test_streamlit_chrome_speaks_indonesian(page, server_url):
    """No English from Streamlit's own chrome: the main menu ("Print", "Record screen",
    "Made with Streamlit") is not drawn, and the running indicator's "Stop" reads
    "Hentikan"."""
    open_app(page, server_url + "/")
    menu = page.locator('[data-testid="stMainMenu"]')
    assert menu.count() == 0 or not menu.is_visible()
    assert page.evaluate(STATUS_RULE) == ['"Hentikan"']
    page.evaluate(WATCH_STATUS)
    nav(page, "/keseimbangan")
    nav(page, "/")
    for content, size in page.evaluate("window.__stop"):  # when the indicator showed
        assert (content, size) == ('"Hentikan"', "0px")
    shown = page.locator("body").inner_text()
    assert [w for w in STREAMLIT_ENGLISH if w in shown] == []


SHOWN = """sel => [...document.querySelectorAll(sel)].map(e => [
  getComputedStyle(e).fontSize, getComputedStyle(e).display,
  getComputedStyle(e, '::after').content])"""


def _dialog_shows(page, english: str) -> None:
    """Streamlit's message box titled `english` shows its Indonesian title and text instead
    (DIALOGS), the English drawn at size 0 or not at all."""
    mark, title, text = DIALOGS[english]
    box = f'section[role="dialog"][data-sotk-dialog="{mark}"]'
    page.locator(box).wait_for(state="attached", timeout=60_000)
    assert [(size, after) for size, _, after in page.evaluate(SHOWN, f"{box} > h2")] == [
        ("0px", f'"{title}"')]
    assert page.evaluate(SHOWN, f"{box} > h2 + div")[0][2] == f'"{text}"'
    hidden = page.evaluate(SHOWN, f"{box} > h2 + div > *")
    assert hidden and {display for _, display, _ in hidden} == {"none"}


def test_a_server_out_of_reach_is_explained_in_indonesian(page, tmp_path):
    """The server stops under an open page (a restart, a replica gone): Streamlit's English
    "Connecting" and its "Connection error … not responding" box show Indonesian text."""
    with app_process(log_path=tmp_path / "streamlit.log") as (url, proc):
        open_app(page, url + "/")
        proc.kill()
        proc.wait(timeout=15)
        page.locator('[data-testid="stConnectionStatus"]').wait_for(timeout=30_000)
        assert page.evaluate(SHOWN, '[data-testid="stConnectionStatus"] label') == [
            ["0px", "block", f'"{RECONNECT_LABEL}"']]
        _dialog_shows(page, "Connection error")


def test_an_address_of_no_page_is_explained_in_indonesian(page, server_url):
    open_app(page, server_url + "/tidak_ada_halaman_ini")
    _dialog_shows(page, "Page not found")


def test_ringkasan_shows_the_sample_city(page, server_url, sample_eval):
    open_app(page, server_url + "/")
    s = sample_eval.summary
    assert heading(page) == SAMPLE_TITLE
    values = metric_values(page)
    assert values[:3] == [f"{fmt_num(s['existing'])} orang",
                          f"+{fmt_num(s['surplus'])} / −{fmt_num(s['shortage'])}",
                          fmt_num(s["eu"], 2)]
    # one drawn chart per st.plotly_chart of the page (4 on the sample city)
    assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 4


def test_upload_good_and_broken_workbook(page, server_url):
    open_app(page, server_url + "/")
    upload(page, [GOOD, BROKEN])
    assert error_texts(page) == []
    assert heading(page) == "Ringkasan Kota (unggahan)"
    assert metric_values(page)[:3] == ["10 orang", "+2 / −3", "1,04"]
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]')
    assert caption.filter(has_text="1 OPD dihitung dari 2 file").count() == 1

    nav(page, "/data")
    assert heading(page) == "Data"
    assert error_texts(page) == []
    assert "dinas_uji.xlsx: tidak ada masalah" in expander(page, "dinas_uji.xlsx").inner_text()
    bad = expander(page, "dinas_rusak.xlsx")
    assert "1 galat — OPD ini tidak dihitung" in bad.inner_text()
    cells = grid_cells(bad)
    # Indonesian message with sheet, row (as Excel shows it) and column
    assert cells[:4] == ["Galat", "Beban Kerja", "4", "Volume"]
    assert "Kolom 'Volume' berisi teks 'tiga puluh', bukan angka." in cells[4]

    # back to the sample city with one click
    page.locator('[data-testid="stSidebar"]').get_by_role(
        "button", name="Kembali ke kota contoh").click()
    # the sample city: the 18 workbooks of sample_data/
    page.locator('[data-testid="stMain"]').get_by_text("18 file dimuat").wait_for()
    wait_for_app(page)
    assert error_texts(page) == []


def add_note(page, text: str) -> None:
    """Write an FGD note in the Produktivitas notes expander (sotk_ui.notes) and save it."""
    box = page.locator('[data-testid="stExpander"]').filter(has_text="Catatan FGD")
    box.locator("summary").click()
    area = page.locator(".st-key-prod_notes_text textarea")
    area.fill(text)
    area.press("Tab")  # commit the text area before the click
    wait_for_app(page)
    page.locator(".st-key-prod_notes_save button").click()
    # the saved note's line (the text area may hold the text a moment longer; the expander,
    # whose label now counts the note, may be drawn folded)
    page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"]').get_by_text(
        text).wait_for(state="attached")
    wait_for_app(page)


def test_sessions_are_isolated(new_context, server_url, sample_eval):
    """What browser A uploads, notes and changes is never visible in browser B."""
    a = new_context().new_page()
    b = new_context().new_page()
    opd = sample_eval.city.opd_names[0]
    open_app(a, server_url + "/produktivitas")
    open_app(b, server_url + "/produktivitas")
    sample_staff = f"{fmt_num(sample_eval.summary['existing'])} orang"
    secret = "Catatan sesi A: jangan terlihat di sesi lain"

    # A: a note on the first OPD, an upload and the WKE preset 1.300 jam
    assert selected(a, "prod_opd_widget") == opd
    add_note(a, secret)
    assert a.locator('[data-testid="stExpander"]').filter(
        has_text=f"Catatan FGD · {opd} (1)").count() == 1
    upload(a, [GOOD])
    choose(a, "set_preset", "1.300 jam · Permendagri 12/2008")
    assert "WKE 1.300 jam/tahun" in settings_line(a)
    nav(a, "/")
    assert metric_values(a)[0] == "10 orang"

    # B reruns (page switches in its own session): sample city, 1.250 jam, no note
    nav(b, "/data")
    assert "Kota Contoh (data fiktif) · 18 file dimuat" in b.locator(
        '[data-testid="stMain"]').inner_text()
    assert b.locator('[data-testid="stExpander"]').filter(has_text="dinas_uji.xlsx").count() == 0
    nav(b, "/produktivitas")
    assert selected(b, "prod_opd_widget") == opd
    assert b.locator('[data-testid="stExpander"]').filter(
        has_text=f"Catatan FGD · {opd} (0)").count() == 1
    assert secret not in b.locator("body").inner_text()
    nav(b, "/")
    assert heading(b) == SAMPLE_TITLE
    assert metric_values(b)[0] == sample_staff
    assert "WKE 1.250 jam/tahun" in settings_line(b)
    assert "Unggahan Anda" not in b.locator('[data-testid="stSidebar"]').inner_text()
    assert selected(b, "set_preset") == "1.250 jam · PermenPANRB 1/2020"

    # a third, new browser too
    c = new_context().new_page()
    open_app(c, server_url + "/")
    assert heading(c) == SAMPLE_TITLE and metric_values(c)[0] == sample_staff

    # and A kept its own data, setting and note
    nav(a, "/produktivitas")
    assert selected(a, "prod_opd_widget") == "Dinas Uji"
    assert "WKE 1.300 jam/tahun" in settings_line(a)
    assert error_texts(a) == [] and error_texts(b) == [] and error_texts(c) == []


def test_deep_link_opens_the_opd(page, server_url, sample_eval):
    name = "Dinas Kesehatan"
    o = sample_eval.opds.set_index("opd").loc[name]
    open_app(page, f"{server_url}/produktivitas?opd={quote(name)}")
    assert error_texts(page) == []
    assert selected(page, "prod_opd_widget") == name
    assert metric_values(page)[0] == f"{fmt_num(o['existing'])} orang"
    assert metric_values(page)[2] == fmt_num(o["eu"], 2)
    assert f"opd={quote(name)}" in page.url or f"opd={name.replace(' ', '+')}" in page.url
