"""Alembic migrations from empty to head (and back) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import inspect, text

from sotk_core.store import Database
from sotk_core.store.engine import downgrade, migrate
from sotk_core.store.schema import Base

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

TABLES = {"workspace", "round", "submission", "submission_file", "submission_frame", "scenario",
          "note", "deck_position", "audit_event", "account", "membership", "alembic_version"}
MIGRATIONS = ["0001", "0002", "0003"]  # initial schema; files of a submission in their own
# table; accounts and memberships (access)


def test_empty_database_migrates_to_head_with_every_table(db_url):
    db = Database.open(db_url)
    try:
        assert db.revision() == db.head() == MIGRATIONS[-1]
        assert set(inspect(db.writer).get_table_names()) == TABLES
        cols = {c["name"] for c in inspect(db.writer).get_columns("submission")}
        assert {"sha256", "issues", "version", "submitted_by"} <= cols and "content" not in cols
        cols = {c["name"] for c in inspect(db.writer).get_columns("submission_file")}
        assert {"content", "sha256", "file_name"} <= cols
    finally:
        db.dispose()


def test_migration_matches_the_models(db_url):
    """The migrated schema has exactly the models' columns (no drift between the two)."""
    db = Database.open(db_url)
    try:
        insp = inspect(db.writer)
        for table in Base.metadata.sorted_tables:
            assert {c["name"] for c in insp.get_columns(table.name)} == set(table.columns.keys())
    finally:
        db.dispose()


def test_downgrade_to_empty_and_up_again(db_url):
    db = Database.open(db_url)
    try:
        downgrade(db.writer, "base")
        assert set(inspect(db.writer).get_table_names()) <= {"alembic_version"}
        migrate(db.writer)
        assert db.revision() == MIGRATIONS[-1]
        assert "note" in inspect(db.writer).get_table_names()
    finally:
        db.dispose()


def test_opening_twice_is_a_no_op(db_url):
    Database.open(db_url).dispose()
    db = Database.open(db_url)
    try:
        assert db.revision() == MIGRATIONS[-1]
    finally:
        db.dispose()


def test_0002_moves_the_submitted_bytes_into_submission_file(db_url):
    """A database at 0001 holding a submission: after 0002 its bytes are the file's."""
    db = Database.open(db_url, upgrade=False)
    try:
        migrate(db.writer, "0001")
        with db.writer.begin() as c:
            c.execute(text("INSERT INTO workspace (id, name, created_at, created_by) VALUES "
                           "(1, 'Kota', :t, 'lokal')"), {"t": NOW})
            c.execute(text("INSERT INTO round (id, workspace_id, name, settings, created_at, "
                           "created_by, version) VALUES (1, 1, '2025', '{}', :t, 'lokal', 1)"),
                      {"t": NOW})
            c.execute(text(
                "INSERT INTO submission (id, round_id, opd, version, seq, file_name, size, "
                "sha256, content, ok, error_count, warning_count, issues, profile, parse_key, "
                "submitted_at, submitted_by, withdrawn) VALUES (1, 1, 'Dinas Uji', 1, 1, "
                "'uji.xlsx', 3, 'abc', :b, true, 0, 0, '[]', '{}', 'k', :t, 'lokal', false)"),
                {"b": b"PK\x03", "t": NOW})
        migrate(db.writer)
        with db.writer.connect() as c:
            rows = c.execute(text("SELECT submission_id, position, file_name, content FROM "
                                  "submission_file")).all()
        assert [(r[0], r[1], r[2], bytes(r[3])) for r in rows] == [(1, 0, "uji.xlsx",
                                                                   b"PK\x03")]
        downgrade(db.writer, "0001")
        with db.writer.connect() as c:
            back = c.execute(text("SELECT content FROM submission WHERE id = 1")).scalar_one()
        assert bytes(back) == b"PK\x03"
    finally:
        db.dispose()
