"""Placing what the files of one OPD say into its tree: the units of a tree source, the unit
a structural jabatan without one heads, bezetting lists, the forms' own figures to compare
with ours, and the kinds no file gave (inferred from names and depth, said in the summary)."""

from __future__ import annotations

import re

import numpy as np

from sotk_core.base.fmt import fmt_num, round_need
from sotk_core.base.issues import IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook.cells import fmt_cell
from sotk_core.workbook.formats import _scan as s
from sotk_core.workbook.formats._names import position_kind, unit_kind
from sotk_core.workbook.formats._tree import Node, Placed, Tree
from sotk_core.workbook.formats.parts import Part, Position
from sotk_core.workbook.formats.summary import INFERRED, SourceNote
from sotk_core.workbook.spec import STRUCTURAL


def head_unit(tree: Tree, pos: Position, part: Part, has_tree: bool
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


def insert_units(tree: Tree, part: Part) -> None:
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


def place_staffing(tree: Tree, parts: list[Part], issues: IssueList) -> list[tuple[Part, str, str]]:
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
            if st.retire_years and found.retire_years is None:
                found.retire_years = st.retire_years
            if st.grade is not None and found.grade is None:
                found.grade = st.grade
            if st.kind is not None and found.kind is None:
                found.kind = st.kind
    return unmatched


def cross_check(tree: Tree, parts: list[Part], settings: Settings, issues: IssueList) -> None:
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


def fill_kinds(tree: Tree, name: str, notes: list[SourceNote], issues: IssueList) -> None:
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
