"""What one file of another layout contributes to an OPD, before files are combined.

Readers fill these records; `combine` merges the records of every file naming the same OPD
into one template-v1 `OpdWorkbook`. Anything a file does not carry stays None (unknown),
never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sotk_core.base.issues import IssueList


@dataclass
class Task:
    task: str
    output: str | None
    volume: float  # per year (or per `period`)
    norma: float
    time_unit: str  # "Menit" | "Jam"
    sheet: str
    row: int  # Excel row
    period: str = "Tahun"


@dataclass
class Where:
    """Where a record was read: sheet and Excel row of the file it came from."""

    sheet: str | None
    row: int | None


@dataclass
class Position:
    """A jabatan as a file describes it. `units` is the unit chain below the OPD, top down,
    as (name, kind) pairs; empty when the file does not say (then: directly under the OPD)."""

    name: str
    where: Where
    code: str | None = None
    units: tuple[tuple[str, str | None], ...] = ()
    kind: str | None = None
    grade: int | None = None
    tasks: list[Task] | None = None  # None: the file carries no tasks for it
    existing: float | None = None  # bezetting, None when unknown
    retiring: float | None = None
    retire_years: dict[int, float] | None = None  # year -> count (e-Formasi)
    unit_hint: str | None = None  # unit name when only a name is given (bezetting lists)
    parent_id: str | None = None  # UNOR: the id of the unit row above


@dataclass
class Unit:
    """A unit of a tree source (UNOR): id, name, kind, parent id, depth below the OPD."""

    id: str
    name: str
    kind: str | None
    parent: str | None  # None: directly under the OPD
    where: Where
    head: str | None = None  # name of its structural position (NAMA SUB JABATAN)
    head_kind: str | None = None


@dataclass
class Check:
    """A value the form computed itself, to compare with ours after combining (>1 %)."""

    what: str  # "hours" | "need" (form's rounded need) | "need_raw"
    position: str  # jabatan name as written
    code: str | None
    unit: str | None
    value: float
    where: Where
    column: str | None
    wke_hours: float | None = None  # the WKE the form used, when it says


@dataclass
class Part:
    """Everything one file (or one OPD of a multi-OPD file) contributes."""

    file: str
    layout: str  # human label of the layout, Indonesian
    opd: str | None = None
    abbr: str | None = None
    positions: list[Position] = field(default_factory=list)
    units: list[Unit] | None = None  # a tree source
    staffing: list[Position] = field(default_factory=list)  # bezetting lists
    maturity: list[dict] | None = None  # rows: variable, self_level, verified_level, evidence, row
    kelembagaan: list[dict] | None = None  # rows: subdimension, item, answer, row
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was inferred, said to the user
    issues: IssueList = field(default_factory=IssueList)
    unit_tree_only: bool = False  # UNOR: positions are a skeleton without tasks

    @property
    def has_tasks(self) -> bool:
        return any(p.tasks is not None for p in self.positions)
