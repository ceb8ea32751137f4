"""An OPD as a template-v1 workbook (with the Petunjuk sheet): convert once, correct in Excel.

Everything the files gave is written; what no file gave is left blank (bezetting, kelas), so
reading the workbook back names each cell still to fill. Jabatan known without tasks (from
UNOR or a REKAP list) are written too, for their tasks to be added.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable

import pandas as pd

from sotk_core.workbook.formats.combine import CombinedWorkbook
from sotk_core.workbook.reader import OpdWorkbook
from sotk_core.workbook.vocab import ROMAN
from sotk_core.workbook.writer import workbook_bytes


def _records(frame: pd.DataFrame | None, columns: tuple[str, ...]) -> list[dict[str, object]]:
    if frame is None or frame.empty:
        return []
    out = []
    for row in frame.loc[:, list(columns)].to_dict(orient="records"):
        out.append({k: None if isinstance(v, float) and math.isnan(v) else v
                    for k, v in row.items()})
    return out


def template_bytes(book: OpdWorkbook) -> bytes:
    """The OPD's template-v1 workbook (Profil, Unit, Jabatan, Beban Kerja; Kematangan,
    Kelembagaan and Pensiun when present; Petunjuk)."""
    positions = book.positions
    pending = book.pending if isinstance(book, CombinedWorkbook) else None
    if pending is not None and not pending.empty:
        positions = pd.concat([positions, pending], ignore_index=True)
    jabatan = _records(positions, ("code", "name", "unit", "kind", "grade", "existing",
                                   "retiring"))
    for row in jabatan:
        for k in ("grade", "existing", "retiring"):
            if isinstance(row[k], float) and row[k].is_integer():
                row[k] = int(row[k])
    tasks = _records(book.tasks, ("position", "task", "output", "volume", "period", "norma",
                                  "time_unit"))
    tables: dict[str, list[dict[str, object]]] = {
        "Unit": _records(book.units, ("code", "name", "kind", "parent")),
        "Jabatan": jabatan,
        "Beban Kerja": tasks,
    }
    if book.maturity is not None:
        tables["Kematangan"] = [
            {"variable": ROMAN[int(r["variable"]) - 1], "self_level": _int(r["self_level"]),
             "verified_level": _int(r["verified_level"]), "evidence": r["evidence"]}
            for r in _records(book.maturity, ("variable", "self_level", "verified_level",
                                              "evidence")) if r["variable"] is not None]
    if book.kelembagaan is not None:
        tables["Kelembagaan"] = [
            {"subdimension": r["subdimension"], "item": _int(r["item"]),
             "answer": _int(r["answer"])}
            for r in _records(book.kelembagaan, ("subdimension", "item", "answer"))]
    if book.retirements is not None and not book.retirements.empty:
        tables["Pensiun"] = [{"position": r["position"], "year": _int(r["year"]),
                              "count": _int(r["count"])}
                             for r in _records(book.retirements, ("position", "year", "count"))]
    profile = {k: v for k, v in book.profile.items() if v is not None}
    return workbook_bytes(profile, tables)


def _int(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def template_name(book: OpdWorkbook) -> str:
    """A file name for the OPD's converted workbook: 'Dinas Perpustakaan dan Kearsipan.xlsx'
    without characters file systems refuse."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", book.name).strip().strip(".") or "OPD"
    name = re.sub(r"\s+", " ", name)[:120]
    return f"{name}.xlsx"


def templates_zip(books: Iterable[OpdWorkbook]) -> bytes:
    """Every OPD's template-v1 workbook in one .zip (same bytes for the same OPDs)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        names: set[str] = set()
        for book in books:
            name = template_name(book)
            stem, n = name[:-5], 2
            while name in names:
                name, n = f"{stem} ({n}).xlsx", n + 1
            names.add(name)
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)),
                        template_bytes(book), compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()
