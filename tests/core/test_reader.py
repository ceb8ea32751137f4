"""Validation rules of workbook.md: each problem names file, sheet, Excel row and column."""

from __future__ import annotations

import copy
import io

import openpyxl
import pytest

from sotk_core import build_city, read_workbook
from sotk_core.workbook.spec import TABLE_SHEETS
from sotk_core.workbook.writer import workbook_bytes
from tests.builders import MATURITY, POSITIONS, PROFILE, TASKS, UNITS, opd_bytes, tables

FILE = "uji.xlsx"


def _read(**changes):
    return read_workbook(opd_bytes(**changes), FILE)


def _only(wb, severity="error"):
    found = [i for i in wb.issues if i.severity == severity]
    assert len(found) == 1, [str(i) for i in wb.issues]
    return found[0]


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _where(issue):
    return (issue.file, issue.sheet, issue.row, issue.column)


def _with(rows, index, **values):
    rows = copy.deepcopy(rows)
    rows[index].update(values)
    return rows


def test_the_hand_built_workbook_is_clean():
    wb = _read()
    assert wb.ok and wb.issues == ()
    assert wb.profile["name"] == "Dinas Uji" and wb.profile["urusan"] == ["kesehatan"]
    assert wb.units["code"].tolist()[:2] == ["01", "01.01"]  # codes stay text


def test_missing_required_sheet():
    data = workbook_bytes(PROFILE, {"Unit": UNITS, "Jabatan": POSITIONS},
                          sheets=[s for s in TABLE_SHEETS if s.name != "Beban Kerja"])
    issue = _only(read_workbook(data, FILE))
    assert _where(issue) == (FILE, "Beban Kerja", None, None)
    assert issue.message == "Sheet wajib 'Beban Kerja' (atau 'ABK') tidak ada di workbook."


def test_missing_required_column():
    wb = openpyxl.load_workbook(io.BytesIO(opd_bytes()))
    wb["Jabatan"].delete_cols(6)  # column F: Pegawai
    issue = _only(read_workbook(_save(wb), FILE))
    assert _where(issue) == (FILE, "Jabatan", 1, "Pegawai")
    assert "Kolom wajib 'Pegawai'" in issue.message and "Bezetting" in issue.message


def test_duplicate_unit_code_names_both_rows():
    units = UNITS + [{"code": "01.02", "name": "Bidang Lain", "kind": "Bidang", "parent": "01"}]
    issue = _only(_read(Unit=units))
    assert _where(issue) == (FILE, "Unit", 7, "Kode Unit")  # 6th data row -> Excel row 7
    assert issue.message == "Kode Unit '01.02' ganda; sudah dipakai di baris 4."


def test_duplicate_position_code():
    positions = POSITIONS + [{**POSITIONS[-1], "unit": "01.01", "kind": "Pelaksana"}]
    issue = _only(_read(Jabatan=positions))
    assert _where(issue) == (FILE, "Jabatan", 10, "Kode Jabatan")
    assert "Kode Jabatan 'J08' ganda" in issue.message


def test_unknown_parent_unit_and_position():
    wb = _read(Unit=_with(UNITS, 4, parent="09"),
               Jabatan=_with(POSITIONS, 2, unit="99"),
               **{"Beban Kerja": _with(TASKS, 1, position="JX")})
    where = {_where(i): i.message for i in wb.errors}
    assert where[(FILE, "Unit", 6, "Kode Induk")] == (
        "Kode Induk '09' dari unit '01.02.02' tidak ada di kolom Kode Unit.")
    assert where[(FILE, "Jabatan", 4, "Kode Unit")] == (
        "Kode Unit '99' dari jabatan 'J03' tidak ada di sheet Unit.")
    assert where[(FILE, "Beban Kerja", 3, "Kode Jabatan")] == (
        "Kode Jabatan 'JX' tidak ada di sheet Jabatan.")


def test_cycle_and_two_roots():
    units = _with(UNITS, 3, parent="01.02.02")
    units = _with(units, 4, parent="01.02.01")  # 01.02.01 <-> 01.02.02
    units = _with(units, 1, parent=None)  # a second root
    wb = _read(Unit=units)
    messages = {_where(i): i.message for i in wb.errors}
    assert messages[(FILE, "Unit", 5, "Kode Induk")] == (
        "Susunan unit melingkar: 01.02.01 → 01.02.02 → 01.02.01.")
    assert "hanya satu unit (OPD) boleh tanpa induk, yaitu baris 2" in messages[(FILE, "Unit", 3, "Kode Induk")]


def test_two_structural_heads_in_one_unit():
    issue = _only(_read(Jabatan=_with(POSITIONS, 5, kind="Pengawas")))
    assert _where(issue) == (FILE, "Jabatan", 7, "Jenis Jabatan")
    assert "Unit '01.02.01' sudah punya kepala (jabatan struktural di baris 6)" in issue.message


@pytest.mark.parametrize(("column", "value", "header", "fragment"), [
    ("volume", -5, "Volume", "bernilai -5; tidak boleh kurang dari 0"),
    ("volume", "sepuluh", "Volume", "berisi teks 'sepuluh', bukan angka"),
    ("norma", 0, "Norma Waktu", "bernilai 0; harus lebih dari 0"),
    ("period", "Dekade", "Periode", "berisi 'Dekade'; pilihan yang sah: Tahun, Semester"),
    ("time_unit", "Detik", "Satuan Waktu", "berisi 'Detik'; pilihan yang sah: Menit, Jam"),
])
def test_task_value_errors(column, value, header, fragment):
    issue = _only(_read(**{"Beban Kerja": _with(TASKS, 4, **{column: value})}))
    assert _where(issue) == (FILE, "Beban Kerja", 6, header)
    assert fragment in issue.message


def test_indonesian_numbers_as_text_are_read():
    tasks = _with(TASKS, 4, volume="1.086", norma="50,0")  # 1.086 = 1,086 in Indonesian style
    wb = _read(**{"Beban Kerja": tasks})
    assert wb.ok
    assert wb.tasks.loc[4, "volume"] == 1086 and wb.tasks.loc[4, "norma"] == 50.0


def test_retiring_more_than_existing():
    issue = _only(_read(Jabatan=_with(POSITIONS, 2, retiring=3)))
    assert _where(issue) == (FILE, "Jabatan", 4, "Pensiun 5 Tahun")
    assert issue.message == "Pensiun 5 Tahun (3) lebih besar dari Pegawai (2)."


def test_maturity_missing_repeated_and_out_of_range():
    mat = copy.deepcopy(MATURITY)
    mat[10] = {"variable": "X", "self_level": 6}  # XI missing, X repeated, level 6
    wb = _read(Kematangan=mat)
    messages = {_where(i): i.message for i in wb.errors}
    assert messages[(FILE, "Kematangan", 12, "Variabel")] == "Variabel X muncul lebih dari sekali."
    assert messages[(FILE, "Kematangan", 12, "Tingkat Mandiri")] == (
        "Kolom 'Tingkat Mandiri' bernilai 6; tidak boleh lebih dari 5.")
    assert "variabel XI (Budaya Organisasi) belum diisi" in messages[(FILE, "Kematangan", None, "Variabel")]


def test_hours_typed_as_minutes_is_a_warning_and_the_opd_still_computes():
    # 250 days × 60 × 60 "minutes" = 900,000 min > 10 × 75,000: likely hours typed as minutes
    tasks = _with(TASKS, 0, volume=60, period="Hari", norma=60, time_unit="Menit")
    wb = _read(**{"Beban Kerja": tasks})
    issue = _only(wb, "warning")
    assert wb.ok and _where(issue) == (FILE, "Beban Kerja", 2, "Norma Waktu")
    assert "15.000 jam/tahun" in issue.message and "jam tertulis sebagai menit" in issue.message
    assert build_city([wb]).opd_names == ["Dinas Uji"]


def test_one_bad_workbook_never_stops_the_others():
    bad = read_workbook(b"bukan excel", "rusak.xlsx")
    good = read_workbook(opd_bytes(), FILE)
    city = build_city([bad, good])
    assert city.opd_names == ["Dinas Uji"]
    assert [i.file for i in city.issues] == ["rusak.xlsx"]


def test_headers_match_case_and_space_insensitively_and_aliases():
    wb = openpyxl.load_workbook(io.BytesIO(opd_bytes()))
    ws = wb["Jabatan"]
    ws["F1"] = "  JUMLAH   pegawai "  # alias of Pegawai
    wb["Beban Kerja"].title = "abk"  # alias of the sheet
    book = read_workbook(_save(wb), FILE)
    assert book.ok, [str(i) for i in book.issues]
    assert book.positions["existing"].sum() == 10


def test_tables_builder_is_not_shared_state():
    t = tables()
    t["Unit"][0]["name"] = "x"
    assert UNITS[0]["name"] == "Dinas Uji"
