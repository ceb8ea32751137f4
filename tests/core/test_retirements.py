"""Sheet Pensiun (optional): retirements per position and year, checked against Jabatan."""

from __future__ import annotations

from sotk_core import build_city, read_workbook
from tests.builders import opd_bytes


def _read(rows: list[dict], profile: dict | None = None):
    return read_workbook(opd_bytes(profile, Pensiun=rows), "uji.xlsx")


def _messages(wb) -> list[str]:
    return [f"{i.severity} {i.sheet} {i.row} {i.column}: {i.message}" for i in wb.issues]


def test_rows_reach_the_city_frame():
    # J06 Analis Layanan has 3 staff; J03 has 2 staff and Pensiun 5 Tahun 1
    wb = _read([{"position": "J06", "year": 2026, "count": 2},
                {"position": "J06", "year": 2030, "count": 1},
                {"position": "J03", "year": 2028, "count": 1}])
    assert wb.ok and wb.issues == ()
    city = build_city([wb])
    got = city.retirements.loc[:, ["opd", "position", "year", "count"]].values.tolist()
    assert got == [["Dinas Uji", "J06", 2026.0, 2.0], ["Dinas Uji", "J06", 2030.0, 1.0],
                   ["Dinas Uji", "J03", 2028.0, 1.0]]


def test_no_sheet_gives_an_empty_frame():
    city = build_city([read_workbook(opd_bytes(), "uji.xlsx")])
    assert city.retirements.empty
    assert list(city.retirements.columns) == ["opd", "position", "year", "count", "row"]


def test_as_many_retiring_as_staff_is_fine_one_more_is_an_error():
    assert _read([{"position": "J06", "year": 2026, "count": 3}]).ok  # 3 of 3 staff
    wb = _read([{"position": "J06", "year": 2026, "count": 2},
                {"position": "J06", "year": 2027, "count": 2}])  # 4 of 3
    assert _messages(wb) == [
        "error Pensiun None Jumlah: Jumlah pensiun jabatan 'J06' (4) lebih besar dari Pegawai "
        "(3, sheet Jabatan baris 7)."]


def test_years_outside_the_five_year_window_are_warned_and_left_out():
    # Profil Tahun 2026: the window is 2026–2030; 2025 and 2031 fall outside
    wb = _read([{"position": "J06", "year": 2025, "count": 1},
                {"position": "J06", "year": 2030, "count": 1},
                {"position": "J06", "year": 2031, "count": 1}])
    assert wb.ok
    assert _messages(wb) == [
        "warning Pensiun 2 Tahun: Tahun 2025 (jabatan 'J06') di luar lima tahun rencana "
        "2026–2030; baris ini tidak dipakai untuk rencana formasi.",
        "warning Pensiun 4 Tahun: Tahun 2031 (jabatan 'J06') di luar lima tahun rencana "
        "2026–2030; baris ini tidak dipakai untuk rencana formasi."]


def test_five_year_sum_unlike_column_pensiun_5_tahun_is_warned():
    # J03: Pensiun 5 Tahun = 1 in the Jabatan sheet (row 4), the sheet Pensiun says 2
    wb = _read([{"position": "J03", "year": 2027, "count": 1},
                {"position": "J03", "year": 2029, "count": 1}])
    assert wb.ok
    assert _messages(wb) == [
        "warning Jabatan 4 Pensiun 5 Tahun: Pensiun 5 Tahun jabatan 'J03' (1) tidak sama dengan "
        "jumlah sheet Pensiun 2026–2030 (2); rencana formasi memakai sheet Pensiun."]


def test_unknown_position_and_repeated_year_are_errors():
    wb = _read([{"position": "J99", "year": 2026, "count": 1},
                {"position": "J06", "year": 2027, "count": 1},
                {"position": "J06", "year": 2027, "count": 1}])
    assert not wb.ok
    assert _messages(wb) == [
        "error Pensiun 2 Kode Jabatan: Kode Jabatan 'J99' tidak ada di sheet Jabatan.",
        "error Pensiun 4 Tahun: Jabatan 'J06' tahun 2027 muncul lebih dari sekali."]


def test_without_a_data_year_the_window_starts_at_the_first_year():
    wb = _read([{"position": "J06", "year": 2027, "count": 1},
                {"position": "J06", "year": 2032, "count": 1}], profile={"tahun": None})
    assert [i.message for i in wb.issues] == [
        "Tahun 2032 (jabatan 'J06') di luar lima tahun rencana 2027–2031; baris ini tidak "
        "dipakai untuk rencana formasi."]
