"""Which layout a workbook is in, found by its content (sheet names, labels, header text),
never by its file name; and the message when it is in none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sotk_core.base.settings import Settings
from sotk_core.workbook.formats import anjab, eabk, eformasi, permendagri, questionnaires, siasn
from sotk_core.workbook.formats._grid import Book
from sotk_core.workbook.formats.parts import Part

TEMPLATE_V1 = "Template SOTK v1"
TEMPLATE_V1_EXPECTS = "sheet Profil, Unit, Jabatan dan Beban Kerja"


@dataclass(frozen=True)
class Layout:
    name: str
    expects: str
    detect: Callable[[Book], bool]
    read: Callable[[Book, Settings], list[Part]]


# Most specific first: INFOJAB and UNOR by their sheets/columns, Form A and e-ABK before the
# anjab workbook whose task table looks alike, the bezetting list before the questionnaires.
LAYOUTS: tuple[Layout, ...] = (
    Layout(siasn.INFOJAB, siasn.INFOJAB_EXPECTS, siasn.detect_infojab, siasn.read_infojab),
    Layout(siasn.UNOR, siasn.UNOR_EXPECTS, siasn.detect_unor, siasn.read_unor),
    Layout(permendagri.LAYOUT, permendagri.EXPECTS, permendagri.detect, permendagri.read),
    Layout(eabk.LAYOUT, eabk.EXPECTS, eabk.detect, eabk.read),
    Layout(anjab.LAYOUT, anjab.EXPECTS, anjab.detect, anjab.read),
    Layout(eformasi.LAYOUT, eformasi.EXPECTS, eformasi.detect, eformasi.read),
    Layout(questionnaires.YA_TIDAK, questionnaires.YA_TIDAK_EXPECTS,
           questionnaires.detect_ya_tidak, questionnaires.read_ya_tidak),
    Layout(questionnaires.PILIH, questionnaires.PILIH_EXPECTS, questionnaires.detect_pilih,
           questionnaires.read_pilih),
    Layout(questionnaires.KELEMBAGAAN, questionnaires.KELEMBAGAAN_EXPECTS,
           questionnaires.detect_kelembagaan, questionnaires.read_kelembagaan),
)


def detect(book: Book) -> Layout | None:
    return next((layout for layout in LAYOUTS if layout.detect(book)), None)


def unrecognised(book: Book) -> str:
    """One sentence naming every layout tried and what each expected."""
    sheets = ", ".join(f"'{n}'" for n in list(book.sheets)[:6])
    more = f" dan {len(book.sheets) - 6} lainnya" if len(book.sheets) > 6 else ""
    tried = "; ".join(f"{layout.name}: {layout.expects}" for layout in (
        Layout(TEMPLATE_V1, TEMPLATE_V1_EXPECTS, lambda _: False, lambda *_: []), *LAYOUTS))
    return (f"Workbook ini (sheet {sheets}{more}) tidak dikenali sebagai format yang dapat dibaca. "
            f"Format yang dicoba, dengan yang dicari: {tried}. Periksa apakah judul kolom dan label "
            "masih seperti formulir aslinya, atau salin datanya ke template SOTK v1.")
