"""Who is acting, and the one hook where permissions are decided.

Every call of `WorkspaceService` names an `Actor` and asks `service.policy.check(actor,
action, scope)` before touching anything; `AllowAll` (the default: command line, local use)
permits everything. Access control (roles per workspace) plugs in as another `Policy` without
changing the service: it raises `PermissionDenied` with an Indonesian message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Role(StrEnum):
    ADMIN = "admin"  # Bagian Organisasi: everything in the workspace
    OPD = "opd"  # an OPD operator: its own OPD(s)
    VIEWER = "viewer"  # read-only dashboards and deck


class Action(StrEnum):
    VIEW = "view"  # read a workspace, its rounds, submissions, scenarios, notes, deck
    WORKSPACE_CREATE = "workspace.create"
    ROUND_CREATE = "round.create"
    ROUND_SETTINGS = "round.settings"
    SUBMIT = "submission.add"  # scope.opd: the OPD the workbook names
    RESTORE = "submission.restore"  # scope.opd
    WITHDRAW = "submission.withdraw"  # scope.opd
    SUBMISSION_READ = "submission.read"  # the bytes of a submission (scope.opd)
    SCENARIO_SAVE = "scenario.save"
    SCENARIO_DELETE = "scenario.delete"
    NOTE_ADD = "note.add"  # scope.opd: the OPD the note is about (None: the city)
    NOTE_EDIT = "note.edit"  # scope.opd, scope.owner: the note's author
    NOTE_DELETE = "note.delete"
    DECK_MOVE = "deck.move"
    AUDIT_READ = "audit.read"
    ACCOUNT_MANAGE = "account.manage"  # accounts and memberships of a workspace
    LOGIN = "login"  # recorded, never checked: a sign-in
    LOGIN_FAILED = "login.failed"  # recorded: a refused sign-in (wrong password, locked)
    BACKUP = "backup"
    RESTORE_BACKUP = "backup.restore"


@dataclass(frozen=True)
class Actor:
    """The account acting: `name` is recorded on every change. `opds` None = every OPD."""

    name: str
    role: Role | str = Role.ADMIN
    account_id: str | None = None
    opds: frozenset[str] | None = None

    @property
    def label(self) -> str:
        return self.name


LOCAL_ACTOR = Actor(name="lokal", role=Role.ADMIN, account_id=None)


@dataclass(frozen=True)
class Scope:
    """What an action touches. Ids are None when not applicable."""

    workspace_id: int | None = None
    round_id: int | None = None
    opd: str | None = None
    owner: str | None = None  # author of the record being edited or deleted
    extra: dict[str, object] = field(default_factory=dict)


class Policy(Protocol):
    def check(self, actor: Actor, action: Action, scope: Scope) -> None:
        """Return when allowed; raise store.errors.PermissionDenied (Indonesian) otherwise."""


class AllowAll:
    """The permissive default policy (command line, embedded single-user use)."""

    def check(self, actor: Actor, action: Action, scope: Scope) -> None:
        return None
