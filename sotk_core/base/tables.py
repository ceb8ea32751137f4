"""The method as each region practises it, as data: WKE presets, PJ band tables, rounding
modes, maturity band edge rules and kelembagaan item tables, each with its source.

`Settings` (settings.py) refers to these by id; `python -m sotk_core presets` and the app's
settings panel list them. Everything here is plain data; nothing computes.
"""

from __future__ import annotations

from dataclasses import dataclass

Factors = tuple[tuple[str, int], ...]

# The period vocabulary (Periode column of Beban Kerja), shared by every reader via
# workbook/spec.py. "Jam" is per working hour: its year factor is the WKE in hours, so it is
# not a fixed entry of `period_factors`.
PERIODS: tuple[str, ...] = ("Tahun", "Semester", "Triwulan", "Bulan", "Minggu", "Hari", "Jam")
PER_HOUR = "Jam"

STANDARD_FACTORS: Factors = (("Tahun", 1), ("Semester", 2), ("Triwulan", 4), ("Bulan", 12),
                             ("Minggu", 50), ("Hari", 250))
BKN_FACTORS: Factors = (("Tahun", 1), ("Semester", 2), ("Triwulan", 4), ("Bulan", 12),
                        ("Minggu", 48), ("Hari", 240))


@dataclass(frozen=True)
class Preset:
    """A named WKE with its period factors."""

    id: str  # command-line name, e.g. "bkn-2011"
    name: str  # shown to users, e.g. "BKN 2011"
    wke_hours: float
    period_factors: Factors
    source: str  # Indonesian, shown by `presets` and in the app


PRESETS: tuple[Preset, ...] = (
    Preset("permenpanrb-2020", "PermenPANRB 1/2020", 1250.0, STANDARD_FACTORS,
           "PermenPANRB 1/2020 (pedoman analisis jabatan dan ABK): 1.250 jam/tahun = 75.000 "
           "menit; faktor periode praktik umum pedoman ABK."),
    Preset("permendagri-2008", "Permendagri 12/2008", 1300.0, STANDARD_FACTORS,
           "Permendagri 12/2008 (pedoman ABK): 37,5 jam/minggu dikurangi kelonggaran 25 % "
           "≈ 1.300 jam/tahun; faktor periode praktik umum pedoman ABK."),
    Preset("bkn-2011", "BKN 2011", 1200.0, BKN_FACTORS,
           "Peraturan Kepala BKN 19/2011: 1.200 jam/tahun = 72.000 menit (300 menit/hari, "
           "1.500/minggu, 6.000/bulan); Minggu ×48, Hari ×240."),
    Preset("kemenag", "Formulir Kemenag", 1322.0, STANDARD_FACTORS,
           "Formulir ABK Kementerian Agama: 1.322 jam/tahun; faktor periode bawaan aplikasi "
           "ini."),
    Preset("modul-kementerian", "Modul ABK kementerian", 1507.0, STANDARD_FACTORS,
           "Modul ABK sebuah kementerian: 1.507 jam/tahun; faktor periode bawaan aplikasi "
           "ini."),
    Preset("surabaya", "Kota Surabaya", 103_000 / 60, STANDARD_FACTORS,
           "Keputusan Wali Kota Surabaya: 103.000 menit/tahun (≈ 1.716,7 jam); faktor periode "
           "bawaan aplikasi ini."),
)
PRESETS_BY_ID: dict[str, Preset] = {p.id: p for p in PRESETS}
DEFAULT_PRESET_ID = "permenpanrb-2020"

# PJ band tables: (grade, label, lower bound). EJ rounded half up to 2 decimals is compared
# from the top: A when EJ > the A bound, the other grades when EJ >= their bound, else E.
Bands = tuple[tuple[str, str, float], ...]


@dataclass(frozen=True)
class BandTable:
    id: str
    name: str
    bands: Bands
    source: str


PJ_TABLES: tuple[BandTable, ...] = (
    BandTable("permendagri", "Pita PJ praktik Permendagri", (
        ("A", "Sangat Baik", 1.00), ("B", "Baik", 0.90), ("C", "Cukup", 0.70),
        ("D", "Sedang", 0.50), ("E", "Kurang", float("-inf"))),
        "Praktik umum pedoman ABK (Permendagri 12/2008): A > 1,00; B 0,90–1,00; C 0,70–0,89; "
        "D 0,50–0,69; E < 0,50."),
    BandTable("depkeu", "Pita PJ kementerian (Depkeu)", (
        ("A", "Sangat Baik", 1.00), ("B", "Baik", 0.81), ("C", "Cukup", 0.66),
        ("D", "Sedang", 0.50), ("E", "Kurang", float("-inf"))),
        "Tabel PJ modul ABK kementerian (Departemen Keuangan): A > 1,00; B 0,81–1,00; "
        "C 0,66–0,80; D 0,50–0,65; E < 0,50."),
)
PJ_TABLES_BY_ID: dict[str, BandTable] = {t.id: t for t in PJ_TABLES}
DEFAULT_PJ_TABLE = "permendagri"
CUSTOM_BANDS_NAME = "Pita PJ kustom"

# Rounding of decimal FTE to whole staff. Ids are what the command line takes; users read the
# labels only (ROUNDING_LABELS, ROUNDING_SHORT in labels.py).
ROUNDING_MODES: tuple[str, ...] = ("half_up", "ceil", "floor", "min1")
ROUNDING_SOURCES: dict[str, str] = {
    "half_up": "Pedoman ABK kabupaten (2,256 → 2): pembulatan biasa.",
    "ceil": "Pilihan aplikasi ini.",
    "floor": "Pilihan aplikasi ini.",
    "min1": "Beberapa aplikasi ABK daerah: jabatan yang ada bebannya minimal 1 orang "
            "(0,48 → 1).",
}

# Maturity categories over an OPD total (11-55) or a city mean: (label, upper bound).
MATURITY_BANDS: tuple[tuple[str, float], ...] = (
    ("Sangat Rendah", 19.0), ("Rendah", 28.0), ("Sedang", 37.0), ("Tinggi", 46.0),
    ("Sangat Tinggi", 55.0),
)


@dataclass(frozen=True)
class EdgeRule:
    id: str
    name: str
    rule: str  # Indonesian statement of the rule, with a worked fractional example
    source: str


# How a total or a fractional city mean that falls between the printed band edges is banded.
MATURITY_EDGES: tuple[EdgeRule, ...] = (
    EdgeRule("lebih-dari", "Batas 'lebih dari'",
             "Nilai dibandingkan apa adanya dengan batas atas tiap kategori: 11–19 Sangat "
             "Rendah, di atas 19 sampai 28 Rendah, dan seterusnya. Rata-rata 19,01 → Rendah; "
             "19,00 → Sangat Rendah.",
             "Pedoman Biro Organisasi Jawa Tengah (11–19, > 19–28, > 28–37, > 37–46, > 46–55)."),
    EdgeRule("bulat", "Rentang bilangan bulat",
             "Rentang dicetak sebagai bilangan bulat (11–19, 20–28, 29–37, 38–46, 47–55); "
             "nilai pecahan dibulatkan setengah ke atas dulu. Rata-rata 19,49 → 19 → Sangat "
             "Rendah; 19,50 → 20 → Rendah.",
             "Tabel kategori yang dicetak dengan rentang bilangan bulat."),
)
MATURITY_EDGES_BY_ID: dict[str, EdgeRule] = {e.id: e for e in MATURITY_EDGES}
DEFAULT_MATURITY_EDGES = "lebih-dari"

# Kelembagaan (PermenPANRB 20/2018) rank of a total: P-5 when the total is above 80, etc.
# A total between whole-number printed bands (81–100, 61–80, ...) such as 80,625 is ranked by
# its unrounded value: 80,625 > 80 → P-5; exactly 80,00 → P-4.
KELEMBAGAAN_RANK_RULE = (
    "Total dibandingkan apa adanya (tanpa dibulatkan): P-5 bila di atas 80, P-4 di atas 60, "
    "P-3 di atas 40, P-2 di atas 20, selain itu P-1. Total 80,625 → P-5; tepat 80,00 → P-4.")


@dataclass(frozen=True)
class SubDimension:
    name: str
    dimension: str  # Struktur | Proses
    weight: float
    items: int
    negative: tuple[int, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemTable:
    """Item counts and negative (reversed) items per subdimension of one source."""

    id: str
    name: str
    subdimensions: tuple[SubDimension, ...]
    source: str

    @property
    def total_items(self) -> int:
        return sum(s.items for s in self.subdimensions)


def _subdimensions(kompleksitas: int, risiko: int, ti: int) -> tuple[SubDimension, ...]:
    return (
        SubDimension("Kompleksitas", "Struktur", 25.0, kompleksitas, (1, 2, 3, 4, 5, 6, 8, 10)),
        SubDimension("Formalisasi", "Struktur", 12.5, 7, (1, 3)),
        SubDimension("Sentralisasi", "Struktur", 12.5, 11, (1, 3, 4, 6)),
        SubDimension("Keselarasan", "Proses", 10.0, 8, (), ("Keselarasan (Alignment)",)),
        SubDimension("Tata Kelola", "Proses", 10.0, 7, (), ("Tata Kelola dan Kepatuhan",)),
        SubDimension("Perbaikan Proses", "Proses", 10.0, 4, (2, 4), ("Perbaikan",)),
        SubDimension("Manajemen Risiko", "Proses", 10.0, risiko, (4, 5),
                     ("Risiko", "Manajemen Resiko")),
        SubDimension("Teknologi Informasi", "Proses", 10.0, ti, (4,), ("TI",)),
    )


KELEMBAGAAN_TABLES: tuple[ItemTable, ...] = (
    ItemTable("pedoman", "Tabel butir pedoman (62 butir)", _subdimensions(14, 6, 5),
              "Pedoman evaluasi kelembagaan PermenPANRB 20/2018: Kompleksitas 14, Formalisasi "
              "7, Sentralisasi 11, Keselarasan 8, Tata Kelola 7, Perbaikan Proses 4, "
              "Manajemen Risiko 6, Teknologi Informasi 5."),
    ItemTable("lampiran-ii", "Tabel butir Lampiran II (63 butir)", _subdimensions(15, 5, 6),
              "Pembacaan Lampiran II PermenPANRB 20/2018: Kompleksitas 15, Manajemen Risiko 5, "
              "Teknologi Informasi 6 (subdimensi lain sama); butir negatif sama."),
)
KELEMBAGAAN_TABLES_BY_ID: dict[str, ItemTable] = {t.id: t for t in KELEMBAGAAN_TABLES}
DEFAULT_KELEMBAGAAN_TABLE = "pedoman"
# Kompleksitas items 8-9 concern UPT and are dropped for an OPD without UPT.
UPT_ITEMS = ("Kompleksitas", (8, 9))
