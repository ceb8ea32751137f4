"""The workspace service: every read and change of a workspace goes through here.

Each method takes the acting `Actor` first and asks `self.policy.check(actor, action, scope)`
before it touches anything (permissions are enforced here, not in the pages); each change is
one transaction that also writes an `audit_event` row. Records that two people may edit at
once carry a `version`: an update names the version it was based on and raises `Conflict`
(with the current record) when someone else saved meanwhile. Nothing is overwritten silently.

Workspaces and rounds live here; submissions and opening a round in
`submissions.SubmissionService`; scenarios, notes and the deck position in
`collab.CollabService`. `WorkspaceService` is all three.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sotk_core.base.settings import Settings
from sotk_core.store import repo
from sotk_core.store import schema as t
from sotk_core.store.actor import LOCAL_ACTOR, Action, Actor, Policy
from sotk_core.store.base import clean_name as _name
from sotk_core.store.collab import CollabService
from sotk_core.store.database import Database
from sotk_core.store.errors import Conflict, NameTaken, NotFound
from sotk_core.store.records import (
    AuditInfo,
    RoundInfo,
    WorkspaceInfo,
)
from sotk_core.store.submissions import SubmissionService


class WorkspaceService(SubmissionService, CollabService):
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

    # ---- audit --------------------------------------------------------------------------

    def audit_log(self, actor: Actor, workspace_id: int, round_id: int | None = None,
                  opd: str | None = None, limit: int = 1000) -> list[AuditInfo]:
        """Who changed what and when, newest first."""
        self._check(actor, Action.AUDIT_READ, workspace_id=workspace_id, round_id=round_id,
                    opd=opd)
        with self.db.read() as s:
            return [repo.audit_info(r) for r in repo.audit_rows(s, workspace_id, round_id, opd,
                                                                limit)]
