"""Fixtures of the reader's process tests (test_isolate, test_prefetch)."""

from __future__ import annotations

import pytest

from sotk_core.workbook import isolate


@pytest.fixture()
def fresh_pool(monkeypatch):
    """Workers started inside the test (so they inherit its monkeypatches), stopped after."""
    isolate._POOL.close()
    monkeypatch.setattr(isolate, "START_METHOD", "fork")
    yield isolate
    isolate._POOL.close()
