"""Alembic migrations from empty to head (and back) on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from sotk_core.store import Database
from sotk_core.store.engine import downgrade, migrate
from sotk_core.store.schema import Base

TABLES = {"workspace", "round", "submission", "submission_frame", "scenario", "note",
          "deck_position", "audit_event", "alembic_version"}


def test_empty_database_migrates_to_head_with_every_table(db_url):
    db = Database.open(db_url)
    try:
        assert db.revision() == db.head() == "0001"
        assert set(inspect(db.writer).get_table_names()) == TABLES
        cols = {c["name"] for c in inspect(db.writer).get_columns("submission")}
        assert {"content", "sha256", "issues", "version", "submitted_by"} <= cols
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
        assert db.revision() == "0001"
        assert "note" in inspect(db.writer).get_table_names()
    finally:
        db.dispose()


def test_opening_twice_is_a_no_op(db_url):
    Database.open(db_url).dispose()
    db = Database.open(db_url)
    try:
        assert db.revision() == "0001"
    finally:
        db.dispose()
