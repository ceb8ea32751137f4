"""Vocabulary the readers need: the 11 maturity variables (Permendagri 99/2018 Lampiran A)
and the kelembagaan subdimensions (PermenPANRB 20/2018), with their aliases and parsers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sotk_core.base.tables import (
    DEFAULT_KELEMBAGAAN_TABLE,
    KELEMBAGAAN_TABLES,
    KELEMBAGAAN_TABLES_BY_ID,
    UPT_ITEMS,
    SubDimension,
)

__all__ = ["MAX_ITEMS", "ROMAN", "SUBDIMENSIONS", "UPT_ITEMS", "VARIABLES", "SubDimension",
           "Variable", "parse_subdimension", "parse_variable"]

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")


@dataclass(frozen=True)
class Variable:
    number: int
    name: str
    aspect: str  # [policy] grouping: tata laksana, inovasi, budaya
    short: str
    levels: tuple[str, str, str, str, str]  # gist of levels 1..5 (help texts)
    aliases: tuple[str, ...] = ()

    @property
    def roman(self) -> str:
        return ROMAN[self.number - 1]


VARIABLES: tuple[Variable, ...] = (
    Variable(1, "Perencanaan Pembangunan Daerah", "Tata Laksana", "Perencanaan",
             ("Prioritas tanpa kriteria terukur", "Analisis outcome",
              "Analisis outcome dan kapabilitas", "Membandingkan alternatif",
              "Ditambah dukungan TI"), ("Perencanaan",)),
    Variable(2, "Monitoring dan Pengendalian Pelaksanaan Tugas Perangkat Daerah", "Tata Laksana",
             "Monitoring", ("Monitoring sederhana", "Berkala dengan fokus tertentu",
                            "Kriteria deviasi standar", "Umpan balik perbaikan terdokumentasi",
                            "Sistematis dan didukung TI"), ("Monitoring", "Monev")),
    Variable(3, "Penjaminan Mutu Layanan Perangkat Daerah", "Tata Laksana", "Penjaminan Mutu",
             ("Belum ada penjaminan mutu", "Penjaminan mutu berkala tanpa standar",
              "Standar diuji secara internal", "Diukur oleh personel bersertifikat",
              "Ditambah dukungan TI"), ("Penjaminan Mutu", "Mutu Layanan")),
    Variable(4, "Standar Operasional Prosedur (SOP) Pelayanan Perangkat Daerah", "Tata Laksana",
             "SOP", ("Proses belum didefinisikan", "Ada SOP", "SOP dievaluasi", "SOP diperbaiki",
                     "Disesuaikan dengan pengaduan, daring"), ("SOP", "Standar Operasional Prosedur")),
    Variable(5, "Pendidikan dan Pelatihan Aparatur", "Tata Laksana", "Diklat",
             ("Belum ada rencana diklat", "Rencana untuk sebagian jabatan",
              "Rencana untuk semua jabatan", "Rencana dievaluasi dan ditindaklanjuti",
              "Hasil diklat dievaluasi"), ("Diklat", "Pendidikan dan Pelatihan")),
    Variable(6, "Analisis Kebijakan dan Pemecahan Masalah Tugas Perangkat Daerah", "Tata Laksana",
             "Analisis Kebijakan", ("Analisis sederhana", "Tim internal",
                                    "Metode ilmiah bersama instansi lain", "Tim ahli",
                                    "Tim ahli dan konsultasi publik"), ("Analisis Kebijakan",)),
    Variable(7, "Manajemen Sumber Daya Peralatan dan Perlengkapan Kerja yang Terukur",
             "Tata Laksana", "Sarana Prasarana",
             ("Hanya berdasarkan aturan formal", "Analisis kebutuhan", "Analisis terstandar",
              "Dipantau terhadap standar", "Ditambah dukungan TI"),
             ("Manajemen Sumber Daya Peralatan", "Sarana Prasarana", "Peralatan")),
    Variable(8, "Manajemen Resiko Pelaksanaan Tugas Aparatur", "Tata Laksana", "Manajemen Risiko",
             ("Belum ada manajemen risiko", "Secara individu",
              "Prosedur untuk tugas berisiko tinggi", "Untuk semua tugas",
              "Semua risiko terkendali"),
             ("Manajemen Risiko", "Manajemen Resiko", "Manajemen Risiko Pelaksanaan Tugas Aparatur")),
    Variable(9, "Pengukuran Kinerja Perangkat Daerah dan Aparatur", "Tata Laksana",
             "Pengukuran Kinerja", ("Belum ada target", "Target belum selaras dengan rencana",
                                    "Target selaras", "Capaian diukur",
                                    "Capaian > 90 % dan didukung TI"), ("Pengukuran Kinerja",)),
    Variable(10, "Pengembangan Inovasi Layanan Perangkat Daerah", "Inovasi", "Inovasi",
             ("Belum ada rencana", "Replikasi inovasi", "Rencana inovasi", "Inovasi sendiri",
              "Program inovasi berkelanjutan"), ("Inovasi", "Inovasi Layanan")),
    Variable(11, "Budaya Organisasi Perangkat Daerah", "Budaya", "Budaya Organisasi",
             ("Belum ada budaya organisasi", "Slogan", "Dokumen budaya resmi",
              "Program internalisasi", "Budaya tampak dalam perilaku"), ("Budaya Organisasi",)),
)

_LOOKUP: dict[str, int] = {}
for _v in VARIABLES:
    for _k in (_v.name, _v.roman, str(_v.number), _v.short, *_v.aliases):
        _LOOKUP[re.sub(r"\s+", " ", _k).strip().casefold()] = _v.number


def parse_variable(value: object) -> int | None:
    """Variable number 1..11 from 'IV', '4', 4.0, 'Variabel IV', or the official name."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and 1 <= value <= 11 else None
    text = re.sub(r"\s+", " ", str(value or "")).strip().casefold()
    text = re.sub(r"^(variabel|var\.?)\s*", "", text).strip(" .:-")
    if text in _LOOKUP:
        return _LOOKUP[text]
    # "IV. Standar Operasional ..." or "4 - SOP": a leading numeral
    m = re.match(r"^([ivx]+|\d+)\s*[.):\-–]\s*(.*)$", text)
    if m:
        return _LOOKUP.get(m.group(1)) or _LOOKUP.get(m.group(2))
    return None



# The kelembagaan item tables (counts and negative items per subdimension per source) are data
# in base/tables.py; the default table is exposed here under its old name. The reader accepts
# an item number up to the largest count of any table (Kompleksitas 15, Manajemen Risiko 6,
# Teknologi Informasi 6); the model scores with the table chosen in Settings.
SUBDIMENSIONS: tuple[SubDimension, ...] = KELEMBAGAAN_TABLES_BY_ID[
    DEFAULT_KELEMBAGAAN_TABLE].subdimensions
MAX_ITEMS: dict[str, int] = {
    s.name: max(sub.items for t in KELEMBAGAAN_TABLES for sub in t.subdimensions
                if sub.name == s.name) for s in SUBDIMENSIONS}

_BY_KEY = {re.sub(r"\s+", " ", k).casefold(): s for s in SUBDIMENSIONS for k in (s.name, *s.aliases)}


def parse_subdimension(value: object) -> SubDimension | None:
    return _BY_KEY.get(re.sub(r"\s+", " ", str(value or "")).strip().casefold())
