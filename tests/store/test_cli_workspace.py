"""`python -m sotk_core workspace ...`: init, import two rounds, report each (equal to the plain
report of the same files), backup -> restore into a new database -> identical report,
two imports at once, an unreachable database (exit 1, one line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sotk_core.__main__ import main
from sotk_core.store import LOCAL_ACTOR, WorkspaceService
from tests.builders import opd_bytes

ROOT = Path(__file__).resolve().parents[2]
PLAIN_KEYS = ("settings", "city", "opd", "units", "positions", "issues", "findings")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, _ = _run(capsys, *argv)
    return code, json.loads(out)


@pytest.fixture()
def rounds(tmp_path, sample_paths):
    """Round 2025: the sample city; round 2026: Dinas Uji (hand-checked) plus a broken file."""
    r2026 = [tmp_path / "uji.xlsx", tmp_path / "rusak.xlsx"]
    r2026[0].write_bytes(opd_bytes())
    r2026[1].write_bytes(b"ini bukan workbook")
    return {"2025": [str(p) for p in sample_paths], "2026": [str(p) for p in r2026]}


def test_init_import_report_equal_plain_report_then_backup_restore(db_url, tmp_path, rounds,
                                                                   capsys):
    assert _run(capsys, "workspace", "--db", db_url, "init", "--name", "Kota Contoh")[0] == 0
    code, out, _ = _run(capsys, "workspace", "--db", db_url, "import", "--round", "2025",
                        *rounds["2025"])
    n = len(rounds["2025"])  # the sample city: one workbook per OPD
    assert code == 0 and f"Putaran 2025: {n} dari {n} file disimpan." in out
    code, out, err = _run(capsys, "workspace", "--db", db_url, "import", "--round", "2026",
                          *rounds["2026"])
    assert code == 2 and "Putaran 2026: 2 dari 2 file disimpan." in out and "rusak.xlsx" in err

    svc = WorkspaceService.open(db_url)
    rnd = svc.round_by_name(LOCAL_ACTOR, svc.list_workspaces()[0].id, "2026")
    svc.add_note(LOCAL_ACTOR, rnd.id, "Seksi B kosong", "keputusan", "Dinas Uji")
    svc.create_scenario(LOCAL_ACTOR, rnd.id, "Isi Seksi B")
    svc.close()

    reports = {}
    for name, files in rounds.items():
        code, stored = _json(capsys, "workspace", "--db", db_url, "report", "--round", name,
                             "--json")
        plain_code, plain = _json(capsys, "report", *files, "--json")
        assert code == plain_code == (0 if name == "2025" else 2)
        assert {k: stored[k] for k in PLAIN_KEYS} == {k: plain[k] for k in PLAIN_KEYS}
        reports[name] = stored
    r26 = reports["2026"]
    assert (r26["city"]["need"], r26["city"]["existing"]) == (11, 10)  # tests/builders.py
    assert r26["round"]["name"] == "2026" and r26["round"]["workspace"] == "Kota Contoh"
    assert [s["file"] for s in r26["round"]["submissions"]] == ["uji.xlsx", "rusak.xlsx"]
    assert [(n["teks"], n["jenis"], n["opd"]) for n in r26["notes"]] == [
        ("Seksi B kosong", "keputusan", "Dinas Uji")]
    assert [s["name"] for s in r26["scenarios"]] == ["Isi Seksi B"]
    assert reports["2025"]["notes"] == [] and reports["2025"]["city"]["opd_count"] == n

    zip_path = tmp_path / "cadangan.zip"
    code, out, _ = _run(capsys, "workspace", "--db", db_url, "backup", str(zip_path))
    assert code == 0 and f"{n + 2} workbook, 1 catatan, 1 skenario" in out
    target = f"sqlite:///{tmp_path / 'pulih.sqlite3'}"
    assert _run(capsys, "workspace", "--db", target, "restore", str(zip_path))[0] == 0
    for name in rounds:
        _, again = _json(capsys, "workspace", "--db", target, "report", "--round", name,
                         "--json")
        assert again == reports[name]
    code, _, err = _run(capsys, "workspace", "--db", target, "restore", str(zip_path))
    assert code == 1 and err.strip() == ("galat: Basis data tujuan tidak kosong: pemulihan "
                                         "cadangan hanya ke basis data yang baru (kosong).")


def test_restore_into_postgres_gives_the_same_report(pg_url, tmp_path, rounds, capsys):
    src = f"sqlite:///{tmp_path / 'asal.sqlite3'}"
    main(["workspace", "--db", src, "init", "--name", "Kota"])
    main(["workspace", "--db", src, "import", "--round", "2026", *rounds["2026"]])
    capsys.readouterr()
    _, before = _json(capsys, "workspace", "--db", src, "report", "--round", "2026", "--json")
    main(["workspace", "--db", src, "backup", str(tmp_path / "b.zip")])
    assert main(["workspace", "--db", pg_url, "restore", str(tmp_path / "b.zip")]) == 0
    capsys.readouterr()
    _, after = _json(capsys, "workspace", "--db", pg_url, "report", "--round", "2026", "--json")
    assert after == before
    svc = WorkspaceService.open(pg_url)  # ids continue after the restored ones
    rnd = svc.round_by_name(LOCAL_ACTOR, svc.list_workspaces()[0].id, "2026")
    assert svc.add_note(LOCAL_ACTOR, rnd.id, "baru").text == "baru"
    svc.close()


def test_two_imports_at_once_end_consistent(db_url, tmp_path, capsys):
    main(["workspace", "--db", db_url, "init", "--name", "Kota"])
    capsys.readouterr()
    procs = []
    for i in range(2):
        files = []
        for j in range(3):
            f = tmp_path / f"p{i}_{j}.xlsx"
            f.write_bytes(opd_bytes({"name": f"Dinas {j}", "sakip": 60.0 + i}))
            files.append(str(f))
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "sotk_core", "workspace", "--db", db_url, "import",
             "--round", "2026", *files], cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}))
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    svc = WorkspaceService.open(db_url)
    rnd = svc.round_by_name(LOCAL_ACTOR, svc.list_workspaces()[0].id, "2026")
    for j in range(3):
        assert [v.version for v in svc.submission_versions(LOCAL_ACTOR, rnd.id,
                                                           f"Dinas {j}")] == [2, 1]
    assert len(svc.open_round(LOCAL_ACTOR, rnd.id).city.opds) == 3
    svc.close()


def test_unreachable_database_is_exit_1_with_one_line(capsys):
    code, out, err = _run(capsys, "workspace", "--db",
                          "postgresql+psycopg://sotk@127.0.0.1:1/tidak_ada", "report",
                          "--round", "2026")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("galat: Basis data tidak dapat dibuka "
                          "(postgresql+psycopg://sotk@127.0.0.1:1/tidak_ada)")


def test_report_of_an_unknown_round_or_workspace_is_exit_1(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    code, _, err = _run(capsys, "workspace", "--db", db, "report", "--round", "2026")
    assert code == 1 and "Belum ada ruang kerja" in err
    main(["workspace", "--db", db, "init", "--name", "Kota"])
    code, _, err = _run(capsys, "workspace", "--db", db, "report", "--round", "2030")
    assert code == 1 and err.strip() == "galat: Putaran '2030' tidak ada di ruang kerja ini."


def test_db_defaults_to_the_env_url_then_the_embedded_file(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SOTK_DATABASE_URL", raising=False)
    monkeypatch.setenv("SOTK_DATA_DIR", str(tmp_path / "data"))
    assert main(["workspace", "init", "--name", "Kota Bawaan"]) == 0
    assert (tmp_path / "data" / "sotk.sqlite3").is_file()  # created on first start
    other = tmp_path / "lain.sqlite3"
    monkeypatch.setenv("SOTK_DATABASE_URL", f"sqlite:///{other}")
    assert main(["workspace", "init", "--name", "Kota Lain"]) == 0
    assert WorkspaceService.open(f"sqlite:///{other}").list_workspaces()[0].name == "Kota Lain"
    capsys.readouterr()
