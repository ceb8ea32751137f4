"""The reference processes `benchmarks/run.py` times next to the product's command line.

    python -m benchmarks.processes fastexcel FILE...   # read every sheet to Arrow: the floor
    python -m benchmarks.processes openpyxl FILE...    # pandas + openpyxl, Beban Kerja only
    python -m benchmarks.processes phases FILE...      # report --json step by step (JSON out)
    python -m benchmarks.processes floor-phases FILE...  # the fastexcel process step by step

Each is what a minimal script doing only that job costs as a whole process (interpreter start
and imports included), so the product's `report --json` can be compared as a process too.
"""

from __future__ import annotations

import sys
import time

_START = time.perf_counter()  # as early in the process as this module can look


def fastexcel_every_sheet(paths: list[str]) -> int:
    """Every sheet of every file through fastexcel (Rust calamine) to Arrow; returns cells."""
    import fastexcel

    cells = 0
    for path in paths:
        with open(path, "rb") as fh:
            reader = fastexcel.read_excel(fh.read())
        for name in reader.sheet_names:
            batch = reader.load_sheet(name, header_row=None).to_arrow()
            cells += batch.num_rows * batch.num_columns
    return cells


def fastexcel_sheets(files: list[tuple[str, bytes]], sheets: tuple[str, ...]) -> int:
    """The named sheets of in-memory files to Arrow (the in-process floor of the reader)."""
    import fastexcel

    cells = 0
    for _, data in files:
        reader = fastexcel.read_excel(data)
        for name in reader.sheet_names:
            if name in sheets:
                batch = reader.load_sheet(name, header_row=None).to_arrow()
                cells += batch.num_rows * batch.num_columns
    return cells


def openpyxl_workload(paths: list[str]) -> int:
    """The Beban Kerja sheet of every file with pandas + openpyxl; returns rows."""
    import pandas as pd

    return sum(len(pd.read_excel(p, sheet_name="Beban Kerja", engine="openpyxl")) for p in paths)


def report_phases(paths: list[str]) -> dict[str, float]:
    """Wall seconds of each step `python -m sotk_core report FILE... --json` takes, in the
    same order (sotk_core.__main__.main); 'start' is the interpreter until this module ran.
    'imports' ends when the reader processes are forked (the first reading stage parses from
    the last file meanwhile); 'read' includes building the city."""
    import gc
    import json
    import os

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the command sets them
    gc.disable()
    marks = {"start": _START}

    def mark(name: str) -> None:
        marks[name] = time.perf_counter()

    import sotk_core.__main__ as command  # what the command imports before its first stage
    from sotk_core import Settings
    from sotk_core.workbook import prefetch

    inputs = [(os.path.basename(p), open(p, "rb").read()) for p in paths]  # noqa: SIM115
    stage = prefetch.start(inputs)
    from sotk_core.workbook.isolate import warm_up

    warm_up()
    from sotk_core.base.forked import ahead
    from sotk_core.model.city import load_files
    from sotk_core.model.evaluate import evaluate
    from sotk_core.present.report import (
        WORKLOAD_KEYS,
        build_report,
        joined,
        member_json,
        workload_members,
    )

    mark("imports")
    settings = Settings()
    city = load_files(inputs, settings, stage=stage)
    if stage is not None:
        stage.close()
    mark("read")
    members = ahead(lambda: workload_members(city, settings))
    ev = evaluate(city, settings)
    mark("evaluate")
    report = build_report(ev, leave_out=WORKLOAD_KEYS)
    joined({**{k: member_json(k, v) for k, v in report.items()}, **members()})
    mark("report")
    steps = list(marks)
    out = {b: marks[b] - marks[a] for a, b in zip(steps, steps[1:], strict=False)}
    print(json.dumps(out))
    command._exit_now(0)  # and end as the command does
    return out


def floor_phases(paths: list[str]) -> dict[str, float]:
    """The fastexcel process's imports and read, as wall seconds (JSON on stdout)."""
    import json

    import fastexcel  # noqa: F401
    import pyarrow  # noqa: F401  (to_arrow needs it)

    imported = time.perf_counter()
    fastexcel_every_sheet(paths)
    out = {"imports": imported - _START, "read": time.perf_counter() - imported}
    print(json.dumps(out))
    return out


def main(argv: list[str]) -> int:
    kind, paths = argv[0], argv[1:]
    if kind == "fastexcel":
        fastexcel_every_sheet(paths)
    elif kind == "openpyxl":
        openpyxl_workload(paths)
    elif kind == "phases":
        report_phases(paths)
    elif kind == "floor-phases":
        floor_phases(paths)
    else:
        print(f"unknown process {kind!r}: fastexcel or openpyxl", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
