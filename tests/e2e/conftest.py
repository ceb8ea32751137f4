"""Real-browser fixtures: one `streamlit run app.py` per test session, Debian's chromium driven
by Playwright (sync API). Every test in tests/e2e/ is marked `e2e`.

Reusable pieces (e.g. for the Simulasi browser flow):
  server_url            fixture: "http://127.0.0.1:<port>" of the running app
  browser               fixture: the launched chromium (session scope)
  new_context(...)      fixture: factory of isolated browser contexts (= separate sessions)
  page                  fixture: a 1280×720 page in its own context, not yet navigated
  open_app(page, url)   go to a URL and wait_for_app
  wait_for_app(page)    wait until Streamlit finished running and the page is drawn
  nav(page, url_path)   switch page with the sidebar link (keeps the session, unlike goto)
  upload(page, files)   set files on the sidebar uploader's <input type=file>
  choose(page, key, option) / selected(page, key): st.selectbox by widget key
  error_texts(page)     texts of st.exception / st.error elements on the page
  shot(page, name)      screenshot into artifacts/screenshots/<name>.png

In CI (CI=true) a missing chromium or Playwright fails the browser tests; locally they skip.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
LOG = ROOT / "artifacts" / "streamlit_e2e.log"
CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-gpu"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VIEWPORTS = {"1024x768": {"width": 1024, "height": 768},  # a common projector, sidebar open
             "1280x720": {"width": 1280, "height": 720},
             "1920x1080": {"width": 1920, "height": 1080}}
# url path of every page (app.py: url_path = file stem, Ringkasan is the default "/")
PATHS = ("/", "/opd", "/kematangan", "/produktivitas", "/keseimbangan", "/evaluasi_sotk",
         "/perencanaan", "/simulasi", "/presentasi", "/data")
APP_TIMEOUT_MS = 60_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


def _unavailable(reason: str) -> None:
    """No browser: a failure in CI (browser tests must run there), a skip elsewhere."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


# ---- the server ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:  # noqa: S310
            return r.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def app_server(extra_env: dict[str, str] | None = None, port: int | None = None,
               log_path: Path = LOG) -> Iterator[str]:
    """`streamlit run app.py` on a free (or the given) local port until the block ends;
    `extra_env` e.g. {"SOTK_DATABASE_URL": ...} for the workspace tests."""
    with app_process(extra_env, port, log_path) as (url, _):
        yield url


@contextlib.contextmanager
def app_process(extra_env: dict[str, str] | None = None, port: int | None = None,
                log_path: Path = LOG) -> Iterator[tuple[str, subprocess.Popen]]:
    """`app_server`, also giving the server's process (to see that it is still alive)."""
    port = port or _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(extra_env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not _healthy(url):
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}; see {log_path}",
                            pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after 60 s; see {log_path}", pytrace=False)
            time.sleep(0.2)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """`streamlit run app.py` on a free local port for the whole test session."""
    with app_server() as url:
        yield url


# ---- the browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} missing (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_context(browser) -> Iterator[Callable[..., object]]:
    """Factory of browser contexts (each one is a separate Streamlit session); closed after
    the test. Keyword arguments go to Browser.new_context (default viewport 1280×720)."""
    made = []

    def make(**kwargs: object):
        kwargs.setdefault("viewport", VIEWPORTS["1280x720"])
        kwargs.setdefault("locale", "id-ID")
        kwargs.setdefault("accept_downloads", True)
        ctx = browser.new_context(**kwargs)
        ctx.set_default_timeout(APP_TIMEOUT_MS)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        with contextlib.suppress(Exception):
            ctx.close()


@pytest.fixture
def page(new_context):
    """A 1280×720 page in a fresh context (not yet navigated: use open_app)."""
    return new_context().new_page()


# ---- helpers ------------------------------------------------------------------------------

_DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (app.dataset.testConnectionState && app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (!document.querySelector('[data-testid="stMainBlockContainer"]')) return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"],'
      + '[data-testid="stStatusWidgetRunningManIcon"]')) return false;
  if (document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(c => c.querySelector('.main-svg'));
}"""


def wait_for_app(page, timeout_ms: int = APP_TIMEOUT_MS, settle_ms: int = 600) -> None:
    """Wait until Streamlit finished running: connected, script not running, no running
    indicator in the status widget, the main block present, and every chart drawn. The state
    must hold for `settle_ms` (a rerun that starts a moment later is waited for too)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        left = max(int((deadline - time.monotonic()) * 1000), 1)
        page.wait_for_function(_DRAWN, timeout=left)
        page.wait_for_timeout(settle_ms)
        if page.evaluate(_DRAWN):
            return
        if time.monotonic() > deadline:
            raise TimeoutError("Streamlit did not settle")


def open_app(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def nav(page, url_path: str) -> None:
    """Switch page with the sidebar link: a client-side switch that keeps the session (a
    page.goto would open a new session without this session's uploads)."""
    stem = url_path.strip("/")
    links = page.locator('[data-testid="stSidebarNav"] a')
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{stem}"]') if stem else links.first
    link.click()
    if stem:
        page.wait_for_url(f"**/{stem}*")
    wait_for_app(page)


def upload(page, files: Sequence[tuple[str, bytes]]) -> None:
    """Upload (name, bytes) files through the sidebar uploader's real <input type=file>; waits
    until the sidebar shows the uploaded data source."""
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
        [{"name": name, "mimeType": XLSX, "buffer": data} for name, data in files])
    page.locator('[data-testid="stSidebar"]').get_by_text("Unggahan Anda").wait_for()
    wait_for_app(page)


def choose(page, key: str, option: str) -> None:
    """Pick `option` (as displayed) in the st.selectbox with this key and wait for the rerun."""
    box = page.locator(f".st-key-{key} input")
    box.scroll_into_view_if_needed()
    box.click()
    box.fill(option)  # filter: a long list renders only the options in view
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function(
        f"() => document.querySelector('.st-key-{key} input')?.value === {option!r}")
    wait_for_app(page)


def selected(page, key: str) -> str:
    """The displayed value of the st.selectbox with this key."""
    return page.locator(f".st-key-{key} input").input_value()


def error_texts(page) -> list[str]:
    """Texts of every exception box and st.error on the page (empty = clean)."""
    boxes = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [t.strip() for t in boxes.all_inner_texts()]


def metric_values(page) -> list[str]:
    return [t.strip() for t in page.locator('[data-testid="stMetricValue"]').all_inner_texts()]


def heading(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def shot(page, name: str, full: bool = False) -> Path:
    """Screenshot into artifacts/screenshots/<name>.png (git-ignored). `full`: the main area
    scrolls inside its own container, so the viewport is stretched to the content's height
    for one picture of the whole page, then restored."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    if not full:
        page.screenshot(path=str(path))
        return path
    size = page.viewport_size
    height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]),
                                                                   16000)})
    wait_for_app(page)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def sign_in(page, username: str, password: str) -> None:
    """Sign in with the sidebar form (the expander opens itself when a link named a
    workspace; otherwise it is opened here)."""
    name = page.locator(".st-key-login_name input")
    if not name.is_visible():
        page.locator('[data-testid="stSidebar"] summary',
                     has_text="Masuk untuk membuka ruang kerja").first.click()
    name.fill(username)
    page.locator(".st-key-login_password input").fill(password)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Masuk").click()
    wait_for_app(page)
