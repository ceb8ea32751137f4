"""The workspace service: every read and change of a workspace goes through here.

Each method takes the acting `Actor` first and asks `self.policy.check(actor, action, scope)`
before it touches anything (permissions are enforced here, not in the pages); each change is
one transaction that also writes an `audit_event` row. Records that two people may edit at
once carry a `version`: an update names the version it was based on and raises `Conflict`
(with the current record) when someone else saved meanwhile. Nothing is overwritten silently.

Workspaces, rounds and submissions live here; scenarios, notes and the deck position in
`collab.CollabService`, which `WorkspaceService` extends.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData, build_city
from sotk_core.store import frames as fr
from sotk_core.store import repo
from sotk_core.store import schema as t
from sotk_core.store.actor import LOCAL_ACTOR, Action, Actor, Policy
from sotk_core.store.base import clean_name as _name
from sotk_core.store.collab import CollabService
from sotk_core.store.database import Database
from sotk_core.store.errors import Conflict, NameTaken, NotFound, StoreError
from sotk_core.store.records import (
    AuditInfo,
    ImportResult,
    RoundInfo,
    SubmissionInfo,
    WorkspaceInfo,
)
from sotk_core.workbook import OpdWorkbook, read_workbook

_RETRIES = 4  # an import that lost a race for a version number is simply run again


@dataclass(frozen=True)
class RoundData:
    """A round opened: its record, the submissions in force and the city built from them."""

    round: RoundInfo
    workspace: WorkspaceInfo
    submissions: tuple[SubmissionInfo, ...]
    city: CityData
    reparsed: int = 0  # submissions read again from bytes (settings changed or old format)

    @property
    def settings(self) -> Settings:
        return self.round.settings


class WorkspaceService(CollabService):
    """Open with `WorkspaceService.open(url)`; see the module docstring."""

    @classmethod
    def open(cls, url: str | None = None, policy: Policy | None = None) -> WorkspaceService:
        return cls(Database.open(url), policy)

    def close(self) -> None:
        self.db.dispose()

    # ---- workspaces ---------------------------------------------------------------------

    def create_workspace(self, actor: Actor, name: str) -> WorkspaceInfo:
        name = _name(name, "ruang kerja", 200)
        self._check(actor, Action.WORKSPACE_CREATE)
        try:
            with self.db.write() as s:
                row = t.Workspace(name=name, created_at=t.utcnow(), created_by=actor.name)
                s.add(row)
                s.flush()
                repo.audit(s, actor, Action.WORKSPACE_CREATE, workspace_id=row.id, name=name)
                return repo.workspace_info(row)
        except IntegrityError as exc:
            raise NameTaken(f"Ruang kerja '{name}' sudah ada.") from exc

    def list_workspaces(self, actor: Actor = LOCAL_ACTOR) -> list[WorkspaceInfo]:
        self._check(actor, Action.VIEW)
        with self.db.read() as s:
            return [repo.workspace_info(r)
                    for r in s.scalars(select(t.Workspace).order_by(t.Workspace.name))]

    def workspace_by_name(self, actor: Actor, name: str) -> WorkspaceInfo:
        with self.db.read() as s:
            row = s.scalar(select(t.Workspace).where(t.Workspace.name == name))
            if row is None:
                raise NotFound(f"Ruang kerja '{name}' tidak ada di basis data.")
            self._check(actor, Action.VIEW, workspace_id=row.id)
            return repo.workspace_info(row)

    def get_workspace(self, actor: Actor, workspace_id: int) -> WorkspaceInfo:
        self._check(actor, Action.VIEW, workspace_id=workspace_id)
        with self.db.read() as s:
            return repo.workspace_info(repo.workspace(s, workspace_id))

    # ---- rounds ---------------------------------------------------------------------------

    def create_round(self, actor: Actor, workspace_id: int, name: str,
                     settings: Settings | None = None) -> RoundInfo:
        name = _name(name, "putaran")
        self._check(actor, Action.ROUND_CREATE, workspace_id=workspace_id)
        settings = settings or Settings()
        try:
            with self.db.write() as s:
                repo.workspace(s, workspace_id)
                row = t.Round(workspace_id=workspace_id, name=name, settings=settings.to_dict(),
                              created_at=t.utcnow(), created_by=actor.name, version=1)
                s.add(row)
                s.flush()
                repo.audit(s, actor, Action.ROUND_CREATE, workspace_id=workspace_id,
                           round_id=row.id, name=name, settings=settings.to_dict())
                return repo.round_info(row)
        except IntegrityError as exc:
            raise NameTaken(f"Putaran '{name}' sudah ada di ruang kerja ini.") from exc

    def list_rounds(self, actor: Actor, workspace_id: int) -> list[RoundInfo]:
        """Rounds by name ("2025" before "2026"): the order of the trend view."""
        self._check(actor, Action.VIEW, workspace_id=workspace_id)
        with self.db.read() as s:
            return [repo.round_info(r) for r in repo.rounds_of(s, workspace_id)]

    def get_round(self, actor: Actor, round_id: int) -> RoundInfo:
        with self.db.read() as s:
            row = repo.round_(s, round_id)
            self._check(actor, Action.VIEW, workspace_id=row.workspace_id, round_id=round_id)
            return repo.round_info(row)

    def round_by_name(self, actor: Actor, workspace_id: int, name: str) -> RoundInfo:
        self._check(actor, Action.VIEW, workspace_id=workspace_id)
        with self.db.read() as s:
            row = s.scalar(select(t.Round).where(t.Round.workspace_id == workspace_id,
                                                 t.Round.name == name))
            if row is None:
                raise NotFound(f"Putaran '{name}' tidak ada di ruang kerja ini.")
            return repo.round_info(row)

    def ensure_round(self, actor: Actor, workspace_id: int, name: str,
                     settings: Settings | None = None) -> RoundInfo:
        """The round named `name`, created when missing (two callers at once: one creates)."""
        try:
            return self.round_by_name(actor, workspace_id, name)
        except NotFound:
            try:
                return self.create_round(actor, workspace_id, name, settings)
            except NameTaken:
                return self.round_by_name(actor, workspace_id, name)

    def set_round_settings(self, actor: Actor, round_id: int, settings: Settings,
                           expected_version: int) -> RoundInfo:
        with self.db.write() as s:
            row = repo.round_(s, round_id)
            self._check(actor, Action.ROUND_SETTINGS, workspace_id=row.workspace_id,
                        round_id=round_id)
            if row.version != expected_version:
                raise Conflict("Pengaturan putaran ini sudah diubah orang lain sejak Anda "
                               "membukanya; muat ulang lalu ubah lagi.", repo.round_info(row))
            row.settings = settings.to_dict()
            row.version += 1
            repo.audit(s, actor, Action.ROUND_SETTINGS, workspace_id=row.workspace_id,
                       round_id=round_id, settings=settings.to_dict())
            return repo.round_info(row)

    # ---- submissions ----------------------------------------------------------------------

    def submit(self, actor: Actor, round_id: int, files: Sequence[tuple[str, bytes]]
               ) -> ImportResult:
        """Store OPD workbooks (file name, bytes) in a round: each file read and validated
        with the round's settings, then all of them in ONE transaction (all or nothing).

        A workbook whose OPD already has a version in the round becomes its next version.
        Refused (reported, not stored): a second file of the same OPD in this batch (as the
        plain report refuses it) and a file identical to the OPD's version in force."""
        rnd = self.get_round(actor, round_id)
        key = fr.parse_key(rnd.settings)
        batch: list[tuple[OpdWorkbook, str, bytes]] = []
        refused: list[Issue] = []
        seen: dict[str, str] = {}
        for fname, data in files:
            wb = read_workbook(data, fname, rnd.settings)
            opd = wb.name
            self._check(actor, Action.SUBMIT, workspace_id=rnd.workspace_id,
                        round_id=round_id, opd=opd)
            if opd in seen:
                refused.append(Issue("error", fname, "Profil", None, "Nilai",
                                     f"OPD '{opd}' sudah dimuat dari file '{seen[opd]}'; file "
                                     f"'{fname}' diabaikan (file pertama yang dipakai)."))
                continue
            seen[opd] = fname
            batch.append((wb, opd, data))
        for attempt in range(_RETRIES):
            try:
                stored, same = self._store_batch(actor, rnd, batch, key)
                break
            except IntegrityError:
                if attempt == _RETRIES - 1:
                    raise StoreError("Impor bersamaan dengan impor lain untuk OPD yang sama "
                                     "gagal beberapa kali; tidak ada yang tersimpan. Coba "
                                     "lagi.") from None
        refused += same
        return ImportResult(stored=tuple(stored), refused=tuple(refused))

    def _store_batch(self, actor: Actor, rnd: RoundInfo,
                     batch: list[tuple[OpdWorkbook, str, bytes]], key: str
                     ) -> tuple[list[SubmissionInfo], list[Issue]]:
        stored: list[t.Submission] = []
        same: list[Issue] = []
        with self.db.write() as s:
            latest = repo.latest_versions(s, rnd.id)
            seq = repo.next_seq(s, rnd.id)
            for wb, opd, data in batch:
                digest = hashlib.sha256(data).hexdigest()
                prev = latest.get(opd)
                if prev is not None and prev.sha256 == digest and not prev.withdrawn:
                    same.append(Issue("warning", wb.file, None, None, None,
                                      f"Sama persis dengan versi {prev.version} OPD '{opd}' "
                                      "yang sudah tersimpan; tidak disimpan ulang."))
                    continue
                row = self._new_submission(s, actor, rnd, wb, opd, data, digest, key, prev,
                                           seq)
                if prev is None:
                    seq += 1
                stored.append(row)
            s.flush()
            return [repo.submission_info(r) for r in stored], same

    def _new_submission(self, s, actor: Actor, rnd: RoundInfo, wb: OpdWorkbook, opd: str,
                        data: bytes, digest: str, key: str, prev: t.Submission | None,
                        seq: int, restored_from: int | None = None) -> t.Submission:
        try:
            frames = fr.encode(wb)
            profile = fr.profile_json(wb)
        except fr.NotStorable:  # kept as bytes only: re-read when the round is opened
            frames, profile, key = {}, {"profile": {}, "macro": wb.macro}, "reparse"
        row = t.Submission(
            round_id=rnd.id, opd=opd, version=(prev.version + 1) if prev else 1,
            seq=prev.seq if prev else seq, file_name=wb.file, size=len(data), sha256=digest,
            content=data, ok=wb.ok, error_count=len(wb.errors),
            warning_count=len(wb.warnings), issues=[i.to_dict() for i in wb.issues],
            profile=profile, parse_key=key, submitted_at=t.utcnow(),
            submitted_by=actor.name, restored_from=restored_from, withdrawn=False)
        s.add(row)
        s.flush()
        for name, blob in frames.items():
            s.add(t.SubmissionFrame(submission_id=row.id, name=name, data=blob))
        action = Action.RESTORE if restored_from else Action.SUBMIT
        repo.audit(s, actor, action, workspace_id=rnd.workspace_id, round_id=rnd.id,
                   target=f"submission:{row.id}", opd=opd, file=wb.file, version=row.version,
                   sha256=digest, errors=len(wb.errors), restored_from=restored_from)
        return row

    def list_submissions(self, actor: Actor, round_id: int) -> list[SubmissionInfo]:
        """The version in force of each OPD, in the round's order."""
        rnd = self.get_round(actor, round_id)
        self._check(actor, Action.VIEW, workspace_id=rnd.workspace_id, round_id=round_id)
        with self.db.read() as s:
            return [repo.submission_info(r) for r in repo.current_submissions(s, round_id)]

    def submission_versions(self, actor: Actor, round_id: int, opd: str
                            ) -> list[SubmissionInfo]:
        """Every version of one OPD's workbook in the round, newest first."""
        rnd = self.get_round(actor, round_id)
        self._check(actor, Action.VIEW, workspace_id=rnd.workspace_id, round_id=round_id,
                    opd=opd)
        with self.db.read() as s:
            return [repo.submission_info(r) for r in repo.versions_of(s, round_id, opd)]

    def submission_bytes(self, actor: Actor, submission_id: int) -> tuple[str, bytes]:
        """(file name, bytes exactly as submitted) of any version."""
        with self.db.read() as s:
            row = repo.submission(s, submission_id)
            rnd = repo.round_(s, row.round_id)
            self._check(actor, Action.SUBMISSION_READ, workspace_id=rnd.workspace_id,
                        round_id=rnd.id, opd=row.opd)
            return row.file_name, row.content

    def restore_submission(self, actor: Actor, submission_id: int) -> SubmissionInfo:
        """Make an earlier version the one in force again: a new version with its bytes."""
        with self.db.read() as s:
            old = repo.submission(s, submission_id)
            opd, round_id, fname, data = old.opd, old.round_id, old.file_name, old.content
        rnd = self.get_round(actor, round_id)
        self._check(actor, Action.RESTORE, workspace_id=rnd.workspace_id, round_id=round_id,
                    opd=opd)
        wb = read_workbook(data, fname, rnd.settings)
        key = fr.parse_key(rnd.settings)
        for attempt in range(_RETRIES):
            try:
                with self.db.write() as s:
                    prev = repo.latest_versions(s, round_id).get(opd)
                    row = self._new_submission(s, actor, rnd, wb, opd, data,
                                               hashlib.sha256(data).hexdigest(), key, prev,
                                               repo.next_seq(s, round_id),
                                               restored_from=submission_id)
                    return repo.submission_info(row)
            except IntegrityError:
                if attempt == _RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def withdraw_submission(self, actor: Actor, round_id: int, opd: str) -> SubmissionInfo:
        """Take an OPD out of the round (a new, withdrawn version; earlier ones stay)."""
        rnd = self.get_round(actor, round_id)
        self._check(actor, Action.WITHDRAW, workspace_id=rnd.workspace_id, round_id=round_id,
                    opd=opd)
        with self.db.write() as s:
            prev = repo.latest_versions(s, round_id).get(opd)
            if prev is None or prev.withdrawn:
                raise NotFound(f"OPD '{opd}' tidak ada di putaran ini.")
            row = t.Submission(
                round_id=round_id, opd=opd, version=prev.version + 1, seq=prev.seq,
                file_name=prev.file_name, size=0, sha256=hashlib.sha256(b"").hexdigest(),
                content=b"", ok=True, error_count=0, warning_count=0, issues=[], profile={},
                parse_key="withdrawn", submitted_at=t.utcnow(), submitted_by=actor.name,
                restored_from=None, withdrawn=True)
            s.add(row)
            s.flush()
            repo.audit(s, actor, Action.WITHDRAW, workspace_id=rnd.workspace_id,
                       round_id=round_id, target=f"submission:{row.id}", opd=opd)
            return repo.submission_info(row)

    def open_round(self, actor: Actor, round_id: int) -> RoundData:
        """The round's city from the stored frames (no workbook is parsed unless its frames
        were read with other settings or an older format)."""
        rnd = self.get_round(actor, round_id)
        key = fr.parse_key(rnd.settings)
        with self.db.read() as s:
            ws = repo.workspace_info(repo.workspace(s, rnd.workspace_id))
            subs = repo.current_submissions(s, round_id)
            fresh = [r.id for r in subs if r.parse_key == key]
            frames = repo.frames_of(s, fresh)
            stale = repo.contents_of(s, [r.id for r in subs if r.parse_key != key])
            infos = tuple(repo.submission_info(r) for r in subs)
            parts = [(r.id, r.file_name, r.profile, r.issues) for r in subs]
        books = []
        for sid, fname, profile, issues in parts:
            if sid in stale:
                books.append(read_workbook(stale[sid], fname, rnd.settings))
            else:
                books.append(fr.decode(fname, profile, issues, frames[sid]))
        city = build_city(books, name=ws.name)
        return RoundData(rnd, ws, infos, city, reparsed=len(stale))

    # ---- audit --------------------------------------------------------------------------

    def audit_log(self, actor: Actor, workspace_id: int, round_id: int | None = None,
                  opd: str | None = None, limit: int = 1000) -> list[AuditInfo]:
        """Who changed what and when, newest first."""
        self._check(actor, Action.AUDIT_READ, workspace_id=workspace_id, round_id=round_id,
                    opd=opd)
        with self.db.read() as s:
            return [repo.audit_info(r) for r in repo.audit_rows(s, workspace_id, round_id, opd,
                                                                limit)]
