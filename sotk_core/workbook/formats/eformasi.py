"""The e-Formasi bezetting template (formats.md §2, certainty C): bezetting and retirements
per jabatan name, under title rows and a two-row header."""

from __future__ import annotations

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._grid import Book
from sotk_core.workbook.formats._names import opd_in_title
from sotk_core.workbook.formats.parts import Check, Part, Position, Where

LAYOUT = "Template bezetting e-Formasi"
EXPECTS = ("tabel NAMA JABATAN | … | JUMLAH ASN YANG ADA (BEZETTING) | JUMLAH ASN YANG AKAN "
           "PENSIUN")

COLUMNS = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("name", (r"nama jabatan",), label="NAMA JABATAN"),
    s.Col("kind", (r"jenis jabatan",), required=False, label="JENIS JABATAN"),
    s.Col("grade", (r"kelas jabatan|^kelas",), required=False, label="KELAS JABATAN"),
    s.Col("retiring", (r"^jumlah pensiun",), required=False, label="JUMLAH PENSIUN"),
    s.Col("existing", (r"bezetting|asn yang ada|pegawai yang ada",),
          label="JUMLAH ASN YANG ADA (BEZETTING)"),
    s.Col("years", (r"akan pensiun",), required=False, label="JUMLAH ASN YANG AKAN PENSIUN"),
    s.Col("abk", (r"^abk\b|hasil abk",), required=False, label="ABK"),
)


def _header(rows: list[list]) -> s.Header | None:
    header = s.find_header(rows, COLUMNS, 0, 30)
    return header if header is not None and ("years" in header.columns
                                             or "retiring" in header.columns) else None


def detect(book: Book) -> bool:
    return any(_header(rows) is not None for rows in book.sheets.values())


def read(book: Book, settings: Settings) -> list[Part]:
    sheet, rows = next((n, r) for n, r in book.sheets.items() if _header(r) is not None)
    header = _header(rows)
    assert header is not None
    opd, _ = opd_in_title(rows, header.first)
    part = Part(book.file, LAYOUT, opd=opd)
    cells = s.SheetCells(book.file, sheet, rows, part.issues)
    cols = header.columns
    years = _year_columns(rows, header)
    if years:
        part.notes.append("Pensiun 5 tahun = jumlah kolom tahun "
                          + ", ".join(str(y) for y, _ in years[:5]) + ".")
    for r in s.data_rows(rows, header, [cols.get("no", cols["name"])]):
        name = cells.text(r, cols["name"])
        if not name:
            continue
        existing = cells.number(r, cols["existing"], "BEZETTING", required=False, integer=True)
        per_year = [cells.number(r, c, f"PENSIUN {y}", required=False, integer=True)
                    for y, c in years[:5]]
        total = cells.number(r, cols["retiring"], "JUMLAH PENSIUN", required=False,
                             integer=True) if "retiring" in cols else None
        retiring = total
        if years:
            summed = sum(v for v in per_year if v is not None)
            if total is not None and abs(summed - total) > 0.5 and len(years) <= 5:
                cells.warning(r, cols["retiring"], f"JUMLAH PENSIUN {fmt_num(total)} tidak sama "
                              f"dengan jumlah per tahun {fmt_num(summed)}; dipakai jumlah per "
                              "tahun.")
            retiring = float(summed) if any(v is not None for v in per_year) else total
        grade = cells.number(r, cols["grade"], "KELAS JABATAN", required=False, integer=True,
                             maximum=17) if "grade" in cols else None
        by_year = {y: v for (y, _), v in zip(years[:5], per_year, strict=True) if v}
        part.staffing.append(Position(name=name, where=Where(sheet, r + 1), existing=existing,
                                      retiring=retiring, retire_years=by_year or None,
                                      grade=int(grade) if grade is not None else None))
        if "abk" in cols:
            need = cells.number(r, cols["abk"], "ABK", required=False)
            if need is not None:
                part.checks.append(Check("need", name, None, None, need, Where(sheet, r + 1),
                                         s.where(r, cols["abk"])[1]))
    if not part.staffing:
        cells.error(header.row, cols["name"], "Tabel bezetting tidak berisi satu jabatan pun.")
    return [part]


def _year_columns(rows: list[list], header: s.Header) -> list[tuple[int, int]]:
    """(year, column) of the retirement years under the JUMLAH ASN YANG AKAN PENSIUN title."""
    for r in range(header.first, min(header.row + 2, len(rows))):
        out: list[tuple[int, int]] = []
        for c, v in enumerate(rows[r]):
            year, _ = s.cells.parse_number(v) if not s.blank(v) else (None, None)
            if year is not None and float(year).is_integer() and 2000 <= year <= 2100:
                out.append((int(year), c))
        if out:
            return out
    return []
