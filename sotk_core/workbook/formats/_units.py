"""Units of time as a form means them: the norm's unit from its header or its WKE, the period
an e-ABK WKE implies, and the note when a form's WKE differs from the settings."""

from __future__ import annotations

import re

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats.parts import Part

HOURS_WKE_MAX = 5_000.0  # a year of effective time below this is in hours (1.250, 1.300 …)
MINUTES_WKE_MIN = 20_000.0  # above this in minutes (75.000, 72.000, 103.000 …)


def norma_unit(header: str, wkes: list[float]) -> tuple[str | None, str | None]:
    """(Jam | Menit | None, what was inferred) from the norm column's header key text and the
    WKE values of the rows: '(JAM)' / '(MENIT)' decide; '(jam/menit)' or nothing leaves it to
    the WKE (1.250 → hours, 75.000 → minutes, formats.md)."""
    hours = re.search(r"\bjam\b", header) is not None
    minutes = re.search(r"\bmenit\b", header) is not None
    if hours != minutes:
        return ("Jam" if hours else "Menit"), None
    if not wkes:
        return None, None
    if all(w <= HOURS_WKE_MAX for w in wkes):
        unit = "Jam"
    elif all(w >= MINUTES_WKE_MIN for w in wkes):
        unit = "Menit"
    else:
        return None, None
    shown = ", ".join(sorted({fmt_num(w) for w in wkes}))
    return unit, (f"satuan waktu penyelesaian dibaca {unit.upper()} karena waktu efektif di form "
                  f"{shown} ({'jam' if unit == 'Jam' else 'menit'} per tahun).")


class WkeNote:
    """Collects the WKE a form used and warns once per file when it is not the settings'."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.seen: dict[float, str] = {}  # hours -> first sheet

    def saw(self, wkes: list[float], unit: str, sheet: str) -> None:
        for w in wkes:
            hours = w if unit == "Jam" else w / 60.0
            self.seen.setdefault(round(hours, 3), sheet)

    def report(self, part: Part) -> None:
        own = self.settings.wke_hours
        other = {h: sh for h, sh in self.seen.items() if abs(h - own) > 0.01 * own}
        if not other:
            return
        listed = "; ".join(f"{fmt_num(h, 1 if not h.is_integer() else 0)} jam (sheet '{sh}')"
                           for h, sh in sorted(other.items()))
        part.issues.warning(part.file, None, None, None,
                            f"Form memakai waktu kerja efektif {listed}, sedangkan pengaturan "
                            f"aplikasi {fmt_num(own)} jam per tahun. Beban kerja (jam) sama, "
                            "tetapi kebutuhan pegawai dihitung dengan pengaturan aplikasi sehingga "
                            "berbeda dari kebutuhan yang tertulis di form.")


# e-ABK: the WKE written on a row, in minutes, names the row's period (formats.md §4).
# 60 minutes names a per-hour row ("Per Jam", the period Jam of template v1).
EABK_PERIODS: tuple[tuple[float, str], ...] = ((60.0, "Jam"), (300.0, "Hari"),
                                               (1_500.0, "Minggu"), (6_000.0, "Bulan"),
                                               (72_000.0, "Tahun"))


def eabk_period(wke_minutes: float) -> str | None:
    return next((name for value, name in EABK_PERIODS if abs(wke_minutes - value) < 0.5), None)
