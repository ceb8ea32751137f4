"""Shared fixtures: the hand-built Dinas Uji and the sample city."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from builders import opd_bytes  # noqa: E402

from sotk_core import Settings, build_city, evaluate, load_paths, read_workbook  # noqa: E402

SAMPLE_DIR = ROOT / "sample_data"

# The embedded workspace database of everything the tests start (app, CLI) lives in a
# throw-away folder, never in the user's ~/.local/share/sotk-dashboard.
if "SOTK_DATA_DIR" not in os.environ:
    os.environ["SOTK_DATA_DIR"] = tempfile.mkdtemp(prefix="sotk-test-data-")
os.environ.pop("SOTK_DATABASE_URL", None)


@pytest.fixture(scope="session")
def uji_eval():
    city = build_city([read_workbook(opd_bytes(), "uji.xlsx")])
    return evaluate(city, Settings())


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    paths = sorted(SAMPLE_DIR.glob("*.xlsx"))
    if not paths:
        pytest.fail("sample_data/*.xlsx missing: run python sample_data/generate.py")
    return paths


@pytest.fixture(scope="session")
def sample_city(sample_paths):
    return load_paths(sample_paths, name="Kota Contoh")


@pytest.fixture(scope="session")
def sample_eval(sample_city):
    return evaluate(sample_city, Settings())
