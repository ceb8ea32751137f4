"""Run a command as a person would and measure it: exit status, wall time, and the peak RSS
of the process and every process it started and waited for (the reader's workers)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    code: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str

    @property
    def clean(self) -> bool:
        """Nothing a person should never see: no traceback, no Rust panic, no abort note."""
        text = self.stdout + self.stderr
        return not any(s in text for s in ("Traceback", "panicked", "RUST_BACKTRACE",
                                           "memory allocation of", "Exception"))


def run_cli(*args: str, env: dict[str, str] | None = None) -> Run:
    """`python -m sotk_core ARGS` in a fresh process; wait4 gives its peak RSS including the
    workers it reaped (ru_maxrss of a reaped child covers its own reaped children)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "sotk_core", *args], cwd=ROOT,
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, seconds, usage.ru_maxrss / 1024,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
