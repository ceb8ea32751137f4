"""BKN SIASN files (formats.md §2): the INFOJAB import template (one workbook per jabatan)
and the UNOR export (the whole pemda's unit tree, one flat sheet)."""

from __future__ import annotations

import re
from pathlib import PurePath

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._grid import Book
from sotk_core.workbook.formats._names import eselon_kind, unit_kind
from sotk_core.workbook.formats._units import WkeNote, norma_unit
from sotk_core.workbook.formats.parts import Check, Part, Position, Task, Unit, Where

INFOJAB = "SIASN INFOJAB"
INFOJAB_EXPECTS = "sheet INFOJAB I (Kode Jabatan) dan INFOJAB II (Uraian Tugas … Waktu Penyelesaian)"
UNOR = "SIASN UNOR"
UNOR_EXPECTS = "satu tabel dengan kolom ID, NAMA UNOR, DIATASAN ID (dan ESELON, JENIS JABATAN)"

_INFOJAB_I = (s.Col("code", (r"^kode jabatan",), label="Kode Jabatan"),
              s.Col("name", (r"^nama jabatan",), required=False, label="Nama Jabatan"),
              s.Col("grade", (r"^kelas jabatan",), required=False, label="Kelas Jabatan"))
_INFOJAB_II = (s.Col("task", (r"^uraian tugas",), label="Uraian Tugas"),
               s.Col("output", (r"satuan hasil",), required=False, label="Satuan Hasil Kerja"),
               s.Col("volume", (r"beban kerja",), label="Beban Kerja 1 Tahun"),
               s.Col("wke", (r"waktu kerja efektif",), required=False,
                     label="Waktu Kerja Efektif 1 Tahun"),
               s.Col("norma", (r"waktu penyelesaian",), label="Waktu Penyelesaian"))
_UNOR = (s.Col("id", (r"^id$",), label="ID"),
         s.Col("name", (r"^nama unor$",), label="NAMA UNOR"),
         s.Col("parent", (r"^diatasan id$|^atasan id$",), label="DIATASAN ID"),
         s.Col("level", (r"^row level$|^level$",), required=False, label="ROW LEVEL"),
         s.Col("head", (r"^nama sub jabatan$|^nama jabatan$",), required=False,
               label="NAMA SUB JABATAN"),
         s.Col("eselon", (r"^eselon",), required=False, label="ESELON"),
         s.Col("kind", (r"^jenis jabatan",), required=False, label="JENIS JABATAN"),
         s.Col("need", (r"^total kebutuhan|^kebutuhan",), required=False, label="TOTAL KEBUTUHAN"))
_REGION_HEAD = re.compile(r"^(?:wakil )?(?:bupati|wali ?kota|walikota|gubernur)\b")


def _sheet(book: Book, name: str) -> str | None:
    return next((n for n in book.sheets if s.key(n).replace(" ", "") == name), None)


def detect_infojab(book: Book) -> bool:
    return _sheet(book, "infojabi") is not None and _sheet(book, "infojabii") is not None


def read_infojab(book: Book, settings: Settings) -> list[Part]:
    part = Part(book.file, INFOJAB)
    first, second = _sheet(book, "infojabi"), _sheet(book, "infojabii")
    assert first and second
    rows1 = book.sheets[first]
    c1 = s.SheetCells(book.file, first, rows1, part.issues)
    h1 = s.find_header(rows1, _INFOJAB_I, 0, 10)
    if h1 is None:
        c1.error(None, None, "Judul kolom 'Kode Jabatan' tidak ditemukan di 10 baris teratas "
                 "sheet INFOJAB I.")
        return [part]
    data = [r for r in range(h1.row + 1, len(rows1))
            if not s.blank(s.cell(rows1, r, h1.columns["code"]))
            and not _hint(s.cell(rows1, r, h1.columns["code"]))]
    if not data:
        c1.error(h1.row, h1.columns["code"], "Kode Jabatan kosong di sheet INFOJAB I; isi kode "
                 "jabatan SIASN di bawah judul kolom (baris 4).")
        return [part]
    r0 = data[0]
    code = c1.text(r0, h1.columns["code"])
    name = c1.text(r0, h1.columns["name"]) if "name" in h1.columns else ""
    if not name:
        name = re.sub(r"^(?:infojab|siasn)\b[\s_-]*", "", PurePath(book.file).stem,
                      flags=re.IGNORECASE).strip() or PurePath(book.file).stem
        part.notes.append(f"INFOJAB tidak memuat nama jabatan; nama '{name}' diambil dari nama "
                          f"file, kode jabatan {code} dipakai untuk mencocokkan.")
    grade = None
    if "grade" in h1.columns:
        g = c1.number(r0, h1.columns["grade"], "Kelas Jabatan", required=False, integer=True)
        if g is not None and g > 17:
            c1.warning(r0, h1.columns["grade"], f"Kelas Jabatan {fmt_num(g)} di luar 1–17; "
                       "tidak dipakai.")
        elif g is not None:
            grade = int(g)
    position = Position(name=name, where=Where(first, r0 + 1), code=code, grade=grade, tasks=[])
    part.positions.append(position)
    rows2 = book.sheets[second]
    c2 = s.SheetCells(book.file, second, rows2, part.issues)
    h2 = s.find_header(rows2, _INFOJAB_II, 0, 10)
    if h2 is None:
        c2.error(None, None, "Judul kolom Uraian Tugas, Beban Kerja 1 Tahun dan Waktu "
                 "Penyelesaian tidak ditemukan di 10 baris teratas sheet INFOJAB II.")
        return [part]
    cols = h2.columns
    wke = WkeNote(settings)
    tasks: list[Task] = []
    for r in range(h2.row + 1, len(rows2)):
        row = rows2[r]
        if all(s.blank(v) or _hint(v) for v in row):
            continue
        task = c2.text(r, cols["task"])
        if not task:
            c2.error(r, cols["task"], "Kolom Uraian Tugas kosong pada baris yang berisi angka.")
            continue
        volume = c2.number(r, cols["volume"], "Beban Kerja 1 Tahun")
        norma = c2.number(r, cols["norma"], "Waktu Penyelesaian", positive=True)
        row_wke = c2.number(r, cols.get("wke"), "Waktu Kerja Efektif 1 Tahun",
                            positive=True) if "wke" in cols else None
        if volume is None or norma is None:
            continue
        t = Task(task, c2.text(r, cols.get("output")) or None, volume, norma, "", second, r + 1)
        tasks.append(t)
        if row_wke is not None:
            unit, how = norma_unit("", [row_wke])
            if unit is None:
                c2.error(r, cols["wke"], f"Waktu Kerja Efektif {fmt_num(row_wke)} bukan 1250 "
                         "(jam) atau 75000 (menit); satuan Waktu Penyelesaian tidak dapat "
                         "ditentukan.")
                tasks.pop()
                continue
            t.time_unit = unit
            wke.saw([row_wke], unit, second)
            if how and how not in " ".join(part.notes):
                part.notes.append(f"Sheet '{second}': {how}")
        else:
            c2.error(r, cols.get("wke", cols["norma"]), "Waktu Kerja Efektif 1 Tahun kosong; "
                     "isi 1250 bila Waktu Penyelesaian dalam jam atau 75000 bila dalam menit.")
            tasks.pop()
    position.tasks = tasks
    wke.report(part)
    return [part]


def _hint(value: object) -> bool:
    """The template's row of hints under the headers: '(text)', '(angka)', '(1250 / 75000)'."""
    return isinstance(value, str) and value.strip().startswith("(") and value.strip().endswith(")")


def detect_unor(book: Book) -> bool:
    return any(s.find_header(rows, _UNOR, 0, 5) is not None for rows in book.sheets.values())


def read_unor(book: Book, settings: Settings) -> list[Part]:
    sheet, rows = next((n, r) for n, r in book.sheets.items()
                       if s.find_header(r, _UNOR, 0, 5) is not None)
    header = s.find_header(rows, _UNOR, 0, 5)
    assert header is not None
    issues_part = Part(book.file, UNOR)  # issues of rows that belong to no OPD
    cells = s.SheetCells(book.file, sheet, rows, issues_part.issues)
    cols = header.columns
    records: dict[str, dict] = {}
    order: list[str] = []
    for r in range(header.row + 1, len(rows)):
        uid = cells.text(r, cols["id"])
        if not uid:
            continue
        raw = cells.text(r, cols["name"])
        dashes = len(raw) - len(raw.lstrip("-"))
        records[uid] = {"row": r, "name": raw.lstrip("- ").strip(), "dashes": dashes,
                        "parent": cells.text(r, cols["parent"]) or None,
                        "head": cells.text(r, cols.get("head")),
                        "eselon": cells.text(r, cols.get("eselon")),
                        "kind": s.key(cells.text(r, cols.get("kind")))}
        order.append(uid)
    depth: dict[str, int] = {}

    def depth_of(uid: str, seen: tuple[str, ...] = ()) -> int:
        if uid in depth:
            return depth[uid]
        parent = records[uid]["parent"]
        if parent is None or parent not in records or parent in seen or parent == uid:
            depth[uid] = 1
        else:
            depth[uid] = depth_of(parent, (*seen, uid)) + 1
        return depth[uid]

    for uid in order:
        depth_of(uid)
    parts: dict[str, Part] = {}
    opd_cells: dict[str, s.SheetCells] = {}
    opd_of: dict[str, str] = {}
    for uid in order:  # the OPD of each row: its ancestor at depth 2
        node = uid
        while depth[node] > 2:
            node = records[node]["parent"]
        if depth[node] == 2 and not _REGION_HEAD.match(s.key(records[node]["name"])):
            opd_of[uid] = node
    for uid in order:
        rec = records[uid]
        opd = opd_of.get(uid)
        if opd is None:
            continue
        part = parts.get(opd)
        if part is None:
            part = parts[opd] = Part(book.file, UNOR, opd=records[opd]["name"], units=[],
                                     unit_tree_only=True)
            opd_cells[opd] = s.SheetCells(book.file, sheet, rows, part.issues)
        where = Where(sheet, rec["row"] + 1)
        head_kind = eselon_kind(rec["eselon"]) if rec["eselon"] else None
        is_position = bool(re.search(r"pelaksana|fungsional", rec["kind"])) and not head_kind
        parent = None if rec["parent"] == opd else rec["parent"]
        if is_position:
            kind = "Fungsional" if "fungsional" in rec["kind"] and "umum" not in rec["kind"] \
                else "Pelaksana"
            part.positions.append(Position(name=rec["name"], where=where, kind=kind,
                                           parent_id=parent))
            unit = records[parent]["name"] if parent in records else part.opd
            _need_check(part, opd_cells[opd], rec, rec["name"], unit, where, cols)
            continue
        if uid != opd:
            kind = unit_kind(rec["name"]) or {"Administrator": "Bidang",
                                              "Pengawas": "Seksi"}.get(head_kind or "")
            part.units.append(Unit(uid, rec["name"], kind, parent, where,
                                   head=rec["head"] or None, head_kind=head_kind))
            if kind and unit_kind(rec["name"]) is None:
                part.notes.append(f"Jenis unit '{rec['name']}' disimpulkan {kind} dari eselonnya.")
        else:
            part.notes.append(f"Susunan unit dari UNOR baris {rec['row'] + 1}.")
        if rec["head"]:
            part.positions.append(Position(name=rec["head"], where=where,
                                           kind=head_kind or "JPT Pratama",
                                           parent_id=None if uid == opd else uid))
            _need_check(part, opd_cells[opd], rec, rec["head"], rec["name"], where, cols)
    out = list(parts.values())
    if issues_part.issues:
        out.append(issues_part)
    if not parts:
        cells.error(None, None, "Tidak ada OPD (baris tingkat 2 di bawah pemda) di file UNOR.")
        out = [issues_part]
    return out


def _need_check(part: Part, cells: s.SheetCells, rec: dict, name: str, unit: str | None,
                where: Where, cols: dict[str, int]) -> None:
    if "need" not in cols:
        return
    need = cells.number(rec["row"], cols["need"], "TOTAL KEBUTUHAN", required=False)
    if need is not None:
        part.checks.append(Check("need", name, None, unit, need, where,
                                 s.where(rec["row"], cols["need"])[1]))
