"""The per-OPD summary of a combination: what each file contributed, what was inferred, what
could not be matched and what is still missing, as lines the app and the command line show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sotk_core.base.issues import IssueList
from sotk_core.workbook.formats._names import position_key
from sotk_core.workbook.formats._tree import Tree
from sotk_core.workbook.formats.parts import Part
from sotk_core.workbook.reader import OpdWorkbook

# statuses of a summary line, as the user reads them
USED, INFERRED, MISSING, UNMATCHED, IGNORED = ("dipakai", "disimpulkan", "belum ada",
                                               "tidak cocok", "diabaikan")


@dataclass(frozen=True)
class SourceNote:
    """One line of an OPD's summary: what a file contributed, inferred or could not match,
    or what is still missing (file '')."""

    opd: str
    file: str
    layout: str
    status: str
    text: str



def listing(names: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" dan {len(names) - limit} lainnya" if len(names) > limit else "")


def template_summary(book: OpdWorkbook) -> str:
    parts = [f"{len(book.units)} unit", f"{len(book.positions)} jabatan",
             f"{len(book.tasks)} uraian tugas"]
    if book.maturity is not None:
        parts.append("kematangan")
    if book.kelembagaan is not None:
        parts.append("kelembagaan")
    return ", ".join(parts)


def opd_summary(name: str, parts: list[Part], tree: Tree, unmatched: list[tuple[Part, str, str]],
             maturity: Part | None, kelembagaan: Part | None, has_tree: bool
             ) -> list[SourceNote]:
    out: list[SourceNote] = []
    for p in parts:
        what: list[str] = []
        with_tasks = [x for x in p.positions if x.tasks is not None]
        if with_tasks:
            what.append(f"{len(with_tasks)} jabatan dengan "
                        f"{sum(len(x.tasks or []) for x in with_tasks)} uraian tugas")
        if p.units is not None:
            what.append(f"susunan {len(p.units) + 1} unit dan {len(p.positions)} jabatan")
        if p.staffing:
            given = len({position_key(x.name) for x in p.staffing if x.existing is not None})
            what.append(f"bezetting {given} jabatan")
        if p.maturity is not None and p is maturity:
            what.append(f"kematangan {len(p.maturity)} variabel")
        if p.kelembagaan is not None and p is kelembagaan:
            what.append(f"kelembagaan {len(p.kelembagaan)} butir")
        if p.checks:
            what.append(f"{len(p.checks)} angka hitungan form sebagai pembanding")
        out.append(SourceNote(name, p.file, p.layout, USED, ", ".join(what) or "tidak ada isi"))
        out.extend(SourceNote(name, p.file, p.layout, INFERRED, n) for n in p.notes)
    for p, who, why in unmatched:
        out.append(SourceNote(name, p.file, p.layout, UNMATCHED,
                              f"jabatan '{who}' tidak cocok dengan jabatan mana pun ({why})"))
    for unit, file in tree.new_units:
        out.append(SourceNote(name, file, "", UNMATCHED,
                              f"unit '{unit}' tidak ada di susunan unit UNOR; ditambahkan"))
    computed = [x for x in tree.positions if x.tasks is not None]
    no_staff = [x.name for x in computed if x.existing is None]
    if no_staff:
        out.append(SourceNote(name, "", "", MISSING, f"bezetting tidak ada untuk {len(no_staff)} "
                              f"jabatan: {listing(no_staff)}"))
    no_tasks = [x.name for x in tree.positions if x.tasks is None]
    if no_tasks:
        out.append(SourceNote(name, "", "", MISSING, f"uraian tugas tidak ada untuk "
                              f"{len(no_tasks)} jabatan (tidak dihitung): {listing(no_tasks)}"))
    if not has_tree and not any(x.units for p in parts for x in p.positions):
        out.append(SourceNote(name, "", "", MISSING, "susunan unit tidak ada; semua jabatan "
                              "langsung di bawah OPD"))
    if maturity is None:
        out.append(SourceNote(name, "", "", MISSING, "kematangan tidak ada"))
    if kelembagaan is None:
        out.append(SourceNote(name, "", "", MISSING, "kelembagaan tidak ada (opsional)"))
    return out


def missing_warnings(name: str, parts: list[Part], tree: Tree, issues: IssueList) -> None:
    computed = [x for x in tree.positions if x.tasks is not None]
    no_staff = [x.name for x in computed if x.existing is None]
    if no_staff:
        issues.warning(parts[0].file, None, None, None,
                       f"OPD {name}: bezetting tidak ada untuk {len(no_staff)} jabatan "
                       f"({listing(no_staff)}); dihitung sebagai belum diketahui, bukan 0. "
                       "Unggah REKAP ABK, FORM B atau template bezetting e-Formasi OPD ini.")
