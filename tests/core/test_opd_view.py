"""The OPD head's reading (sotk_core.present.opd_view) at every threshold (domain.md §1: EJ
> 1,00 overloaded, < 0,50 under-used; balanced band 0,70–1,00 is this application's rule)."""

from __future__ import annotations

import pandas as pd
import pytest

from sotk_core import Settings
from sotk_core.present.opd_view import (
    grade_text,
    opd_view,
    positions_lines,
    reading,
    staffing_sentence,
    table_parts,
    units_lines,
)

S = Settings()


@pytest.mark.parametrize("value, expected", [
    (1.01, "beban berlebih"), (1.00, "seimbang"), (0.70, "seimbang"), (0.69, "agak rendah"),
    (0.50, "agak rendah"), (0.49, "beban rendah"), (None, "kosong"),
])
def test_reading_at_each_boundary(value, expected):
    assert reading(value, S) == expected


def test_custom_bands_move_the_reading():
    custom = S.with_(ej_bands=(("A", "Sangat Baik", 1.10), ("B", "Baik", 0.90),
                               ("C", "Cukup", 0.70), ("D", "Sedang", 0.60),
                               ("E", "Kurang", float("-inf"))))
    assert reading(1.05, custom) == "seimbang" and reading(1.11, custom) == "beban berlebih"
    assert reading(0.55, custom) == "beban rendah"


def test_sentences_and_grades():
    assert staffing_sentence(2.799867, 1, 2.80, 3499.8, S) == \
        "butuh 2,80 orang, ada 1 — beban berlebih"
    assert staffing_sentence(1.0539, 0, None, 1317.0, S) == "butuh 1,05 orang, ada 0 — kosong"
    assert staffing_sentence(0.0, 2, None, 0.0, S) == "ada 2 orang — tanpa beban kerja"
    assert staffing_sentence(0.8, float("nan"), None, 1000.0, S) == \
        "butuh 0,80 orang — pegawai belum diketahui"
    assert grade_text("A", 1.04, S) == "A · beban berlebih"  # not "Sangat Baik"
    assert grade_text(None, None, S) == "–"


def test_opd_view_of_dinas_uji(uji_eval):
    # builders.py: J03 1.2 FTE on 2 staff (EJ 0,60, agak rendah); J06 2.4 on 3 (EJ 0,80);
    # J07 1.0 on 1 (EJ 1,00, seimbang, not overloaded); J08 2.5 FTE, 0 staff: kosong
    view = opd_view(uji_eval, "Dinas Uji")
    assert view.overloaded_positions == [
        "Analis Layanan · Seksi Layanan B: butuh 2,50 orang, ada 0 — kosong"]
    assert view.idle_positions == []
    # Seksi B: J07 1.0 + J08 2.5 = 3.5 FTE on 1 person; the bidang (7.424 / 6 = 1,24) too
    assert view.overloaded_units == [
        "Seksi Layanan B (Bidang Pelayanan): butuh 3,50 orang, ada 1 — beban berlebih "
        "(EU 3,50)", "Bidang Pelayanan: butuh 7,42 orang, ada 6 — beban berlebih (EU 1,24)"]
    table = view.positions
    assert table["EJ"].tolist()[:2] == ["1,00", "0,96"] and table["EJ"].iloc[-1] == "–"


def _sentences(n: int) -> list[str]:
    return [f"Jabatan {i}: butuh 2,00 orang, ada 1 — beban berlebih" for i in range(1, n + 1)]


def test_a_box_lists_ten_sentences_and_counts_the_rest():
    # 10 sentences: all of them; 11: the first 10 and one line counting the 11th
    assert positions_lines(_sentences(10)) == _sentences(10)
    assert positions_lines(_sentences(11)) == [
        *_sentences(10), "… dan 1 jabatan lainnya; semuanya ada di tabel jabatan di bawah"]
    assert units_lines(_sentences(1_012))[-1] == (
        "… dan 1.002 seksi dan bidang lainnya; semuanya ada di Tabel unit halaman Produktivitas")
    assert len(units_lines(_sentences(1_012))) == 11


def _positions(n: int) -> pd.DataFrame:
    return pd.DataFrame({"Jabatan": [f"Jabatan {i}" for i in range(1, n + 1)],
                         "EJ": [f"{2 - i / 100:.2f}".replace(".", ",") for i in range(n)]})


def test_the_positions_table_shows_forty_rows_and_the_rest_below():
    whole = table_parts(_positions(40))  # 40 rows: all in view, no note, no box
    assert len(whole.first) == 40 and whole.rest.empty
    assert whole.note is None and whole.rest_title is None
    cut = table_parts(_positions(41))
    assert cut.first["Jabatan"].tolist() == [f"Jabatan {i}" for i in range(1, 41)]
    assert cut.rest["Jabatan"].tolist() == ["Jabatan 41"]
    assert cut.note == ("Menampilkan 40 jabatan dengan EJ tertinggi dari 41. 1 jabatan lainnya "
                        "ada di bawah tabel ini.")
    assert cut.rest_title == "1 jabatan lainnya (lanjutan tabel di atas)"
    assert table_parts(_positions(1_041)).note.startswith(
        "Menampilkan 40 jabatan dengan EJ tertinggi dari 1.041. 1.001 jabatan lainnya")
