"""Opening a stored round against parsing its workbooks (issue 13 target: open ≤ 1/3 parse).

    python benchmarks/bench_store.py                  # 40 OPD / 100,000 tasks, SQLite
    python benchmarks/bench_store.py --pg URL         # the same on PostgreSQL too

"parse" = read + validate every workbook and build the city (load_files); "open" =
WorkspaceService.open_round: the stored Arrow frames, profiles and issues of the round's
submissions, then the same build_city. Both give the same city (checked). `measure_store` is
also called by benchmarks/run.py, which prints it next to the parse time of every size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import city_paths, timed  # noqa: E402

TASKS_PER_OPD = 2500


def measure_store(files: list[tuple[str, bytes]], url: str, repeats: int = 3
                  ) -> dict[str, float]:
    """{"parse_s", "import_s", "open_s"} medians for `files` stored in an empty `url`."""
    from sotk_core import Settings, load_files
    from sotk_core.store import LOCAL_ACTOR, WorkspaceService

    settings = Settings()
    parse_s, _, parsed = timed(lambda: load_files(files, settings), repeats)
    svc = WorkspaceService.open(url)
    try:
        ws = svc.create_workspace(LOCAL_ACTOR, "Kota Benchmark")
        rnd = svc.create_round(LOCAL_ACTOR, ws.id, "2026", settings)
        import_s, _, _ = timed(lambda: svc.submit(LOCAL_ACTOR, rnd.id, files), 1)
        open_s, _, opened = timed(lambda: svc.open_round(LOCAL_ACTOR, rnd.id), repeats)
        assert opened.reparsed == 0
        assert opened.city.tasks["volume"].sum() == parsed.tasks["volume"].sum()
        assert len(opened.city.positions) == len(parsed.positions)
    finally:
        svc.close()
    return {"parse_s": parse_s, "import_s": import_s, "open_s": open_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pg", metavar="URL", help="also an EMPTY PostgreSQL database")
    args = parser.parse_args()
    paths = city_paths(args.opd, args.opd * TASKS_PER_OPD)
    files = [(p.name, p.read_bytes()) for p in paths]
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("SQLite", f"sqlite:///{tmp}/bench.sqlite3")]
        if args.pg:
            targets.append(("PostgreSQL", args.pg))
        print(f"{args.opd} OPD / {args.opd * TASKS_PER_OPD:,} tasks, median of {args.repeats}")
        print(f"{'database':>11} | {'parse':>8} | {'import':>8} | {'open round':>10} | "
              f"{'open/parse':>10}")
        for name, url in targets:
            r = measure_store(files, url, args.repeats)
            print(f"{name:>11} | {r['parse_s']:>6.2f} s | {r['import_s']:>6.2f} s | "
                  f"{r['open_s']:>8.2f} s | {r['open_s'] / r['parse_s']:>9.2f}×")
    print("Target: open round ≤ 0.33 × parse.")


if __name__ == "__main__":
    main()
