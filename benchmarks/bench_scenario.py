"""Benchmark: apply a 20-change what-if scenario and recompute the workload of the 40-OPD /
100,000-task benchmark city. Target: median apply + compute_workload < 100 ms.

    python benchmarks/bench_scenario.py [--runs 20] [--opd 40] [--tasks 100000]

The city is generated once into benchmarks/out/ (git-ignored) with
benchmarks.city.generate_city and reused afterwards.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import city_paths, timed  # noqa: E402
from sotk_core.base.settings import Settings  # noqa: E402
from sotk_core.model.city import CityData, load_paths  # noqa: E402
from sotk_core.model.workload import compute_workload  # noqa: E402
from sotk_core.scenario import (  # noqa: E402
    AddPosition,
    MoveStaff,
    RemovePosition,
    Scenario,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
    apply,
)
from sotk_core.scenario.state import city_index  # noqa: E402

TARGET_MS = 100.0


def benchmark_city(n_opd: int, tasks: int) -> CityData:
    city = load_paths(city_paths(n_opd, tasks), name="Kota Benchmark")
    if len(city.opds) != n_opd:
        raise SystemExit(f"only {len(city.opds)} of {n_opd} OPD could be read: "
                         + "; ".join(str(i) for i in city.issues[:3]))
    return city


def twenty_changes(city: CityData, structural: bool = False) -> Scenario:
    """9 moves, 4 staff settings, 3 volume and 3 norma changes and one WKE change, spread over
    different OPD; `structural` swaps two of them for an added and a removed position."""
    pos = city.positions
    pel = pos.loc[pos["kind"] == "Pelaksana"]
    opds = city.opd_names
    scenario = Scenario("Benchmark")
    changes = []
    for k in range(9):  # move 1 person between two Pelaksana of the same OPD
        p = pel.loc[(pel["opd"] == opds[k % len(opds)])]
        donors = p.loc[p["existing"] >= 2]  # a small city: each OPD gives from several
        donor = donors.iloc[(k // len(opds)) % len(donors)]
        target = p.loc[p["code"] != donor["code"]].iloc[-1]
        changes.append(MoveStaff(donor["opd"], donor["code"], target["opd"], target["code"], 1))
    for k in range(4):
        p = pel.loc[pel["opd"] == opds[(10 + k) % len(opds)]].iloc[0]
        changes.append(SetExisting(p["opd"], p["code"], int(p["existing"]) + 1))
    tasks = city.tasks
    for k in range(6):
        t = tasks.loc[tasks["opd"] == opds[(20 + k) % len(opds)]].iloc[5]
        cls, value = (SetTaskVolume, t["volume"] * 2) if k < 3 else (SetTaskNorma,
                                                                     t["norma"] * 0.5)
        changes.append(cls(t["opd"], t["position"], int(t["row"]), float(value)))
    changes.append(SetSettings(wke_hours=1300.0))
    if structural:
        p = pel.loc[pel["opd"] == opds[-1]].iloc[0]
        changes[-3] = SetExisting(p["opd"], p["code"], 0)
        changes[-2] = RemovePosition(p["opd"], p["code"])
        changes[-4] = AddPosition(p["opd"], p["unit"], "BARU-1", "Analis Data", "Pelaksana", 2,
                                  (("Mengolah data", 100, "Bulan", 60, "Menit"),))
    for change in changes:
        scenario = scenario.add(change, city)
    assert len(scenario) == 20
    return scenario


def _median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    median, best, _ = timed(fn, runs)
    return median * 1000, best * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--opd", type=int, default=40)
    ap.add_argument("--tasks", type=int, default=100_000)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    city = benchmark_city(args.opd, args.tasks)
    load_s = time.perf_counter() - t0
    settings = Settings()
    scenario = twenty_changes(city)
    structural = twenty_changes(city, structural=True)

    fresh = city.with_frames()  # a city object without the cached lookups
    t0 = time.perf_counter()
    city_index(fresh).task_of(city.opd_names[0], 2)  # positions, units and tasks lookups
    index_ms = (time.perf_counter() - t0) * 1000

    def run(s: Scenario) -> Callable[[], object]:
        def go() -> object:
            scen_city, scen_settings = apply(city, s, settings)
            return compute_workload(scen_city, scen_settings)
        return go

    rows = [
        ("compute_workload, baseline", *_median_ms(lambda: compute_workload(city, settings),
                                                   args.runs)),
        ("apply 20 changes", *_median_ms(lambda: apply(city, scenario, settings), args.runs)),
        ("apply + compute_workload", *_median_ms(run(scenario), args.runs)),
        ("apply + compute (with add/remove)", *_median_ms(run(structural), args.runs)),
    ]
    print(f"\ncity: {len(city.opds)} OPD, {len(city.positions):,} positions, "
          f"{len(city.tasks):,} tasks (loaded in {load_s:.1f} s); {args.runs} runs each; "
          f"one-off lookup index per city: {index_ms:.1f} ms")
    print(f"{'step':<36}{'median ms':>11}{'min ms':>9}")
    for name, med, low in rows:
        print(f"{name:<36}{med:>11.1f}{low:>9.1f}")
    median = rows[2][1]
    verdict = "OK" if median < TARGET_MS else "TOO SLOW"
    print(f"\napply + compute median {median:.1f} ms; target < {TARGET_MS:.0f} ms: {verdict}")
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
