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


def _rows(name: str) -> list[dict[str, str]]:
    with (TABLES / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Position:
    file: str
    code: str
    name: str
    unit: str
    existing: int
    minutes: Decimal = ZERO

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


@dataclass(frozen=True)
class SampleCity:
    positions: list[Position]
    opds: dict[str, Group]  # by OPD name, in file order
    units: dict[tuple[str, str], Group]  # by (OPD name, unit code): the unit's subtree
    unit_depth: dict[tuple[str, str], int]  # the OPD itself is depth 1
    abbr: dict[str, str]  # OPD name -> Singkatan
    maturity: dict[str, int]  # OPD name -> total (OPD with a Kematangan sheet only)
    city: Group

    def ej2_count(self, test) -> int:  # noqa: ANN001 - a predicate on a Decimal
        """Filled positions whose EJ (2 decimals) passes `test`."""
        return sum(1 for p in self.positions if p.ej2 is not None and test(p.ej2))

    def ej2_staff(self, test) -> int:  # noqa: ANN001
        return sum(p.existing for p in self.positions if p.ej2 is not None and test(p.ej2))


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
            r["Berkas"], r["Kode Jabatan"], r["Nama Jabatan"], r["Kode Unit"], int(r["Pegawai"]))
    for r in _rows("beban_kerja.csv"):
        factor = FACTORS[r["Periode"] or "Tahun"]
        per_minute = 60 if r["Satuan Waktu"] == "Jam" else 1
        positions[(r["Berkas"], r["Kode Jabatan"])].minutes += (
            Decimal(r["Volume"]) * factor * Decimal(r["Norma Waktu"]) * per_minute)

    opds: dict[str, Group] = {name: Group(name) for name in opd_name.values()}
    units: dict[tuple[str, str], Group] = {}
    depth: dict[tuple[str, str], int] = {}
    for (file, code), _ in parent.items():
        chain, at = [], code
        while at:
            chain.append(at)
            at = parent[(file, at)]
        depth[(opd_name[file], code)] = len(chain)
        units[(opd_name[file], code)] = Group(code)
    for p in positions.values():
        opd = opd_name[p.file]
        opds[opd].positions.append(p)
        at = p.unit
        while at:  # the position counts in its unit and every unit above it
            units[(opd, at)].positions.append(p)
            at = parent[(p.file, at)]

    levels: dict[str, list[int]] = defaultdict(list)
    for r in _rows("kematangan.csv"):
        levels[opd_name[r["Berkas"]]].append(int(r["Tingkat Verifikasi"] or r["Tingkat Mandiri"]))
    city = Group("kota", list(positions.values()))
    return SampleCity(positions=list(positions.values()), opds=opds, units=units,
                      unit_depth=depth, abbr=abbr,
                      maturity={opd: sum(v) for opd, v in levels.items()}, city=city)
