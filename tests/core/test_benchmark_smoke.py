"""benchmarks/run.py still runs end to end (a 2-OPD city, one repeat). Not a timing test:
only that every stage runs and the table with its target lines is printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_runs_on_a_two_opd_city(tmp_path):
    env = {**os.environ, "SOTK_BENCH_OUT": str(tmp_path)}
    proc = subprocess.run([sys.executable, "benchmarks/run.py", "--sizes", "2", "--repeats", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "python benchmarks/run.py --sizes 2 --repeats 1" in out
    # the 2-OPD row: 2 OPD, 2 × 2,500 tasks
    assert any(line.split()[:2] == ["2", "5,000"] for line in out.splitlines())
    for target in ("report --json ≤ 2.0×", "≥ 6× faster than pandas + openpyxl",
                   "read + validate ≤ 1.5×", "what-if, 1 change ≤ 20 ms",
                   "what-if, 20 changes ≤ 40 ms", "peak RSS at 2 OPD ≤ 500 MB"):
        assert target in out, target
    assert len(list(tmp_path.glob("city_2opd_5000/*.xlsx"))) == 2
