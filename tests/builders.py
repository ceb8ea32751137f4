"""Small hand-built OPD workbooks for tests, written with the product's own writer."""

from __future__ import annotations

import copy

from sotk_core.workbook.writer import workbook_bytes

PROFILE = {"name": "Dinas Uji", "abbr": "DU", "jenis": "Dinas", "tipe": "B", "skor": 650,
           "urusan": "kesehatan", "tahun": 2026, "penataan": 2021, "sakip": 72.5}

UNITS = [
    {"code": "01", "name": "Dinas Uji", "kind": "OPD", "parent": None},
    {"code": "01.01", "name": "Sekretariat", "kind": "Sekretariat", "parent": "01"},
    {"code": "01.02", "name": "Bidang Pelayanan", "kind": "Bidang", "parent": "01"},
    {"code": "01.02.01", "name": "Seksi Layanan A", "kind": "Seksi", "parent": "01.02"},
    {"code": "01.02.02", "name": "Seksi Layanan B", "kind": "Seksi", "parent": "01.02"},
]

POSITIONS = [
    {"code": "J01", "name": "Kepala Dinas", "unit": "01", "kind": "JPT Pratama", "grade": 14, "existing": 1},
    {"code": "J02", "name": "Sekretaris", "unit": "01.01", "kind": "Administrator", "grade": 12, "existing": 1},
    {"code": "J03", "name": "Pengadministrasi Umum", "unit": "01.01", "kind": "Pelaksana", "grade": 5, "existing": 2, "retiring": 1},
    {"code": "J04", "name": "Kepala Bidang Pelayanan", "unit": "01.02", "kind": "Administrator", "grade": 12, "existing": 1},
    {"code": "J05", "name": "Kepala Seksi Layanan A", "unit": "01.02.01", "kind": "Pengawas", "grade": 9, "existing": 1},
    {"code": "J06", "name": "Analis Layanan", "unit": "01.02.01", "kind": "Pelaksana", "grade": 7, "existing": 3},
    {"code": "J07", "name": "Kepala Seksi Layanan B", "unit": "01.02.02", "kind": "Pengawas", "grade": 9, "existing": 1},
    {"code": "J08", "name": "Analis Layanan", "unit": "01.02.02", "kind": "Pelaksana", "grade": 7, "existing": 0},
]

# Hours by hand (WKE 1,250 h = 75,000 min):
#  J01: 250 Hari × 4 jam        = 60,000 min = 1,000 h -> 0.8 FTE -> need 1, EJ 0.80 C
#  J02: 12 Bulan × 100 × 60 min = 72,000 min = 1,200 h -> 0.96 -> 1, EJ 0.96 B
#  J03: 50 Minggu × 30 × 60 min = 90,000 min = 1,500 h -> 1.2 -> 1, gap +1, EJ 0.60 D
#  J04: 4 Triwulan × 250 jam    = 60,000 min = 1,000 h -> 0.8 -> 1, EJ 0.80 C
#  J05: 543 × 100 min           = 54,300 min = 905 h -> 0.724 -> 1, EJ 0.724 -> 0.72 C
#  J06: 2 Semester × 1,000 × 90 = 180,000 min = 3,000 h -> 2.4 -> 2, gap +1, EJ 0.80 C
#  J07: 1 × 75,000 min          = 75,000 min = 1,250 h -> 1.0 -> 1, EJ 1.00 B
#  J08: 187,500 min             = 3,125 h -> 2.5 -> 3 (half up), existing 0: kosong, gap -3
TASKS = [
    {"position": "J01", "task": "Memimpin rapat koordinasi", "output": "Kegiatan", "volume": 4, "period": "Hari", "norma": 60, "time_unit": "Menit"},
    {"position": "J02", "task": "Memeriksa naskah dinas", "output": "Naskah", "volume": 100, "period": "Bulan", "norma": 60, "time_unit": "Menit"},
    {"position": "J03", "task": "Mengagendakan surat", "output": "Surat", "volume": 30, "period": "Minggu", "norma": 1, "time_unit": "Jam"},
    {"position": "J04", "task": "Menyusun laporan triwulan", "output": "Laporan", "volume": 1, "period": "Triwulan", "norma": 250, "time_unit": "Jam"},
    {"position": "J05", "task": "Memverifikasi berkas layanan", "output": "Berkas", "volume": 543, "period": "Tahun", "norma": 100, "time_unit": "Menit"},
    {"position": "J06", "task": "Menganalisis permohonan", "output": "Dokumen", "volume": 1000, "period": "Semester", "norma": 90, "time_unit": "Menit"},
    {"position": "J07", "task": "Menyusun rencana kerja", "output": "Dokumen", "volume": 1, "period": "Tahun", "norma": 75000, "time_unit": "Menit"},
    {"position": "J08", "task": "Mengolah data layanan", "output": "Data", "volume": 1875, "period": "Tahun", "norma": 100, "time_unit": "Menit"},
]

MATURITY = [{"variable": roman, "self_level": 4, "verified_level": 3}
            for roman in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")]


def tables(**changes: list[dict]) -> dict[str, list[dict]]:
    base = {"Unit": UNITS, "Jabatan": POSITIONS, "Beban Kerja": TASKS, "Kematangan": MATURITY}
    base.update(changes)
    return copy.deepcopy(base)


def opd_bytes(profile: dict | None = None, **changes: list[dict]) -> bytes:
    return workbook_bytes({**PROFILE, **(profile or {})}, tables(**changes))
