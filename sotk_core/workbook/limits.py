"""The limits a process that parses untrusted workbooks puts on itself (isolate.py's worker
processes and prefetch.py's first reading stage). Imports nothing heavy: the first stage
starts before pandas is imported."""

from __future__ import annotations

import os
import resource

# address space a reading process may add to its own start-up size (SOTK_READER_MEMORY_MB)
MEMORY_BYTES = int(os.environ.get("SOTK_READER_MEMORY_MB") or 850) * 1024 * 1024
TIME_SECONDS = 25  # per file: CPU time in the worker, and wall time waited for it


def statm() -> tuple[int, int]:
    """(address space, resident) of this process in bytes."""
    with open("/proc/self/statm") as fh:
        size, resident = fh.read().split()[:2]
    page = os.sysconf("SC_PAGE_SIZE")
    return int(size) * page, int(resident) * page


def cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def limit_cpu(seconds: float) -> None:
    """Soft CPU limit `seconds` from now (SIGXCPU ends the process); hard limit untouched."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(cpu_used() + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def limit_memory(memory: int) -> int:
    """Cap this process's address space at its present size plus `memory` bytes (nothing
    when `memory` is 0); returns the resident size now, to measure growth against."""
    size, resident = statm()
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))
    return resident
