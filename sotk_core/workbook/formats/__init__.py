"""Reading the files officials already hold (formats.md): every layout found by content and
combined per OPD into the template-v1 frames.

    read_files(files, settings) -> (workbooks, issues that belong to no OPD)

A template-v1 workbook is handed to `read_workbook` untouched (same bytes, same result); any
other workbook is loaded once, its layout detected, read into parts, and the parts of one OPD
combined (`combine`). `sources_frame` is the per-OPD summary of what each file contributed
and what is still missing.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from sotk_core.base.issues import Issue, IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats._grid import (
    PARSER_FAILURES,
    failed_workbook,
    load_book,
    peek_sheet_names,
)
from sotk_core.workbook.formats.combine import CombinedWorkbook, combine
from sotk_core.workbook.formats.detect import TEMPLATE_V1, detect, unrecognised
from sotk_core.workbook.formats.parts import Part
from sotk_core.workbook.formats.summary import MISSING, USED, SourceNote
from sotk_core.workbook.reader import OpdWorkbook, read_workbook
from sotk_core.workbook.spec import is_template_v1

__all__ = ["CombinedWorkbook", "SourceNote", "combine", "read_files", "read_parts",
           "source_files", "source_notes", "sources_frame"]

def read_parts(data: bytes, file: str, settings: Settings) -> OpdWorkbook | list[Part]:
    """One file: a template-v1 (or unreadable) workbook as `read_workbook` reads it, else the
    parts its layout contributes, or a failed workbook saying which layouts were tried."""
    names = peek_sheet_names(data)
    if names is None or is_template_v1(names):
        return read_workbook(data, file, settings)
    issues = IssueList()
    book = load_book(data, file, issues)
    if book is None:
        return failed_workbook(file, issues)
    try:
        layout = detect(book)
        if layout is None:
            issues.error(file, None, None, None, unrecognised(book))
            return failed_workbook(file, issues)
        parts = layout.read(book, settings)
    except PARSER_FAILURES as exc:  # a defect or an input we did not foresee: an issue
        issues.error(file, None, None, None,
                     f"File tidak dapat dibaca ({type(exc).__name__}: {str(exc)[:120]}). "
                     "Periksa format workbook.")
        return failed_workbook(file, issues)
    if issues and parts:  # container warnings (macros) belong to the file's first part
        parts[0].issues[:0] = issues
    return parts


def read_files(files: Iterable[tuple[str, bytes]], settings: Settings | None = None, *,
               skeletons: bool = False) -> tuple[list[OpdWorkbook], list[Issue]]:
    """(file name, bytes) pairs in any mix of layouts -> one workbook per OPD plus the issues
    of files that belong to no OPD. One bad file never stops the others."""
    settings = settings or Settings()
    items = [read_parts(data, fname, settings) for fname, data in files]
    return combine(items, settings, skeletons=skeletons)


def source_files(book: OpdWorkbook) -> tuple[str, ...]:
    """The uploaded files one OPD was read from."""
    return book.files if isinstance(book, CombinedWorkbook) and book.files else (book.file,)


def source_notes(book: OpdWorkbook) -> tuple[SourceNote, ...]:
    """What each file contributed to one OPD, what was inferred and what is missing."""
    if isinstance(book, CombinedWorkbook):
        return book.sources
    if not book.ok:
        return ()
    text = (f"{len(book.units)} unit, {len(book.positions)} jabatan, {len(book.tasks)} uraian "
            "tugas" + (", kematangan" if book.maturity is not None else "")
            + (", kelembagaan" if book.kelembagaan is not None else ""))
    notes = [SourceNote(book.name, book.file, TEMPLATE_V1, USED, text)]
    if book.maturity is None:
        notes.append(SourceNote(book.name, "", "", MISSING, "kematangan tidak ada"))
    return tuple(notes)


SOURCE_COLUMNS = {"opd": "OPD", "file": "File", "layout": "Format", "status": "Status",
                  "text": "Keterangan"}


def sources_frame(books: Iterable[OpdWorkbook]) -> pd.DataFrame:
    """The summary of every OPD as one display table (Indonesian headers)."""
    rows = [{SOURCE_COLUMNS[k]: getattr(n, k) for k in SOURCE_COLUMNS}
            for b in books for n in source_notes(b)]
    return pd.DataFrame(rows, columns=list(SOURCE_COLUMNS.values()))

