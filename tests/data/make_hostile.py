"""Hostile workbooks (issue 16): files made to take a server down, and values the engine
cannot carry, each with the exact issues it must produce.

    python tests/data/make_hostile.py [OUT_DIR]

Writes every case into tests/data/corpus/ by default (each < 200 KB), next to the cases of
make_corpus.py, for people to try in the app. tests/core/test_hostile.py builds them afresh
with `build_hostile`, so the files and the expectations below never drift apart.

Every case starts from "Dinas Uji" of tests/builders.py (rows: Profil isian from row 2 in
PROFILE_FIELDS order; Unit, Jabatan, Beban Kerja data from row 2, so TASKS[i] is row i + 2).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sotk_core.workbook.spec import BEBAN_KERJA, PROFIL, PROFILE_FIELDS  # noqa: E402
from tests.builders import POSITIONS, TASKS, UNITS, opd_bytes  # noqa: E402
from tests.data.make_corpus import (  # noqa: E402
    GridBook,
    good,
    good_grids,
    part_of,
    patch_sheet,
    rezip,
    with_tasks,
)

SST = "xl/sharedStrings.xml"
_XFD_ROWS = 20_000


@dataclass(frozen=True)
class Exact:
    """One issue, in full: what a person reads, where."""

    severity: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str


@dataclass(frozen=True)
class Hostile:
    file: str
    build: object  # () -> bytes
    expect: tuple[Exact, ...]
    computes: bool = False  # the OPD is still computed (warnings only)
    what: str = ""


# --- builders -------------------------------------------------------------------------------

def shared_count(count: int) -> bytes:
    """The sharedStrings header claims `count` distinct texts (the parser reserves them)."""
    return rezip(good(), {SST: lambda b: re.sub(rb'uniqueCount="\d+"',
                                                b'uniqueCount="%d"' % count, b, count=1)})


def only_column_xfd(rows: int = _XFD_ROWS) -> bytes:
    """Kematangan's values moved to column XFD, rows 1..N: tiny on disk, 16,384 cells per row
    once padded from column A."""
    cells = "".join(f'<row r="{r}"><c r="XFD{r}"><v>{r % 5 + 1}</v></c></row>'
                    for r in range(1, rows + 1))
    return patch_sheet(good(), "Kematangan", lambda x: re.sub(
        r"<sheetData>.*</sheetData>", "<sheetData>" + cells + "</sheetData>", x, flags=re.S))


def repeated_long_text(length: int = 1 << 20, cells: int = 5_000) -> bytes:
    """One 1 MB shared text referenced by 5,000 cells of Beban Kerja column H."""
    base = good()
    sst = zipfile.ZipFile(io.BytesIO(base)).read(SST).decode()
    index = int(re.search(r'uniqueCount="(\d+)"', sst).group(1))
    sst = re.sub(r'uniqueCount="\d+"', f'uniqueCount="{index + 1}"', sst, count=1)
    sst = sst.replace("</sst>", f"<si><t>{'x' * length}</t></si></sst>")
    rows = "".join(f'<row r="{r}"><c r="H{r}" t="s"><v>{index}</v></c></row>'
                   for r in range(20, 20 + cells))
    member = part_of(base, BEBAN_KERJA.name)
    return rezip(base, {SST: sst.encode(), member: lambda b: b.decode().replace(
        "</sheetData>", rows + "</sheetData>").encode()})


def merged(ranges: list[str]) -> bytes:
    block = f'<mergeCells count="{len(ranges)}">' + "".join(
        f'<mergeCell ref="{r}"/>' for r in ranges) + "</mergeCells>"
    return patch_sheet(good(), BEBAN_KERJA.name,
                       lambda x: x.replace("</sheetData>", "</sheetData>" + block, 1))


def lying_dimension() -> bytes:
    return patch_sheet(good(), BEBAN_KERJA.name, lambda x: re.sub(
        r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', x))


def with_existing(code: str, value: object) -> bytes:
    return opd_bytes(Jabatan=[{**p, "existing": value} if p["code"] == code else p
                              for p in POSITIONS])


def deep_chain(levels: int = 70) -> bytes:
    """Seksi Layanan B (01.02.02, level 3) gets a chain of 67 sub-units below it: the last,
    U67, is at level 70; J08 moves into it."""
    chain = [{"code": f"U{i}", "name": f"Subunit {i}", "kind": "Subbagian",
              "parent": "01.02.02" if i == 1 else f"U{i - 1}"} for i in range(1, levels - 2)]
    positions = [{**p, "unit": chain[-1]["code"]} if p["code"] == "J08" else p
                 for p in POSITIONS]
    return opd_bytes(Unit=[*UNITS, *chain], Jabatan=positions)


def invisible_characters() -> bytes:
    """A zero-width space in the OPD name and in one task's Kode Jabatan; a soft hyphen in a
    unit name."""
    units = [dict(u) for u in UNITS]
    units[2]["name"] = "Bidang Pe\u00adlayanan"
    tasks = [dict(t) for t in TASKS]
    tasks[5]["position"] = "J06\u200b"
    return opd_bytes({"name": "Dinas\u200b Uji"}, Unit=units, **{"Beban Kerja": tasks})


def foreign_digits_in_numbers() -> bytes:
    return with_tasks(t1={"volume": "\u0661\u0660\u0660"},  # Arabic-Indic 100
                      t2={"volume": "\uff13\uff10"})  # full-width 30


def wide_digits_in_codes() -> bytes:
    tasks = [dict(t) for t in TASKS]
    tasks[5]["position"] = "\uff2a\uff10\uff16"  # full-width J06
    tasks[6]["position"] = "J\u0660\u0667"  # J07 with Arabic-Indic digits
    return opd_bytes(**{"Beban Kerja": tasks})


def two_task_sheets() -> bytes:
    grids = good_grids()
    grids["ABK"] = [row[:] for row in grids[BEBAN_KERJA.name]]
    return GridBook(grids).bytes()


def two_name_rows() -> bytes:
    grids = good_grids()
    grids[PROFIL.name].append(["Nama OPD", "Dinas Lain"])
    return GridBook(grids).bytes()


MARKUP_OPD = "Dinas **Tebal** $x^2$ :red[merah]"
MARKUP_UNIT = 'Bidang <a href="http://contoh.invalid/x">tautan</a> [klik](http://contoh.invalid)'
MARKUP_POSITIONS = {
    "J06": '=HYPERLINK("http://contoh.invalid","klik")',
    "J07": "+1+1 Kepala Seksi",
    "J08": "@SUM(1) Analis",
    "J03": "-2+3 <b>Pengadministrasi</b> _miring_ `kode`",
}
MARKUP_TASK = "<script>alert(1)</script> $$\\frac{1}{2}$$ ![gambar](http://contoh.invalid/g.png)"


def markup_names() -> bytes:
    """Names that Markdown, KaTeX, HTML or a spreadsheet would interpret: they must be shown
    as text everywhere and never start a formula in a download."""
    units = [dict(u) for u in UNITS]
    units[2]["name"] = MARKUP_UNIT
    positions = [{**p, "name": MARKUP_POSITIONS.get(p["code"], p["name"])} for p in POSITIONS]
    tasks = [dict(t) for t in TASKS]
    tasks[0]["task"] = MARKUP_TASK
    return opd_bytes({"name": MARKUP_OPD, "abbr": "DM"}, Unit=units, Jabatan=positions,
                     **{"Beban Kerja": tasks})


# --- the cases ------------------------------------------------------------------------------

_ROWS = {f.key: i + 2 for i, f in enumerate(PROFILE_FIELDS)}  # Profil row of each isian

CASES: tuple[Hostile, ...] = (
    Hostile("teks_bersama_2_miliar.xlsx", lambda: shared_count(2_000_000_000), (
        Exact("error", None, None, None,
              "Workbook menyatakan berisi 2.000.000.000 teks berbeda, melebihi batas 2.000.000 "
              "per workbook; file ditolak demi keamanan (file rusak atau dibuat untuk membebani "
              "server). Buka di Excel lalu simpan ulang sebagai .xlsx."),),
        what="13 KB; the parser would reserve 48 GB and abort the process (SIGABRT)"),
    Hostile("kolom_xfd_saja.xlsx", only_column_xfd, (
        Exact("error", "Kematangan", None, None,
              "Sheet 'Kematangan' terbentang sampai kolom XFD dan baris 20.000 (20.000 baris × "
              "16.384 kolom = 327.680.000 sel), melebihi batas 4.000.000 sel per sheet. Biasanya "
              "ada isi tersasar jauh di luar tabel: tekan Ctrl+End di Excel untuk menemukannya, "
              "hapus baris/kolom di luar tabel, lalu simpan ulang."),),
        what="values only in column XFD: over 3 GB once padded from column A"),
    Hostile("teks_panjang_berulang.xlsx", repeated_long_text, (
        Exact("error", "Beban Kerja", None, None,
              "Sheet 'Beban Kerja' mengulang teks panjang di banyak sel: bila dibuka, teks "
              "workbook menjadi 5.000 MB, melebihi batas 128 MB; file ditolak demi keamanan. "
              "Hapus sel yang berisi teks sangat panjang atau tersalin berulang, lalu simpan "
              "ulang."),),
        what="one 1 MB text in 5,000 cells: 5 GB once every cell holds its own copy"),
    Hostile("gabung_2000_kali.xlsx", lambda: merged(["A1:XFD1"] * 2_000), (), computes=True,
            what="2,000 merges of A1:XFD1 over a 7-column table: clipped to A1:G1, read at once"),
    Hostile("gabung_60000.xlsx",
            lambda: merged(["H20:I20"] * 60_000), (
                Exact("error", "Beban Kerja", None, None,
                      "Sheet 'Beban Kerja' berisi 60.000 sel gabungan (merge), melebihi batas "
                      "50.000 per sheet; file ditolak demi keamanan. Pisahkan sel gabungan yang "
                      "tidak perlu (Unmerge Cells) lalu simpan ulang."),)),
    Hostile("dimensi_palsu.xlsx", lying_dimension, (), computes=True,
            what="<dimension> claims A1:XFD1048576: only real cells count"),
    Hostile("volume_1e26.xlsx", lambda: with_tasks(t0={"volume": 1e26}), (
        Exact("error", "Beban Kerja", 2, "Volume",
              "Tugas ini butuh 2,5e+28 jam/tahun, lebih dari 100× jam kerja efektif satu orang "
              "(1.250 jam/tahun); periksa Volume, Periode, Norma Waktu dan Satuan Waktu."),),
        what="1e26 per Hari × 250 × 60 min = 1.5e30 min = 2.5e28 h"),
    Hostile("volume_1e308.xlsx", lambda: with_tasks(t4={"volume": 1e308}), (
        Exact("error", "Beban Kerja", 6, "Volume",
              "Tugas ini butuh waktu tak terhingga (angkanya terlalu besar), lebih dari 100× "
              "jam kerja efektif satu orang (1.250 jam/tahun); periksa Volume, Periode, Norma "
              "Waktu dan Satuan Waktu."),),
        what="1e308 × 100 min overflows to infinity"),
    Hostile("pegawai_1e308.xlsx", lambda: with_existing("J06", 1e308), (
        Exact("error", "Jabatan", 7, "Pegawai",
              "Kolom 'Pegawai' bernilai 1e+308; satu jabatan paling banyak 10.000 orang."),)),
    Hostile("norma_0_001.xlsx", lambda: with_tasks(t1={"norma": 0.001}), (
        Exact("error", "Beban Kerja", 3, "Norma Waktu",
              "Kolom 'Norma Waktu' bernilai 0,001; norma waktu paling kecil 0,01 (menit atau "
              "jam)."),)),
    Hostile("rantai_unit_70.xlsx", deep_chain, (
        Exact("error", "Unit", 24, "Kode Induk",
              "Unit 'U18' berada di tingkat 21 susunan unit (OPD tingkat 1), melebihi batas 20 "
              "tingkat; 50 unit berada sedalam itu atau lebih. Periksa Kode Induk: biasanya ada "
              "unit yang menunjuk ke induk yang salah."),),
        what="U1 is level 4 (under 01 → 01.02 → 01.02.02), so U18 is level 21; U18..U67: 50"),
    Hostile("karakter_tak_terlihat.xlsx", invisible_characters, (
        Exact("warning", "Profil", _ROWS["name"], "Nilai",
              "Kolom 'Nilai' berisi karakter tak terlihat (mis. spasi lebar-nol) di 1 baris "
              "(pertama baris 2); dibaca sebagai teks biasa, mis. 'Dinas Uji'."),
        Exact("warning", "Unit", 4, "Nama Unit",
              "Kolom 'Nama Unit' berisi karakter tak terlihat (mis. spasi lebar-nol) di 1 baris "
              "(pertama baris 4); dibaca sebagai teks biasa, mis. 'Bidang Pelayanan'."),
        Exact("warning", "Beban Kerja", 7, "Kode Jabatan",
              "Kolom 'Kode Jabatan' berisi karakter tak terlihat atau huruf/angka lebar penuh "
              "atau non-Latin di 1 baris (pertama baris 7); dibaca sebagai teks biasa, mis. "
              "'J06'.")), computes=True),
    Hostile("angka_arab_lebar_penuh.xlsx", foreign_digits_in_numbers, (
        Exact("error", "Beban Kerja", 3, "Volume",
              "Kolom 'Volume' berisi '\u0661\u0660\u0660' dengan angka selain 0–9 (mis. angka "
              "Arab atau lebar penuh); ketik ulang dengan angka 0–9."),
        Exact("error", "Beban Kerja", 4, "Volume",
              "Kolom 'Volume' berisi '\uff13\uff10' dengan angka selain 0–9 (mis. angka Arab "
              "atau lebar penuh); ketik ulang dengan angka 0–9."))),
    Hostile("kode_lebar_penuh.xlsx", wide_digits_in_codes, (
        Exact("warning", "Beban Kerja", 7, "Kode Jabatan",
              "Kolom 'Kode Jabatan' berisi karakter tak terlihat atau huruf/angka lebar penuh "
              "atau non-Latin di 2 baris (pertama baris 7); dibaca sebagai teks biasa, mis. "
              "'J06'."),), computes=True),
    Hostile("sheet_beban_kerja_ganda.xlsx", two_task_sheets, (
        Exact("error", "Beban Kerja", None, None,
              "Workbook berisi 2 sheet untuk Beban Kerja: 'Beban Kerja', 'ABK'. Hanya satu yang "
              "boleh ada; hapus atau ganti nama sheet yang tidak dipakai, lalu simpan ulang."),)),
    Hostile("nama_opd_ganda.xlsx", two_name_rows, (
        Exact("error", "Profil", len(PROFILE_FIELDS) + 2, "Isian",
              "Isian 'Nama OPD' diisi lebih dari sekali (baris 2 dan baris 11); hapus salah "
              "satu baris."),)),
    Hostile("markup_nama.xlsx", markup_names, (), computes=True,
            what="Markdown, KaTeX, HTML, links and formula starts in names: shown as text"),
)


def build_hostile(out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for case in CASES:
        path = out_dir / case.file
        path.write_bytes(case.build())  # type: ignore[operator]
        written[case.file] = path
    return written


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parent / "corpus"
    for name, path in build_hostile(out).items():
        print(f"{path.stat().st_size:>10,}  {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
