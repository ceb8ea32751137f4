"""Faults: a killed or failing import leaves nothing half written; concurrent imports all land
consistently; an unreachable, read-only or full database gives one Indonesian sentence."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from sotk_core.store import (
    LOCAL_ACTOR,
    DatabaseUnavailable,
    StorageFull,
    WorkspaceService,
)
from sotk_core.store import frames as fr
from sotk_core.store.engine import head_revision
from tests.builders import opd_bytes

A = LOCAL_ACTOR
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def rnd(svc):
    ws = svc.create_workspace(A, "Kota Uji")
    return svc.create_round(A, ws.id, "2026")


def _counts(svc) -> tuple[int, int, int]:
    with svc.db.writer.connect() as c:
        return tuple(c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                     for t in ("submission", "submission_frame", "audit_event"))


def test_failure_in_the_middle_of_an_import_stores_none_of_it(svc, rnd, monkeypatch):
    before = _counts(svc)
    real = fr.encode
    calls = []

    def encode_then_fail(wb):
        calls.append(wb.file)
        if len(calls) == 2:
            raise RuntimeError("server mati di tengah unggahan")
        return real(wb)

    monkeypatch.setattr(fr, "encode", encode_then_fail)
    files = [("a.xlsx", opd_bytes()), ("b.xlsx", opd_bytes({"name": "Dinas Dua"}))]
    with pytest.raises(RuntimeError):
        svc.submit(A, rnd.id, files)
    assert calls == ["a.xlsx", "b.xlsx"]
    assert _counts(svc) == before  # the first file's rows were rolled back too


_CHILD = """
import sys, time
from sotk_core.store import WorkspaceService, LOCAL_ACTOR
from sotk_core.store import repo
from tests.builders import opd_bytes
svc = WorkspaceService.open(sys.argv[1])
real = repo.audit
def audit_then_hang(*a, **k):
    real(*a, **k)
    print("inside", flush=True)  # the submission row is written, not committed
    time.sleep(60)
repo.audit = audit_then_hang
svc.submit(LOCAL_ACTOR, int(sys.argv[2]), [("uji.xlsx", opd_bytes())])
"""


def test_process_killed_mid_upload_leaves_no_half_submission(svc, rnd, db_url):
    before = _counts(svc)
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, db_url, str(rnd.id)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "inside"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    assert _counts(svc) == before
    # and the database is usable at once: the lock of the killed writer is gone
    stored = svc.submit(A, rnd.id, [("uji.xlsx", opd_bytes())]).stored
    assert [s.version for s in stored] == [1]


def test_concurrent_imports_of_the_same_opd_all_land_as_versions(db_url, svc, rnd):
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def worker(i: int) -> None:
        other = None
        try:
            other = WorkspaceService.open(db_url)
            start.wait()
            other.submit(A, rnd.id, [(f"uji_{i}.xlsx", opd_bytes({"sakip": 60.0 + i})),
                                     (f"lain_{i}.xlsx", opd_bytes({"name": f"Dinas {i}"}))])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            if other is not None:
                other.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert errors == []
    versions = svc.submission_versions(A, rnd.id, "Dinas Uji")
    assert sorted(v.version for v in versions) == [1, 2, 3, 4]
    current = svc.list_submissions(A, rnd.id)
    assert sorted(s.opd for s in current) == ["Dinas 0", "Dinas 1", "Dinas 2", "Dinas 3",
                                              "Dinas Uji"]
    assert len({s.id for s in current}) == 5  # one version in force per OPD
    city = svc.open_round(A, rnd.id).city
    assert len(city.opds) == 5 and not city.extra_issues


def test_replicas_starting_at_once_on_an_empty_database_migrate_once(db_url):
    opened: list[str | None] = []
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def replica() -> None:
        try:
            start.wait()
            svc = WorkspaceService.open(db_url)
            opened.append(svc.db.revision())
            svc.close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=replica) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert errors == [] and opened == [head_revision()] * 3


def test_unreachable_postgres_is_one_indonesian_sentence():
    with pytest.raises(DatabaseUnavailable) as err:
        WorkspaceService.open("postgresql+psycopg://sotk@127.0.0.1:1/tidak_ada")
    assert err.value.message.startswith("Basis data tidak dapat dibuka "
                                        "(postgresql+psycopg://sotk@127.0.0.1:1/tidak_ada)")
    assert "\n" not in err.value.message


def test_sqlite_file_that_cannot_be_created_is_one_sentence(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    with pytest.raises(DatabaseUnavailable, match="Folder basis data tidak dapat dibuat"):
        WorkspaceService.open(f"sqlite:///{blocker / 'sub' / 'ws.sqlite3'}")


def test_unknown_driver_is_refused_in_indonesian():
    with pytest.raises(DatabaseUnavailable, match="Jenis basis data tidak didukung"):
        WorkspaceService.open("oracle+nosuch://x/y")


def test_read_only_sqlite_refuses_writes_with_a_clear_message(tmp_path):
    path = tmp_path / "ws.sqlite3"
    svc = WorkspaceService.open(f"sqlite:///{path}")
    ws = svc.create_workspace(A, "Kota Uji")
    rnd = svc.create_round(A, ws.id, "2026")
    svc.close()
    ro = WorkspaceService.open(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        assert ro.list_rounds(A, ws.id)[0].name == "2026"  # reading still works
        with pytest.raises(StorageFull) as err:
            ro.add_note(A, rnd.id, "Catatan penting rapat")
        assert err.value.message == (
            "Penyimpanan basis data penuh atau hanya-baca; perubahan ini belum tersimpan. "
            "Unduh salinannya, lalu hubungi pengelola server.")
    finally:
        ro.close()


def test_full_sqlite_disk_refuses_writes_and_keeps_earlier_data(tmp_path):
    path = tmp_path / "ws.sqlite3"
    svc = WorkspaceService.open(f"sqlite:///{path}")
    ws = svc.create_workspace(A, "Kota Uji")
    rnd = svc.create_round(A, ws.id, "2026")
    svc.add_note(A, rnd.id, "sudah tersimpan")
    pages = create_engine(f"sqlite:///{path}").connect().execute(
        text("PRAGMA page_count")).scalar_one()

    @event.listens_for(svc.db.writer, "connect")
    def _cap(dbapi_conn, _rec):  # the "disk" holds no more pages than there are now
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 1}")

    svc.db.writer.dispose()
    with pytest.raises(StorageFull):
        svc.submit(A, rnd.id, [("uji.xlsx", opd_bytes())])
    assert [n.text for n in svc.list_notes(A, rnd.id)] == ["sudah tersimpan"]
    svc.close()


def test_read_only_postgres_refuses_writes_with_the_same_message(pg_url):
    svc = WorkspaceService.open(pg_url)
    ws = svc.create_workspace(A, "Kota Uji")
    rnd = svc.create_round(A, ws.id, "2026")
    with svc.db.writer.connect() as c:
        c.execute(text("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"))
        name = c.execute(text("SELECT current_database()")).scalar_one()
        c.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        c.commit()
    svc.db.writer.dispose()
    try:
        with pytest.raises(StorageFull, match="penuh atau hanya-baca"):
            svc.add_note(A, rnd.id, "Catatan")
    finally:
        with svc.db.writer.connect() as c:
            c.execute(text("SET TRANSACTION READ WRITE"))
            c.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = off'))
            c.commit()
        svc.close()
