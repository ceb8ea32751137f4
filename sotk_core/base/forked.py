"""One piece of a command's work on the second core: `ahead(fn)` forks now, the child computes
`fn()` and hands it back (pickled) through a pipe; the returned function waits for it.

Only where forking is safe (a process running one thread: the command line); elsewhere, and
whenever the child fails, `fn()` is simply computed when its result is asked for, so the
result is always the same."""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def ahead(fn: Callable[[], T]) -> Callable[[], T]:
    """Start `fn` in a forked child; call the result for what `fn()` returns."""
    if threading.active_count() != 1 or not hasattr(os, "fork"):
        return fn
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            os.close(read_fd)
            data = pickle.dumps(fn(), protocol=5)
            with open(write_fd, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)

    def result() -> T:
        with open(read_fd, "rb") as answer:
            data = answer.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return fn()
        return pickle.loads(data)

    return result
