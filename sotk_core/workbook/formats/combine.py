"""Combining the files of one OPD into one template-v1 `OpdWorkbook` (formats.md, last part).

Files naming the same OPD (normalised name, or an abbreviation a file gives beside the name)
are combined: tasks from anjab/INFOJAB/Form A/e-ABK, the tree from UNOR or the unit lines,
bezetting from Form B/REKAP/e-Formasi, maturity and kelembagaan from their questionnaires.
What no file gives stays unknown (NaN), never 0, and is listed in the OPD's summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sotk_core.base.fmt import fmt_num, round_need
from sotk_core.base.issues import Issue, IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook.cells import fmt_cell
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._names import (
    opd_jenis,
    opd_key,
    position_key,
    position_kind,
    unit_kind,
)
from sotk_core.workbook.formats._tree import Node, Placed, Tree, add_position
from sotk_core.workbook.formats.parts import Part, Position
from sotk_core.workbook.reader import OpdWorkbook
from sotk_core.workbook.spec import STRUCTURAL

UNNAMED = "OPD tanpa nama"
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
                           f"{_listing(names)}. Unggah file anjab/ABK OPD tersebut, atau ubah "
                           "file ini menjadi template SOTK v1 (konversi) lalu lengkapi di Excel."))
    return books, extra


def _listing(names: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" dan {len(names) - limit} lainnya" if len(names) > limit else "")


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
                                          _template_summary(book))]
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
    return CombinedWorkbook(file=book.file, profile=book.profile, units=book.units,
                            positions=book.positions, tasks=book.tasks, maturity=maturity,
                            kelembagaan=kelembagaan, issues=tuple(issues), macro=book.macro,
                            sources=tuple(notes),
                            layouts=("Template SOTK v1", *(p.layout for p in group.parts)),
                            files=tuple(dict.fromkeys([book.file, *(p.file for p in group.parts)])))


def _template_summary(book: OpdWorkbook) -> str:
    parts = [f"{len(book.units)} unit", f"{len(book.positions)} jabatan",
             f"{len(book.tasks)} uraian tugas"]
    if book.maturity is not None:
        parts.append("kematangan")
    if book.kelembagaan is not None:
        parts.append("kelembagaan")
    return ", ".join(parts)


def _build(group: _Group, settings: Settings, skeleton: bool = False) -> CombinedWorkbook:
    """One OPD from the parts of its files. `skeleton`: a tree source alone (conversion
    only): the missing tasks are a warning, the workbook is written for them to be added."""
    from sotk_core.workbook.formats._frames import frames_of

    name = group.name
    issues = IssueList()
    notes: list[SourceNote] = []
    for p in group.parts:
        issues.extend(p.issues)
    tree = Tree(name)
    has_tree = any(p.units is not None for p in group.parts)
    for p in group.parts:  # 1. the unit tree of a tree source (UNOR)
        _insert_units(tree, p)
    for p in group.parts:  # 2. jabatan with tasks
        for pos in p.positions:
            if pos.tasks is None:
                continue
            chain = pos.units or _head_unit(tree, pos, p, has_tree)
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
    unmatched = _staffing(tree, group.parts, issues)
    _checks(tree, group.parts, settings, issues)
    _fill_kinds(tree, name, notes, issues)
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
    units, positions, tasks, pending = frames_of(tree)
    if skeleton:
        issues.warning(group.parts[0].file, None, None, None,
                       f"OPD {name}: hanya susunan unit dan jabatan; uraian tugas belum ada. "
                       "Lengkapi sheet Beban Kerja di template hasil konversi.")
    elif positions.empty and not any(i.severity == "error" for i in issues):
        issues.error(group.parts[0].file, None, None, None,
                     f"OPD {name}: tidak ada jabatan dengan uraian tugas di file yang diunggah; "
                     "OPD tidak dapat dihitung. Unggah anjab/ABK-nya (atau lengkapi template "
                     "hasil konversi).")
    notes = _summary(group, tree, unmatched, maturity, kelembagaan, has_tree) + notes
    _missing_warnings(group, tree, issues)
    files = tuple(dict.fromkeys(p.file for p in group.parts))
    return CombinedWorkbook(
        file=", ".join(files), profile=profile, files=files,
        units=units, positions=positions, tasks=tasks,
        maturity=_maturity_frame(maturity.maturity) if maturity else None,
        kelembagaan=_kelembagaan_frame(kelembagaan.kelembagaan) if kelembagaan else None,
        issues=tuple(issues), sources=tuple(notes), pending=pending,
        layouts=tuple(dict.fromkeys(p.layout for p in group.parts)))


def _head_unit(tree: Tree, pos: Position, part: Part, has_tree: bool
               ) -> tuple[tuple[str, str | None], ...]:
    """A structural jabatan a file places in no unit (INFOJAB) heads the unit its title
    names ('Kepala Bidang X' → Bidang X, 'Sekretaris' → Sekretariat), directly under the
    OPD; the first JPT Pratama heads the OPD itself."""
    kind = pos.kind or position_kind(pos.name)
    if kind not in STRUCTURAL or has_tree or (
            kind == "JPT Pratama" and tree.head_of(tree.root) is None):
        return ()
    k = s.key(pos.name)
    unit = "Sekretariat" if k.startswith("sekretaris") else re.sub(
        r"^kepala\s+", "", pos.name.strip(), flags=re.IGNORECASE)
    if s.key(unit) == k and not k.startswith("sekretaris"):
        return ()
    part.notes.append(f"Unit '{unit}' disimpulkan dari nama jabatan '{pos.name}' (file tidak "
                      "memuat unit kerja); induknya tidak diketahui, ditempatkan langsung di "
                      "bawah OPD.")
    return ((unit, unit_kind(unit)),)


def _insert_units(tree: Tree, part: Part) -> None:
    if part.units is None:
        return
    waiting = list(part.units)
    while waiting:
        progressed = False
        for u in list(waiting):
            parent = tree.root if u.parent is None else tree.by_id.get(u.parent)
            if parent is None and u.parent not in {w.id for w in waiting}:
                parent = tree.root  # its parent is outside this OPD
            if parent is None:
                continue
            node = Node(u.name, u.kind, parent, source=part.file)
            parent.children.append(node)
            tree.by_id[u.id] = node
            waiting.remove(u)
            progressed = True
        if not progressed:  # a cycle: hang the rest under the OPD
            for u in waiting:
                node = Node(u.name, u.kind, tree.root, source=part.file)
                tree.root.children.append(node)
                tree.by_id[u.id] = node
            break


def _staffing(tree: Tree, parts: list[Part], issues: IssueList) -> list[tuple[Part, str, str]]:
    """Bezetting lists onto the jabatan: the first file giving a jabatan's bezetting wins."""
    unmatched: list[tuple[Part, str, str]] = []
    for p in parts:
        for st in p.staffing:
            found, why = tree.find(st.name, st.code, unit=st.unit_hint)
            if found is None:
                unmatched.append((p, st.name, why))
                continue
            if st.existing is not None:
                if found.existing is None:
                    found.existing, found.staff_file = st.existing, p.file
                elif found.existing != st.existing:
                    issues.warning(p.file, st.where.sheet, st.where.row, None,
                                   f"Bezetting '{st.name}' di file ini {fmt_num(st.existing)}, "
                                   f"di file '{found.staff_file}' {fmt_num(found.existing)}; "
                                   "dipakai yang pertama.")
            if st.retiring is not None and found.retiring is None:
                found.retiring = st.retiring
            if st.grade is not None and found.grade is None:
                found.grade = st.grade
            if st.kind is not None and found.kind is None:
                found.kind = st.kind
    return unmatched


def _checks(tree: Tree, parts: list[Part], settings: Settings, issues: IssueList) -> None:
    """Values a form computed itself against ours; more than 1 % apart is a warning."""
    for p in parts:
        for ch in p.checks:
            found, _ = tree.find(ch.position, ch.code, unit=ch.unit)
            if found is None or found.tasks is None:
                continue
            hours = sum(t.volume * t.norma * (60.0 if t.time_unit == "Jam" else 1.0)
                        for t in found.tasks) / 60.0
            wke = ch.wke_hours or settings.wke_hours
            need_raw = hours / wke
            if ch.what == "hours":
                ours, label = hours, f"beban kerja {fmt_cell(hours)} jam"
            elif float(ch.value).is_integer():
                ours = float(round_need(np.array([need_raw]), settings.rounding)[0])
                label = f"kebutuhan {fmt_cell(ours)} orang ({fmt_cell(hours)} jam / {fmt_num(wke)})"
            else:
                ours, label = need_raw, f"kebutuhan {fmt_num(need_raw, 4)} orang"
            if s.differs(ours, ch.value):
                issues.warning(p.file, ch.where.sheet, ch.where.row, ch.column,
                               f"Nilai di form {fmt_cell(ch.value)} untuk '{ch.position}', "
                               f"hitungan aplikasi {label}; selisih lebih dari 1 % (salah hitung "
                               "di form, atau WKE/pembulatan berbeda).")


def _fill_kinds(tree: Tree, name: str, notes: list[SourceNote], issues: IssueList) -> None:
    for node in tree.root.walk()[1:]:
        if node.kind is None:
            node.kind = "Bidang" if node.depth == 1 else "Seksi"
            notes.append(SourceNote(name, node.source, "", INFERRED,
                                    f"jenis unit '{node.name}' disimpulkan {node.kind} dari "
                                    "tingkatnya"))
    heads: dict[int, Placed] = {}
    for pos in tree.positions:
        if pos.kind is None:
            pos.kind = position_kind(pos.name)
            notes.append(SourceNote(name, pos.file, "", INFERRED,
                                    f"jenis jabatan '{pos.name}' disimpulkan {pos.kind} dari nama"))
        if pos.kind in STRUCTURAL and pos.tasks is not None:
            first = heads.setdefault(id(pos.node), pos)
            if first is not pos:
                issues.error(pos.file, pos.where.sheet, pos.where.row, None,
                             f"Unit '{pos.node.name}' sudah punya kepala '{first.name}' (file "
                             f"'{first.file}'); '{pos.name}' juga jabatan struktural di unit itu. "
                             "Periksa baris unit kerja atau jenis jabatannya.")


def _summary(group: _Group, tree: Tree, unmatched: list[tuple[Part, str, str]],
             maturity: Part | None, kelembagaan: Part | None, has_tree: bool
             ) -> list[SourceNote]:
    name = group.name
    out: list[SourceNote] = []
    for p in group.parts:
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
                              f"jabatan: {_listing(no_staff)}"))
    no_tasks = [x.name for x in tree.positions if x.tasks is None]
    if no_tasks:
        out.append(SourceNote(name, "", "", MISSING, f"uraian tugas tidak ada untuk "
                              f"{len(no_tasks)} jabatan (tidak dihitung): {_listing(no_tasks)}"))
    if not has_tree and not any(x.units for p in group.parts for x in p.positions):
        out.append(SourceNote(name, "", "", MISSING, "susunan unit tidak ada; semua jabatan "
                              "langsung di bawah OPD"))
    if maturity is None:
        out.append(SourceNote(name, "", "", MISSING, "kematangan tidak ada"))
    if kelembagaan is None:
        out.append(SourceNote(name, "", "", MISSING, "kelembagaan tidak ada (opsional)"))
    return out


def _missing_warnings(group: _Group, tree: Tree, issues: IssueList) -> None:
    computed = [x for x in tree.positions if x.tasks is not None]
    no_staff = [x.name for x in computed if x.existing is None]
    if no_staff:
        issues.warning(group.parts[0].file, None, None, None,
                       f"OPD {group.name}: bezetting tidak ada untuk {len(no_staff)} jabatan "
                       f"({_listing(no_staff)}); dihitung sebagai belum diketahui, bukan 0. "
                       "Unggah REKAP ABK, FORM B atau template bezetting e-Formasi OPD ini.")


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
