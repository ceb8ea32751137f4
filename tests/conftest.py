"""Shared fixtures: the hand-built Dinas Uji and the sample city."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from builders import opd_bytes  # noqa: E402

from sotk_core import Settings, build_city, evaluate, load_paths, read_workbook  # noqa: E402

SAMPLE_DIR = ROOT / "sample_data"


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
