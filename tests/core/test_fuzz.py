"""Seeded fuzzing (issue 16): 300 mutants of the sample workbooks, run as a person runs them
(`python -m sotk_core report --json`, fresh processes), end with exit 0 or 2, no traceback,
valid JSON naming every file, and under 1 GB peak memory and 30 s per run.

Each mutant applies one to three mutations to the XML inside the archive (extreme numbers,
hostile text, far or broken cell references, wrong cell types, lying counts, merged ranges,
repeated rows, deleted elements, renamed sheets, flipped or cut bytes) or to the archive
itself. A run takes one mutant of each sample workbook, so every OPD name occurs once and
each mutant that still validates is computed and reported.
"""

from __future__ import annotations

import io
import json
import random
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core.measure import run_cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.xlsx"))
MUTANTS = 300
SEED = 16
_EPOCH = (1980, 1, 1, 0, 0, 0)

NUMBERS = ["1e308", "-1e308", "1e26", "-5", "0", "1e-30", "NaN", "inf", "-0",
           "123456789012345678901234567890", "0.0001", "10001", "2.5"]
TEXTS = ["**tebal** $x^2$ :red[merah]", '<a href="http://contoh.invalid">x</a>',
         "=HYPERLINK(\"http://contoh.invalid\")", "+1+1", "@SUM(1)", "\u200bJ01", "J\u200b01",
         "\u0661\u0662", "\uff11\uff12", "x" * 20_000, "", " ", "Dinas Uji", "#DIV/0!",
         "\u202eterbalik", "&amp;&lt;", "Tahun", "Jam", "OPD"]
REFS = ["XFD1048576", "A1048576", "XFD1", "A0", "ZZZZ1", "AAA99999", "B", "1", "a1", ""]
TYPES = ["s", "n", "e", "b", "str", "inlineStr", "d", "zz"]
COUNTS = ["0", "-1", "2000000000", "99999999999999999999", "abc", "1900000", "3"]
ENGLISH = re.compile(r"\b(error|not found|expected|invalid|unknown|unrecognized|missing|"
                     r"failed|Error)\b|b'|Traceback", re.IGNORECASE)


def _sheets(members: dict[str, bytes]) -> list[str]:
    return sorted(n for n in members if n.startswith("xl/worksheets/") and n.endswith(".xml"))


def _sub_one(rng: random.Random, pattern: bytes, data: bytes,
             make: Callable[[re.Match[bytes]], bytes]) -> bytes:
    found = list(re.finditer(pattern, data))
    if not found:
        return data
    m = rng.choice(found)
    return data[:m.start()] + make(m) + data[m.end():]


def _in_sheet(fn: Callable[[random.Random, bytes], bytes]):
    def mutate(rng: random.Random, members: dict[str, bytes]) -> None:
        name = rng.choice(_sheets(members))
        members[name] = fn(rng, members[name])
    return mutate


@_in_sheet
def _number(rng, xml):
    return _sub_one(rng, rb"<v>[^<]*</v>", xml, lambda m: b"<v>%s</v>" % rng.choice(
        NUMBERS).encode())


@_in_sheet
def _ref(rng, xml):
    return _sub_one(rng, rb' r="[A-Z]+[0-9]+"', xml, lambda m: (
        b' r="%s"' % rng.choice(REFS).encode() if rng.random() < 0.8 else b""))


@_in_sheet
def _type(rng, xml):
    return _sub_one(rng, rb' t="[a-zA-Z]+"', xml, lambda m: b' t="%s"' % rng.choice(
        TYPES).encode())


@_in_sheet
def _merge(rng, xml):
    ranges = [rng.choice(["A1:XFD1", "A1:XFD1048576", "A1:B2", "C1:A1", "A1:A1", "Z9:AA99"])
              for _ in range(rng.choice([1, 10, 2000]))]
    block = b'<mergeCells count="%d">' % len(ranges) + b"".join(
        b'<mergeCell ref="%s"/>' % r.encode() for r in ranges) + b"</mergeCells>"
    return xml.replace(b"</sheetData>", b"</sheetData>" + block, 1)


@_in_sheet
def _repeat_row(rng, xml):
    return _sub_one(rng, rb"<row [^>]*>.*?</row>", xml,
                    lambda m: m.group(0) * rng.choice([2, 50, 3000]))


@_in_sheet
def _delete(rng, xml):
    return _sub_one(rng, rng.choice([rb"<row [^>]*>.*?</row>", rb"<c [^>]*>.*?</c>",
                                     rb"<sheetData>|</sheetData>"]), xml, lambda m: b"")


@_in_sheet
def _dimension(rng, xml):
    return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)


def _text(rng: random.Random, members: dict[str, bytes]) -> None:
    name = "xl/sharedStrings.xml"
    if name in members:
        text = rng.choice(TEXTS).replace("&", "&amp;").replace("<", "&lt;").encode()
        members[name] = _sub_one(rng, rb"<t>[^<]*</t>", members[name],
                                 lambda m: b"<t>%s</t>" % text)


def _count(rng: random.Random, members: dict[str, bytes]) -> None:
    name = "xl/sharedStrings.xml"
    if name in members:
        members[name] = re.sub(rb'(uniqueCount|count)="[^"]*"', lambda m: b'%s="%s"' % (
            m.group(1), rng.choice(COUNTS).encode()), members[name])


def _rename_sheet(rng: random.Random, members: dict[str, bytes]) -> None:
    name = "xl/workbook.xml"
    new = rng.choice(["ABK", "Unit ", "Jabatan", "", "Profil", "x" * 40, "Beban\u200bKerja"])
    members[name] = _sub_one(rng, rb'<sheet name="[^"]*"', members[name],
                             lambda m: b'<sheet name="%s"' % new.encode())


def _flip(rng: random.Random, members: dict[str, bytes]) -> None:
    name = rng.choice(sorted(members))
    data = bytearray(members[name])
    for _ in range(rng.choice([1, 5, 50])):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    members[name] = bytes(data)


def _cut(rng: random.Random, members: dict[str, bytes]) -> None:
    name = rng.choice(sorted(members))
    members[name] = members[name][: rng.randrange(len(members[name]) + 1)]


MUTATIONS = (_number, _number, _ref, _type, _merge, _repeat_row, _delete, _dimension, _text,
             _text, _count, _rename_sheet, _flip, _cut)


def mutant(source: bytes, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(source)) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    for op in rng.sample(MUTATIONS, rng.choice([1, 1, 2, 3])):
        op(rng, members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members.items():
            dst.writestr(zipfile.ZipInfo(name, _EPOCH), data, compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(out.getvalue())
    if rng.random() < 0.05:  # the archive itself damaged
        for _ in range(rng.choice([1, 20])):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def make_mutants(out: Path, count: int = MUTANTS, seed: int = SEED) -> list[list[Path]]:
    """Runs of one mutant per sample workbook, count in all (deterministic for a seed)."""
    out.mkdir(parents=True, exist_ok=True)
    sources = [p.read_bytes() for p in SAMPLES]
    runs: list[list[Path]] = []
    made = 0
    while made < count:
        run = []
        for sample, data in zip(SAMPLES, sources, strict=True):
            if made == count:
                break
            path = out / f"m{made:03d}_{sample.stem}.xlsx"
            path.write_bytes(mutant(data, random.Random(seed * 100_003 + made)))
            run.append(path)
            made += 1
        runs.append(run)
    return runs


def test_the_mutants_are_deterministic(tmp_path):
    a = make_mutants(tmp_path / "a", 20)
    b = make_mutants(tmp_path / "b", 20)
    assert [p.read_bytes() for r in a for p in r] == [p.read_bytes() for r in b for p in r]
    assert sum(len(r) for r in a) == 20 and len(SAMPLES) >= 10


@pytest.mark.slow
def test_300_mutants_never_crash_leak_or_hang(tmp_path):
    runs = make_mutants(tmp_path)
    assert sum(len(r) for r in runs) == MUTANTS
    start = time.perf_counter()
    worst_mb = worst_s = 0.0
    computed = 0
    for run_files in runs:
        run = run_cli("report", *map(str, run_files), "--json")
        where = [p.name for p in run_files]
        assert run.code in (0, 2), (where, run.code, run.stderr[-800:])
        assert run.clean, (where, run.stderr[-800:])
        assert run.peak_mb < 1024 and run.seconds < 30, (where, run.peak_mb, run.seconds)
        report = json.loads(run.stdout)
        named = {o["file"] for o in report["opd"]} | {i["file"] for i in report["issues"]}
        assert named >= set(where), set(where) - named  # every file accounted for
        for issue in report["issues"]:  # Indonesian, from this program: no parser's English
            assert not ENGLISH.search(re.sub(r"'[^']*'", "", issue["message"])), issue
            assert not issue["message"].startswith("File tidak dapat dibaca ("), issue  # defect
        computed += len(report["opd"])
        worst_mb, worst_s = max(worst_mb, run.peak_mb), max(worst_s, run.seconds)
    elapsed = time.perf_counter() - start
    print(f"{MUTANTS} mutants in {len(runs)} runs: {elapsed:.1f} s, worst run {worst_s:.1f} s, "
          f"peak {worst_mb:.0f} MB, {computed} OPD computed")
    assert computed > 50  # many mutants still compute: the engine is exercised, not only the guard
