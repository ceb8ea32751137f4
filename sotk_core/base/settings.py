"""Computation settings: one frozen object built from the method tables of tables.py.

Every result carries the `Settings` it was computed with, and every screen and export shows
them (`Settings.describe()`). The preset name is derived, never stored: a WKE or period factor
that differs from the base preset makes it "Kustom (...) berdasarkan <preset>", so a changed
setting can never keep a preset's name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Literal

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import (
    BASIS_ABK_PRACTICE,
    BASIS_APP,
    BASIS_APP_SETTING,
    BASIS_MATURITY_PRACTICE,
    ROUNDING_LABELS,
    ROUNDING_SHORT,
)
from sotk_core.base.tables import (
    CUSTOM_BANDS_NAME,
    DEFAULT_KELEMBAGAAN_TABLE,
    DEFAULT_MATURITY_EDGES,
    DEFAULT_PJ_TABLE,
    DEFAULT_PRESET_ID,
    KELEMBAGAAN_TABLES_BY_ID,
    MATURITY_BANDS,
    MATURITY_EDGES_BY_ID,
    PER_HOUR,
    PERIODS,
    PJ_TABLES,
    PJ_TABLES_BY_ID,
    PRESETS,
    PRESETS_BY_ID,
    ROUNDING_MODES,
    Bands,
    Factors,
    Preset,
)

__all__ = ["CUSTOM_PRESET", "DEFAULT_PRESET", "EJ_BANDS", "MATURITY_BANDS", "PERIODS",
           "ROUNDING_LABELS", "ROUNDING_MODES", "WKE_MAX_HOURS", "WKE_MIN_HOURS", "WKE_PRESETS",
           "Settings", "derive_wke_hours",
           "preset_by_key", "rounding_mode"]

Rounding = Literal["half_up", "ceil", "floor", "min1"]

EJ_BANDS: Bands = PJ_TABLES_BY_ID[DEFAULT_PJ_TABLE].bands
# Display name -> WKE hours, in the order the app lists them.
WKE_PRESETS: dict[str, float] = {p.name: p.wke_hours for p in PRESETS}
DEFAULT_PRESET = PRESETS_BY_ID[DEFAULT_PRESET_ID].name
CUSTOM_PRESET = "Kustom"
WKE_MIN_HOURS = 100.0  # effective working hours per year the engine accepts (files, scenarios,
WKE_MAX_HOURS = 3000.0  # the settings panel): outside is a typing error
_BY_NAME = {p.name.casefold(): p for p in PRESETS}


def preset_by_key(key: str) -> Preset:
    """A preset by its id ("bkn-2011") or its name ("BKN 2011"); ValueError if unknown."""
    found = PRESETS_BY_ID.get(str(key).strip().casefold()) or _BY_NAME.get(
        str(key).strip().casefold())
    if found is None:
        names = ", ".join(p.id for p in PRESETS)
        raise ValueError(f"Preset '{key}' tidak dikenal; pilih salah satu: {names}.")
    return found


def _check_bands(bands: Bands) -> None:
    lows = [lo for _, _, lo in bands]
    ok = (len(bands) >= 2 and lows[-1] == float("-inf")
          and all(math.isfinite(x) for x in lows[:-1])
          and all(a > b for a, b in zip(lows, lows[1:], strict=False)))
    if not ok:
        raise ValueError("Pita PJ harus menurun dari A ke E dan pita terakhir tanpa batas bawah.")


@dataclass(frozen=True)
class Settings:
    """Everything a computation depends on besides the data.

    `period_factors` is stored as a tuple of pairs so the object stays hashable (it is a
    cache key in the app); use `factors` for a mapping (which also holds "Jam" = WKE hours).
    """

    base_preset: str = DEFAULT_PRESET_ID
    wke_hours: float = 1250.0
    period_factors: Factors = PRESETS_BY_ID[DEFAULT_PRESET_ID].period_factors
    rounding: Rounding = "half_up"
    ej_bands: Bands = EJ_BANDS
    maturity_bands: tuple[tuple[str, float], ...] = MATURITY_BANDS
    maturity_edges: str = DEFAULT_MATURITY_EDGES
    kelembagaan_table: str = DEFAULT_KELEMBAGAAN_TABLE
    balanced_ej: tuple[float, float] = (0.70, 1.00)
    micro_unit_staff: int = 3
    hours_as_minutes_factor: float = 10.0
    # Norms in the wrong unit: EJ as typed below [0], while the other unit gives [1]..[2].
    unit_check: tuple[float, float, float] = (0.1, 0.3, 3.0)
    extra: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if not (isinstance(self.wke_hours, (int, float)) and math.isfinite(self.wke_hours)
                and self.wke_hours > 0):
            raise ValueError("Jam kerja efektif (WKE) harus lebih dari 0 jam.")
        if not WKE_MIN_HOURS <= self.wke_hours <= WKE_MAX_HOURS:
            raise ValueError(f"Jam kerja efektif (WKE) {fmt_num(self.wke_hours, 1)} jam/tahun di "
                             f"luar rentang {fmt_num(WKE_MIN_HOURS)}–{fmt_num(WKE_MAX_HOURS)} "
                             "jam/tahun.")
        if self.rounding not in ROUNDING_MODES:
            raise ValueError(f"Mode pembulatan tidak dikenal: {self.rounding!r}.")
        if self.base_preset not in PRESETS_BY_ID:
            raise ValueError(f"Preset tidak dikenal: {self.base_preset!r}.")
        if self.maturity_edges not in MATURITY_EDGES_BY_ID:
            raise ValueError(f"Aturan batas kategori kematangan tidak dikenal: "
                             f"{self.maturity_edges!r}.")
        if self.kelembagaan_table not in KELEMBAGAAN_TABLES_BY_ID:
            raise ValueError(f"Tabel butir kelembagaan tidak dikenal: {self.kelembagaan_table!r}.")
        if any(p == PER_HOUR for p, _ in self.period_factors):
            raise ValueError("Faktor periode Jam mengikuti WKE dan tidak dapat diatur sendiri.")
        _check_bands(self.ej_bands)

    # -- presets ------------------------------------------------------------------------------

    @property
    def base(self) -> Preset:
        return PRESETS_BY_ID[self.base_preset]

    @property
    def is_custom(self) -> bool:
        return (self.wke_hours != self.base.wke_hours
                or self.period_factors != self.base.period_factors)

    @property
    def preset(self) -> str:
        """The preset's name, or "Kustom (what differs) berdasarkan <preset>"."""
        if not self.is_custom:
            return self.base.name
        parts = []
        if self.wke_hours != self.base.wke_hours:
            parts.append(f"WKE {_wke_text(self.wke_hours)}")
        if self.period_factors != self.base.period_factors:
            parts.append("faktor periode diubah")
        return f"{CUSTOM_PRESET} ({', '.join(parts)}) berdasarkan {self.base.name}"

    @classmethod
    def from_preset(cls, name: str = DEFAULT_PRESET_ID, **overrides: object) -> Settings:
        """A named preset (id or name), optionally with overrides."""
        p = preset_by_key(name)
        base = cls(base_preset=p.id, wke_hours=p.wke_hours, period_factors=p.period_factors)
        return replace(base, **overrides) if overrides else base  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        """A copy with changes (the preset name follows from what changed)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    # -- derived figures ----------------------------------------------------------------------

    @property
    def factors(self) -> MappingProxyType:
        """Times per year of each period; "Jam" (per working hour) is the WKE in hours."""
        return MappingProxyType({**dict(self.period_factors), PER_HOUR: self.wke_hours})

    @property
    def wke_minutes(self) -> float:
        return self.wke_hours * 60.0

    @property
    def pj_table(self) -> str:
        """Id of the PJ band table in force, or "kustom"."""
        return next((t.id for t in PJ_TABLES if t.bands == self.ej_bands), "kustom")

    @property
    def pj_table_name(self) -> str:
        t = PJ_TABLES_BY_ID.get(self.pj_table)
        return t.name if t else CUSTOM_BANDS_NAME

    @property
    def overload_ej(self) -> float:
        """EJ/EU (2 decimals) above this is overloaded: the lower bound of the top band."""
        return float(self.ej_bands[0][2])

    @property
    def idle_ej(self) -> float:
        """EJ/EU (2 decimals) below this is under-used: the bound under the lowest band."""
        return float(self.ej_bands[-2][2])

    @property
    def rounding_label(self) -> str:
        return ROUNDING_LABELS[self.rounding]

    def band_text(self, sep: str = "; ", gap: str = " ") -> str:
        """The PJ bands as one Indonesian line: 'A > 1,00; B 0,90–1,00; ...; E < 0,50'
        (`gap` between a sign and its number, `sep` between the bands)."""
        b = self.ej_bands
        parts = [f"{b[0][0]} >{gap}{fmt_num(b[0][2], 2)}"]
        for i in range(1, len(b) - 1):
            upper = b[i - 1][2] if i == 1 else b[i - 1][2] - 0.01
            parts.append(f"{b[i][0]} {fmt_num(b[i][2], 2)}–{fmt_num(upper, 2)}")
        parts.append(f"{b[-1][0]} <{gap}{fmt_num(b[-2][2], 2)}")
        return sep.join(parts)

    def describe(self) -> str:
        """One Indonesian line for captions: what the numbers were computed with."""
        hours = fmt_num(self.wke_hours, 0 if float(self.wke_hours).is_integer() else 1)
        text = (f"{self.preset} · WKE {hours} jam/tahun · pembulatan "
                f"{ROUNDING_SHORT[self.rounding]} · Minggu ×{self.factors['Minggu']}, "
                f"Hari ×{self.factors['Hari']}")
        if self.pj_table != DEFAULT_PJ_TABLE:
            text += f" · {self.pj_table_name}"
        return text

    def as_rows(self) -> list[tuple[str, object, str]]:
        """(setting, value, basis) rows for the `Asumsi` sheet, all in plain Indonesian."""
        edges = MATURITY_EDGES_BY_ID[self.maturity_edges]
        items = KELEMBAGAAN_TABLES_BY_ID[self.kelembagaan_table]
        pj = PJ_TABLES_BY_ID.get(self.pj_table)
        rows: list[tuple[str, object, str]] = [
            ("Preset", self.preset, self.base.source + " Dapat diubah di Pengaturan."),
            ("Jam kerja efektif (jam/tahun)", self.wke_hours,
             "PermenPANRB 1/2020 (1.250), Permendagri 12/2008 (1.300), BKN 2011 (1.200)"),
            ("Jam kerja efektif (menit/tahun)", self.wke_minutes, "= jam × 60"),
            ("Pembulatan kebutuhan pegawai", ROUNDING_LABELS[self.rounding],
             BASIS_ABK_PRACTICE + " — dapat diubah di Pengaturan"),
        ]
        rows += [(f"Faktor periode {p}", f, "kali per tahun") for p, f in self.period_factors]
        rows.append(("Faktor periode Jam", self.wke_hours, "per jam kerja: = WKE dalam jam"))
        rows.append(("Tabel pita PJ", self.pj_table_name,
                     pj.source if pj else "Diatur pengguna di Pengaturan"))
        rows += [
            (f"Pita EJ {g} ({label})", (f"> {fmt_num(lo, 2)}" if i == 0 else
                                        f"≥ {fmt_num(lo, 2)}")
             if lo != float("-inf") else f"< {fmt_num(self.idle_ej, 2)}", BASIS_ABK_PRACTICE)
            for i, (g, label, lo) in enumerate(self.ej_bands)
        ]
        rows += [(f"Kategori kematangan {label}", f"≤ {fmt_num(hi)}", BASIS_MATURITY_PRACTICE)
                 for label, hi in self.maturity_bands]
        rows += [
            ("Batas kategori kematangan", edges.name, edges.rule),
            ("Tabel butir kelembagaan", items.name, items.source),
            ("Rentang EJ seimbang", f"{fmt_num(self.balanced_ej[0], 2)}–"
                                    f"{fmt_num(self.balanced_ej[1], 2)}", BASIS_APP_SETTING),
            ("Batas unit mikro (pegawai)", self.micro_unit_staff, BASIS_APP_SETTING),
            ("Peringatan jam tertulis menit (× tahun kerja satu orang)",
             self.hours_as_minutes_factor, BASIS_APP + " (pemeriksaan data)"),
            ("Peringatan satuan norma (EJ tertulis di bawah; satuan lain dalam rentang)",
             "{} ; {}–{}".format(*(fmt_num(x, 1) for x in self.unit_check)),
             BASIS_APP + " (pemeriksaan data)"),
        ]
        rows += [(k, v, "") for k, v in self.extra]
        return rows

    # -- round trip ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, object]:
        """JSON-ready; the first seven keys are the report contract (workbook.md), the rest
        were added later. `from_dict(to_dict())` gives back an equal object."""
        return {
            "preset": self.preset,
            "wke_hours": self.wke_hours,
            "wke_minutes": self.wke_minutes,
            "rounding": self.rounding,
            "period_factors": dict(self.period_factors),
            "balanced_ej": list(self.balanced_ej),
            "micro_unit_staff": self.micro_unit_staff,
            "preset_id": self.base_preset,
            "rounding_label": ROUNDING_LABELS[self.rounding],
            "pj_bands": self.pj_table,
            "pj_bands_name": self.pj_table_name,
            "ej_bands": [[g, label, None if lo == float("-inf") else lo]
                         for g, label, lo in self.ej_bands],
            "maturity_bands": [[label, hi] for label, hi in self.maturity_bands],
            "maturity_edges": self.maturity_edges,
            "maturity_edges_name": MATURITY_EDGES_BY_ID[self.maturity_edges].name,
            "kelembagaan_table": self.kelembagaan_table,
            "kelembagaan_table_name": KELEMBAGAAN_TABLES_BY_ID[self.kelembagaan_table].name,
            "hours_as_minutes_factor": self.hours_as_minutes_factor,
            "unit_check": list(self.unit_check),
            "extra": [[k, v] for k, v in self.extra],
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Settings:
        """Inverse of `to_dict`; also reads older dicts that name the preset only by name
        ("PermenPANRB 1/2020", "Kustom")."""
        key = data.get("preset_id") or data.get("preset")
        try:
            base = cls.from_preset(str(key)) if key else cls()
        except ValueError:
            base = cls()  # "Kustom ..." of an older file: default base, figures below
        ch: dict[str, object] = {}
        if "wke_hours" in data:
            ch["wke_hours"] = float(data["wke_hours"])  # type: ignore[arg-type]
        elif "wke_minutes" in data:
            ch["wke_hours"] = float(data["wke_minutes"]) / 60.0  # type: ignore[arg-type]
        if "rounding" in data:
            ch["rounding"] = str(data["rounding"])
        pf = data.get("period_factors")
        if isinstance(pf, dict):
            ch["period_factors"] = tuple((p, int(pf[p])) for p in PERIODS
                                         if p in pf and p != PER_HOUR)
        if "ej_bands" in data:
            ch["ej_bands"] = tuple(
                (str(g), str(label), float("-inf") if lo is None else float(lo))
                for g, label, lo in data["ej_bands"])  # type: ignore[attr-defined]
        elif data.get("pj_bands") in PJ_TABLES_BY_ID:
            ch["ej_bands"] = PJ_TABLES_BY_ID[str(data["pj_bands"])].bands
        if "maturity_bands" in data:
            ch["maturity_bands"] = tuple((str(label), float(hi))
                                         for label, hi in data["maturity_bands"])  # type: ignore[attr-defined]
        for name, conv in (("maturity_edges", str), ("kelembagaan_table", str),
                           ("micro_unit_staff", int), ("hours_as_minutes_factor", float)):
            if name in data:
                ch[name] = conv(data[name])  # type: ignore[operator]
        for name in ("balanced_ej", "unit_check"):
            if name in data:
                ch[name] = tuple(float(x) for x in data[name])  # type: ignore[attr-defined]
        if "extra" in data:
            ch["extra"] = tuple((str(k), str(v)) for k, v in data["extra"])  # type: ignore[attr-defined]
        return replace(base, **ch) if ch else base  # type: ignore[arg-type]


def rounding_mode(text: object) -> str | None:
    """The rounding mode a cell or file names: its code ("half_up") or its Indonesian name
    (ROUNDING_LABELS or ROUNDING_SHORT), case and spaces ignored; None when unknown."""
    key = " ".join(str(text or "").split()).casefold()
    for mode in ROUNDING_MODES:
        if key in (mode, ROUNDING_LABELS[mode].casefold(), ROUNDING_SHORT[mode].casefold()):
            return mode
    return None


def _wke_text(hours: float) -> str:
    """'1.200 jam' for whole hours, else the minutes when those are whole ('103.000 menit')."""
    if float(hours).is_integer():
        return f"{fmt_num(hours, 0)} jam"
    minutes = hours * 60.0
    if abs(minutes - round(minutes)) < 1e-6:
        return f"{fmt_num(round(minutes), 0)} menit"
    return f"{fmt_num(hours, 1)} jam"


def derive_wke_hours(working_days: float, effective_hours_per_day: float) -> float:
    """Derivation helper of domain.md §1: working days × effective hours per day."""
    return float(working_days) * float(effective_hours_per_day)


SETTINGS_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Settings))
