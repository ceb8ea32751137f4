"""Combining the files of one OPD into one template-v1 `OpdWorkbook` (formats.md, last part).

Files naming the same OPD (normalised name, or an abbreviation a file gives beside the name)
are combined: tasks from anjab/INFOJAB/Form A/e-ABK, the tree from UNOR or the unit lines,
bezetting from Form B/REKAP/e-Formasi, maturity and kelembagaan from their questionnaires.
What no file gives stays unknown (NaN), never 0, and is listed in the OPD's summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields

import pandas as pd

from sotk_core.base.issues import Issue, IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._frames import frames_of
from sotk_core.workbook.formats._names import opd_jenis, opd_key
from sotk_core.workbook.formats._place import (
    cross_check,
    fill_kinds,
    head_unit,
    insert_units,
    place_staffing,
)
from sotk_core.workbook.formats._tree import Tree, add_position
from sotk_core.workbook.formats.parts import Part
from sotk_core.workbook.formats.summary import (
    IGNORED,
    INFERRED,
    USED,
    SourceNote,
    listing,
    missing_warnings,
    opd_summary,
    template_summary,
)
from sotk_core.workbook.reader import OpdWorkbook

UNNAMED = "OPD tanpa nama"


@dataclass(frozen=True)
class CombinedWorkbook(OpdWorkbook):
    """An OPD read from files of other layouts (or a template-v1 workbook completed by them).
    `pending` holds jabatan a file names without tasks (a UNOR or REKAP row): not computed,
    but written to the converted template so the tasks can be added in Excel."""

    sources: tuple[SourceNote, ...] = field(default=())
    pending: pd.DataFrame | None = None
    layouts: tuple[str, ...] = field(default=())
    files: tuple[str, ...] = field(default=())  # every file combined, in upload order


@dataclass
class _Group:
    name: str
    template: OpdWorkbook | None = None
    parts: list[Part] = field(default_factory=list)


def combine(items: Sequence[OpdWorkbook | list[Part]], settings: Settings,
            skeletons: bool = False) -> tuple[list[OpdWorkbook], list[Issue]]:
    """Template-v1 workbooks and the parts read from other files, in upload order, as one
    workbook per OPD (a template-v1 workbook nobody completes is returned unchanged), plus
    the issues that belong to no OPD. `skeletons`: also build OPDs a tree source alone names
    (for conversion; they cannot be computed)."""
    aliases: dict[str, str] = {}
    for item in items:
        if isinstance(item, OpdWorkbook):
            if item.profile.get("abbr"):
                aliases[opd_key(item.profile["abbr"])] = opd_key(item.name)
        else:
            for p in item:
                if p.opd and p.abbr:
                    aliases[opd_key(p.abbr)] = opd_key(p.opd)
    groups: dict[str, _Group] = {}
    order: list[OpdWorkbook | _Group] = []
    unowned: list[Part] = []
    loose: list[Issue] = []  # a file's own problems where it has nothing to place
    for item in items:
        if isinstance(item, OpdWorkbook):
            if not item.ok or not item.profile.get("name"):
                order.append(item)
                continue
            k = aliases.get(opd_key(item.name), opd_key(item.name))
            if k in groups and groups[k].template is None:
                groups[k].template = item
                groups[k].name = item.name
            elif k in groups:
                order.append(item)  # the same OPD twice: build_city reports it
            else:
                groups[k] = _Group(item.name, template=item)
                order.append(groups[k])
            continue
        for p in item:
            if not p.opd and not (p.positions or p.staffing or p.maturity or p.kelembagaan):
                loose.extend(p.issues)
                continue
            if not p.opd:
                unowned.append(p)
                continue
            k = aliases.get(opd_key(p.opd), opd_key(p.opd))
            if k not in groups:
                groups[k] = _Group(p.opd)
                order.append(groups[k])
            groups[k].parts.append(p)
    if unowned and not groups:  # nothing names an OPD: one OPD, named by the user later
        groups[""] = _Group(UNNAMED)
        order.append(groups[""])
        unowned[0].issues.warning(unowned[0].file, None, None, None,
                                  f"Tidak ada file yang menyebut nama OPD; jabatan dari "
                                  f"{len(unowned)} file digabung sebagai satu OPD '{UNNAMED}'. "
                                  "Ganti nama OPD di sheet Profil template hasil konversi.")
    extra = loose + _place_unowned(unowned, groups)
    books: list[OpdWorkbook] = []
    skipped: dict[str, list[str]] = {}
    for entry in order:
        if isinstance(entry, OpdWorkbook):
            books.append(entry)
        elif entry.template is not None and not entry.parts:
            books.append(entry.template)
        elif entry.template is not None:
            books.append(_complete(entry))
        elif not skeletons and all(p.unit_tree_only for p in entry.parts) and not any(
                p.issues for p in entry.parts):
            for p in entry.parts:
                skipped.setdefault(p.file, []).append(entry.name)
        else:
            books.append(_build(entry, settings, skeleton=all(p.unit_tree_only
                                                              for p in entry.parts)))
    for file, names in skipped.items():
        extra.append(Issue("warning", file, None, None, None,
                           f"File ini memuat susunan unit {len(names)} OPD yang tidak punya file "
                           f"lain (uraian tugas, bezetting) sehingga tidak dihitung: "
                           f"{listing(names)}. Unggah file anjab/ABK OPD tersebut, atau ubah "
                           "file ini menjadi template SOTK v1 (konversi) lalu lengkapi di Excel."))
    return books, extra


def _place_unowned(unowned: list[Part], groups: dict[str, _Group]) -> list[Issue]:
    """Files that name no OPD (INFOJAB): the OPD holding a jabatan with the same code, else
    the only OPD of the upload; otherwise the user is told to upload them with their OPD."""
    extra: list[Issue] = []
    for p in unowned:
        codes = {s.key(pos.code) for pos in p.positions if pos.code}
        owner = next((g for g in groups.values() if codes and any(
            s.key(pos.code or "") in codes for q in g.parts for pos in [*q.positions,
                                                                       *q.staffing])), None)
        if owner is None and len(groups) == 1:
            owner = next(iter(groups.values()))
            if owner.name != UNNAMED:
                p.notes.append(f"File ini tidak menyebut OPD; dimasukkan ke {owner.name}, satu-"
                               "satunya OPD yang diunggah.")
        elif owner is not None:
            p.notes.append(f"File ini tidak menyebut OPD; dimasukkan ke {owner.name} karena kode "
                           "jabatannya ada di file OPD itu.")
        if owner is None:
            extra.extend(p.issues)
            extra.append(Issue("error", p.file, None, None, None,
                               "File ini tidak menyebut OPD-nya dan kode jabatannya tidak "
                               "ditemukan di file lain, sedangkan yang diunggah "
                               f"{len(groups)} OPD. Unggah file ini bersama anjab OPD-nya, "
                               "atau satu OPD saja sekali unggah."))
            continue
        p.opd = owner.name
        owner.parts.append(p)
    return extra


def _complete(group: _Group) -> CombinedWorkbook:
    """A template-v1 workbook plus questionnaires: they fill the sheets it lacks; whatever
    else the other files hold is left to the template (said in the summary)."""
    book = group.template
    assert book is not None
    notes: list[SourceNote] = [SourceNote(book.name, book.file, "Template SOTK v1", USED,
                                          template_summary(book))]
    issues = IssueList(book.issues)
    maturity, kelembagaan = book.maturity, book.kelembagaan
    for p in group.parts:
        issues.extend(p.issues)
        used = []
        if p.maturity is not None and maturity is None:
            maturity = _maturity_frame(p.maturity)
            used.append(f"kematangan {len(p.maturity)} variabel")
        if p.kelembagaan is not None and kelembagaan is None:
            kelembagaan = _kelembagaan_frame(p.kelembagaan)
            used.append(f"kelembagaan {len(p.kelembagaan)} butir")
        if used:
            notes.append(SourceNote(book.name, p.file, p.layout, USED, ", ".join(used)))
        else:
            notes.append(SourceNote(book.name, p.file, p.layout, IGNORED,
                                    "isi file ini sudah ada di template SOTK v1; template yang "
                                    "dipakai"))
        notes.extend(SourceNote(book.name, p.file, p.layout, INFERRED, n) for n in p.notes)
    own = {f.name: getattr(book, f.name) for f in fields(OpdWorkbook)}
    return CombinedWorkbook(**{**own, "maturity": maturity, "kelembagaan": kelembagaan,
                               "issues": tuple(issues)},
                            sources=tuple(notes),
                            layouts=("Template SOTK v1", *(p.layout for p in group.parts)),
                            files=tuple(dict.fromkeys([book.file, *(p.file for p in group.parts)])))


def _build(group: _Group, settings: Settings, skeleton: bool = False) -> CombinedWorkbook:
    """One OPD from the parts of its files. `skeleton`: a tree source alone (conversion
    only): the missing tasks are a warning, the workbook is written for them to be added."""
    name = group.name
    issues = IssueList()
    notes: list[SourceNote] = []
    for p in group.parts:
        issues.extend(p.issues)
    tree = Tree(name)
    has_tree = any(p.units is not None for p in group.parts)
    for p in group.parts:  # 1. the unit tree of a tree source (UNOR)
        insert_units(tree, p)
    for p in group.parts:  # 2. jabatan with tasks
        for pos in p.positions:
            if pos.tasks is None:
                continue
            chain = pos.units or head_unit(tree, pos, p, has_tree)
            node = tree.place_chain(chain, p.file, has_tree)
            same, _ = tree.find(pos.name, pos.code, node=node, kind=pos.kind)
            if same is not None and same.tasks is not None:
                issues.warning(p.file, pos.where.sheet, pos.where.row, None,
                               f"Jabatan '{pos.name}' sudah punya uraian tugas dari file "
                               f"'{same.task_file}'; tugas di file ini tidak dipakai.")
                continue
            add_position(tree, pos, p.file, node)
    for p in group.parts:  # 3. jabatan a tree source names without tasks
        for pos in p.positions:
            if pos.tasks is not None:
                continue
            node = tree.by_id.get(pos.parent_id or "", tree.root)
            same, _ = tree.find(pos.name, pos.code, node=node, kind=pos.kind)
            if same is None:
                add_position(tree, pos, p.file, node)
            elif same.kind is None:
                same.kind = pos.kind
    unmatched = place_staffing(tree, group.parts, issues)
    cross_check(tree, group.parts, settings, issues)
    fill_kinds(tree, name, notes, issues)
    maturity = next((p for p in group.parts if p.maturity is not None), None)
    kelembagaan = next((p for p in group.parts if p.kelembagaan is not None), None)
    for extra_part, what in ((maturity, "maturity"), (kelembagaan, "kelembagaan")):
        for p in group.parts:
            if extra_part is not None and p is not extra_part and getattr(p, what) is not None:
                notes.append(SourceNote(name, p.file, p.layout, IGNORED,
                                        f"{'kematangan' if what == 'maturity' else 'kelembagaan'}"
                                        f" sudah diambil dari file '{extra_part.file}'"))
    jenis = opd_jenis(name)
    profile: dict[str, object] = {"name": name, "jenis": jenis or "Lainnya"}
    abbr = next((p.abbr for p in group.parts if p.abbr), None)
    if abbr:
        profile["abbr"] = abbr
    if jenis is None:
        notes.append(SourceNote(name, "", "", INFERRED, "jenis OPD tidak dapat disimpulkan dari "
                                "namanya; dicatat 'Lainnya'"))
    units, positions, tasks, pending, retirements = frames_of(tree)
    if skeleton:
        issues.warning(group.parts[0].file, None, None, None,
                       f"OPD {name}: hanya susunan unit dan jabatan; uraian tugas belum ada. "
                       "Lengkapi sheet Beban Kerja di template hasil konversi.")
    elif positions.empty and not any(i.severity == "error" for i in issues):
        issues.error(group.parts[0].file, None, None, None,
                     f"OPD {name}: tidak ada jabatan dengan uraian tugas di file yang diunggah; "
                     "OPD tidak dapat dihitung. Unggah anjab/ABK-nya (atau lengkapi template "
                     "hasil konversi).")
    notes = opd_summary(name, group.parts, tree, unmatched, maturity, kelembagaan,
                        has_tree) + notes
    missing_warnings(name, group.parts, tree, issues)
    files = tuple(dict.fromkeys(p.file for p in group.parts))
    return CombinedWorkbook(
        file=", ".join(files), profile=profile, files=files,
        units=units, positions=positions, tasks=tasks,
        maturity=_maturity_frame(maturity.maturity) if maturity else None,
        kelembagaan=_kelembagaan_frame(kelembagaan.kelembagaan) if kelembagaan else None,
        issues=tuple(issues), sources=tuple(notes), pending=pending, retirements=retirements,
        layouts=tuple(dict.fromkeys(p.layout for p in group.parts)))


def _maturity_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["row", "variable", "self_level", "verified_level",
                                        "evidence"])
    for col in ("self_level", "verified_level"):
        frame[col] = frame[col].astype("float64")
    frame["row"] = frame["row"].astype("int64")
    return frame


def _kelembagaan_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["row", "subdimension", "item", "answer"])
    for col in ("item", "answer"):
        frame[col] = frame[col].astype("float64")
    frame["row"] = frame["row"].astype("int64")
    return frame
