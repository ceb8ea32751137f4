"""The command line's first reading stage: sheets parsed while the main process imports.

`python -m sotk_core report FILE...` spends its first third of a second importing pandas and
the model, on one core, with the other idle. `start(items)`, called before those imports, forks
one process that takes the template-v1 files from the last one backwards and, for each, runs
the reader's own container checks (guard.py, the same sheets measured) and parses the table
sheets to Arrow text columns exactly as `grid.Book.columns` does, into a private temporary
folder. The reader workers (isolate.py) go forwards from the first file; a worker about to
read file i calls `take(slot)` and gets the sheets the stage parsed, or None, and reads the
file as it always does: its own container checks, its own issues, the parser for whatever the
stage did not give. The two meet in the middle and never work on one file twice: each file
has a lock the stage holds while it works on it, and a worker that finds no sheets marks the
file as taken under the same lock; the stage stops at the first file it cannot lock or finds
taken.

The stage only saves the workers work; it never decides anything about a file: it parses only
what the guard passed, under the workers' memory limit and `CPU_SECONDS` of CPU per file, and gives nothing
but parsed sheets. When it dies on a file (a parser abort, its CPU limit), the kernel releases
the lock, the worker finds nothing and reads the file itself in its own isolated process, so a
hostile file gives the same message with or without the stage. It forks, so it runs only from
a single-threaded process (the command line), never from the app's server; it imports nothing
that needs pandas.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from sotk_core.base.issues import IssueList
from sotk_core.workbook.grid import PARSER_FAILURES, Book, Opened, Parsed, ParserFailed
from sotk_core.workbook.guard import check_container, peek_sheet_names
from sotk_core.workbook.limits import MEMORY_BYTES, limit_cpu, limit_memory
from sotk_core.workbook.spec import TABLE_SHEETS, is_template_v1, parsed_sheet

CPU_SECONDS = 3  # per file in the stage; past it the stage ends and the workers read the rest
WAIT_SECONDS = 5  # a worker waits at most this long for the stage to finish a file
_SHM = "/dev/shm"

Slot = tuple[str, int]  # (the stage's folder, the file's index)


@dataclass
class Prefetch:
    """A running first stage: its folder and process."""

    folder: str
    pid: int

    def slot(self, index: int) -> Slot:
        return self.folder, index

    def close(self) -> None:
        """End the stage (it has normally ended by itself) and remove its folder."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        shutil.rmtree(self.folder, ignore_errors=True)


def start(items: Sequence[tuple[str, bytes]]) -> Prefetch | None:
    """Fork the first stage over (file name, bytes) pairs; None where it cannot help (one
    file, or a process running threads, where forking is unsafe)."""
    if len(items) < 2 or threading.active_count() != 1 or not hasattr(os, "fork"):
        return None
    folder = tempfile.mkdtemp(prefix="sotk-prefetch-",
                              dir=_SHM if os.access(_SHM, os.W_OK) else None)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    pid = os.fork()
    if pid:
        return Prefetch(folder, pid)
    code = 1
    try:  # the child: never returns into the caller's code
        os.setsid()  # a terminal's Ctrl+C is the caller's
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        _run(folder, items)
        code = 0
    finally:
        os._exit(code)


def _run(folder: str, items: Sequence[tuple[str, bytes]]) -> None:
    with contextlib.suppress(ImportError):
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())  # as the workers: no arena up front
    limit_memory(MEMORY_BYTES)
    for index in range(len(items) - 1, -1, -1):
        lock = os.open(_path(folder, index, "lock"), os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a worker is on it: this file and the ones before it are the workers'
        if os.path.exists(_path(folder, index, "taken")):
            return
        limit_cpu(CPU_SECONDS)
        file, data = items[index]
        opened = parse(file, data)
        if opened is not None:
            part = _path(folder, index, "part")
            with open(part, "wb") as fh:
                pickle.dump(opened, fh, protocol=5)
            os.replace(part, _path(folder, index, "sheets"))
        os.close(lock)  # the worker waiting on this file goes on


def parse(file: str, data: bytes) -> Opened | None:
    """One template-v1 workbook opened as `grid.open_book` opens it for the reader (the same
    container checks, the same sheets measured) with its table sheets parsed as
    `grid.Book.columns` parses them; None when the file is not one, or the checks refuse it
    (the worker then checks it again and says why). A sheet the checks or the parser refuse is
    left out: the worker reads it and says why."""
    names = peek_sheet_names(data)
    if names is None or not is_template_v1(names):
        return None
    issues = IssueList()
    container = check_container(data, file, issues, sheets=parsed_sheet)
    if container is None:
        return None
    try:
        book = Book(data, file, IssueList(), container)  # the worker reports what it refuses
    except PARSER_FAILURES:
        return None
    sheets: dict[str, Parsed] = {}
    try:
        for sheet in TABLE_SHEETS:
            actual = book.find_sheet(sheet)
            if actual is None or actual in sheets:
                continue
            with contextlib.suppress(ParserFailed):
                grid = book.columns(actual)
                if grid is not None:
                    sheets[actual] = Parsed(grid.cells, grid.height)
    finally:
        book.close()
    return Opened(file, zlib.crc32(data), parsed_sheet, container.without_upload(data),
                  tuple(issues), sheets)


def take(slot: Slot | None) -> Opened | None:
    """In a worker, before reading file `slot`: what the stage did for it, or None (then the
    file is marked as the worker's, and the stage will not start on it)."""
    if slot is None:
        return None
    folder, index = slot
    try:
        lock = os.open(_path(folder, index, "lock"), os.O_CREAT | os.O_RDWR, 0o600)
    except OSError:  # the folder is gone: read the file as without the stage
        return None
    try:
        end = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:  # the stage is parsing this very file
                if time.monotonic() > end:
                    return None
                time.sleep(0.002)
        try:
            with open(_path(folder, index, "sheets"), "rb") as fh:
                return pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError):  # none: the file is the worker's
            with contextlib.suppress(OSError), open(_path(folder, index, "taken"), "wb"):
                pass
            return None
    finally:
        os.close(lock)


def _path(folder: str, index: int, kind: str) -> str:
    return os.path.join(folder, f"{index}.{kind}")
