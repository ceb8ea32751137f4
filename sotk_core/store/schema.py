"""The workspace database: SQLAlchemy 2 declarative tables (Alembic migrations create them).

workspace ─┬─ round ─┬─ submission ─┬─ submission_file  (each OPD, every version: the files
           │         │              └─ submission_frame  as submitted, the parsed frames)
           │         ├─ scenario                          (what-if change lists)
           │         ├─ note                              (FGD notes and decisions)
           │         └─ deck_position                     (the slide shown, by stable slide id)
           └─ audit_event                                 (who changed what, when)

Every mutable record that two people may edit at once (scenario, note, deck position, round
settings) has a `version` counter: an update names the version it was based on and is refused
when the row moved on (sotk_core.store.service). Times are UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone: add it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


# BigInteger primary keys that are still SQLite's rowid alias (autoincrement works there).
Id = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class Workspace(Base):
    """A city or regency: its rounds, notes and scenarios belong to it."""

    __tablename__ = "workspace"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))


class Round(Base):
    """One evaluation cycle (e.g. "2025") with the settings in force (Settings.to_dict())."""

    __tablename__ = "round"
    __table_args__ = (UniqueConstraint("workspace_id", "name", name="uq_round_name"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    settings: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)


class Submission(Base):
    """One version of one OPD in a round: who and when, the checksum of its files, the
    validation issues and the profile (its files: `submission_file`; usually one template
    workbook, or several files of other layouts combined into the OPD). `version` counts per
    (round, OPD); the newest is the one in force, a restore adds a new version copying an
    earlier one (`restored_from`). `orphan`: files that name no OPD, kept for their issues."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("round_id", "opd", "version", name="uq_submission_version"),
        Index("ix_submission_round_opd", "round_id", "opd"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    opd: Mapped[str] = mapped_column(String(300))  # OPD name (the file name if unreadable)
    version: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)  # the OPD's place in the round (first import)
    file_name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))  # of the file, or of all files' sha256
    ok: Mapped[bool] = mapped_column(Boolean)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    issues: Mapped[list] = mapped_column(JSON)  # Issue.to_dict() each
    profile: Mapped[dict] = mapped_column(JSON)  # OpdWorkbook.profile (+ "macro")
    parse_key: Mapped[str] = mapped_column(String(64))  # settings the issues were read with
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    submitted_by: Mapped[str] = mapped_column(String(200))
    restored_from: Mapped[int | None] = mapped_column(
        ForeignKey("submission.id", ondelete="SET NULL"), nullable=True)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)  # OPD taken out of round


class SubmissionFile(Base):
    """A file of a submission, bytes exactly as received."""

    __tablename__ = "submission_file"
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))


class SubmissionFrame(Base):
    """A parsed frame of a submission (units, positions, tasks, maturity, kelembagaan) as an
    Arrow IPC stream, so opening a round never re-parses the workbooks."""

    __tablename__ = "submission_frame"
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Scenario(Base):
    """A named what-if scenario of a round: the ordered change records as JSON."""

    __tablename__ = "scenario"
    __table_args__ = (UniqueConstraint("round_id", "name", name="uq_scenario_name"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    changes: Mapped[list] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Note(Base):
    """An FGD note or decision about the city, an OPD or a unit; `slide_id` is the stable
    key of the slide shown when it was typed. Deleting only marks it."""

    __tablename__ = "note"
    __table_args__ = (Index("ix_note_round", "round_id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # catatan | keputusan
    opd: Mapped[str | None] = mapped_column(String(300), nullable=True)
    unit: Mapped[str | None] = mapped_column(String(300), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    slide_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class DeckPosition(Base):
    """The slide a round's deck is on, by stable slide id (not an index)."""

    __tablename__ = "deck_position"
    round_id: Mapped[int] = mapped_column(
        ForeignKey("round.id", ondelete="CASCADE"), primary_key=True)
    deck: Mapped[str] = mapped_column(String(100), primary_key=True, default="utama")
    slide_id: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)


class AuditEvent(Base):
    """Who did what and when: one row per change, written in the change's transaction."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_workspace_round", "workspace_id", "round_id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    workspace_id: Mapped[int | None] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), nullable=True)
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("round.id", ondelete="SET NULL"), nullable=True)
    actor_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    actor_name: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str | None] = mapped_column(String(100), nullable=True)  # "note:uid" ...
    opd: Mapped[str | None] = mapped_column(String(300), nullable=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class Account(Base):
    """A person who signs in: a local password (argon2 hash only, never the password) or an
    e-mail that OIDC sign-in maps to. Failed attempts slow the next try and then lock it."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True, nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))


class Membership(Base):
    """An account's role in one workspace; an OPD operator's OPD names in `opds`."""

    __tablename__ = "membership"
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))  # admin | opd | viewer
    opds: Mapped[list] = mapped_column(JSON, default=list)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    granted_by: Mapped[str] = mapped_column(String(200))
