"""Shared by the benchmark scripts: the generated benchmark cities and a median timer."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
OUT = Path(os.environ.get("SOTK_BENCH_OUT") or ROOT / "benchmarks" / "out")    # cities cache


def city_paths(n_opd: int, tasks: int, seed: int = 7) -> list[Path]:
    """The workbooks of a generated city (benchmarks.city.generate_city), made once into
    benchmarks/out/city_<n>opd_<tasks>/ (git-ignored) and reused."""
    cache = OUT / f"city_{n_opd}opd_{tasks}"
    files = sorted(cache.glob("*.xlsx"))
    if len(files) == n_opd:
        return files
    from benchmarks.city import generate_city

    print(f"generating {n_opd} OPD / {tasks:,} tasks into {cache} ...", flush=True)
    with tempfile.TemporaryDirectory() as tmp:  # a half-written cache is never reused
        generate_city(Path(tmp), n_opd, tasks, seed=seed)
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob("*.xlsx"):
            old.unlink()
        for f in sorted(Path(tmp).glob("*.xlsx")):
            shutil.copy2(f, cache / f.name)
    return sorted(cache.glob("*.xlsx"))


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """(median, best) seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), result
