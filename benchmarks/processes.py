"""The reference processes `benchmarks/run.py` times next to the product's command line.

    python -m benchmarks.processes fastexcel FILE...   # read every sheet to Arrow: the floor
    python -m benchmarks.processes openpyxl FILE...    # pandas + openpyxl, Beban Kerja only

Each is what a minimal script doing only that job costs as a whole process (interpreter start
and imports included), so the product's `report --json` can be compared as a process too.
"""

from __future__ import annotations

import sys


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


def main(argv: list[str]) -> int:
    kind, paths = argv[0], argv[1:]
    if kind == "fastexcel":
        fastexcel_every_sheet(paths)
    elif kind == "openpyxl":
        openpyxl_workload(paths)
    else:
        print(f"unknown process {kind!r}: fastexcel or openpyxl", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
