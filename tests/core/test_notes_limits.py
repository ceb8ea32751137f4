"""Notes are capped (issue 16): 1.000 notes per session and 4.000 characters per note, each
refused at n + 1 with an Indonesian message that says what to do; n itself is accepted."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sotk_core.model.notes import (
    MAX_NOTES,
    MAX_TEXT,
    NotesError,
    make_note,
    merge_notes,
    notes_from_bytes,
    notes_to_json,
)

START = datetime(2026, 12, 2, 9, 0)


def _notes(n: int, start: int = 0) -> list[dict]:
    return [make_note(f"catatan {i}", "Dinas Uji", when=START + timedelta(seconds=i))
            for i in range(start, start + n)]


def test_the_limits_are_those_stated():
    assert (MAX_NOTES, MAX_TEXT) == (1000, 4000)


def test_a_file_of_1000_notes_is_read_and_one_of_1001_refused():
    assert len(notes_from_bytes(notes_to_json(_notes(1000)), "catatan.json")) == 1000
    with pytest.raises(NotesError) as exc:
        notes_from_bytes(notes_to_json(_notes(1001)), "catatan.json")
    assert str(exc.value) == ("Berisi 1.001 catatan; paling banyak 1.000 catatan per sesi. Bagi "
                              "file catatan atau hapus catatan lama lebih dulu.")


def test_a_note_of_4000_characters_in_a_file_is_read_and_4001_refused():
    ok = make_note("x" * 4000)
    assert notes_from_bytes(notes_to_json([ok]), "c.json")[0]["teks"] == "x" * 4000
    long = {**ok, "teks": "x" * 4001}  # written by hand into the file
    with pytest.raises(NotesError) as exc:
        notes_from_bytes(notes_to_json([long]), "c.json")
    assert str(exc.value) == ("1 catatan lebih panjang dari 4.000 karakter; ringkas catatan itu "
                              "lalu unggah lagi.")


def test_typing_a_note_of_4001_characters_is_refused():
    assert len(make_note("x" * 4000)["teks"]) == 4000
    with pytest.raises(ValueError) as exc:
        make_note("x" * 4001)
    assert str(exc.value) == ("Catatan terlalu panjang (4.001 karakter); paling banyak 4.000 "
                              "karakter. Ringkas atau bagi menjadi beberapa catatan.")


def test_merging_up_to_1000_notes_is_fine_and_past_it_refused():
    merged, added, skipped = merge_notes(_notes(999), _notes(1, start=999))
    assert (len(merged), added, skipped) == (1000, 1, 0)
    with pytest.raises(NotesError) as exc:
        merge_notes(_notes(1000), _notes(1, start=1000))
    assert str(exc.value) == ("Setelah digabung ada 1.001 catatan; paling banyak 1.000 catatan "
                              "per sesi. Bagi file catatan atau hapus catatan lama lebih dulu.")


def test_uploading_the_same_notes_again_never_counts_twice():
    saved = _notes(800)
    merged, added, skipped = merge_notes(saved, saved)  # 1.600 offered, 800 distinct
    assert (len(merged), added, skipped) == (800, 0, 800)
