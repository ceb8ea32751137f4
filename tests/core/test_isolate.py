"""Parsing in worker processes (sotk_core.workbook.isolate): a file that aborts, exhausts or
outlasts its worker becomes one Indonesian issue naming it; the other files and the caller go
on, and a fresh worker takes the next file.

Real aborts are made with the real parser: the guard's limit on declared shared strings is
raised (fork workers inherit it), so a header claiming 2e9 texts makes calamine reserve 48 GB
and abort with SIGABRT, as it did before the guard.
"""

from __future__ import annotations

import os
import time

from sotk_core import Settings
from sotk_core.base.issues import IssueList
from sotk_core.model.city import load_files
from sotk_core.scenario.workbook_io import scenario_from_xlsx
from sotk_core.workbook import guard, isolate, read_workbook
from tests.builders import opd_bytes
from tests.data.make_hostile import shared_count

GOOD = opd_bytes()
ABORTS = shared_count(2_000_000_000)
UNSAFE = "Workbook tidak dapat dibaca dengan aman: "
AFTER = (" File lain tetap dibaca. Buka file ini di Excel, hapus isi di luar tabel, simpan ulang "
         "sebagai .xlsx, lalu unggah lagi.")


def _sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _burn() -> None:
    while True:
        pass


def _allocate() -> bytes:
    return bytes(4 * 1024 ** 3)


def test_an_aborting_file_becomes_an_issue_and_the_others_are_read(fresh_pool, monkeypatch):
    monkeypatch.setattr(guard, "MAX_SHARED_STRINGS", 10 ** 12)  # let it reach the parser
    books = isolate.read_workbooks_isolated(
        [("bom.xlsx", ABORTS), ("uji.xlsx", GOOD), ("bom2.xlsx", ABORTS), ("dua.xlsx", GOOD)],
        Settings())
    assert [b.file for b in books] == ["bom.xlsx", "uji.xlsx", "bom2.xlsx", "dua.xlsx"]
    for bad in (books[0], books[2]):
        (issue,) = bad.issues
        assert (issue.severity, issue.file, issue.sheet, issue.row) == (
            "error", bad.file, None, None)
        assert issue.message.startswith(UNSAFE) and issue.message.endswith(AFTER)
        assert bad.units.empty and not bad.ok
    for ok in (books[1], books[3]):  # read exactly as in-process
        assert ok.ok and ok.tasks.equals(read_workbook(GOOD, ok.file).tasks)
    assert isolate.read_workbooks_isolated([("lagi.xlsx", GOOD)])[0].ok  # workers replaced


def test_a_worker_that_outlasts_its_time_is_killed_and_named(fresh_pool, monkeypatch):
    monkeypatch.setattr(isolate, "TIME_SECONDS", 1)
    monkeypatch.setitem(isolate._TASKS, "sleep", _sleep)
    monkeypatch.setitem(isolate._TASKS, "burn", _burn)
    start = time.monotonic()
    assert isolate.run_isolated("sleep", [(30,)]) == [("timeout", None)]
    assert isolate.run_isolated("burn", [()]) == [("timeout", None)]
    assert time.monotonic() - start < 10
    assert isolate.unsafe_message("timeout") == (
        UNSAFE + "pembacaan melebihi batas waktu 1 detik sehingga dihentikan." + AFTER)


def test_running_out_of_memory_is_named_with_the_limit(fresh_pool, monkeypatch):
    monkeypatch.setattr(isolate, "MEMORY_BYTES", 200 * 1024 * 1024)
    monkeypatch.setitem(isolate._TASKS, "allocate", _allocate)
    assert isolate.run_isolated("allocate", [()]) == [("memory", None)]
    assert isolate.unsafe_message("memory") == (
        UNSAFE + "pembacaan memerlukan memori melebihi batas 200 MB sehingga dihentikan." + AFTER)


def test_two_files_are_read_by_two_workers_at_once(fresh_pool, monkeypatch):
    monkeypatch.setitem(isolate._TASKS, "sleep", _sleep)
    outcomes = isolate.run_isolated("sleep", [(0.5,), (0.5,)])
    assert [o for o, _ in outcomes] == ["ok", "ok"]
    assert len({pid for _, pid in outcomes} | {os.getpid()}) == 3  # two workers, not us


def test_load_files_and_the_scenario_reader_use_the_workers(fresh_pool, monkeypatch):
    monkeypatch.setattr(guard, "MAX_SHARED_STRINGS", 10 ** 12)
    city = load_files([("bom.xlsx", ABORTS), ("uji.xlsx", GOOD)])
    assert city.opd_names == ["Dinas Uji"]
    (issue,) = [i for i in city.issues if i.file == "bom.xlsx"]
    assert issue.message.startswith(UNSAFE)
    scenario, _, issues = scenario_from_xlsx(ABORTS, city, "skenario.xlsx")
    assert scenario.changes == () and issues[0].message.startswith(UNSAFE)
    rows = isolate.read_sheet_rows_isolated(ABORTS, "catatan.xlsx", ("Catatan",), IssueList())
    assert rows is None


def test_a_fresh_interpreter_worker_reads_like_this_process(monkeypatch):
    """The server's path (it runs threads, so workers are new interpreters, not forks); its
    memory limit comes from SOTK_READER_MEMORY_MB: 40 MB is too little for a file whose
    header claims 1.9 million texts (calamine reserves 46 MB), enough for Dinas Uji."""
    isolate._POOL.close()
    monkeypatch.setattr(isolate, "START_METHOD", "spawn")
    monkeypatch.setenv("SOTK_READER_MEMORY_MB", "40")
    monkeypatch.setattr(isolate, "MEMORY_BYTES", 40 * 1024 * 1024)  # what the message says
    try:
        big, good = isolate.read_workbooks_isolated(
            [("klaim.xlsx", shared_count(1_900_000)), ("uji.xlsx", GOOD)])
    finally:
        isolate._POOL.close()
    assert [i.message for i in big.issues] == [isolate.unsafe_message("memory")]
    assert "melebihi batas 40 MB" in big.issues[0].message
    assert good.ok and good.positions.equals(read_workbook(GOOD, "uji.xlsx").positions)
