"""Permendagri 12/2008 ABK forms A–E (formats.md §3): Form A tasks per jabatan (norm unit not
printed), Form B staff per golongan, Form C workload hours, Form D need (with the JKE), Form E
per unit. Jabatan names are the only key between the forms."""

from __future__ import annotations

import statistics

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._grid import Book
from sotk_core.workbook.formats._names import (
    opd_in_title,
    position_key,
    position_kind,
    unit_chain,
)
from sotk_core.workbook.formats._units import WkeNote, norma_unit
from sotk_core.workbook.formats.parts import Check, Part, Position, Task, Where

LAYOUT = "Form ABK Permendagri 12/2008"
EXPECTS = ("sheet FORM A dengan tabel RINCIAN TUGAS/KEGIATAN | SATUAN | JUMLAH VOLUME KERJA | "
           "NORMA WAKTU, atau FORM B dengan NAMA JABATAN | GOLONGAN | JUMLAH")

FORM_A = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("task", (r"rincian tugas|uraian tugas|kegiatan",), label="RINCIAN TUGAS/KEGIATAN"),
    s.Col("norma", (r"norma waktu|waktu penyelesaian",), label="NORMA WAKTU"),
    s.Col("volume", (r"volume",), label="JUMLAH VOLUME KERJA"),
    s.Col("output", (r"^satuan",), required=False, label="SATUAN"),
)
FORM_B = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("name", (r"nama jabatan|^jabatan$",), label="NAMA JABATAN"),
    s.Col("golongan", (r"golongan|^gol\b",), label="GOLONGAN"),
    s.Col("count", (r"^jumlah",), label="JUMLAH"),
)
FORM_D = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("name", (r"nama jabatan|^jabatan$",), label="NAMA JABATAN"),
    s.Col("ej", (r"^ej\b|efektivitas",), label="EJ"),
    s.Col("jke", (r"^jke\b|jam kerja efektif",), required=False, label="JKE"),
    s.Col("need", (r"kebutuhan pegawai|^kebutuhan|pegawai yang dibutuhkan",),
          label="KEBUTUHAN PEGAWAI"),
    s.Col("existing", (r"pegawai yang ada|bezetting|jumlah pegawai|^ada$",), required=False,
          label="PEGAWAI YANG ADA"),
    s.Col("hours", (r"beban kerja",), required=False, label="BEBAN KERJA"),
)
FORM_C = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("name", (r"nama jabatan|^jabatan$",), label="NAMA JABATAN"),
    s.Col("hours", (r"beban kerja",), label="BEBAN KERJA (JAM)"),
)
FORM_E = (
    s.Col("unit", (r"unit (?:organisasi|kerja)|^unit$",), label="UNIT ORGANISASI"),
    s.Col("eu", (r"^eu\b|efektivitas",), label="EU"),
)
PLAUSIBLE_NEED = (0.15, 8.0)  # median FTE per jabatan a sane Form A gives (60× apart)


def _form_a(rows: list[list]) -> s.Header | None:
    header = s.find_header(rows, FORM_A, 0, 40)
    if header is None:
        return None
    title = s.lines(rows, 0, header.first)
    if s.find_line(title, r"iktisar jabatan") is not None:
        return None  # an anjab sheet
    return header if s.find_line(title, r"nama jabatan") is not None else None


def _kind(rows: list[list]) -> tuple[str, s.Header] | None:
    header = _form_a(rows)
    if header is not None:
        return "A", header
    for form, cols in (("B", FORM_B), ("D", FORM_D), ("E", FORM_E), ("C", FORM_C)):
        header = s.find_header(rows, cols, 0, 30)
        if header is not None:
            return form, header
    return None


def detect(book: Book) -> bool:
    kinds = [k[0] for rows in book.sheets.values() if (k := _kind(rows)) is not None]
    return "A" in kinds or "B" in kinds


def read(book: Book, settings: Settings) -> list[Part]:
    part = Part(book.file, LAYOUT)
    form_a: list[tuple[Position, str]] = []
    hours: dict[str, float] = {}
    jke: float | None = None
    for sheet, rows in book.sheets.items():
        found = _kind(rows)
        if found is None:
            continue
        form, header = found
        cells = s.SheetCells(book.file, sheet, rows, part.issues)
        if part.opd is None:
            opd, _ = opd_in_title(rows, header.first)
            part.opd = opd
        if form == "A":
            position, norma_header = _read_a(part, cells, header)
            if position is not None:
                form_a.append((position, norma_header))
        elif form == "B":
            _read_b(part, cells, header)
        elif form in ("C", "D"):
            sheet_jke = _read_cd(part, cells, header, form, hours)
            jke = jke or sheet_jke
    if not form_a and not part.staffing:
        part.issues.error(book.file, None, None, None,
                          "Tidak ada FORM A (rincian tugas) atau FORM B (pegawai) yang terbaca.")
    _decide_unit(part, form_a, hours, jke or settings.wke_hours)
    if jke:
        wke = WkeNote(settings)
        wke.saw([jke], "Jam", "FORM D")
        wke.report(part)
    return [part]


def _read_a(part: Part, cells: s.SheetCells, header: s.Header) -> tuple[Position | None, str]:
    rows = cells.rows
    title = s.lines(rows, 0, header.first)
    name_line = s.find_line(title, r"nama jabatan")
    name = s.text(name_line.value) if name_line else ""
    if not name:
        cells.error(name_line.row if name_line else None, name_line.col if name_line else None,
                    "NAMA JABATAN kosong pada FORM A; isi nama jabatannya.")
        return None, ""
    opd_line = s.find_line(title, r"satuan kerja", r"perangkat daerah", r"skpd", r"opd")
    if opd_line is not None and s.text(opd_line.value):
        part.opd = part.opd or s.text(opd_line.value)
    unit_line = s.find_line(title, r"unit organisasi", r"unit kerja")
    chain, inferred = unit_chain(s.text(unit_line.value), part.opd) if unit_line else ((), [])
    kind = position_kind(name)
    part.notes.append(f"Sheet '{cells.sheet}': jenis jabatan '{kind}' disimpulkan dari nama "
                      "(FORM A tidak memuatnya).")
    if inferred:
        part.notes.append(f"Sheet '{cells.sheet}': jenis unit {', '.join(inferred)} disimpulkan "
                          "dari urutannya.")
    cols = header.columns
    tasks: list[Task] = []
    for r in s.data_rows(rows, header, [cols.get("no", cols["task"])]):
        task = cells.text(r, cols["task"])
        if not task:
            cells.error(r, cols["task"], "Kolom RINCIAN TUGAS/KEGIATAN kosong pada baris yang "
                        "berisi angka.")
            continue
        volume = cells.number(r, cols["volume"], "JUMLAH VOLUME KERJA")
        norma = cells.number(r, cols["norma"], "NORMA WAKTU", positive=True)
        if volume is not None and norma is not None:
            tasks.append(Task(task, cells.text(r, cols.get("output")) or None, volume, norma,
                              "", cells.sheet, r + 1))
    position = Position(name=name, where=Where(cells.sheet, name_line.row + 1), units=chain,
                        kind=kind, tasks=tasks)
    part.positions.append(position)
    return position, s.key(rows[header.row][cols["norma"]])


def _read_b(part: Part, cells: s.SheetCells, header: s.Header) -> None:
    """One row per jabatan per golongan, NO and NAMA JABATAN merged down: a blank name
    continues the jabatan above; bezetting = Σ JUMLAH."""
    rows = cells.rows
    cols = header.columns
    unit_line = s.find_line(s.lines(rows, 0, header.first), r"unit organisasi", r"unit kerja")
    unit = s.text(unit_line.value) if unit_line else None
    current: Position | None = None
    for r in s.data_rows(rows, header, [cols.get("no", cols["name"])]):
        name = cells.text(r, cols["name"])
        count = cells.number(r, cols["count"], "JUMLAH", required=False, integer=True)
        if name:
            current = Position(name=name, where=Where(cells.sheet, r + 1), unit_hint=unit,
                               existing=None)
            part.staffing.append(current)
        elif current is None:
            cells.error(r, cols["name"], "Baris golongan tanpa NAMA JABATAN di atasnya.")
            continue
        if count is not None:
            current.existing = (current.existing or 0.0) + count
        elif not name and not s.blank(s.cell(rows, r, cols["golongan"])):
            cells.error(r, cols["count"], "Kolom JUMLAH kosong pada baris golongan.")


def _read_cd(part: Part, cells: s.SheetCells, header: s.Header, form: str,
             hours: dict[str, float]) -> float | None:
    rows = cells.rows
    cols = header.columns
    jke_line = s.find_line(s.lines(rows, 0, header.first), r"jam kerja efektif", r"jke",
                           r"waktu kerja efektif")
    jke = cells.number(jke_line.row, jke_line.col, "JAM KERJA EFEKTIF", required=False,
                       positive=True) if jke_line and not s.blank(jke_line.value) else None
    for r in s.data_rows(rows, header, [cols.get("no", cols["name"])]):
        name = cells.text(r, cols["name"])
        if not name:
            continue
        where = Where(cells.sheet, r + 1)
        if "hours" in cols:
            h = cells.number(r, cols["hours"], "BEBAN KERJA", required=False)
            if h is not None:
                hours.setdefault(position_key(name), h)
                part.checks.append(Check("hours", name, None, None, h, where,
                                         s.where(r, cols["hours"])[1]))
        if form == "D":
            row_jke = cells.number(r, cols.get("jke"), "JKE", required=False,
                                   positive=True) if "jke" in cols else None
            need = cells.number(r, cols["need"], "KEBUTUHAN PEGAWAI", required=False)
            if need is not None:
                part.checks.append(Check("need", name, None, None, need, where,
                                         s.where(r, cols["need"])[1], row_jke or jke))
            if "existing" in cols:
                existing = cells.number(r, cols["existing"], "PEGAWAI YANG ADA", required=False,
                                        integer=True)
                if existing is not None:
                    part.staffing.append(Position(name=name, where=where, existing=existing))
    return jke


def _decide_unit(part: Part, form_a: list[tuple[Position, str]],
                 hours: dict[str, float], wke_hours: float) -> None:
    """Form A's norm unit: its header when it says; else Form C/D's hours (Σ volume × norm
    equal to the hours → jam, equal to 60 × the hours → menit); else the only unit giving a
    plausible need per jabatan; else the user is asked."""
    undecided: list[tuple[Position, str]] = []
    for position, norma_header in form_a:
        unit, _ = norma_unit(norma_header, [])
        if unit:
            _set(position, unit)
        else:
            undecided.append((position, norma_header))
    if not undecided:
        return
    votes: dict[str, int] = {}
    for position, _ in undecided:
        raw = sum(t.volume * t.norma for t in position.tasks or [])
        form_hours = hours.get(position_key(position.name))
        if form_hours is None or raw == 0:
            continue
        if not s.differs(raw, form_hours):
            votes["Jam"] = votes.get("Jam", 0) + 1
        elif not s.differs(raw / 60.0, form_hours):
            votes["Menit"] = votes.get("Menit", 0) + 1
    if len(votes) == 1:
        unit = next(iter(votes))
        part.notes.append(f"Satuan NORMA WAKTU FORM A dibaca {unit.upper()}: Σ volume × norma "
                          f"{'sama dengan' if unit == 'Jam' else '÷ 60 sama dengan'} beban kerja "
                          f"(jam) di FORM C/D untuk {votes[unit]} jabatan.")
        for position, _ in undecided:
            _set(position, unit)
        return
    needs = [sum(t.volume * t.norma for t in p.tasks or []) / wke_hours for p, _ in undecided
             if p.tasks]
    median = statistics.median(needs) if needs else 0.0
    unit = plausible_unit(median) if not votes else None
    if unit is not None:
        factor = 1.0 if unit == "Jam" else 60.0
        part.notes.append(
            f"Satuan NORMA WAKTU FORM A tidak tertulis; dibaca {unit.upper()} karena hanya itu "
            f"yang memberi kebutuhan wajar (median {fmt_num(median / factor, 2)} orang per "
            f"jabatan; bila {'menit' if unit == 'Jam' else 'jam'}: "
            f"{fmt_num(median / (60.0 if unit == 'Jam' else 1.0), 2)} orang). Periksa dan tulis "
            "(JAM) atau (MENIT) pada judul kolom bila keliru.")
        for position, _ in undecided:
            _set(position, unit)
        return
    first = undecided[0][0]
    part.issues.error(part.file, first.where.sheet, None, "NORMA WAKTU",
                      "Satuan NORMA WAKTU pada FORM A tidak tertulis dan tidak dapat dipastikan "
                      "(tidak ada FORM C/D yang cocok, dan jam maupun menit sama-sama mungkin). "
                      "Tulis (JAM) atau (MENIT) pada judul kolom NORMA WAKTU di setiap FORM A lalu "
                      "unggah lagi.")
    for position, _ in undecided:
        position.tasks = []


def plausible_unit(median_need: float) -> str | None:
    """Jam when the median need per jabatan, reading the norms as hours, lies within
    PLAUSIBLE_NEED (0,15–8 orang); Menit when it does reading them as minutes (÷ 60); the
    band is narrower than 60× so at most one fits; None when neither does."""
    lo, hi = PLAUSIBLE_NEED
    if lo <= median_need <= hi:
        return "Jam"
    if lo <= median_need / 60.0 <= hi:
        return "Menit"
    return None


def _set(position: Position, unit: str) -> None:
    for t in position.tasks or []:
        t.time_unit = unit
