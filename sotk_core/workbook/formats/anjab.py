"""PermenPANRB 1/2020 informasi jabatan + ABK workbook: one sheet per jabatan (formats.md §1),
with an optional regional REKAP ABK sheet carrying bezetting."""

from __future__ import annotations

import re

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._grid import Book
from sotk_core.workbook.formats._names import opd_key, position_kind, unit_kind
from sotk_core.workbook.formats._units import WkeNote, norma_unit
from sotk_core.workbook.formats.parts import Check, Part, Position, Task, Where

LAYOUT = "Anjab-ABK PermenPANRB 1/2020"
EXPECTS = ("satu sheet per jabatan berisi label NAMA JABATAN dan UNIT KERJA serta tabel tugas "
           "pokok URAIAN TUGAS | HASIL KERJA | JUMLAH HASIL | WAKTU PENYELESAIAN (JAM)")

TASK_COLUMNS = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("task", (r"uraian tugas|rincian tugas",), label="URAIAN TUGAS"),
    s.Col("need", (r"kebutuhan pegawai|pegawai yang dibutuhkan",), required=False,
          label="KEBUTUHAN PEGAWAI"),
    s.Col("wke", (r"waktu (?:kerja )?efektif|jam kerja efektif",), required=False,
          label="WAKTU EFEKTIF"),
    s.Col("norma", (r"waktu penyelesaian|norma waktu",), label="WAKTU PENYELESAIAN"),
    s.Col("volume", (r"jumlah hasil|beban kerja|volume",), label="JUMLAH HASIL"),
    s.Col("output", (r"hasil kerja|satuan hasil",), required=False, label="HASIL KERJA"),
)
REKAP_COLUMNS = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("name", (r"nama jabatan",), label="NAMA JABATAN"),
    s.Col("kind", (r"jenis jabatan",), required=False, label="JENIS JABATAN"),
    s.Col("grade", (r"^kelas",), required=False, label="KELAS"),
    s.Col("unit", (r"unit kerja|unit organisasi",), required=False, label="UNIT KERJA"),
    s.Col("need", (r"kebutuhan|\babk\b",), required=False, label="KEBUTUHAN"),
    s.Col("existing", (r"bezetting|pegawai yang ada|jumlah pegawai|^ada$",), label="BEZETTING"),
)
_LEVELS = (("jpt utama", None), ("jpt madya", None), ("jpt pratama", "JPT Pratama"),
           ("administrator", "Administrator"), ("pengawas", "Pengawas"),
           ("pelaksana", "Pelaksana"), ("jabatan fungsional", "Fungsional"),
           ("fungsional", "Fungsional"))
_COMPANION = re.compile(r"petunjuk|rekap|daftar|template|contoh|cover|sampul|peta jabatan")


TASK_SCAN_ROWS = 150  # the tugas pokok table starts 20–25 rows down; a long title block more


def _task_header(rows: list[list]) -> s.Header | None:
    return s.find_header(rows, TASK_COLUMNS, 0, TASK_SCAN_ROWS)


def detect(book: Book) -> bool:
    return any(_is_jabatan_sheet(rows) for rows in book.sheets.values())


def _is_jabatan_sheet(rows: list[list]) -> bool:
    """NAMA JABATAN and UNIT KERJA lines with the a.–g. jabatan levels or IKTISAR JABATAN
    (what tells this form from Form A and e-ABK), and a tugas pokok table."""
    header = _task_header(rows)
    if header is None:
        return False
    found = s.lines(rows, 0, header.first)
    return (s.find_line(found, r"nama jabatan") is not None
            and s.find_line(found, r"unit kerja") is not None
            and s.find_line(found, r"iktisar jabatan", r"jpt pratama", r"administrator")
            is not None)


def read(book: Book, settings: Settings) -> list[Part]:
    part = Part(book.file, LAYOUT)
    wke = WkeNote(settings)
    for sheet, rows in book.sheets.items():
        if s.key(sheet).startswith("rekap") or (
                s.find_header(rows, REKAP_COLUMNS, 0, 30) is not None
                and _task_header(rows) is None):
            _read_rekap(part, sheet, rows)
            continue
        if _COMPANION.search(s.key(sheet)) or not _is_jabatan_sheet(rows):
            continue
        _read_sheet(part, sheet, rows, wke)
    if not part.positions:
        part.issues.error(book.file, None, None, None,
                          "Tidak ada sheet jabatan yang berisi tabel tugas pokok (URAIAN TUGAS … "
                          "WAKTU PENYELESAIAN) dengan NAMA JABATAN terisi.")
    wke.report(part)
    return [part]


def _read_sheet(part: Part, sheet: str, rows: list[list], wke: WkeNote) -> None:
    cells = s.SheetCells(part.file, sheet, rows, part.issues)
    header = _task_header(rows)
    assert header is not None
    found = s.lines(rows, 0, header.first)
    name_line = s.find_line(found, r"nama jabatan")
    name = s.text(name_line.value) if name_line else ""
    if not name or "petunjuk" in s.key(name):
        return  # the blank template sheet ("lihat petunjuk")
    opd, chain, kind, note = _unit_chain(found, name)
    if opd:
        if part.opd and opd_key(opd) != opd_key(part.opd):
            cells.warning(name_line.row, name_line.col,
                          f"Sheet ini menyebut OPD '{opd}', sheet lain '{part.opd}'; jabatan ini "
                          f"tetap dihitung dalam '{part.opd}'.")
        part.opd = part.opd or opd
    if note:
        part.notes.append(f"Sheet '{sheet}': {note}")
    code_line = s.find_line(found, r"kode jabatan")
    grade_line = s.find_line(s.lines(rows, header.row + 1), r"kelas jabatan")
    grade = None
    if grade_line and not s.blank(grade_line.value):
        g = cells.number(grade_line.row, grade_line.col, "KELAS JABATAN", required=False,
                         integer=True, maximum=17)
        grade = int(g) if g is not None else None
    position = Position(name=name, where=Where(sheet, name_line.row + 1),
                        code=s.text(code_line.value) or None if code_line else None,
                        units=chain, kind=kind, grade=grade, tasks=[])
    position.tasks = _tasks(part, cells, header, wke, position)
    part.positions.append(position)


def _unit_chain(found: list[s.Line], name: str
                ) -> tuple[str | None, tuple[tuple[str, str | None], ...], str, str | None]:
    """(OPD, units below it top down, jenis jabatan, what was inferred) from the UNIT KERJA
    lines a.–g.: the JPT Pratama line names the OPD, Administrator/Pengawas the units below;
    a filled Pelaksana/Fungsional line gives the jenis, otherwise the jabatan heads its
    deepest unit."""
    start = s.find_line(found, r"unit kerja")
    stop = s.find_line(found, r"iktisar jabatan", r"kualifikasi jabatan")
    levels: dict[str, str] = {}
    for line in found:
        if line.row <= (start.row if start else -1) or (stop and line.row >= stop.row):
            continue
        for label, _ in _LEVELS:
            if line.label == label and label not in levels:
                levels[label] = s.text(line.value)
    filled = [(label, kind, levels.get(label, "")) for label, kind in _LEVELS[2:5]]
    named = [(kind, value) for _, kind, value in filled if value]
    if not named:
        return None, (), position_kind(name), (
            "baris UNIT KERJA kosong; jabatan ditempatkan langsung di bawah OPD dan jenisnya "
            "disimpulkan dari nama.")
    opd = named[0][1]
    chain = tuple((value, unit_kind(value) or ("Bidang" if kind == "Administrator" else "Seksi"))
                  for kind, value in named[1:])
    inferred = [value for kind, value in named[1:] if unit_kind(value) is None]
    note = (f"jenis unit {', '.join(inferred)} disimpulkan dari tingkatnya (Administrator → "
            "Bidang, Pengawas → Seksi).") if inferred else None
    if levels.get("pelaksana"):
        return opd, chain, "Pelaksana", note
    if levels.get("jabatan fungsional") or levels.get("fungsional"):
        return opd, chain, "Fungsional", note
    by_name = position_kind(name)
    if by_name in ("Pelaksana", "Fungsional"):
        extra = f"jenis jabatan '{by_name}' disimpulkan dari nama (baris f./g. kosong)."
        return opd, chain, by_name, f"{note} {extra}" if note else extra
    return opd, chain, named[-1][0] or by_name, note


def _tasks(part: Part, cells: s.SheetCells, header: s.Header, wke: WkeNote,
           position: Position) -> list[Task]:
    cols = header.columns
    rows = cells.rows
    header_text = s.key(rows[header.row][cols["norma"]]) if cols["norma"] < len(
        rows[header.row]) else ""
    norma_label = s.text(rows[header.row][cols["norma"]]) or "WAKTU PENYELESAIAN"
    tasks: list[Task] = []
    wkes: list[float] = []
    form_need = 0.0
    total_row: int | None = None
    for r in range(header.row + 1, len(rows)):
        lead = s.row_text(rows[r])
        if lead.startswith(("jumlah pegawai", "jumlah", "total")):
            total_row = r
            break
        if lead.startswith("pembulatan") or re.match(r"^\d+ bahan kerja|^bahan kerja", lead):
            break
        if s.is_number_row(rows[r], cols.values()):
            continue
        task = cells.text(r, cols["task"])
        numbers = [cols[k] for k in ("volume", "norma") if k in cols]
        if not task and all(s.blank(s.cell(rows, r, c)) for c in numbers):
            continue
        if not task:
            cells.error(r, cols["task"], "Kolom URAIAN TUGAS kosong pada baris yang berisi "
                        "angka; isi uraian tugasnya atau hapus barisnya.")
            continue
        no = s.cell(rows, r, cols.get("no"))
        if s.blank(no) and all(s.blank(s.cell(rows, r, c)) for c in numbers):
            continue  # a continuation line (Tahapan: …) of the task above
        volume = cells.number(r, cols["volume"], "JUMLAH HASIL")
        norma = cells.number(r, cols["norma"], norma_label, positive=True)
        row_wke = cells.number(r, cols.get("wke"), "WAKTU EFEKTIF", required=False,
                               positive=True) if "wke" in cols else None
        if row_wke:
            wkes.append(row_wke)
        if volume is None or norma is None:
            continue
        tasks.append(Task(task, cells.text(r, cols.get("output")) or None, volume, norma, "",
                          cells.sheet, r + 1))
        if "need" in cols and row_wke:
            need = cells.number(r, cols["need"], "KEBUTUHAN PEGAWAI", required=False)
            ours = volume * norma / row_wke
            form_need += ours
            if need is not None and s.differs(ours, need):
                cells.warning(r, cols["need"],
                              f"KEBUTUHAN PEGAWAI di form {fmt_num(need, 4)}, hitungan ulang "
                              f"{fmt_num(volume, 2)} × {fmt_num(norma, 2)} / "
                              f"{fmt_num(row_wke)} = {fmt_num(ours, 4)}; selisih lebih dari 1 %.")
    unit, how = norma_unit(header_text, wkes)
    if unit is None:
        cells.error(header.row, cols["norma"],
                    f"Satuan {norma_label} tidak tertulis dan tidak dapat disimpulkan dari WAKTU "
                    "EFEKTIF. Tulis (JAM) atau (MENIT) pada judul kolom itu lalu unggah lagi.")
        return []
    for t in tasks:
        t.time_unit = unit
    if how:
        part.notes.append(f"Sheet '{cells.sheet}': {how}")
    wke.saw(wkes, unit, cells.sheet)
    if total_row is not None and "need" in cols and wkes:
        value = cells.number(total_row, cols["need"], "JUMLAH PEGAWAI YANG DIBUTUHKAN",
                             required=False)
        if value is not None and s.differs(form_need, value):
            cells.warning(total_row, cols["need"],
                          f"JUMLAH PEGAWAI YANG DIBUTUHKAN di form {fmt_num(value, 4)}, jumlah "
                          f"kebutuhan per tugas {fmt_num(form_need, 4)}; selisih lebih dari 1 %.")
    return tasks


def _read_rekap(part: Part, sheet: str, rows: list[list]) -> None:
    header = s.find_header(rows, REKAP_COLUMNS, 0, 30)
    if header is None:
        return
    cells = s.SheetCells(part.file, sheet, rows, part.issues)
    cols = header.columns
    for r in s.data_rows(rows, header, [cols.get("no", cols["name"])]):
        name = cells.text(r, cols["name"])
        if not name:
            continue
        existing = cells.number(r, cols["existing"], "BEZETTING", required=False, integer=True)
        grade = cells.number(r, cols.get("grade"), "KELAS", required=False, integer=True,
                             maximum=17) if "grade" in cols else None
        unit = cells.text(r, cols.get("unit")) or None
        part.staffing.append(Position(name=name, where=Where(sheet, r + 1), unit_hint=unit,
                                      existing=existing, kind=None,
                                      grade=int(grade) if grade is not None else None))
        if "need" in cols:
            need = cells.number(r, cols["need"], "KEBUTUHAN", required=False)
            if need is not None:
                part.checks.append(Check("need", name, None, unit, need, Where(sheet, r + 1),
                                         s.where(r, cols["need"])[1]))
