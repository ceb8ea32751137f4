"""Page switches in the real browser (issue 11): the 40-OPD benchmark city uploaded against the
sample city, every page, timed from the click on the sidebar link until the page is drawn.

    python benchmarks/browser.py [--opd 40] [--rounds 3]

Starts `streamlit run app.py` on a free port and Debian's chromium through Playwright (the
helpers of tests/e2e/conftest.py). Two sessions: one on the sample city, one with the
benchmark city uploaded through the sidebar. Both tour every page --rounds times after one
warm-up tour (first visits fill the caches), switch by switch in turn (sample, then the
upload) so that both see the same load of a shared machine; a switch counts from the click
until the page's own title shows and Streamlit is idle with every chart drawn (the settle
check is not counted). Prints the median per page, the ratio and the target (≤ 1.5×), then
the CPU seconds of each switch in the browser tab and the server (less noisy than wall time
on a shared machine). Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import city_paths  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    _DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    PATHS,
    VIEWPORTS,
    _free_port,
    _healthy,
    upload,
    wait_for_app,
)

TARGET = 1.5
TASKS_PER_OPD = 2500


PRESENTATION = "/presentasi"  # no sidebar and no page title: its slide counter shows it
EXIT = "Keluar dari mode presentasi"  # in the "Opsi" popover
COUNTER = """() => /\\d+\\s*\\/\\s*\\d+/.test(
  document.querySelector('.st-key-deck_count')?.innerText ?? '')"""


def _title(page) -> str:
    return page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText ?? ''").strip()


def _shown(page, path: str, title: str) -> bool:
    if path == PRESENTATION:
        return bool(page.evaluate(COUNTER))
    return _title(page) == title


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads) from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


class Meter:
    """CPU seconds a switch costs, less noisy than wall time on a shared machine: the
    browser tab's main-thread task time (Chrome DevTools Performance.getMetrics
    TaskDuration) and the Streamlit server's CPU. Both include the settle check after the
    page is drawn (600 ms idle, little work) and, for the presentation, leaving it again; the
    same for both sessions."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.sessions: dict[object, object] = {}

    def browser(self, page) -> float:
        if page not in self.sessions:
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            self.sessions[page] = cdp
        metrics = self.sessions[page].send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

    def server(self) -> float:
        return _cpu_seconds(self.server_pid)


def _switch(page, path: str, title: str) -> float:
    """Seconds from the click on the page's sidebar link until it is drawn; the presentation
    mode is left again afterwards (not counted)."""
    stem = path.strip("/")
    links = page.locator('[data-testid="stSidebarNav"] a')
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{stem}"]') if stem else links.first
    start = time.perf_counter()
    link.click()
    while True:
        if path == PRESENTATION:
            page.wait_for_function(COUNTER, polling=25)
        else:
            page.wait_for_function(
                "(t) => (document.querySelector('[data-testid=\"stMain\"] h1')?.innerText ?? '')"
                ".trim() === t", arg=title, polling=25)
        page.wait_for_function(_DRAWN, polling=25)
        drawn = time.perf_counter()
        page.wait_for_timeout(600)  # still drawn a moment later: not a rerun about to start
        if page.evaluate(_DRAWN) and _shown(page, path, title):
            break
    if path == PRESENTATION:
        page.get_by_role("button", name="Opsi").click()
        page.get_by_text(EXIT).first.click()
        wait_for_app(page)
    return drawn - start


MEASURES = ("wall s", "browser cpu s", "server cpu s")


def _tour(pages: dict[str, object], titles: dict[str, dict[str, str]], rounds: int,
          meter: Meter) -> dict[str, dict[str, dict[str, list[float]]]]:
    """Every page switch timed in each session in turn (sample, then upload, page by page),
    so both see the same load of a shared machine; round 0 warms the caches.
    Returns measure -> session -> page -> one value per round."""
    out = {m: {label: {p: [] for p in PATHS} for label in pages} for m in MEASURES}
    for r in range(rounds + 1):
        for path in PATHS:
            for label, page in pages.items():
                browser, server = meter.browser(page), meter.server()
                seconds = _switch(page, path, titles[label].get(path, ""))
                if r:
                    for m, v in zip(MEASURES, (seconds, meter.browser(page) - browser,
                                               meter.server() - server), strict=True):
                        out[m][label][path].append(v)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    files = [(p.name, p.read_bytes()) for p in city_paths(args.opd, args.opd * TASKS_PER_OPD)]
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 90
        while not _healthy(url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("streamlit did not start")
            time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages, titles, contexts = {}, {}, []
            for label in ("sample", "upload"):
                own: dict[str, str] = {}  # per session: Ringkasan's title names the city
                ctx = browser.new_context(viewport=VIEWPORTS["1280x720"], locale="id-ID")
                ctx.set_default_timeout(180_000)
                contexts.append(ctx)
                page = ctx.new_page()
                page.goto(url)
                wait_for_app(page)
                if label == "upload":
                    upload(page, files)
                for path in PATHS:  # each page's own title, to know when it is shown
                    if path == PRESENTATION:
                        continue
                    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path.strip("/")}"]'
                                 if path != "/" else '[data-testid="stSidebarNav"] a').first.click()
                    wait_for_app(page)
                    own[path] = _title(page)
                pages[label], titles[label] = page, own
            results = _tour(pages, titles, args.rounds, Meter(server.pid))
            for ctx in contexts:
                ctx.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"python benchmarks/browser.py --opd {args.opd} --rounds {args.rounds} "
          f"(medians of {args.rounds} switches per page; load average "
          f"{os.getloadavg()[0]:.1f})")
    print(f"{'page':<16} {'sample city s':>14} {f'{args.opd} OPD s':>10} {'ratio':>7}  target ≤ "
          f"{TARGET}×")
    wall = results["wall s"]
    worst = 0.0
    for path in PATHS:
        a = statistics.median(wall["sample"][path])
        b = statistics.median(wall["upload"][path])
        worst = max(worst, b / a)
        print(f"{path:<16} {a:>14.2f} {b:>10.2f} {b / a:>6.2f}×  "
              f"{'ok' if b / a <= TARGET else 'MISSED'}")
    print(f"worst ratio {worst:.2f}×")
    print("\nCPU seconds per switch (medians; sample / upload, ratio):")
    print(f"{'page':<16} " + "  ".join(f"{m:>22}" for m in MEASURES[1:]))
    for path in PATHS:
        cells = []
        for m in MEASURES[1:]:
            a = statistics.median(results[m]["sample"][path])
            b = statistics.median(results[m]["upload"][path])
            cells.append(f"{a:6.2f} / {b:5.2f} {b / a if a else float('nan'):5.2f}×")
        print(f"{path:<16} " + "  ".join(f"{c:>22}" for c in cells))
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
