"""Cell value parsing: Indonesian numbers, codes as text, enum choices.

Each parser returns (value, problem); `problem` is an Indonesian phrase or None.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from sotk_core.base.fmt import fmt_num
from sotk_core.workbook.spec import norm

EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!",
                "#CALC!", "#GETTING_DATA", "#BLOCKED!", "#BUSY!", "#CONNECT!", "#EXTERNAL!",
                "#FIELD!", "#PYTHON!", "#TIMEOUT!", "#UNKNOWN!")

# ASCII digits only: float() would read '١٢٣' (Arabic-Indic) or '１２３' (full-width) as 123
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$", re.ASCII)
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}$", re.ASCII)
_PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", re.IGNORECASE | re.ASCII)

# Common ways people write the enumerated values.
ENUM_ALIASES: dict[str, str] = {
    "tahunan": "Tahun", "per tahun": "Tahun", "thn": "Tahun", "th": "Tahun",
    "semesteran": "Semester", "triwulanan": "Triwulan", "tw": "Triwulan", "kuartal": "Triwulan",
    "bulanan": "Bulan", "per bulan": "Bulan", "bln": "Bulan",
    "mingguan": "Minggu", "per minggu": "Minggu", "mgg": "Minggu",
    "harian": "Hari", "per hari": "Hari", "per jam": "Jam", "per jam kerja": "Jam",
    "mnt": "Menit", "menit": "Menit", "min": "Menit", "jam": "Jam", "jm": "Jam",
    "sub bagian": "Subbagian", "subbag": "Subbagian", "sub bidang": "Subbidang",
    "kjf": "Kelompok Jabatan Fungsional", "kelompok jf": "Kelompok Jabatan Fungsional",
    "jpt": "JPT Pratama", "jpt pratama": "JPT Pratama", "eselon ii": "JPT Pratama",
    "administrator": "Administrator", "eselon iii": "Administrator",
    "pengawas": "Pengawas", "eselon iv": "Pengawas",
    "pelaksana": "Pelaksana", "jfu": "Pelaksana", "fungsional umum": "Pelaksana",
    "fungsional": "Fungsional", "jft": "Fungsional", "fungsional tertentu": "Fungsional",
    "satpol pp": "Satuan Polisi Pamong Praja", "setda": "Sekretariat Daerah",
    "setwan": "Sekretariat DPRD", "sekretariat dewan": "Sekretariat DPRD",
}


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "") or (
        isinstance(value, float) and math.isnan(value))


def parse_number(value: object) -> tuple[float | None, str | None]:
    """A real number from a numeric cell or Indonesian/plain text ("1.234,5", "2,5", "1234.5")."""
    if type(value) is float or type(value) is int:
        f = float(value)
        return (f, None) if math.isfinite(f) else (None, "bukan angka yang sah")
    if isinstance(value, bool):
        return None, "berisi nilai benar/salah, bukan angka"
    if isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return None, "berisi tanggal/waktu, bukan angka (ubah format sel menjadi Angka)"
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if text.upper() in EXCEL_ERRORS:
        return None, f"berisi galat rumus {text.upper()}"
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):  # 1.234,5
            text = text.replace(".", "").replace(",", ".")
        else:  # 1,234.5
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", "") if _THOUSANDS_COMMA.match(text) else text.replace(",", ".")
    elif _THOUSANDS_DOT.match(text) and not text.lstrip("+-").startswith("0"):
        text = text.replace(".", "")  # Indonesian thousands: 1.234 = 1234
    if not _PLAIN.match(text):
        if any(ch.isdigit() and not ch.isascii() for ch in text):
            return None, (f"berisi {str(value)[:40]!r} dengan angka selain 0–9 (mis. angka Arab "
                          "atau lebar penuh); ketik ulang dengan angka 0–9")
        return None, f"berisi teks {str(value)[:40]!r}, bukan angka"
    f = float(text)
    return (f, None) if math.isfinite(f) else (None, "bukan angka yang sah")


def parse_int(value: object) -> tuple[int | None, str | None]:
    f, problem = parse_number(value)
    if problem or f is None:
        return None, problem
    if not float(f).is_integer():
        return None, f"berisi {str(value)!r}, seharusnya bilangan bulat"
    return int(f), None


def parse_code(value: object) -> tuple[str | None, str | None]:
    """Codes stay text; a numeric cell 12.0 becomes '12' (leading zeros need a text cell)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None, "bukan kode yang sah"
        return (str(int(value)) if value.is_integer() else repr(value)), None
    if isinstance(value, (dt.date, dt.datetime)):
        return None, "berisi tanggal, bukan kode (format sel sebagai Teks)"
    text = re.sub(r"\s+", " ", str(value)).strip()
    if text.upper() in EXCEL_ERRORS:
        return None, f"berisi galat rumus {text.upper()}"
    return text, None


_NEEDS_COLLAPSE = re.compile(r"\s\s|[\t\n\r\u00a0]")


def parse_text(value: object) -> tuple[str | None, str | None]:
    if type(value) is str:  # fast path: most cells
        text = value.strip()
        if _NEEDS_COLLAPSE.search(text):
            text = re.sub(r"\s+", " ", text)
        if text[:1] == "#" and text.upper() in EXCEL_ERRORS:
            return None, f"berisi galat rumus {text.upper()}"
        return text, None
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else str(value)), None
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat(), None
    text = re.sub(r"\s+", " ", str(value)).strip()
    if text.upper() in EXCEL_ERRORS:
        return None, f"berisi galat rumus {text.upper()}"
    return text, None


def parse_enum(value: object, choices: tuple[str, ...]) -> tuple[str | None, str | None]:
    text, problem = parse_text(value)
    if problem or text is None:
        return None, problem
    key = norm(text)
    for choice in choices:
        if norm(choice) == key:
            return choice, None
    alias = ENUM_ALIASES.get(key)
    if alias in choices:
        return alias, None
    return None, f"berisi {text[:40]!r}; pilihan yang sah: {', '.join(choices)}"


def fmt_cell(value: float) -> str:
    """A number as it appears in a message: Indonesian style, up to 2 decimals (huge values
    such as 1e+28 in 6 significant digits: Decimal formatting cannot hold them)."""

    v = float(value)
    if not math.isfinite(v) or abs(v) >= 1e15:
        return f"{v:.6g}".replace(".", ",")
    return fmt_num(v, 0 if v.is_integer() else 2)
