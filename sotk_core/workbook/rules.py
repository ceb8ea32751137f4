"""Rules on what a read workbook may hold beyond each column's own type: values the engine
can carry, text that means what it shows, one sheet and one profile row per thing.

Called by the reader between reading the sheets and cross-checking them:

- `duplicate_sheets`: two sheets that both answer to 'Unit' (say 'Unit' and 'Unit ') would be
  resolved silently by picking one; that is an error naming both.
- `normalise_text`: invisible characters (zero-width space, soft hyphen, direction marks, ...)
  are removed from text and code cells, and codes written with full-width or non-Latin digits
  are read in ASCII ('Ｊ０１', 'J٠١' -> 'J01'), each with a warning naming the column and the
  first row; numbers written with such digits are refused by `cells.parse_number`.
- `duplicate_profile_rows`: an isian (e.g. Nama OPD) given twice is an error.
- `check_positions` / `check_tasks`: Pegawai at most MAX_STAFF per position; Norma Waktu at
  least MIN_NORMA; one task at most MAX_TASK_WKE × the effective working hours of one person
  (so 1e26 or 1e308 never reaches the figures); each with the Excel row and column.
- `check_depth`: a unit hierarchy deeper than MAX_UNIT_DEPTH levels is an error (it is never
  cut silently).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pa_compute

from sotk_core.base.arrow_text import arrow_text
from sotk_core.base.fmt import fmt_num
from sotk_core.base.issues import IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook import cells
from sotk_core.workbook.spec import BEBAN_KERJA, JABATAN, PROFIL, UNIT, Sheet, norm

MAX_STAFF = 10_000  # Pegawai of one position
MIN_NORMA = 0.01  # Norma Waktu, in its own unit (menit or jam)
MAX_TASK_WKE = 100  # one task's hours per year, in multiples of one person's WKE
MAX_UNIT_DEPTH = 20  # levels from the OPD (level 1) down

# Format and filler characters that show nothing (Unicode Cf, Hangul fillers, C1 controls).
INVISIBLE = ("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
             "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0e\ufeff\uffa0\ufff9-\ufffb"
             "\u0080-\u009f\U000e0000-\U000e007f]")
_INVISIBLE = re.compile(INVISIBLE)
_WIDE_OR_FOREIGN = r"[^\x00-\x7f]"  # in a code: anything but ASCII is looked at


# --- sheets and profile rows ----------------------------------------------------------------

def duplicate_sheets(sheet_names: Sequence[str], specs: Iterable[Sheet], issues: IssueList,
                     file: str) -> None:
    """An error for each declared sheet that more than one workbook sheet answers to."""
    for spec in specs:
        keys = {norm(n) for n in spec.names}
        found = [n for n in sheet_names if norm(n) in keys]
        if len(found) > 1:
            names = ", ".join(f"'{n}'" for n in found)
            issues.error(file, spec.name, None, None,
                         f"Workbook berisi {len(found)} sheet untuk {spec.name}: {names}. Hanya "
                         "satu yang boleh ada; hapus atau ganti nama sheet yang tidak dipakai, "
                         "lalu simpan ulang.")


def duplicate_profile_rows(table: pd.DataFrame, labels: Iterable[str], issues: IssueList,
                           file: str) -> None:
    """An isian that is filled in on more than one Profil row."""
    wanted = {norm(label): label for label in labels}
    first: dict[str, int] = {}
    for label, value, row in zip(py_values(table["isian"]), py_values(table["nilai"]),
                                 table["row"].tolist(), strict=True):
        key = norm(label)
        if key not in wanted or value is None or cells.is_blank(value):
            continue
        if key in first:
            issues.error(file, PROFIL.name, int(row), "Isian",
                         f"Isian '{wanted[key]}' diisi lebih dari sekali (baris {first[key]} dan "
                         f"baris {int(row)}); hapus salah satu baris.")
        else:
            first[key] = int(row)


def py_values(column: pd.Series) -> list:
    """The column's values as Python objects, None for a blank text cell (pandas' own
    tolist() of a text column with blanks is several times slower)."""
    text = arrow_text(column)
    return text.to_pylist() if text is not None else column.tolist()


# --- text that means what it shows ------------------------------------------------------------

def clean_text(text: str) -> str:
    """Invisible characters removed (the same text a person sees)."""
    return _INVISIBLE.sub("", text)


def clean_code(text: str) -> str:
    """A code as ASCII where it only looks different: invisible characters removed,
    full-width forms folded (NFKC), decimal digits of any script as 0-9."""
    text = unicodedata.normalize("NFKC", clean_text(text))
    return "".join(str(unicodedata.digit(ch)) if ch.isdecimal() and not ch.isascii() else ch
                   for ch in text).strip()


def _needs_cleaning(values: pd.Series, kind: str) -> np.ndarray:
    """Mask of the values holding an invisible character (text) or any non-ASCII character
    (code). Every such character is outside ASCII, so an ASCII test (one Arrow kernel, or the
    flag CPython keeps on each string) leaves almost nothing for the regex."""
    arr = arrow_text(values)
    if arr is not None:
        if all(map(_ascii_bytes, arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr])):
            return np.zeros(len(values), dtype=bool)
        mask = ~pa_compute.string_is_ascii(arr).fill_null(True).to_numpy(zero_copy_only=False)
        texts = values
    else:
        texts = pd.Series([v if v.__class__ is str else None if v is None or v != v  # noqa: PLR0124
                           else str(v) for v in values.tolist()], dtype=object)
        mask = np.fromiter((v is not None and not v.isascii() for v in texts), dtype=bool,
                           count=len(texts))
    if kind == "text" and mask.any():
        for i in np.flatnonzero(mask):
            mask[i] = _INVISIBLE.search(texts.iat[i]) is not None
    return mask


def _ascii_bytes(arr: pa.Array) -> bool:
    """Whether the bytes behind a string array are all ASCII: one reduction over its data
    buffer, no call per value (the buffer may hold more than the array's values: then it
    may say False for an ASCII array, and the exact test runs)."""
    data = arr.buffers()[2]
    return data is None or data.size == 0 or int(np.frombuffer(data, np.uint8).max()) < 0x80


def normalise_text(frame: pd.DataFrame | None, sheet: Sheet, issues: IssueList, file: str
                   ) -> pd.DataFrame | None:
    """The frame with text and code columns cleaned, one warning per column that changed."""
    if frame is None or frame.empty:
        return frame
    changes: dict[str, list] = {}
    for col in sheet.columns:
        if col.kind not in ("text", "code") or col.key not in frame.columns:
            continue
        values = frame[col.key]
        mask = _needs_cleaning(values, col.kind)
        if not mask.any():
            continue
        clean = clean_code if col.kind == "code" else clean_text
        new = [clean(v) if isinstance(v, str) and m else v
               for v, m in zip(values.tolist(), mask, strict=True)]
        changed = [i for i in np.flatnonzero(mask) if new[i] != values.iloc[i]]
        if not changed:
            continue
        new = [v if not (isinstance(v, str) and v == "") else None for v in new]
        changes[col.key] = new
        rows = frame["row"].to_numpy()
        first = int(rows[changed[0]])
        what = ("karakter tak terlihat (mis. spasi lebar-nol)" if col.kind == "text" else
                "karakter tak terlihat atau huruf/angka lebar penuh atau non-Latin")
        example = new[changed[0]] if new[changed[0]] is not None else ""
        issues.warning(file, sheet.name, first, col.header,
                       f"Kolom '{col.header}' berisi {what} di {fmt_num(len(changed))} baris "
                       f"(pertama baris {first}); dibaca sebagai teks biasa, mis. '{example[:60]}'.")
    return frame.assign(**changes) if changes else frame


def normalise_profile_value(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


# --- values the engine can carry ------------------------------------------------------------

def check_positions(positions: pd.DataFrame, issues: IssueList, file: str) -> None:
    header = JABATAN.column("existing").header
    existing = positions["existing"].to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        over = np.flatnonzero(existing > MAX_STAFF)
    for i in over:
        issues.error(file, JABATAN.name, int(positions["row"].iloc[i]), header,
                     f"Kolom '{header}' bernilai {cells.fmt_cell(existing[i])}; satu jabatan "
                     f"paling banyak {fmt_num(MAX_STAFF)} orang.")


def check_tasks(tasks: pd.DataFrame, minutes: np.ndarray, settings: Settings,
                issues: IssueList, file: str) -> np.ndarray:
    """Errors for tasks the engine cannot carry; returns the mask of those rows (the reader's
    'hours typed as minutes' warning is not repeated for them)."""
    norma = tasks["norma"].to_numpy(dtype="float64", na_value=np.nan)
    rows = tasks["row"].to_numpy()
    header = BEBAN_KERJA.column("norma").header
    with np.errstate(invalid="ignore"):
        tiny = (norma > 0) & (norma < MIN_NORMA)
        limit = MAX_TASK_WKE * settings.wke_minutes
        huge = ~tiny & ~(minutes <= limit) & ~np.isnan(minutes)
    for i in np.flatnonzero(tiny):
        shown = f"{norma[i]:.6g}".replace(".", ",")  # 0,001 (two decimals would show 0,00)
        issues.error(file, BEBAN_KERJA.name, int(rows[i]), header,
                     f"Kolom '{header}' bernilai {shown}; norma waktu paling kecil "
                     f"{fmt_num(MIN_NORMA, 2)} (menit atau jam).")
    volume = BEBAN_KERJA.column("volume").header
    for i in np.flatnonzero(huge):
        hours = minutes[i] / 60
        shown = (f"{cells.fmt_cell(hours)} jam/tahun" if np.isfinite(hours)
                 else "waktu tak terhingga (angkanya terlalu besar)")
        issues.error(file, BEBAN_KERJA.name, int(rows[i]), volume,
                     f"Tugas ini butuh {shown}, lebih dari {MAX_TASK_WKE}× jam kerja efektif "
                     f"satu orang ({fmt_num(settings.wke_hours)} jam/tahun); periksa Volume, "
                     "Periode, Norma Waktu dan Satuan Waktu.")
    return tiny | huge


def check_depth(units: pd.DataFrame, issues: IssueList, file: str) -> None:
    """An error when a unit sits more than MAX_UNIT_DEPTH levels deep, the OPD being level 1
    (call it only for a sheet without loops or unknown parents: those are reported first)."""
    codes = py_values(units["code"])
    index = {c: i for i, c in enumerate(codes) if isinstance(c, str)}
    parent = np.array([index.get(p, -1) if isinstance(p, str) else -1
                       for p in py_values(units["parent"])], dtype=np.int64)
    current = np.arange(len(codes), dtype=np.int64)
    for _ in range(MAX_UNIT_DEPTH):  # after k steps, current >= 0: at least k units above
        current = np.where(current >= 0, parent[np.maximum(current, 0)], -1)
        if not (current >= 0).any():
            return
    deep = np.flatnonzero(current >= 0)
    if len(deep) == 0:
        return
    at_limit = deep[parent[current[deep]] < 0]  # exactly one level too deep
    shown = at_limit if len(at_limit) else deep
    i = int(shown[np.argmin(units["row"].to_numpy()[shown])])
    issues.error(file, UNIT.name, int(units["row"].iloc[i]), UNIT.column("parent").header,
                 f"Unit '{codes[i]}' berada di tingkat {MAX_UNIT_DEPTH + 1} susunan unit (OPD "
                 f"tingkat 1), melebihi batas {MAX_UNIT_DEPTH} tingkat; {fmt_num(len(deep))} "
                 "unit berada sedalam itu atau lebih. Periksa Kode Induk: biasanya ada unit "
                 "yang menunjuk ke induk yang salah.")
