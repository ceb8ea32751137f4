"""Computation settings: one frozen object, named presets from domain.md section 1.

`ROUNDING_LABELS` (the Indonesian names of the rounding modes) lives in sotk_core.base.labels
and stays importable from here.

Every result carries the `Settings` it was computed with, and every screen and export shows
them (`Settings.describe()`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import (
    BASIS_ABK_PRACTICE,
    BASIS_APP,
    BASIS_MATURITY_PRACTICE,
    ROUNDING_LABELS,
    ROUNDING_SHORT,
)

Rounding = Literal["half_up", "ceil", "floor"]
ROUNDING_MODES: tuple[Rounding, ...] = ("half_up", "ceil", "floor")

PERIODS: tuple[str, ...] = ("Tahun", "Semester", "Triwulan", "Bulan", "Minggu", "Hari")

_PERIODS_STANDARD = (("Tahun", 1), ("Semester", 2), ("Triwulan", 4), ("Bulan", 12),
                     ("Minggu", 50), ("Hari", 250))
_PERIODS_BKN = (("Tahun", 1), ("Semester", 2), ("Triwulan", 4), ("Bulan", 12),
                ("Minggu", 48), ("Hari", 240))

# (lower bound exclusive of the band above, grade, label). EJ rounded half up to 2 decimals
# is compared from the top: > 1.00 A, >= 0.90 B, >= 0.70 C, >= 0.50 D, else E.
EJ_BANDS: tuple[tuple[str, str, float], ...] = (
    ("A", "Sangat Baik", 1.00),  # EJ > 1.00
    ("B", "Baik", 0.90),  # 0.90 <= EJ <= 1.00
    ("C", "Cukup", 0.70),
    ("D", "Sedang", 0.50),
    ("E", "Kurang", float("-inf")),
)

# Maturity categories over the OPD total (11-55): (label, upper bound inclusive).
MATURITY_BANDS: tuple[tuple[str, float], ...] = (
    ("Sangat Rendah", 19.0),
    ("Rendah", 28.0),
    ("Sedang", 37.0),
    ("Tinggi", 46.0),
    ("Sangat Tinggi", 55.0),
)

WKE_PRESETS: dict[str, float] = {
    "PermenPANRB 1/2020": 1250.0,
    "Permendagri 12/2008": 1300.0,
    "BKN 2011": 1200.0,
}
DEFAULT_PRESET = "PermenPANRB 1/2020"
CUSTOM_PRESET = "Kustom"


@dataclass(frozen=True)
class Settings:
    """Everything a computation depends on besides the data.

    `period_factors` is stored as a tuple of pairs so the object stays hashable (it is a
    cache key in the app); use `factors` for a mapping.
    """

    preset: str = DEFAULT_PRESET
    wke_hours: float = 1250.0
    period_factors: tuple[tuple[str, int], ...] = _PERIODS_STANDARD
    rounding: Rounding = "half_up"
    ej_bands: tuple[tuple[str, str, float], ...] = EJ_BANDS
    maturity_bands: tuple[tuple[str, float], ...] = MATURITY_BANDS
    balanced_ej: tuple[float, float] = (0.70, 1.00)
    micro_unit_staff: int = 3
    hours_as_minutes_factor: float = 10.0
    extra: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.wke_hours > 0:
            raise ValueError("Jam kerja efektif (WKE) harus lebih dari 0 jam.")
        if self.rounding not in ROUNDING_MODES:
            raise ValueError(f"Mode pembulatan tidak dikenal: {self.rounding!r}.")

    @property
    def factors(self) -> MappingProxyType:
        return MappingProxyType(dict(self.period_factors))

    @property
    def wke_minutes(self) -> float:
        return self.wke_hours * 60.0

    @classmethod
    def from_preset(cls, name: str = DEFAULT_PRESET, **overrides: object) -> Settings:
        """A named preset of domain.md section 1, optionally with overrides (then "Kustom")."""
        if name not in WKE_PRESETS:
            raise ValueError(f"Preset tidak dikenal: {name!r}.")
        periods = _PERIODS_BKN if name == "BKN 2011" else _PERIODS_STANDARD
        base = cls(preset=name, wke_hours=WKE_PRESETS[name], period_factors=periods)
        if not overrides:
            return base
        changed = replace(base, **overrides)  # type: ignore[arg-type]
        if changed.wke_hours != base.wke_hours or changed.period_factors != base.period_factors:
            changed = replace(changed, preset=CUSTOM_PRESET)
        return changed

    def with_(self, **changes: object) -> Settings:
        """A copy with changes; a WKE or period change that leaves the preset makes it custom."""
        changed = replace(self, **changes)  # type: ignore[arg-type]
        if changed.preset in WKE_PRESETS and (
            changed.wke_hours != WKE_PRESETS[changed.preset]
        ):
            changed = replace(changed, preset=CUSTOM_PRESET)
        return changed

    def describe(self) -> str:
        """One Indonesian line for captions: what the numbers were computed with."""

        return (
            f"{self.preset} · WKE {fmt_num(self.wke_hours, 0)} jam/tahun · pembulatan "
            f"{ROUNDING_SHORT.get(self.rounding, self.rounding)} · Minggu "
            f"×{self.factors['Minggu']}, Hari ×{self.factors['Hari']}"
        )

    def as_rows(self) -> list[tuple[str, object, str]]:
        """(setting, value, basis) rows for the `Asumsi` sheet, all in plain Indonesian."""
        rows: list[tuple[str, object, str]] = [
            ("Preset", self.preset, "Dapat diubah di Pengaturan"),
            ("Jam kerja efektif (jam/tahun)", self.wke_hours,
             "PermenPANRB 1/2020 (1.250), Permendagri 12/2008 (1.300), BKN 2011 (1.200)"),
            ("Jam kerja efektif (menit/tahun)", self.wke_minutes, "= jam × 60"),
            ("Pembulatan kebutuhan pegawai", ROUNDING_LABELS.get(self.rounding, self.rounding),
             BASIS_ABK_PRACTICE + " — dapat diubah di Pengaturan"),
        ]
        rows += [(f"Faktor periode {p}", f, "kali per tahun") for p, f in self.period_factors]
        rows += [
            (f"Pita EJ {g} ({label})", (f"> {fmt_num(lo, 2)}" if g == "A" else
                                        f"≥ {fmt_num(lo, 2)}")
             if lo != float("-inf") else "< 0,50", BASIS_ABK_PRACTICE)
            for g, label, lo in self.ej_bands
        ]
        rows += [(f"Kategori kematangan {label}", f"≤ {fmt_num(hi)}", BASIS_MATURITY_PRACTICE)
                 for label, hi in self.maturity_bands]
        rows += [
            ("Rentang EJ seimbang", f"{fmt_num(self.balanced_ej[0], 2)}–"
                                    f"{fmt_num(self.balanced_ej[1], 2)}", BASIS_APP),
            ("Batas unit mikro (pegawai)", self.micro_unit_staff, BASIS_APP),
            ("Peringatan jam tertulis menit (× tahun kerja satu orang)",
             self.hours_as_minutes_factor, BASIS_APP + " (pemeriksaan data)"),
        ]
        rows += [(k, v, "") for k, v in self.extra]
        return rows

    def to_dict(self) -> dict[str, object]:
        return {
            "preset": self.preset,
            "wke_hours": self.wke_hours,
            "wke_minutes": self.wke_minutes,
            "rounding": self.rounding,
            "period_factors": dict(self.period_factors),
            "balanced_ej": list(self.balanced_ej),
            "micro_unit_staff": self.micro_unit_staff,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Settings:
        preset = str(data.get("preset", DEFAULT_PRESET))
        base = cls.from_preset(preset) if preset in WKE_PRESETS else cls(preset=preset)
        changes: dict[str, object] = {}
        if "wke_hours" in data:
            changes["wke_hours"] = float(data["wke_hours"])  # type: ignore[arg-type]
        if "rounding" in data:
            changes["rounding"] = str(data["rounding"])
        if isinstance(data.get("period_factors"), dict):
            pf = data["period_factors"]
            changes["period_factors"] = tuple((p, int(pf[p])) for p in PERIODS if p in pf)  # type: ignore[index]
        return replace(base, **changes) if changes else base  # type: ignore[arg-type]


def rounding_mode(text: object) -> str | None:
    """The rounding mode a cell or file names: its code ("half_up") or its Indonesian name
    (ROUNDING_LABELS or ROUNDING_SHORT), case and spaces ignored; None when unknown."""
    key = " ".join(str(text or "").split()).casefold()
    for mode in ROUNDING_MODES:
        if key in (mode, ROUNDING_LABELS[mode].casefold(), ROUNDING_SHORT[mode].casefold()):
            return mode
    return None


def derive_wke_hours(working_days: float, effective_hours_per_day: float) -> float:
    """Derivation helper of domain.md §1: working days × effective hours per day."""
    return float(working_days) * float(effective_hours_per_day)
