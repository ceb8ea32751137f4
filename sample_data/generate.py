"""Write the Kota Contoh workbooks (sample_data/*.xlsx) from the tables in
sample_data/kota_contoh/ with the product's own template writer.

The tables are the sample city: edit a CSV row, rerun, and the workbook follows. Each table
holds the rows of one sheet for every OPD, the file name in column `Berkas`, then the
template's own headers; `opd.csv` holds the Profil sheets, `kota.toml` what all files share.
The output depends only on the tables: reruns give byte-identical workbooks.

    python sample_data/generate.py            # rewrite sample_data/*.xlsx
    python sample_data/generate.py --check    # exit 1 if a workbook differs from the tables
    python sample_data/generate.py --out DIR  # write elsewhere

What the city was designed to show: sample_data/story.py. DATA FIKTIF.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from sotk_core.workbook.spec import PROFILE_FIELDS, TABLE_SHEETS, Kind  # noqa: E402
from sotk_core.workbook.writer import workbook_bytes  # noqa: E402

TABLES = HERE / "kota_contoh"
FILE_COLUMN = "Berkas"
SHEET_FILES = {sheet.name: sheet.name.lower().replace(" ", "_") + ".csv" for sheet in TABLE_SHEETS}

Table = dict[str, list[dict[str, object]]]


def _value(text: str, kind: Kind) -> object:
    """A CSV cell as the workbook should hold it: blank → nothing, numbers as numbers."""
    if text == "":
        return None
    if kind in ("number", "int"):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def _read(name: str, kinds: dict[str, Kind]) -> Table:
    """Rows of one table grouped by workbook file, keyed by the template's column keys."""
    by_file: Table = defaultdict(list)
    path = TABLES / name
    if not path.exists():
        return by_file
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            file = row.pop(FILE_COLUMN)
            by_file[file].append({key: _value(row[header], kind)
                                  for header, (key, kind) in kinds.items()})
    return by_file


def workbooks() -> dict[str, bytes]:
    """File name → workbook bytes, in the order of opd.csv."""
    city = tomllib.loads((TABLES / "kota.toml").read_text(encoding="utf-8"))
    profile_kinds = {f.label: (f.key, f.kind) for f in PROFILE_FIELDS}
    profiles = _read("opd.csv", profile_kinds)
    tables = {sheet.name: _read(SHEET_FILES[sheet.name],
                                {c.header: (c.key, c.kind) for c in sheet.columns})
              for sheet in TABLE_SHEETS}
    out: dict[str, bytes] = {}
    for file, (profile,) in profiles.items():
        filled = {sheet: rows[file] for sheet, rows in tables.items() if file in rows}
        out[file] = workbook_bytes(
            {k: v for k, v in profile.items() if v is not None}, filled,
            properties={"title": profile["name"], "subject": city["subject"],
                        "author": city["author"], "created": city["created"]},
            profile_notes=[("Catatan", city["note"])])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    parser.add_argument("--check", action="store_true",
                        help="compare with the workbooks in --out instead of writing")
    args = parser.parse_args(argv)
    books = workbooks()
    if args.check:
        stale = [f for f, data in books.items()
                 if not (args.out / f).exists() or (args.out / f).read_bytes() != data]
        for f in stale:
            print(f"{f}: differs from the tables; run python sample_data/generate.py")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for f, data in books.items():
        (args.out / f).write_bytes(data)
    print(f"{len(books)} workbook(s) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
