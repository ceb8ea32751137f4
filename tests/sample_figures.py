"""The sample city's figures re-derived by hand from its tables (sample_data/kota_contoh/*.csv),
without sotk_core: what a person with a calculator and domain.md §1–§2 would get.

Exact decimal arithmetic, plain loops, no pandas, so a broken core cannot agree with it by
sharing code. Rules (domain.md, default settings):

* task minutes per year = Volume × period factor (Tahun 1, Semester 2, Triwulan 4, Bulan 12,
  Minggu 50, Hari 250; empty = Tahun) × Norma Waktu (× 60 when Satuan Waktu is Jam);
* position: hours = Σ minutes ÷ 60; need_raw = hours ÷ 1,250; need = need_raw rounded half up
  (2.5 → 3); gap = Pegawai − need; surplus = max(gap, 0); shortage = max(−gap, 0);
  EJ = need_raw ÷ Pegawai, shown rounded half up to 2 decimals (`ej2`), none when Pegawai = 0;
* a unit (and the OPD, its root) covers its whole subtree: EU = Σ need_raw ÷ Σ Pegawai;
  surplus and shortage are summed per position, never netted;
* maturity level per variable = Tingkat Verifikasi, else Tingkat Mandiri; OPD total = Σ levels.

When the sample city changes (sample_data/generate.py rewrites the workbooks from the same
tables), these figures follow without editing.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

TABLES = Path(__file__).resolve().parents[1] / "sample_data" / "kota_contoh"
WKE_HOURS = Decimal(1250)
FACTORS = {"Tahun": 1, "Semester": 2, "Triwulan": 4, "Bulan": 12, "Minggu": 50, "Hari": 250}
ZERO = Decimal(0)


def half_up(x: Decimal, decimals: int = 0) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def idn(x: Decimal | int | float, decimals: int = 0) -> str:
    """As a person writes it in Indonesian: 1.234,5 (half up)."""
    text = f"{half_up(Decimal(str(x)), decimals):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


# PJ/PU bands (domain.md §1): A > 1.00 ≥ B ≥ 0.90 > C ≥ 0.70 > D ≥ 0.50 > E
GRADES = (("A", "Sangat Baik"), ("B", "Baik"), ("C", "Cukup"), ("D", "Sedang"), ("E", "Kurang"))


def grade(v2: Decimal) -> tuple[str, str]:
    """(letter, label) of an EJ/EU already rounded to 2 decimals."""
    i = 0 if v2 > 1 else 1 if v2 >= Decimal("0.90") else 2 if v2 >= Decimal("0.70") else \
        3 if v2 >= Decimal("0.50") else 4
    return GRADES[i]


def maturity_category(total: Decimal | int) -> str:
    """11–19 Sangat Rendah, >19–28 Rendah, >28–37 Sedang, >37–46 Tinggi, >46–55 Sangat Tinggi."""
    for upper, name in ((19, "Sangat Rendah"), (28, "Rendah"), (37, "Sedang"), (46, "Tinggi")):
        if total <= upper:
            return name
    return "Sangat Tinggi"


# Kelembagaan (domain.md §3): sub-dimension -> (weight, negative items)
KELEMBAGAAN = {"Kompleksitas": (25, {1, 2, 3, 4, 5, 6, 8, 10}), "Formalisasi": (12.5, {1, 3}),
               "Sentralisasi": (12.5, {1, 3, 4, 6}), "Keselarasan": (10, set()),
               "Tata Kelola": (10, set()), "Perbaikan Proses": (10, {2, 4}),
               "Manajemen Risiko": (10, {4, 5}), "Teknologi Informasi": (10, {4})}


def _rows(name: str) -> list[dict[str, str]]:
    with (TABLES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Position:
    file: str
    code: str
    name: str
    unit: str
    kind: str  # Jenis Jabatan
    existing: int
    minutes: Decimal = ZERO
    task_hours: list[Decimal] = field(default_factory=list)

    @property
    def hours(self) -> Decimal:
        return self.minutes / 60

    @property
    def need_raw(self) -> Decimal:
        return self.hours / WKE_HOURS

    @property
    def need(self) -> int:
        return int(half_up(self.need_raw))

    @property
    def surplus(self) -> int:
        return max(self.existing - self.need, 0)

    @property
    def shortage(self) -> int:
        return max(self.need - self.existing, 0)

    @property
    def ej2(self) -> Decimal | None:
        return half_up(self.need_raw / self.existing, 2) if self.existing else None

    @property
    def vacant(self) -> bool:
        """No staff but work for at least one person (status "kosong")."""
        return self.existing == 0 and self.need > 0


@dataclass
class Group:
    """A unit's subtree, an OPD or the city: sums over its positions."""

    name: str
    positions: list[Position] = field(default_factory=list)

    def total(self, what: str) -> Decimal | int:
        return sum((getattr(p, what) for p in self.positions), start=0)

    @property
    def existing(self) -> int:
        return int(self.total("existing"))

    @property
    def need(self) -> int:
        return int(self.total("need"))

    @property
    def surplus(self) -> int:
        return int(self.total("surplus"))

    @property
    def shortage(self) -> int:
        return int(self.total("shortage"))

    @property
    def need_raw(self) -> Decimal:
        return Decimal(self.total("need_raw"))

    @property
    def hours(self) -> Decimal:
        return Decimal(self.total("hours"))

    @property
    def eu(self) -> Decimal | None:
        return self.need_raw / self.existing if self.existing else None

    @property
    def eu2(self) -> Decimal | None:
        return half_up(self.eu, 2) if self.eu is not None else None

    @property
    def vacant(self) -> int:
        return sum(1 for p in self.positions if p.vacant)


@dataclass(frozen=True)
class SampleCity:
    positions: list[Position]
    opds: dict[str, Group]  # by OPD name, in file order
    units: dict[tuple[str, str], Group]  # by (OPD name, unit code): the unit's subtree
    unit_depth: dict[tuple[str, str], int]  # the OPD itself is depth 1
    abbr: dict[str, str]  # OPD name -> Singkatan
    maturity: dict[str, int]  # OPD name -> total (OPD with a Kematangan sheet only)
    levels: dict[tuple[str, int], int]  # (OPD name, variable 1..11) -> level used
    kelembagaan: dict[str, Decimal]  # OPD name -> total score (OPD with answers only)
    tasks_per_file: dict[str, int]
    city: Group

    def ej2_count(self, test) -> int:  # noqa: ANN001 - a predicate on a Decimal
        """Filled positions whose EJ (2 decimals) passes `test`."""
        return sum(1 for p in self.positions if p.ej2 is not None and test(p.ej2))

    def ej2_staff(self, test) -> int:  # noqa: ANN001
        return sum(p.existing for p in self.positions if p.ej2 is not None and test(p.ej2))

    @property
    def heads(self) -> int:
        """Units headed by a structural position (JPT Pratama, Administrator, Pengawas)."""
        return len({(p.file, p.unit) for p in self.positions
                    if p.kind in ("JPT Pratama", "Administrator", "Pengawas")})

    @property
    def maturity_mean(self) -> Decimal:
        return Decimal(sum(self.maturity.values())) / len(self.maturity)

    def depth_units(self, opd: str, depth: int) -> dict[str, Group]:
        """code -> subtree of the OPD's units at this depth (2 = bidang/bagian)."""
        return {code: g for (o, code), g in self.units.items()
                if o == opd and self.unit_depth[(o, code)] == depth}


@cache
def sample_city() -> SampleCity:
    opd_name = {r["Berkas"]: r["Nama OPD"] for r in _rows("opd.csv")}
    abbr = {r["Nama OPD"]: r["Singkatan"] or r["Nama OPD"] for r in _rows("opd.csv")}
    parent: dict[tuple[str, str], str] = {}
    for r in _rows("unit.csv"):
        parent[(r["Berkas"], r["Kode Unit"])] = r["Kode Induk"]
    positions: dict[tuple[str, str], Position] = {}
    for r in _rows("jabatan.csv"):
        positions[(r["Berkas"], r["Kode Jabatan"])] = Position(
            r["Berkas"], r["Kode Jabatan"], r["Nama Jabatan"], r["Kode Unit"],
            r["Jenis Jabatan"], int(r["Pegawai"]))
    tasks_per_file: dict[str, int] = defaultdict(int)
    for r in _rows("beban_kerja.csv"):
        factor = FACTORS[r["Periode"] or "Tahun"]
        per_minute = 60 if r["Satuan Waktu"] == "Jam" else 1
        minutes = Decimal(r["Volume"]) * factor * Decimal(r["Norma Waktu"]) * per_minute
        position = positions[(r["Berkas"], r["Kode Jabatan"])]
        position.minutes += minutes
        position.task_hours.append(minutes / 60)
        tasks_per_file[r["Berkas"]] += 1

    opds: dict[str, Group] = {name: Group(name) for name in opd_name.values()}
    units: dict[tuple[str, str], Group] = {}
    depth: dict[tuple[str, str], int] = {}
    unit_rows = _rows("unit.csv")
    has_upt = {opd_name[r["Berkas"]] for r in unit_rows if r["Jenis Unit"] == "UPT"}
    for r in unit_rows:
        file, code = r["Berkas"], r["Kode Unit"]
        chain, at = [], code
        while at:
            chain.append(at)
            at = parent[(file, at)]
        depth[(opd_name[file], code)] = len(chain)
        units[(opd_name[file], code)] = Group(r["Nama Unit"])
    for p in positions.values():
        opd = opd_name[p.file]
        opds[opd].positions.append(p)
        at = p.unit
        while at:  # the position counts in its unit and every unit above it
            units[(opd, at)].positions.append(p)
            at = parent[(p.file, at)]

    levels: dict[tuple[str, int], int] = {}
    for r in _rows("kematangan.csv"):
        v = r["Variabel"]  # a Roman number or the official name (workbook.md)
        number = (ROMAN.index(v) if v in ROMAN else MATURITY_VARIABLES.index(v)) + 1
        levels[(opd_name[r["Berkas"]], number)] = int(r["Tingkat Verifikasi"]
                                                       or r["Tingkat Mandiri"])
    totals: dict[str, int] = defaultdict(int)
    for (opd, _), level in levels.items():
        totals[opd] += level

    answers: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for r in _rows("kelembagaan.csv"):
        opd, item = opd_name[r["Berkas"]], int(r["No"])
        if r["Subdimensi"] == "Kompleksitas" and item in (8, 9) and opd not in has_upt:
            continue  # the UPT items, dropped for an OPD without UPT
        answers[(opd, r["Subdimensi"])].append((item, int(r["Jawaban"])))
    kelembagaan: dict[str, Decimal] = defaultdict(Decimal)
    for (opd, sub), given in answers.items():
        weight, negative = KELEMBAGAAN[sub]
        v = sum(5 - a if item in negative else a for item, a in given)
        kelembagaan[opd] += Decimal(weight) * v / (4 * len(given))

    city = Group("kota", list(positions.values()))
    return SampleCity(positions=list(positions.values()), opds=opds, units=units,
                      unit_depth=depth, abbr=abbr, maturity=dict(totals), levels=levels,
                      kelembagaan=dict(kelembagaan), tasks_per_file=dict(tasks_per_file),
                      city=city)


# The 11 variables of Permendagri 99/2018 Lampiran A, I..XI (domain.md §2).
MATURITY_VARIABLES = (
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
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
