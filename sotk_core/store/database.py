"""One open workspace database: engines, read and write transactions, errors translated."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sotk_core.store.engine import (
    current_revision,
    describe_url,
    head_revision,
    make_engines,
    migrate,
    resolve_url,
    translate,
)
from sotk_core.store.errors import DatabaseUnavailable, StoreError


class Database:
    """`Database.open(url)` connects, migrates to head and is ready; every failure is a
    StoreError with an Indonesian message (DatabaseUnavailable when it cannot be reached)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.reader, self.writer = make_engines(url)
        self._read = sessionmaker(self.reader, expire_on_commit=False)
        self._write = sessionmaker(self.writer, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None, *, upgrade: bool = True) -> Database:
        db = cls(resolve_url(url))
        try:
            with db.writer.connect() as conn:
                conn.execute(text("SELECT 1"))
            if upgrade and current_revision(db.writer) != head_revision():
                migrate(db.writer)
        except StoreError:
            db.dispose()
            raise
        except (SQLAlchemyError, OSError) as exc:
            db.dispose()
            err = translate(exc, db.url)
            if not isinstance(err, DatabaseUnavailable):
                raise err from exc
            raise DatabaseUnavailable(
                f"Basis data tidak dapat dibuka ({describe_url(db.url)}): "
                f"{err.message.split(': ', 1)[-1]}") from exc
        return db

    @property
    def dialect(self) -> str:
        return self.writer.dialect.name

    def revision(self) -> str | None:
        return current_revision(self.writer)

    @staticmethod
    def head() -> str:
        return head_revision()

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._read() as s:
                yield s
                s.rollback()
        except StoreError:
            raise
        except (SQLAlchemyError, OSError) as exc:
            raise translate(exc, self.url) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception, so
        a failure (or a killed process) leaves nothing half written. An IntegrityError (a
        unique name or version taken meanwhile) is passed on untranslated for the caller."""
        try:
            with self._write() as s, s.begin():
                yield s
        except (StoreError, IntegrityError):
            raise
        except (SQLAlchemyError, OSError) as exc:
            raise translate(exc, self.url) from exc

    def dispose(self) -> None:
        self.reader.dispose()
        if self.writer is not self.reader:
            self.writer.dispose()
