"""Deterministic generator of OPD workbooks (template v1, see docs/workbook.md).

Two products:

* ``build_sample_city(out_dir)`` writes the fictional **Kota Contoh** (year 2026, 15 OPD) used
  for demos, tests and the FGD walkthrough. Every outcome worth talking about is designed on
  purpose and recorded in :data:`SAMPLE_STORY`:

  - overloaded sections (unit EU > 1.2): Seksi Identitas Penduduk (Disdukcapil), Subbidang
    Akuntansi dan Pelaporan (BPKAD), Seksi Operasi dan Pengendalian (Satpol PP);
  - idle sections (unit EU < 0.5): Subbagian Fasilitasi Pengawasan (Setwan), Seksi Sejarah dan
    Cagar Budaya (Disdikbud), Seksi Ekonomi dan Pembangunan (Kecamatan Sukamaju);
  - six vacant positions (Pegawai 0, with tasks), one of them a structural head;
  - a "campuran" bidang in Dinas Kesehatan: one position with surplus 4, one with shortage 2,
    while the bidang as a whole looks healthy;
  - Dinas PUPR: Tipe B (Skor Pemetaan 700) with 4 bidang, over the Tipe B limit of 3;
  - Dinas Sosial: declared Tipe A while its Skor Pemetaan 650 maps to Tipe B;
  - Dinas Perhubungan, Komunikasi dan Informatika: urusan from two rumpun (f and e);
  - maturity totals from Sedang (30) to Sangat Tinggi (51), city mean 39.57 (Tinggi);
    Kecamatan Sukamaju has no Kematangan sheet;
  - Kelembagaan (PermenPANRB 20/2018) answers for four OPD.

* ``generate_city(out_dir, n_opd, tasks_total, seed)`` writes a synthetic city of realistic
  shape for benchmarks, hitting ``tasks_total`` Beban Kerja rows exactly.

Both are deterministic: fixed seeds (``random.Random``), no clock, fixed workbook creation
time, so reruns produce byte-identical files.

CLI::

    python sample_data/generate.py                                   # sample city here
    python sample_data/generate.py --city 40 --tasks 100000 --out DIR  # benchmark city

DATA FIKTIF: all names and numbers are invented; they describe no real government.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import xlsxwriter

# ---------------------------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------------------------

YEAR = 2026
CITY_NAME = "Kota Contoh"
CREATED = datetime(2026, 1, 1)
FICTIONAL_NOTE = "DATA FIKTIF — contoh untuk SOTK Dashboard, bukan data pemerintah mana pun."
WKE_MINUTES = 75_000  # 1,250 h
PERIOD_FACTORS: dict[str, int] = {
    "Tahun": 1,
    "Semester": 2,
    "Triwulan": 4,
    "Bulan": 12,
    "Minggu": 50,
    "Hari": 250,
}

# Plausible maximum volume per period for one person; scaled by the staff the task serves.
VOLUME_CAP: dict[str, int] = {
    "Tahun": 12,
    "Semester": 6,
    "Triwulan": 8,
    "Bulan": 20,
    "Minggu": 15,
    "Hari": 40,
}

SHEET_PROFIL = "Profil"
SHEET_UNIT = "Unit"
SHEET_JABATAN = "Jabatan"
SHEET_ABK = "Beban Kerja"
SHEET_KEMATANGAN = "Kematangan"
SHEET_KELEMBAGAAN = "Kelembagaan"

HEADERS_PROFIL = ["Isian", "Nilai"]
HEADERS_UNIT = ["Kode Unit", "Nama Unit", "Jenis Unit", "Kode Induk"]
HEADERS_JABATAN = [
    "Kode Jabatan",
    "Nama Jabatan",
    "Kode Unit",
    "Jenis Jabatan",
    "Kelas Jabatan",
    "Pegawai",
    "Pensiun 5 Tahun",
]
HEADERS_ABK = [
    "Kode Jabatan",
    "Uraian Tugas",
    "Satuan Hasil",
    "Volume",
    "Periode",
    "Norma Waktu",
    "Satuan Waktu",
]
HEADERS_KEMATANGAN = ["Variabel", "Tingkat Mandiri", "Tingkat Verifikasi", "Data Dukung"]
HEADERS_KELEMBAGAAN = ["Subdimensi", "No", "Jawaban"]

# Default target EJ ranges.
EJ_NORMAL = (0.78, 1.04)
EJ_OVER = (1.36, 1.50)
EJ_IDLE = (0.30, 0.40)
VACANT_NEED = (0.85, 1.25)  # need_raw of a vacant position -> need 1

# ---------------------------------------------------------------------------------------------
# Name pools
# ---------------------------------------------------------------------------------------------

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]

MATURITY_VARIABLES = [
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
]

MATURITY_EVIDENCE = [
    "Renstra {y1}–{y2}, Renja {y}",
    "Laporan monitoring triwulanan, SK Tim Monev",
    "Standar pelayanan, hasil survei kepuasan masyarakat",
    "Kumpulan SOP dan berita acara evaluasi SOP",
    "Rencana pengembangan kompetensi pegawai {y}",
    "Dokumen kajian kebijakan / policy brief",
    "Daftar kebutuhan sarana prasarana dan KIB",
    "Register risiko dan rencana tindak pengendalian",
    "Perjanjian kinerja dan LKjIP {y0}",
    "Daftar inovasi daerah dan laporan replikasi",
    "Dokumen nilai budaya kerja dan laporan internalisasi",
]

# (name, item count, negative items) per PermenPANRB 20/2018 (domain.md §3).
KELEMBAGAAN_SUBDIMENSI: list[tuple[str, int, frozenset[int]]] = [
    ("Kompleksitas", 14, frozenset({1, 2, 3, 4, 5, 6, 8, 10})),
    ("Formalisasi", 7, frozenset({1, 3})),
    ("Sentralisasi", 11, frozenset({1, 3, 4, 6})),
    ("Keselarasan", 8, frozenset()),
    ("Tata Kelola", 7, frozenset()),
    ("Perbaikan Proses", 4, frozenset({2, 4})),
    ("Manajemen Risiko", 6, frozenset({4, 5})),
    ("Teknologi Informasi", 5, frozenset({4})),
]

# Staff position catalogue: name -> (Jenis Jabatan, Kelas Jabatan, task role).
POSITION_CATALOG: dict[str, tuple[str, int, str]] = {
    # Pelaksana
    "Pengadministrasi Umum": ("Pelaksana", 5, "umum"),
    "Pengadministrasi Perkantoran": ("Pelaksana", 5, "umum"),
    "Operator Layanan Operasional": ("Pelaksana", 5, "layanan"),
    "Pengolah Data dan Informasi": ("Pelaksana", 6, "data"),
    "Pengelola Barang Milik Negara": ("Pelaksana", 6, "aset"),
    "Pengelola Data Kependudukan": ("Pelaksana", 6, "kependudukan"),
    "Pengelola Layanan Kecamatan": ("Pelaksana", 6, "kewilayahan"),
    "Penata Laporan Keuangan": ("Pelaksana", 7, "keuangan"),
    "Bendahara": ("Pelaksana", 7, "bendahara"),
    "Penata Layanan Operasional": ("Pelaksana", 7, "layanan"),
    # Fungsional
    "Analis Kebijakan Ahli Pertama": ("Fungsional", 8, "kebijakan"),
    "Analis Kebijakan Ahli Muda": ("Fungsional", 9, "kebijakan"),
    "Perencana Ahli Pertama": ("Fungsional", 8, "perencana"),
    "Perencana Ahli Muda": ("Fungsional", 9, "perencana"),
    "Perencana Ahli Madya": ("Fungsional", 11, "perencana"),
    "Pranata Komputer Terampil": ("Fungsional", 8, "it"),
    "Pranata Komputer Ahli Pertama": ("Fungsional", 8, "it"),
    "Pranata Komputer Ahli Muda": ("Fungsional", 9, "it"),
    "Arsiparis Terampil": ("Fungsional", 8, "arsip"),
    "Arsiparis Ahli Pertama": ("Fungsional", 8, "arsip"),
    "Auditor Ahli Pertama": ("Fungsional", 8, "audit"),
    "Auditor Ahli Muda": ("Fungsional", 9, "audit"),
    "Auditor Ahli Madya": ("Fungsional", 11, "audit"),
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda": (
        "Fungsional",
        9,
        "audit",
    ),
    "Penilik Ahli Muda": ("Fungsional", 9, "pendidikan"),
    "Pamong Belajar Ahli Pertama": ("Fungsional", 8, "pendidikan"),
    "Pamong Budaya Ahli Pertama": ("Fungsional", 8, "budaya"),
    "Pamong Budaya Ahli Muda": ("Fungsional", 9, "budaya"),
    "Administrator Kesehatan Ahli Pertama": ("Fungsional", 8, "kesehatan"),
    "Administrator Kesehatan Ahli Muda": ("Fungsional", 9, "kesehatan"),
    "Epidemiolog Kesehatan Ahli Pertama": ("Fungsional", 8, "kesehatan"),
    "Tenaga Sanitasi Lingkungan Ahli Muda": ("Fungsional", 9, "kesehatan"),
    "Penyuluh Kesehatan Masyarakat Ahli Pertama": ("Fungsional", 8, "kesehatan"),
    "Nutrisionis Ahli Pertama": ("Fungsional", 8, "kesehatan"),
    "Pranata Laboratorium Kesehatan Terampil": ("Fungsional", 8, "lab"),
    "Teknik Jalan dan Jembatan Ahli Pertama": ("Fungsional", 8, "teknik"),
    "Teknik Jalan dan Jembatan Ahli Muda": ("Fungsional", 9, "teknik"),
    "Teknik Pengairan Ahli Pertama": ("Fungsional", 8, "teknik"),
    "Teknik Pengairan Ahli Muda": ("Fungsional", 9, "teknik"),
    "Teknik Tata Bangunan dan Perumahan Ahli Pertama": ("Fungsional", 8, "teknik"),
    "Pembina Jasa Konstruksi Ahli Pertama": ("Fungsional", 8, "teknik"),
    "Penata Ruang Ahli Pertama": ("Fungsional", 8, "tataruang"),
    "Penata Ruang Ahli Muda": ("Fungsional", 9, "tataruang"),
    "Pekerja Sosial Terampil": ("Fungsional", 8, "sosial"),
    "Pekerja Sosial Ahli Pertama": ("Fungsional", 8, "sosial"),
    "Penyuluh Sosial Ahli Muda": ("Fungsional", 9, "sosial"),
    "Administrator Database Kependudukan Ahli Pertama": ("Fungsional", 8, "kependudukan"),
    "Administrator Database Kependudukan Ahli Muda": ("Fungsional", 9, "kependudukan"),
    "Polisi Pamong Praja Terampil": ("Fungsional", 8, "polpp"),
    "Polisi Pamong Praja Ahli Pertama": ("Fungsional", 8, "polpp"),
    "Polisi Pamong Praja Ahli Muda": ("Fungsional", 9, "polpp"),
    "Analis Sumber Daya Manusia Aparatur Ahli Pertama": ("Fungsional", 8, "sdm"),
    "Analis Sumber Daya Manusia Aparatur Ahli Muda": ("Fungsional", 9, "sdm"),
    "Asesor Sumber Daya Manusia Aparatur Ahli Pertama": ("Fungsional", 8, "sdm"),
    "Analis Keuangan Pusat dan Daerah Ahli Pertama": ("Fungsional", 8, "keuangan"),
    "Analis Keuangan Pusat dan Daerah Ahli Muda": ("Fungsional", 9, "keuangan"),
    "Perancang Peraturan Perundang-undangan Ahli Muda": ("Fungsional", 9, "hukum"),
    "Analis Hukum Ahli Pertama": ("Fungsional", 8, "hukum"),
    "Pengelola Pengadaan Barang/Jasa Ahli Pertama": ("Fungsional", 8, "pbj"),
    "Pengelola Pengadaan Barang/Jasa Ahli Muda": ("Fungsional", 9, "pbj"),
    "Pranata Hubungan Masyarakat Ahli Pertama": ("Fungsional", 8, "humas"),
    "Pranata Hubungan Masyarakat Ahli Muda": ("Fungsional", 9, "humas"),
    "Statistisi Ahli Pertama": ("Fungsional", 8, "statistik"),
    "Sandiman Ahli Pertama": ("Fungsional", 8, "it"),
    "Penguji Kendaraan Bermotor Terampil": ("Fungsional", 8, "perhubungan"),
    "Penguji Kendaraan Bermotor Ahli Pertama": ("Fungsional", 8, "perhubungan"),
}


@dataclass(frozen=True)
class TaskTemplate:
    """One task as written in an ABK form; ``norma`` is in ``satuan_waktu``."""

    uraian: str
    satuan: str
    periode: str
    norma: float
    satuan_waktu: str = "Menit"


def _t(uraian: str, satuan: str, periode: str, norma: float, waktu: str = "Menit") -> TaskTemplate:
    return TaskTemplate(uraian, satuan, periode, norma, waktu)


# Task pools per role. "{u}" in a head task is replaced by the unit word (seksi, bidang, ...).
TASK_POOLS: dict[str, list[TaskTemplate]] = {
    "head": [
        _t("Menyusun rencana kerja tahunan {u}", "Dokumen", "Tahun", 40, "Jam"),
        _t("Membagi tugas dan memberi petunjuk kepada bawahan", "Kegiatan", "Minggu", 60),
        _t("Memberikan disposisi surat masuk", "Surat", "Hari", 5),
        _t("Memimpin rapat koordinasi internal {u}", "Kegiatan", "Bulan", 3, "Jam"),
        _t("Memeriksa dan memaraf konsep naskah dinas", "Naskah", "Hari", 15),
        _t("Memantau dan mengevaluasi pelaksanaan program {u}", "Laporan", "Triwulan", 8, "Jam"),
        _t("Menilai kinerja pegawai di lingkungan {u}", "Dokumen", "Semester", 6, "Jam"),
        _t("Menyusun laporan kinerja {u}", "Laporan", "Tahun", 24, "Jam"),
        _t("Menghadiri rapat koordinasi lintas perangkat daerah", "Kegiatan", "Minggu", 2, "Jam"),
        _t("Menyusun bahan telaahan staf untuk pimpinan", "Dokumen", "Bulan", 4, "Jam"),
    ],
    "umum": [
        _t("Mengagendakan surat masuk dan keluar", "Surat", "Hari", 6),
        _t("Mendistribusikan surat kepada unit terkait", "Surat", "Hari", 5),
        _t("Mengarsipkan dokumen dan naskah dinas", "Berkas", "Hari", 8),
        _t("Menyiapkan bahan dan perlengkapan rapat", "Kegiatan", "Minggu", 45),
        _t("Mengetik konsep naskah dinas", "Naskah", "Hari", 20),
        _t("Menyusun daftar hadir pegawai", "Laporan", "Bulan", 90),
        _t("Melayani tamu dan mencatat buku tamu", "Kegiatan", "Hari", 10),
        _t("Mengelola persediaan alat tulis kantor", "Laporan", "Bulan", 120),
    ],
    "layanan": [
        _t("Melayani permohonan di loket pelayanan", "Berkas", "Hari", 12),
        _t("Memeriksa kelengkapan berkas permohonan", "Berkas", "Hari", 8),
        _t("Menginput data permohonan ke aplikasi", "Berkas", "Hari", 6),
        _t("Menyerahkan dokumen hasil layanan kepada pemohon", "Dokumen", "Hari", 5),
        _t("Menyusun rekap layanan harian", "Laporan", "Hari", 20),
        _t("Menanggapi pengaduan layanan", "Pengaduan", "Minggu", 30),
    ],
    "data": [
        _t("Menghimpun dan memutakhirkan data {u}", "Data", "Bulan", 6, "Jam"),
        _t("Menginput data ke aplikasi SIPD", "Data", "Hari", 15),
        _t("Mengolah data menjadi tabel dan grafik", "Dokumen", "Minggu", 120),
        _t("Menyusun profil data perangkat daerah", "Dokumen", "Tahun", 40, "Jam"),
        _t("Memverifikasi kelengkapan dan validitas data", "Data", "Minggu", 90),
        _t("Menyiapkan bahan paparan pimpinan", "Dokumen", "Bulan", 3, "Jam"),
        _t("Menyusun laporan realisasi kegiatan", "Laporan", "Bulan", 4, "Jam"),
    ],
    "keuangan": [
        _t("Memverifikasi dokumen SPJ", "Berkas", "Hari", 20),
        _t("Menyusun laporan realisasi anggaran", "Laporan", "Bulan", 6, "Jam"),
        _t("Menyusun jurnal dan buku besar", "Dokumen", "Minggu", 3, "Jam"),
        _t("Merekonsiliasi data keuangan dengan BUD", "Laporan", "Bulan", 5, "Jam"),
        _t("Menyusun laporan keuangan semesteran", "Laporan", "Semester", 24, "Jam"),
        _t("Menyusun catatan atas laporan keuangan", "Dokumen", "Tahun", 40, "Jam"),
        _t("Menindaklanjuti temuan pemeriksaan keuangan", "Dokumen", "Triwulan", 8, "Jam"),
    ],
    "bendahara": [
        _t("Memverifikasi dokumen SPJ", "Berkas", "Hari", 15),
        _t("Menyusun buku kas umum", "Dokumen", "Hari", 20),
        _t("Membuat surat permintaan pembayaran (SPP)", "Surat", "Minggu", 60),
        _t("Menyetorkan pajak atas belanja", "Berkas", "Minggu", 45),
        _t("Menyusun laporan pertanggungjawaban bendahara", "Laporan", "Bulan", 6, "Jam"),
        _t("Melakukan pembayaran belanja", "Berkas", "Hari", 12),
    ],
    "aset": [
        _t("Mencatat barang milik daerah dalam KIB", "Berkas", "Minggu", 60),
        _t("Melakukan inventarisasi barang milik daerah", "Kegiatan", "Semester", 16, "Jam"),
        _t("Menyusun laporan mutasi barang", "Laporan", "Bulan", 4, "Jam"),
        _t("Memeriksa kondisi barang inventaris", "Kegiatan", "Bulan", 3, "Jam"),
        _t("Menyusun rencana kebutuhan barang milik daerah", "Dokumen", "Tahun", 30, "Jam"),
        _t("Mendistribusikan barang persediaan", "Berkas", "Minggu", 40),
    ],
    "kebijakan": [
        _t("Menyusun kajian kebijakan", "Dokumen", "Triwulan", 24, "Jam"),
        _t("Menyusun policy brief untuk pimpinan", "Dokumen", "Bulan", 8, "Jam"),
        _t("Mengumpulkan dan menganalisis data isu kebijakan", "Laporan", "Bulan", 6, "Jam"),
        _t("Menyelenggarakan diskusi kelompok terpumpun", "Kegiatan", "Triwulan", 6, "Jam"),
        _t("Mengevaluasi pelaksanaan kebijakan", "Laporan", "Semester", 20, "Jam"),
        _t("Menyusun rekomendasi penataan organisasi", "Dokumen", "Tahun", 40, "Jam"),
        _t("Menelaah rancangan peraturan kepala daerah", "Dokumen", "Bulan", 4, "Jam"),
    ],
    "perencana": [
        _t("Menyusun rancangan rencana kerja perangkat daerah", "Dokumen", "Tahun", 60, "Jam"),
        _t("Menyusun rencana kegiatan dan anggaran", "Dokumen", "Tahun", 40, "Jam"),
        _t("Menginput rencana program ke SIPD", "Data", "Minggu", 90),
        _t("Mengendalikan dan mengevaluasi rencana pembangunan", "Laporan", "Triwulan", 16, "Jam"),
        _t("Menyiapkan bahan musrenbang", "Dokumen", "Tahun", 24, "Jam"),
        _t("Menyusun indikator kinerja program", "Dokumen", "Semester", 12, "Jam"),
        _t("Menelaah usulan kegiatan dari unit kerja", "Berkas", "Minggu", 60),
    ],
    "it": [
        _t("Memelihara jaringan dan perangkat komputer", "Kegiatan", "Minggu", 90),
        _t("Mengembangkan modul aplikasi", "Modul", "Bulan", 12, "Jam"),
        _t("Menangani gangguan layanan TIK", "Tiket", "Hari", 20),
        _t("Mencadangkan basis data", "Kegiatan", "Minggu", 30),
        _t("Memutakhirkan konten situs web", "Konten", "Minggu", 45),
        _t("Menyusun laporan keamanan informasi", "Laporan", "Triwulan", 8, "Jam"),
        _t("Melatih pengguna aplikasi", "Kegiatan", "Bulan", 3, "Jam"),
    ],
    "arsip": [
        _t("Memilah dan menata arsip aktif", "Berkas", "Hari", 10),
        _t("Menyusun daftar arsip", "Dokumen", "Bulan", 4, "Jam"),
        _t("Melayani peminjaman arsip", "Berkas", "Minggu", 20),
        _t("Menyusutkan arsip inaktif", "Berkas", "Semester", 16, "Jam"),
        _t("Mengalihmediakan arsip ke bentuk digital", "Berkas", "Hari", 15),
        _t("Menyusun laporan pengelolaan arsip", "Laporan", "Triwulan", 6, "Jam"),
    ],
    "audit": [
        _t("Melaksanakan audit kinerja", "Laporan", "Triwulan", 40, "Jam"),
        _t("Mereviu laporan keuangan perangkat daerah", "Laporan", "Semester", 30, "Jam"),
        _t("Memantau tindak lanjut hasil pemeriksaan", "Laporan", "Bulan", 8, "Jam"),
        _t("Melaksanakan pemeriksaan dengan tujuan tertentu", "Laporan", "Triwulan", 24, "Jam"),
        _t("Mengevaluasi SAKIP perangkat daerah", "Laporan", "Tahun", 60, "Jam"),
        _t("Menyusun kertas kerja pemeriksaan", "Dokumen", "Minggu", 3, "Jam"),
        _t("Menelaah pengaduan masyarakat", "Berkas", "Bulan", 6, "Jam"),
    ],
    "pendidikan": [
        _t("Memverifikasi data pokok pendidikan", "Data", "Minggu", 90),
        _t("Membina satuan pendidikan nonformal", "Kegiatan", "Minggu", 3, "Jam"),
        _t("Memantau pelaksanaan pembelajaran", "Laporan", "Bulan", 6, "Jam"),
        _t("Memproses usulan bantuan operasional sekolah", "Berkas", "Triwulan", 8, "Jam"),
        _t("Menyusun laporan mutu pendidikan", "Laporan", "Semester", 16, "Jam"),
        _t("Memfasilitasi penerimaan peserta didik baru", "Kegiatan", "Tahun", 80, "Jam"),
        _t("Menilai kinerja tenaga pendidik", "Dokumen", "Semester", 10, "Jam"),
    ],
    "budaya": [
        _t("Menginventarisasi objek cagar budaya", "Objek", "Bulan", 4, "Jam"),
        _t("Menyusun kajian pelestarian cagar budaya", "Dokumen", "Tahun", 40, "Jam"),
        _t("Membina sanggar dan komunitas seni", "Kegiatan", "Bulan", 3, "Jam"),
        _t("Memfasilitasi festival budaya daerah", "Kegiatan", "Tahun", 60, "Jam"),
        _t("Mendokumentasikan tradisi dan kesenian lokal", "Dokumen", "Triwulan", 8, "Jam"),
        _t("Menyusun laporan pelestarian kebudayaan", "Laporan", "Semester", 12, "Jam"),
    ],
    "kesehatan": [
        _t("Menyusun rencana program kesehatan", "Dokumen", "Tahun", 40, "Jam"),
        _t("Membina dan mengawasi puskesmas", "Kegiatan", "Minggu", 3, "Jam"),
        _t("Menganalisis data surveilans penyakit", "Laporan", "Minggu", 2, "Jam"),
        _t("Memverifikasi laporan bulanan puskesmas", "Laporan", "Bulan", 5, "Jam"),
        _t("Melaksanakan penyelidikan epidemiologi", "Kegiatan", "Bulan", 6, "Jam"),
        _t("Menyusun profil kesehatan kota", "Dokumen", "Tahun", 60, "Jam"),
        _t("Memfasilitasi akreditasi fasilitas kesehatan", "Kegiatan", "Triwulan", 16, "Jam"),
        _t("Menyelenggarakan penyuluhan kesehatan masyarakat", "Kegiatan", "Minggu", 90),
    ],
    "lab": [
        _t("Menerima dan mencatat sampel pemeriksaan", "Sampel", "Hari", 10),
        _t("Melakukan pemeriksaan sampel laboratorium", "Sampel", "Hari", 30),
        _t("Mengkalibrasi peralatan laboratorium", "Kegiatan", "Bulan", 3, "Jam"),
        _t("Menyusun laporan hasil pemeriksaan", "Laporan", "Hari", 15),
        _t("Mengelola limbah laboratorium", "Kegiatan", "Minggu", 60),
    ],
    "teknik": [
        _t("Menyusun desain teknis dan rencana anggaran biaya", "Dokumen", "Bulan", 16, "Jam"),
        _t("Mengawasi pelaksanaan pekerjaan konstruksi", "Kegiatan", "Minggu", 4, "Jam"),
        _t("Melakukan survei kondisi jalan dan saluran", "Kegiatan", "Minggu", 3, "Jam"),
        _t("Memeriksa progres fisik pekerjaan", "Laporan", "Bulan", 6, "Jam"),
        _t("Menyusun berita acara serah terima pekerjaan", "Dokumen", "Triwulan", 4, "Jam"),
        _t("Memutakhirkan data ruas jalan dan jaringan irigasi", "Data", "Semester", 16, "Jam"),
        _t("Menanggapi pengaduan kerusakan infrastruktur", "Pengaduan", "Minggu", 90),
    ],
    "tataruang": [
        _t("Menelaah permohonan KKPR", "Berkas", "Minggu", 2, "Jam"),
        _t("Menyusun materi teknis rencana detail tata ruang", "Dokumen", "Tahun", 120, "Jam"),
        _t("Melakukan pengendalian pemanfaatan ruang", "Kegiatan", "Bulan", 6, "Jam"),
        _t("Memutakhirkan peta digital tata ruang", "Peta", "Bulan", 5, "Jam"),
        _t("Menyelenggarakan konsultasi publik rencana tata ruang", "Kegiatan", "Semester", 8, "Jam"),
    ],
    "sosial": [
        _t("Melakukan asesmen penerima bantuan sosial", "Berkas", "Hari", 30),
        _t("Memverifikasi dan memvalidasi DTKS", "Data", "Minggu", 3, "Jam"),
        _t("Mendampingi penyandang masalah kesejahteraan sosial", "Kasus", "Minggu", 2, "Jam"),
        _t("Menyalurkan bantuan sosial", "Kegiatan", "Bulan", 6, "Jam"),
        _t("Menyusun laporan rehabilitasi sosial", "Laporan", "Bulan", 4, "Jam"),
        _t("Membina karang taruna dan PSM", "Kegiatan", "Triwulan", 8, "Jam"),
    ],
    "kependudukan": [
        _t("Memverifikasi berkas permohonan KTP-el", "Berkas", "Hari", 8),
        _t("Merekam data biometrik penduduk", "Berkas", "Hari", 10),
        _t("Mencetak dokumen kependudukan", "Dokumen", "Hari", 4),
        _t("Memproses surat keterangan pindah datang", "Berkas", "Hari", 12),
        _t("Menerbitkan akta pencatatan sipil", "Akta", "Hari", 15),
        _t("Melakukan konsolidasi dan pembersihan data kependudukan", "Data", "Minggu", 3, "Jam"),
        _t("Menyusun laporan data agregat kependudukan", "Laporan", "Semester", 16, "Jam"),
        _t("Melayani perekaman keliling di sekolah dan kelurahan", "Kegiatan", "Minggu", 4, "Jam"),
    ],
    "polpp": [
        _t("Melaksanakan patroli ketertiban umum", "Kegiatan", "Hari", 120),
        _t("Menertibkan pelanggaran peraturan daerah", "Kegiatan", "Minggu", 4, "Jam"),
        _t("Melakukan penjagaan dan pengamanan kegiatan", "Kegiatan", "Minggu", 6, "Jam"),
        _t("Menyusun laporan hasil operasi", "Laporan", "Minggu", 60),
        _t("Melaksanakan sosialisasi peraturan daerah", "Kegiatan", "Bulan", 4, "Jam"),
        _t("Menangani pengaduan gangguan ketenteraman", "Pengaduan", "Hari", 20),
    ],
    "sdm": [
        _t("Memproses usulan kenaikan pangkat", "Berkas", "Hari", 20),
        _t("Memproses usulan mutasi dan promosi", "Berkas", "Minggu", 2, "Jam"),
        _t("Menyusun analisis kebutuhan pegawai", "Dokumen", "Tahun", 60, "Jam"),
        _t("Memutakhirkan data SIASN", "Data", "Hari", 10),
        _t("Menyelenggarakan uji kompetensi", "Kegiatan", "Triwulan", 16, "Jam"),
        _t("Menyusun rencana pengembangan kompetensi", "Dokumen", "Tahun", 40, "Jam"),
        _t("Memproses usulan pensiun", "Berkas", "Minggu", 90),
    ],
    "hukum": [
        _t("Menyusun rancangan peraturan daerah", "Dokumen", "Triwulan", 40, "Jam"),
        _t("Mengharmonisasi rancangan peraturan wali kota", "Dokumen", "Bulan", 8, "Jam"),
        _t("Memberikan pertimbangan hukum", "Dokumen", "Minggu", 3, "Jam"),
        _t("Mendampingi perkara hukum", "Perkara", "Bulan", 6, "Jam"),
        _t("Mengelola JDIH", "Dokumen", "Minggu", 60),
        _t("Menyusun laporan bantuan hukum", "Laporan", "Triwulan", 6, "Jam"),
    ],
    "pbj": [
        _t("Menyusun dokumen pemilihan penyedia", "Dokumen", "Minggu", 3, "Jam"),
        _t("Mengevaluasi penawaran penyedia", "Paket", "Minggu", 4, "Jam"),
        _t("Melaksanakan reviu dokumen persiapan pengadaan", "Paket", "Minggu", 2, "Jam"),
        _t("Mengelola katalog elektronik lokal", "Produk", "Bulan", 6, "Jam"),
        _t("Menyusun laporan hasil pemilihan", "Laporan", "Bulan", 4, "Jam"),
    ],
    "humas": [
        _t("Menyusun siaran pers", "Naskah", "Minggu", 90),
        _t("Mengelola media sosial resmi", "Konten", "Hari", 30),
        _t("Meliput kegiatan pimpinan", "Kegiatan", "Minggu", 3, "Jam"),
        _t("Menyusun analisis pemberitaan media", "Laporan", "Bulan", 6, "Jam"),
        _t("Mengelola layanan informasi publik (PPID)", "Permohonan", "Minggu", 45),
    ],
    "statistik": [
        _t("Menghimpun data statistik sektoral", "Data", "Bulan", 6, "Jam"),
        _t("Mengolah data statistik sektoral", "Tabel", "Minggu", 2, "Jam"),
        _t("Menyusun buku data kota dalam angka", "Dokumen", "Tahun", 80, "Jam"),
        _t("Memutakhirkan portal Satu Data", "Dataset", "Minggu", 60),
        _t("Membina walidata perangkat daerah", "Kegiatan", "Triwulan", 8, "Jam"),
    ],
    "perhubungan": [
        _t("Melakukan uji berkala kendaraan bermotor", "Kendaraan", "Hari", 30),
        _t("Menghitung volume lalu lintas di simpang", "Laporan", "Minggu", 3, "Jam"),
        _t("Mengatur lalu lintas di titik rawan kemacetan", "Kegiatan", "Hari", 60),
        _t("Menyusun rekayasa lalu lintas", "Dokumen", "Bulan", 8, "Jam"),
        _t("Memeriksa kelaikan angkutan umum", "Kendaraan", "Minggu", 90),
        _t("Memelihara rambu dan marka jalan", "Kegiatan", "Minggu", 2, "Jam"),
    ],
    "kewilayahan": [
        _t("Melayani surat pengantar dan rekomendasi kecamatan", "Surat", "Hari", 10),
        _t("Menghimpun laporan kelurahan", "Laporan", "Bulan", 3, "Jam"),
        _t("Memfasilitasi musrenbang kelurahan dan kecamatan", "Kegiatan", "Tahun", 40, "Jam"),
        _t("Memantau ketenteraman dan ketertiban wilayah", "Kegiatan", "Minggu", 2, "Jam"),
        _t("Mendata sarana dan prasarana umum wilayah", "Data", "Triwulan", 8, "Jam"),
        _t("Memfasilitasi penyaluran bantuan sosial di kelurahan", "Kegiatan", "Bulan", 4, "Jam"),
        _t("Menyusun laporan penyelenggaraan pemerintahan kecamatan", "Laporan", "Semester", 16, "Jam"),
    ],
}

# Benchmark name pools ------------------------------------------------------------------------

# (name, short, Jenis OPD, slug, Urusan)
BENCH_OPD_POOL: list[tuple[str, str, str, str, str]] = [
    ("Sekretariat Daerah", "Setda", "Sekretariat Daerah", "setda", ""),
    ("Sekretariat DPRD", "Setwan", "Sekretariat DPRD", "setwan", ""),
    ("Inspektorat", "Itko", "Inspektorat", "inspektorat", "pengawasan"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "Badan", "bappeda", "perencanaan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Badan", "bkpsdm", "kepegawaian"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Badan", "bpkad", "keuangan"),
    ("Badan Pendapatan Daerah", "Bapenda", "Badan", "bapenda", "keuangan"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "Badan", "bpbd", "ketenteraman dan ketertiban umum serta perlindungan masyarakat"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "Badan", "kesbangpol", "pemerintahan umum"),
    ("Dinas Pendidikan", "Disdik", "Dinas", "disdik", "pendidikan"),
    ("Dinas Kesehatan", "Dinkes", "Dinas", "dinkes", "kesehatan"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Dinas", "dpupr", "pekerjaan umum dan penataan ruang"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim", "Dinas", "disperkim", "perumahan dan kawasan permukiman; pertanahan"),
    ("Dinas Perhubungan", "Dishub", "Dinas", "dishub", "perhubungan"),
    ("Dinas Lingkungan Hidup", "DLH", "Dinas", "dlh", "lingkungan hidup"),
    ("Dinas Sosial", "Dinsos", "Dinas", "dinsos", "sosial"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "Dinas", "disdukcapil", "administrasi kependudukan dan pencatatan sipil"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "Dinas", "diskominfo", "komunikasi dan informatika; statistik; persandian"),
    ("Dinas Koperasi, Usaha Mikro dan Perdagangan", "Diskumdag", "Dinas", "diskumdag", "koperasi, usaha kecil dan menengah; perdagangan"),
    ("Dinas Tenaga Kerja dan Perindustrian", "Disnakerin", "Dinas", "disnakerin", "tenaga kerja; perindustrian"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "Dinas", "dpmptsp", "penanaman modal"),
    ("Dinas Pariwisata dan Kebudayaan", "Disparbud", "Dinas", "disparbud", "pariwisata; kebudayaan"),
    ("Dinas Kepemudaan dan Olahraga", "Dispora", "Dinas", "dispora", "kepemudaan dan olahraga"),
    ("Dinas Ketahanan Pangan dan Pertanian", "DKPP", "Dinas", "dkpp", "pangan; pertanian"),
    ("Dinas Perikanan", "Diskan", "Dinas", "diskan", "kelautan dan perikanan"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", "Dinas", "dispusip", "perpustakaan; kearsipan"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "Dinas", "dp3a", "pemberdayaan perempuan dan perlindungan anak"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", "Dinas", "dppkb", "pengendalian penduduk dan keluarga berencana"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "Satuan Polisi Pamong Praja", "satpolpp", "ketenteraman dan ketertiban umum serta perlindungan masyarakat"),
]

KECAMATAN_PREFIX = ["Suka", "Mekar", "Cipta", "Sari", "Tanjung", "Karang", "Bukit", "Mulya",
                    "Harapan", "Taman", "Sumber", "Banjar", "Pasir", "Gunung", "Kali", "Rawa"]
KECAMATAN_SUFFIX = ["jaya", "maju", "makmur", "sari", "mulya", "indah", "asri", "baru",
                    "raya", "damai", "rejo", "harjo", "wangi", "permai", "agung", "sentosa"]

BENCH_BIDANG_TOPICS = [
    "Perencanaan dan Pengembangan", "Pelayanan", "Pengendalian dan Pengawasan", "Pembinaan",
    "Data dan Informasi", "Sarana dan Prasarana", "Pemberdayaan", "Penataan dan Penegakan",
    "Kerja Sama dan Kemitraan", "Pengelolaan Sumber Daya",
]
BENCH_SEKSI_TOPICS = [
    "Perencanaan Program", "Pembinaan", "Pengawasan", "Pelayanan", "Data dan Informasi",
    "Pengembangan", "Pengendalian", "Fasilitasi", "Kerja Sama", "Monitoring dan Evaluasi",
    "Standardisasi", "Sarana dan Prasarana",
]
BENCH_TASKS_PER_POSITION = 20  # average Beban Kerja rows per position in benchmark cities
BENCH_EXTRA_ROLES = ["data", "umum", "kebijakan", "arsip", "perencana"]
BENCH_STAFF_POOL = [
    "Pengadministrasi Umum", "Pengolah Data dan Informasi", "Penata Laporan Keuangan",
    "Penata Layanan Operasional", "Operator Layanan Operasional", "Analis Kebijakan Ahli Muda",
    "Analis Kebijakan Ahli Pertama", "Perencana Ahli Pertama", "Pranata Komputer Ahli Pertama",
    "Arsiparis Terampil", "Pengelola Barang Milik Negara", "Pranata Hubungan Masyarakat Ahli Pertama",
    "Statistisi Ahli Pertama", "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
]

# ---------------------------------------------------------------------------------------------
# Specification model (what an OPD should look like) and row model (what gets written)
# ---------------------------------------------------------------------------------------------


@dataclass
class PosSpec:
    """A staff position. ``ej`` is the target EJ; ``need`` the target need_raw if vacant."""

    name: str
    pegawai: int
    ej: float | None = None
    need: float | None = None
    role: str | None = None
    pensiun: int | None = None


@dataclass
class UnitSpec:
    name: str
    jenis: str
    staff: list[PosSpec] = field(default_factory=list)
    children: list[UnitSpec] = field(default_factory=list)
    head: bool = True
    head_name: str | None = None
    head_vacant: bool = False
    head_ej: float | None = None
    ej: tuple[float, float] | None = None  # target EJ range for the subtree


@dataclass
class OpdSpec:
    no: str
    slug: str
    name: str
    short: str
    jenis: str
    tipe: str
    skor: int
    urusan: str
    penataan: int
    sakip: float
    head_name: str
    units: list[UnitSpec]
    root_staff: list[PosSpec] = field(default_factory=list)
    maturity_total: int | None = None
    maturity_roman: bool = False
    kelembagaan_quality: float | None = None
    ej: tuple[float, float] = EJ_NORMAL


@dataclass
class OpdRows:
    """Rows of one workbook, ready to write."""

    file_name: str
    profil: list[tuple[str, str | float]]
    units: list[tuple[str, str, str, str]]
    positions: list[tuple[str, str, str, str, int, int, int]]
    tasks: list[tuple[str, str, str, float, str, float, str]]
    kematangan: list[tuple[str, int, int | None, str]] | None = None
    kelembagaan: list[tuple[str, int, int]] | None = None


def p(name: str, pegawai: int, ej: float | None = None, *, need: float | None = None,
      role: str | None = None, pensiun: int | None = None) -> PosSpec:
    """Shorthand for a staff position."""
    if name not in POSITION_CATALOG:
        raise KeyError(f"unknown position {name!r}")
    return PosSpec(name, pegawai, ej, need, role, pensiun)


def u(name: str, jenis: str, *staff: PosSpec, children: Sequence[UnitSpec] = (),
      head: bool = True, head_name: str | None = None, head_vacant: bool = False,
      head_ej: float | None = None, ej: tuple[float, float] | None = None) -> UnitSpec:
    """Shorthand for a unit."""
    return UnitSpec(name, jenis, list(staff), list(children), head, head_name, head_vacant,
                    head_ej, ej)


def sekretariat_dinas(*, kecamatan: bool = False, umum: Sequence[PosSpec] = (),
                      keuangan: Sequence[PosSpec] = (), ej: tuple[float, float] | None = None,
                      ) -> UnitSpec:
    """The usual Sekretariat with two subbagian."""
    umum_staff = list(umum) or [p("Pengadministrasi Umum", 2)]
    keu_staff = list(keuangan) or [p("Bendahara", 1), p("Penata Laporan Keuangan", 1)]
    return u(
        "Sekretariat", "Sekretariat",
        head_name="Sekretaris Kecamatan" if kecamatan else "Sekretaris",
        ej=ej,
        children=[
            u("Subbagian Umum dan Kepegawaian", "Subbagian", *umum_staff),
            u("Subbagian Perencanaan dan Keuangan", "Subbagian", *keu_staff),
        ],
    )


# ---------------------------------------------------------------------------------------------
# Kota Contoh: the OPD specifications
# ---------------------------------------------------------------------------------------------


def _sample_specs() -> list[OpdSpec]:
    setda = OpdSpec(
        "01", "setda", "Sekretariat Daerah", "Setda", "Sekretariat Daerah", "A", 860,
        "pemerintahan umum; administrasi pemerintahan", 2021, 78.6, "Sekretaris Daerah",
        maturity_total=48, maturity_roman=False, kelembagaan_quality=0.82,
        units=[
            u("Bagian Pemerintahan", "Bagian",
              p("Analis Kebijakan Ahli Muda", 1), p("Analis Kebijakan Ahli Pertama", 1),
              p("Pengadministrasi Umum", 1)),
            u("Bagian Hukum", "Bagian",
              p("Perancang Peraturan Perundang-undangan Ahli Muda", 2),
              p("Analis Hukum Ahli Pertama", 1)),
            u("Bagian Organisasi", "Bagian", children=[
                u("Subbagian Kelembagaan dan Analisis Jabatan", "Subbagian",
                  p("Analis Kebijakan Ahli Pertama", 2)),
                u("Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja", "Subbagian",
                  p("Analis Kebijakan Ahli Muda", 1)),
            ]),
            u("Bagian Umum", "Bagian", children=[
                u("Subbagian Tata Usaha Pimpinan", "Subbagian",
                  p("Pengadministrasi Umum", 3)),
                u("Subbagian Keuangan", "Subbagian",
                  p("Bendahara", 1), p("Penata Laporan Keuangan", 2)),
            ]),
            u("Bagian Pengadaan Barang dan Jasa", "Bagian",
              p("Pengelola Pengadaan Barang/Jasa Ahli Muda", 1),
              p("Pengelola Pengadaan Barang/Jasa Ahli Pertama", 3)),
        ],
    )

    setwan = OpdSpec(
        "02", "setwan", "Sekretariat DPRD", "Setwan", "Sekretariat DPRD", "B", 720,
        "fasilitasi DPRD", 2021, 64.2, "Sekretaris DPRD",
        maturity_total=35, maturity_roman=True,
        units=[
            u("Bagian Umum dan Keuangan", "Bagian", children=[
                u("Subbagian Tata Usaha dan Kepegawaian", "Subbagian",
                  p("Pengadministrasi Umum", 3)),
                u("Subbagian Keuangan", "Subbagian",
                  p("Bendahara", 1), p("Penata Laporan Keuangan", 1)),
            ]),
            u("Bagian Persidangan dan Perundang-undangan", "Bagian",
              p("Analis Hukum Ahli Pertama", 1), p("Pengadministrasi Perkantoran", 2)),
            u("Bagian Fasilitasi Penganggaran dan Pengawasan", "Bagian", children=[
                u("Subbagian Fasilitasi Penganggaran", "Subbagian",
                  p("Analis Keuangan Pusat dan Daerah Ahli Pertama", 1)),
                # STORY: idle section.
                u("Subbagian Fasilitasi Pengawasan", "Subbagian",
                  p("Pengadministrasi Umum", 3), p("Analis Kebijakan Ahli Pertama", 2),
                  ej=EJ_IDLE),
            ]),
        ],
    )

    inspektorat = OpdSpec(
        "03", "inspektorat", "Inspektorat", "Itko", "Inspektorat", "A", 830,
        "pengawasan penyelenggaraan pemerintahan daerah", 2023, 74.1, "Inspektur",
        maturity_total=44, maturity_roman=False,
        units=[
            u("Sekretariat", "Sekretariat", head_name="Sekretaris", children=[
                u("Subbagian Perencanaan dan Keuangan", "Subbagian", p("Bendahara", 1)),
                u("Subbagian Administrasi dan Umum", "Subbagian",
                  p("Pengadministrasi Umum", 2), p("Arsiparis Terampil", 1)),
            ]),
            u("Inspektorat Pembantu Wilayah I", "Bidang",
              p("Auditor Ahli Muda", 2), p("Auditor Ahli Pertama", 2),
              head_name="Inspektur Pembantu Wilayah I"),
            u("Inspektorat Pembantu Wilayah II", "Bidang",
              p("Auditor Ahli Madya", 1), p("Auditor Ahli Pertama", 3),
              head_name="Inspektur Pembantu Wilayah II"),
            u("Inspektorat Pembantu Wilayah III", "Bidang",
              p("Auditor Ahli Muda", 2, 0.80), p("Auditor Ahli Pertama", 2, 0.78),
              # STORY: vacant position.
              p("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", 0),
              head_name="Inspektur Pembantu Wilayah III", head_ej=0.8),
            u("Inspektorat Pembantu Wilayah IV", "Bidang",
              p("Auditor Ahli Muda", 1),
              p("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", 2),
              head_name="Inspektur Pembantu Wilayah IV"),
        ],
    )

    bappeda = OpdSpec(
        "04", "bappeda", "Badan Perencanaan Pembangunan Daerah", "Bappeda", "Badan", "A", 820,
        "perencanaan; penelitian dan pengembangan", 2023, 81.3,
        "Kepala Badan Perencanaan Pembangunan Daerah",
        maturity_total=51, maturity_roman=True, kelembagaan_quality=None,
        units=[
            sekretariat_dinas(),
            u("Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan", "Bidang",
              p("Perencana Ahli Muda", 1), p("Perencana Ahli Pertama", 2)),
            u("Bidang Perekonomian dan Sumber Daya Alam", "Bidang",
              p("Perencana Ahli Muda", 1), p("Perencana Ahli Pertama", 1)),
            u("Bidang Pemerintahan dan Pembangunan Manusia", "Bidang",
              p("Perencana Ahli Muda", 1), p("Perencana Ahli Pertama", 1)),
            u("Bidang Infrastruktur dan Kewilayahan", "Bidang",
              p("Perencana Ahli Muda", 1), p("Perencana Ahli Pertama", 2)),
            u("Kelompok Jabatan Fungsional", "Kelompok Jabatan Fungsional",
              p("Perencana Ahli Madya", 2), p("Analis Kebijakan Ahli Muda", 1), head=False),
        ],
    )

    bkpsdm = OpdSpec(
        "05", "bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM",
        "Badan", "B", 690, "kepegawaian; pendidikan dan pelatihan", 2021, 72.5,
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        maturity_total=42, maturity_roman=False,
        units=[
            sekretariat_dinas(),
            u("Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian", "Bidang",
              p("Analis Sumber Daya Manusia Aparatur Ahli Muda", 1),
              p("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 3)),
            u("Bidang Mutasi dan Promosi", "Bidang",
              p("Analis Sumber Daya Manusia Aparatur Ahli Muda", 1),
              p("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 2),
              p("Pengadministrasi Umum", 1)),
            u("Bidang Pengembangan Kompetensi Aparatur", "Bidang",
              p("Analis Sumber Daya Manusia Aparatur Ahli Pertama", 2, 0.8),
              # STORY: vacant position.
              p("Asesor Sumber Daya Manusia Aparatur Ahli Pertama", 0),
              p("Pengadministrasi Umum", 1, 0.8), head_ej=0.8),
        ],
    )

    bpkad = OpdSpec(
        "06", "bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Badan", "A", 840,
        "keuangan", 2021, 76.8, "Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
        maturity_total=45, maturity_roman=True,
        units=[
            sekretariat_dinas(),
            u("Bidang Anggaran", "Bidang",
              p("Analis Keuangan Pusat dan Daerah Ahli Muda", 1),
              p("Analis Keuangan Pusat dan Daerah Ahli Pertama", 2)),
            u("Bidang Perbendaharaan", "Bidang",
              p("Analis Keuangan Pusat dan Daerah Ahli Pertama", 2), p("Bendahara", 2)),
            u("Bidang Akuntansi", "Bidang", children=[
                # STORY: overloaded section.
                u("Subbidang Akuntansi dan Pelaporan", "Subbidang",
                  p("Penata Laporan Keuangan", 3), p("Analis Keuangan Pusat dan Daerah Ahli Pertama", 1),
                  ej=EJ_OVER),
                u("Subbidang Verifikasi dan Rekonsiliasi", "Subbidang",
                  p("Penata Laporan Keuangan", 3, 0.7), head_ej=0.7),
            ], head_ej=0.7),
            u("Bidang Pengelolaan Barang Milik Daerah", "Bidang",
              p("Pengelola Barang Milik Negara", 4)),
        ],
    )

    disdikbud = OpdSpec(
        "07", "disdikbud", "Dinas Pendidikan dan Kebudayaan", "Disdikbud", "Dinas", "A", 880,
        "pendidikan; kebudayaan", 2021, 68.9, "Kepala Dinas Pendidikan dan Kebudayaan",
        maturity_total=38, maturity_roman=False, kelembagaan_quality=None,
        units=[
            sekretariat_dinas(umum=[p("Pengadministrasi Umum", 3), p("Arsiparis Terampil", 1)]),
            u("Bidang Pembinaan PAUD dan Pendidikan Nonformal", "Bidang",
              p("Penilik Ahli Muda", 3), p("Pamong Belajar Ahli Pertama", 2)),
            u("Bidang Pembinaan Sekolah Dasar", "Bidang",
              p("Pengolah Data dan Informasi", 3, role="pendidikan")),
            u("Bidang Pembinaan Sekolah Menengah Pertama", "Bidang",
              p("Pengolah Data dan Informasi", 2, role="pendidikan")),
            u("Bidang Kebudayaan", "Bidang", children=[
                # STORY: idle section.
                u("Seksi Sejarah dan Cagar Budaya", "Seksi",
                  p("Pamong Budaya Ahli Pertama", 2), p("Pengadministrasi Umum", 2), ej=EJ_IDLE),
                u("Seksi Kesenian dan Tradisi", "Seksi", p("Pamong Budaya Ahli Muda", 1)),
            ]),
        ],
    )

    dinkes = OpdSpec(
        "08", "dinkes", "Dinas Kesehatan", "Dinkes", "Dinas", "A", 900, "kesehatan", 2023, 73.4,
        "Kepala Dinas Kesehatan",
        maturity_total=41, maturity_roman=True, kelembagaan_quality=0.66,
        units=[
            sekretariat_dinas(),
            u("Bidang Kesehatan Masyarakat", "Bidang",
              p("Nutrisionis Ahli Pertama", 2), p("Tenaga Sanitasi Lingkungan Ahli Muda", 2)),
            u("Bidang Pencegahan dan Pengendalian Penyakit", "Bidang",
              p("Administrator Kesehatan Ahli Muda", 1, 0.8),
              # STORY: vacant position.
              p("Epidemiolog Kesehatan Ahli Pertama", 0),
              p("Pengolah Data dan Informasi", 2, 0.8), head_ej=0.8),
            # STORY: campuran bidang: surplus 4 and shortage 2 side by side.
            u("Bidang Pelayanan dan Sumber Daya Kesehatan", "Bidang",
              p("Administrator Kesehatan Ahli Muda", 6, 0.33),
              p("Administrator Kesehatan Ahli Pertama", 1, 2.8),
              p("Pengolah Data dan Informasi", 2, 0.9), head_ej=0.9),
            u("UPT Laboratorium Kesehatan Daerah", "UPT",
              p("Pranata Laboratorium Kesehatan Terampil", 3)),
        ],
    )

    dpupr = OpdSpec(
        "09", "dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Dinas", "B", 700,
        "pekerjaan umum dan penataan ruang", 2021, 62.7,
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        maturity_total=36, maturity_roman=False, kelembagaan_quality=0.45,
        units=[
            sekretariat_dinas(),
            # STORY: 4 bidang in a Tipe B dinas (limit 3).
            u("Bidang Bina Marga", "Bidang", children=[
                u("Seksi Pembangunan Jalan dan Jembatan", "Seksi",
                  p("Teknik Jalan dan Jembatan Ahli Pertama", 2)),
                u("Seksi Pemeliharaan Jalan dan Jembatan", "Seksi",
                  p("Teknik Jalan dan Jembatan Ahli Muda", 2)),
            ]),
            u("Bidang Sumber Daya Air", "Bidang",
              p("Teknik Pengairan Ahli Muda", 1, 0.8),
              # STORY: vacant position.
              p("Teknik Pengairan Ahli Pertama", 0),
              p("Pengolah Data dan Informasi", 2, 0.8), head_ej=0.8),
            u("Bidang Cipta Karya", "Bidang",
              p("Teknik Tata Bangunan dan Perumahan Ahli Pertama", 3)),
            u("Bidang Penataan Ruang", "Bidang",
              p("Penata Ruang Ahli Muda", 1), p("Penata Ruang Ahli Pertama", 2)),
        ],
    )

    disdukcapil = OpdSpec(
        "10", "disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "Dinas",
        "B", 760, "administrasi kependudukan dan pencatatan sipil", 2021, 79.5,
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        maturity_total=43, maturity_roman=True, kelembagaan_quality=0.72,
        units=[
            sekretariat_dinas(),
            u("Bidang Pelayanan Pendaftaran Penduduk", "Bidang", children=[
                # STORY: overloaded section (KTP-el queue).
                u("Seksi Identitas Penduduk", "Seksi",
                  p("Administrator Database Kependudukan Ahli Pertama", 1),
                  p("Operator Layanan Operasional", 3, role="kependudukan"),
                  ej=EJ_OVER),
                u("Seksi Pindah Datang Penduduk", "Seksi",
                  p("Pengelola Data Kependudukan", 3, 0.7), head_ej=0.7),
            ], head_ej=0.7),
            u("Bidang Pelayanan Pencatatan Sipil", "Bidang", children=[
                u("Seksi Kelahiran dan Kematian", "Seksi", p("Pengelola Data Kependudukan", 2)),
                u("Seksi Perkawinan dan Perceraian", "Seksi", p("Pengelola Data Kependudukan", 1)),
            ]),
            u("Bidang Pengelolaan Informasi Administrasi Kependudukan", "Bidang",
              p("Administrator Database Kependudukan Ahli Muda", 1),
              p("Pranata Komputer Ahli Pertama", 2)),
        ],
    )

    dinsos = OpdSpec(
        "11", "dinsos", "Dinas Sosial", "Dinsos", "Dinas", "A", 650, "sosial", 2021, 58.3,
        "Kepala Dinas Sosial",
        maturity_total=31, maturity_roman=False,
        units=[
            sekretariat_dinas(),
            u("Bidang Rehabilitasi Sosial", "Bidang", p("Pekerja Sosial Terampil", 2)),
            u("Bidang Perlindungan dan Jaminan Sosial", "Bidang",
              p("Penyuluh Sosial Ahli Muda", 1), p("Pengolah Data dan Informasi", 2)),
            u("Bidang Pemberdayaan Sosial", "Bidang",
              p("Penyuluh Sosial Ahli Muda", 1), p("Pengadministrasi Umum", 1)),
            u("Kelompok Jabatan Fungsional Pekerja Sosial", "Kelompok Jabatan Fungsional",
              p("Pekerja Sosial Ahli Pertama", 3), head=False),
        ],
    )

    satpolpp = OpdSpec(
        "12", "satpolpp", "Satuan Polisi Pamong Praja", "Satpol PP", "Satuan Polisi Pamong Praja",
        "A", 810, "ketenteraman dan ketertiban umum serta perlindungan masyarakat", 2023, 60.4,
        "Kepala Satuan Polisi Pamong Praja",
        maturity_total=33, maturity_roman=True,
        units=[
            sekretariat_dinas(),
            u("Bidang Penegakan Peraturan Perundang-undangan Daerah", "Bidang",
              p("Polisi Pamong Praja Ahli Pertama", 2), p("Polisi Pamong Praja Terampil", 2)),
            u("Bidang Ketertiban Umum dan Ketenteraman Masyarakat", "Bidang", children=[
                # STORY: overloaded section.
                u("Seksi Operasi dan Pengendalian", "Seksi",
                  p("Polisi Pamong Praja Terampil", 6), p("Polisi Pamong Praja Ahli Pertama", 1),
                  ej=EJ_OVER),
                u("Seksi Kerja Sama", "Seksi", p("Polisi Pamong Praja Ahli Muda", 1),
                  p("Polisi Pamong Praja Terampil", 2), ej=(0.62, 0.70)),
            ], head_ej=0.7),
            u("Bidang Perlindungan Masyarakat", "Bidang",
              p("Polisi Pamong Praja Terampil", 4)),
        ],
    )

    dishubkominfo = OpdSpec(
        "13", "dishubkominfo", "Dinas Perhubungan, Komunikasi dan Informatika", "Dishubkominfo",
        "Dinas", "B", 710, "perhubungan; komunikasi dan informatika; statistik", 2021, 66.0,
        "Kepala Dinas Perhubungan, Komunikasi dan Informatika",
        maturity_total=37, maturity_roman=False,
        units=[
            sekretariat_dinas(),
            u("Bidang Lalu Lintas dan Angkutan", "Bidang", children=[
                u("Seksi Manajemen dan Rekayasa Lalu Lintas", "Seksi",
                  p("Penguji Kendaraan Bermotor Ahli Pertama", 2)),
                u("Seksi Angkutan dan Pengujian Kendaraan", "Seksi",
                  p("Penguji Kendaraan Bermotor Terampil", 3)),
            ]),
            u("Bidang Aplikasi Informatika", "Bidang",
              p("Pranata Komputer Ahli Muda", 1, 0.8), p("Pranata Komputer Ahli Pertama", 2, 0.8),
              # STORY: vacant position.
              p("Sandiman Ahli Pertama", 0), head_ej=0.8),
            u("Bidang Informasi Komunikasi Publik dan Statistik", "Bidang",
              p("Pranata Hubungan Masyarakat Ahli Muda", 1), p("Statistisi Ahli Pertama", 2)),
        ],
    )

    kec_staff_umum = [p("Pengadministrasi Umum", 2)]
    kec_staff_keu = [p("Bendahara", 1), p("Penata Laporan Keuangan", 1)]

    kotalama = OpdSpec(
        "14", "kec_kotalama", "Kecamatan Kota Lama", "Kec. Kota Lama", "Kecamatan", "A", 820,
        "pemerintahan umum; pelayanan kewilayahan", 2023, 63.5, "Camat Kota Lama",
        maturity_total=30, maturity_roman=True,
        units=[
            sekretariat_dinas(kecamatan=True, umum=kec_staff_umum, keuangan=kec_staff_keu),
            u("Seksi Pemerintahan", "Seksi", p("Pengelola Layanan Kecamatan", 2)),
            u("Seksi Ketenteraman dan Ketertiban Umum", "Seksi",
              p("Polisi Pamong Praja Terampil", 2)),
            u("Seksi Kesejahteraan Sosial", "Seksi", p("Pengelola Layanan Kecamatan", 1)),
            u("Seksi Pelayanan Umum", "Seksi",
              p("Operator Layanan Operasional", 2)),
            # STORY: vacant structural head (Plt.).
            u("Seksi Ekonomi dan Pembangunan", "Seksi",
              p("Pengelola Layanan Kecamatan", 3, 0.7), head_vacant=True),
        ],
    )

    sukamaju = OpdSpec(
        "15", "kec_sukamaju", "Kecamatan Sukamaju", "Kec. Sukamaju", "Kecamatan", "B", 640,
        "pemerintahan umum; pelayanan kewilayahan", 2023, 57.2, "Camat Sukamaju",
        maturity_total=None,  # STORY: no Kematangan sheet.
        units=[
            sekretariat_dinas(kecamatan=True, umum=kec_staff_umum, keuangan=kec_staff_keu),
            u("Seksi Pemerintahan", "Seksi", p("Pengelola Layanan Kecamatan", 1)),
            u("Seksi Ketenteraman dan Ketertiban Umum", "Seksi",
              p("Polisi Pamong Praja Terampil", 1)),
            u("Seksi Kesejahteraan Sosial", "Seksi", p("Pengelola Layanan Kecamatan", 1)),
            # STORY: idle section.
            u("Seksi Ekonomi dan Pembangunan", "Seksi",
              p("Pengelola Layanan Kecamatan", 3), p("Pengadministrasi Umum", 1), ej=EJ_IDLE),
        ],
    )

    return [setda, setwan, inspektorat, bappeda, bkpsdm, bpkad, disdikbud, dinkes, dpupr,
            disdukcapil, dinsos, satpolpp, dishubkominfo, kotalama, sukamaju]


# Everything a presenter (and the tests) can rely on. EU values (rounded to 2 decimals) are
# those verified on the generated files with WKE 1,250 h, period factors Tahun 1 .. Hari 250
# and round-half-up needs; unit codes refer to the Unit sheet of the named file. The listed
# overloaded / idle units are exactly the units with EU > 1.2 / EU < 0.5 in the whole city.
SAMPLE_STORY: dict[str, object] = {
    "city": CITY_NAME,
    "year": YEAR,
    "opd_count": 15,
    "position_count": 288,
    "task_count": 1575,
    "overloaded_units": [  # unit EU > 1.2 (subtree)
        {"file": "06_bpkad.xlsx", "code": "06.04.01",
         "name": "Subbidang Akuntansi dan Pelaporan", "eu": 1.42},
        {"file": "10_disdukcapil.xlsx", "code": "10.02.01",
         "name": "Seksi Identitas Penduduk", "eu": 1.41},
        {"file": "12_satpolpp.xlsx", "code": "12.03.01",
         "name": "Seksi Operasi dan Pengendalian", "eu": 1.39},
    ],
    "idle_units": [  # unit EU < 0.5 (subtree)
        {"file": "02_setwan.xlsx", "code": "02.03.02",
         "name": "Subbagian Fasilitasi Pengawasan", "eu": 0.33},
        {"file": "07_disdikbud.xlsx", "code": "07.05.01",
         "name": "Seksi Sejarah dan Cagar Budaya", "eu": 0.34},
        {"file": "15_kec_sukamaju.xlsx", "code": "15.05",
         "name": "Seksi Ekonomi dan Pembangunan", "eu": 0.37},
    ],
    "vacant_positions": [  # Pegawai 0 with tasks, need 1
        {"file": "03_inspektorat.xlsx", "code": "03.04-04",
         "name": "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda"},
        {"file": "05_bkpsdm.xlsx", "code": "05.04-03",
         "name": "Asesor Sumber Daya Manusia Aparatur Ahli Pertama"},
        {"file": "08_dinkes.xlsx", "code": "08.03-03", "name": "Epidemiolog Kesehatan Ahli Pertama"},
        {"file": "09_dpupr.xlsx", "code": "09.03-03", "name": "Teknik Pengairan Ahli Pertama"},
        {"file": "13_dishubkominfo.xlsx", "code": "13.03-04", "name": "Sandiman Ahli Pertama"},
        {"file": "14_kec_kotalama.xlsx", "code": "14.06-01",
         "name": "Kepala Seksi Ekonomi dan Pembangunan"},
    ],
    # campuran: the one bidang holding a position with surplus >= 2 next to one with a
    # shortage; the bidang EU (0.75) looks healthy and hides both.
    "mixed_unit": {
        "file": "08_dinkes.xlsx", "opd": "Dinas Kesehatan", "code": "08.04",
        "name": "Bidang Pelayanan dan Sumber Daya Kesehatan", "eu": 0.75,
        "surplus_position": {"code": "08.04-02", "name": "Administrator Kesehatan Ahli Muda",
                             "existing": 6, "need": 2, "surplus": 4},
        "shortage_position": {"code": "08.04-03", "name": "Administrator Kesehatan Ahli Pertama",
                              "existing": 1, "need": 3, "shortage": 2},
    },
    "over_bidang_limit": {
        "file": "09_dpupr.xlsx", "opd": "Dinas Pekerjaan Umum dan Penataan Ruang", "tipe": "B",
        "skor": 700, "bidang": 4, "limit": 3,
    },
    "tipe_above_mapping": {
        "file": "11_dinsos.xlsx", "opd": "Dinas Sosial", "tipe": "A", "skor": 650, "mapped": "B",
    },
    "cross_rumpun": {
        "file": "13_dishubkominfo.xlsx", "opd": "Dinas Perhubungan, Komunikasi dan Informatika",
        "urusan": ["perhubungan", "komunikasi dan informatika", "statistik"],
        "rumpun": {"perhubungan": "f", "komunikasi dan informatika": "e", "statistik": "e"},
    },
    "same_rumpun_merged": {  # a merged dinas that is fine
        "file": "07_disdikbud.xlsx", "opd": "Dinas Pendidikan dan Kebudayaan",
        "urusan": ["pendidikan", "kebudayaan"], "rumpun": "a",
    },
    "no_kematangan": {"file": "15_kec_sukamaju.xlsx", "opd": "Kecamatan Sukamaju"},
    "maturity_totals": {
        "01_setda.xlsx": 48, "02_setwan.xlsx": 35, "03_inspektorat.xlsx": 44,
        "04_bappeda.xlsx": 51, "05_bkpsdm.xlsx": 42, "06_bpkad.xlsx": 45,
        "07_disdikbud.xlsx": 38, "08_dinkes.xlsx": 41, "09_dpupr.xlsx": 36,
        "10_disdukcapil.xlsx": 43, "11_dinsos.xlsx": 31, "12_satpolpp.xlsx": 33,
        "13_dishubkominfo.xlsx": 37, "14_kec_kotalama.xlsx": 30,
    },
    "maturity_city_mean": 554 / 14,  # 39.57 -> Tinggi
    "maturity_city_category": "Tinggi",
    "kelembagaan_files": ["01_setda.xlsx", "08_dinkes.xlsx", "09_dpupr.xlsx",
                          "10_disdukcapil.xlsx"],
}

# ---------------------------------------------------------------------------------------------
# Building rows
# ---------------------------------------------------------------------------------------------


def calibrate_tasks(templates: Sequence[TaskTemplate], target_minutes: float,
                    rng: random.Random, unit_word: str,
                    ) -> list[tuple[str, str, float, str, float, str]]:
    """Pick volumes (and, if needed, norms) so the tasks sum to ``target_minutes`` a year.

    Returns (uraian, satuan, volume, periode, norma, satuan_waktu) in template order.
    Volumes are capped per period (:data:`VOLUME_CAP` times the FTE the target represents);
    the most frequent task (the "balancer") absorbs the remainder through its norm, so the
    total lands within half a minute per output of the target.
    """
    k = len(templates)
    weights = [rng.uniform(0.6, 1.4) for _ in range(k)]
    total_w = sum(weights)
    scale = max(1.0, target_minutes / WKE_MINUTES)
    balancer = max(range(k), key=lambda i: (PERIOD_FACTORS[templates[i].periode], weights[i]))
    out: list[tuple[str, str, float, str, float, str] | None] = [None] * k
    acc = 0.0
    for i, tpl in enumerate(templates):
        if i == balancer:
            continue
        share = target_minutes * weights[i] / total_w
        factor = PERIOD_FACTORS[tpl.periode]
        norma = tpl.norma
        mult = 60 if tpl.satuan_waktu == "Jam" else 1
        vol_raw = share / (factor * norma * mult)
        if vol_raw < 0.75:  # the norm is too big for this share: one output, smaller norm
            volume = 1
            if mult == 60:
                norma = max(0.5, round(share / factor / 60 * 2) / 2)
            else:
                norma = max(5, round(share / factor / 5) * 5)
        else:
            volume = min(round(vol_raw), max(1, round(VOLUME_CAP[tpl.periode] * scale)))
        acc += volume * factor * norma * mult
        out[i] = (tpl.uraian.format(u=unit_word), tpl.satuan, volume, tpl.periode, norma,
                  tpl.satuan_waktu)
    tpl = templates[balancer]
    share = target_minutes * weights[balancer] / total_w
    rest = max(target_minutes - acc, 0.3 * share)
    factor = PERIOD_FACTORS[tpl.periode]
    norma_min = tpl.norma * (60 if tpl.satuan_waktu == "Jam" else 1)
    cap = max(1, round(VOLUME_CAP[tpl.periode] * scale))
    volume = min(cap, max(1, round(rest / (factor * norma_min))))
    norma_new = max(1, round(rest / (factor * volume)))
    out[balancer] = (tpl.uraian.format(u=unit_word), tpl.satuan, volume, tpl.periode,
                     norma_new, "Menit")
    return [row for row in out if row is not None]


def _pick_templates(role: str, k: int, rng: random.Random) -> list[TaskTemplate]:
    pool = TASK_POOLS[role]
    if k <= len(pool):
        idx = sorted(rng.sample(range(len(pool)), k))
        return [pool[i] for i in idx]
    # More tasks than the role pool holds (benchmarks): add general support tasks, then
    # numbered follow-up tasks.
    extra = [t for r in BENCH_EXTRA_ROLES if r != role for t in TASK_POOLS[r]]
    picked = list(pool) + extra[: k - len(pool)]
    n = len(picked)
    for i in range(k - n):
        tpl = picked[i % n]
        picked.append(TaskTemplate(f"{tpl.uraian} (tahap {i // n + 2})", tpl.satuan,
                                   tpl.periode, tpl.norma, tpl.satuan_waktu))
    return picked


def _pensiun(pegawai: int, rng: random.Random) -> int:
    return sum(1 for _ in range(pegawai) if rng.random() < 0.12)


def _unit_word(jenis_unit: str, opd_jenis: str) -> str:
    if jenis_unit == "OPD":
        return {
            "Dinas": "dinas", "Badan": "badan", "Kecamatan": "kecamatan",
            "Inspektorat": "inspektorat", "Satuan Polisi Pamong Praja": "satuan",
        }.get(opd_jenis, "sekretariat")
    if jenis_unit == "Kelompok Jabatan Fungsional":
        return "kelompok"
    return jenis_unit.lower()


def _head_kind(jenis_unit: str, opd_jenis: str) -> tuple[str, int]:
    if jenis_unit == "OPD":
        return ("Administrator", 12) if opd_jenis == "Kecamatan" else ("JPT Pratama", 14)
    if jenis_unit == "Sekretariat":
        return ("Administrator", 11) if opd_jenis == "Kecamatan" else ("Administrator", 12)
    if jenis_unit in ("Bidang", "Bagian"):
        return "Administrator", 12
    return "Pengawas", 9


@dataclass
class _Builder:
    """Accumulates rows for one OPD while walking its unit tree."""

    opd_jenis: str
    rng: random.Random
    units: list[tuple[str, str, str, str]] = field(default_factory=list)
    positions: list[tuple[str, str, str, str, int, int, int]] = field(default_factory=list)
    tasks: list[tuple[str, str, str, float, str, float, str]] = field(default_factory=list)

    def add_position(self, code: str, name: str, unit_code: str, jenis: str, kelas: int,
                     pegawai: int, role: str, ej: float | None, need: float | None,
                     pensiun: int | None, unit_word: str, ej_range: tuple[float, float]) -> None:
        rng = self.rng
        if pegawai > 0:
            target_ej = ej if ej is not None else rng.uniform(*ej_range)
            target = target_ej * pegawai * WKE_MINUTES
        else:
            target = (need if need is not None else rng.uniform(*VACANT_NEED)) * WKE_MINUTES
        pens = pensiun if pensiun is not None else _pensiun(pegawai, rng)
        self.positions.append((code, name, unit_code, jenis, kelas, pegawai, min(pens, pegawai)))
        k = rng.randint(3, 8)
        templates = _pick_templates(role, k, rng)
        for row in calibrate_tasks(templates, target, rng, unit_word):
            self.tasks.append((code, *row))

    def walk(self, spec: UnitSpec, code: str, parent: str, ej_range: tuple[float, float],
             root_head_name: str | None = None) -> None:
        self.units.append((code, spec.name, spec.jenis, parent))
        ej_range = spec.ej or ej_range
        word = _unit_word(spec.jenis, self.opd_jenis)
        n = 0
        if spec.head:
            n += 1
            jenis, kelas = _head_kind(spec.jenis, self.opd_jenis)
            name = root_head_name or spec.head_name or f"Kepala {spec.name}"
            pegawai = 0 if spec.head_vacant else 1
            self.add_position(f"{code}-{n:02d}", name, code, jenis, kelas, pegawai, "head",
                              spec.head_ej, None, 0, word, ej_range)
        for staff in spec.staff:
            n += 1
            jenis, kelas, role = POSITION_CATALOG[staff.name]
            self.add_position(f"{code}-{n:02d}", staff.name, code, jenis, kelas, staff.pegawai,
                              staff.role or role, staff.ej, staff.need, staff.pensiun, word,
                              ej_range)
        for i, child in enumerate(spec.children, start=1):
            self.walk(child, f"{code}.{i:02d}", code, ej_range)


def _maturity_levels(total: int, rng: random.Random) -> list[int]:
    """Eleven levels in 1..5 summing to ``total``, with some spread."""
    base, extra = divmod(total, 11)
    levels = [base + (1 if i < extra else 0) for i in range(11)]
    rng.shuffle(levels)
    for _ in range(8):
        a, b = rng.randrange(11), rng.randrange(11)
        if a != b and levels[a] < 5 and levels[b] > 1:
            levels[a] += 1
            levels[b] -= 1
    return levels


def _kematangan_rows(total: int, roman: bool, rng: random.Random, n_empty: int,
                     ) -> list[tuple[str, int, int | None, str]]:
    levels = _maturity_levels(total, rng)
    empty = set(rng.sample(range(11), n_empty))
    rows: list[tuple[str, int, int | None, str]] = []
    for i, level in enumerate(levels):
        label = ROMAN[i] if roman else MATURITY_VARIABLES[i]
        evidence = MATURITY_EVIDENCE[i].format(y=YEAR, y0=YEAR - 1, y1=YEAR - 1, y2=YEAR + 3)
        if i in empty:
            rows.append((label, level, None, evidence))
        else:
            optimistic = level < 5 and rng.random() < 0.3
            rows.append((label, level + 1 if optimistic else level, level, evidence))
    return rows


def _kelembagaan_rows(quality: float, rng: random.Random) -> list[tuple[str, int, int]]:
    rows: list[tuple[str, int, int]] = []
    for name, count, negative in KELEMBAGAAN_SUBDIMENSI:
        for no in range(1, count + 1):
            v = min(4, max(1, round(1 + 3 * quality + rng.uniform(-1.0, 1.0))))
            rows.append((name, no, 5 - v if no in negative else v))
    return rows


def _profil_rows(name: str, short: str, jenis: str, tipe: str, skor: float, urusan: str,
                 penataan: int, sakip: float) -> list[tuple[str, str | float]]:
    return [
        ("Nama OPD", name),
        ("Singkatan", short),
        ("Jenis OPD", jenis),
        ("Tipe", tipe),
        ("Skor Pemetaan", skor),
        ("Urusan", urusan),
        ("Tahun", YEAR),
        ("Penataan Terakhir", penataan),
        ("Nilai SAKIP", sakip),
        ("Catatan", FICTIONAL_NOTE),
    ]


def build_opd_rows(spec: OpdSpec, seed: int) -> OpdRows:
    """Turn one OPD specification into workbook rows."""
    rng = random.Random(seed)
    builder = _Builder(spec.jenis, rng)
    root = UnitSpec(spec.name, "OPD", list(spec.root_staff), spec.units, True, spec.head_name)
    builder.walk(root, spec.no, "", spec.ej, root_head_name=spec.head_name)
    kematangan = None
    if spec.maturity_total is not None:
        kematangan = _kematangan_rows(spec.maturity_total, spec.maturity_roman,
                                      random.Random(seed + 1), n_empty=int(spec.no) % 3)
    kelembagaan = None
    if spec.kelembagaan_quality is not None:
        kelembagaan = _kelembagaan_rows(spec.kelembagaan_quality, random.Random(seed + 2))
    return OpdRows(
        file_name=f"{spec.no}_{spec.slug}.xlsx",
        profil=_profil_rows(spec.name, spec.short, spec.jenis, spec.tipe, spec.skor,
                            spec.urusan, spec.penataan, spec.sakip),
        units=builder.units,
        positions=builder.positions,
        tasks=builder.tasks,
        kematangan=kematangan,
        kelembagaan=kelembagaan,
    )


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def write_workbook(path: Path, rows: OpdRows, *, constant_memory: bool = False) -> Path:
    """Write one OPD workbook with xlsxwriter (deterministic bytes)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    wb.set_properties({
        "title": rows.profil[0][1],
        "subject": "Data OPD (template v1) — DATA FIKTIF",
        "author": "SOTK Dashboard sample generator",
        "created": CREATED,
    })
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})

    def sheet(name: str, headers: list[str], widths: list[int]) -> xlsxwriter.worksheet.Worksheet:
        ws = wb.add_worksheet(name)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        for col, header in enumerate(headers):
            ws.write_string(0, col, header, bold)
        ws.freeze_panes(1, 0)
        return ws

    def put(ws: xlsxwriter.worksheet.Worksheet, r: int, c: int, value: object) -> None:
        if value is None or value == "":
            return
        if isinstance(value, str):
            ws.write_string(r, c, value)
        else:
            ws.write_number(r, c, value)  # type: ignore[arg-type]

    ws = sheet(SHEET_PROFIL, HEADERS_PROFIL, [20, 70])
    for r, (key, value) in enumerate(rows.profil, start=1):
        put(ws, r, 0, key)
        put(ws, r, 1, value)

    ws = sheet(SHEET_UNIT, HEADERS_UNIT, [12, 55, 26, 12])
    for r, row in enumerate(rows.units, start=1):
        for c, value in enumerate(row):
            put(ws, r, c, value)

    ws = sheet(SHEET_JABATAN, HEADERS_JABATAN, [14, 60, 12, 15, 13, 9, 15])
    for r, row in enumerate(rows.positions, start=1):
        for c, value in enumerate(row):
            put(ws, r, c, value)

    ws = sheet(SHEET_ABK, HEADERS_ABK, [14, 60, 14, 9, 10, 12, 12])
    for r, row in enumerate(rows.tasks, start=1):
        for c, value in enumerate(row):
            put(ws, r, c, value)

    if rows.kematangan is not None:
        ws = sheet(SHEET_KEMATANGAN, HEADERS_KEMATANGAN, [60, 16, 18, 55])
        for r, row in enumerate(rows.kematangan, start=1):
            for c, value in enumerate(row):
                put(ws, r, c, value)

    if rows.kelembagaan is not None:
        ws = sheet(SHEET_KELEMBAGAAN, HEADERS_KELEMBAGAAN, [22, 6, 10])
        for r, row in enumerate(rows.kelembagaan, start=1):
            for c, value in enumerate(row):
                put(ws, r, c, value)

    wb.close()
    return path


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def build_sample_city(out_dir: Path) -> list[Path]:
    """Write the Kota Contoh sample (15 OPD) into ``out_dir``; return the file paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for spec in _sample_specs():
        rows = build_opd_rows(spec, seed=2026 * 100 + int(spec.no))
        paths.append(write_workbook(out_dir / rows.file_name, rows))
    return paths


def _kecamatan_name(i: int) -> str:
    n = len(KECAMATAN_SUFFIX)
    name = KECAMATAN_PREFIX[(i // n) % len(KECAMATAN_PREFIX)] + KECAMATAN_SUFFIX[i % n]
    rounds = i // (n * len(KECAMATAN_PREFIX))
    return name + (f" {ROMAN[rounds % 11]}" if rounds else "")


def _bench_opd_identity(i: int) -> tuple[str, str, str, str, str]:
    """Name, short, Jenis OPD, slug and Urusan of benchmark OPD number ``i`` (0-based)."""
    if i < len(BENCH_OPD_POOL):
        return BENCH_OPD_POOL[i]
    kec = _kecamatan_name(i - len(BENCH_OPD_POOL))
    slug = "kec_" + kec.lower().replace(" ", "_")
    return (f"Kecamatan {kec}", f"Kec. {kec}", "Kecamatan", slug,
            "pemerintahan umum; pelayanan kewilayahan")


def _spread(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to ``weights`` summing exactly to ``total`` (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    ints = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (ints[i] - raw[i], i))
    for i in order[: total - sum(ints)]:
        ints[i] += 1
    return ints


def generate_city(out_dir: Path, n_opd: int, tasks_total: int, seed: int = 7) -> list[Path]:
    """Write a synthetic benchmark city of ``n_opd`` OPD with exactly ``tasks_total`` tasks.

    Each OPD has a Sekretariat with two subbagian and 4–6 bidang of 3 seksi each; staff
    positions are spread so that positions average about 20 tasks (a realistic ABK form),
    i.e. about 125 positions per OPD at 2,500 tasks per OPD; every OPD has a Kematangan
    sheet. Files are written with xlsxwriter's constant-memory mode.
    """
    if n_opd < 1 or tasks_total < 0:
        raise ValueError("n_opd must be >= 1 and tasks_total >= 0")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)

    # 1. Skeletons: unit tree per OPD, heads only.
    skeletons: list[tuple[tuple[str, str, str, str, str], str, UnitSpec]] = []
    for i in range(n_opd):
        ident = _bench_opd_identity(i)
        name, _short, jenis, _slug, _urusan = ident
        no = f"{i + 1:02d}"
        units: list[UnitSpec] = [u(
            "Sekretariat", "Sekretariat",
            head_name="Sekretaris Kecamatan" if jenis == "Kecamatan" else "Sekretaris",
            children=[u("Subbagian Umum dan Kepegawaian", "Subbagian"),
                      u("Subbagian Perencanaan dan Keuangan", "Subbagian")],
        )]
        if jenis == "Kecamatan":  # seksi directly under the camat
            units += [u(f"Seksi {t}", "Seksi") for t in rng.sample(BENCH_SEKSI_TOPICS, 5)]
        else:
            kind = "Bagian" if jenis in ("Sekretariat Daerah", "Sekretariat DPRD") else "Bidang"
            sub = "Subbagian" if kind == "Bagian" else "Seksi"
            for topic in rng.sample(BENCH_BIDANG_TOPICS, rng.randint(4, 6)):
                seksi = [u(f"{sub} {t}", sub) for t in rng.sample(BENCH_SEKSI_TOPICS, 3)]
                units.append(u(f"{kind} {topic}", kind, children=seksi))
        head = "Camat " + name.removeprefix("Kecamatan ") if jenis == "Kecamatan" else (
            "Kepala " + name if jenis in ("Dinas", "Badan") else
            {"Sekretariat Daerah": "Sekretaris Daerah", "Sekretariat DPRD": "Sekretaris DPRD",
             "Inspektorat": "Inspektur",
             "Satuan Polisi Pamong Praja": "Kepala Satuan Polisi Pamong Praja"}[jenis])
        root = UnitSpec(name, "OPD", [], units, True, head)
        skeletons.append((ident, no, root))

    # 2. Staff positions: placed in leaf units so positions average ~20 tasks.
    def leaves(spec: UnitSpec) -> list[UnitSpec]:
        if not spec.children:
            return [spec]
        return [leaf for child in spec.children for leaf in leaves(child)]

    def count_units(spec: UnitSpec) -> int:
        return 1 + sum(count_units(c) for c in spec.children)

    heads = sum(count_units(root) for _, _, root in skeletons)
    staff_total = max(n_opd, round(tasks_total / BENCH_TASKS_PER_POSITION) - heads)
    all_leaves = [leaf for _, _, root in skeletons for leaf in leaves(root)]
    per_leaf = _spread(staff_total, [rng.uniform(0.5, 1.5) for _ in all_leaves])
    for leaf, n in zip(all_leaves, per_leaf, strict=True):
        for _ in range(n):
            name = rng.choice(BENCH_STAFF_POOL)
            pegawai = rng.choices([0, 1, 2, 3, 4, 5, 6], [1, 10, 8, 5, 3, 2, 1])[0]
            leaf.staff.append(PosSpec(name, pegawai, rng.uniform(0.4, 1.5)))

    # 3. Exact task counts per position (weights 3..15, scaled to the total).
    def positions_of(spec: UnitSpec) -> int:
        return (1 if spec.head else 0) + len(spec.staff) + sum(positions_of(c) for c in spec.children)

    n_positions = sum(positions_of(root) for _, _, root in skeletons)
    counts = _spread(tasks_total, [rng.uniform(3, 15) for _ in range(n_positions)])
    count_iter = iter(counts)

    paths: list[Path] = []
    for idx, ((name, short, jenis, slug, urusan), no, root) in enumerate(skeletons):
        orng = random.Random(seed * 1_000_003 + idx)
        builder = _BenchBuilder(jenis, orng, count_iter)
        builder.walk(root, no, "", (0.5, 1.3), root_head_name=root.head_name)
        tipe = orng.choice("ABC")
        skor = {"A": orng.randint(801, 950), "B": orng.randint(601, 800),
                "C": orng.randint(401, 600)}[tipe]
        rows = OpdRows(
            file_name=f"{idx + 1:03d}_{slug}.xlsx",
            profil=_profil_rows(name, short, jenis, tipe, skor, urusan,
                                orng.choice([2017, 2019, 2021, 2023]),
                                round(orng.uniform(50, 88), 1)),
            units=builder.units,
            positions=builder.positions,
            tasks=builder.tasks,
            kematangan=_kematangan_rows(orng.randint(29, 52), idx % 2 == 0, orng, idx % 3),
        )
        paths.append(write_workbook(out_dir / rows.file_name, rows, constant_memory=True))
    return paths


class _BenchBuilder(_Builder):
    """Builder variant that takes the number of tasks per position from an iterator."""

    def __init__(self, opd_jenis: str, rng: random.Random, counts: Iterator[int]) -> None:
        super().__init__(opd_jenis, rng)
        self._counts = counts

    def add_position(self, code: str, name: str, unit_code: str, jenis: str, kelas: int,
                     pegawai: int, role: str, ej: float | None, need: float | None,
                     pensiun: int | None, unit_word: str, ej_range: tuple[float, float]) -> None:
        rng = self.rng
        target_ej = ej if ej is not None else rng.uniform(*ej_range)
        target = (target_ej * pegawai if pegawai else rng.uniform(*VACANT_NEED)) * WKE_MINUTES
        self.positions.append((code, name, unit_code, jenis, kelas, pegawai,
                               _pensiun(pegawai, rng)))
        k = next(self._counts)
        if k == 0:
            return
        templates = _pick_templates(role, k, rng)
        for row in calibrate_tasks(templates, target, rng, unit_word):
            self.tasks.append((code, *row))


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city", type=int, metavar="N_OPD",
                        help="write a synthetic benchmark city with N_OPD workbooks")
    parser.add_argument("--tasks", type=int, default=100_000,
                        help="total Beban Kerja rows for --city (default 100000)")
    parser.add_argument("--seed", type=int, default=7, help="seed for --city (default 7)")
    parser.add_argument("--out", type=Path, help="output folder (default: this folder)")
    args = parser.parse_args(argv)
    out = args.out or Path(__file__).resolve().parent
    if args.city:
        paths = generate_city(out, args.city, args.tasks, seed=args.seed)
    else:
        paths = build_sample_city(out)
    print(f"{len(paths)} workbook(s) written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
