"""Opening the workspace database: URL, engine, migrations to head, error translation.

The URL is, in order: the `url` argument (the CLI's `--db`), the `SOTK_DATABASE_URL`
environment variable, then the embedded SQLite file `<data dir>/sotk.sqlite3`, where the data
dir is `SOTK_DATA_DIR` or `$XDG_DATA_HOME/sotk-dashboard` (default
`~/.local/share/sotk-dashboard`), created on first start.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from sotk_core.store.errors import DatabaseUnavailable, StorageFull, StoreError

ENV_URL = "SOTK_DATABASE_URL"
ENV_DATA_DIR = "SOTK_DATA_DIR"
DB_FILE = "sotk.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = 0x50_4B_5400_13  # advisory lock key held while migrating (one replica at a time)
_MIGRATE_LOCK = threading.Lock()  # Alembic's context is process-global: one migration at once


def data_dir() -> Path:
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "sotk-dashboard"


def default_url() -> str:
    return f"sqlite:///{data_dir() / DB_FILE}"


def resolve_url(url: str | None = None) -> str:
    return url or os.environ.get(ENV_URL) or default_url()


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(alamat tidak sah)"


def _sqlite_setup(engine: Engine, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        # a writer takes the write lock at once: no read-then-upgrade deadlock between replicas
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engines(url: str) -> tuple[Engine, Engine]:
    """(reader, writer) engines. On SQLite the writer begins IMMEDIATE transactions; other
    databases use one engine for both."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"Alamat basis data tidak sah: {url!r}.") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            db = parsed.database
            if db and db != ":memory:" and not db.startswith("file:"):
                try:
                    Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseUnavailable(
                        f"Folder basis data tidak dapat dibuat: {Path(db).parent} ({exc.strerror})."
                    ) from exc
            reader = create_engine(parsed)
            writer = create_engine(parsed)
            _sqlite_setup(reader, immediate=False)
            _sqlite_setup(writer, immediate=True)
            return reader, writer
        engine = create_engine(parsed, pool_pre_ping=True,
                               connect_args={"connect_timeout": 10}
                               if parsed.get_backend_name() == "postgresql" else {})
        return engine, engine
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseUnavailable(
            f"Jenis basis data tidak didukung: {parsed.drivername} (gunakan sqlite:/// atau "
            "postgresql+psycopg://).") from exc


_FULL = re.compile(r"disk is full|no space left|could not extend|readonly database|read-only|"
                   r"attempt to write a readonly|disk I/O error", re.I)
_PG_FULL_CODES = {"53100", "25006", "53000"}  # disk_full, read_only_sql_transaction, resources


def translate(exc: BaseException, url: str | None = None) -> StoreError:
    """A database exception as one Indonesian StoreError."""
    if isinstance(exc, StoreError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    text_ = str(orig)
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code in _PG_FULL_CODES or _FULL.search(text_):
        return StorageFull("Penyimpanan basis data penuh atau hanya-baca; perubahan ini belum "
                           "tersimpan. Unduh salinannya, lalu hubungi pengelola server.")
    where = describe_url(url) if url else "basis data"
    if isinstance(exc, DBAPIError) and exc.connection_invalidated or _unreachable(text_):
        return DatabaseUnavailable(f"Basis data tidak dapat dihubungi ({where}): "
                                   f"{_first_line(text_)}")
    return DatabaseUnavailable(f"Basis data galat ({where}): {_first_line(text_)}")


def _unreachable(message: str) -> bool:
    return bool(re.search(r"connection|connect|unable to open|could not translate host|"
                          r"timeout|refused|does not exist|authentication", message, re.I))


def _first_line(message: str) -> str:
    line = message.strip().splitlines()[0] if message.strip() else "galat tidak dikenal"
    return line[:300]


def _alembic_config(connection) -> Config:  # type: ignore[no-untyped-def]
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` (default head). On PostgreSQL an advisory lock lets
    only one replica migrate at a time; the others wait and then find nothing to do. Within
    one process (Streamlit sessions are threads) a lock does the same."""
    with _MIGRATE_LOCK, engine.connect() as conn, _sqlite_fk_off(conn):
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK})
            conn.commit()
        try:
            command.upgrade(_alembic_config(conn), revision)
            conn.commit()
        finally:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK})
                conn.commit()


@contextmanager
def _sqlite_fk_off(conn) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """SQLite rebuilds a table to alter it (drop + rename): with foreign keys on, dropping
    the old table would cascade into its children. Off while migrating, then on again."""
    raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
    if raw is not None:
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction (autocommit driver)
    try:
        yield
    finally:
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")


def downgrade(engine: Engine, revision: str = "base") -> None:
    with _MIGRATE_LOCK, engine.connect() as conn, _sqlite_fk_off(conn):
        command.downgrade(_alembic_config(conn), revision)
        conn.commit()


@contextmanager
def translated(url: str | None = None) -> Iterator[None]:
    """Turn any database exception raised inside into a StoreError."""
    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise translate(exc, url) from exc
