"""Static images of figures (PNG for slides and Excel, SVG for print) through kaleido 1.x,
which drives the system Chromium (Debian package, /usr/bin/chromium)."""

from __future__ import annotations

import os
import shutil
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import plotly.graph_objects as go

from sotk_core.present.charts._safe import escape_figure

CHROMIUM = "/usr/bin/chromium"
_LOCK = threading.RLock()  # one export at a time: the kaleido sync server is a singleton


def _browser() -> str:
    """Point kaleido (choreographer) at the system Chromium unless BROWSER_PATH is set."""
    if os.path.exists(CHROMIUM):
        os.environ.setdefault("BROWSER_PATH", CHROMIUM)
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or \
        shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not path or not os.path.exists(path):
        raise RuntimeError(
            "Gambar grafik tidak dapat dibuat: peramban Chromium tidak ditemukan. "
            "Pasang paket 'chromium' atau isi variabel lingkungan BROWSER_PATH.")
    return path


def to_image(fig: go.Figure, fmt: str = "png", width: int = 1600, height: int | None = None,
             scale: float = 1) -> bytes:
    """Render `fig` to bytes in `fmt` (png, svg, pdf, jpeg, webp).

    height None = the figure's own layout height (tall charts with many rows), else 900.
    Raises RuntimeError with an Indonesian message when Chromium/kaleido cannot run.
    """
    _browser()
    escape_figure(fig)
    h = height or fig.layout.height or 900
    try:
        with _LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "kopts ignored" under a sync server
            return fig.to_image(format=fmt, width=int(width), height=int(h), scale=scale)
    except Exception as exc:  # kaleido/choreographer raise many kinds; one clear message
        raise RuntimeError(
            "Gambar grafik tidak dapat dibuat: Chromium/kaleido gagal dijalankan "
            f"({type(exc).__name__}: {exc})") from exc


def to_png(fig: go.Figure, width: int = 1600, height: int | None = 900,
           scale: float = 1) -> bytes:
    """PNG bytes of `fig` at width × height layout px (× scale physical px); height None =
    the figure's own height."""
    return to_image(fig, "png", width, height, scale)


def to_svg(fig: go.Figure, width: int = 1600, height: int | None = 900) -> bytes:
    """SVG bytes of `fig` (text stays text; fonts resolved by the viewer)."""
    return to_image(fig, "svg", width, height, 1)


@contextmanager
def image_session() -> Iterator[None]:
    """Keep one Chromium running for many exports (a PDF deck): about 3 s saved per figure.

    with image_session():
        pages = [to_png(f) for f in figures]
    """
    import kaleido

    _browser()
    with _LOCK:
        server = getattr(kaleido, "_global_server", None)
        started = False
        try:
            if server is None or not server.is_running():
                kaleido.start_sync_server(silence_warnings=True)
                started = True
        except Exception as exc:
            raise RuntimeError(
                "Gambar grafik tidak dapat dibuat: Chromium/kaleido gagal dijalankan "
                f"({type(exc).__name__}: {exc})") from exc
        try:
            yield
        finally:
            if started:
                kaleido.stop_sync_server(silence_warnings=True)
