"""City-scale benchmark (issue 11): one command, one printed table.

    python benchmarks/run.py                      # 10, 40 and 160 OPD, 2,500 tasks per OPD
    python benchmarks/run.py --sizes 40 --repeats 7

Per city (benchmarks.city.generate_city, cached in benchmarks/out/):

- processes, wall time (median of --repeats runs; the three are interleaved run by run so
  they share whatever else the machine is doing):
    report    python -m sotk_core report FILE... --json > /dev/null
    fastexcel python -m benchmarks.processes fastexcel FILE...  (every sheet to Arrow: floor)
    openpyxl  python -m benchmarks.processes openpyxl FILE...   (pandas + openpyxl, Beban Kerja)
- in-process, in a fresh child process per size (median):
    read      load_files: guard, parse, validate, build the city
    floor     the same sheets through fastexcel to Arrow, nothing else
    evaluate  evaluate(city): workload, maturity, structure, balance, findings
    what-if   scenario_workload with 1 and with 20 changes (benchmarks.bench_scenario), the
              baseline already computed as on the Simulasi page
- peak RSS of the report process.
- parsing the workbooks (load_files) next to opening the same round stored in an SQLite
  workspace database (benchmarks/bench_store.py; issue 13 target: open ≤ 1/3 of parse).

Bytecode: the product's modules are compiled to __pycache__ first, as pip does for an installed
package and Python does on a first run; the floor's modules (fastexcel, pyarrow) are installed
packages that have theirs. Without this a machine with PYTHONDONTWRITEBYTECODE set (this
sandbox sets it) recompiles every sotk_core module in every measured process.

The machine may be shared: every figure is a median, and each row also shows the processes'
CPU time (user + system), which other load disturbs less than wall time; the in-process 'cpu s'
row is the reader's own path in one process (formats.read_files, no worker processes: the
CPU work itself), the fastexcel read and evaluate. Linear growth 10→160 OPD is judged on CPU
seconds.
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import city_paths, timed  # noqa: E402

TASKS_PER_OPD = 2500  # 40 OPD -> 100,000 tasks; 160 OPD -> 400,000
TARGETS = {"report_vs_floor": 2.0, "openpyxl_speedup": 6.0, "read_vs_floor": 1.5,
           "whatif_1_ms": 20.0, "whatif_20_ms": 40.0, "peak_mb": 500.0, "growth": 1.1}
SHEETS = ("Profil", "Unit", "Jabatan", "Beban Kerja", "Kematangan", "Kelembagaan")


def measure(n_opd: int, repeats: int) -> dict[str, float]:
    """In a child process: the in-process figures for one city size."""
    from benchmarks.bench_scenario import twenty_changes
    from benchmarks.processes import fastexcel_sheets
    from sotk_core import Settings, evaluate, load_files
    from sotk_core.scenario import Scenario, scenario_workload
    from sotk_core.workbook.formats import read_files

    files = [(p.name, p.read_bytes()) for p in city_paths(n_opd, n_opd * TASKS_PER_OPD)]
    settings = Settings()
    city = load_files(files, settings)
    assert len(city.opds) == n_opd, city.issues[:3]
    out: dict[str, float] = {"opd": n_opd, "tasks": len(city.tasks),
                             "positions": len(city.positions)}
    out["read_s"] = timed(lambda: load_files(files, settings), repeats)[0]
    out["floor_s"] = timed(lambda: fastexcel_sheets(files, SHEETS), repeats)[0]
    out["evaluate_s"] = timed(lambda: evaluate(city, settings), repeats)[0]
    # CPU seconds of this one process (other load disturbs them less than wall time): the
    # reader on the in-process path (no worker processes), the same sheets through fastexcel,
    # evaluate; growth with size is judged on these
    out["read_cpu_s"] = _cpu(lambda: read_files(files, settings), repeats)
    out["floor_in_cpu_s"] = _cpu(lambda: fastexcel_sheets(files, SHEETS), repeats)
    out["evaluate_cpu_s"] = _cpu(lambda: evaluate(city, settings), repeats)
    twenty = twenty_changes(city)
    one = Scenario("Satu perubahan", twenty.changes[:1])
    scenario_workload(city, one, settings)  # the baseline, as the page has it
    out["whatif_1_s"] = timed(lambda: scenario_workload(city, one, settings), 15)[0]
    out["whatif_20_s"] = timed(lambda: scenario_workload(city, twenty, settings), 15)[0]
    import tempfile

    from benchmarks.bench_store import measure_store

    with tempfile.TemporaryDirectory() as tmp:  # parse vs opening the round from SQLite
        store = measure_store(files, f"sqlite:///{tmp}/bench.sqlite3", min(repeats, 3))
    out["open_s"] = store["open_s"]
    out["parse_s"] = store["parse_s"]
    return out


def _cpu(fn: Callable[[], object], repeats: int) -> float:
    """Median CPU seconds of this process over `repeats` calls."""
    times = []
    for _ in range(max(repeats, 1)):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _process(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one process, its output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 2):
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed: {proc.stderr.read().decode()[-400:]}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def processes(n_opd: int, repeats: int, openpyxl_repeats: int) -> dict[str, float]:
    files = [str(p) for p in city_paths(n_opd, n_opd * TASKS_PER_OPD)]
    runs: dict[str, list[tuple[float, float, float]]] = {"report": [], "floor": [],
                                                         "openpyxl": []}
    commands = {"report": [sys.executable, "-m", "sotk_core", "report", *files, "--json"],
                "floor": [sys.executable, "-m", "benchmarks.processes", "fastexcel", *files],
                "openpyxl": [sys.executable, "-m", "benchmarks.processes", "openpyxl", *files]}
    for k in range(repeats):
        for name in ("report", "floor", "openpyxl"):
            if name != "openpyxl" or k < openpyxl_repeats:
                runs[name].append(_process(commands[name]))
    out: dict[str, float] = {}
    for name, results in runs.items():
        out[f"{name}_s"] = statistics.median(r[0] for r in results)
        out[f"{name}_cpu_s"] = statistics.median(r[1] for r in results)
    out["peak_mb"] = max(r[2] for r in runs["report"])
    return out


def phases(n_opd: int, repeats: int) -> dict[str, dict[str, float]]:
    """The report process and the fastexcel process step by step (wall s, medians): where
    the report's time goes next to the floor's. 'start' is the interpreter's own start-up
    (process wall time minus the steps the process timed itself)."""
    files = [str(p) for p in city_paths(n_opd, n_opd * TASKS_PER_OPD)]
    runs: dict[str, list[dict[str, float]]] = {"report": [], "fastexcel": []}
    for _ in range(max(repeats, 1)):
        for name, kind in (("report", "phases"), ("fastexcel", "floor-phases")):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "benchmarks.processes", kind, *files],
                                  cwd=ROOT, capture_output=True, text=True, check=True)
            wall = time.perf_counter() - start
            steps = json.loads(done.stdout.strip().splitlines()[-1])
            runs[name].append({"start": wall - sum(steps.values()), **steps, "total": wall})
    return {name: {k: statistics.median(r[k] for r in results) for k in results[0]}
            for name, results in runs.items()}


def _print_phases(n_opd: int, table: dict[str, dict[str, float]]) -> None:
    cols = ("start", "imports", "read", "evaluate", "report", "total")
    heads = ("start", "imports", "read", "evaluate", "report+JSON", "total")
    print(f"\nStep by step at {n_opd} OPD (wall s, medians; read = 2 reader processes):")
    print(f"  {'process':<10}" + "".join(f"{h:>12}" for h in heads))
    for name, row in table.items():
        print(f"  {name:<10}" + "".join(f"{row[c]:>12.2f}" if c in row else f"{'–':>12}"
                                         for c in cols))


def _ok(good: bool) -> str:
    return "ok" if good else "MISSED"


def _print(rows: list[dict[str, float]]) -> None:
    t = TARGETS
    print(f"\n{'':>4} {'':>8} | {'report --json as a process (s)':^42} | "
          f"{'in-process read + validate (s)':^26} | {'what-if (ms)':^13} | {'peak':>6}")
    print(f"{'OPD':>4} {'tasks':>8} | {'report':>7} {'fastexcel':>9} {'ratio':>6} {'openpyxl':>9}"
          f" {'faster':>7} | {'read':>6} {'floor':>6} {'ratio':>6} {'eval':>5} | "
          f"{'1 chg':>6} {'20':>6} | {'RSS MB':>6}")
    print("-" * 122)
    for r in rows:
        print(f"{r['opd']:>4} {r['tasks']:>8,} | {r['report_s']:>7.2f} {r['floor_s']:>9.2f} "
              f"{r['report_s'] / r['floor_s']:>5.2f}× {r['openpyxl_s']:>9.2f} "
              f"{r['openpyxl_s'] / r['report_s']:>6.1f}× | {r['read_s']:>6.3f} "
              f"{r['floor_in_s']:>6.3f} {r['read_s'] / r['floor_in_s']:>5.2f}× "
              f"{r['evaluate_s']:>5.2f} | {r['whatif_1_s'] * 1000:>6.1f} "
              f"{r['whatif_20_s'] * 1000:>6.1f} | {r['peak_mb']:>6.0f}")
        print(f"{'':>4} {'cpu s':>8} | {r['report_cpu_s']:>7.2f} {r['floor_cpu_s']:>9.2f} "
              f"{r['report_cpu_s'] / r['floor_cpu_s']:>5.2f}× {r['openpyxl_cpu_s']:>9.2f} "
              f"{r['openpyxl_cpu_s'] / r['report_cpu_s']:>6.1f}× | {r['read_cpu_s']:>6.3f} "
              f"{r['floor_in_cpu_s']:>6.3f} {r['read_cpu_s'] / r['floor_in_cpu_s']:>5.2f}× "
              f"{r['evaluate_cpu_s']:>5.2f} |")
    print(f"\n{'OPD':>4} | {'parse (s)':>9} {'open stored round (s)':>22} {'open/parse':>10}")
    for r in rows:
        print(f"{r['opd']:>4} | {r['parse_s']:>9.2f} {r['open_s']:>22.2f} "
              f"{r['open_s'] / r['parse_s']:>9.2f}×")
    at = next((r for r in rows if r["opd"] == 40), rows[len(rows) // 2])
    print("\n'read' is load_files as the app and the command line call it: the files parsed by "
          "two worker processes at once (one per core), the city built from them; 'floor' "
          "reads the same sheets with fastexcel on one thread.")
    print("'cpu s' rows: CPU seconds; the in-process ones read on one process (no worker "
          "processes), the report's include its reader processes.")
    print(f"\nTargets (issue 11: at 40 OPD / 100,000 tasks), measured at {at['opd']:.0f} OPD / "
          f"{at['tasks']:,.0f} tasks in this run:")
    checks = [
        (f"report --json ≤ {t['report_vs_floor']:.1f}× the fastexcel process",
         at["report_s"] / at["floor_s"], at["report_s"] / at["floor_s"] <= t["report_vs_floor"]),
        (f"report --json ≥ {t['openpyxl_speedup']:.0f}× faster than pandas + openpyxl",
         at["openpyxl_s"] / at["report_s"],
         at["openpyxl_s"] / at["report_s"] >= t["openpyxl_speedup"]),
        (f"read + validate ≤ {t['read_vs_floor']:.1f}× fastexcel → Arrow of the same sheets",
         at["read_s"] / at["floor_in_s"], at["read_s"] / at["floor_in_s"] <= t["read_vs_floor"]),
        ("  the same in CPU seconds, the reader on one process (no worker processes)",
         at["read_cpu_s"] / at["floor_in_cpu_s"],
         at["read_cpu_s"] / at["floor_in_cpu_s"] <= t["read_vs_floor"]),
        (f"what-if, 1 change ≤ {t['whatif_1_ms']:.0f} ms", at["whatif_1_s"] * 1000,
         at["whatif_1_s"] * 1000 <= t["whatif_1_ms"]),
        (f"what-if, 20 changes ≤ {t['whatif_20_ms']:.0f} ms", at["whatif_20_s"] * 1000,
         at["whatif_20_s"] * 1000 <= t["whatif_20_ms"]),
    ]
    checks.append(("opening the stored round ≤ 0.33× parsing its workbooks (issue 13)",
                   at["open_s"] / at["parse_s"], at["open_s"] / at["parse_s"] <= 0.33))
    biggest = rows[-1]
    checks.append((f"peak RSS at {biggest['opd']:.0f} OPD ≤ {t['peak_mb']:.0f} MB",
                   biggest["peak_mb"], biggest["peak_mb"] <= t["peak_mb"]))
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        size = b["tasks"] / a["tasks"]
        for key, label in (("read_cpu_s", "read + validate CPU"), ("evaluate_cpu_s", "evaluate CPU"),
                           ("report_cpu_s", "report process CPU")):
            exponent = math.log(b[key] / a[key]) / math.log(size)
            checks.append((f"{label} grows linearly {a['opd']:.0f}→{b['opd']:.0f} OPD "
                           f"(time ∝ size^e, e ≤ {t['growth']})", exponent,
                           exponent <= t["growth"]))
    for label, value, good in checks:
        print(f"  {label:<72} {value:>8.2f}  {_ok(good)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,40,160")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--openpyxl-repeats", type=int, default=1)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.repeats)))
        return
    for package in ("sotk_core", "benchmarks"):  # see 'Bytecode' above
        compileall.compile_dir(str(ROOT / package), quiet=1)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        city_paths(size, size * TASKS_PER_OPD)  # generate outside the measured processes
        child = subprocess.run([sys.executable, __file__, "--child", str(size), "--repeats",
                                str(args.repeats)], capture_output=True, text=True, check=True)
        row = json.loads(child.stdout.strip().splitlines()[-1])
        row["floor_in_s"] = row.pop("floor_s")
        row.update(processes(size, args.repeats, args.openpyxl_repeats))
        rows.append(row)
        print(f"{size} OPD measured", file=sys.stderr, flush=True)
    print(f"python benchmarks/run.py --sizes {args.sizes} --repeats {args.repeats} "
          f"(medians; load average at the end {os.getloadavg()[0]:.1f}; bytecode compiled first)")
    _print(rows)
    at = next((r for r in rows if r["opd"] == 40), rows[len(rows) // 2])
    _print_phases(int(at["opd"]), phases(int(at["opd"]), min(args.repeats, 3)))


if __name__ == "__main__":
    main()
