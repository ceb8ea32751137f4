"""The rest of the settings in a scenario workbook's "Pengaturan" sheet, one Indonesian row
each, so a saved scenario gives back exactly the Settings it was saved with (issue 10 item 6).

The first rows of that sheet (name, preset, WKE, rounding, period factors) are written by
workbook_io; these follow them. Reading maps each row label back to its field; a row that
cannot be read is reported and the saved value of the other rows is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sotk_core.base.issues import IssueList
from sotk_core.base.settings import Settings, preset_by_key
from sotk_core.base.tables import (
    KELEMBAGAAN_TABLES,
    KELEMBAGAAN_TABLES_BY_ID,
    MATURITY_EDGES,
    MATURITY_EDGES_BY_ID,
)
from sotk_core.workbook import cells
from sotk_core.workbook.spec import norm

BASE = "Preset dasar"
PJ_TABLE = "Tabel pita PJ"


def _band(grade: str) -> str:
    return f"Pita PJ {grade}: batas bawah EJ"


def _maturity(label: str) -> str:
    return f"Kategori kematangan {label}: batas atas"


_SCALARS: tuple[tuple[str, str, int, str], ...] = (
    # (row label, field, index in a tuple field or -1, explanation)
    ("Rentang EJ seimbang: bawah", "balanced_ej", 0, "Porsi pegawai di luar rentang ini"),
    ("Rentang EJ seimbang: atas", "balanced_ej", 1, ""),
    ("Batas unit mikro (pegawai)", "micro_unit_staff", -1, "Unit dengan pegawai di bawahnya"),
    ("Peringatan jam tertulis menit (× WKE satu orang)", "hours_as_minutes_factor", -1, ""),
    ("Peringatan satuan norma: EJ tertulis di bawah", "unit_check", 0, ""),
    ("Peringatan satuan norma: EJ satuan lain dari", "unit_check", 1, ""),
    ("Peringatan satuan norma: EJ satuan lain sampai", "unit_check", 2, ""),
)
_EDGES = "Batas kategori kematangan"
_ITEMS = "Tabel butir kelembagaan"
_NOTE = "Catatan pengaturan: "


def _names_a_preset(text: object) -> bool:
    """True when the sheet's Preset row names a preset (then it wins over "Preset dasar",
    which only says what a "Kustom ..." setting was based on)."""
    try:
        preset_by_key(str(text or ""))
    except ValueError:
        return False
    return True


def settings_rows(s: Settings) -> list[tuple[str, object, str]]:
    """(label, value, explanation) rows for every setting besides the first rows."""
    rows: list[tuple[str, object, str]] = [
        (BASE, s.base.name, "Faktor periode dan WKE awal berasal dari preset ini"),
        (PJ_TABLE, s.pj_table_name, "Nama tabel; batasnya di baris berikut"),
    ]
    rows += [(_band(g), lo, f"{label}; EJ dibulatkan 2 desimal")
             for g, label, lo in s.ej_bands[:-1]]
    rows += [(_maturity(label), hi, "Total 11–55") for label, hi in s.maturity_bands]
    rows.append((_EDGES, MATURITY_EDGES_BY_ID[s.maturity_edges].name,
                 MATURITY_EDGES_BY_ID[s.maturity_edges].rule))
    rows.append((_ITEMS, KELEMBAGAAN_TABLES_BY_ID[s.kelembagaan_table].name,
                 KELEMBAGAAN_TABLES_BY_ID[s.kelembagaan_table].source))
    for label, name, i, note in _SCALARS:
        value = getattr(s, name)
        rows.append((label, value[i] if i >= 0 else value, note))
    rows += [(_NOTE + k, v, "") for k, v in s.extra]
    return rows


def read_settings_rows(s: Settings, values: dict[str, tuple[object, int]], file: str,
                       sheet: str, issues: IssueList) -> Settings:
    """`s` with the rows of `settings_rows` found in `values` (keyed by row label, with the
    Excel row) applied; a bad row is reported and skipped."""
    by_label = {norm(k): (k, v) for k, v in values.items()}

    def get(label: str) -> tuple[object, int] | None:
        found = by_label.get(norm(label))
        return found[1] if found else None

    def number(label: str, parse: Callable = cells.parse_number) -> float | None:
        found = get(label)
        if found is None:
            return None
        value, problem = parse(found[0])
        if problem or value is None:
            issues.error(file, sheet, found[1], "Nilai", f"Nilai '{label}' "
                         f"{problem or 'kosong'}; nilai bawaan dipakai untuk isian ini.")
            return None
        return value

    def choice(label: str, options: dict[str, str]) -> str | None:
        found = get(label)
        if found is None:
            return None
        key = options.get(norm(found[0]))
        if key is None:
            issues.error(file, sheet, found[1], "Nilai", f"Nilai '{label}' tidak dikenal: "
                         f"{str(found[0])[:60]!r}; pilihan: {', '.join(options.values())}.")
        return key

    ch: dict[str, object] = {}
    base = get(BASE)
    if base is not None and not _names_a_preset(values.get("preset", ("", 0))[0]):
        try:
            p = preset_by_key(str(base[0]))
            if p.id != s.base_preset:
                ch["base_preset"] = p.id
        except ValueError as exc:
            issues.error(file, sheet, base[1], "Nilai", str(exc))
    bands = list(s.ej_bands)
    for i, (g, label, _lo) in enumerate(s.ej_bands[:-1]):
        v = number(_band(g))
        if v is not None:
            bands[i] = (g, label, float(v))
    ch["ej_bands"] = tuple(bands)
    ch["maturity_bands"] = tuple(
        (label, float(v) if (v := number(_maturity(label))) is not None else hi)
        for label, hi in s.maturity_bands)
    edges = choice(_EDGES, {norm(e.name): e.id for e in MATURITY_EDGES}
                   | {norm(e.id): e.id for e in MATURITY_EDGES})
    if edges:
        ch["maturity_edges"] = edges
    items = choice(_ITEMS, {norm(t.name): t.id for t in KELEMBAGAAN_TABLES}
                   | {norm(t.id): t.id for t in KELEMBAGAAN_TABLES})
    if items:
        ch["kelembagaan_table"] = items
    tuples: dict[str, list[float]] = {}
    for label, name, i, _ in _SCALARS:
        v = number(label, cells.parse_int if name == "micro_unit_staff" else cells.parse_number)
        if v is None:
            continue
        if i < 0:
            ch[name] = v
        else:
            tuples.setdefault(name, [float(x) for x in getattr(s, name)])[i] = float(v)
    ch.update({k: tuple(v) for k, v in tuples.items()})
    notes = tuple((k[len(_NOTE):], str(v)) for k, (v, _) in values.items()
                  if norm(k).startswith(norm(_NOTE)))
    if notes:
        ch["extra"] = notes
    try:
        return replace(s, **ch)  # type: ignore[arg-type]
    except ValueError as exc:
        issues.error(file, sheet, None, "Nilai", f"Pengaturan tidak sah ({exc}); "
                     "pengaturan lain yang tersimpan tetap dipakai.")
        return s
