"""The grid loader (workbook/grid.py, table.py, columns.py): fastexcel's text columns give the
same frames and messages as the exact python-calamine rows, also where the text hides what
a cell was (a number 1.234 against the Indonesian text "1.234" = 1234, dates, TRUE).

Dinas Uji (tests/builders.py): header on row 1, TASKS[i] on Excel row i + 2.
"""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from sotk_core.base.issues import IssueList
from sotk_core.workbook import columns, grid, read_workbook
from sotk_core.workbook.rendering import WHITESPACE
from tests.data.make_corpus import GridBook, good_grids

READERS = ["columnar", "exact"]


def _read(book_bytes: bytes, monkeypatch, reader: str):
    if reader == "exact":
        def unreadable(self, actual):
            raise grid.ParserFailed("uji")
        monkeypatch.setattr(grid.Book, "columns", unreadable)
    return read_workbook(book_bytes, "uji.xlsx")


def _with_task_cells(tall: bool, **cells: object) -> bytes:
    """Dinas Uji with cells of the first task replaced (column key -> value); `tall` repeats
    task 8 until the sheet is past columns.SMALL_ROWS, so the columnar path runs."""
    grids = good_grids()
    rows = grids["Beban Kerja"]
    keys = ["position", "task", "output", "volume", "period", "norma", "time_unit"]
    # per Tahun, so a volume of 1.234 stays a task one person can carry (1.234 × 60 min per
    # Hari would be 308.500 h, past 100× WKE: refused by workbook.rules)
    rows[1][keys.index("period")] = "Tahun"
    for key, value in cells.items():
        rows[1][keys.index(key)] = value
    if tall:
        rows.extend([list(rows[-1]) for _ in range(columns.SMALL_ROWS)])
    return GridBook(grids).bytes()


def test_the_whitespace_list_is_pythons():
    assert set(WHITESPACE) == {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}


CASES = {
    # volume of task J01 (per Tahun × 60 min): what it is read as, and the message if any
    "number 1.234": ({"volume": 1.234}, 1.234, None),
    "text 1.234 (thousands)": ({"volume": "1.234"}, 1234.0, None),
    "text 1.234,5": ({"volume": "1.234,5"}, 1234.5, None),
    "text 2,5": ({"volume": "2,5"}, 2.5, None),
    "number 12": ({"volume": 12.0}, 12.0, None),
    "text sepuluh": ({"volume": "sepuluh"}, None, "Kolom 'Volume' berisi teks 'sepuluh', bukan angka."),
    "date": ({"volume": dt.date(2026, 1, 5)}, None,
             "Kolom 'Volume' berisi tanggal/waktu, bukan angka (ubah format sel menjadi Angka)."),
    "TRUE": ({"volume": True}, None, "Kolom 'Volume' berisi nilai benar/salah, bukan angka."),
    "spaces only": ({"volume": "   "}, None, "Kolom 'Volume' kosong; wajib diisi."),
}


@pytest.mark.parametrize("tall", [False, True], ids=["short", "tall"])
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
@pytest.mark.parametrize("reader", READERS)
def test_a_volume_cell_is_read_by_its_type(monkeypatch, reader, case, tall):
    cells, volume, message = CASES[case]
    wb = _read(_with_task_cells(tall, **cells), monkeypatch, reader)
    got = wb.tasks["volume"].iloc[0]
    assert (got != got if volume is None else got == volume)  # NaN when not a number
    assert [(i.sheet, i.row, i.message) for i in wb.errors] == (
        [("Beban Kerja", 2, message)] if message else [])


TEXT_CASES = {
    "code as a number": ({"position": 12.0}, "position", "12"),
    "code with spaces": ({"position": "  J01 "}, "position", "J01"),
    "code with a tab inside": ({"position": "J\t01"}, "position", "J 01"),
    "text with double spaces": ({"task": "Memimpin   rapat\u00a0koordinasi "}, "task",
                                "Memimpin rapat koordinasi"),
    "text with an em space": ({"task": "Memimpin\u2003rapat"}, "task", "Memimpin\u2003rapat"),
    "text as a number": ({"output": 1.5}, "output", "1.5"),
    "text as a tiny number": ({"output": 0.00001}, "output", "1e-05"),
    "choice in other case": ({"period": "hari"}, "period", "Hari"),
    "choice by alias": ({"period": "per hari"}, "period", "Hari"),
}


@pytest.mark.parametrize("tall", [False, True], ids=["short", "tall"])
@pytest.mark.parametrize("case", TEXT_CASES, ids=list(TEXT_CASES))
@pytest.mark.parametrize("reader", READERS)
def test_a_text_cell_is_normalised_as_the_exact_reader_does(monkeypatch, reader, case, tall):
    cells, key, expected = TEXT_CASES[case]
    wb = _read(_with_task_cells(tall, **cells), monkeypatch, reader)
    assert wb.tasks[key].iloc[0] == expected


@pytest.mark.parametrize("tall", [False, True], ids=["short", "tall"])
def test_both_readers_give_the_same_frames_and_messages_on_a_messy_sheet(monkeypatch, tall):
    # "dwiwulan" is no period ("jam" is one since the per-hour period Jam)
    messy = _with_task_cells(tall, position=" J01", volume="1.234,5", period="dwiwulan",
                             norma=dt.datetime(2026, 1, 1, 8, 0), time_unit="menit ")
    columnar = _read(messy, monkeypatch, "columnar")
    exact = _read(messy, monkeypatch, "exact")
    assert columnar.issues == exact.issues and len(exact.errors) == 2
    assert columnar.tasks.equals(exact.tasks)


def test_a_book_gives_rows_as_values_and_columns_as_text_from_a1():
    grids = {"Lembar": [[None], [None], [None, "Judul", 12.5, dt.date(2026, 1, 5), True]]}
    issues = IssueList()
    book = grid.open_book(GridBook(grids).bytes(), "x.xlsx", issues)
    assert book is not None and book.find(["  LEMBAR "]) == "Lembar"
    rows = book.rows("Lembar")
    assert rows.cells[2][1:4] == ["Judul", 12.5, dt.date(2026, 1, 5)]  # Excel row 3, from B
    cols = book.columns("Lembar")
    assert cols.height == 3 and cols.cells[0] is None  # nothing in column A
    assert [cols.cells[c][2].as_py() for c in range(1, 5)] == [
        "Judul", "12.5", "2026-01-05 00:00:00", "true"]
    assert issues == []


@pytest.mark.parametrize(("cells", "needs_exact"), [
    ({"volume": "1.234,5", "position": " J01", "period": "hari"}, False),  # text: masks decide
    ({"volume": 12.0, "output": 1.5}, False),  # numbers that read the same as text
    ({"volume": 1.234}, True),  # a number, or Indonesian thousands typed as text?
    ({"volume": dt.date(2026, 1, 5)}, True),
    ({"output": True}, True),
])
def test_the_exact_reader_is_opened_only_where_the_text_hides_the_type(monkeypatch, cells,
                                                                      needs_exact):
    opened: list[str] = []
    real = grid.Book.rows

    def rows(self, actual):
        opened.append(actual)
        return real(self, actual)

    monkeypatch.setattr(grid.Book, "rows", rows)
    read_workbook(_with_task_cells(True, **cells), "uji.xlsx")
    assert opened == (["Beban Kerja"] if needs_exact else [])
