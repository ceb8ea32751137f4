"""FGD notes (sotk_core.model.notes): new notes, merging without duplicates, .xlsx/.json round trip."""

from __future__ import annotations

import io
import json
from datetime import datetime

import openpyxl
import pytest

from sotk_core.model.notes import (
    SHEET,
    NotesError,
    make_note,
    merge_notes,
    notes_for,
    notes_from_bytes,
    notes_to_json,
    notes_to_xlsx,
)

T1 = datetime(2026, 5, 4, 9, 30, 0)
T2 = datetime(2026, 5, 4, 10, 5, 12)


@pytest.fixture
def notes() -> list[dict]:
    return [
        make_note("Uraian tugas bidang P2P diverifikasi ulang", "Dinas Kesehatan",
                  "Bidang P2P", "keputusan", when=T1),
        make_note("  Jadwal FGD lanjutan bulan depan ", when=T2),
    ]


def test_make_note_fields(notes):
    assert notes[0] == {"waktu": "2026-05-04 09:30:00", "opd": "Dinas Kesehatan",
                        "unit": "Bidang P2P", "jenis": "keputusan",
                        "teks": "Uraian tugas bidang P2P diverifikasi ulang"}
    # a city-wide note: no OPD, no unit, text trimmed
    assert notes[1] == {"waktu": "2026-05-04 10:05:12", "opd": None, "unit": None,
                        "jenis": "catatan", "teks": "Jadwal FGD lanjutan bulan depan"}


def test_make_note_refuses_empty_text_and_unknown_kind():
    with pytest.raises(ValueError, match="Catatan kosong"):
        make_note("   ", "Dinas Kesehatan")
    with pytest.raises(ValueError, match="Jenis catatan tidak dikenal"):
        make_note("teks", jenis="usulan")


def test_merge_skips_identical_notes(notes):
    merged, added, skipped = merge_notes(notes[:1], notes)
    assert (added, skipped) == (1, 1)
    assert merged == notes  # sorted by time: 09:30 before 10:05
    again, added, skipped = merge_notes(merged, notes)
    assert (added, skipped) == (0, 2) and again == notes


def test_notes_for_scope(notes):
    assert notes_for(notes, "Dinas Kesehatan") == [notes[0]]
    assert notes_for(notes, "Dinas Kesehatan", "Bidang Lain") == []
    assert notes_for(notes, None) == [notes[1]]


@pytest.mark.parametrize("suffix", ["xlsx", "json"])
def test_round_trip(notes, suffix):
    data = notes_to_xlsx(notes, "Kota Uji") if suffix == "xlsx" else notes_to_json(notes)
    assert notes_from_bytes(data, f"catatan.{suffix}") == notes


def test_xlsx_sheet_is_readable_by_people(notes):
    ws = openpyxl.load_workbook(io.BytesIO(notes_to_xlsx(notes, "Kota Uji")))[SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Catatan FGD · Kota Uji"
    assert rows[2] == ("Waktu", "OPD", "Unit", "Jenis", "Isi catatan")
    assert rows[3] == ("2026-05-04 09:30:00", "Dinas Kesehatan", "Bidang P2P", "Keputusan",
                       "Uraian tugas bidang P2P diverifikasi ulang")
    assert rows[4][1:4] == ("(seluruh kota)", None, "Catatan")


def test_bad_files_have_indonesian_messages():
    with pytest.raises(NotesError, match="bukan JSON"):
        notes_from_bytes(b"{not json", "x.json")
    with pytest.raises(NotesError, match="bukan file catatan"):
        notes_from_bytes(json.dumps({"a": 1}).encode(), "x.json")
    with pytest.raises(NotesError, match="tidak dapat dibuka"):
        notes_from_bytes(b"PK garbage", "x.xlsx")
    with pytest.raises(NotesError, match="gunakan .xlsx atau .json"):
        notes_from_bytes(b"", "x.csv")
