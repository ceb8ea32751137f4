"""City-scale benchmark: one command, one printed table.

    python benchmarks/run.py                 # 10, 40 and 160 OPD
    python benchmarks/run.py --sizes 40      # just the 40-OPD / 100,000-task city

For each generated city (benchmarks.city.generate_city, cached in benchmarks/out/) it
reports the median of: read + validate + compute (the whole pipeline from bytes), compute only
(data already in memory), a 20-change what-if recompute, and peak memory (max RSS of a fresh
process), each next to the plain pandas + openpyxl read of the same files' `Beban Kerja` sheets;
and parsing the workbooks (read + validate + build the city) next to opening the same round
stored in the workspace database (benchmarks/bench_store.py).
Each size runs in its own process so peak memory is that size's own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import city_paths, timed  # noqa: E402

TASKS_PER_OPD = 2500  # 40 OPD -> 100,000 tasks; 160 OPD -> 400,000


def measure(n_opd: int, repeats: int, ref_repeats: int) -> dict[str, float]:
    """Runs in a child process: every figure for one city size."""
    import pandas as pd

    from sotk_core import Settings, evaluate, load_files
    from sotk_core.model.workload import compute_workload

    paths = city_paths(n_opd, n_opd * TASKS_PER_OPD)
    files = [(p.name, p.read_bytes()) for p in paths]
    settings = Settings()

    def pipeline():
        return evaluate(load_files(files, settings), settings)

    ev = pipeline()
    assert ev.summary["opd_count"] == n_opd, ev.city.issues[:3]
    result = {"opd": n_opd, "tasks": int(ev.summary["task_count"]),
              "positions": int(ev.summary["positions"])}
    result["pipeline_s"] = timed(pipeline, repeats)[0]
    city = ev.city
    result["compute_s"] = timed(lambda: compute_workload(city, settings), max(repeats, 5))[0]
    result["evaluate_s"] = timed(lambda: evaluate(city, settings), repeats)[0]
    try:
        from benchmarks.bench_scenario import twenty_changes
        from sotk_core.scenario import apply

        scenario = twenty_changes(city)

        def whatif():
            scen_city, scen_settings = apply(city, scenario)
            return compute_workload(scen_city, scen_settings)

        result["whatif_s"] = timed(whatif, max(repeats, 10))[0]
    except ImportError:
        result["whatif_s"] = float("nan")
    result["openpyxl_s"] = timed(
        lambda: [pd.read_excel(p, sheet_name="Beban Kerja", engine="openpyxl") for p in paths],
        ref_repeats)[0]
    import tempfile

    from benchmarks.bench_store import measure_store

    with tempfile.TemporaryDirectory() as tmp:  # parse vs opening the round from SQLite
        result |= measure_store(files, f"sqlite:///{tmp}/bench.sqlite3", repeats)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,40,160")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ref-repeats", type=int, default=1)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.repeats, args.ref_repeats)))
        return
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        city_paths(size, size * TASKS_PER_OPD)  # generate outside the measured process
        proc = subprocess.run([sys.executable, __file__, "--child", str(size), "--repeats",
                               str(args.repeats), "--ref-repeats", str(args.ref_repeats)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    head = (f"{'OPD':>4} {'tasks':>8} {'pos.':>6} | {'read+validate+compute':>21} "
            f"{'compute':>8} {'evaluate':>8} {'what-if':>8} | {'openpyxl read':>13} "
            f"{'speed-up':>8} | {'parse':>7} {'open round':>10} | {'peak RSS':>9}")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['opd']:>4} {r['tasks']:>8,} {r['positions']:>6,} | {r['pipeline_s']:>19.2f} s "
              f"{r['compute_s'] * 1000:>6.0f}ms {r['evaluate_s'] * 1000:>6.0f}ms "
              f"{r['whatif_s'] * 1000:>6.0f}ms | {r['openpyxl_s']:>11.2f} s "
              f"{r['openpyxl_s'] / r['pipeline_s']:>7.1f}× | {r['parse_s']:>5.2f} s "
              f"{r['open_s']:>8.2f} s | {r['peak_mb']:>6.0f} MB")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        growth = (b["pipeline_s"] / a["pipeline_s"]) / (b["tasks"] / a["tasks"])
        print(f"\nGrowth {a['opd']}→{b['opd']} OPD: tasks ×{b['tasks'] / a['tasks']:.0f}, pipeline "
              f"×{b['pipeline_s'] / a['pipeline_s']:.1f} (1.0 per unit of size = linear: "
              f"{growth:.2f}), compute ×{b['compute_s'] / a['compute_s']:.1f}")
    print("\nTargets at 40 OPD / 100,000 tasks: pipeline ≥ 4× faster than the openpyxl read; "
          "compute < 0.3 s; what-if < 100 ms; peak memory < 1 GB; opening the stored round "
          "≤ 1/3 of parsing its workbooks (benchmarks/bench_store.py).")


if __name__ == "__main__":
    main()
