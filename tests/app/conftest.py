"""AppTest fixtures shared by every page test (tests/app/).

`app` is a fresh AppTest of the repo's app.py (one new session per test) that has already
run once on the sample city; `new_app()` builds more of them (e.g. two sessions in one test).
Helpers for charts, KPI cards and tables live in tests/app/helpers.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 60


def build_app() -> AppTest:
    """A new AppTest session of app.py (not yet run)."""
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


@pytest.fixture
def new_app() -> Callable[[], AppTest]:
    """Factory: each call is a new browser session of app.py, not yet run."""
    return build_app


@pytest.fixture
def app() -> AppTest:
    """A new session of app.py after its first run (Ringkasan on the sample city)."""
    at = build_app()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """file name -> the bytes a download button of the run served."""
    served: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def capture(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            served[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    return served
