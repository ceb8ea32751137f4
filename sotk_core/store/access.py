"""Who may see and change what: accounts, roles per workspace and the policy that the
service layer asks before every action.

Roles (per workspace):
* admin  (Bagian Organisasi): everything in the workspace: rounds, settings, every OPD's
  submissions, scenarios, notes, the deck position, accounts, the audit log, backups.
* opd    (OPD operator, tied to one or more OPD): submits, replaces, restores and withdraws its
  own OPD's workbooks, reads their bytes, writes notes about its own OPD; sees the city
  dashboards and the deck like the FGD room.
* viewer (the FGD room screen, observers): read-only dashboards and deck.

`RolePolicy` enforces this in the service layer (not by hiding buttons): a refused request
raises `PermissionDenied` with an Indonesian sentence naming what was refused.

Sign-in: passwords are hashed with argon2id (argon2-cffi) and never stored or logged in
clear. Every failed attempt makes the next one wait longer (1, 2, 4, 8 s ...); after
`LOCK_AFTER` failures in a row the account is locked for `LOCK_MINUTES`. Sessions expire
after `SESSION_IDLE` without activity and `SESSION_MAX` in all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sotk_core.store import repo
from sotk_core.store import schema as t
from sotk_core.store.actor import Action, Actor, AllowAll, Policy, Role, Scope
from sotk_core.store.base import clean_name
from sotk_core.store.database import Database
from sotk_core.store.errors import (
    InvalidInput,
    LoginRefused,
    NameTaken,
    NotFound,
    PermissionDenied,
)
from sotk_core.workbook.spec import norm

LOCK_AFTER = 5  # failed attempts in a row before the account is locked
LOCK_MINUTES = 15
MAX_DELAY_S = 30.0  # the longest wait between two attempts before the lock
SESSION_IDLE = timedelta(hours=2)
SESSION_MAX = timedelta(hours=12)
MIN_PASSWORD = 10

ROLE_LABELS = {Role.ADMIN: "Admin (Bagian Organisasi)", Role.OPD: "Operator OPD",
               Role.VIEWER: "Pemirsa (hanya melihat)"}

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_WRONG = "Nama pengguna atau kata sandi salah."

# What each role may do. OPD_SCOPED actions also need the OPD to be one of the account's.
_ADMIN_ONLY = {Action.WORKSPACE_CREATE, Action.ROUND_CREATE, Action.ROUND_SETTINGS,
               Action.SCENARIO_SAVE, Action.SCENARIO_DELETE, Action.DECK_MOVE,
               Action.AUDIT_READ, Action.BACKUP, Action.RESTORE_BACKUP, Action.ACCOUNT_MANAGE}
OPD_SCOPED = {Action.SUBMIT, Action.RESTORE, Action.WITHDRAW, Action.SUBMISSION_READ,
              Action.NOTE_ADD, Action.NOTE_EDIT, Action.NOTE_DELETE}
PERMISSIONS: dict[str, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action) - {Action.LOGIN, Action.LOGIN_FAILED},
    Role.OPD: frozenset({Action.VIEW} | OPD_SCOPED),
    Role.VIEWER: frozenset({Action.VIEW}),
}

_REFUSED = {
    Action.WORKSPACE_CREATE: "membuat ruang kerja", Action.ROUND_CREATE: "membuat putaran",
    Action.ROUND_SETTINGS: "mengubah pengaturan putaran", Action.SUBMIT: "mengirim workbook",
    Action.RESTORE: "memulihkan versi workbook", Action.WITHDRAW: "menarik workbook",
    Action.SUBMISSION_READ: "mengunduh workbook", Action.SCENARIO_SAVE: "menyimpan skenario",
    Action.SCENARIO_DELETE: "menghapus skenario", Action.NOTE_ADD: "menambah catatan",
    Action.NOTE_EDIT: "mengubah catatan", Action.NOTE_DELETE: "menghapus catatan",
    Action.DECK_MOVE: "memindahkan slide presentasi", Action.AUDIT_READ: "membaca log perubahan",
    Action.BACKUP: "membuat cadangan", Action.RESTORE_BACKUP: "memulihkan cadangan",
    Action.ACCOUNT_MANAGE: "mengelola akun", Action.VIEW: "melihat ruang kerja ini",
}


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AccountInfo:
    id: int
    username: str
    display_name: str
    email: str | None
    disabled: bool
    has_password: bool
    locked_until: datetime | None
    last_login_at: datetime | None


@dataclass(frozen=True)
class MembershipInfo:
    account_id: int
    workspace_id: int
    role: str
    opds: tuple[str, ...]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(Role(self.role), self.role)


def hash_password(password: str) -> str:
    """An argon2id hash ("$argon2id$v=19$m=...,t=...,p=...$salt$hash")."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"Kata sandi terlalu pendek: paling sedikit {MIN_PASSWORD} huruf.")
    return _HASHER.hash(password)


def _verify(stored: str | None, password: str) -> bool:
    if not stored:
        _HASHER.hash("x" * MIN_PASSWORD)  # same cost as a real check: no timing hint
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def checked_role(role: str, opds: Iterable[str] = ()) -> tuple[Role, tuple[str, ...]]:
    """The role and OPD names of a grant, or InvalidInput: an OPD operator needs its OPD."""
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(f"Peran '{role}' tidak dikenal; pilih admin, opd atau "
                           "viewer.") from None
    names = tuple(dict.fromkeys(" ".join(o.split()) for o in opds if o and o.strip()))
    if role == Role.OPD and not names:
        raise InvalidInput("Operator OPD perlu nama OPD-nya (--opd \"Nama OPD\").")
    return role, names


def session_valid(started: datetime, last_seen: datetime, now: datetime | None = None) -> bool:
    """False once a session has been idle for SESSION_IDLE or open for SESSION_MAX."""
    now = now or _now()
    return now - last_seen < SESSION_IDLE and now - started < SESSION_MAX


def _account_info(row: t.Account) -> AccountInfo:
    return AccountInfo(row.id, row.username, row.display_name, row.email, row.disabled,
                       bool(row.password_hash), row.locked_until, row.last_login_at)


def _membership_info(row: t.Membership) -> MembershipInfo:
    return MembershipInfo(row.account_id, row.workspace_id, row.role, tuple(row.opds or ()))


class RolePolicy:
    """The permission check of the service layer: the actor's role in the workspace the
    action touches (read from the database on every check, so a revoked role takes effect
    at once), and for OPD-scoped actions the OPD named by the request."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def check(self, actor: Actor, action: Action, scope: Scope) -> None:
        if actor.account_id is None:
            raise PermissionDenied("Masuk (login) dulu untuk membuka ruang kerja ini.")
        with self.db.read() as s:
            account = s.get(t.Account, int(actor.account_id))
            if account is None or account.disabled:
                raise PermissionDenied("Akun ini tidak aktif lagi; hubungi admin Bagian "
                                       "Organisasi.")
            member: MembershipInfo | None = None
            if scope.workspace_id is None:
                roles = {m.role for m in s.scalars(select(t.Membership).where(
                    t.Membership.account_id == account.id))}
            else:
                row = s.get(t.Membership, (account.id, scope.workspace_id))
                member = _membership_info(row) if row is not None else None
                roles = {member.role} if member else set()
        what = _REFUSED.get(action, "melakukan ini")
        if not roles:
            raise PermissionDenied(f"Akun {actor.name} tidak terdaftar di ruang kerja ini, "
                                   f"jadi tidak dapat {what}.")
        if not any(action in PERMISSIONS.get(r, frozenset()) for r in roles):
            label = ROLE_LABELS.get(Role(next(iter(roles))), "")
            raise PermissionDenied(f"Peran {label} tidak boleh {what}.")
        if member is not None and member.role == Role.OPD and action in OPD_SCOPED:
            own = {norm(o) for o in member.opds}
            if scope.opd is None or norm(scope.opd) not in own:
                target = f"OPD '{scope.opd}'" if scope.opd else "seluruh kota"
                mine = ", ".join(member.opds) or "-"
                raise PermissionDenied(f"Akun {actor.name} hanya boleh {what} untuk OPD "
                                       f"miliknya ({mine}), bukan untuk {target}.")


class AccountService:
    """Accounts, memberships and sign-in. Changes are made by an admin actor (checked with
    `policy`, `Action.ACCOUNT_MANAGE` in the workspace) and written to the audit log."""

    def __init__(self, db: Database, policy: Policy | None = None,
                 clock: Callable[[], datetime] = _now) -> None:
        self.db = db
        self.policy = policy or AllowAll()
        self.clock = clock

    # ---- accounts ---------------------------------------------------------------------

    def create_account(self, actor: Actor, username: str, password: str | None = None, *,
                       display_name: str | None = None, email: str | None = None,
                       workspace_id: int | None = None) -> AccountInfo:
        """A new account (a local password, or none for OIDC-only accounts with an e-mail)."""
        self.policy.check(actor, Action.ACCOUNT_MANAGE, Scope(workspace_id=workspace_id))
        username = clean_name(username, "pengguna").casefold()
        if any(c.isspace() for c in username):
            raise InvalidInput("Nama pengguna tidak boleh berisi spasi.")
        if password is None and not email:
            raise InvalidInput("Akun perlu kata sandi atau alamat e-mail (untuk masuk lewat "
                               "penyedia identitas).")
        digest = hash_password(password) if password is not None else None
        email = email.strip().casefold() if email else None
        try:
            with self.db.write() as s:
                row = t.Account(username=username, display_name=display_name or username,
                                email=email, password_hash=digest, disabled=False,
                                failed_attempts=0, created_at=self.clock(),
                                created_by=actor.name)
                s.add(row)
                s.flush()
                repo.audit(s, actor, Action.ACCOUNT_MANAGE, workspace_id=workspace_id,
                           target=f"account:{row.id}", change="create", username=username)
                return _account_info(row)
        except IntegrityError:
            raise NameTaken(f"Nama pengguna '{username}' atau e-mail itu sudah dipakai.") \
                from None

    def set_password(self, actor: Actor, username: str, password: str,
                     workspace_id: int | None = None) -> None:
        self.policy.check(actor, Action.ACCOUNT_MANAGE, Scope(workspace_id=workspace_id))
        digest = hash_password(password)
        with self.db.write() as s:
            row = self._by_name(s, username)
            row.password_hash = digest
            row.failed_attempts, row.locked_until, row.next_attempt_at = 0, None, None
            repo.audit(s, actor, Action.ACCOUNT_MANAGE, workspace_id=workspace_id,
                       target=f"account:{row.id}", change="password")

    def set_disabled(self, actor: Actor, username: str, disabled: bool,
                     workspace_id: int | None = None) -> None:
        self.policy.check(actor, Action.ACCOUNT_MANAGE, Scope(workspace_id=workspace_id))
        with self.db.write() as s:
            row = self._by_name(s, username)
            row.disabled = disabled
            repo.audit(s, actor, Action.ACCOUNT_MANAGE, workspace_id=workspace_id,
                       target=f"account:{row.id}", change="disable" if disabled else "enable")

    def grant(self, actor: Actor, username: str, workspace_id: int, role: str,
              opds: Iterable[str] = ()) -> MembershipInfo:
        """Give (or change) an account's role in a workspace. An OPD operator needs its OPD."""
        self.policy.check(actor, Action.ACCOUNT_MANAGE, Scope(workspace_id=workspace_id))
        role, names = checked_role(role, opds)
        with self.db.write() as s:
            row = self._by_name(s, username)
            repo.workspace(s, workspace_id)
            m = s.get(t.Membership, (row.id, workspace_id))
            if m is None:
                m = t.Membership(account_id=row.id, workspace_id=workspace_id)
                s.add(m)
            m.role, m.opds = str(role), list(names) if role == Role.OPD else []
            m.granted_at, m.granted_by = self.clock(), actor.name
            s.flush()
            repo.audit(s, actor, Action.ACCOUNT_MANAGE, workspace_id=workspace_id,
                       target=f"account:{row.id}", change="grant", role=str(role),
                       opds=list(names))
            return _membership_info(m)

    def revoke(self, actor: Actor, username: str, workspace_id: int) -> None:
        self.policy.check(actor, Action.ACCOUNT_MANAGE, Scope(workspace_id=workspace_id))
        with self.db.write() as s:
            row = self._by_name(s, username)
            m = s.get(t.Membership, (row.id, workspace_id))
            if m is not None:
                s.delete(m)
                repo.audit(s, actor, Action.ACCOUNT_MANAGE, workspace_id=workspace_id,
                           target=f"account:{row.id}", change="revoke")

    def list_accounts(self, actor: Actor, workspace_id: int
                      ) -> list[tuple[AccountInfo, MembershipInfo]]:
        """The accounts with a role in the workspace."""
        self.policy.check(actor, Action.ACCOUNT_MANAGE, Scope(workspace_id=workspace_id))
        with self.db.read() as s:
            rows = s.execute(select(t.Account, t.Membership).join(
                t.Membership, t.Membership.account_id == t.Account.id).where(
                t.Membership.workspace_id == workspace_id).order_by(t.Account.username))
            return [(_account_info(a), _membership_info(m)) for a, m in rows]

    def memberships(self, account_id: int) -> list[MembershipInfo]:
        """The workspaces an account may open (no check: it is the account's own list)."""
        with self.db.read() as s:
            return [_membership_info(m) for m in s.scalars(select(t.Membership).where(
                t.Membership.account_id == account_id))]

    def actor_for(self, account: AccountInfo, workspace_id: int) -> Actor:
        """The actor of `account` in a workspace (role and OPD from its membership)."""
        with self.db.read() as s:
            row = s.get(t.Membership, (account.id, workspace_id))
            m = _membership_info(row) if row is not None else None
        if m is None:
            return Actor(name=account.username, role=Role.VIEWER, account_id=str(account.id),
                         opds=frozenset())
        return Actor(name=account.username, role=Role(m.role), account_id=str(account.id),
                     opds=None if m.role == Role.ADMIN else frozenset(m.opds))

    # ---- signing in -------------------------------------------------------------------

    def authenticate(self, username: str, password: str) -> AccountInfo:
        """The account when the password is right; otherwise LoginRefused (Indonesian), with
        the wait before the next try growing per failure and a lock after LOCK_AFTER."""
        now = self.clock()
        key = norm(username)
        failed = False
        with self.db.write() as s:
            row = s.scalars(select(t.Account).where(t.Account.username == key)).first()
            if row is None:
                _verify(None, password)
                raise LoginRefused(_WRONG)
            if row.disabled:
                raise LoginRefused("Akun ini dinonaktifkan; hubungi admin Bagian Organisasi.")
            if row.locked_until is not None and now < row.locked_until:
                minutes = max(1, round((row.locked_until - now).total_seconds() / 60))
                raise LoginRefused(f"Akun dikunci sementara karena {LOCK_AFTER} kali salah "
                                   f"kata sandi; coba lagi sekitar {minutes} menit lagi.",
                                   (row.locked_until - now).total_seconds())
            if row.next_attempt_at is not None and now < row.next_attempt_at:
                wait = (row.next_attempt_at - now).total_seconds()
                raise LoginRefused(f"Terlalu cepat setelah percobaan yang salah; tunggu "
                                   f"{max(1, round(wait))} detik lalu coba lagi.", wait)
            if not _verify(row.password_hash, password):
                row.failed_attempts += 1
                n = row.failed_attempts
                if n >= LOCK_AFTER:
                    row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                    row.failed_attempts, row.next_attempt_at = 0, None
                else:
                    row.next_attempt_at = now + timedelta(seconds=min(2.0 ** (n - 1),
                                                                      MAX_DELAY_S))
                repo.audit(s, _system(row), Action.LOGIN_FAILED, workspace_id=None,
                           target=f"account:{row.id}", attempts=n,
                           locked=row.locked_until is not None and now < row.locked_until)
                failed = True  # committed when the block ends, then refused below
            else:
                row.failed_attempts, row.next_attempt_at, row.locked_until = 0, None, None
                row.last_login_at = now
                if _HASHER.check_needs_rehash(row.password_hash):
                    row.password_hash = _HASHER.hash(password)
                repo.audit(s, _system(row), Action.LOGIN, workspace_id=None,
                           target=f"account:{row.id}")
                info = _account_info(row)
        if failed:
            raise LoginRefused(_WRONG)
        return info

    def account_by_email(self, email: str) -> AccountInfo:
        """The account an OIDC sign-in (st.user.email) maps to."""
        key = str(email or "").strip().casefold()
        with self.db.read() as s:
            row = s.scalars(select(t.Account).where(t.Account.email == key)).first()
            if row is None or row.disabled:
                raise LoginRefused(f"E-mail {email} belum terdaftar sebagai akun aktif; minta "
                                   "admin Bagian Organisasi mendaftarkannya.")
            return _account_info(row)

    def get(self, username: str) -> AccountInfo:
        with self.db.read() as s:
            return _account_info(self._by_name(s, username))

    @staticmethod
    def _by_name(s, username: str) -> t.Account:  # noqa: ANN001
        key = norm(username)
        row = s.scalars(select(t.Account).where(t.Account.username == key)).first()
        if row is None:
            raise NotFound(f"Akun '{username}' tidak ada.")
        return row


def _system(row: t.Account) -> Actor:
    return Actor(name=row.username, role="akun", account_id=str(row.id))
