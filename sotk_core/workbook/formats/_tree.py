"""The unit tree of one combined OPD and the jabatan placed in it, with the matching rules
between files: by code when both have one, else by normalised name (within the same unit
when the file names one), a structural jabatan by the unit it heads."""

from __future__ import annotations

from dataclasses import dataclass, field

from sotk_core.workbook.formats._names import opd_key, position_key
from sotk_core.workbook.formats._scan import key
from sotk_core.workbook.formats.parts import Position, Task, Where
from sotk_core.workbook.spec import STRUCTURAL


@dataclass
class Node:
    name: str
    kind: str | None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    source: str = ""  # file that named it
    code: str = ""

    def child(self, name: str) -> Node | None:
        k = key(name)
        return next((c for c in self.children if key(c.name) == k), None)

    def walk(self) -> list[Node]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1


@dataclass
class Placed:
    """A jabatan of the combined OPD."""

    name: str
    node: Node
    kind: str | None
    file: str
    where: Where
    code: str | None = None
    grade: int | None = None
    tasks: list[Task] | None = None
    task_file: str | None = None
    existing: float | None = None
    retiring: float | None = None
    staff_file: str | None = None
    retire_years: dict[int, float] | None = None


class Tree:
    def __init__(self, opd: str) -> None:
        self.root = Node(opd, "OPD")
        self.by_id: dict[str, Node] = {}
        self.positions: list[Placed] = []
        self.new_units: list[tuple[str, str]] = []  # (unit name, file): named by a file but
        # not in the tree source

    def place_chain(self, chain: tuple[tuple[str, str | None], ...], file: str,
                    has_tree_source: bool) -> Node:
        """The node of a unit chain (top down below the OPD), creating missing units; a name
        found elsewhere in the tree (e.g. UNOR) is used there."""
        node = self.root
        items = list(chain)
        if items and opd_key(items[0][0]) == opd_key(self.root.name):
            items = items[1:]
        for name, kind in items:
            found = node.child(name)
            if found is None:
                anywhere = [n for n in self.root.walk() if key(n.name) == key(name)
                            and n is not self.root]
                found = anywhere[0] if len(anywhere) == 1 else None
            if found is None:
                found = Node(name, kind, node, source=file)
                node.children.append(found)
                if has_tree_source:
                    self.new_units.append((name, file))
            elif found.name.isupper() and not name.isupper():
                found.name = name  # 'SEKRETARIAT' (UNOR) shown as another file writes it
            node = found
        return node

    def head_of(self, node: Node) -> Placed | None:
        return next((p for p in self.positions if p.node is node and p.kind in STRUCTURAL),
                    None)

    def find(self, name: str, code: str | None, unit: str | None = None,
             node: Node | None = None, kind: str | None = None) -> tuple[Placed | None, str]:
        """(the matching jabatan, '' or why none): code; the head of `node` for a structural
        jabatan; name within `node` or the unit named `unit`; name alone when unique."""
        if code:
            hit = [p for p in self.positions if p.code and key(p.code) == key(code)]
            if len(hit) == 1:
                return hit[0], ""
        if node is not None and kind in STRUCTURAL:
            head = self.head_of(node)
            if head is not None:
                return head, ""
        k = position_key(name)
        same = [p for p in self.positions if position_key(p.name) == k]
        if node is not None:
            here = [p for p in same if p.node is node]
            if len(here) == 1:
                return here[0], ""
        if unit:
            uk = key(unit)
            here = [p for p in same if key(p.node.name) == uk or (
                p.node is self.root and opd_key(unit) == opd_key(self.root.name))]
            if len(here) == 1:
                return here[0], ""
        if len(same) == 1:
            return same[0], ""
        if len(same) > 1:
            return None, f"nama sama di {len(same)} unit"
        return None, "tidak ada nama yang sama"


def add_position(tree: Tree, position: Position, file: str, node: Node) -> Placed:
    placed = Placed(position.name, node, position.kind, file, position.where, position.code,
                    position.grade, position.tasks, file if position.tasks is not None else None,
                    position.existing, position.retiring,
                    file if position.existing is not None else None, position.retire_years)
    tree.positions.append(placed)
    return placed
