"""What the service hands out: small frozen records (never ORM objects, so nothing lazy leaks
out of a session), and the JSON form of scenario change records."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.scenario import CHANGE_TYPES, AddPosition, Change, NewTask, Scenario
from sotk_core.store.errors import InvalidInput

_BY_KIND: dict[str, type] = {cls.change_kind: cls for cls in CHANGE_TYPES}


def change_to_json(change: Change) -> dict[str, Any]:
    """{"change": change_kind, **fields}; the tasks of an AddPosition as a list of dicts."""
    body: dict[str, Any] = {"change": type(change).change_kind}
    for f in dataclasses.fields(change):
        value = getattr(change, f.name)
        if f.name == "tasks":
            value = [t._asdict() for t in value]
        body[f.name] = value
    return body


def change_from_json(body: dict[str, Any]) -> Change:
    data = dict(body)
    cls = _BY_KIND.get(str(data.pop("change", "")))
    if cls is None:
        raise InvalidInput(f"Jenis perubahan skenario tidak dikenal: {body.get('change')!r}.")
    if cls is AddPosition:
        data["tasks"] = tuple(NewTask(**t) for t in data.get("tasks") or ())
    names = {f.name for f in dataclasses.fields(cls)}
    try:
        return cls(**{k: v for k, v in data.items() if k in names})
    except TypeError as exc:
        raise InvalidInput(f"Perubahan skenario tidak lengkap: {body!r}.") from exc


def changes_to_json(changes: tuple[Change, ...]) -> list[dict[str, Any]]:
    return [change_to_json(c) for c in changes]


def changes_from_json(items: list[dict[str, Any]]) -> tuple[Change, ...]:
    return tuple(change_from_json(i) for i in items)


@dataclass(frozen=True)
class WorkspaceInfo:
    id: int
    name: str
    created_at: datetime
    created_by: str
    demo: bool = False


@dataclass(frozen=True)
class RoundInfo:
    id: int
    workspace_id: int
    name: str
    settings: Settings
    created_at: datetime
    created_by: str
    version: int


@dataclass(frozen=True)
class SubmissionInfo:
    """One version of one OPD's workbook (no bytes: ask `submission_bytes`)."""

    id: int
    round_id: int
    opd: str
    version: int
    file_name: str
    size: int
    sha256: str
    ok: bool
    error_count: int
    warning_count: int
    issues: tuple[Issue, ...]
    submitted_at: datetime
    submitted_by: str
    restored_from: int | None
    withdrawn: bool


@dataclass(frozen=True)
class ImportResult:
    """What one import did: the stored versions, and the files refused (with the reason)."""

    stored: tuple[SubmissionInfo, ...]
    refused: tuple[Issue, ...]


@dataclass(frozen=True)
class ScenarioInfo:
    id: int
    round_id: int
    name: str
    changes: tuple[Change, ...]
    author: str
    created_at: datetime
    updated_at: datetime
    updated_by: str
    version: int

    @property
    def scenario(self) -> Scenario:
        return Scenario(name=self.name, changes=self.changes)


@dataclass(frozen=True)
class NoteInfo:
    uid: str
    round_id: int
    kind: str
    opd: str | None
    unit: str | None
    text: str
    slide_id: str | None
    author: str
    created_at: datetime
    updated_at: datetime
    updated_by: str
    version: int

    def as_note(self) -> dict[str, str | None]:
        """The plain note dict of sotk_core.notes (FIELDS), local time of creation."""
        return {"waktu": self.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                "opd": self.opd, "unit": self.unit, "jenis": self.kind, "teks": self.text}


@dataclass(frozen=True)
class DeckPositionInfo:
    round_id: int
    deck: str
    slide_id: str
    updated_at: datetime
    updated_by: str
    version: int


@dataclass(frozen=True)
class AuditInfo:
    id: int
    at: datetime
    workspace_id: int | None
    round_id: int | None
    actor_name: str
    actor_role: str
    action: str
    target: str | None
    opd: str | None
    detail: dict[str, Any]
