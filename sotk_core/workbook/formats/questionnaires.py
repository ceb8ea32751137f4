"""Questionnaires (formats.md §5–§6): Permendagri 99/2018 kematangan in its two variants
(instrumen YA/TIDAK, kuesioner pilih tingkat) and the PermenPANRB 20/2018 kelembagaan
questionnaire (answers a–d)."""

from __future__ import annotations

import re

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.base.tables import KELEMBAGAAN_TABLES
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._grid import Book
from sotk_core.workbook.formats._names import opd_in_title
from sotk_core.workbook.formats.parts import Part
from sotk_core.workbook.vocab import (
    MAX_ITEMS,
    ROMAN,
    VARIABLES,
    parse_subdimension,
    parse_variable,
)

YA_TIDAK = "Instrumen kematangan YA/TIDAK"
YA_TIDAK_EXPECTS = "tabel KEMATANGAN | INDIKATOR | JAWABAN YA/TIDAK dengan baris VARIABEL I … XI"
PILIH = "Kuesioner kematangan pilih tingkat"
PILIH_EXPECTS = "tabel NO | VARIABEL DAN INDIKATOR | JAWABAN dengan baris I … XI dan Tingkat 1–5"
KELEMBAGAAN = "Kuesioner evaluasi kelembagaan"
KELEMBAGAAN_EXPECTS = "sheet Kuesioner dengan kolom SUBDIMENSI | PERNYATAAN | JAWABAN (a–d)"

_YA_COLUMNS = (
    s.Col("no", (r"^no\b",), required=False, label="NO."),
    s.Col("level", (r"^kematangan$|^tingkat(?: kematangan)?$",), label="KEMATANGAN"),
    s.Col("indicator", (r"^indikator",), required=False, label="INDIKATOR"),
    s.Col("verified", (r"verifika",), required=False, label="VERIFIKASI"),
    s.Col("answer", (r"jawaban|ya/tidak|^ya tidak",), label="JAWABAN YA/TIDAK"),
    s.Col("evidence", (r"data dukung|bukti",), required=False, label="DATA DUKUNG"),
)
_PILIH_COLUMNS = (
    s.Col("no", (r"^no\b",), label="NO"),
    s.Col("text", (r"variabel dan indikator|^variabel|^indikator",),
          label="VARIABEL DAN INDIKATOR"),
    s.Col("verified", (r"verifika",), required=False, label="TINGKAT VERIFIKASI"),
    s.Col("answer", (r"^jawaban|^pilihan|mandiri",), label="JAWABAN"),
    s.Col("evidence", (r"data dukung|bukti",), required=False, label="DATA DUKUNG"),
)
_KEL_COLUMNS = (
    s.Col("no", (r"^no\b",), required=False, label="NO"),
    s.Col("dimension", (r"^dimensi",), required=False, label="DIMENSI"),
    s.Col("sub", (r"^subdimensi|^sub dimensi",), label="SUBDIMENSI"),
    s.Col("statement", (r"pernyataan|pertanyaan",), required=False, label="PERNYATAAN"),
    s.Col("answer", (r"^jawaban",), label="JAWABAN"),
    s.Col("value", (r"^nilai|^skor",), required=False, label="NILAI"),
)
_LEVEL = re.compile(r"\btingkat\s+(v|iv|i{1,3}|[1-5])\b")
_VARIABLE = re.compile(r"\bvariabel\s+(xi|x|ix|viii|vii|vi|v|iv|i{1,3}|\d{1,2})\b")
_YES = frozenset({"ya", "y", "yes", "1", "v", "√", "✓", "✔", "x"})
_NO = frozenset({"tidak", "t", "tdk", "no", "0", "-"})


def _level(text: str) -> int | None:
    m = _LEVEL.search(text)
    if not m:
        return None
    g = m.group(1)
    return int(g) if g.isdigit() else ROMAN.index(g.upper()) + 1


def _answer(value: object) -> bool | None:
    if isinstance(value, float):
        return None if value not in (0.0, 1.0) else value == 1.0
    k = s.key(value) if isinstance(value, str) else ""
    if not k and isinstance(value, str) and value.strip() in _YES:
        k = value.strip()
    if k in _YES:
        return True
    if k in _NO:
        return False
    return None


def _sheet_with(book: Book, columns: tuple[s.Col, ...]) -> tuple[str, list[list], s.Header] | None:
    for name, rows in book.sheets.items():
        header = s.find_header(rows, columns, 0, 30)
        if header is not None:
            return name, rows, header
    return None


def detect_ya_tidak(book: Book) -> bool:
    return _sheet_with(book, _YA_COLUMNS) is not None


def detect_pilih(book: Book) -> bool:
    found = _sheet_with(book, _PILIH_COLUMNS)
    return found is not None and "variabel" in s.key(s.cell(found[1], found[2].row,
                                                            found[2].columns["text"]))


def read_ya_tidak(book: Book, settings: Settings) -> list[Part]:
    found = _sheet_with(book, _YA_COLUMNS)
    assert found is not None
    sheet, rows, header = found
    part = Part(book.file, YA_TIDAK, opd=opd_in_title(rows, header.first)[0])
    cells = s.SheetCells(book.file, sheet, rows, part.issues)
    cols = header.columns
    answers: dict[int, dict[str, dict[int, list[bool]]]] = {}
    first_row: dict[int, int] = {}
    evidence: dict[int, list[str]] = {}
    variable: int | None = None
    level: int | None = None
    for r in range(header.row + 1, len(rows)):
        text = s.row_text(rows[r])
        if not text:
            continue
        m = _VARIABLE.search(text)
        if m:
            variable = parse_variable(m.group(1))
            level = None
            if variable is not None:
                first_row.setdefault(variable, r + 1)
            continue
        lvl = _level(s.key(s.cell(rows, r, cols["level"]))) or _level(
            s.key(s.cell(rows, r, cols.get("no"))))
        if lvl is not None:
            level = lvl
        if variable is None or level is None:
            continue
        for which in ("answer", "verified"):
            if which not in cols or s.blank(s.cell(rows, r, cols[which])):
                continue
            given = _answer(s.cell(rows, r, cols[which]))
            if given is None:
                cells.error(r, cols[which], f"Jawaban {s.text(s.cell(rows, r, cols[which]))!r} "
                            "tidak dikenal; tulis YA atau TIDAK.")
                continue
            answers.setdefault(variable, {}).setdefault(which, {}).setdefault(level, []).append(
                given)
        if "evidence" in cols and cells.text(r, cols["evidence"]):
            evidence.setdefault(variable, []).append(cells.text(r, cols["evidence"]))
    part.maturity = []
    for v in VARIABLES:
        given = answers.get(v.number, {})
        if "answer" not in given:
            continue
        self_level = _cumulative(given["answer"], v, cells, first_row[v.number], "mandiri")
        verified = _cumulative(given["verified"], v, cells, first_row[v.number], "verifikasi") \
            if "verified" in given else None
        part.maturity.append({"variable": v.number, "self_level": self_level,
                              "verified_level": verified,
                              "evidence": "; ".join(evidence.get(v.number, [])) or None,
                              "row": first_row[v.number]})
    _missing_variables(part, cells)
    return [part]


def _cumulative(levels: dict[int, list[bool]], v: object, cells: s.SheetCells, row: int,
                what: str) -> int:
    """The highest level answered YA whose lower levels are all YA (domain.md §2); a YA
    above a TIDAK is reported, and a variable without any YA is at Tingkat I."""
    met = {lvl: all(ans) for lvl, ans in levels.items()}
    level = 0
    while met.get(level + 1):
        level += 1
    above = [lvl for lvl, ok in met.items() if ok and lvl > level + 1]
    if above:
        cells.warning(row - 1, None, f"Variabel {v.roman} ({v.short}, {what}): Tingkat "
                      f"{ROMAN[max(above) - 1]} dijawab YA tetapi Tingkat {ROMAN[level]} TIDAK; "
                      f"tingkat dihitung kumulatif = {max(level, 1)}.")
    if level == 0:
        cells.warning(row - 1, None, f"Variabel {v.roman} ({v.short}, {what}): tidak ada tingkat "
                      "yang dijawab YA; dicatat Tingkat 1 (tingkat terendah).")
    return max(level, 1)


def _missing_variables(part: Part, cells: s.SheetCells) -> None:
    have = {m["variable"] for m in part.maturity or []}
    missing = [v for v in VARIABLES if v.number not in have]
    if missing:
        cells.error(None, None, "Kuesioner kematangan belum menjawab variabel "
                    + ", ".join(f"{v.roman} ({v.short})" for v in missing)
                    + "; ke-11 variabel harus dijawab.")


def read_pilih(book: Book, settings: Settings) -> list[Part]:
    found = _sheet_with(book, _PILIH_COLUMNS)
    assert found is not None
    sheet, rows, header = found
    part = Part(book.file, PILIH, opd=opd_in_title(rows, header.first)[0])
    cells = s.SheetCells(book.file, sheet, rows, part.issues)
    cols = header.columns
    chosen: dict[int, dict[str, list[int]]] = {}
    first_row: dict[int, int] = {}
    evidence: dict[int, list[str]] = {}
    variable: int | None = None
    for r in s.data_rows(rows, header, [cols["no"]]):
        no = s.key(s.text(s.cell(rows, r, cols["no"])))
        text = s.key(s.cell(rows, r, cols["text"]))
        level = _level(text) or (int(no) if no.isdigit() and 1 <= int(no) <= 5
                                 and variable is not None else None)
        if re.fullmatch(r"xi|x|ix|viii|vii|vi|v|iv|i{1,3}", no) or _VARIABLE.search(text):
            variable = parse_variable(no.upper()) or parse_variable(s.text(s.cell(rows, r,
                                                                           cols["text"])))
            if variable is not None:
                first_row.setdefault(variable, r + 1)
            continue
        if variable is None or level is None:
            continue
        for which in ("answer", "verified"):
            if which not in cols or s.blank(s.cell(rows, r, cols[which])):
                continue
            given = _answer(s.cell(rows, r, cols[which]))
            if given is None:
                cells.error(r, cols[which], f"Jawaban {s.text(s.cell(rows, r, cols[which]))!r} "
                            "tidak dikenal; tandai tingkat yang dipilih dengan 1.")
            elif given:
                chosen.setdefault(variable, {}).setdefault(which, []).append(level)
        if "evidence" in cols and cells.text(r, cols["evidence"]):
            evidence.setdefault(variable, []).append(cells.text(r, cols["evidence"]))
    part.maturity = []
    for v in VARIABLES:
        marks = chosen.get(v.number, {})
        if "answer" not in marks:
            continue
        row = first_row[v.number]
        part.maturity.append({"variable": v.number,
                              "self_level": _picked(marks["answer"], v, cells, row),
                              "verified_level": _picked(marks["verified"], v, cells, row)
                              if "verified" in marks else None,
                              "evidence": "; ".join(evidence.get(v.number, [])) or None,
                              "row": row})
    _missing_variables(part, cells)
    return [part]


def _picked(levels: list[int], v: object, cells: s.SheetCells, row: int) -> int:
    """One marked tingkat is the level; Tingkat 1 up to L all marked (cumulative marking) is
    L; any other set of marks is reported and counted cumulatively."""
    marked = sorted(set(levels))
    if len(marked) == 1:
        return marked[0]
    level = 0
    while level + 1 in marked:
        level += 1
    if level != marked[-1]:
        cells.warning(row - 1, None, f"Variabel {v.roman} ({v.short}): beberapa tingkat ditandai "
                      f"({', '.join(str(m) for m in marked)}); tingkat dihitung kumulatif = "
                      f"{max(level, 1)}.")
    return max(level, 1)


def detect_kelembagaan(book: Book) -> bool:
    return _sheet_with(book, _KEL_COLUMNS) is not None


def read_kelembagaan(book: Book, settings: Settings) -> list[Part]:
    found = _sheet_with(book, _KEL_COLUMNS)
    assert found is not None
    sheet, rows, header = found
    part = Part(book.file, KELEMBAGAAN, opd=opd_in_title(rows, header.first)[0])
    cells = s.SheetCells(book.file, sheet, rows, part.issues)
    cols = header.columns
    current = None
    counts: dict[str, int] = {}
    part.kelembagaan = []
    for r in s.data_rows(rows, header, [cols.get("no", cols["sub"])]):
        raw = cells.text(r, cols["sub"])
        if raw:
            sub = parse_subdimension(re.sub(r"^\s*(?:\d+|[a-h])[.)]\s*", "", raw))
            if sub is None:
                cells.error(r, cols["sub"], f"Subdimensi '{raw}' tidak dikenal (PermenPANRB "
                            "20/2018).")
                current = None
                continue
            current = sub
        answer_cell = s.cell(rows, r, cols["answer"])
        if current is None or s.blank(answer_cell):
            if current is not None and cells.text(r, cols.get("statement")):
                cells.error(r, cols["answer"], "Jawaban kosong; pilih a, b, c atau d.")
            continue
        answer = _abcd(answer_cell)
        if answer is None:
            cells.error(r, cols["answer"], f"Jawaban {s.text(answer_cell)!r} tidak dikenal; "
                        "pilih a, b, c atau d (atau 1–4).")
            continue
        item = counts.get(current.name, 0) + 1
        counts[current.name] = item
        part.kelembagaan.append({"subdimension": current.name, "item": item, "answer": answer,
                                 "row": r + 1})
        if "value" in cols and not s.blank(s.cell(rows, r, cols["value"])):
            value = cells.number(r, cols["value"], "NILAI", required=False)
            expected = 5 - answer if item in current.negative else answer
            if value is not None and value != expected:
                cells.warning(r, cols["value"], f"NILAI di form {fmt_num(value)}, seharusnya "
                              f"{expected} (jawaban {'abcd'[answer - 1]}"
                              f"{', butir negatif dibalik' if item in current.negative else ''}).")
    _item_table(part, cells, counts)
    return [part]


def _abcd(value: object) -> int | None:
    k = s.key(value) if isinstance(value, str) else ""
    if k in ("a", "b", "c", "d"):
        return "abcd".index(k) + 1
    n, _ = s.cells.parse_number(value)
    return int(n) if n is not None and float(n).is_integer() and 1 <= n <= 4 else None


def _item_table(part: Part, cells: s.SheetCells, counts: dict[str, int]) -> None:
    """Say which item table the answers follow (base/tables.py: the 62-item pedoman table or
    the 63-item Lampiran II reading); refuse items past every table's count."""
    tables = {t.name: {sub.name: sub.items for sub in t.subdimensions}
              for t in KELEMBAGAAN_TABLES}
    for name, expected in tables.items():
        if counts == expected:
            part.notes.append(f"Kuesioner kelembagaan: {sum(expected.values())} butir, sesuai "
                              f"{name} (" + ", ".join(f"{k} {v}" for k, v in expected.items())
                              + "). Tabel butir yang dipakai menghitung dipilih di Pengaturan.")
            return
    over = {k: v for k, v in counts.items() if v > MAX_ITEMS[k]}
    if over:
        cells.error(None, None, "Jumlah butir kuesioner melebihi tabel butir mana pun ("
                    + ", ".join(f"{k} paling banyak {MAX_ITEMS[k]}" for k in over)
                    + "): kuesioner berisi " + ", ".join(f"{k} {v}" for k, v in over.items())
                    + " butir. Sesuaikan kuesioner sebelum dinilai.")
        part.kelembagaan = [k for k in part.kelembagaan or []
                            if k["item"] <= MAX_ITEMS[k["subdimension"]]]
    default = tables[KELEMBAGAAN_TABLES[0].name]
    short = {k: default[k] - counts.get(k, 0) for k in default if counts.get(k, 0) < default[k]}
    if short:
        part.notes.append("Kuesioner kelembagaan belum lengkap: "
                          + ", ".join(f"{k} kurang {v} butir" for k, v in short.items())
                          + "; nilai subdimensi dihitung dari butir yang dijawab.")
