"""The OPD workbook template v1 (workbook.md): one declared schema per sheet.

The reader, the validation messages, the blank template writer and the `Petunjuk` sheet all
come from these declarations, so the contract is written down once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sotk_core.base.tables import PERIODS

Kind = Literal["text", "code", "number", "int", "enum"]

JENIS_OPD = ("Sekretariat Daerah", "Sekretariat DPRD", "Inspektorat", "Dinas", "Badan",
             "Kecamatan", "Satuan Polisi Pamong Praja", "Lainnya")
JENIS_UNIT = ("OPD", "Sekretariat", "Bidang", "Bagian", "Subbagian", "Seksi", "Subbidang", "UPT",
              "Kelompok Jabatan Fungsional")
JENIS_JABATAN = ("JPT Pratama", "Administrator", "Pengawas", "Pelaksana", "Fungsional")
STRUCTURAL = ("JPT Pratama", "Administrator", "Pengawas")
# The period vocabulary of every reader (template v1 and the other formats): one list, kept in
# base/tables.py with the period factors. "Jam" = per working hour (year factor = WKE hours).
PERIODE = PERIODS
SATUAN_WAKTU = ("Menit", "Jam")
TIPE = ("A", "B", "C")


def norm(text: object) -> str:
    """Header/sheet/choice matching key: case-insensitive, extra spaces ignored."""
    return " ".join(str(text or "").split()).casefold()  # split(): runs of any whitespace


@dataclass(frozen=True)
class Column:
    key: str  # identifier used in the DataFrames
    header: str  # header as the template writes it
    kind: Kind = "text"
    required: bool = True  # the column must exist
    mandatory: bool = True  # a row must have a value in it
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    strictly_positive: bool = False
    default: str | None = None
    help: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: bool = True
    aliases: tuple[str, ...] = ()
    help: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class ProfileField:
    key: str
    label: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""


PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField("name", "Nama OPD", required=True, help="Nama lengkap OPD, mis. Dinas Pendidikan."),
    ProfileField("abbr", "Singkatan", help="Singkatan, mis. Disdik."),
    ProfileField("jenis", "Jenis OPD", "enum", required=True, choices=JENIS_OPD,
                 help="Salah satu: " + ", ".join(JENIS_OPD) + "."),
    ProfileField("tipe", "Tipe", "enum", choices=TIPE, help="Tipe A, B atau C (PP 18/2016)."),
    ProfileField("skor", "Skor Pemetaan", "number", minimum=0, maximum=1000,
                 help="Skor intensitas urusan 0–1000 (PP 18/2016)."),
    ProfileField("urusan", "Urusan", help="Urusan yang ditangani, dipisah titik koma (;)."),
    ProfileField("tahun", "Tahun", "int", minimum=1990, maximum=2100, help="Tahun data."),
    ProfileField("penataan", "Penataan Terakhir", "int", minimum=1990, maximum=2100,
                 help="Tahun penataan (restrukturisasi) terakhir."),
    ProfileField("sakip", "Nilai SAKIP", "number", minimum=0, maximum=100,
                 help="Nilai evaluasi AKIP 0–100."),
)

PROFIL = Sheet(
    "Profil",
    (
        Column("isian", "Isian", help="Nama isian (lihat daftar di bawah)."),
        Column("nilai", "Nilai", mandatory=False, help="Nilai isian."),
    ),
    help="Identitas OPD: satu baris per isian.",
)

UNIT = Sheet(
    "Unit",
    (
        Column("code", "Kode Unit", "code", aliases=("Kode",),
               help="Kode unik unit kerja, ditulis sebagai teks (mis. 01.02)."),
        Column("name", "Nama Unit", aliases=("Unit", "Unit Kerja"), help="Nama unit kerja."),
        Column("kind", "Jenis Unit", "enum", choices=JENIS_UNIT,
               help="Salah satu: " + ", ".join(JENIS_UNIT) + "."),
        Column("parent", "Kode Induk", "code", mandatory=False, aliases=("Induk",),
               help="Kode unit atasan; kosong hanya untuk satu baris, yaitu OPD itu sendiri."),
    ),
    help="Susunan unit kerja: OPD → sekretariat/bidang/bagian/UPT → subbagian/seksi.",
)

JABATAN = Sheet(
    "Jabatan",
    (
        Column("code", "Kode Jabatan", "code", help="Kode unik jabatan."),
        Column("name", "Nama Jabatan", aliases=("Jabatan",), help="Nama jabatan."),
        Column("unit", "Kode Unit", "code", help="Kode unit tempat jabatan berada."),
        Column("kind", "Jenis Jabatan", "enum", choices=JENIS_JABATAN,
               help="Salah satu: " + ", ".join(JENIS_JABATAN)
               + ". Jabatan struktural adalah kepala unitnya."),
        Column("grade", "Kelas Jabatan", "int", required=False, mandatory=False,
               aliases=("Kelas",), minimum=1, maximum=17, help="Kelas jabatan 1–17 (opsional)."),
        Column("existing", "Pegawai", "int",
               aliases=("Bezetting", "Jumlah Pegawai", "Existing", "Pegawai Existing"),
               minimum=0, help="Jumlah pegawai yang ada (bezetting), bilangan bulat ≥ 0."),
        Column("retiring", "Pensiun 5 Tahun", "int", required=False, mandatory=False,
               aliases=("Pensiun",), minimum=0,
               help="Pegawai yang pensiun dalam 5 tahun (opsional), ≤ Pegawai."),
    ),
    help="Daftar jabatan per unit dengan jumlah pegawai saat ini.",
)

BEBAN_KERJA = Sheet(
    "Beban Kerja",
    (
        Column("position", "Kode Jabatan", "code", help="Kode jabatan pemilik tugas."),
        Column("task", "Uraian Tugas", aliases=("Tugas",), help="Uraian tugas."),
        Column("output", "Satuan Hasil", aliases=("Hasil Kerja",), mandatory=False,
               help="Satuan hasil, mis. Dokumen, Laporan."),
        Column("volume", "Volume", "number",
               aliases=("Beban Kerja", "Beban Kerja 1 Tahun", "Target"), minimum=0,
               help="Jumlah hasil per periode, angka ≥ 0."),
        Column("period", "Periode", "enum", required=False, mandatory=False, choices=PERIODE,
               default="Tahun", help="Tahun (bawaan), Semester, Triwulan, Bulan, Minggu, Hari, "
               "atau Jam (per jam kerja: volume dikalikan jam kerja efektif setahun)."),
        Column("norma", "Norma Waktu", "number", aliases=("Waktu Penyelesaian",),
               strictly_positive=True, help="Waktu menyelesaikan satu hasil, angka > 0."),
        Column("time_unit", "Satuan Waktu", "enum", required=False, mandatory=False,
               choices=SATUAN_WAKTU, default="Menit", help="Menit (bawaan) atau Jam."),
    ),
    aliases=("ABK",),
    help="Analisis beban kerja: tugas per jabatan dengan volume dan norma waktu.",
)

KEMATANGAN = Sheet(
    "Kematangan",
    (
        Column("variable", "Variabel", help="I–XI, 1–11, atau nama resmi variabel."),
        Column("self_level", "Tingkat Mandiri", "int", aliases=("Mandiri", "Nilai Mandiri"),
               minimum=1, maximum=5, help="Tingkat hasil penilaian mandiri 1–5."),
        Column("verified_level", "Tingkat Verifikasi", "int", required=False, mandatory=False,
               aliases=("Verifikasi", "Nilai Verifikasi"), minimum=1, maximum=5,
               help="Tingkat hasil verifikasi 1–5 (opsional; bila ada, dipakai)."),
        Column("evidence", "Data Dukung", required=False, mandatory=False, aliases=("Bukti",),
               help="Data dukung (opsional)."),
    ),
    required=False,
    help="Kematangan organisasi Permendagri 99/2018: 11 variabel, masing-masing sekali.",
)

KELEMBAGAAN = Sheet(
    "Kelembagaan",
    (
        Column("subdimension", "Subdimensi", help="Nama subdimensi PermenPANRB 20/2018."),
        Column("item", "No", "int", minimum=1, help="Nomor butir dalam subdimensi."),
        Column("answer", "Jawaban", "int", minimum=1, maximum=4, help="Jawaban 1–4."),
    ),
    required=False,
    help="Evaluasi kelembagaan PermenPANRB 20/2018 (opsional).",
)

RETIREMENT_YEARS = 5  # "Pensiun 5 Tahun": the data year and the four after it

PENSIUN = Sheet(
    "Pensiun",
    (
        Column("position", "Kode Jabatan", "code", help="Kode jabatan pegawai yang pensiun."),
        Column("year", "Tahun", "int", minimum=1990, maximum=2100,
               help="Tahun pensiun (mis. 2027)."),
        Column("count", "Jumlah", "int", aliases=("Jumlah Pensiun", "Pensiun"), minimum=0,
               help="Pegawai jabatan ini yang pensiun pada tahun itu, bilangan bulat ≥ 0."),
    ),
    required=False,
    help="Pensiun per tahun (opsional): satu baris per jabatan per tahun, dipakai rencana "
         "formasi lima tahun; bila ada, menggantikan kolom Pensiun 5 Tahun.",
)

TABLE_SHEETS: tuple[Sheet, ...] = (UNIT, JABATAN, BEBAN_KERJA, KEMATANGAN, KELEMBAGAAN, PENSIUN)
ALL_SHEETS: tuple[Sheet, ...] = (PROFIL, *TABLE_SHEETS)

_SHEET_NAMES = frozenset(norm(n) for s in ALL_SHEETS for n in s.names)


def parsed_sheet(name: str) -> bool:
    """Sheets the template-v1 reader may parse (the guard measures only these)."""
    return norm(name) in _SHEET_NAMES


# A workbook holding any required template-v1 sheet is a template-v1 workbook.
_TEMPLATE_SHEETS = frozenset(norm(n) for n in ("Profil", "Unit", "Jabatan", "Beban Kerja"))


def is_template_v1(sheet_names: Iterable[str]) -> bool:
    return any(norm(n) in _TEMPLATE_SHEETS for n in sheet_names)
