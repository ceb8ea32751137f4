"""Properties that hold for any input (hypothesis), domain.md §1 and workbook.md:

- a valid workbook written by the product's writer reads back unchanged, numbers typed as
  Indonesian text ("1.234,50") included;
- a unit's figures are the sums over its subtree; surplus − shortage = existing − need at
  position, unit and city level;
- no input makes the reader raise: random bytes, random archives, damaged sheet XML and
  random cell values all come back as an OpdWorkbook with issues;
- the guard measures a sheet's cell rectangle exactly as the parser (calamine) will.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile

import numpy as np
import pytest
import python_calamine as pc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sotk_core import Settings
from sotk_core.base.fmt import fmt_num, round_half_up
from sotk_core.base.issues import IssueList
from sotk_core.model.city import build_city
from sotk_core.model.workload import compute_workload
from sotk_core.workbook import OpdWorkbook, guard, read_workbook
from sotk_core.workbook.spec import (
    JENIS_JABATAN,
    JENIS_OPD,
    JENIS_UNIT,
    PERIODE,
    SATUAN_WAKTU,
    STRUCTURAL,
    TIPE,
)
from sotk_core.workbook.writer import workbook_bytes
from tests.builders import opd_bytes
from tests.data.make_corpus import GridBook, rezip

FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- strategies -----------------------------------------------------------------------------

WORD = st.text(alphabet=st.characters(categories=("L", "N"), include_characters="-'/📊🏥",
                                      exclude_characters="#"), min_size=1, max_size=12)
NAME = st.lists(WORD, min_size=1, max_size=4).map(" ".join)  # no double or edge spaces
AMOUNT = st.integers(0, 500_000).map(lambda n: n / 100)  # 0.00 – 5,000.00, two decimals
PER_YEAR = {"Tahun": 1, "Semester": 2, "Triwulan": 4, "Bulan": 12, "Minggu": 50, "Hari": 250,
            "Jam": 1250}  # per working hour: the year factor is the WKE in hours (1.250)


@st.composite
def number_cell(draw, value: float) -> object:
    """The same number as a numeric cell or as text, Indonesian or plain."""
    form = draw(st.sampled_from(["number", "number", "indonesian", "plain"]))
    if form == "indonesian":
        return fmt_num(value, 2)  # 1234.5 -> "1.234,50"
    if form == "plain":
        return repr(value)  # "1234.5"
    return value


@st.composite
def opd(draw) -> dict:
    """A valid OPD: profile, a unit tree, positions (one head at most per unit) and tasks.
    Returns the input ('tables' as written, 'expected' as the reader should return it)."""
    n_units = draw(st.integers(1, 7))
    units = [{"code": "U0", "name": draw(NAME), "kind": "OPD", "parent": None}]
    for i in range(1, n_units):
        units.append({"code": f"U{i}", "name": draw(NAME),
                      "kind": draw(st.sampled_from(JENIS_UNIT[1:])),
                      "parent": f"U{draw(st.integers(0, i - 1))}"})
    positions = []
    for i in range(draw(st.integers(1, 10))):
        unit = draw(st.sampled_from(units))["code"]
        has_head = any(p["unit"] == unit and p["kind"] in STRUCTURAL for p in positions)
        kinds = [k for k in JENIS_JABATAN if not (has_head and k in STRUCTURAL)]
        existing = draw(st.integers(0, 6))
        positions.append({"code": f"J{i:02d}", "name": draw(NAME), "unit": unit,
                          "kind": draw(st.sampled_from(kinds)),
                          "grade": draw(st.none() | st.integers(1, 17)), "existing": existing,
                          "retiring": draw(st.none() | st.integers(0, existing))})
    tasks, expected_tasks = [], []
    for _ in range(draw(st.integers(0, 15))):
        volume = draw(AMOUNT)
        norma = draw(st.integers(1, 60_000).map(lambda n: n / 100))  # > 0
        row = {"position": draw(st.sampled_from(positions))["code"], "task": draw(NAME),
               "output": draw(NAME), "period": draw(st.sampled_from(PERIODE)),
               "time_unit": draw(st.sampled_from(SATUAN_WAKTU))}
        minutes = volume * PER_YEAR[row["period"]] * norma * (60 if row["time_unit"] == "Jam" else 1)
        if minutes > 100 * 1250 * 60:  # more than 100 people's WKE: refused (test_rules.py)
            continue
        tasks.append({**row, "volume": draw(number_cell(volume)),
                      "norma": draw(number_cell(norma))})
        expected_tasks.append({**row, "volume": volume, "norma": norma})
    profile = {"name": draw(NAME), "abbr": draw(NAME), "jenis": draw(st.sampled_from(JENIS_OPD)),
               "tipe": draw(st.sampled_from(TIPE)), "skor": draw(st.integers(0, 1000)),
               "urusan": draw(st.lists(NAME, min_size=1, max_size=3)),
               "tahun": draw(st.integers(2000, 2030)), "penataan": draw(st.integers(2000, 2030)),
               "sakip": draw(st.integers(0, 10_000).map(lambda n: n / 100))}
    return {"profile": profile, "units": units, "positions": positions, "tasks": tasks,
            "expected_tasks": expected_tasks}


def _bytes(o: dict) -> bytes:
    return workbook_bytes(o["profile"], {"Unit": o["units"], "Jabatan": o["positions"],
                                         "Beban Kerja": o["tasks"]})


def _records(frame, columns: list[str]) -> list[dict]:
    out = []
    for rec in frame.loc[:, columns].to_dict("records"):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else v)
                    for k, v in rec.items()})
    return out


# --- round trip -----------------------------------------------------------------------------

@FAST
@given(opd())
def test_a_valid_workbook_reads_back_unchanged(o):
    wb = read_workbook(_bytes(o), "acak.xlsx")
    assert not wb.errors, [str(i) for i in wb.errors]
    assert {k: wb.profile.get(k) for k in o["profile"]} == o["profile"]
    assert _records(wb.units, ["code", "name", "kind", "parent"]) == o["units"]
    assert _records(wb.positions, list(o["positions"][0])) == o["positions"]
    columns = ["position", "task", "output", "period", "time_unit", "volume", "norma"]
    got = _records(wb.tasks, columns) if o["tasks"] else []
    assert got == [{k: t[k] for k in columns} for t in o["expected_tasks"]]
    assert wb.tasks["row"].tolist() == list(range(2, 2 + len(o["tasks"])))


# --- sums -----------------------------------------------------------------------------------

@settings(FAST, max_examples=25)
@given(st.lists(opd(), min_size=1, max_size=3))
def test_units_are_the_sums_of_their_subtree_and_gaps_balance(opds):
    books = []
    for i, o in enumerate(opds):
        o["profile"]["name"] = f"OPD {i}"  # distinct names: every workbook is computed
        books.append(read_workbook(_bytes(o), f"opd{i}.xlsx"))
    city = build_city(books)
    assert city.opd_names == [f"OPD {i}" for i in range(len(opds))]
    result = compute_workload(city, Settings())
    pos, units = result.positions, result.units

    # positions: need is EJ-free half-up rounding of need_raw; surplus − shortage = gap
    assert np.array_equal(pos["need"], round_half_up(pos["need_raw"].to_numpy(), 0))
    assert np.allclose(pos["surplus"] - pos["shortage"], pos["existing"] - pos["need"])

    # units: walk each position up to the root by codes (independent of city.ancestors)
    parent = {(u.opd, u.code): u.parent for u in units.itertuples()}
    sums = {key: {"need": 0.0, "existing": 0.0, "workload_hours": 0.0, "surplus": 0.0,
                  "shortage": 0.0} for key in parent}
    for p in pos.itertuples():
        node = p.unit
        while isinstance(node, str):  # the root's parent is missing (NaN in the frame)
            for col in sums[(p.opd, node)]:
                sums[(p.opd, node)][col] += getattr(p, col)
            node = parent[(p.opd, node)]
    for u in units.itertuples():
        expect = sums[(u.opd, u.code)]
        assert u.need == expect["need"] and u.existing == expect["existing"]
        assert u.surplus == expect["surplus"] and u.shortage == expect["shortage"]
        assert u.workload_hours == pytest.approx(expect["workload_hours"])
        assert u.surplus - u.shortage == pytest.approx(u.existing - u.need)
    roots = units.loc[units["parent_uid"] < 0].set_index("opd")
    for name, group in pos.groupby("opd"):
        assert roots.loc[name, "existing"] == group["existing"].sum()

    c = result.city
    assert c["existing"] == pos["existing"].sum() and c["need"] == pos["need"].sum()
    assert c["surplus"] - c["shortage"] == pytest.approx(c["existing"] - c["need"])


# --- the reader never raises ----------------------------------------------------------------

GOOD = opd_bytes()
with zipfile.ZipFile(io.BytesIO(GOOD)) as _zf:
    MEMBERS = {name: _zf.read(name) for name in _zf.namelist()}
SHEET_MEMBERS = sorted(n for n in MEMBERS if n.startswith("xl/worksheets/"))


def _never_raises(data: bytes) -> OpdWorkbook:
    wb = read_workbook(data, "acak.xlsx")  # an exception here fails the test
    assert isinstance(wb, OpdWorkbook)
    assert all(i.severity in ("error", "warning") and i.file == "acak.xlsx" for i in wb.issues)
    # the catch-all for defects ("File tidak dapat dibaca (KeyError: ...)") never shows up:
    # every problem gets its own sentence
    assert not [str(i) for i in wb.issues if i.message.startswith("File tidak dapat dibaca (")]
    return wb


@FAST
@given(st.binary(max_size=4096) | st.binary(max_size=64).map(lambda b: b"PK\x03\x04" + b)
       | st.binary(max_size=64).map(lambda b: guard.OLE_MAGIC + b))
def test_random_bytes_are_an_issue_not_an_exception(data):
    assert not _never_raises(data).ok


@FAST
@given(st.dictionaries(st.sampled_from([*MEMBERS, "xl/worksheets/sheet9.xml", "lain.bin"]),
                       st.binary(max_size=512) | st.sampled_from(list(MEMBERS.values())),
                       max_size=12))
def test_random_archives_are_an_issue_not_an_exception(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    _never_raises(out.getvalue())


SNIPPETS = [b'<c r="XFD1048576"><v>1</v></c>', b'<c r="A99999999"><v>1</v></c>', b"<c><v>2</v></c>",
            b'<x:c r="B2"><x:v>3</x:v></x:c>', b'<c r="D2" t="e"><v>#SPILL!</v></c>',
            b'<c r="A1" t="e"/>', b"<row>", b"</row>", b'<row r="0">', b"<sheetData>",
            b"</sheetData>", b'<c r="a1"><v>1</v></c>', b'<c r="1A"><v>1</v></c>', b"\xff\xfe",
            b'<c r="A1" t="s"><v>99999</v></c>', b"&bogus;", b"<!DOCTYPE x [<!ENTITY a 'b'>]>"]


@FAST
@given(st.sampled_from(SHEET_MEMBERS + ["xl/workbook.xml", "xl/sharedStrings.xml",
                                        "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]),
       st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["cut", "insert", "flip"]),
                          st.sampled_from(SNIPPETS)), min_size=1, max_size=4))
def test_damaged_xml_inside_a_valid_archive_is_an_issue_not_an_exception(member, edits):
    xml = bytearray(MEMBERS[member])
    for where, how, snippet in edits:
        i = int(where * len(xml))
        if how == "cut":
            del xml[i:i + 40]
        elif how == "insert":
            xml[i:i] = snippet
        elif i < len(xml):
            xml[i] ^= 0x20
    _never_raises(rezip(GOOD, {member: bytes(xml)}))


CELL = (st.none() | st.text(max_size=30) | st.floats(allow_nan=False, allow_infinity=False)
        | st.integers(-10**12, 10**12) | st.booleans()
        | st.dates(dt.date(1900, 3, 1), dt.date(2100, 12, 31)) | st.sampled_from(["1.234,5", "2,5", "#DIV/0!", " ", "-"]))


@FAST
@given(st.lists(st.lists(CELL, min_size=0, max_size=8), min_size=0, max_size=12),
       st.sampled_from(["Unit", "Jabatan", "Beban Kerja", "Profil", "Kematangan"]),
       st.booleans())
def test_random_cells_in_a_valid_sheet_are_issues_not_exceptions(rows, sheet, keep_header):
    from tests.data.make_corpus import good_grids

    grids = good_grids()
    grids[sheet] = ([grids[sheet][0]] if keep_header else []) + rows
    _never_raises(GridBook(grids).bytes())


JUNK = st.sampled_from([None, "", " ", "#N/A", "x", -1, 0, 1e20, "U0", "J00", "OPD", "Jam",
                        dt.date(2026, 1, 1), True, "1.234,5", "U1"])


@FAST
@given(opd(), st.data())
def test_damaged_tables_are_issues_not_exceptions(o, data):
    """Valid tables with some cells blanked or replaced: blank codes, unknown parents,
    loops, duplicated heads, dates and huge numbers all end as issues."""
    for table in ("units", "positions", "tasks"):
        for row in o[table]:
            for key in data.draw(st.lists(st.sampled_from(sorted(row)), max_size=2)):
                row[key] = data.draw(JUNK)
    _never_raises(_bytes(o))


# --- the guard measures what the parser allocates -------------------------------------------

@st.composite
def sheet_xml(draw) -> bytes:
    """sheetData with cells placed by reference, by position (no r) or style-only."""
    rows = []
    for r in sorted(draw(st.sets(st.integers(1, 60), max_size=6))):
        cells = []
        for c in sorted(draw(st.sets(st.integers(0, 30), max_size=5))):
            ref = f"{guard.column_letter(c)}{r}"
            kind = draw(st.sampled_from(["value", "value", "style", "empty", "no_r"]))
            cells.append({"value": f'<c r="{ref}"><v>{c}</v></c>',
                          "style": f'<c r="{ref}" s="1"/>',
                          "empty": f'<c r="{ref}" s="1"></c>',
                          "no_r": f"<c><v>{c}</v></c>"}[kind])
        use_r = draw(st.booleans())
        rows.append((f'<row r="{r}">' if use_r else "<row>") + "".join(cells) + "</row>")
    body = "".join(rows)
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + body.encode()
            + b"</sheetData></worksheet>")


@settings(max_examples=80, deadline=None)
@given(sheet_xml())
def test_the_guard_measures_the_rectangle_the_parser_allocates(xml):
    data = rezip(GOOD, {"xl/worksheets/sheet2.xml": xml})  # the Unit sheet
    container = guard.check_container(data, "x.xlsx", IssueList())
    extent = container.sheet_extent("Unit")
    sheet = pc.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Unit")
    if "Unit" in container.small:  # the quick check vouched for A1:Z99999: it must hold
        assert sheet.height == 0 or (sheet.end[0] < 99_999 and sheet.end[1] < 26)
    if sheet.height == 0:
        assert extent is None  # no value cell: nothing for the parser to keep
        return
    # the guard may only overestimate (formula-only cells count), never underestimate
    assert extent is not None
    assert extent.first_row <= sheet.start[0] and extent.first_col <= sheet.start[1]
    assert extent.last_row >= sheet.end[0] and extent.last_col >= sheet.end[1]
    if b"<c>" not in xml:  # with explicit references the measure is exact
        assert (extent.first_row, extent.first_col) == sheet.start
        assert (extent.last_row, extent.last_col) == sheet.end
