"""Small but faithful files in every layout of formats.md §1–§6, for one invented OPD.

    python tests/data/make_formats.py [OUT_DIR]

Writes the standard set into tests/data/formats/ by default (for people to try in the app).
tests/core/test_formats.py builds every file afresh from these functions, with variants
(column order and spacing, an extra title row, lower-case labels, the IKHTISAR spelling)
and broken rows, so files and expectations cannot drift apart.

The OPD is "Dinas Perpustakaan dan Kearsipan" of an invented Kota Fiktif: 4 units, 6 jabatan,
15 tasks. Volumes are given per period as an e-ABK form writes them; the other forms write
the year's volume with the e-ABK form's own ratios (day × 240, week × 48, month × 12). The
hand computation of every figure is in tests/core/test_formats.py.

Files are written with xlsxwriter so formulas carry cached values as Excel saves them.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

OPD = "Dinas Perpustakaan dan Kearsipan"
OPD_TITLE = "DINAS PERPUSTAKAAN DAN KEARSIPAN KOTA FIKTIF"
SEKRETARIAT = "Sekretariat"
SUBBAG = "Subbagian Umum dan Kepegawaian"
BIDANG = "Bidang Layanan Perpustakaan"
PER_YEAR = {"Hari": 240, "Minggu": 48, "Bulan": 12, "Tahun": 1}  # 72.000 / 300, 1.500, 6.000
EABK_WKE = {"Hari": 300, "Minggu": 1500, "Bulan": 6000, "Tahun": 72000}


@dataclass(frozen=True)
class Task:
    task: str
    output: str
    period: str
    volume: float  # per period
    minutes: float  # norm

    @property
    def per_year(self) -> float:
        return self.volume * PER_YEAR[self.period]

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class Jabatan:
    code: str
    name: str
    short: str  # sheet name
    chain: tuple[str, ...]  # units below the OPD
    kind: str
    grade: int
    staff: tuple[tuple[str, int], ...]  # (golongan, count)
    retire_year: int | None
    tasks: tuple[Task, ...]

    @property
    def bezetting(self) -> int:
        return sum(n for _, n in self.staff)


JABATAN = (
    Jabatan("JB-001", "Kepala Dinas", "1. Kadis", (), "JPT Pratama", 14, (("IV/c", 1),), None, (
        Task("Memimpin rapat koordinasi pimpinan", "Kegiatan", "Minggu", 2, 180),
        Task("Menetapkan kebijakan teknis perpustakaan dan kearsipan", "Dokumen", "Tahun", 12,
             2400))),
    Jabatan("JB-002", "Sekretaris", "2. Sekretaris", (SEKRETARIAT,), "Administrator", 12,
            (("IV/a", 1),), None, (
                Task("Mengoordinasikan penyusunan rencana kerja", "Dokumen", "Bulan", 2, 1200),
                Task("Memeriksa naskah dinas", "Naskah", "Hari", 4, 30))),
    Jabatan("JB-003", "Kepala Subbagian Umum dan Kepegawaian", "3. Kasubag Umum",
            (SEKRETARIAT, SUBBAG), "Pengawas", 9, (("III/d", 1),), None, (
                Task("Menyusun laporan kepegawaian", "Laporan", "Bulan", 1, 1500),
                Task("Memverifikasi usulan kenaikan pangkat", "Berkas", "Minggu", 5, 150))),
    Jabatan("JB-004", "Pengadministrasi Perkantoran", "4. Pengadm Perkantoran",
            (SEKRETARIAT, SUBBAG), "Pelaksana", 5, (("II/c", 1), ("II/d", 1), ("III/a", 1)),
            2026, (
                Task("Mengagendakan surat masuk dan keluar", "Surat", "Hari", 20, 15),
                Task("Mengarsipkan dokumen", "Berkas", "Hari", 10, 30),
                Task("Menyiapkan bahan rapat", "Paket", "Minggu", 3, 210))),
    Jabatan("JB-005", "Kepala Bidang Layanan Perpustakaan", "5. Kabid Layanan", (BIDANG,),
            "Administrator", 11, (("III/d", 1),), None, (
                Task("Menyusun program layanan perpustakaan", "Dokumen", "Tahun", 6, 4800),
                Task("Mengevaluasi pelaksanaan layanan", "Laporan", "Bulan", 2, 1350))),
    Jabatan("JB-006", "Pustakawan Ahli Pertama", "6. Pustakawan AP", (BIDANG,), "Fungsional", 8,
            (("III/a", 1), ("III/b", 1)), 2028, (
                Task("Mengolah bahan pustaka", "Judul", "Hari", 12, 45),
                Task("Melayani peminjaman koleksi", "Transaksi", "Hari", 30, 12),
                Task("Menyusun bibliografi", "Dokumen", "Bulan", 1, 2700))),
)

# Maturity levels I–XI (self-assessed) and the verifier's levels.
LEVELS = (3, 2, 3, 4, 2, 3, 2, 1, 3, 2, 3)
VERIFIED = (3, 2, 2, 4, 2, 3, 2, 1, 3, 2, 2)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
VARIABLE_NAMES = (
    "Perencanaan Pembangunan Daerah",
    "Monitoring dan Pengendalian Pelaksanaan Tugas Perangkat Daerah",
    "Penjaminan Mutu Layanan Perangkat Daerah",
    "Standar Operasional Prosedur (SOP) Pelayanan Perangkat Daerah",
    "Pendidikan dan Pelatihan Aparatur",
    "Analisis Kebijakan dan Pemecahan Masalah Tugas Perangkat Daerah",
    "Manajemen Sumber Daya Peralatan dan Perlengkapan Kerja yang Terukur",
    "Manajemen Resiko Pelaksanaan Tugas Aparatur",
    "Pengukuran Kinerja Perangkat Daerah dan Aparatur",
    "Pengembangan Inovasi Layanan Perangkat Daerah",
    "Budaya Organisasi Perangkat Daerah",
)
# Kelembagaan: (subdimension, dimension, items); every answer c except Perbaikan Proses.
KELEMBAGAAN = (("Kompleksitas", "Struktur", 14), ("Formalisasi", "Struktur", 7),
               ("Sentralisasi", "Struktur", 11), ("Keselarasan", "Proses", 8),
               ("Tata Kelola", "Proses", 7), ("Perbaikan Proses", "Proses", 4),
               ("Manajemen Risiko", "Proses", 6), ("Teknologi Informasi", "Proses", 5))
NEGATIVE = {"Kompleksitas": (1, 2, 3, 4, 5, 6, 8, 10), "Formalisasi": (1, 3),
            "Sentralisasi": (1, 3, 4, 6), "Perbaikan Proses": (2, 4), "Manajemen Risiko": (4, 5),
            "Teknologi Informasi": (4,)}
PERBAIKAN = ("c", "c", "b", "c")


def _round_half_up(x: float) -> int:
    return int(x + 0.5)


class _Book:
    """An xlsxwriter workbook in memory with the formats the forms use."""

    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buf, {"in_memory": True})
        self.wb.set_properties({"created": __import__("datetime").datetime(2026, 1, 5)})
        self.bold = self.wb.add_format({"bold": True})
        self.head = self.wb.add_format({"bold": True, "border": 1, "align": "center",
                                        "valign": "vcenter", "text_wrap": True})
        self.box = self.wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
        self.title = self.wb.add_format({"bold": True, "align": "center", "font_size": 12})

    def sheet(self, name: str) -> xlsxwriter.worksheet.Worksheet:
        return self.wb.add_worksheet(name)

    def bytes(self) -> bytes:
        self.wb.close()
        return self.buf.getvalue()


def _col(letter: str) -> int:
    return ord(letter) - ord("A")


# --- §1 PermenPANRB 1/2020 anjab-ABK ---------------------------------------------------------

def anjab_bytes(*, variant: bool = False, broken: bool = False, rekap: bool = True,
                jabatan: tuple[Jabatan, ...] = JABATAN,
                rekap_extra: tuple[Jabatan, ...] = ()) -> bytes:
    """One sheet per jabatan. Variant: labels from column A without the numbering column and
    the table one column to the left, an extra title row, lower-case labels, the IKHTISAR
    spelling, WAKTU EFEKTIF 75000 with the norm in minutes and no unit in its header.
    Broken: JUMLAH HASIL of the second task of Pengadministrasi Perkantoran is text.
    rekap_extra: jabatan listed in REKAP ABK only (no sheet of their own)."""
    b = _Book()
    ws = b.sheet("PETUNJUK")
    ws.write(0, 0, "PETUNJUK PENGISIAN INFORMASI JABATAN DAN ANALISIS BEBAN KERJA", b.bold)
    ws.write(2, 0, "Isi satu sheet untuk setiap jabatan; salin sheet 'Template'.")
    for j in jabatan:
        _anjab_sheet(b, j.short, j, variant, broken and j.code == "JB-004")
    _anjab_sheet(b, "Template", None, variant, False)
    if rekap:
        _rekap_sheet(b, jabatan + rekap_extra)
    return b.bytes()


def _anjab_sheet(b: _Book, name: str, j: Jabatan | None, variant: bool, broken: bool) -> None:
    ws = b.sheet(name)
    up = (lambda t: t.lower()) if variant else (lambda t: t)
    n0, lab, colon, val = (None, 0, 1, 2) if variant else (0, 1, 2, 3)  # label columns
    r = 0
    if variant:
        ws.write(r, 0, "PEMERINTAH KOTA FIKTIF", b.bold)
        r += 1
    ws.merge_range(r, 0, r, 11, up("INFORMASI JABATAN"), b.title)
    r += 2

    def line(number: str | None, label: str, value: object) -> None:
        nonlocal r
        if n0 is not None and number:
            ws.write(r, n0, number)
        ws.write(r, lab, up(label))
        ws.write(r, colon, ":")
        if value not in (None, ""):
            ws.merge_range(r, val, r, 11, value) if isinstance(value, str) else ws.write(
                r, val, value)
        r += 1

    line("1", "NAMA JABATAN", j.name if j else "(lihat petunjuk)")
    line("2", "KODE JABATAN", j.code if j else "")
    line("3", "UNIT KERJA", "")
    chain = j.chain if j else ()
    levels = {"c": OPD if j else "", "d": chain[0] if len(chain) > 0 else "-",
              "e": chain[1] if len(chain) > 1 else "-",
              "f": j.name if j and j.kind == "Pelaksana" else "-",
              "g": j.name if j and j.kind == "Fungsional" else "-"}
    for letter, label in (("a", "JPT Utama"), ("b", "JPT Madya"), ("c", "JPT Pratama"),
                          ("d", "Administrator"), ("e", "Pengawas"), ("f", "Pelaksana"),
                          ("g", "Jabatan Fungsional")):
        line(None, f"{letter}. {label}", levels.get(letter, "-"))
    line("4", "IKHTISAR JABATAN" if variant else "IKTISAR JABATAN",
         f"Melaksanakan tugas {j.name.lower()} sesuai ketentuan." if j else "")
    line("5", "KUALIFIKASI JABATAN", "")
    line(None, "a. Pendidikan Formal", "S-1 Ilmu Perpustakaan" if j else "")
    line(None, "b. Pendidikan dan Pelatihan", "Diklat Teknis" if j else "")
    line(None, "c. Pengalaman Kerja", "2 tahun" if j else "")
    r += 1
    if n0 is not None:
        ws.write(r, n0, "6")
    ws.write(r, lab, up("TUGAS POKOK"))
    r += 2
    # the table: NO | URAIAN TUGAS (3 merged columns) | HASIL KERJA | JUMLAH HASIL |
    # WAKTU PENYELESAIAN (JAM) | WAKTU EFEKTIF | KEBUTUHAN PEGAWAI
    c0 = 2 if variant else 3
    no, ur, hk, jh, wp, we, kp = c0, c0 + 1, c0 + 4, c0 + 5, c0 + 6, c0 + 7, c0 + 8
    norm_header = "WAKTU PENYELESAIAN" if variant else "WAKTU PENYELESAIAN (JAM)"
    ws.write(r, no, up("NO"), b.head)
    ws.merge_range(r, ur, r, ur + 2, up("URAIAN TUGAS"), b.head)
    for c, text in ((hk, "HASIL KERJA"), (jh, "JUMLAH HASIL"), (wp, norm_header),
                    (we, "WAKTU EFEKTIF"), (kp, "KEBUTUHAN PEGAWAI")):
        ws.write(r, c, up(text), b.head)
    r += 1
    ws.write(r, no, 1, b.head)
    ws.merge_range(r, ur, r, ur + 2, 2, b.head)
    for i, c in enumerate((hk, jh, wp, we, kp), start=3):
        ws.write(r, c, i, b.head)
    r += 1
    first = r
    wke = 75000 if variant else 1250
    for i, t in enumerate(j.tasks if j else (), start=1):
        norma = t.minutes if variant else t.hours
        uraian = t.task if i != 1 else f"{t.task}\nTahapan:\n1. Menyiapkan bahan;\n2. Melaksanakan."
        ws.write(r, no, i, b.box)
        ws.merge_range(r, ur, r, ur + 2, uraian, b.box)
        ws.write(r, hk, t.output, b.box)
        if broken and i == 2:
            ws.write(r, jh, "banyak", b.box)
        else:
            ws.write(r, jh, t.per_year, b.box)
        ws.write(r, wp, norma, b.box)
        ws.write(r, we, wke, b.box)
        cell = xlsxwriter.utility.xl_rowcol_to_cell
        ws.write_formula(r, kp, f"={cell(r, jh)}*{cell(r, wp)}/{cell(r, we)}", b.box,
                         t.per_year * norma / wke)
        r += 1
    if j:
        total = sum(t.per_year * (t.minutes if variant else t.hours) / wke for t in j.tasks)
        cell = xlsxwriter.utility.xl_rowcol_to_cell
        ws.merge_range(r, no, r, we, up("JUMLAH PEGAWAI YANG DIBUTUHKAN"), b.box)
        ws.write_formula(r, kp, f"=SUM({cell(first, kp)}:{cell(r - 1, kp)})", b.box, total)
        ws.merge_range(r + 1, no, r + 1, we, up("PEMBULATAN"), b.box)
        ws.write_formula(r + 1, kp, f"=ROUND({cell(r, kp)},0)", b.box, _round_half_up(total))
        r += 3
    for number, label in (("7", "BAHAN KERJA"), ("8", "PERANGKAT KERJA"),
                          ("9", "TANGGUNG JAWAB")):
        line(number, label, "")
        r += 1
    line("17", "KELAS JABATAN", j.grade if j else "")


def _rekap_sheet(b: _Book, jabatan: tuple[Jabatan, ...]) -> None:
    ws = b.sheet("REKAP ABK")
    ws.merge_range(0, 0, 0, 8, "REKAPITULASI ANALISIS BEBAN KERJA", b.title)
    ws.merge_range(1, 0, 1, 8, OPD_TITLE, b.title)
    header = ("NO", "NAMA JABATAN", "JENIS JABATAN", "KELAS", "UNIT KERJA", "KEBUTUHAN",
              "BEZETTING", "+/-", "KETERANGAN")
    ws.write_row(3, 0, header, b.head)
    r = 4
    for i, j in enumerate(jabatan, start=1):
        need = _round_half_up(sum(t.per_year * t.hours for t in j.tasks) / 1250)
        unit = j.chain[-1] if j.chain else OPD
        ws.write_row(r, 0, (i, j.name, j.kind, j.grade, unit, need, j.bezetting), b.box)
        ws.write_formula(r, 7, f"=G{r + 1}-F{r + 1}", b.box, j.bezetting - need)
        ws.write(r, 8, "", b.box)
        r += 1
    ws.write(r, 1, "JUMLAH", b.box)
    ws.write_formula(r, 5, f"=SUM(F5:F{r})", b.box, 9)
    ws.write_formula(r, 6, f"=SUM(G5:G{r})", b.box, 9)


# --- §2 SIASN -----------------------------------------------------------------------------

def infojab_bytes(j: Jabatan, *, minutes: bool = False, broken: bool = False,
                  variant: bool = False) -> bytes:
    """The BKN import template for one jabatan. minutes: WKE 75000 and norms in minutes.
    Variant: lower-case headers, columns G/H moved before the task columns, no hint row.
    Broken: the first task's Beban Kerja 1 Tahun is empty."""
    b = _Book()
    ws = b.sheet("INFOJAB I")
    ws.merge_range(0, 0, 0, 1, "DATA JABATAN", b.head)
    ws.merge_range(0, 2, 0, 10, "SYARAT JABATAN", b.head)
    heads = ["Kode Jabatan", "Ikhtisar Jabatan", "Tingkat Pendidikan Minimum",
             "Rumpun Pendidikan", "Rumpun Diklat", "Pengalaman Kerja (dalam hitungan tahun)",
             "Keterampilan Kerja", "Bakat Kerja", "Minat Kerja", "Tempramen Kerja", "Upaya Fisik",
             "Jenis Kelamin", "Postur Badan", "Umur Maksimal", "Penampilan", "Tinggi Badan (cm)",
             "Berat Badan (Kg)", "Terima Disabilitas", "Jenis Disabilitas",
             "Hubungan dengan data", "Hubungan dengan benda", "Hubungan dengan orang",
             "Nilai Kriteria", "Tanggung Jawab", "Wewenang", "Kelas Jabatan"]
    ws.write_row(1, 0, [h.lower() if variant else h for h in heads], b.head)
    ws.write_row(2, 0, ["", "", "(lihat tabel referensi)"] + [""] * 22 + ["(1 - 19)"])
    ws.write(3, 0, j.code)
    ws.write(3, 1, f"Melaksanakan tugas {j.name.lower()}.")
    ws.write(3, 25, j.grade)
    ws = b.sheet("INFOJAB II")
    cols = ["Uraian Tugas", "Hasil Kerja", "Satuan Hasil Kerja", "Beban Kerja 1 Tahun",
            "Waktu Kerja Efektif 1 Tahun", "Waktu Penyelesaian (jam/menit)",
            "Uraian Bahan Kerja", "Uraian Perangkat Kerja"]
    order = [6, 7, 0, 1, 2, 3, 4, 5] if variant else list(range(8))
    ws.merge_range(0, order.index(0), 0, order.index(0) + 5, "TUGAS POKOK", b.head) \
        if not variant else ws.write(0, 2, "TUGAS POKOK", b.head)
    ws.write_row(1, 0, [(cols[i].lower() if variant else cols[i]) for i in order], b.head)
    first = 2
    if not variant:
        hints = ["(text)", "(text)", "(text)", "(angka)", "(1250 / 75000)", "(angka)", "(text)",
                 "(text)"]
        ws.write_row(2, 0, hints)
        first = 3
    for i, t in enumerate(j.tasks):
        values = [t.task, f"{t.output} {t.task.split()[-1]}", t.output,
                  "" if broken and i == 0 else t.per_year, 75000 if minutes else 1250,
                  t.minutes if minutes else t.hours, "Data", "Komputer"]
        ws.write_row(first + i, 0, [values[k] for k in order])
    for name in ("INFOJAB III", "INFOJAB IV", "INFOJAB V", "TABEL REFERENSI I"):
        b.sheet(name).write(0, 0, name)
    return b.bytes()


UNOR_HEADER = ("ID", "NAMA UNOR", "DIATASAN ID", "ROOT ID", "ROW LEVEL", "URUTAN", "AKTIF",
               "CORDER", "INDUK UNOR ID", "INDUK UNOR NAMA", "NAMA SUB JABATAN", "ESELON",
               "JENIS JABATAN", "JENJANG JABATAN", "TOTAL KEBUTUHAN")


def unor_rows(*, codes: bool = False, need_pustakawan: int = 3) -> list[dict]:
    """The pemda tree: root, head-of-region rows, this OPD and one other OPD."""
    e = ("21", "31", "41") if codes else ("II.b", "III.a", "IV.a")
    rows = [
        dict(ID="A1", NAMA="PEMERINTAH KOTA FIKTIF", PARENT="", LEVEL=1, HEAD="", ES="", JJ="",
             NEED=0),
        dict(ID="A2", NAMA="-WALI KOTA FIKTIF", PARENT="A1", LEVEL=2, HEAD="WALI KOTA", ES="",
             JJ="", NEED=1),
        dict(ID="A3", NAMA="-DINAS PERPUSTAKAAN DAN KEARSIPAN", PARENT="A1", LEVEL=2,
             HEAD="KEPALA DINAS PERPUSTAKAAN DAN KEARSIPAN", ES=e[0], JJ="", NEED=1),
        dict(ID="A4", NAMA="--SEKRETARIAT", PARENT="A3", LEVEL=3, HEAD="SEKRETARIS", ES=e[1],
             JJ="", NEED=1),
        dict(ID="A5", NAMA="---SUBBAGIAN UMUM DAN KEPEGAWAIAN", PARENT="A4", LEVEL=4,
             HEAD="KEPALA SUBBAGIAN UMUM DAN KEPEGAWAIAN", ES=e[2], JJ="", NEED=1),
        dict(ID="A6", NAMA="----PENGADMINISTRASI PERKANTORAN", PARENT="A5", LEVEL=5, HEAD="",
             ES="", JJ="PELAKSANA", NEED=2),
        dict(ID="A7", NAMA="--BIDANG LAYANAN PERPUSTAKAAN", PARENT="A3", LEVEL=3,
             HEAD="KEPALA BIDANG LAYANAN PERPUSTAKAAN", ES=e[1], JJ="", NEED=1),
        dict(ID="A8", NAMA="---PUSTAKAWAN AHLI PERTAMA", PARENT="A7", LEVEL=4, HEAD="", ES="",
             JJ="FUNGSIONAL", NEED=need_pustakawan),
        dict(ID="B1", NAMA="-DINAS KESEHATAN", PARENT="A1", LEVEL=2, HEAD="KEPALA DINAS KESEHATAN",
             ES=e[0], JJ="", NEED=1),
        dict(ID="B2", NAMA="--SEKRETARIAT", PARENT="B1", LEVEL=3, HEAD="SEKRETARIS", ES=e[1],
             JJ="", NEED=1),
    ]
    return rows


def unor_bytes(*, variant: bool = False, broken: bool = False, need_pustakawan: int = 3) -> bytes:
    """Variant: eselon as codes 21/31/41, the older UNOR INDUK header, lower-case headers and
    the columns in another order. Broken: a TOTAL KEBUTUHAN cell holds text."""
    b = _Book()
    ws = b.sheet("Sheet1")
    header = list(UNOR_HEADER)
    if variant:
        header[header.index("INDUK UNOR NAMA")] = "UNOR INDUK"
        header = [h.lower() for h in header]
        header = header[1:3] + header[:1] + header[3:]  # NAMA UNOR, DIATASAN ID, ID, ...
    ws.write_row(0, 0, header, b.bold)
    for r, row in enumerate(unor_rows(codes=variant, need_pustakawan=need_pustakawan), start=1):
        values = {"ID": row["ID"], "NAMA UNOR": row["NAMA"], "DIATASAN ID": row["PARENT"],
                  "ROOT ID": "A1", "ROW LEVEL": row["LEVEL"], "URUTAN": r, "AKTIF": 1,
                  "CORDER": row["ID"], "INDUK UNOR ID": "", "INDUK UNOR NAMA": "",
                  "NAMA SUB JABATAN": row["HEAD"], "ESELON": row["ES"],
                  "JENIS JABATAN": row["JJ"], "JENJANG JABATAN": "",
                  "TOTAL KEBUTUHAN": "dua" if broken and row["ID"] == "A6" else row["NEED"]}
        for c, h in enumerate(header):
            name = {"unor induk": "INDUK UNOR NAMA"}.get(h, h.upper())
            ws.write(r, c, values[name])
    return b.bytes()


def eformasi_bytes(*, variant: bool = False, broken: bool = False) -> bytes:
    """Title rows and a two-row header with one column per retirement year 2026–2030.
    Variant: an extra title row, lower-case headers, a blank spacer column after NO.
    Broken: the bezetting of Sekretaris is '1 orang'."""
    b = _Book()
    ws = b.sheet("Bezetting")
    r = 0
    if variant:
        ws.write(r, 0, "LAMPIRAN II", b.bold)
        r += 1
    ws.write(r, 0, "USULAN KEBUTUHAN ASN TAHUN 2026", b.title)
    ws.write(r + 1, 0, "INSTANSI : PEMERINTAH KOTA FIKTIF")
    ws.write(r + 2, 0, f"UNIT KERJA : {OPD_TITLE}")
    r += 4
    up = (lambda t: t.lower()) if variant else (lambda t: t)
    gap = 1 if variant else 0
    cols = ["NO", "NAMA JABATAN", "JENIS JABATAN", "KELAS JABATAN", "ABK",
            "JUMLAH ASN YANG ADA (BEZETTING)"]
    c = 0
    for i, text in enumerate(cols):
        ws.merge_range(r, c, r + 1, c, up(text), b.head)
        c += 1 + (gap if i == 0 else 0)
    ws.merge_range(r, c, r, c + 4, up("JUMLAH ASN YANG AKAN PENSIUN"), b.head)
    for k, year in enumerate(range(2026, 2031)):
        ws.write(r + 1, c + k, year, b.head)
    tail = c + 5
    for k, text in enumerate(("JUMLAH PENSIUN", "KEBUTUHAN", "USULAN FORMASI")):
        ws.merge_range(r, tail + k, r + 1, tail + k, up(text), b.head)
    r += 2
    for i, j in enumerate(JABATAN, start=1):
        need = _round_half_up(sum(t.per_year * t.hours for t in j.tasks) / 1250)
        row = [i] + [""] * gap + [j.name, j.kind, j.grade, need,
                                  "1 orang" if broken and j.code == "JB-002" else j.bezetting]
        ws.write_row(r, 0, row, b.box)
        retire = [1 if j.retire_year == y else 0 for y in range(2026, 2031)]
        ws.write_row(r, c, retire, b.box)
        ws.write_formula(r, tail, f"=SUM({_cells(r, c, c + 4)})", b.box, sum(retire))
        ws.write(r, tail + 1, max(need - j.bezetting + sum(retire), 0), b.box)
        ws.write(r, tail + 2, 0, b.box)
        r += 1
    return b.bytes()


def _cells(r: int, c0: int, c1: int) -> str:
    cell = xlsxwriter.utility.xl_rowcol_to_cell
    return f"{cell(r, c0)}:{cell(r, c1)}"


# --- §3 Permendagri 12/2008 forms A–E --------------------------------------------------------

def permendagri_bytes(*, with_cd: bool = True, variant: bool = False, broken: bool = False,
                      norm_scale: float = 1.0, slip: bool = False) -> bytes:
    """FORM A per jabatan (norm in minutes, unit not printed), FORM B staff per golongan with
    NO and NAMA merged down, FORM C hours, FORM D need with the JKE near the top, FORM E per
    unit. Variant: lower-case labels, an extra title row, the table one column to the right.
    Broken: NORMA WAKTU of the first task of Sekretaris is 0. norm_scale multiplies every
    norm (to make the unit undecidable). slip: FORM C says 4.200 jam for Pustakawan Ahli
    Pertama instead of 4.140."""
    b = _Book()
    up = (lambda t: t.lower()) if variant else (lambda t: t)
    shift = 1 if variant else 0
    for k, j in enumerate(JABATAN, start=1):
        ws = b.sheet(f"FORM A ({k})")
        r = 0
        if variant:
            ws.write(r, 0, "LAMPIRAN PERMENDAGRI 12 TAHUN 2008", b.bold)
            r += 1
        ws.write(r, 0, up("FORM A"), b.bold)
        ws.merge_range(r + 1, 0, r + 1, 6 + shift, up("ANALISIS BEBAN KERJA JABATAN"), b.title)
        r += 3
        unit = " / ".join(j.chain) if j.chain else OPD
        for label, value in (("1. NAMA JABATAN", j.name), ("2. UNIT ORGANISASI", unit),
                             ("3. SATUAN KERJA", OPD)):
            ws.write(r, 0, up(label))
            ws.write(r, 2, ":")
            ws.write(r, 3, value)
            r += 1
        r += 1
        heads = ("NO", "RINCIAN TUGAS/KEGIATAN", "SATUAN", "JUMLAH VOLUME KERJA", "NORMA WAKTU",
                 "PERALATAN", "KET")
        ws.write_row(r, shift, [up(h) for h in heads], b.head)
        ws.write_row(r + 1, shift, list(range(1, 8)), b.head)
        r += 2
        for i, t in enumerate(j.tasks, start=1):
            norma = 0 if broken and j.code == "JB-002" and i == 1 else t.minutes * norm_scale
            ws.write_row(r, shift, [i, t.task, t.output, t.per_year, norma, "Komputer", ""],
                         b.box)
            r += 1
    ws = b.sheet("FORM B")
    ws.write(0, 0, up("FORM B"), b.bold)
    ws.write(1, 0, up("DAFTAR SUSUNAN PEGAWAI"), b.title)
    ws.write(2, 0, up("SATUAN KERJA"))
    ws.write(2, 1, ":")
    ws.write(2, 2, OPD)
    ws.write_row(4, 0, [up(h) for h in ("NO", "NAMA JABATAN", "GOLONGAN", "JUMLAH", "KET")],
                 b.head)
    r = 5
    for i, j in enumerate(JABATAN, start=1):
        n = len(j.staff)
        if n > 1:
            ws.merge_range(r, 0, r + n - 1, 0, i, b.box)
            ws.merge_range(r, 1, r + n - 1, 1, j.name, b.box)
        else:
            ws.write(r, 0, i, b.box)
            ws.write(r, 1, j.name, b.box)
        for k, (gol, count) in enumerate(j.staff):
            ws.write(r + k, 2, gol, b.box)
            ws.write(r + k, 3, count, b.box)
        r += n
    ws.write(r, 1, up("JUMLAH"), b.box)
    ws.write_formula(r, 3, f"=SUM(D6:D{r})", b.box, 9)
    if with_cd:
        _form_cd(b, up, slip)
    return b.bytes()


def _form_cd(b: _Book, up: Callable[[str], str], slip: bool) -> None:
    hours = [sum(t.per_year * t.minutes / 60 for t in j.tasks) for j in JABATAN]
    form_c = [4200.0 if slip and j.code == "JB-006" else h for j, h in zip(JABATAN, hours,
                                                                            strict=True)]
    ws = b.sheet("FORM C")
    ws.write(0, 0, up("FORM C"), b.bold)
    ws.write(1, 0, up("REKAPITULASI BEBAN KERJA JABATAN"), b.title)
    ws.write_row(3, 0, [up(h) for h in ("NO", "NAMA JABATAN", "BEBAN KERJA (JAM)", "KET")],
                 b.head)
    for i, (j, h) in enumerate(zip(JABATAN, form_c, strict=True)):
        ws.write_row(4 + i, 0, [i + 1, j.name, h, ""], b.box)
    ws = b.sheet("FORM D")
    ws.write(0, 0, up("FORM D"), b.bold)
    ws.write(1, 0, up("PERHITUNGAN KEBUTUHAN PEGAWAI"), b.title)
    ws.write(2, 0, up("JAM KERJA EFEKTIF"))
    ws.write(2, 1, ":")
    ws.write(2, 2, 1250)
    heads = ("NO", "NAMA JABATAN", "BEBAN KERJA (JAM)", "KEBUTUHAN PEGAWAI", "PEGAWAI YANG ADA",
             "+/-", "EJ", "PJ")
    ws.write_row(4, 0, [up(h) for h in heads], b.head)
    for i, (j, h) in enumerate(zip(JABATAN, hours, strict=True)):
        r = 5 + i
        ws.write_row(r, 0, [i + 1, j.name, h], b.box)
        ws.write_formula(r, 3, f"=C{r + 1}/$C$3", b.box, h / 1250)
        ws.write(r, 4, j.bezetting, b.box)
        ws.write_formula(r, 5, f"=E{r + 1}-D{r + 1}", b.box, j.bezetting - h / 1250)
        ws.write_formula(r, 6, f"=D{r + 1}/E{r + 1}", b.box, h / 1250 / j.bezetting)
        ws.write(r, 7, "", b.box)
    ws = b.sheet("FORM E")
    ws.write(0, 0, up("FORM E"), b.bold)
    ws.write_row(3, 0, [up(h) for h in ("NO", "UNIT ORGANISASI", "BEBAN KERJA", "EU", "PU")],
                 b.head)
    ws.write_row(4, 0, [1, OPD, sum(hours), sum(hours) / 1250 / 9, "B"], b.box)


# --- §4 e-ABK ------------------------------------------------------------------------------

def eabk_bytes(*, variant: bool = False, broken: bool = False, slip: bool = False) -> bytes:
    """Stacked blocks in sheet ABK, norm in minutes, period by the WKE of each row. Variant:
    lower-case labels, an extra title row, a spacer column left of the table. Broken: the
    WAKTU KERJA EFEKTIF of the first task of Kepala Dinas is 450 (no period). slip: the form's
    PEGAWAI YANG DIBUTUHKAN of Mengarsipkan dokumen is off by 10 %."""
    b = _Book()
    ws = b.sheet("ABK")
    up = (lambda t: t.lower()) if variant else (lambda t: t)
    c0 = 1 if variant else 0
    r = 0
    if variant:
        ws.write(r, 0, "PEMERINTAH KOTA FIKTIF", b.bold)
        r += 1
    ws.write(r, 0, up("ANALISIS BEBAN KERJA (e-ABK)"), b.title)
    r += 1
    ws.write(r, 0, up("Perangkat Daerah"))
    ws.write(r, 1, ":")
    ws.write(r, 2, OPD)
    r += 2
    cell = xlsxwriter.utility.xl_rowcol_to_cell
    for j in JABATAN:
        unit = " / ".join(j.chain)
        for label, value in (("Nama Jabatan", j.name), ("Kode Jabatan", j.code),
                             ("Unit Kerja", unit), ("Jenis Jabatan", j.kind)):
            ws.write(r, 0, up(label))
            ws.write(r, 1, ":")
            if value:
                ws.write(r, 2, value)
            r += 1
        heads = ("NO", "URAIAN TUGAS", "SATUAN HASIL", "WAKTU PENYELESAIAN (MENIT)",
                 "WAKTU KERJA EFEKTIF", "BEBAN KERJA", "PEGAWAI YANG DIBUTUHKAN", "KETERANGAN")
        ws.write_row(r, c0, [up(h) for h in heads], b.head)
        ws.write_row(r + 1, c0, list(range(1, 9)), b.head)
        r += 2
        first = r
        total = 0.0
        for i, t in enumerate(j.tasks, start=1):
            wke = 450 if broken and j.code == "JB-001" and i == 1 else EABK_WKE[t.period]
            need = t.volume * t.minutes / wke
            cached = need * 1.1 if slip and t.task == "Mengarsipkan dokumen" else need
            total += cached  # Excel's SUM adds the cells as they are
            ws.write_row(r, c0, [i, t.task, t.output, t.minutes, wke, t.volume], b.box)
            ws.write_formula(r, c0 + 6, f"={cell(r, c0 + 3)}*{cell(r, c0 + 5)}/"
                             f"{cell(r, c0 + 4)}", b.box, cached)
            ws.write(r, c0 + 7, f"per {t.period.lower()}", b.box)
            r += 1
        ws.merge_range(r, c0, r, c0 + 5, up("JUMLAH"), b.box)
        ws.write_formula(r, c0 + 6, f"=SUM({cell(first, c0 + 6)}:{cell(r - 1, c0 + 6)})", b.box,
                         total)
        ws.merge_range(r + 1, c0, r + 1, c0 + 5, up("PEMBULATAN"), b.box)
        ws.write_formula(r + 1, c0 + 6, f"=ROUND({cell(r, c0 + 6)},0)", b.box,
                         _round_half_up(total))
        r += 4
    return b.bytes()


# --- §5 kematangan, §6 kelembagaan -------------------------------------------------------

def ya_tidak_bytes(*, verifier: bool = False, variant: bool = False, broken: bool = False,
                   gap: bool = False) -> bytes:
    """Instrumen YA/TIDAK: a section row per variable, Tingkat I–V rows with two indicators
    each. verifier: a VERIFIKASI column with the verifier's answers. Variant: lower-case
    headers, an extra title row, variables named by number. Broken: one answer is 'mungkin'.
    gap: variable VIII answers YA at Tingkat III above a TIDAK at Tingkat II."""
    b = _Book()
    ws = b.sheet("Instrumen")
    up = (lambda t: t.lower()) if variant else (lambda t: t)
    r = 0
    if variant:
        ws.write(r, 0, "LAMPIRAN A", b.bold)
        r += 1
    ws.write(r, 0, "INSTRUMEN PENGUKURAN TINGKAT KEMATANGAN PERANGKAT DAERAH", b.title)
    ws.write(r + 1, 0, "Perangkat Daerah")
    ws.write(r + 1, 1, ":")
    ws.write(r + 1, 2, OPD)
    r += 3
    heads = ["NO.", "KEMATANGAN", "INDIKATOR", "JAWABAN YA/TIDAK", "PENJELASAN", "DATA DUKUNG"]
    if verifier:
        heads.insert(4, "VERIFIKASI YA/TIDAK")
    ws.write_row(r, 0, [up(h) for h in heads], b.head)
    r += 1
    for v, (roman, name) in enumerate(zip(ROMAN, VARIABLE_NAMES, strict=True)):
        label = f"VARIABEL {v + 1}: {name.upper()}" if variant else \
            f"VARIABEL {roman}: {name.upper()}"
        ws.merge_range(r, 0, r, len(heads) - 1, label, b.bold)
        r += 1
        for lvl in range(1, 6):
            yes = lvl <= LEVELS[v]
            if gap and v == 7:
                yes = lvl in (1, 3)
            verified = lvl <= VERIFIED[v]
            for k in range(2):
                if k == 0:
                    ws.write(r, 0, f"{lvl}.")
                    ws.write(r, 1, f"Tingkat {ROMAN[lvl - 1]}")
                ws.write(r, 2, f"Indikator {roman}.{lvl}.{k + 1}")
                answer = "mungkin" if broken and v == 0 and lvl == 1 and k == 0 else (
                    "YA" if yes else "TIDAK")
                ws.write(r, 3, answer)
                if verifier:
                    ws.write(r, 4, "YA" if verified else "TIDAK")
                if k == 0 and yes:
                    ws.write(r, len(heads) - 1, f"Dokumen {roman}-{lvl}")
                r += 1
    return b.bytes()


def pilih_bytes(*, variant: bool = False, broken: bool = False, verifier: bool = False) -> bytes:
    """Kuesioner pilih tingkat: a roman-numbered row per variable, Tingkat 1–5 rows, the chosen
    row marked 1. Variant: lower-case headers, an extra title row, a blank spacer column,
    variables named by their official name only. Broken: variable IV marks 'x2'."""
    b = _Book()
    ws = b.sheet("Kuesioner")
    up = (lambda t: t.lower()) if variant else (lambda t: t)
    r = 0
    if variant:
        ws.write(r, 0, "FORMAT KUESIONER", b.bold)
        r += 1
    ws.write(r, 0, f"KUESIONER KEMATANGAN ORGANISASI {OPD_TITLE}", b.title)
    r += 2
    gap = 1 if variant else 0
    heads = ["NO"] + [""] * gap + ["VARIABEL DAN INDIKATOR", "JAWABAN"]
    if verifier:
        heads.append("TINGKAT VERIFIKASI")
    ws.write_row(r, 0, [up(h) for h in heads], b.head)
    r += 1
    for v, (roman, name) in enumerate(zip(ROMAN, VARIABLE_NAMES, strict=True)):
        ws.write(r, 0, roman, b.bold)
        ws.write(r, 1 + gap, name if variant else f"Variabel {roman}: {name}", b.bold)
        r += 1
        for lvl in range(1, 6):
            ws.write(r, 0, lvl)
            ws.write(r, 1 + gap, f"Tingkat {lvl}: kriteria {roman}.{lvl}")
            if lvl == LEVELS[v]:
                ws.write(r, 2 + gap, "x2" if broken and v == 3 else 1)
            if verifier and lvl == VERIFIED[v]:
                ws.write(r, 3 + gap, 1)
            r += 1
    return b.bytes()


def kelembagaan_bytes(*, variant: bool = False, broken: bool = False) -> bytes:
    """Sheet Kuesioner: NO | DIMENSI | SUBDIMENSI (merged down) | PERNYATAAN | JAWABAN | NILAI.
    Variant: lower-case headers, upper-case answers, an extra title row, NO restarting per
    subdimension. Broken: one answer is 'e'."""
    b = _Book()
    ws = b.sheet("Kuesioner")
    up = (lambda t: t.lower()) if variant else (lambda t: t)
    r = 0
    if variant:
        ws.write(r, 0, "LAMPIRAN II", b.bold)
        r += 1
    ws.write(r, 0, "KUESIONER EVALUASI KELEMBAGAAN", b.title)
    ws.write(r + 1, 0, "Nama OPD")
    ws.write(r + 1, 1, ":")
    ws.write(r + 1, 2, OPD)
    r += 3
    heads = ("NO", "DIMENSI", "SUBDIMENSI", "PERNYATAAN", "JAWABAN (a-d)", "NILAI")
    ws.write_row(r, 0, [up(h) for h in heads], b.head)
    r += 1
    n = 0
    for sub, dim, items in KELEMBAGAAN:
        if items > 1:
            ws.merge_range(r, 2, r + items - 1, 2, sub, b.box)
            ws.merge_range(r, 1, r + items - 1, 1, dim, b.box)
        for i in range(1, items + 1):
            n += 1
            answer = PERBAIKAN[i - 1] if sub == "Perbaikan Proses" else "c"
            if broken and n == 20:
                answer = "e"
            value = "abcd".index(answer) + 1 if answer in "abcd" else 0
            if i in NEGATIVE.get(sub, ()):
                value = 5 - value
            ws.write(r, 0, i if variant else n, b.box)
            ws.write(r, 3, f"Pernyataan {sub} {i}", b.box)
            ws.write(r, 4, answer.upper() if variant else answer, b.box)
            ws.write(r, 5, value, b.box)
            r += 1
    return b.bytes()


# --- the standard set ---------------------------------------------------------------------

def standard_files() -> dict[str, Callable[[], bytes]]:
    files: dict[str, Callable[[], bytes]] = {
        "anjab_dispusip.xlsx": anjab_bytes,
        "unor_kota_fiktif.xlsx": unor_bytes,
        "eformasi_dispusip.xlsx": eformasi_bytes,
        "permendagri_dispusip.xlsx": permendagri_bytes,
        "eabk_dispusip.xlsx": eabk_bytes,
        "kematangan_ya_tidak_dispusip.xlsx": ya_tidak_bytes,
        "kematangan_pilih_dispusip.xlsx": pilih_bytes,
        "kelembagaan_dispusip.xlsx": kelembagaan_bytes,
    }
    for j in JABATAN:
        files[f"INFOJAB {j.name}.xlsx"] = (lambda j=j: infojab_bytes(j))
    return files


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent / "formats"
    out.mkdir(parents=True, exist_ok=True)
    for name, build in standard_files().items():
        (out / name).write_bytes(build())
    print(f"{len(standard_files())} file ditulis ke {out}")


if __name__ == "__main__":
    main(sys.argv)
