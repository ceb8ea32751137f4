"""The command line's first reading stage (sotk_core.workbook.prefetch) and the other way the
command uses the second core (base.forked): each may only save time, never
change a result. Every file of the hostile corpus and of the other layouts is read with and
without the stage, and must give the same frames and the same issues, word for word.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import zlib
from pathlib import Path

import pandas as pd
import pytest

from sotk_core import OpdWorkbook, Settings, evaluate, load_files
from sotk_core.base.forked import ahead
from sotk_core.base.issues import IssueList
from sotk_core.present.report import (
    REPORT_KEYS,
    WORKLOAD_KEYS,
    build_report,
    joined,
    member_json,
    report_json,
    workload_members,
)
from sotk_core.workbook import guard, isolate, prefetch
from sotk_core.workbook.grid import already_opened, open_book
from sotk_core.workbook.spec import parsed_sheet
from tests.builders import opd_bytes
from tests.data.make_hostile import shared_count

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
GOOD = opd_bytes()
UNSAFE = "Workbook tidak dapat dibaca dengan aman: "


def _files(folder: str) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted((DATA / folder).iterdir()) if p.is_file()]


def _same(a: object, b: object) -> None:
    """Two results of read_parts are the same: a workbook with the same frames and issues, or
    the same parts of another layout."""
    assert type(a) is type(b)
    if not isinstance(a, OpdWorkbook):
        assert a == b
        return
    assert a.issues == b.issues, a.file
    for name in ("units", "positions", "tasks", "maturity", "kelembagaan", "retirements"):
        x, y = getattr(a, name, None), getattr(b, name, None)
        if isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y)
        else:
            assert x is None and y is None


@pytest.mark.parametrize("folder", ["corpus", "formats"])
@pytest.mark.parametrize("meet", [False, True], ids=["stage-first", "meeting"])
def test_every_file_reads_the_same_with_the_first_stage(fresh_pool, folder, meet):
    """stage-first: the stage goes through every file before the workers start, so each
    template-v1 file it can open reaches a worker from it; meeting: as in the command."""
    files = _files(folder)
    without = isolate.read_parts_isolated(files, Settings())
    stage = prefetch.start(files)
    assert stage is not None
    try:
        if not meet:
            _, status = os.waitpid(stage.pid, 0)
            assert os.waitstatus_to_exitcode(status) == 0
        with_stage = isolate.read_parts_isolated(files, Settings(), stage=stage)
        done = sorted(int(n.split(".")[0]) for n in os.listdir(stage.folder)
                      if n.endswith(".sheets"))
    finally:
        stage.close()
    assert not os.path.exists(stage.folder)
    for a, b in zip(without, with_stage, strict=True):
        _same(a, b)
    if folder == "corpus":  # it did work: template-v1 files parsed by the stage, read by workers
        assert done, "the stage parsed no file"
        if not meet:
            names = [files[i][0] for i in done]
            assert "makro.xlsm" in names  # its warning came from the stage's container check
            assert len(done) > len(files) // 2


def test_the_stage_gives_a_template_workbook_its_table_sheets_and_nothing_else():
    opened = prefetch.parse("uji.xlsx", GOOD)
    assert opened is not None
    assert (opened.file, opened.crc, opened.rule) == ("uji.xlsx", zlib.crc32(GOOD), parsed_sheet)
    assert set(opened.sheets) == {"Unit", "Jabatan", "Beban Kerja", "Kematangan"}
    assert opened.issues == ()
    # handed to another process without a copy of the upload
    assert opened.container.data == b""
    assert len(pickle.dumps(opened)) < len(GOOD)
    # another layout, bytes that are no workbook, a refused archive: nothing (the worker says why)
    anjab = (DATA / "formats" / "anjab_dispusip.xlsx").read_bytes()
    assert prefetch.parse("anjab.xlsx", anjab) is None
    assert prefetch.parse("teks.xlsx", b"bukan workbook") is None
    bomb = (DATA / "corpus" / "bom_zip_rasio.xlsx").read_bytes()
    assert prefetch.parse("bom.xlsx", bomb) is None


def test_what_the_stage_opened_is_taken_only_by_the_same_upload():
    opened = prefetch.parse("uji.xlsx", GOOD)
    other = opd_bytes({"name": "Dinas Lain"})
    assert other != GOOD
    for file, data, rule in (("lain.xlsx", GOOD, parsed_sheet), ("uji.xlsx", other, parsed_sheet),
                             ("uji.xlsx", GOOD, None)):
        with already_opened(opened):
            book = open_book(data, file, IssueList(), sheets=rule)
        assert book is not None and book._ready == {}, (file, rule)
    with already_opened(opened):
        book = open_book(GOOD, "uji.xlsx", IssueList(), sheets=parsed_sheet)
    assert set(book._ready) == set(opened.sheets)
    assert book.container.data is GOOD  # the upload put back, not a copy


def test_a_file_that_kills_the_stage_is_read_by_a_worker_and_named_as_before(
        fresh_pool, monkeypatch):
    monkeypatch.setattr(guard, "MAX_SHARED_STRINGS", 10 ** 12)  # the abort reaches the parser
    aborts = shared_count(2_000_000_000)
    files = [("satu.xlsx", GOOD), ("bom.xlsx", aborts), ("dua.xlsx", GOOD), ("tiga.xlsx", GOOD)]
    stage = prefetch.start(files)
    try:
        _, status = os.waitpid(stage.pid, 0)  # from the last file back: tiga, dua, then bom
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == 6  # SIGABRT in the parser
        made = sorted(n for n in os.listdir(stage.folder) if n.endswith(".sheets"))
        parts = isolate.read_parts_isolated(files, Settings(), stage=stage)
    finally:
        stage.close()
    assert made == ["2.sheets", "3.sheets"]
    assert [p.ok for p in parts] == [True, False, True, True]
    (issue,) = parts[1].issues
    assert issue.message.startswith(UNSAFE) and issue.file == "bom.xlsx"


def test_the_stage_stops_at_the_first_file_a_worker_took():
    files = [(f"{i}.xlsx", GOOD) for i in range(5)]
    folder = tempfile.mkdtemp(prefix="sotk-test-")
    for index in (0, 1, 2):  # the workers have read these (nothing was there for them)
        assert prefetch.take((folder, index)) is None
    stage = prefetch.Prefetch(folder, _fork_run(folder, files))
    os.waitpid(stage.pid, 0)
    made = sorted(n for n in os.listdir(folder) if n.endswith(".sheets"))
    stage.pid = os.getpid() + 10 ** 6  # already reaped: close only removes the folder
    assert made == ["3.sheets", "4.sheets"]
    opened = prefetch.take((folder, 4))
    assert opened is not None and opened.file == "4.xlsx"
    stage.close()


def _fork_run(folder: str, files: list[tuple[str, bytes]]) -> int:
    pid = os.fork()
    if pid == 0:
        try:
            prefetch._run(folder, files)
        finally:
            os._exit(0)
    return pid


def test_a_worker_waits_for_the_file_the_stage_is_on_but_not_for_ever(tmp_path, monkeypatch):
    monkeypatch.setattr(prefetch, "WAIT_SECONDS", 0.2)
    folder = str(tmp_path)
    lock = os.open(os.path.join(folder, "0.lock"), os.O_CREAT | os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)  # held by "the stage" (another open file description)
    try:
        assert prefetch.take((folder, 0)) is None  # gave up after 0,2 s: reads it itself
    finally:
        os.close(lock)
    assert prefetch.take(None) is None
    assert prefetch.take((str(tmp_path / "hilang"), 0)) is None  # the folder is gone


def test_no_stage_from_a_process_running_threads_or_for_one_file():
    assert prefetch.start([("satu.xlsx", GOOD)]) is None
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert prefetch.start([("satu.xlsx", GOOD), ("dua.xlsx", GOOD)]) is None
        assert ahead(lambda: os.getpid())() == os.getpid()  # computed here, not in a child
    finally:
        stop.set()
        thread.join()


def test_ahead_computes_in_a_child_and_falls_back_here_when_the_child_fails():
    me = os.getpid()
    assert ahead(lambda: os.getpid())() != me
    assert ahead(lambda: {"a": [1, 2.5, None]})() == {"a": [1, 2.5, None]}

    def only_here() -> int:
        if os.getpid() != me:
            raise RuntimeError("the child fails")
        return 7

    assert ahead(only_here)() == 7


def test_the_report_written_in_pieces_is_the_report_written_at_once():
    files = [(p.name, p.read_bytes()) for p in sorted((ROOT / "sample_data").glob("*.xlsx"))]
    settings = Settings()
    city = load_files(files, settings)
    ev = evaluate(city, settings)
    whole = report_json(build_report(ev))
    rest = build_report(ev, leave_out=WORKLOAD_KEYS)
    assert list(rest) == [k for k in REPORT_KEYS if k not in WORKLOAD_KEYS]
    members = {k: member_json(k, v) for k, v in rest.items()}
    pieces = workload_members(city, settings)
    assert set(pieces) == set(WORKLOAD_KEYS)
    assert joined({**members, **pieces}) == whole
    assert member_json("a", {"b": [1]}) == b' "a": {\n  "b": [\n   1\n  ]\n }'


def _stage_folders() -> set[str]:
    return {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("sotk-prefetch-")} | (
        {n for n in os.listdir("/dev/shm") if n.startswith("sotk-prefetch-")}
        if os.path.isdir("/dev/shm") else set())


def test_the_command_prints_the_same_report_as_the_library():
    before = _stage_folders()
    paths = sorted((ROOT / "sample_data").glob("*.xlsx"))
    files = [(p.name, p.read_bytes()) for p in paths]
    expected = report_json(build_report(evaluate(load_files(files, Settings()), Settings())))
    done = subprocess.run([sys.executable, "-m", "sotk_core", "report", *map(str, paths),
                           "--json"], cwd=ROOT, capture_output=True, check=False)
    assert done.returncode in (0, 2), done.stderr.decode()[-500:]
    assert done.stdout == expected + b"\n"
    assert _stage_folders() <= before  # the stage's folder is removed
