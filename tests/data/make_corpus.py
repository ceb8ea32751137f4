"""A deterministic corpus of bad OPD workbooks, each with the issues it must produce.

    python tests/data/make_corpus.py [OUT_DIR] [--large]

Writes the small cases (each < 200 KB) into tests/data/corpus/ by default, for people to try
in the app; --large adds the big ones (a real 310 MB zip bomb, 1,000,000 formatted rows).
tests/core/test_bad_inputs.py builds the whole corpus afresh into a temporary directory with
`build_corpus`, so the files and the expectations below can never drift apart.

Every case starts from the hand-built "Dinas Uji" of tests/builders.py (its hand computation
is there) and breaks one thing. Sheets of that workbook, in order: Profil, Unit, Jabatan,
Beban Kerja, Kematangan, Petunjuk; data rows start at Excel row 2, so TASKS[i] is on row i + 2.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import sys
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import xlsxwriter  # noqa: E402

from sotk_core.base.issues import IssueList  # noqa: E402
from sotk_core.workbook.guard import OLE_MAGIC, check_container  # noqa: E402
from sotk_core.workbook.spec import BEBAN_KERJA, JABATAN, PROFIL, PROFILE_FIELDS, UNIT  # noqa: E402
from tests.builders import MATURITY, POSITIONS, PROFILE, TASKS, UNITS, opd_bytes  # noqa: E402

SMALL_LIMIT = 200 * 1024
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Expect:
    """One issue the case must produce: severity, where, and a stable part of the message."""

    severity: str
    fragment: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None


@dataclass(frozen=True)
class Case:
    file: str
    build: Callable[[], bytes]
    expect: tuple[Expect, ...]
    computes: bool = False  # warnings only: the OPD itself is still computed
    large: bool = False  # generated only into a temporary directory by the tests
    what: str = ""


# --- writing helpers ------------------------------------------------------------------------

def rows_of(records: Sequence[dict], columns: Sequence[tuple[str, str]]) -> list[list]:
    """Header + data rows: columns are (key, header)."""
    return [[h for _, h in columns]] + [[r.get(k) for k, _ in columns] for r in records]


def spec_columns(sheet) -> list[tuple[str, str]]:
    return [(c.key, c.header) for c in sheet.columns]


def good_grids() -> dict[str, list[list]]:
    """The Dinas Uji workbook as plain grids (header row first), sheet by sheet."""
    profile = [["Isian", "Nilai"]] + [[f.label, PROFILE.get(f.key)] for f in PROFILE_FIELDS]
    return {
        PROFIL.name: profile,
        UNIT.name: rows_of(UNITS, spec_columns(UNIT)),
        JABATAN.name: rows_of(POSITIONS, spec_columns(JABATAN)),
        BEBAN_KERJA.name: rows_of(TASKS, spec_columns(BEBAN_KERJA)),
        "Kematangan": rows_of(MATURITY, [("variable", "Variabel"), ("self_level", "Tingkat Mandiri"),
                                         ("verified_level", "Tingkat Verifikasi")]),
    }


@dataclass
class Merge:
    sheet: str
    first_row: int  # 0-based, as xlsxwriter counts
    first_col: int
    last_row: int
    last_col: int
    value: str


@dataclass
class GridBook:
    sheets: dict[str, list[list]]
    merges: list[Merge] = field(default_factory=list)

    def bytes(self) -> bytes:
        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False})
        wb.set_properties({"created": dt.datetime(2026, 1, 1)})
        date = wb.add_format({"num_format": "dd/mm/yyyy"})
        head = wb.add_format({"bold": True, "align": "center"})
        for name, rows in self.sheets.items():
            ws = wb.add_worksheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, (dt.date, dt.datetime)):
                        ws.write_datetime(r, c, value, date)
                    elif isinstance(value, bool):
                        ws.write_boolean(r, c, value)
                    elif isinstance(value, (int, float)):
                        ws.write_number(r, c, value)
                    else:
                        ws.write_string(r, c, str(value))
            for m in (m for m in self.merges if m.sheet == name):
                ws.merge_range(m.first_row, m.first_col, m.last_row, m.last_col, m.value, head)
        wb.close()
        return buf.getvalue()


def part_of(data: bytes, sheet: str) -> str:
    """The archive member holding one sheet's XML."""
    container = check_container(data, "x.xlsx", IssueList())
    assert container is not None
    return container.parts[sheet]


def rezip(data: bytes, replace: dict[str, bytes | Callable[[bytes], bytes]] | None = None,
          add: dict[str, bytes] | None = None) -> bytes:
    """A copy of an archive with members replaced or added (fixed timestamps: deterministic)."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            new = replace.get(info.filename)
            if new is not None:
                content = new(content) if callable(new) else new
            dst.writestr(zipfile.ZipInfo(info.filename, _EPOCH), content,
                         compress_type=zipfile.ZIP_DEFLATED)
        for name, content in add.items():
            dst.writestr(zipfile.ZipInfo(name, _EPOCH), content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def patch_sheet(data: bytes, sheet: str, edit: Callable[[str], str]) -> bytes:
    return rezip(data, {part_of(data, sheet): lambda b: edit(b.decode()).encode()})


def set_cell(xml: str, ref: str, cell_xml: str) -> str:
    """Replace the cell `ref` in a sheet XML by `cell_xml`."""
    new, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', cell_xml, xml, count=1)
    assert n == 1, ref
    return new


def append_rows(xml: str, rows_xml: str) -> str:
    end = xml.index("</sheetData>")
    return xml[:end] + rows_xml + xml[end:]


def ole_file(streams: Sequence[str]) -> bytes:
    """A minimal OLE2 compound file: the 512-byte header and one directory sector naming the
    streams (enough for format detection; there is no real .xls writer here)."""
    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 44, 1, 0, 0)  # one FAT sector, directory at sector 0
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header[76:512] = b"\xff" * 436
    directory = bytearray()
    for i, name in enumerate(["Root Entry", *streams]):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le")[:62]
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded) + 2, 5 if i == 0 else 2, 1)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        directory += entry
    directory += b"\x00" * (-len(directory) % 512)
    return bytes(header + directory)


def forged_sizes(data: bytes, member: str, file_size: int) -> bytes:
    """The archive with `member`'s declared uncompressed size changed in both headers."""
    out = bytearray(data)
    name = member.encode()
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (i := out.find(sig, start)) >= 0:
            name_len = struct.unpack_from("<H", out, i + (26 if sig == b"PK\x03\x04" else 28))[0]
            head = 30 if sig == b"PK\x03\x04" else 46
            if bytes(out[i + head:i + head + name_len]) == name:
                struct.pack_into("<I", out, i + offset, file_size)
            start = i + 4
    return bytes(out)


def stored_bomb(member: str, pieces: Iterable[bytes], base: bytes) -> bytes:
    """`base` with `member` replaced by the streamed content (never held in memory at once)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            target = zipfile.ZipInfo(info.filename, _EPOCH)
            target.compress_type = zipfile.ZIP_DEFLATED
            if info.filename == member:
                with dst.open(target, "w") as fh:
                    for piece in pieces:
                        fh.write(piece)
            else:
                dst.writestr(target, src.read(info.filename))
    return out.getvalue()


# --- the cases ------------------------------------------------------------------------------

def good() -> bytes:
    return opd_bytes()


def with_tasks(**changes_at: dict) -> bytes:
    """Dinas Uji with some task fields changed: with_tasks(t2={"volume": "sepuluh"})."""
    tasks = [dict(t) for t in TASKS]
    for key, change in changes_at.items():
        tasks[int(key[1:])].update(change)
    return opd_bytes(**{"Beban Kerja": tasks})


def renamed_header(sheet: str, header: str) -> bytes:
    grids = good_grids()
    row = grids[sheet][0]
    row[row.index(header)] = "Keterangan Lain"
    return GridBook(grids).bytes()


def title_block() -> bytes:
    """Every table sheet under a two-row title; headers on row 3, data from row 4. Task 1
    (J02) has its norma typed in hours while Satuan Waktu says Jam: a warning on row 5."""
    grids = good_grids()
    tasks = grids[BEBAN_KERJA.name]
    tasks[2][6] = "Jam"  # J02: 12 × 100 × 60 jam = 4,320,000 min = 72,000 h
    merges = []
    for name in (UNIT.name, JABATAN.name, BEBAN_KERJA.name, "Kematangan"):
        width = len(grids[name][0])
        grids[name] = [[f"DAFTAR {name.upper()} — DINAS UJI"], ["Tahun 2026"], *grids[name]]
        merges.append(Merge(name, 0, 0, 0, width - 1, f"DAFTAR {name.upper()} — DINAS UJI"))
    return GridBook(grids, merges).bytes()


def two_row_header() -> bytes:
    """Beban Kerja with a group title 'Beban Kerja' merged over Volume and Periode (D1:E1);
    the other headers merged down over two rows. Data from row 3."""
    grids = good_grids()
    head, *data = grids[BEBAN_KERJA.name]
    top = [head[0], head[1], head[2], None, None, head[5], head[6]]
    sub = [None, None, None, "Volume", "Periode", None, None]
    grids[BEBAN_KERJA.name] = [top, sub, *data]
    merges = [Merge(BEBAN_KERJA.name, 0, 3, 0, 4, "Beban Kerja")]
    merges += [Merge(BEBAN_KERJA.name, 0, c, 1, c, head[c]) for c in (0, 1, 2, 5, 6)]
    return GridBook(grids, merges).bytes()


def header_merged_over_unit() -> bytes:
    """'Norma Waktu' merged across F1:G1, with the time unit typed in G under no header."""
    grids = good_grids()
    grids[BEBAN_KERJA.name][0][6] = None
    return GridBook(grids, [Merge(BEBAN_KERJA.name, 0, 5, 0, 6, "Norma Waktu")]).bytes()


def no_header() -> bytes:
    grids = good_grids()
    grids[JABATAN.name][0] = [f"Kolom {i}" for i in range(1, 8)]
    return GridBook(grids).bytes()


def date_in_volume() -> bytes:
    grids = good_grids()
    grids[BEBAN_KERJA.name][1][3] = dt.date(2026, 3, 1)  # J01's Volume, Excel row 2
    return GridBook(grids).bytes()


def macro_workbook() -> bytes:
    vba = ole_file(["VBA", "PROJECT", "dir"])
    def content_types(xml: bytes) -> bytes:
        return xml.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
            b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.'
                         b'vbaProject"/></Types>')

    def rels(xml: bytes) -> bytes:
        return xml.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.'
                           b'microsoft.com/office/2006/relationships/vbaProject" Target="'
                           b'vbaProject.bin"/></Relationships>')

    return rezip(good(), {"[Content_Types].xml": content_types,
                          "xl/_rels/workbook.xml.rels": rels},
                 add={"xl/vbaProject.bin": vba})


def formula_errors() -> bytes:
    """Cached formula errors: D2 (J01 Volume) #DIV/0!, F3 (J02 Norma Waktu) #SPILL! (a code
    calamine itself cannot read), B4 (J03 Uraian Tugas) #N/A."""
    def edit(xml: str) -> str:
        xml = set_cell(xml, "D2", '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
        xml = set_cell(xml, "F3", '<c r="F3" t="e"><f>SEQUENCE(2)</f><v>#SPILL!</v></c>')
        return set_cell(xml, "B4", '<c r="B4" t="e"><f>NA()</f><v>#N/A</v></c>')
    return patch_sheet(good(), BEBAN_KERJA.name, edit)


def stray_cell(sheet: str, cell: str) -> bytes:
    row = re.sub(r"[A-Z]", "", cell)
    return patch_sheet(good(), sheet, lambda xml: append_rows(
        xml, f'<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row>'))


def space_in_row_million() -> bytes:
    """One space typed in A1000000 of Unit: the sheet spans 1,000,000 rows × 4 columns."""
    return patch_sheet(good(), UNIT.name, lambda xml: append_rows(
        xml, '<row r="1000000"><c r="A1000000" t="inlineStr"><is><t xml:space="preserve"> </t>'
             "</is></c></row>"))


def million_formatted_rows() -> bytes:
    """Beban Kerja followed by 1,000,000 formatted empty rows and a styled cell A1000009."""
    base = good()
    member = part_of(base, BEBAN_KERJA.name)
    xml = zipfile.ZipFile(io.BytesIO(base)).read(member).decode()
    head, tail = xml[:xml.index("</sheetData>")], xml[xml.index("</sheetData>"):]

    def pieces() -> Iterator[bytes]:
        yield head.encode()
        for start in range(10, 1_000_010, 10_000):
            yield "".join(f'<row r="{r}" s="1" customFormat="1" ht="15" customHeight="1"/>'
                          for r in range(start, start + 10_000)).encode()
        yield b'<row r="1000010"><c r="A1000010" s="1"/></row>' + tail.encode()
    return stored_bomb(member, pieces(), base)


def zip_bomb() -> bytes:
    """Profil's XML replaced by 310 MB of spaces: ~300 KB packed, ratio ~1,000."""
    base = good()
    member = part_of(base, PROFIL.name)
    return stored_bomb(member, (b" " * (1 << 20) for _ in range(310)), base)


def ratio_bomb() -> bytes:
    """40 MB of spaces in Profil: under the 300 MB limit, but packed ~1,000×."""
    base = good()
    return stored_bomb(part_of(base, PROFIL.name), (b" " * (1 << 20) for _ in range(40)), base)


def claimed_bomb() -> bytes:
    """A small archive whose directory claims Profil's XML unpacks to 400 MB."""
    base = good()
    return forged_sizes(base, part_of(base, PROFIL.name), 400 * 1024 * 1024)


def understated_bomb() -> bytes:
    """Profil's XML really unpacks to 20 MB but the directory says 2 KB: zipfile stops at the
    declared size and the CRC check fails; the parser never sees it."""
    base = stored_bomb(part_of(good(), PROFIL.name),
                       (b" " * (1 << 20) for _ in range(20)), good())
    return forged_sizes(base, part_of(good(), PROFIL.name), 2048)


def duplicate_member() -> bytes:
    """Two archive members named like the Unit sheet; the second has a far stray value."""
    base = good()
    member = part_of(base, UNIT.name)
    far = zipfile.ZipFile(io.BytesIO(stray_cell(UNIT.name, "XFD1048576"))).read(member)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        return rezip(base, add={member: far})


def emoji_long_names() -> bytes:
    units = [dict(u) for u in UNITS]
    units[2]["name"] = ("Bidang Pelayanan 🏥 " + "Panjang" * 200)[:1000]
    tasks = [dict(t) for t in TASKS]
    tasks[0]["task"] = "Memimpin rapat koordinasi 📊✅"
    return opd_bytes(Unit=units, **{"Beban Kerja": tasks})


CASES: tuple[Case, ...] = (
    Case("bukan_workbook.xlsx", lambda: b"Ini bukan workbook Excel, hanya teks biasa.\n",
         (Expect("error", "File ini bukan workbook Excel (.xlsx)"),), what="teks diberi nama .xlsx"),
    Case("kosong.xlsx", lambda: b"", (Expect("error", "File kosong (0 byte)"),)),
    Case("terpotong.xlsx", lambda: good()[: len(good()) // 2],
         (Expect("error", "File .xlsx rusak atau terpotong"),)),
    Case("excel_lama.xls", lambda: ole_file(["Workbook", "\x05SummaryInformation"]),
         (Expect("error", "Format .xls lama (Excel 97–2003) tidak didukung; buka di Excel lalu "
                          "simpan sebagai Excel Workbook (.xlsx)"),)),
    Case("sandi.xlsx", lambda: ole_file(["EncryptionInfo", "EncryptedPackage"]),
         (Expect("error", "Workbook dilindungi kata sandi"),
          Expect("error", "Enkripsi dengan Kata Sandi, kosongkan kata sandinya"))),
    Case("makro.xlsm", macro_workbook,
         (Expect("warning", "Workbook berisi makro (.xlsm); hanya data yang dibaca, makro tidak "
                            "pernah dijalankan."),), computes=True),
    Case("bom_zip_rasio.xlsx", ratio_bomb,
         (Expect("error", "Isi workbook terlalu besar setelah diekstrak"),
          Expect("error", "file ditolak demi keamanan"))),
    Case("bom_zip_klaim.xlsx", claimed_bomb,
         (Expect("error", "Isi workbook terlalu besar setelah diekstrak (400 MB"),)),
    Case("bom_zip_ukuran_palsu.xlsx", understated_bomb,
         (Expect("error", "File .xlsx rusak atau terpotong"),)),
    Case("anggota_ganda.xlsx", duplicate_member,
         (Expect("error", "File .xlsx rusak atau terpotong"),),
         what="dua bagian arsip bernama sama: yang mana yang dibaca?"),
    Case("bom_zip.xlsx", zip_bomb,
         (Expect("error", "Isi workbook terlalu besar setelah diekstrak (310 MB"),), large=True),
    Case("sejuta_baris_berformat.xlsx", million_formatted_rows, (), computes=True, large=True),
    Case("spasi_di_baris_sejuta.xlsx", space_in_row_million, (), computes=True),
    Case("sel_tersasar.xlsx", lambda: stray_cell(BEBAN_KERJA.name, "XFD1048576"),
         (Expect("error", "Sheet 'Beban Kerja' terbentang sampai kolom XFD dan baris 1.048.576",
                 "Beban Kerja"),)),
    Case("sel_tersasar_petunjuk.xlsx", lambda: stray_cell("Petunjuk", "XFD1048576"), (),
         computes=True, what="sheet yang tidak dibaca boleh berisi apa saja"),
    Case("judul_di_baris3.xlsx", title_block,
         (Expect("warning", "Tugas ini saja butuh 72.000 jam/tahun", "Beban Kerja", 5,
                 "Norma Waktu"),), computes=True),
    Case("tanpa_judul_kolom.xlsx", no_header,
         (Expect("error", "Judul kolom tidak ditemukan di 15 baris teratas sheet 'Jabatan'. "
                          "Tulis judul kolom dalam satu baris di atas data (biasanya baris 1): "
                          "Kode Jabatan, Nama Jabatan, Kode Unit, Jenis Jabatan, Pegawai.",
                 "Jabatan"),)),
    Case("judul_gabung_dua_baris.xlsx", two_row_header, (), computes=True),
    Case("judul_gabung_kolom.xlsx", header_merged_over_unit,
         (Expect("error", "Judul 'Norma Waktu' digabung (merge) di sel F1:G1, tetapi kolom G di "
                          "bawahnya berisi data tanpa judul sendiri", "Beban Kerja", 1, "G"),)),
    Case("teks_di_volume.xlsx", lambda: with_tasks(t2={"volume": "sepuluh"}),
         (Expect("error", "Kolom 'Volume' berisi teks 'sepuluh', bukan angka.", "Beban Kerja", 4,
                 "Volume"),)),
    Case("angka_format_indonesia.xlsx",
         lambda: with_tasks(t4={"volume": "1.234,5"}, t6={"volume": "2,5"},
                            t7={"volume": "1234.5"}), (), computes=True),
    Case("tanggal_di_volume.xlsx", date_in_volume,
         (Expect("error", "Kolom 'Volume' berisi tanggal/waktu, bukan angka", "Beban Kerja", 2,
                 "Volume"),)),
    Case("kode_ganda.xlsx",
         lambda: opd_bytes(Jabatan=[*POSITIONS, {**POSITIONS[2], "name": "Pengadministrasi Lain"}]),
         (Expect("error", "Kode Jabatan 'J03' ganda; sudah dipakai di baris 4.", "Jabatan", 10,
                 "Kode Jabatan"),)),
    Case("unit_melingkar.xlsx",
         lambda: opd_bytes(Unit=[*UNITS[:2], {**UNITS[2], "parent": "01.02.02"}, *UNITS[3:]]),
         (Expect("error", "Susunan unit melingkar: 01.02 → 01.02.02 → 01.02.", "Unit", 4,
                 "Kode Induk"),)),
    Case("dua_akar.xlsx",
         lambda: opd_bytes(Unit=[UNITS[0], {**UNITS[1], "parent": None}, *UNITS[2:]]),
         (Expect("error", "Kode Induk kosong; hanya satu unit (OPD) boleh tanpa induk, yaitu "
                          "baris 2.", "Unit", 3, "Kode Induk"),)),
    Case("tanpa_jabatan.xlsx", lambda: opd_bytes(Jabatan=[], **{"Beban Kerja": []}),
         (Expect("error", "Sheet Jabatan tidak berisi satu jabatan pun; OPD tidak dapat dihitung.",
                 "Jabatan"),)),
    Case("tugas_tanpa_jabatan.xlsx", lambda: with_tasks(t1={"position": "J99"}),
         (Expect("error", "Kode Jabatan 'J99' tidak ada di sheet Jabatan.", "Beban Kerja", 3,
                 "Kode Jabatan"),)),
    Case("jam_sebagai_menit.xlsx", lambda: with_tasks(t1={"time_unit": "Jam"}),
         (Expect("warning", "Tugas ini saja butuh 72.000 jam/tahun, lebih dari 10× jam kerja "
                            "efektif satu orang", "Beban Kerja", 3, "Norma Waktu"),),
         computes=True),
    Case("emoji_nama_panjang.xlsx", emoji_long_names, (), computes=True),
    Case("baris_berisi_spasi.xlsx",
         lambda: opd_bytes(**{"Beban Kerja": [*TASKS[:3], dict.fromkeys(TASKS[0], " "),
                                              *TASKS[3:]]}),
         (), computes=True, what="baris 5 hanya berisi spasi: dilewati seperti baris kosong"),
    Case("rumus_galat.xlsx", formula_errors,
         (Expect("error", "Kolom 'Volume' berisi galat rumus #DIV/0!.", "Beban Kerja", 2,
                 "Volume"),
          Expect("error", "Kolom 'Norma Waktu' berisi galat rumus #SPILL!.", "Beban Kerja", 3,
                 "Norma Waktu"),
          Expect("error", "Kolom 'Uraian Tugas' berisi galat rumus #N/A.", "Beban Kerja", 4,
                 "Uraian Tugas"))),
    Case("opd_ganda_1.xlsx", good, (), computes=True, what="sama dengan opd_ganda_2.xlsx"),
    Case("opd_ganda_2.xlsx", good, (), computes=True, what="OPD yang sama diunggah dua kali"),
    *(Case(f"kolom_hilang_{sheet.name.lower().replace(' ', '_')}_{col.key}.xlsx",
           (lambda s=sheet.name, h=col.header: renamed_header(s, h)),
           (Expect("error", f"Kolom wajib '{col.header}'", sheet.name, 1, col.header),
            Expect("error", f"tidak ditemukan pada baris judul (baris 1) sheet '{sheet.name}'",
                   sheet.name, 1, col.header)))
      for sheet in (PROFIL, UNIT, JABATAN, BEBAN_KERJA) for col in sheet.columns
      if col.required),
)


def build_corpus(out_dir: Path, *, large: bool = True) -> dict[str, Path]:
    """Write every case (the large ones only with large=True); file name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for case in CASES:
        if case.large and not large:
            continue
        path = out_dir / case.file
        path.write_bytes(case.build())
        written[case.file] = path
    return written


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else Path(__file__).resolve().parent / "corpus"
    for name, path in build_corpus(out, large="--large" in argv).items():
        size = path.stat().st_size
        flag = "" if size < SMALL_LIMIT else "  (> 200 KB: do not commit)"
        print(f"{size:>10,}  {name}{flag}")


if __name__ == "__main__":
    main(sys.argv[1:])
