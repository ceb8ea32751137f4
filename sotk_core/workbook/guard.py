"""Container checks before a workbook is parsed: size, format, encryption, zip bombs, macros,
formula errors, and how much memory each sheet will ask for.

Nothing in an uploaded file is ever executed; macros are only detected to warn the user.

Why the sheet scan: the parser (calamine) allocates a sheet as one dense rectangle spanning
its outermost value cells, so a 5 KB file with values in A1 and XFD1048576 asks for 500 GB
and aborts the whole process (no Python exception). `Container.sheet_extent` measures that
rectangle from the sheet XML first, streaming, so the reader can refuse such a sheet.
"""

from __future__ import annotations

import io
import operator
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from xml.etree import ElementTree

import numpy as np

from sotk_core.base.fmt import fmt_num
from sotk_core.base.issues import IssueList
from sotk_core.workbook.inflate import INFLATE_ERRORS, read_whole

MAX_FILE_BYTES = 50 * 1024 * 1024  # also server.maxUploadSize = 50 (MB) in .streamlit/config.toml
MAX_SESSION_BYTES = 200 * 1024 * 1024  # every workbook one app session holds at once
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200.0
MAX_ZIP_MEMBERS = 10_000
MAX_SHEET_CELLS = 4_000_000  # rows × columns from A1 of one sheet (text in each: ~800 MB)
MAX_SHARED_STRINGS = 2_000_000  # distinct texts of a workbook, declared or present
MAX_TEXT_BYTES = 128 * 1024 * 1024  # text of the parsed sheets' cells, repeats included
MAX_MERGED_RANGES = 50_000  # merged ranges of one sheet
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_MB = 1024 * 1024
_CHUNK = 1 << 20
_PIECE_BYTES = 4 * _MB  # a member scanned in one piece (a list of its matches stays small)
_BROKEN = ("File .xlsx rusak atau terpotong (arsip tidak utuh); simpan ulang dari Excel lalu "
           "unggah lagi.")


Merged = tuple[tuple[int, int], tuple[int, int]]


class UnreadableSheet(ValueError):
    """The sheet XML is malformed in a way the scan cannot measure."""


@dataclass(frozen=True)
class SheetExtent:
    """The rectangle spanned by a sheet's value cells (0-based, inclusive) and their count."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int
    values: int

    @property
    def rows(self) -> int:
        return self.last_row - self.first_row + 1

    @property
    def cols(self) -> int:
        return self.last_col - self.first_col + 1

    @property
    def cells(self) -> int:
        return self.rows * self.cols

    @property
    def padded_cells(self) -> int:
        """Cells from A1 to the farthest value: what the reader holds (it pads every row from
        column A), e.g. 20,000 values only in column XFD are 20,000 × 16,384 cells."""
        return (self.last_row + 1) * (self.last_col + 1)

    @property
    def too_big(self) -> bool:
        return self.padded_cells > MAX_SHEET_CELLS or self.values > MAX_SHEET_CELLS

    def describe(self, sheet: str) -> str:
        """Why the sheet is refused, in Indonesian, naming the farthest column and row."""
        rows, cols = self.last_row + 1, self.last_col + 1
        return (f"Sheet '{sheet}' terbentang sampai kolom {column_letter(self.last_col)} dan baris "
                f"{fmt_num(rows)} ({fmt_num(rows)} baris × {fmt_num(cols)} kolom = "
                f"{fmt_num(self.padded_cells)} sel), melebihi batas {fmt_num(MAX_SHEET_CELLS)} "
                "sel per sheet. Biasanya ada isi tersasar jauh di luar tabel: tekan Ctrl+End di "
                "Excel untuk menemukannya, hapus baris/kolom di luar tabel, lalu simpan ulang.")


@dataclass(frozen=True)
class Container:
    """A workbook that passed the container checks.

    `data` is what the parser should read: the upload itself, or a copy in which formula
    error cells (#DIV/0!, #SPILL!, ...) were rewritten as text cells showing the error, so the
    reader can name them (calamine reads known errors as empty and fails on newer ones).
    `parts` maps sheet names to their XML member ('' when the archive lacks it); `small`
    holds the sheets the quick check already proved to be within MAX_SHEET_CELLS. `merged`
    holds, per checked sheet, its merged ranges ((first row, first col), (last row, last col)),
    0-based, found in the same pass (the grid loader's parser does not report them); a sheet
    is absent when they could not be collected there.
    """

    macro: bool
    data: bytes = b""
    parts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    small: frozenset[str] = frozenset()
    merged: Mapping[str, tuple[Merged, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def sheet_extent(self, sheet: str) -> SheetExtent | None:
        """The exact value-cell rectangle of one sheet; None when empty.
        Raises UnreadableSheet when the sheet is missing or cannot be measured."""
        part = self.parts.get(sheet)
        with zipfile.ZipFile(io.BytesIO(self.data)) as zf:
            if not part or part not in zf.NameToInfo:
                raise UnreadableSheet("bagian sheet tidak ada di arsip")
            return _scan(lambda: _chunks(zf, part))

    def without_upload(self, upload: bytes) -> Container:
        """This container for another process that holds the same upload: picklable (plain
        dicts), and without a copy of the upload (`with_upload` puts it back)."""
        return Container(self.macro, b"" if self.data is upload else self.data, dict(self.parts),
                         self.small, dict(self.merged))

    def with_upload(self, upload: bytes) -> Container:
        return Container(self.macro, self.data or upload, MappingProxyType(dict(self.parts)),
                         self.small, MappingProxyType(dict(self.merged)))

    def oversized(self, sheet: str) -> SheetExtent | None:
        """The sheet's extent when it is past the limits, else None (cheap for most sheets)."""
        if sheet in self.small:
            return None
        extent = self.sheet_extent(sheet)
        return extent if extent is not None and extent.too_big else None


def check_container(data: bytes, file: str, issues: IssueList,
                    sheets: Callable[[str], bool] | None = None) -> Container | None:
    """None (with an error issue) when the bytes cannot be a usable .xlsx workbook.

    `sheets` says which sheets will be parsed (default: all); only those are measured, since
    the parser never touches the others."""
    if len(data) == 0:
        issues.error(file, None, None, None, "File kosong (0 byte); unggah ulang workbook .xlsx.")
        return None
    if len(data) > MAX_FILE_BYTES:
        issues.error(file, None, None, None,
                     f"File berukuran {fmt_num(len(data) / _MB, 1)} MB melebihi batas "
                     f"{fmt_num(MAX_FILE_BYTES / _MB)} MB per workbook; kecilkan file (hapus "
                     "sheet, gambar atau baris yang tidak dipakai) lalu unggah lagi.")
        return None
    if data[:8] == OLE_MAGIC:
        if ENCRYPTED_STREAM in data:
            issues.error(file, None, None, None,
                         "Workbook dilindungi kata sandi sehingga isinya tidak dapat dibaca. Buka "
                         "di Excel, pilih File → Info → Proteksi Buku Kerja → Enkripsi dengan "
                         "Kata Sandi, kosongkan kata sandinya, lalu simpan ulang sebagai .xlsx.")
        else:
            issues.error(file, None, None, None,
                         "Format .xls lama (Excel 97–2003) tidak didukung; buka di Excel lalu "
                         "simpan sebagai Excel Workbook (.xlsx) melalui File → Simpan Sebagai.")
        return None
    if data[:4] != b"PK\x03\x04":
        issues.error(file, None, None, None,
                     "File ini bukan workbook Excel (.xlsx); isinya tidak berformat Excel. "
                     "Gunakan template dari menu Data.")
        return None
    if data.count(b"PK\x01\x02") > MAX_ZIP_MEMBERS:  # central directory entries, before parsing
        issues.error(file, None, None, None,
                     f"Arsip workbook berisi lebih dari {fmt_num(MAX_ZIP_MEMBERS)} bagian; file "
                     "ditolak demi keamanan. Simpan ulang dari Excel sebagai .xlsx.")
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return _check_archive(zf, data, file, issues, sheets or (lambda _: True))
    except (zipfile.BadZipFile, *INFLATE_ERRORS, EOFError, OSError, ValueError, RuntimeError,
            NotImplementedError, ElementTree.ParseError):
        issues.error(file, None, None, None, _BROKEN)
        return None


def _check_archive(zf: zipfile.ZipFile, data: bytes, file: str, issues: IssueList,
                   wanted: Callable[[str], bool]) -> Container | None:
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        # decided on the sizes the archive declares: nothing has been decompressed yet
        issues.error(file, None, None, None,
                     f"Isi workbook terlalu besar setelah diekstrak ({fmt_num(total / _MB)} MB, "
                     f"rasio {fmt_num(total / packed)}×; batas {fmt_num(MAX_UNCOMPRESSED_BYTES / _MB)}"
                     f" MB dan {fmt_num(MAX_COMPRESSION_RATIO)}×); file ditolak demi keamanan.")
        return None
    names = {i.filename for i in infos}
    if len(names) != len(infos):  # two members with one name: which one would be parsed?
        issues.error(file, None, None, None, _BROKEN)
        return None
    if "xl/workbook.bin" in names:
        issues.error(file, None, None, None,
                     "Format Excel Binary (.xlsb) tidak didukung; buka di Excel lalu simpan "
                     "sebagai Excel Workbook (.xlsx).")
        return None
    if "xl/workbook.xml" not in names:
        issues.error(file, None, None, None,
                     "Arsip ini bukan workbook Excel (tidak ada xl/workbook.xml); gunakan template "
                     ".xlsx dari menu Data.")
        return None
    parts = _sheet_parts(zf, names)
    sheet_of = {part: name for name, part in parts.items() if part and wanted(name)}
    every_sheet = {part for part in parts.values() if part}
    shared_member = next((n for n in sorted(names) if _is_shared_strings(n)), None)
    small: set[str] = set()
    merged: dict[str, tuple[Merged, ...]] = {}
    with_errors: list[str] = []
    scans: dict[str, _Quick] = {}
    shared: SharedText | None = None
    for info in infos:  # each member the parser may read, once: sizes and CRCs
        if info.filename in sheet_of:  # must match the directory (BadZipFile otherwise)
            quick = _quick_check(_member(zf, data, info), shared_member is not None)
            scans[info.filename] = quick
            if quick.ranges is not None:
                merged[sheet_of[info.filename]] = quick.ranges
            if quick.fits and _VOUCHED_CELLS <= MAX_SHEET_CELLS and (
                    info.file_size <= _MIN_CELL_BYTES * MAX_SHEET_CELLS):
                small.add(sheet_of[info.filename])
            if quick.errors:
                with_errors.append(info.filename)
        elif info.filename == shared_member:
            shared = _shared_text(_member(zf, data, info))
        elif info.filename not in every_sheet:  # sheets never parsed need no check
            for _ in _member(zf, data, info):
                pass
    refusal = _refusal(zf, data, shared, {sheet_of[p]: (p, q) for p, q in scans.items()})
    if refusal is not None:
        sheet, message = refusal
        issues.error(file, sheet, None, None, message)
        return None
    if with_errors:
        data = _rewrite(zf, infos, {p: _error_cells_as_text(zf.read(p)) for p in with_errors})
    macro = "xl/vbaProject.bin" in names
    if macro:
        issues.warning(file, None, None, None,
                       "Workbook berisi makro (.xlsm); hanya data yang dibaca, makro tidak pernah "
                       "dijalankan.")
    return Container(macro=macro, data=data, parts=MappingProxyType(parts),
                     small=frozenset(small), merged=MappingProxyType(merged))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Sheet name -> archive member, from xl/workbook.xml and its relationships."""
    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name not in names:
        return {}
    targets = {el.get("Id"): el.get("Target") or ""
               for el in ElementTree.fromstring(zf.read(rels_name)).iter()
               if _local(el.tag) == "Relationship"}
    parts: dict[str, str] = {}
    for el in ElementTree.fromstring(zf.read("xl/workbook.xml")).iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        target, name = targets.get(rid), el.get("name")
        if name is None:
            continue
        path = "" if not target else target.lstrip("/") if target.startswith("/") else (
            posixpath.normpath(posixpath.join("xl", target)))
        parts[name] = path if path in names else ""
    return parts


def _chunks(zf: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """A member decompressed in bounded pieces; zipfile stops at the declared size and checks
    the CRC at the end (BadZipFile when the archive lies about its content)."""
    with zf.open(name) as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _member(zf: zipfile.ZipFile, data: bytes, info: zipfile.ZipInfo) -> Iterable[bytes]:
    """A member as pieces that split no tag: the whole content in one piece when it is
    inflated in one call (inflate.py) and at most _PIECE_BYTES, else pieces of about 1 MB
    re-cut at a tag (the splits and match lists of the scans stay that small)."""
    whole = read_whole(zf, data, info)
    if whole is None:
        return _pieces(_chunks(zf, info.filename))
    if len(whole) <= _PIECE_BYTES:
        return (whole,)
    return _pieces(whole[at:at + _CHUNK] for at in range(0, len(whole), _CHUNK))


def _is_shared_strings(member: str) -> bool:
    return posixpath.basename(member).lower() == "sharedstrings.xml"


# --- shared strings, merged ranges: what expanding the sheets would cost --------------------

_SI_END = re.compile(rb"</(?:[\w.\-]+:)?si\s*>|<(?:[\w.\-]+:)?si(?:\s[^>]*)?/>")
_UNIQUE_COUNT = re.compile(rb"<(?:[\w.\-]+:)?sst\s[^>]*?\buniqueCount\s*=\s*[\"']\s*(\d+)")
_SHARED_CELL = re.compile(rb' t="s"[^>]*>\s*<v>(\d{1,10})</v>')  # as Excel writes them
_MERGE_OPEN = re.compile(rb"<(?:[\w.\-]+:)?mergeCell[\s/>]")


@dataclass(frozen=True)
class SharedText:
    """The workbook's shared-strings table as sizes: how many entries it declares
    (`uniqueCount`, the parser reserves that many up front), how many it holds, and an upper
    bound of each entry's text in bytes (its XML)."""

    declared: int
    lengths: np.ndarray

    @property
    def entries(self) -> int:
        return len(self.lengths)

    @property
    def longest(self) -> int:
        return int(self.lengths.max()) if len(self.lengths) else 0


def _shared_refs(piece: bytes) -> int:
    """At least the cells typed as shared strings: every attribute whose value is exactly 's'
    (`t="s"` however it is spaced or quoted), at C speed. Excel writes no single quote, and
    looking for one byte (memchr) is far cheaper than counting three."""
    refs = piece.count(b'"s"')
    return refs + piece.count(b"'s'") if piece.find(b"'") >= 0 else refs


def _shared_text(pieces: Iterable[bytes]) -> SharedText:
    """One pass over the member's pieces; stops counting past MAX_SHARED_STRINGS entries."""
    declared = 0
    sizes: list[np.ndarray] = []
    count = 0
    carry = 0
    first = True
    for piece in pieces:
        if first:
            found = _UNIQUE_COUNT.search(piece, 0, 4096)
            declared = int(found.group(1)[:12]) if found else 0
            first = False
        parts = _SI_END.split(piece)
        if len(parts) > 1:
            lengths = np.fromiter(map(len, parts[:-1]), dtype=np.int64, count=len(parts) - 1)
            lengths[0] += carry
            sizes.append(lengths)
            count += len(lengths)
            carry = len(parts[-1])
        else:
            carry += len(piece)
        if count > MAX_SHARED_STRINGS:
            break
    return SharedText(declared, np.concatenate(sizes) if sizes else np.zeros(0, np.int64))


def _shared_bytes(pieces: Iterable[bytes], shared: SharedText, refs: int) -> int:
    """The text the sheet's shared-string cells expand to; a cell written otherwise than Excel
    does counts as the longest entry."""
    total = found = 0
    top = shared.entries
    for piece in pieces:
        indexes = _SHARED_CELL.findall(piece)
        if not indexes:
            continue
        found += len(indexes)
        idx = np.fromiter(map(int, indexes), dtype=np.int64, count=len(indexes))
        total += int(shared.lengths[idx[idx < top]].sum())
    return total + max(refs - found, 0) * shared.longest


def _refusal(zf: zipfile.ZipFile, data: bytes, shared: SharedText | None,
             sheets: Mapping[str, tuple[str, _Quick]]) -> tuple[str | None, str] | None:
    """(sheet or None, message) when expanding the workbook would cost more than its limits."""
    for sheet, (_, quick) in sheets.items():
        if quick.merges > MAX_MERGED_RANGES:
            return sheet, (f"Sheet '{sheet}' berisi {fmt_num(quick.merges)} sel gabungan (merge), "
                           f"melebihi batas {fmt_num(MAX_MERGED_RANGES)} per sheet; file ditolak "
                           "demi keamanan. Pisahkan sel gabungan yang tidak perlu (Unmerge Cells) "
                           "lalu simpan ulang.")
    if shared is None:
        return None
    if max(shared.declared, shared.entries) > MAX_SHARED_STRINGS:
        return None, (f"Workbook menyatakan berisi {fmt_num(max(shared.declared, shared.entries))}"
                      f" teks berbeda, melebihi batas {fmt_num(MAX_SHARED_STRINGS)} per workbook; "
                      "file ditolak demi keamanan (file rusak atau dibuat untuk membebani "
                      "server). Buka di Excel lalu simpan ulang sebagai .xlsx.")
    if sum(q.shared_refs for _, q in sheets.values()) * shared.longest <= MAX_TEXT_BYTES:
        return None  # even if every cell held the longest text
    total, heaviest, most = 0, None, -1
    for sheet, (part, quick) in sheets.items():
        size = _shared_bytes(_member(zf, data, zf.getinfo(part)), shared, quick.shared_refs)
        total += size
        if size > most:
            heaviest, most = sheet, size
    if total <= MAX_TEXT_BYTES:
        return None
    return heaviest, (f"Sheet '{heaviest}' mengulang teks panjang di banyak sel: bila dibuka, "
                      f"teks workbook menjadi {fmt_num(total / _MB)} MB, melebihi batas "
                      f"{fmt_num(MAX_TEXT_BYTES / _MB)} MB; file ditolak demi keamanan. Hapus "
                      "sel yang berisi teks sangat panjang atau tersalin berulang, lalu simpan "
                      "ulang.")


# --- formula errors -------------------------------------------------------------------------

_ERROR_CELL = re.compile(
    rb"<((?:[\w.\-]+:)?)c(\s[^>]*?)\st\s*=\s*[\"']e[\"']([^>]*?)(?<!/)>(.*?)</\1c\s*>", re.S)
_CELL_VALUE = re.compile(rb"<(?:[\w.\-]+:)?v(?:\s[^>]*)?>([^<]*)</")


def _error_cells_as_text(xml: bytes) -> bytes:
    """`<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>` -> an inline text cell '#DIV/0!'."""
    def swap(m: re.Match[bytes]) -> bytes:
        p, before, after, inner = m.groups()
        value = _CELL_VALUE.search(inner)
        if value is None:
            return b"<%sc%s%s/>" % (p, before, after)
        return (b'<%sc%s%s t="inlineStr"><%sis><%st>%s</%st></%sis></%sc>'
                % (p, before, after, p, p, value.group(1), p, p, p))
    return _ERROR_CELL.sub(swap, xml)


def _rewrite(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], new: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in infos:
            target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            target.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(target, new[info.filename] if info.filename in new
                         else zf.read(info.filename))
    return out.getvalue()


# --- sheet extent ---------------------------------------------------------------------------

_FAST_VALUE_CELL = re.compile(rb'<c r="([^"]*)"[^>]*(?<!/)>(?!</)')
_CELL_OPENINGS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")
_PREFIXED_CELL = (b":c ", b":c>", b":c/", b":c\t", b":c\n", b":c\r")
_TOKEN = re.compile(rb"<(?:[\w.\-]+:)?(row|c)(?=[\s/>])([^>]*?)(/?)>(</(?:[\w.\-]+:)?c\s*>)?")
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([^\"']*)[\"']")
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = b"0123456789"
_strip_letters = operator.methodcaller("lstrip", _LETTERS)
_strip_digits = operator.methodcaller("rstrip", _DIGITS)


def clip_merged(merged: Iterable[Merged], width: int) -> list[Merged]:
    """Merged ranges ((first row, first col), (last row, last col)), 0-based, cut at the
    sheet's used width and without repeats: 2,000 copies of A1:XFD1 over a table of seven
    columns are one range A1:G1, so nothing loops over 16,384 columns per range."""
    out = {(start, (end[0], min(end[1], width - 1))) for start, end in merged
           if start[1] < width}
    return sorted(out)


def _shown(raw: bytes) -> str:
    """A few bytes of the sheet as a person reads them in a message."""
    return raw[:12].decode("utf-8", "replace").replace("\ufffd", "?")


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _column_index(letters: bytes) -> int:
    if not 1 <= len(letters) <= 3 or not letters.isalpha() or not letters.isupper():
        raise UnreadableSheet(f"referensi sel tidak sah '{_shown(letters)}'")
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _ref(ref: bytes) -> tuple[int, int]:
    """b'D12' -> (11, 3), 0-based (row, column)."""
    digits = _strip_letters(ref)
    if not digits.isdigit() or len(digits) > 9 or int(digits) < 1:
        raise UnreadableSheet(f"referensi sel tidak sah '{_shown(ref)}'")
    return int(digits) - 1, _column_index(ref[: len(ref) - len(digits)])


class _Box:
    def __init__(self) -> None:
        self.first_row = self.first_col = 1 << 62
        self.last_row = self.last_col = -1
        self.values = 0

    def add(self, row: int, col: int, count: int = 1) -> None:
        self.first_row, self.last_row = min(self.first_row, row), max(self.last_row, row)
        self.first_col, self.last_col = min(self.first_col, col), max(self.last_col, col)
        self.values += count

    def add_refs(self, refs: list[bytes]) -> None:
        """Many `A1`-style references at once (C-speed checks; no loop per cell)."""
        digits = list(map(_strip_letters, refs))
        if (min(map(len, digits)) < 1 or max(map(len, digits)) > 9
                or not b"".join(digits).isdigit()):
            raise UnreadableSheet("referensi sel tidak sah")
        rows = list(map(int, digits))
        cols = [_column_index(c) for c in set(map(_strip_digits, refs))]
        if min(rows) < 1:
            raise UnreadableSheet("referensi sel tidak sah: baris 0")
        self.first_row = min(self.first_row, min(rows) - 1)
        self.last_row = max(self.last_row, max(rows) - 1)
        self.first_col = min(self.first_col, min(cols))
        self.last_col = max(self.last_col, max(cols))
        self.values += len(refs)

    @property
    def full(self) -> bool:
        return self.values > MAX_SHEET_CELLS

    def extent(self) -> SheetExtent | None:
        if self.values == 0:
            return None
        return SheetExtent(self.first_row, self.first_col, self.last_row, self.last_col,
                           self.values)


# A cell the quick check vouches for: `<c r="` then one column letter and at most 5 digits,
# i.e. inside A1:Z99999, or a style-only `<c .../>` (no value: the parser skips it). So the
# rectangle of a vouched sheet is at most 26 × 99,999 cells.
_UNVOUCHED_CELL = re.compile(rb'<c(?! r="[A-Z][0-9]{1,5}")(?![^>]*/>)')
_VOUCHED_CELLS = 26 * 99_999
_MIN_CELL_BYTES = 20  # len('<c r="A1"><v>1</v></c>') - 2: bounds the count of value cells


@dataclass(frozen=True)
class _Quick:
    fits: bool  # every cell lies in A1:Z99999
    errors: bool  # the sheet has formula-error cells
    shared_refs: int  # cells typed as shared strings (counted only when the workbook has any)
    merges: int  # merged ranges, counted
    ranges: tuple[Merged, ...] | None  # and read (None: not all in the last piece)


def _quick_check(pieces: Iterable[bytes], count_shared: bool = True) -> _Quick:
    """Cheap C-speed passes over the part from <sheetData> to the last `sheetData` of the
    document (cells), and over all of it (merged ranges, counted; read from what follows
    sheetData when they are all in the last piece). `fits` False means 'measure it exactly'.
    (Excel writes attributes with double quotes; a `t='e'` cell is read as empty.)"""
    fits, errors, inside = True, False, False
    shared_refs = merges = 0
    ranges: tuple[Merged, ...] | None = ()
    pieces = iter(pieces)
    piece = next(pieces, None)
    while piece is not None:
        following = next(pieces, None)  # one piece ahead: is this the last one?
        if count_shared:
            shared_refs += _shared_refs(piece)
        merges += len(_MERGE_OPEN.findall(piece)) if b"ergeCell" in piece else 0
        start = 0
        if not inside:
            opening = piece.find(b"sheetData")
            if opening < 0:
                piece = following
                continue
            inside, start = True, opening + 9
        end = piece.rfind(b"sheetData", start) if following is None else -1
        if following is None:
            ranges = _merged_ranges(piece, end) if end >= 0 else None
        end = end if end >= 0 else len(piece)
        if fits and (_UNVOUCHED_CELL.search(piece, start, end) is not None
                     or _colon_c(piece, start, end)):  # prefixed (x:c) cells: measure
            fits = False
        errors = errors or piece.find(b't="e"', start, end) >= 0
        piece = following
    return _Quick(fits, errors, shared_refs, merges, ranges)


def _colon_c(piece: bytes, start: int, end: int) -> bool:
    """Whether b':c' occurs in piece[start:end]. Sheet data rarely holds a colon (a formula
    range does), and finding one byte is a memchr, many times cheaper than the two-byte
    search, which is left for the colons after the first few."""
    at = piece.find(b":", start, end)
    for _ in range(8):
        if at < 0:
            return False
        if at + 1 < end and piece[at + 1] == 0x63:  # b"c"
            return True
        at = piece.find(b":", at + 1, end)
    return at >= 0 and piece.find(b":c", at, end) >= 0


_MERGE_CELL = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"')


def _merged_ranges(piece: bytes, end: int) -> tuple[Merged, ...] | None:
    """The `<mergeCell ref="A1:B2"/>` ranges after the end of sheetData (0-based corners);
    None when one is written in a way this does not read (the exact reader then decides)."""
    tail = piece[end:]
    if b"mergeCell" not in tail:
        return ()
    found = _MERGE_CELL.findall(tail)
    if len(found) != tail.count(b"<mergeCell ") or b":mergeCell" in tail:
        return None
    try:
        return tuple((_ref(a), _ref(b)) for a, b in found)
    except UnreadableSheet:
        return None


def _pieces(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Chunks re-cut after a '>' so no tag is split between two pieces."""
    carry = b""
    for chunk in chunks:
        buf = carry + chunk
        cut = buf.rfind(b">") + 1
        if cut == 0 and len(buf) < 4 * _CHUNK:
            carry = buf
            continue
        cut = cut or len(buf)
        carry = buf[cut:]
        yield buf[:cut]
    if carry:
        yield carry


def _scan(open_chunks: Callable[[], Iterable[bytes]]) -> SheetExtent | None:
    """The fast scan when every cell is written `<c r="A1" ...>` (Excel, LibreOffice,
    xlsxwriter, openpyxl, Google Sheets); otherwise the exact token scan."""
    box = _Box()
    first = True
    for piece in _pieces(open_chunks()):
        if first and piece[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise UnreadableSheet("XML-nya berkode UTF-16, bukan UTF-8")
        first = False
        opened = sum(piece.count(t) for t in _CELL_OPENINGS)
        if opened != piece.count(b'<c r="') or any(t in piece for t in _PREFIXED_CELL):
            return _scan_exact(open_chunks())
        refs = _FAST_VALUE_CELL.findall(piece)
        if refs:
            box.add_refs(refs)
        if box.full:
            break
    return box.extent()


def _scan_exact(chunks: Iterable[bytes]) -> SheetExtent | None:
    """Follows the parser's rules: a cell without `r` sits right of the previous cell, a row
    without `r` below the previous row; style-only cells (`<c s="1"/>`) are not values."""
    box = _Box()
    row = last_cell_row = -1
    col = 0
    for piece in _pieces(chunks):
        for m in _TOKEN.finditer(piece):
            kind, attrs, self_closing, empty = m.groups()
            r = _R_ATTR.search(attrs)
            if kind == b"row":
                if r:
                    digits = r.group(1)
                    if not digits.isdigit() or len(digits) > 9:
                        raise UnreadableSheet(f"nomor baris tidak sah '{_shown(digits)}'")
                    row = int(digits) - 1
                else:
                    row += 1
                col = 0
                continue
            if r:
                cell_row, cell_col = _ref(r.group(1))
                candidates = [(cell_row, cell_col)]
            else:
                cell_col = col
                candidates = [(max(row, 0), col), (max(last_cell_row, 0), col)]
                cell_row = max(row, 0)
            col = cell_col + 1
            last_cell_row = cell_row
            if not self_closing and not empty:
                for i, (rr, cc) in enumerate(candidates):
                    box.add(rr, cc, count=int(i == 0))
            if box.full:
                return box.extent()
    return box.extent()


_MAX_WORKBOOK_XML = 4 * 1024 * 1024  # the sheet list of a real workbook is a few KB


def peek_sheet_names(data: bytes) -> list[str] | None:
    """Sheet names from xl/workbook.xml without parsing any sheet; None when the bytes are not
    a readable .xlsx archive (the template-v1 reader then says why)."""
    if data[:4] != b"PK\x03\x04":
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > _MAX_WORKBOOK_XML:
                return None
            with zf.open(info) as fh:
                xml = fh.read(_MAX_WORKBOOK_XML + 1)
        if len(xml) > _MAX_WORKBOOK_XML:
            return None
        root = ElementTree.fromstring(xml)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, RuntimeError, EOFError,
            NotImplementedError, ElementTree.ParseError):
        return None
    return [el.get("name") or "" for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "sheet"]
