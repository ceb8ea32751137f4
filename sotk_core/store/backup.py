"""Backup of a whole workspace database into one .zip, and restore into an empty database.

Layout: `manifest.json` (format, schema revision, row counts), `tables/<table>.jsonl` (one
JSON object a row, in primary-key order) and `blobs/<sha256>` (every binary value once:
workbook bytes, Arrow frames). Tables are read by reflection, so tables added by later
migrations are included without changes here. A restore migrates the empty target to the
backup's revision, inserts every row with its original ids, then migrates to head.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import MetaData, func, inspect, select, text

from sotk_core.store.database import Database
from sotk_core.store.engine import head_revision, migrate
from sotk_core.store.errors import InvalidInput, StoreError

FORMAT = "sotk-workspace-backup"
FORMAT_VERSION = 1
SKIP = {"alembic_version"}


def _tables(db: Database) -> list:
    meta = MetaData()
    meta.reflect(db.writer)
    return [t for t in meta.sorted_tables if t.name not in SKIP]


def _dump_value(value: object, blobs: dict[str, bytes]) -> object:
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        digest = hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        return {"$blob": digest}
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return {"$time": aware.astimezone(UTC).isoformat()}
    if isinstance(value, str) and value[:1] in "[{":
        return value  # JSON columns SQLite reflects as text stay text
    return value


def _load_value(value: object, blobs: zipfile.ZipFile) -> object:
    if isinstance(value, dict) and len(value) == 1:
        if "$blob" in value:
            return blobs.read(f"blobs/{value['$blob']}")
        if "$time" in value:
            return datetime.fromisoformat(str(value["$time"]))
    return value


def backup(db: Database, out: str | Path) -> dict[str, int]:
    """Write every table to `out` (.zip); returns the row count per table."""
    counts: dict[str, int] = {}
    blobs: dict[str, bytes] = {}
    buf = io.BytesIO()
    with db.read() as s, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for table in _tables(db):
            order = list(table.primary_key.columns) or list(table.columns)
            lines = []
            for row in s.execute(select(table).order_by(*order)).mappings():
                lines.append(json.dumps({k: _dump_value(v, blobs) for k, v in row.items()},
                                        ensure_ascii=False))
            counts[table.name] = len(lines)
            zf.writestr(f"tables/{table.name}.jsonl", "\n".join(lines))
        for digest, data in blobs.items():
            zf.writestr(f"blobs/{digest}", data, compress_type=zipfile.ZIP_STORED)
        zf.writestr("manifest.json", json.dumps({
            "format": FORMAT, "version": FORMAT_VERSION, "revision": db.revision(),
            "created_at": datetime.now(UTC).isoformat(), "tables": counts}, indent=1))
    Path(out).write_bytes(buf.getvalue())
    return counts


def _manifest(zf: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, json.JSONDecodeError) as exc:
        raise InvalidInput("File ini bukan cadangan SOTK Dashboard (manifest.json tidak ada)."
                           ) from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise InvalidInput("File ini bukan cadangan SOTK Dashboard yang dikenal.")
    return manifest


def restore(url: str | None, src: str | Path) -> dict[str, int]:
    """Restore a backup into an EMPTY database (refused otherwise); row counts per table."""
    try:
        zf = zipfile.ZipFile(src)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InvalidInput(f"Cadangan tidak dapat dibuka: {src} bukan file .zip yang utuh."
                           ) from exc
    with zf:
        manifest = _manifest(zf)
        db = Database.open(url, upgrade=False)
        try:
            return _restore(db, zf, manifest)
        finally:
            db.dispose()


def _restore(db: Database, zf: zipfile.ZipFile, manifest: dict) -> dict[str, int]:
    existing = set(inspect(db.writer).get_table_names()) - SKIP
    if existing:
        with db.read() as s:
            for name in existing:
                if s.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one():
                    raise StoreError("Basis data tujuan tidak kosong: pemulihan cadangan hanya "
                                     "ke basis data yang baru (kosong).")
    revision = manifest.get("revision")
    try:
        migrate(db.writer, revision or "head")
    except Exception as exc:  # an unknown (newer) revision
        raise InvalidInput(f"Cadangan berasal dari versi skema '{revision}' yang tidak dikenal "
                           "aplikasi ini; perbarui aplikasi terlebih dahulu.") from exc
    counts: dict[str, int] = {}
    with db.write() as s:
        for table in _tables(db):
            name = f"tables/{table.name}.jsonl"
            raw = zf.read(name).decode("utf-8") if name in zf.namelist() else ""
            rows = [{k: _load_value(v, zf) for k, v in json.loads(line).items()}
                    for line in raw.splitlines() if line.strip()]
            if rows:
                s.execute(table.insert(), rows)
            counts[table.name] = len(rows)
        if db.dialect == "postgresql":
            for table in _tables(db):
                pk = list(table.primary_key.columns)
                if len(pk) == 1 and pk[0].name == "id" and counts.get(table.name):
                    top = s.execute(select(func.max(table.c.id))).scalar_one()
                    s.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"),
                              {"t": table.name, "v": top})
    migrate(db.writer, "head")
    if manifest.get("tables") and {k: v for k, v in counts.items() if k in manifest["tables"]
                                   } != manifest["tables"]:
        raise StoreError("Cadangan tidak utuh: jumlah baris yang dipulihkan berbeda dari "
                         "catatan cadangan.")
    return counts


def head() -> str:
    return head_revision()
