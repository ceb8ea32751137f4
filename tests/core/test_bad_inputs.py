"""Bad inputs (issue 7): each case of tests/data/make_corpus.py gives its Indonesian message at
the right file, sheet, Excel row and column, and nothing else; a good workbook read in one
load_files call with every case is still computed with the figures of tests/builders.py.

The good workbook is Dinas Uji renamed "Dinas Baik". By hand (tests/builders.py comments):
workload 1,000 + 1,200 + 1,500 + 1,000 + 905 + 3,000 + 1,250 + 3,125 = 12,980 h;
need 1+1+1+1+1+2+1+3 = 11; existing 1+1+2+1+1+3+1+0 = 10; surplus J03 (+1) + J06 (+1) = 2;
shortage J08 (3 needed, 0 staff) = 3.
"""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
import tracemalloc
import zipfile
from pathlib import Path

import fastexcel
import pytest
import python_calamine as pc

from sotk_core import Settings
from sotk_core.base.issues import IssueList
from sotk_core.model.city import load_files
from sotk_core.model.workload import compute_workload
from sotk_core.workbook import grid, guard, read_workbook
from sotk_core.workbook import reader as reader_module
from tests.builders import opd_bytes
from tests.data.make_corpus import CASES, Case, build_corpus

ROOT = Path(__file__).resolve().parents[2]
GOOD_FILE = "baik.xlsx"
GOOD_OPD = "Dinas Baik"
BAD_OPD = "Dinas Uji"  # every corpus workbook that can be read at all is Dinas Uji
SINGLE = [c for c in CASES if not c.file.startswith("opd_ganda")]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return build_corpus(tmp_path_factory.mktemp("corpus"), large=True)


@pytest.fixture(scope="session")
def good_bytes() -> bytes:
    return opd_bytes({"name": GOOD_OPD, "abbr": "DB"})


def _load(corpus: dict[str, Path], *names: str, good: bytes | None = None):
    files = [(n, corpus[n].read_bytes()) for n in names]
    city = load_files(files + ([(GOOD_FILE, good)] if good is not None else []), Settings())
    return city, compute_workload(city, Settings())


def _assert_good_still_computes(city, result) -> None:
    assert GOOD_OPD in city.opd_names
    assert not [i for i in city.issues if i.file == GOOD_FILE]
    opd = result.opds.set_index("opd").loc[GOOD_OPD]
    assert opd["workload_hours"] == 12_980
    assert (opd["need"], opd["existing"], opd["surplus"], opd["shortage"]) == (11, 10, 2, 3)


def _matches(issue, expect) -> bool:
    return (issue.severity == expect.severity and expect.fragment in issue.message
            and (issue.sheet, issue.row, issue.column) == (expect.sheet, expect.row, expect.column))


@pytest.mark.parametrize("case", SINGLE, ids=[c.file for c in SINGLE])
def test_case_gives_its_message_and_nothing_else(case: Case, corpus):
    city, _ = _load(corpus, case.file)
    issues = [i for i in city.issues if i.file == case.file]
    for expect in case.expect:  # each expected message, at its sheet / row / column
        assert any(_matches(i, expect) for i in issues), (expect, [str(i) for i in issues])
    for issue in issues:  # and nothing else
        assert any(_matches(issue, e) for e in case.expect), str(issue)
    assert (BAD_OPD in city.opd_names) == case.computes


def test_no_bad_file_stops_the_good_workbook(corpus, good_bytes):
    """Every case of the corpus and the good workbook in one load_files call."""
    city, result = _load(corpus, *(c.file for c in CASES), good=good_bytes)
    assert {i.file for i in city.issues} <= {c.file for c in CASES}
    _assert_good_still_computes(city, result)


def test_every_required_column_of_every_required_sheet_has_a_case():
    from sotk_core.workbook.spec import ALL_SHEETS

    required = {(s.name, c.header) for s in ALL_SHEETS if s.required for c in s.columns
                if c.required}
    covered = {(e.sheet, e.column) for c in CASES if c.file.startswith("kolom_hilang_")
               for e in c.expect}
    assert covered == required and len(required) == 16  # Profil 2, Unit 4, Jabatan 5, BK 5


def test_the_corpus_is_deterministic_and_small_files_are_small(tmp_path):
    first = build_corpus(tmp_path / "a", large=False)
    second = build_corpus(tmp_path / "b", large=False)
    assert [p.read_bytes() for p in first.values()] == [p.read_bytes() for p in second.values()]
    assert all(p.stat().st_size < 200 * 1024 for p in first.values())
    committed = ROOT / "tests" / "data" / "corpus"  # for people to try in the app
    for name, path in first.items():
        if (committed / name).exists():  # stale? run: python tests/data/make_corpus.py
            assert (committed / name).read_bytes() == path.read_bytes(), name


# --- cases whose figures or rows are checked beyond the message -----------------------------

def test_same_opd_twice_keeps_the_first_and_names_both_files(corpus):
    city, result = _load(corpus, "opd_ganda_1.xlsx", "opd_ganda_2.xlsx")
    assert city.opd_names == [BAD_OPD]
    assert result.opds.set_index("opd").loc[BAD_OPD, "file"] == "opd_ganda_1.xlsx"
    (issue,) = city.issues
    assert (issue.severity, issue.file, issue.sheet, issue.column) == (
        "error", "opd_ganda_2.xlsx", "Profil", "Nilai")
    assert issue.message == ("OPD 'Dinas Uji' sudah dimuat dari file 'opd_ganda_1.xlsx'; file "
                             "'opd_ganda_2.xlsx' diabaikan (file pertama yang dipakai).")


def test_indonesian_text_numbers_are_read_as_numbers(corpus):
    wb = read_workbook(corpus["angka_format_indonesia.xlsx"].read_bytes(), "x.xlsx")
    # "1.234,5" -> 1234.5 (J05), "2,5" -> 2.5 (J07), "1234.5" -> 1234.5 (J08)
    assert wb.tasks["volume"].tolist() == [4, 100, 30, 1, 1234.5, 1000, 2.5, 1234.5]
    result = compute_workload(load_files([("x.xlsx", corpus["angka_format_indonesia.xlsx"]
                                           .read_bytes())]), Settings())
    # 12,980 h - J05 905 - J07 1,250 - J08 3,125 + 1,234.5×100/60 + 2.5×75,000/60
    # + 1,234.5×100/60 = 7,700 + 2,057.5 + 3,125 + 2,057.5 = 14,940 h
    assert result.opds["workload_hours"].iloc[0] == pytest.approx(14_940)


def test_headers_under_a_title_block_keep_excel_row_numbers(corpus):
    wb = read_workbook(corpus["judul_di_baris3.xlsx"].read_bytes(), "x.xlsx")
    assert wb.tasks["row"].tolist() == list(range(4, 12))  # header on row 3, 8 tasks
    assert wb.units["row"].tolist() == list(range(4, 9))
    assert wb.positions["existing"].sum() == 10


def test_two_row_header_under_a_merged_group_title_is_read(corpus):
    wb = read_workbook(corpus["judul_gabung_dua_baris.xlsx"].read_bytes(), "x.xlsx")
    assert wb.ok and wb.tasks["row"].tolist() == list(range(3, 11))
    assert wb.tasks["period"].tolist() == ["Hari", "Bulan", "Minggu", "Triwulan", "Tahun",
                                           "Semester", "Tahun", "Tahun"]
    result = compute_workload(load_files([("x.xlsx", corpus["judul_gabung_dua_baris.xlsx"]
                                           .read_bytes())]), Settings())
    assert result.opds["workload_hours"].iloc[0] == 12_980  # same figures as Dinas Uji


def test_emoji_and_a_1000_character_unit_name_are_kept(corpus):
    wb = read_workbook(corpus["emoji_nama_panjang.xlsx"].read_bytes(), "x.xlsx")
    name = wb.units.loc[wb.units["code"] == "01.02", "name"].iloc[0]
    assert len(name) == 1000 and name.startswith("Bidang Pelayanan 🏥 Panjang")
    assert wb.tasks["task"].iloc[0] == "Memimpin rapat koordinasi 📊✅"


def test_a_row_of_spaces_is_skipped_like_an_empty_row(corpus):
    wb = read_workbook(corpus["baris_berisi_spasi.xlsx"].read_bytes(), "x.xlsx")
    assert wb.tasks["row"].tolist() == [2, 3, 4, 6, 7, 8, 9, 10]  # row 5 holds only spaces


def test_macros_are_detected_and_only_data_is_read(corpus):
    wb = read_workbook(corpus["makro.xlsm"].read_bytes(), "makro.xlsm")
    assert wb.macro and wb.ok and len(wb.tasks) == 8
    with zipfile.ZipFile(corpus["makro.xlsm"]) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()


def test_a_zip_bomb_is_refused_from_its_directory_without_decompressing(corpus, monkeypatch):
    data = corpus["bom_zip.xlsx"].read_bytes()
    assert len(data) < 400 * 1024  # 310 MB of XML packed

    def never(*args, **kwargs):
        raise AssertionError("nothing may be decompressed or parsed")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    monkeypatch.setattr(pc.CalamineWorkbook, "from_filelike", never)
    tracemalloc.start()
    start = time.perf_counter()
    wb = read_workbook(data, "bom_zip.xlsx")
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [i.message[:59] for i in wb.issues] == [
        "Isi workbook terlalu besar setelah diekstrak (310 MB, rasio"]
    assert elapsed < 1 and peak < 20 * 1024 * 1024


def test_a_stray_cell_far_away_is_measured_before_the_parser_allocates(corpus):
    # calamine would allocate 1,048,576 × 16,384 cells (500 GB) and abort the process
    container = guard.check_container(corpus["sel_tersasar.xlsx"].read_bytes(), "x",
                                      IssueList())
    extent = container.sheet_extent("Beban Kerja")
    assert (extent.rows, extent.cols, extent.too_big) == (1_048_576, 16_384, True)
    assert container.sheet_extent("Unit").cells == 6 * 4  # header + 5 units, A:D
    assert "Unit" in container.small and "Beban Kerja" not in container.small


@pytest.mark.slow
@pytest.mark.parametrize(("file", "sheet", "rows"), [
    ("sejuta_baris_berformat.xlsx", "tasks", 8),  # formatted rows: the parser skips them
    ("spasi_di_baris_sejuta.xlsx", "units", 5),  # one space in A1000000: 4 M cells, streamed
])
def test_a_million_rows_read_fast_in_bounded_memory(corpus, file, sheet, rows):
    start = time.perf_counter()
    wb = read_workbook(corpus[file].read_bytes(), file)
    assert time.perf_counter() - start < 5
    assert wb.ok and len(getattr(wb, sheet)) == rows
    code = ("import resource, sys; from pathlib import Path; "
            "from sotk_core.workbook import read_workbook; "
            "data = Path(sys.argv[1]).read_bytes(); "
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            "assert read_workbook(data, 'x.xlsx').ok; "
            "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)")
    out = subprocess.run([sys.executable, "-c", code, str(corpus[file])], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    assert int(out.stdout.strip()) < 400  # MB above the interpreter + pandas baseline


# --- limits ---------------------------------------------------------------------------------

def test_file_size_limit_and_the_upload_limit_agree():
    data = b"PK\x03\x04" + bytes(guard.MAX_FILE_BYTES - 3)  # 1 byte over 50 MB
    (issue,) = read_workbook(data, "besar.xlsx").issues
    assert (issue.severity, issue.file, issue.sheet) == ("error", "besar.xlsx", None)
    assert issue.message.startswith("File berukuran 50,0 MB melebihi batas 50 MB per workbook;")
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == guard.MAX_FILE_BYTES // (1024 * 1024) == 50


READERS = ["columnar", "whole-sheet", "row-by-row"]


def _use_reader(monkeypatch, reader: str) -> None:
    """Route every sheet through one of the three readers: fastexcel's columns (default),
    or the exact python-calamine rows (used when fastexcel cannot read a sheet), whole or
    streamed."""
    if reader == "columnar":
        return

    def unreadable(self, actual):
        raise grid.ParserFailed("uji")

    monkeypatch.setattr(grid.Book, "columns", unreadable)
    if reader == "row-by-row":
        monkeypatch.setattr(grid, "STREAM_ROWS", 0)


@pytest.mark.parametrize("reader", READERS)
def test_a_sheet_past_the_row_limit_is_refused(monkeypatch, reader):
    monkeypatch.setattr(grid, "MAX_DATA_ROWS", 8)
    _use_reader(monkeypatch, reader)
    wb = read_workbook(opd_bytes(), "uji.xlsx")
    # filled rows: Profil 10, Unit 6, Jabatan 9, Beban Kerja 9, Kematangan 12
    refused = {i.sheet: i.message for i in wb.errors}
    assert set(refused) == {"Profil", "Jabatan", "Beban Kerja", "Kematangan"}
    assert refused["Beban Kerja"].startswith(
        "Sheet 'Beban Kerja' berisi lebih dari 8 baris terisi, melebihi batas per sheet.")
    assert len(wb.units) == 5


@pytest.mark.parametrize("reader", READERS[1:])
def test_every_reader_gives_the_same_frames(monkeypatch, reader):
    columnar = read_workbook(opd_bytes(), "uji.xlsx")
    _use_reader(monkeypatch, reader)
    other = read_workbook(opd_bytes(), "uji.xlsx")
    assert columnar.profile == other.profile
    for name in ("units", "positions", "tasks", "maturity"):
        assert getattr(columnar, name).equals(getattr(other, name))


def test_a_sheet_past_the_cell_limit_is_refused_with_its_size(monkeypatch):
    monkeypatch.setattr(guard, "MAX_SHEET_CELLS", 60)
    wb = read_workbook(opd_bytes(), "uji.xlsx")
    messages = {i.sheet: i.message for i in wb.errors}
    # Beban Kerja: header + 8 tasks = 9 rows × 7 columns (A:G) = 63 cells > 60
    assert messages["Beban Kerja"].startswith(
        "Sheet 'Beban Kerja' terbentang sampai kolom G dan baris 9 (9 baris × 7 kolom = 63 sel), "
        "melebihi batas 60 sel per sheet.")
    assert "Unit" not in messages  # 6 rows × 4 columns = 24 cells


# --- never a traceback ----------------------------------------------------------------------

def test_an_unexpected_failure_becomes_an_issue(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("cacat tak terduga")

    monkeypatch.setattr(reader_module, "_validate_units", boom)
    wb = read_workbook(opd_bytes(), "uji.xlsx")
    (issue,) = wb.issues
    assert (issue.severity, issue.file, issue.sheet, issue.row) == ("error", "uji.xlsx", None, None)
    assert issue.message.startswith("File tidak dapat dibaca (RuntimeError: cacat tak terduga).")
    assert wb.units.empty and not wb.ok


@pytest.mark.parametrize("failure", [pc.CalamineError, reader_module._PANIC],
                         ids=["CalamineError", "PanicException"])
def test_a_sheet_the_parser_rejects_is_named(monkeypatch, failure):
    real_load = fastexcel.ExcelReader.load_sheet
    real_get = pc.CalamineWorkbook.get_sheet_by_name

    def picky_load(self, name, **kwargs):
        if name == "Jabatan":
            raise failure("XML rusak")
        return real_load(self, name, **kwargs)

    def picky(self, name):
        if name == "Jabatan":  # a Rust panic is a BaseException: it must not escape either
            raise failure("XML rusak")
        return real_get(self, name)

    monkeypatch.setattr(fastexcel.ExcelReader, "load_sheet", picky_load)
    monkeypatch.setattr(pc.CalamineWorkbook, "get_sheet_by_name", picky)
    wb = read_workbook(opd_bytes(), "uji.xlsx")
    (issue,) = wb.errors
    assert (issue.sheet, issue.message) == (
        "Jabatan", "Sheet 'Jabatan' tidak dapat dibaca (isi XML-nya rusak atau tidak sesuai "
                   "format Excel); buka di Excel lalu simpan "
                   "ulang sebagai .xlsx.")
