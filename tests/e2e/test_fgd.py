"""In front of the room, in a real browser at 1024×768 (a common projector) with the sidebar
open: the deck answers a clicker and the keyboard from anywhere, keeps its place whatever a
scenario adds, and nothing a person must read is cut, overlapping or in English.

Sample city deck: 13 city slides + 5 per OPD section (18 OPDs) + 6 planning slides at the end
= 13 + 90 + 6 = 109 slides; Dinas Kesehatan
is the 8th OPD, its section starts at slide 49, slide 51 is "EU per bidang/bagian · Dinkes".
A scenario adds 7 slides before the OPD sections (sotk_core.present.deck.SCENARIO_SLIDES).
"""

from __future__ import annotations

import pytest

from sotk_core.present.deck import SCENARIO_SLIDES
from tests.e2e.conftest import PATHS, VIEWPORTS, choose, error_texts, nav, open_app, wait_for_app

PROJECTOR = VIEWPORTS["1024x768"]
DECK = 109
DINKES = "Dinas Kesehatan"


@pytest.fixture
def projector(new_context):
    return new_context(viewport=PROJECTOR).new_page()


def counter(page) -> tuple[int, int]:
    i, n = page.locator(".st-key-deck_count").inner_text().replace(" ", "").split("/")
    return int(i), int(n)


def press(page, key: str, expect: int) -> None:
    """Press `key` and wait until the deck shows slide `expect`."""
    page.keyboard.press(key)
    page.wait_for_function(
        "n => document.querySelector('.st-key-deck_count')?.innerText.replace(/\\s/g, '')"
        ".startsWith(n + '/')", arg=expect)
    wait_for_app(page)


def jump(page, opd: str) -> None:
    """Lompat ke OPD (the box empties itself after the jump)."""
    page.locator(".st-key-deck_jump input").click()
    page.get_by_role("option", name=opd, exact=True).click()
    page.wait_for_timeout(300)
    wait_for_app(page)


def slide_title(page) -> str:
    return page.locator(".st-key-deck_stage h1").first.inner_text().strip()


def test_clicker_and_keyboard_advance_the_deck_from_anywhere(projector, server_url):
    page = projector
    open_app(page, server_url + "/presentasi")
    assert counter(page) == (1, DECK)
    press(page, "PageDown", 2)  # a wireless clicker
    press(page, "Space", 3)
    press(page, "Shift+Space", 2)
    press(page, "PageUp", 1)
    press(page, "End", DECK)
    press(page, "Home", 1)
    press(page, "ArrowRight", 2)
    press(page, "ArrowLeft", 1)
    jump(page, DINKES)
    assert counter(page) == (49, DECK) and slide_title(page) == DINKES
    # focus is back on the slide: the arrows move the deck, not the select box
    assert page.evaluate("() => !!document.activeElement.closest('.st-key-deck_stage')")
    press(page, "ArrowRight", 50)
    press(page, "PageDown", 51)
    assert slide_title(page) == "EU per bidang/bagian · Dinkes"
    # after a mouse click on "Berikutnya", Space still moves one slide (not two)
    page.get_by_role("button", name="Berikutnya").click()
    page.wait_for_function("() => document.querySelector('.st-key-deck_count')"
                           ".innerText.replace(/\\s/g, '').startsWith('52/')")
    wait_for_app(page)
    press(page, "Space", 53)
    # four quick clicker presses move four slides (none is lost while the app redraws)
    for _ in range(4):
        page.keyboard.press("PageDown")
        page.wait_for_timeout(80)
    page.wait_for_function("() => document.querySelector('.st-key-deck_count')"
                           ".innerText.replace(/\\s/g, '').startsWith('57/')", timeout=60_000)
    assert error_texts(page) == []


def test_back_on_the_same_slide_after_a_scenario_change(projector, server_url, sample_eval):
    page = projector
    open_app(page, server_url + "/presentasi")
    jump(page, DINKES)
    press(page, "PageDown", 50)
    press(page, "PageDown", 51)
    title = slide_title(page)
    assert title == "EU per bidang/bagian · Dinkes"
    # leave the deck (Opsi › Keluar), make a what-if move, come back
    page.get_by_role("button", name="Opsi").click()
    page.get_by_role("link", name="Keluar dari mode presentasi").click()
    wait_for_app(page)
    nav(page, "/simulasi")
    positions = sample_eval.workload.positions
    pos = positions.loc[positions["opd"] == DINKES].set_index("code")

    def label(code: str) -> str:
        p = pos.loc[code]
        existing = int(p["existing"])
        return f"{p['name']} · {p['unit_name']} ({existing} org)"

    choose(page, "whatif_opd_widget", DINKES)
    choose(page, "mv_from", label("08.04-02"))
    choose(page, "mv_to", label("08.04-03"))
    page.get_by_role("button", name="Terapkan pemindahan").click()
    wait_for_app(page)
    assert error_texts(page) == []
    nav(page, "/presentasi")
    assert counter(page) == (51 + SCENARIO_SLIDES, DECK + SCENARIO_SLIDES)
    assert slide_title(page) == title


# ---- projector fit -------------------------------------------------------------------------

CUT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const right = main.getBoundingClientRect().right + 1;
  const sel = ['[data-testid="stMetricValue"] > div', '[data-testid="stMetricLabel"] p',
               '[data-testid="stMetricDelta"] div', 'h1', 'h2', 'h3', 'h4', 'h5',
               '[data-baseweb="tab"] p', '[data-testid="stCaptionContainer"] p',
               '.st-key-deck_count p'];
  const out = [];
  for (const el of main.querySelectorAll(sel.join(','))) {
    const box = el.getBoundingClientRect();
    if (!box.width || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.scrollWidth > el.clientWidth + 1 || box.right > right)
      out.push(`${el.tagName} "${el.innerText.slice(0, 60)}" ${el.scrollWidth}>${el.clientWidth}`);
  }
  return out;
}"""

OVERLAP = """() => {
  // annotation texts of one chart (band labels, line labels) must not cover each other
  const out = [];
  for (const svg of document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')) {
    const boxes = [...svg.querySelectorAll('.annotation-text')]
      .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, b]) => b.width > 0);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 2 && h > 2) out.push(`"${a}" / "${b}"`);
      }
  }
  return out;
}"""

ENGLISH = """() => {
  // Streamlit's own English texts must not be visible (the uploader's button and size line)
  const words = /^(Upload|Browse files|Drag and drop files? here)$|MB per file •/;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent)
      .join('').trim();
    if (!own || !words.test(own)) continue;
    const st = getComputedStyle(el), box = el.getBoundingClientRect();
    if (st.display !== 'none' && st.visibility !== 'hidden' && parseFloat(st.fontSize) > 0
        && box.width > 0 && box.height > 0) out.push(own);
  }
  return out;
}"""


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_nothing_a_person_reads_is_cut_overlapping_or_english(new_context, server_url, size):
    page = new_context(viewport=VIEWPORTS[size]).new_page()
    found: dict[str, list[str]] = {}
    for path in PATHS:
        open_app(page, server_url + path)
        if path == "/simulasi":  # the effect tables and headline after a move
            page.get_by_role("button", name="Terapkan pemindahan").click()
            wait_for_app(page)
        problems = [f"terpotong: {p}" for p in page.evaluate(CUT)]
        problems += [f"bertumpuk: {p}" for p in page.evaluate(OVERLAP)]
        problems += [f"Inggris: {p}" for p in page.evaluate(ENGLISH)]
        if problems:
            found[path] = problems
    assert found == {}
