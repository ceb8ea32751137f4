"""Repositories: the queries the service composes, each over an open Session, and the
conversions of rows into the frozen records of `records`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.store import schema as t
from sotk_core.store.actor import Action, Actor
from sotk_core.store.errors import NotFound
from sotk_core.store.records import (
    AuditInfo,
    DeckPositionInfo,
    NoteInfo,
    RoundInfo,
    ScenarioInfo,
    SubmissionInfo,
    WorkspaceInfo,
    changes_from_json,
)

# ---- rows -> records -----------------------------------------------------------------------


def workspace_info(row: t.Workspace) -> WorkspaceInfo:
    return WorkspaceInfo(row.id, row.name, row.created_at, row.created_by)


def round_info(row: t.Round) -> RoundInfo:
    return RoundInfo(row.id, row.workspace_id, row.name, Settings.from_dict(row.settings),
                     row.created_at, row.created_by, row.version)


def submission_info(row: t.Submission) -> SubmissionInfo:
    return SubmissionInfo(
        id=row.id, round_id=row.round_id, opd=row.opd, version=row.version,
        file_name=row.file_name, size=row.size, sha256=row.sha256, ok=row.ok,
        error_count=row.error_count, warning_count=row.warning_count,
        issues=tuple(Issue(**i) for i in row.issues), submitted_at=row.submitted_at,
        submitted_by=row.submitted_by, restored_from=row.restored_from, withdrawn=row.withdrawn)


def scenario_info(row: t.Scenario) -> ScenarioInfo:
    return ScenarioInfo(row.id, row.round_id, row.name, changes_from_json(row.changes),
                        row.author, row.created_at, row.updated_at, row.updated_by, row.version)


def note_info(row: t.Note) -> NoteInfo:
    return NoteInfo(row.uid, row.round_id, row.kind, row.opd, row.unit, row.text, row.slide_id,
                    row.author, row.created_at, row.updated_at, row.updated_by, row.version)


def deck_info(row: t.DeckPosition) -> DeckPositionInfo:
    return DeckPositionInfo(row.round_id, row.deck, row.slide_id, row.updated_at,
                            row.updated_by, row.version)


def audit_info(row: t.AuditEvent) -> AuditInfo:
    return AuditInfo(row.id, row.at, row.workspace_id, row.round_id, row.actor_name,
                     row.actor_role, row.action, row.target, row.opd, dict(row.detail or {}))


# ---- lookups -------------------------------------------------------------------------------


def workspace(s: Session, workspace_id: int) -> t.Workspace:
    row = s.get(t.Workspace, workspace_id)
    if row is None:
        raise NotFound(f"Ruang kerja nomor {workspace_id} tidak ada di basis data.")
    return row


def round_(s: Session, round_id: int) -> t.Round:
    row = s.get(t.Round, round_id)
    if row is None:
        raise NotFound(f"Putaran nomor {round_id} tidak ada di basis data.")
    return row


def submission(s: Session, submission_id: int) -> t.Submission:
    row = s.get(t.Submission, submission_id)
    if row is None:
        raise NotFound(f"Kiriman workbook nomor {submission_id} tidak ada.")
    return row


def scenario(s: Session, scenario_id: int) -> t.Scenario:
    row = s.get(t.Scenario, scenario_id)
    if row is None or row.deleted:
        raise NotFound("Skenario ini sudah dihapus atau tidak ada.")
    return row


def note(s: Session, uid: str) -> t.Note:
    row = s.scalar(select(t.Note).where(t.Note.uid == uid))
    if row is None or row.deleted:
        raise NotFound("Catatan ini sudah dihapus atau tidak ada.")
    return row


def rounds_of(s: Session, workspace_id: int) -> list[t.Round]:
    return list(s.scalars(select(t.Round).where(t.Round.workspace_id == workspace_id)
                          .order_by(t.Round.name, t.Round.id)))


def latest_versions(s: Session, round_id: int) -> dict[str, t.Submission]:
    """The newest version of each OPD of a round (withdrawn ones included), by OPD."""
    newest = (select(t.Submission.opd, func.max(t.Submission.version).label("v"))
              .where(t.Submission.round_id == round_id).group_by(t.Submission.opd).subquery())
    rows = s.scalars(select(t.Submission).join(
        newest, (t.Submission.opd == newest.c.opd) & (t.Submission.version == newest.c.v))
        .where(t.Submission.round_id == round_id).order_by(t.Submission.seq))
    return {r.opd: r for r in rows}


def current_submissions(s: Session, round_id: int) -> list[t.Submission]:
    """The version in force of every OPD of the round, in the round's order."""
    return [r for r in latest_versions(s, round_id).values() if not r.withdrawn]


def versions_of(s: Session, round_id: int, opd: str) -> list[t.Submission]:
    return list(s.scalars(select(t.Submission).where(
        t.Submission.round_id == round_id, t.Submission.opd == opd)
        .order_by(t.Submission.version.desc())))


def next_seq(s: Session, round_id: int) -> int:
    return int(s.scalar(select(func.coalesce(func.max(t.Submission.seq), 0))
                        .where(t.Submission.round_id == round_id)) or 0) + 1


def frames_of(s: Session, submission_ids: Sequence[int]) -> dict[int, dict[str, bytes]]:
    out: dict[int, dict[str, bytes]] = {i: {} for i in submission_ids}
    if not submission_ids:
        return out
    for sid, name, data in s.execute(select(
            t.SubmissionFrame.submission_id, t.SubmissionFrame.name, t.SubmissionFrame.data)
            .where(t.SubmissionFrame.submission_id.in_(list(submission_ids)))):
        out[sid][name] = data
    return out


def files_of(s: Session, submission_ids: Iterable[int]) -> dict[int, list[tuple[str, bytes]]]:
    """The files of each submission, (name, bytes exactly as received), in upload order."""
    ids = list(submission_ids)
    out: dict[int, list[tuple[str, bytes]]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = s.execute(select(t.SubmissionFile.submission_id, t.SubmissionFile.file_name,
                            t.SubmissionFile.content)
                     .where(t.SubmissionFile.submission_id.in_(ids))
                     .order_by(t.SubmissionFile.submission_id, t.SubmissionFile.position))
    for sid, name, data in rows:
        out[sid].append((name, data))
    return out


def notes_of(s: Session, round_id: int) -> list[t.Note]:
    return list(s.scalars(select(t.Note).where(t.Note.round_id == round_id,
                                               t.Note.deleted.is_(False))
                          .order_by(t.Note.created_at, t.Note.id)))


def scenarios_of(s: Session, round_id: int) -> list[t.Scenario]:
    return list(s.scalars(select(t.Scenario).where(t.Scenario.round_id == round_id,
                                                   t.Scenario.deleted.is_(False))
                          .order_by(t.Scenario.created_at, t.Scenario.id)))


# ---- the audit trail -----------------------------------------------------------------------


def audit(s: Session, actor: Actor, action: Action, *, workspace_id: int | None,
          round_id: int | None = None, target: str | None = None, opd: str | None = None,
          **detail: object) -> None:
    s.add(t.AuditEvent(at=t.utcnow(), workspace_id=workspace_id, round_id=round_id,
                       actor_id=actor.account_id, actor_name=actor.name,
                       actor_role=str(actor.role), action=str(action), target=target, opd=opd,
                       detail=detail))


def audit_rows(s: Session, workspace_id: int, round_id: int | None = None,
               opd: str | None = None, limit: int = 1000) -> list[t.AuditEvent]:
    q = select(t.AuditEvent).where(t.AuditEvent.workspace_id == workspace_id)
    if round_id is not None:
        q = q.where(t.AuditEvent.round_id == round_id)
    if opd is not None:
        q = q.where(t.AuditEvent.opd == opd)
    return list(s.scalars(q.order_by(t.AuditEvent.at.desc(), t.AuditEvent.id.desc())
                          .limit(limit)))
