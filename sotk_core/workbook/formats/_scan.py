"""Finding labels and tables by their text in sheets whose cell positions vary by region.

Every layout is read tolerantly (formats.md): labels are matched on `key(text)` (case, spaces,
punctuation and the IKTISAR/IKHTISAR spelling ignored), a label's value is the first filled
cell right of its `:` cell, and a table header is the row naming the most expected columns.
Row and column indexes are 0-based here; issues name them as Excel shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sotk_core.workbook import cells
from sotk_core.workbook.guard import column_letter

_NON_WORD = re.compile(r"[^0-9a-z/+%-]+")
_SPELLING = (("ikhtisar", "iktisar"), ("resiko", "risiko"), ("sub bagian", "subbagian"),
             ("sub bidang", "subbidang"), ("sub bag ", "subbagian "))
_NUMBERING = re.compile(r"^(?:\d{1,2}|[a-g])(?:[.)]\s*|\s+)")
_DASHES = frozenset({"-", "–", "—", "--", "..."})


def key(value: object) -> str:
    """Matching key: lower case, punctuation as spaces, spaces collapsed, common spelling
    variants unified ('IKHTISAR JABATAN :' -> 'iktisar jabatan')."""
    text = _NON_WORD.sub(" ", str(value or "").casefold()).strip()
    text = re.sub(r"\s+", " ", text)
    for variant, canonical in _SPELLING:
        text = text.replace(variant, canonical)
    return text


def unnumbered(label: str) -> str:
    """'3 unit kerja' / 'a jpt pratama' -> 'unit kerja' / 'jpt pratama' (key text in)."""
    return _NUMBERING.sub("", label, count=1).strip()


def blank(value: object) -> bool:
    return cells.is_blank(value) or (isinstance(value, str) and value.strip() in _DASHES)


def text(value: object) -> str:
    """A cell as one line of text ('' for blank cells and dashes)."""
    if blank(value):
        return ""
    parsed, _ = cells.parse_text(value)
    return parsed or ""


def where(row: int, col: int | None = None) -> tuple[int, str | None]:
    """(Excel row, column letter) of 0-based indexes."""
    return row + 1, (None if col is None else column_letter(col))


@dataclass(frozen=True)
class Line:
    """One `label : value` line of a title block."""

    row: int
    label: str  # key text, numbering removed
    raw: str  # the label as written
    value: object  # '' when the line has no value
    col: int | None  # column of the value (or of the label when there is none)


def lines(rows: Sequence[list], start: int = 0, stop: int | None = None) -> list[Line]:
    """Every `label : value` line (also 'label: value' in one cell, or a label alone)."""
    out: list[Line] = []
    for r in range(start, min(len(rows), stop if stop is not None else len(rows))):
        filled = [(c, v) for c, v in enumerate(rows[r]) if not cells.is_blank(v)]
        if not filled:
            continue
        colon = next((i for i, (_, v) in enumerate(filled) if isinstance(v, str)
                      and v.strip() == ":"), None)
        if colon is not None:
            label_cells, rest = filled[:colon], filled[colon + 1:]
        else:
            split = next((i for i, (_, v) in enumerate(filled) if isinstance(v, str)
                          and ":" in v), None)
            if split is None:
                label_cells, rest = filled[:1] if _is_label(filled) else [], filled[1:]
                if not label_cells:
                    continue
            else:
                c, v = filled[split]
                head, _, tail = str(v).partition(":")
                label_cells = [*filled[:split], (c, head)]
                rest = ([(c, tail)] if tail.strip() else []) + filled[split + 1:]
        raw = " ".join(text(v) for _, v in label_cells).strip()
        value_cell = next(((c, v) for c, v in rest if not blank(v)), None)
        value = value_cell[1] if value_cell else ""
        col = value_cell[0] if value_cell else (label_cells[-1][0] if label_cells else None)
        if isinstance(value, str):
            value = value.strip()
        out.append(Line(r, unnumbered(key(raw)), raw, value, col))
    return out


def _is_label(filled: list[tuple[int, object]]) -> bool:
    return bool(filled) and isinstance(filled[0][1], str)


def find_line(found: Iterable[Line], *patterns: str) -> Line | None:
    """The first line whose label matches one of the regexes (on key text, whole label)."""
    compiled = [re.compile(p) for p in patterns]
    return next((ln for ln in found if any(p.fullmatch(ln.label) for p in compiled)), None)


@dataclass(frozen=True)
class Col:
    """An expected table column: its key and the regexes its header may match (key text)."""

    key: str
    patterns: tuple[str, ...]
    required: bool = True
    label: str = ""  # as the form prints it, for messages

    def matches(self, header: str) -> bool:
        return any(re.search(p, header) for p in self.patterns)


@dataclass(frozen=True)
class Header:
    row: int  # 0-based index of the (last) header row
    columns: dict[str, int]
    first: int  # first header row (two-row headers)


def find_header(rows: Sequence[list], columns: Sequence[Col], start: int = 0,
                stop: int | None = None) -> Header | None:
    """The row (or pair of rows: group title over sub-headers) in [start, stop) that names
    every required column, choosing the one naming the most columns."""
    best: Header | None = None
    end = min(len(rows), stop if stop is not None else len(rows))
    for r in range(start, end):
        candidates = [(r, [key(v) if isinstance(v, str) else "" for v in rows[r]])]
        if r + 1 < len(rows):
            candidates.append((r + 1, _stacked(rows[r], rows[r + 1])))
        for last, labels in candidates:
            found = _match(labels, columns)
            if all(c.key in found for c in columns if c.required) and (
                    best is None or len(found) > len(best.columns)):
                best = Header(last, found, r)
        if best is not None and best.first == r:
            break  # the first matching header wins over later tables
    return best


def _stacked(upper: list, lower: list) -> list[str]:
    """Two header rows read as one: group title + sub-header text per column (a merged group
    title sits in its first column only, so it is carried right over empty upper cells)."""
    width = max(len(upper), len(lower))
    out: list[str] = []
    carried = ""
    for c in range(width):
        up = upper[c] if c < len(upper) else ""
        lo = lower[c] if c < len(lower) else ""
        if isinstance(up, str) and up.strip():
            carried = key(up)
        elif not (isinstance(lo, str) and lo.strip()):
            carried = ""
        low = key(lo) if isinstance(lo, str) else ""
        out.append(f"{carried} {low}".strip() if low else carried)
    return out


def _match(labels: list[str], columns: Sequence[Col]) -> dict[str, int]:
    found: dict[str, int] = {}
    used: set[int] = set()
    for col in columns:  # in declared order: earlier, more specific columns claim first
        for c, label in enumerate(labels):
            if label and c not in used and col.matches(label):
                found[col.key] = c
                used.add(c)
                break
    return found


def is_number_row(row: list, columns: Iterable[int]) -> bool:
    """The row of column numbers (1, 2, 3 …) printed under many form headers."""
    values = [row[c] for c in sorted(columns) if c < len(row) and not cells.is_blank(row[c])]
    if len(values) < 2:
        return False
    numbers = [cells.parse_number(v)[0] for v in values]
    return all(n is not None and float(n).is_integer() and 0 < n < 40 for n in numbers) and (
        numbers == sorted(numbers))


def cell(rows: Sequence[list], r: int, c: int | None) -> object:
    if c is None or r >= len(rows) or c >= len(rows[r]):
        return ""
    return rows[r][c]


def row_text(row: list) -> str:
    """Key text of a whole row (cells joined), to recognise total rows and section titles."""
    return key(" ".join(str(v) for v in row if isinstance(v, str) and v.strip()))


_STOP = re.compile(r"^(?:jumlah|total|pembulatan|mengetahui|ditetapkan|disahkan|nip\b|catatan\b)")


def data_rows(rows: Sequence[list], header: Header, key_cols: Sequence[int]
              ) -> Iterable[int]:
    """Indexes of a table's data rows: after the header (and its row of column numbers),
    skipping empty rows, up to a total row (JUMLAH, PEMBULATAN, TOTAL) or a signature block."""
    r = header.row + 1
    if r < len(rows) and is_number_row(rows[r], header.columns.values()):
        r += 1
    width = max(header.columns.values()) + 1
    for i in range(r, len(rows)):
        row = rows[i]
        if all(blank(v) for v in row[:width]):
            continue
        lead = row_text(row[:width])
        if _STOP.match(lead) and not any(
                isinstance(cell(rows, i, c), float) for c in key_cols[:1]):
            break
        yield i


@dataclass
class SheetCells:
    """Reads cells of one sheet, reporting bad ones at their Excel row and column."""

    file: str
    sheet: str
    rows: Sequence[list]
    issues: object  # IssueList

    def number(self, r: int, c: int | None, label: str, *, required: bool = True,
               positive: bool = False, integer: bool = False,
               maximum: float | None = None) -> float | None:
        value = cell(self.rows, r, c)
        row, letter = where(r, c)
        if blank(value):
            if required:
                self.issues.error(self.file, self.sheet, row, letter,
                                  f"Kolom {label} kosong; wajib diisi angka.")
            return None
        parsed, problem = cells.parse_number(value)
        if problem is None and parsed is not None:
            if parsed < 0 or (positive and parsed == 0):
                problem = f"bernilai {cells.fmt_cell(parsed)}; harus lebih dari 0" if positive \
                    else f"bernilai {cells.fmt_cell(parsed)}; tidak boleh negatif"
            elif integer and not float(parsed).is_integer():
                problem = f"bernilai {cells.fmt_cell(parsed)}; harus bilangan bulat"
            elif maximum is not None and parsed > maximum:
                problem = f"bernilai {cells.fmt_cell(parsed)}; paling besar {maximum:g}"
        if problem:
            self.issues.error(self.file, self.sheet, row, letter, f"Kolom {label} {problem}.")
            return None
        return parsed

    def text(self, r: int, c: int | None) -> str:
        return text(cell(self.rows, r, c))

    def error(self, r: int | None, c: int | None, message: str) -> None:
        row, letter = (None, None) if r is None else where(r, c)
        self.issues.error(self.file, self.sheet, row, letter, message)

    def warning(self, r: int | None, c: int | None, message: str) -> None:
        row, letter = (None, None) if r is None else where(r, c)
        self.issues.warning(self.file, self.sheet, row, letter, message)


def differs(ours: float, theirs: float, tolerance: float = 0.01) -> bool:
    """More than `tolerance` (1 %) apart, relative to the larger, ignoring display rounding
    below 0,005."""
    big = max(abs(ours), abs(theirs))
    return big > 0 and abs(ours - theirs) > max(tolerance * big, 0.005)
