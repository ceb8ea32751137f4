"""Regional e-ABK style forms (formats.md §4): stacked blocks in one sheet, one per jabatan,
norm in minutes, and the period of each row implied by its WKE (300 → day, 1.500 → week,
6.000 → month, 72.000 → year)."""

from __future__ import annotations

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._grid import Book
from sotk_core.workbook.formats._names import opd_in_title, position_kind, unit_chain
from sotk_core.workbook.formats._units import (
    EABK_PERIODS,
    MINUTES_WKE_MIN,
    WkeNote,
    eabk_period,
    norma_unit,
)
from sotk_core.workbook.formats.parts import Part, Position, Task, Where

LAYOUT = "Form e-ABK"
EXPECTS = ("blok per jabatan (Nama Jabatan, Unit Kerja) dengan tabel URAIAN TUGAS | SATUAN HASIL "
           "| WAKTU PENYELESAIAN (MENIT) | WAKTU KERJA EFEKTIF | BEBAN KERJA")

COLUMNS = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("task", (r"uraian tugas",), label="URAIAN TUGAS"),
    s.Col("output", (r"satuan hasil",), required=False, label="SATUAN HASIL"),
    s.Col("norma", (r"waktu penyelesaian",), label="WAKTU PENYELESAIAN"),
    s.Col("wke", (r"waktu kerja efektif",), label="WAKTU KERJA EFEKTIF"),
    s.Col("need", (r"pegawai yang dibutuhkan|kebutuhan pegawai",), required=False,
          label="PEGAWAI YANG DIBUTUHKAN"),
    s.Col("volume", (r"^beban kerja",), label="BEBAN KERJA"),
)
ANNUAL_WKE_MINUTES = 72_000.0


FIRST_BLOCK_ROWS = 150  # the first block's table starts within this many rows


def _blocks(rows: list[list]) -> list[s.Header]:
    out: list[s.Header] = []
    start = 0
    while (header := s.find_header(rows, COLUMNS, start)) is not None:
        out.append(header)
        start = header.row + 1
    return out


def detect(book: Book) -> bool:
    for rows in book.sheets.values():
        first = s.find_header(rows, COLUMNS, 0, FIRST_BLOCK_ROWS)
        if first is None:
            continue
        title = s.lines(rows, 0, first.first)
        if s.find_line(title, r"nama jabatan") and not s.find_line(title, r"iktisar jabatan"):
            return True
    return False


def read(book: Book, settings: Settings) -> list[Part]:
    part = Part(book.file, LAYOUT)
    wke = WkeNote(settings)
    ratios: dict[str, float] = {}
    for sheet, rows in book.sheets.items():
        blocks = _blocks(rows)
        if not blocks:
            continue
        cells = s.SheetCells(book.file, sheet, rows, part.issues)
        previous_end = 0
        for header in blocks:
            title = s.lines(rows, previous_end, header.first)
            previous_end = header.row + 1
            if part.opd is None:
                opd_line = s.find_line(title, r"perangkat daerah", r"opd", r"skpd", r"instansi",
                                       r"satuan kerja")
                part.opd = s.text(opd_line.value) if opd_line else opd_in_title(rows, header.first)[0]
            _read_block(part, cells, header, title, wke, ratios)
    if not part.positions:
        part.issues.error(book.file, None, None, None, "Tidak ada blok jabatan yang terbaca.")
    if ratios:
        part.notes.append("Volume per periode diubah ke setahun dengan rasio waktu kerja efektif "
                          "form: " + "; ".join(f"{p} × {fmt_num(r, 2 if not r.is_integer() else 0)}"
                                               for p, r in ratios.items()) + ".")
    wke.report(part)
    return [part]


def _read_block(part: Part, cells: s.SheetCells, header: s.Header, title: list[s.Line],
                wke: WkeNote, ratios: dict[str, float]) -> None:
    rows = cells.rows
    name_line = s.find_line(title, r"nama jabatan")
    name = s.text(name_line.value) if name_line else ""
    if not name:
        cells.error(header.first, None, "Blok tugas tanpa Nama Jabatan di atasnya; isi baris "
                    "'Nama Jabatan :'.")
        return
    code_line = s.find_line(title, r"kode jabatan")
    unit_line = s.find_line(title, r"unit kerja")
    chain, inferred = unit_chain(s.text(unit_line.value), part.opd) if unit_line else ((), [])
    kind_line = s.find_line(title, r"jenis jabatan")
    kind = s.text(kind_line.value) if kind_line else ""
    parsed_kind = s.cells.parse_enum(kind, ("JPT Pratama", "Administrator", "Pengawas",
                                            "Pelaksana", "Fungsional"))[0] if kind else None
    if parsed_kind is None:
        parsed_kind = position_kind(name)
        part.notes.append(f"Sheet '{cells.sheet}': jenis jabatan '{name}' disimpulkan "
                          f"{parsed_kind} dari nama.")
    if inferred:
        part.notes.append(f"Sheet '{cells.sheet}': jenis unit {', '.join(inferred)} disimpulkan "
                          "dari urutannya.")
    annual_line = s.find_line(title, r"waktu kerja efektif(?: per tahun| setahun| 1 tahun)?")
    annual = cells.number(annual_line.row, annual_line.col, "Waktu Kerja Efektif", required=False,
                          positive=True) if annual_line and not s.blank(annual_line.value) \
        else None
    cols = header.columns
    norma_header = s.key(rows[header.row][cols["norma"]])
    unit, _ = norma_unit(norma_header, [])
    unit = unit or "Menit"  # e-ABK forms are in minutes; the header says when not
    tasks: list[Task] = []
    form_total = 0.0
    total_row: int | None = None
    for r in range(header.row + 1, len(rows)):
        lead = s.row_text(rows[r])
        if lead.startswith(("jumlah", "total")):
            total_row = r
            break
        if lead.startswith("pembulatan") or s.find_header(rows, COLUMNS, r, r + 1):
            break
        if s.is_number_row(rows[r], cols.values()) or all(s.blank(v) for v in rows[r]):
            continue
        task = cells.text(r, cols["task"])
        if not task:
            if any(isinstance(s.cell(rows, r, c), float) for c in (cols["volume"], cols["norma"])):
                cells.error(r, cols["task"], "Kolom URAIAN TUGAS kosong pada baris yang berisi "
                            "angka.")
                continue
            break  # the next block's label lines
        norma = cells.number(r, cols["norma"], "WAKTU PENYELESAIAN", positive=True)
        row_wke = cells.number(r, cols["wke"], "WAKTU KERJA EFEKTIF", positive=True)
        volume = cells.number(r, cols["volume"], "BEBAN KERJA")
        if norma is None or row_wke is None or volume is None:
            continue
        minutes_wke = row_wke * (60.0 if unit == "Jam" else 1.0)
        year = annual or (ANNUAL_WKE_MINUTES if eabk_period(minutes_wke) else None)
        period = eabk_period(minutes_wke)
        if year is None and minutes_wke >= MINUTES_WKE_MIN:
            year = minutes_wke  # a city's own annual WKE (Surabaya: 103.000)
        if year is None:
            cells.error(r, cols["wke"], f"WAKTU KERJA EFEKTIF {fmt_num(row_wke)} bukan "
                        + ", ".join(fmt_num(v) for v, _ in EABK_PERIODS)
                        + " menit (jam, hari, minggu, bulan, tahun), dan waktu efektif setahun tidak "
                        "tertulis; periode volume tidak dapat ditentukan.")
            continue
        ratio = year / minutes_wke
        label = f"per {period or 'periode ' + fmt_num(row_wke)} ({fmt_num(year)}/{fmt_num(minutes_wke)})"
        ratios.setdefault(label, ratio)
        wke.saw([year], "Menit", cells.sheet)
        tasks.append(Task(task, cells.text(r, cols.get("output")) or None, volume * ratio, norma,
                          unit, cells.sheet, r + 1))
        ours = volume * norma / row_wke
        form_total += ours
        if "need" in cols:
            need = cells.number(r, cols["need"], "PEGAWAI YANG DIBUTUHKAN", required=False)
            if need is not None and s.differs(ours, need):
                cells.warning(r, cols["need"], f"PEGAWAI YANG DIBUTUHKAN di form {fmt_num(need, 4)}"
                              f", hitungan ulang {fmt_num(norma, 2)} × {fmt_num(volume, 2)} / "
                              f"{fmt_num(row_wke)} = {fmt_num(ours, 4)}; selisih lebih dari 1 %.")
    if total_row is not None and "need" in cols:
        value = cells.number(total_row, cols["need"], "JUMLAH", required=False)
        if value is not None and s.differs(form_total, value):
            cells.warning(total_row, cols["need"], f"JUMLAH kebutuhan di form {fmt_num(value, 4)}"
                          f", jumlah per tugas {fmt_num(form_total, 4)}; selisih lebih dari 1 %.")
    code = s.text(code_line.value) if code_line else ""
    part.positions.append(Position(name=name, where=Where(cells.sheet, name_line.row + 1),
                                   code=code or None, units=chain, kind=parsed_kind, tasks=tasks))
