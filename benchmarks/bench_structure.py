"""Time the structure + balance + findings part of `evaluate` on a 40-OPD / 100,000-task city.

    python benchmarks/bench_structure.py [--repeat 7]

The benchmark city is generated once with `benchmarks.city.generate_city` into a
temporary directory and cached under benchmarks/out/ (git-ignored). Target: < 0.5 s added to
`evaluate`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import city_paths, timed  # noqa: E402
from sotk_core import Settings, load_paths  # noqa: E402
from sotk_core.model.balance import compute_balance  # noqa: E402
from sotk_core.model.findings import build_findings  # noqa: E402
from sotk_core.model.structure import compute_structure  # noqa: E402
from sotk_core.model.workload import compute_workload  # noqa: E402

N_OPD, N_TASKS = 40, 100_000
TARGET_S = 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    files = city_paths(N_OPD, N_TASKS)
    settings = Settings()
    load_s, _, city = timed(lambda: load_paths(files, settings, name="Kota Benchmark"), 1)
    workload = compute_workload(city, settings)
    _ = city.ancestors  # cached by evaluate's workload step already

    s_med, s_best, structure = timed(lambda: compute_structure(city, workload, settings),
                                     args.repeat)
    b_med, b_best, _ = timed(lambda: compute_balance(city, workload, settings), args.repeat)
    f_med, f_best, findings = timed(lambda: build_findings(structure, workload, settings),
                                    args.repeat)
    w_med, w_best, _ = timed(lambda: compute_workload(city, settings), args.repeat)
    total = s_med + b_med + f_med

    print(f"Kota: {len(city.opds)} OPD, {len(city.units):,} unit, {len(city.positions):,} "
          f"jabatan, {len(city.tasks):,} tugas (dibaca dalam {load_s:.1f} s)")
    print(f"{'step':<28}{'median s':>10}{'best s':>10}")
    for name, med, best in (("compute_structure", s_med, s_best),
                            ("compute_balance", b_med, b_best),
                            ("build_findings", f_med, f_best)):
        print(f"{name:<28}{med:>10.3f}{best:>10.3f}")
    print(f"{'added to evaluate':<28}{total:>10.3f}{s_best + b_best + f_best:>10.3f}"
          f"   target < {TARGET_S:.1f} s: {'OK' if total < TARGET_S else 'TOO SLOW'}")
    print(f"{'(compute_workload, context)':<28}{w_med:>10.3f}{w_best:>10.3f}")
    print(f"findings: {len(findings):,} rows")
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
