"""Kematangan organisasi, Permendagri 99/2018 Lampiran A (domain.md §2).

Per variable the level in force is the verified one when present, else the self-assessed one.
OPD total = plain sum (11-55), category from the bands in Settings, stage = min level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sotk_core.settings import Settings

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


def maturity_category(total: float, settings: Settings) -> str | None:
    """Band of a total (or city mean): 11-19 Sangat Rendah, >19-28 Rendah, >28-37 Sedang,
    >37-46 Tinggi, >46-55 Sangat Tinggi."""
    if total is None or (isinstance(total, float) and np.isnan(total)):
        return None
    for label, upper in settings.maturity_bands:
        if total <= upper + 1e-9:
            return label
    return settings.maturity_bands[-1][0]


@dataclass(frozen=True)
class MaturityResult:
    levels: pd.DataFrame  # opd, variable, roman, name, aspect, self_level, verified_level, level, gap
    opd: pd.DataFrame  # opd, total, category, stage, aspect means, weakest
    weakest: pd.DataFrame  # opd, variable, level, next_level, next_text
    city_mean: float | None
    city_category: str | None


def compute_maturity(maturity: pd.DataFrame, opd_names: list[str], settings: Settings) -> MaturityResult:
    """maturity: columns opd, variable (1..11), self_level, verified_level (NaN if absent)."""
    var_table = pd.DataFrame({
        "variable": [v.number for v in VARIABLES],
        "roman": [v.roman for v in VARIABLES],
        "var_name": [v.name for v in VARIABLES],
        "short": [v.short for v in VARIABLES],
        "aspect": [v.aspect for v in VARIABLES],
    })
    lv = maturity.loc[:, ["opd", "variable", "self_level", "verified_level"]].merge(
        var_table, on="variable", how="left")
    lv["level"] = lv["verified_level"].where(lv["verified_level"].notna(), lv["self_level"])
    lv["gap"] = lv["self_level"] - lv["verified_level"]
    lv = lv.sort_values(["opd", "variable"], kind="stable").reset_index(drop=True)

    g = lv.groupby("opd", sort=False)
    opd = pd.DataFrame({
        "total": g["level"].sum(),
        "stage": g["level"].min(),
        "self_total": g["self_level"].sum(),
        "verified_count": g["verified_level"].count(),
    })
    for aspect in ("Tata Laksana", "Inovasi", "Budaya"):
        opd[f"mean_{aspect}"] = lv.loc[lv["aspect"] == aspect].groupby("opd")["level"].mean()
    opd["category"] = [maturity_category(t, settings) for t in opd["total"]]
    opd = opd.reindex(opd_names).rename_axis("opd").reset_index()
    opd = opd.loc[opd["total"].notna()].reset_index(drop=True)

    # weakest variables per OPD: those at the OPD's minimum level, with the next level's text
    lv["is_weakest"] = lv["level"] == lv.groupby("opd")["level"].transform("min")
    weak = lv.loc[lv["is_weakest"], ["opd", "variable", "roman", "var_name", "level"]].copy()
    texts = {v.number: v.levels for v in VARIABLES}
    weak["next_level"] = (weak["level"] + 1).clip(upper=5)
    weak["next_text"] = [
        texts[int(v)][int(n) - 1] if lvl < 5 else "Sudah di tingkat tertinggi"
        for v, n, lvl in zip(weak["variable"], weak["next_level"], weak["level"], strict=True)
    ]
    weak = weak.reset_index(drop=True)
    mean = float(opd["total"].mean()) if len(opd) else None
    return MaturityResult(
        levels=lv.drop(columns="is_weakest"),
        opd=opd,
        weakest=weak,
        city_mean=mean,
        city_category=maturity_category(mean, settings) if mean is not None else None,
    )
