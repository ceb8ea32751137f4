"""Untrusted workbooks are parsed in worker processes, never in the caller's own.

The parser is Rust: a failed allocation inside it (a shared-strings header claiming 2e9
entries, say) aborts the whole process with SIGABRT, which no `except` catches. In the app that
process is the server, and every open session would lose its work. So every uploaded workbook
(OPD, scenario and notes workbooks alike) is read by a small pool of persistent worker
processes, and a worker that dies takes only its own file with it:

- each worker limits itself before it reads anything: its address space may grow by at most
  `MEMORY_BYTES` (RLIMIT_AS) and each file may use `TIME_SECONDS` of CPU (RLIMIT_CPU, renewed
  per file);
- the caller waits at most `TIME_SECONDS` per file, then kills the worker;
- an abort, a kill, running out of memory or time becomes an error issue naming the file
  ("Workbook tidak dapat dibaca dengan aman: ..."); a fresh worker takes the next file and the
  other files go on;
- two workers (one per core) parse two files at once; results come back pickled (protocol 5).

On the command line a first reading stage (`prefetch.py`) may already have checked and parsed
a file's table sheets in its own limited process; the worker then takes those instead of
parsing again, and reads the file itself whenever the stage gave nothing.

The guard (`guard.py`) refuses almost every hostile file with a precise message before the
parser allocates anything; the limits here are the backstop for whatever it did not foresee.
`reader.read_workbook` itself stays in-process: for bytes this program wrote or ships (the
sample city), never for uploads.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import IO

from sotk_core.base.fmt import fmt_num
from sotk_core.base.issues import Issue, IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook import formats, prefetch, reader
from sotk_core.workbook.grid import already_opened
from sotk_core.workbook.limits import MEMORY_BYTES, TIME_SECONDS, limit_cpu, limit_memory, statm

POOL_SIZE = max(1, min(2, os.cpu_count() or 1))
RECYCLE_RSS_BYTES = 400 * 1024 * 1024  # a worker grown this much after a file is replaced
RECYCLE_TASKS = 200
START_METHOD = "auto"  # "fork" from a single-threaded process, else "spawn"; or force one

_log = logging.getLogger(__name__)
_ROOT = Path(__file__).resolve().parents[2]
_UNSAFE = "Workbook tidak dapat dibaca dengan aman: "
_RETRY = (" File lain tetap dibaca. Buka file ini di Excel, hapus isi di luar tabel, simpan ulang "
          "sebagai .xlsx, lalu unggah lagi.")


def unsafe_message(outcome: str) -> str:
    """The Indonesian sentence for a file whose reader died, ran out of memory or time."""
    if outcome == "timeout":
        why = (f"pembacaan melebihi batas waktu {fmt_num(TIME_SECONDS)} detik sehingga "
               "dihentikan.")
    elif outcome == "memory":
        why = (f"pembacaan memerlukan memori melebihi batas {fmt_num(MEMORY_BYTES / 2**20)} MB "
               "sehingga dihentikan.")
    else:
        why = ("pembaca berhenti mendadak saat membuka file ini (isi arsip rusak atau di luar "
               "batas yang aman).")
    return _UNSAFE + why + _RETRY


# --- what a worker can be asked to do -------------------------------------------------------

def _read_rows(data: bytes, file: str, names: Sequence[str]
               ) -> tuple[dict[str, list[list]] | None, list[Issue]]:
    issues = IssueList()
    rows = reader.read_sheet_rows(data, file, names, issues)
    return rows, list(issues)


def _read_parts(data: bytes, file: str, settings: Settings, slot: prefetch.Slot | None = None
                ) -> reader.OpdWorkbook | list:
    with already_opened(prefetch.take(slot)):
        return formats.read_parts(data, file, settings)


_TASKS: dict[str, Callable[..., object]] = {
    "workbook": reader.read_workbook,  # template v1
    "parts": _read_parts,  # any layout, before the files of one OPD are combined
    "rows": _read_rows,  # scenario and notes workbooks
}


# --- the worker process ---------------------------------------------------------------------

def _warm_up() -> None:
    """Touch what the reader uses lazily, so the memory limit is measured after it."""
    import numpy as np
    import pandas as pd

    pd.DataFrame({"a": ["x", "y"], "b": np.arange(2.0)}).astype({"a": "str"})
    with contextlib.suppress(ImportError):
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())  # no 1 GB arena reserved up front


def worker_main(read_fd: int, write_fd: int, memory: int, cpu: float) -> None:
    """Runs in the worker: answer requests until the caller closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the caller's to handle
    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    _warm_up()
    resident = limit_memory(memory)
    while True:
        try:
            kind, args = pickle.loads(inbox.recv_bytes())
        except EOFError:
            return
        limit_cpu(cpu)
        try:
            answer: tuple[str, object] = ("ok", _TASKS[kind](*args))
        except MemoryError:
            answer = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - a defect: reported, never a traceback
            answer = ("defect", f"{type(exc).__name__}: {str(exc)[:200]}")
        grown = statm()[1] - resident
        try:
            payload = pickle.dumps((answer, grown), protocol=5)
        except MemoryError:
            answer = ("memory", None)
            payload = pickle.dumps((answer, grown), protocol=5)
        outbox.send_bytes(payload)
        if answer[0] == "memory":
            return  # the heap may be in a poor state: a fresh worker takes the next file


# --- the caller's side ----------------------------------------------------------------------

class _Forked:
    """A forked worker with the part of subprocess.Popen's interface the pool uses."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -signal.SIGKILL
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout or 0)
            time.sleep(0.005)
        return self.returncode  # type: ignore[return-value]

    def kill(self) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


def _fork_worker(read_fd: int, write_fd: int, log: IO[bytes]) -> _Forked:
    """Fork this process into a worker: milliseconds, everything already imported. Only from
    a process running one thread (the command line, tests), where forking is safe."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    pid = os.fork()
    if pid:
        return _Forked(pid)
    code = 1
    try:  # the child: never returns into the caller's code
        os.setsid()
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        keep = {0, 1, 2, read_fd, write_fd}
        for name in os.listdir("/proc/self/fd"):  # other workers' pipes: their EOF is theirs
            if int(name) not in keep:
                with contextlib.suppress(OSError):
                    os.close(int(name))
        worker_main(read_fd, write_fd, MEMORY_BYTES, TIME_SECONDS)
        code = 0
    except BaseException:  # noqa: BLE001
        with contextlib.suppress(Exception):
            import traceback

            traceback.print_exc()
    finally:
        os._exit(code)


def _spawn_worker(read_fd: int, write_fd: int, log: IO[bytes]) -> subprocess.Popen:
    """A fresh interpreter as a worker (a server's threads make forking unsafe)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH")) if p)
    env.setdefault("MALLOC_ARENA_MAX", "2")
    env.setdefault("OMP_NUM_THREADS", "1")
    env["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    env["RUST_BACKTRACE"] = "0"
    code = ("from sotk_core.workbook.isolate import worker_main; "
            f"worker_main({read_fd}, {write_fd}, {MEMORY_BYTES}, {TIME_SECONDS})")
    return subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        pass_fds=(read_fd, write_fd), env=env, cwd=str(_ROOT),
        start_new_session=True)  # a terminal's Ctrl+C reaches the caller only


def _start_method() -> str:
    if START_METHOD != "auto":
        return START_METHOD
    return "fork" if threading.active_count() == 1 else "spawn"


@dataclass
class _Worker:
    process: subprocess.Popen | _Forked
    inbox: Connection  # answers from the worker
    outbox: Connection  # requests to the worker
    log: IO[bytes]
    tasks: int = 0
    retire: bool = False

    @classmethod
    def start(cls) -> _Worker:
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        log = tempfile.TemporaryFile(prefix="sotk-worker-")  # noqa: SIM115 - the worker's
        try:
            start = _fork_worker if _start_method() == "fork" else _spawn_worker
            process = start(to_worker_r, from_worker_w, log)
        except BaseException:
            for fd in (to_worker_r, to_worker_w, from_worker_r, from_worker_w):
                os.close(fd)
            log.close()
            raise
        os.close(to_worker_r)
        os.close(from_worker_w)
        return cls(process, Connection(from_worker_r, writable=False),
                   Connection(to_worker_w, readable=False), log)

    def stop(self, kill: bool = False) -> None:
        with contextlib.suppress(OSError):
            self.outbox.close()  # an idle worker sees the end of its input and exits
        if kill:
            with contextlib.suppress(OSError):
                self.process.kill()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            self.inbox.close()
        self.log.close()

    def tail(self) -> str:
        """The end of the worker's stderr (for the log, never shown to a user)."""
        with contextlib.suppress(OSError, ValueError):
            self.log.seek(0, os.SEEK_END)
            size = self.log.tell()
            self.log.seek(max(0, size - 4000))
            return self.log.read().decode("utf-8", "replace")
        return ""


class _Pool:
    """Up to `size` persistent workers shared by every caller (threads: app sessions)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._alive = 0

    def acquire(self, block: bool) -> _Worker | None:
        with self._cond:
            while not self._idle and self._alive >= self.size:
                if not block:
                    return None
                self._cond.wait()
            if self._idle:
                return self._idle.pop()
            self._alive += 1
        try:
            return _Worker.start()
        except BaseException:
            with self._cond:
                self._alive -= 1
                self._cond.notify()
            raise

    def release(self, worker: _Worker, healthy: bool) -> None:
        keep = healthy and not worker.retire and worker.tasks < RECYCLE_TASKS
        if not keep:
            worker.stop(kill=not healthy)
        with self._cond:
            if keep:
                self._idle.append(worker)
            else:
                self._alive -= 1
            self._cond.notify()

    def warm_up(self) -> None:
        """Start the workers now (returns at once; they import while the caller works)."""
        started = []
        while (worker := self.acquire(block=False)) is not None:
            started.append(worker)
        for worker in started:
            self.release(worker, healthy=True)

    def close(self) -> None:
        """Stop the idle workers (at exit: killed, nothing of theirs needs finishing)."""
        with self._cond:
            idle, self._idle = self._idle, []
            self._alive -= len(idle)
        for worker in idle:
            worker.stop(kill=True)


_POOL = _Pool(POOL_SIZE)
atexit.register(_POOL.close)


def warm_up() -> None:
    """Start the worker processes ahead of the first file (optional; never blocks long)."""
    _POOL.warm_up()


def stop_workers() -> None:
    """Stop the idle worker processes now (also done at exit)."""
    _POOL.close()


def run_isolated(kind: str, jobs: Sequence[tuple]) -> list[tuple[str, object]]:
    """Each job's (outcome, value), in order: ('ok', result), or ('crash' | 'timeout' |
    'memory' | 'defect', detail). Jobs run on up to POOL_SIZE workers at once."""
    if kind not in _TASKS:
        raise ValueError(f"unknown task {kind!r}")
    results: list[tuple[str, object] | None] = [None] * len(jobs)
    pending = deque(range(len(jobs)))
    running: dict[Connection, tuple[_Worker, int, float]] = {}
    try:
        while pending or running:
            while pending and len(running) < _POOL.size:
                worker = _POOL.acquire(block=not running)
                if worker is None:
                    break
                index = pending.popleft()
                try:
                    worker.outbox.send_bytes(pickle.dumps((kind, jobs[index]), protocol=5))
                except OSError:  # died between two files: take a fresh one
                    _POOL.release(worker, healthy=False)
                    pending.appendleft(index)
                    continue
                worker.tasks += 1
                running[worker.inbox] = (worker, index, time.monotonic() + TIME_SECONDS)
            deadline = min(d for _, _, d in running.values())
            ready = wait(list(running), timeout=max(0.0, deadline - time.monotonic()))
            now = time.monotonic()
            for conn in list(running):
                worker, index, due = running[conn]
                if conn in ready:
                    outcome = _collect(worker)
                elif now >= due:
                    _log.info("workbook reader timed out after %s s; worker killed",
                                 TIME_SECONDS)
                    outcome = ("timeout", None)
                else:
                    continue
                del running[conn]
                results[index] = outcome
                healthy = outcome[0] in ("ok", "defect") and worker.process.poll() is None
                _POOL.release(worker, healthy=healthy)
    finally:
        for worker, _, _ in running.values():  # interrupted (Ctrl+C): never leave one busy
            _POOL.release(worker, healthy=False)
    return [r if r is not None else ("crash", None) for r in results]


def _collect(worker: _Worker) -> tuple[str, object]:
    """The answer of a worker whose pipe is readable: a result, or its death."""
    try:
        (outcome, value), grown = pickle.loads(worker.inbox.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        try:
            code = worker.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            code = worker.process.wait()
        tail = worker.tail()
        _log.info("workbook reader died (exit %s): %s", code, tail[-300:])
        if code == -signal.SIGXCPU:
            return "timeout", None
        if "memory allocation" in tail or "MemoryError" in tail:
            return "memory", None
        return "crash", code
    if grown > RECYCLE_RSS_BYTES or outcome == "memory":
        worker.retire = True
    return outcome, value


# --- what callers use -----------------------------------------------------------------------

def read_workbooks_isolated(items: Sequence[tuple[str, bytes]],
                            settings: Settings | None = None) -> list[reader.OpdWorkbook]:
    """(file name, bytes) pairs -> OpdWorkbook each, in order, read in worker processes. A file
    that kills or exhausts its worker comes back as an OpdWorkbook with one error issue."""
    settings = settings or Settings()
    jobs = [(data, file, settings) for file, data in items]
    books: list[reader.OpdWorkbook] = []
    for (file, _), (outcome, value) in zip(items, run_isolated("workbook", jobs), strict=True):
        ok = outcome == "ok" and isinstance(value, reader.OpdWorkbook)
        books.append(value if ok else _failed_book(file, outcome, value))  # type: ignore[arg-type]
    return books


def _failed_book(file: str, outcome: str, value: object) -> reader.OpdWorkbook:
    issues = IssueList()
    issues.error(file, None, None, None, _outcome_message(outcome, value))
    return reader._failed(file, issues)


def read_files_isolated(files: Iterable[tuple[str, bytes]], settings: Settings | None = None,
                        *, skeletons: bool = False, stage: prefetch.Prefetch | None = None
                        ) -> tuple[list[reader.OpdWorkbook], list[Issue]]:
    """`formats.read_files` with each file read in a worker process (any layout); the files of
    one OPD are then combined here. A file that kills or exhausts its worker is one failed
    workbook with one error issue. `stage`: the first reading stage started on the same
    files, in the same order (prefetch.start)."""
    settings = settings or Settings()
    return formats.combine(read_parts_isolated(files, settings, stage=stage), settings,
                           skeletons=skeletons)


def read_parts_isolated(files: Iterable[tuple[str, bytes]], settings: Settings | None = None,
                        *, stage: prefetch.Prefetch | None = None
                        ) -> list[reader.OpdWorkbook | list]:
    """`formats.read_parts` of each file, in order, each in a worker process: a template-v1
    workbook, or the parts a file of another layout contributes (for `formats.combine`)."""
    settings = settings or Settings()
    items = list(files)
    jobs = [(data, file, settings, stage.slot(i) if stage else None)
            for i, (file, data) in enumerate(items)]
    parts: list[reader.OpdWorkbook | list] = []
    for (file, _), (outcome, value) in zip(items, run_isolated("parts", jobs), strict=True):
        if outcome == "ok" and isinstance(value, (reader.OpdWorkbook, list)):
            parts.append(value)
        else:
            parts.append(_failed_book(file, outcome, value))
    return parts


def read_sheet_rows_isolated(data: bytes, file: str, names: Sequence[str], issues: IssueList
                             ) -> dict[str, list[list]] | None:
    """`reader.read_sheet_rows` in a worker process: the scenario and notes workbooks."""
    ((outcome, value),) = run_isolated("rows", [(data, file, tuple(names))])
    if outcome == "ok" and isinstance(value, tuple):
        rows, found = value
        issues.extend(found)
        return rows
    issues.error(file, None, None, None, _outcome_message(outcome, value))
    return None


def _outcome_message(outcome: str, value: object) -> str:
    if outcome == "defect":
        return (f"File tidak dapat dibaca ({value}). Periksa format workbook sesuai template.")
    return unsafe_message(outcome)
