"""Hostile workbooks (issue 16, tests/data/make_hostile.py): each gives exactly its issues,
never stops a good workbook read with it, and — as a person runs it, in a fresh process —
ends with exit 0 or 2, no traceback, under 1 GB peak memory and 30 s.

The good workbook is Dinas Uji renamed "Dinas Baik": 12,980 h, need 11, existing 10,
surplus 2, shortage 3 (tests/builders.py, by hand).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sotk_core import Settings
from sotk_core.model.city import load_files
from sotk_core.model.workload import compute_workload
from tests.builders import opd_bytes
from tests.core.measure import run_cli
from tests.data.make_hostile import CASES, MARKUP_OPD, Hostile, build_hostile

ROOT = Path(__file__).resolve().parents[2]
GOOD_FILE = "baik.xlsx"
GOOD_OPD = "Dinas Baik"
LIMIT_MB = 1024
LIMIT_S = 30


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def good_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / GOOD_FILE
    path.write_bytes(opd_bytes({"name": GOOD_OPD, "abbr": "DB"}))
    return path


def _opd_of(case: Hostile) -> str:
    return MARKUP_OPD if case.file == "markup_nama.xlsx" else "Dinas Uji"


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_each_hostile_file_gives_exactly_its_issues_and_the_good_one_computes(
        case, hostile, good_path):
    city = load_files([(case.file, hostile[case.file].read_bytes()),
                       (GOOD_FILE, good_path.read_bytes())], Settings())
    got = [(i.severity, i.sheet, i.row, i.column, i.message)
           for i in city.issues if i.file == case.file]
    assert got == [(e.severity, e.sheet, e.row, e.column, e.message) for e in case.expect]
    assert (_opd_of(case) in city.opd_names) == case.computes
    assert not [i for i in city.issues if i.file == GOOD_FILE]
    opd = compute_workload(city, Settings()).opds.set_index("opd").loc[GOOD_OPD]
    assert opd["workload_hours"] == 12_980
    assert (opd["need"], opd["existing"], opd["surplus"], opd["shortage"]) == (11, 10, 2, 3)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_the_command_line_survives_each_file_within_memory_and_time(case, hostile, good_path):
    run = run_cli("report", str(hostile[case.file]), str(good_path), "--json")
    assert run.code == (0 if case.computes else 2), run.stderr[-500:]
    assert run.clean, (run.stdout[-300:], run.stderr[-300:])
    assert run.peak_mb < LIMIT_MB and run.seconds < LIMIT_S, (run.peak_mb, run.seconds)
    report = json.loads(run.stdout)
    names = {o["name"] for o in report["opd"]}
    assert GOOD_OPD in names and (_opd_of(case) in names) == case.computes
    messages = [i["message"] for i in report["issues"] if i["file"] == case.file]
    assert messages == [e.message for e in case.expect]


def test_an_invisible_character_does_not_make_a_second_opd(hostile):
    """'Dinas\u200b Uji' is Dinas Uji: loaded with the clean workbook it is the same OPD."""
    city = load_files([("bersih.xlsx", opd_bytes()),
                       ("tak_terlihat.xlsx", hostile["karakter_tak_terlihat.xlsx"].read_bytes())])
    assert city.opd_names == ["Dinas Uji"]
    (dup,) = [i for i in city.issues if i.severity == "error"]
    assert dup.message.startswith("OPD 'Dinas Uji' sudah dimuat dari file 'bersih.xlsx'")


def test_codes_in_wide_or_arabic_digits_are_read_as_the_ascii_code(hostile):
    city = load_files([("x.xlsx", hostile["kode_lebar_penuh.xlsx"].read_bytes())])
    # rows 7 and 8 name J06 and J07: the same 12,980 h as Dinas Uji
    assert city.tasks["position"].tolist()[5:7] == ["J06", "J07"]
    assert compute_workload(city, Settings()).opds["workload_hours"].iloc[0] == 12_980


def test_the_committed_hostile_files_are_the_generated_ones(hostile):
    committed = ROOT / "tests" / "data" / "corpus"  # for people to try in the app
    for name, path in hostile.items():
        assert path.stat().st_size < 200 * 1024, name
        assert (committed / name).read_bytes() == path.read_bytes(), name  # else: regenerate
