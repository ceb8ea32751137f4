"""Access on both backends, called on the service layer directly (not through the pages):
roles per workspace, OPD-scoped changes, password storage, throttling and lockout, sessions.

Role matrix under test (sotk_core.store.access):
admin   everything in its workspace
opd     view; submit / restore / withdraw / download and notes for its own OPD only
viewer  view only
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sotk_core.scenario import SetExisting
from sotk_core.store import LOCAL_ACTOR, Actor, Database, PermissionDenied, WorkspaceService
from sotk_core.store.access import (
    LOCK_AFTER,
    SESSION_IDLE,
    SESSION_MAX,
    AccountService,
    RolePolicy,
    session_valid,
)
from sotk_core.store.errors import InvalidInput, LoginRefused
from tests.builders import opd_bytes

PASSWORD = "rahasia-kota-2026"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture()
def world(db_url):
    """A workspace with a round holding Dinas Uji and Dinas Lain, and three accounts."""
    db = Database.open(db_url)
    clock = Clock()
    accounts = AccountService(db, clock=clock)
    plain = WorkspaceService(db)
    ws = plain.create_workspace(LOCAL_ACTOR, "Kota Uji")
    rnd = plain.create_round(LOCAL_ACTOR, ws.id, "2026")
    plain.submit(LOCAL_ACTOR, rnd.id, [("uji.xlsx", opd_bytes()),
                                       ("lain.xlsx", opd_bytes({"name": "Dinas Lain"}))])
    actors = {}
    for name, role, opds in (("rina", "admin", ()), ("budi", "opd", ("Dinas Uji",)),
                             ("ruang", "viewer", ())):
        acc = accounts.create_account(LOCAL_ACTOR, name, PASSWORD)
        accounts.grant(LOCAL_ACTOR, name, ws.id, role, opds)
        actors[name] = accounts.actor_for(acc, ws.id)
    guarded = WorkspaceService(db, RolePolicy(db))
    guarded.plain = plain  # the unchecked service, for the tests' own look-ups
    yield guarded, accounts, ws, rnd, actors, clock
    db.dispose()


def _versions(svc, rnd, opd):
    return [s.version for s in svc.plain.submission_versions(LOCAL_ACTOR, rnd.id, opd)]


def test_opd_operator_replaces_its_own_workbook_but_not_another_opds(world):
    svc, _, _, rnd, who, _ = world
    budi = who["budi"]
    changed = opd_bytes({"sakip": 80.0})
    assert [s.version for s in svc.submit(budi, rnd.id, [("uji2.xlsx", changed)]).stored] == [2]
    other = opd_bytes({"name": "Dinas Lain", "sakip": 10.0})
    with pytest.raises(PermissionDenied, match=r"hanya boleh mengirim workbook untuk OPD "
                                               r"miliknya \(Dinas Uji\), bukan untuk OPD "
                                               r"'Dinas Lain'"):
        svc.submit(budi, rnd.id, [("lain2.xlsx", other)])
    assert _versions(svc, rnd, "Dinas Lain") == [1]  # nothing stored
    first_lain = svc.plain.submission_versions(LOCAL_ACTOR, rnd.id, "Dinas Lain")[0]
    with pytest.raises(PermissionDenied, match="memulihkan versi workbook"):
        svc.restore_submission(budi, first_lain.id)
    with pytest.raises(PermissionDenied, match="mengunduh workbook"):
        svc.submission_bytes(budi, first_lain.id)
    with pytest.raises(PermissionDenied, match="menarik workbook"):
        svc.withdraw_submission(budi, rnd.id, "Dinas Lain")
    own_first = svc.plain.submission_versions(LOCAL_ACTOR, rnd.id, "Dinas Uji")[-1]
    assert svc.restore_submission(budi, own_first.id).version == 3
    assert svc.submission_bytes(budi, own_first.id)[0] == "uji.xlsx"


def test_notes_and_scenarios_by_role(world):
    svc, _, _, rnd, who, _ = world
    note = svc.add_note(who["budi"], rnd.id, "Seksi Layanan B kosong", opd="Dinas Uji")
    assert note.author == "budi"
    with pytest.raises(PermissionDenied, match="bukan untuk OPD 'Dinas Lain'"):
        svc.add_note(who["budi"], rnd.id, "catatan orang lain", opd="Dinas Lain")
    with pytest.raises(PermissionDenied, match="bukan untuk seluruh kota"):
        svc.add_note(who["budi"], rnd.id, "catatan kota")
    with pytest.raises(PermissionDenied, match="Peran Pemirsa .* tidak boleh menambah catatan"):
        svc.add_note(who["ruang"], rnd.id, "dari ruang rapat", opd="Dinas Uji")
    with pytest.raises(PermissionDenied, match="tidak boleh menyimpan skenario"):
        svc.create_scenario(who["ruang"], rnd.id, "Usulan")
    with pytest.raises(PermissionDenied, match="tidak boleh menyimpan skenario"):
        svc.create_scenario(who["budi"], rnd.id, "Usulan")
    scen = svc.create_scenario(who["rina"], rnd.id, "Usulan")
    change = SetExisting("Dinas Uji", "J08", 1)
    saved = svc.save_scenario(who["rina"], scen.id, (change,), scen.version)
    assert saved.changes == (change,) and saved.updated_by == "rina"
    with pytest.raises(PermissionDenied, match="memindahkan slide presentasi"):
        svc.set_deck_position(who["ruang"], rnd.id, "kota.ringkasan")
    with pytest.raises(PermissionDenied, match="membaca log perubahan"):
        svc.audit_log(who["budi"], rnd.workspace_id)
    # everyone with a role sees the dashboards' data
    for name in ("rina", "budi", "ruang"):
        assert {s.opd for s in svc.list_submissions(who[name], rnd.id)} == {"Dinas Uji",
                                                                            "Dinas Lain"}


def test_unauthenticated_and_outsiders_see_nothing(world, db_url):
    svc, accounts, ws, rnd, _, _ = world
    with pytest.raises(PermissionDenied, match="Masuk \\(login\\) dulu"):
        svc.list_submissions(Actor(name="tamu", role="viewer"), rnd.id)
    acc = accounts.create_account(LOCAL_ACTOR, "asing", PASSWORD)
    outsider = accounts.actor_for(acc, ws.id)
    with pytest.raises(PermissionDenied, match="tidak terdaftar di ruang kerja ini"):
        svc.list_submissions(outsider, rnd.id)
    accounts.set_disabled(LOCAL_ACTOR, "budi", True)
    with pytest.raises(PermissionDenied, match="tidak aktif lagi"):
        svc.list_submissions(accounts.actor_for(accounts.get("budi"), ws.id), rnd.id)


def test_every_change_is_attributed_in_the_audit_log(world):
    svc, accounts, ws, rnd, who, _ = world
    svc.submit(who["budi"], rnd.id, [("uji2.xlsx", opd_bytes({"sakip": 80.0}))])
    svc.add_note(who["budi"], rnd.id, "catatan", opd="Dinas Uji")
    accounts.grant(who["rina"], "ruang", ws.id, "opd", ["Dinas Lain"])
    log = svc.audit_log(who["rina"], ws.id)
    rows = {(e.actor_name, e.action, e.opd) for e in log}
    assert ("budi", "submission.add", "Dinas Uji") in rows
    assert ("budi", "note.add", "Dinas Uji") in rows
    assert ("rina", "account.manage", None) in rows


def test_only_admins_manage_accounts(world):
    _, accounts, ws, _, who, _ = world
    guarded = AccountService(accounts.db, RolePolicy(accounts.db))
    with pytest.raises(PermissionDenied, match="tidak boleh mengelola akun"):
        guarded.create_account(who["budi"], "baru", PASSWORD, workspace_id=ws.id)
    guarded.create_account(who["rina"], "baru", PASSWORD, workspace_id=ws.id)
    with pytest.raises(InvalidInput, match="Operator OPD perlu nama OPD"):
        guarded.grant(who["rina"], "baru", ws.id, "opd")
    with pytest.raises(InvalidInput, match="paling sedikit 10 huruf"):
        guarded.create_account(who["rina"], "pendek", "123456789", workspace_id=ws.id)


def test_passwords_are_argon2_hashes_never_clear_text(world, db_url, caplog):
    _, accounts, _, _, _, _ = world
    caplog.set_level(logging.DEBUG)
    accounts.authenticate("rina", PASSWORD)
    with pytest.raises(LoginRefused):
        accounts.authenticate("rina", "salah-sekali-123")
    engine = create_engine(db_url)
    with engine.connect() as conn:
        hashes = [r[0] for r in conn.execute(text("SELECT password_hash FROM account"))]
        dump = " ".join(str(r) for table in ("account", "membership", "audit_event")
                        for r in conn.execute(text(f"SELECT * FROM {table}")))
    engine.dispose()
    assert hashes and all(h.startswith("$argon2id$v=19$m=") for h in hashes)
    assert len(set(hashes)) == len(hashes)  # salted: same password, different hashes
    assert PASSWORD not in dump and "salah-sekali-123" not in dump
    assert PASSWORD not in caplog.text and "salah-sekali-123" not in caplog.text
    if db_url.startswith("sqlite:///"):
        raw = Path(db_url.removeprefix("sqlite:///")).read_bytes()
        assert PASSWORD.encode() not in raw


def test_failed_sign_ins_slow_down_then_lock(world):
    _, accounts, _, _, _, clock = world
    assert accounts.authenticate("budi", PASSWORD).username == "budi"
    with pytest.raises(LoginRefused, match="salah"):
        accounts.authenticate("budi", "keliru-0000001")
    # the second try within 1 s (2^0) is refused without checking the password
    with pytest.raises(LoginRefused, match="tunggu 1 detik"):
        accounts.authenticate("budi", PASSWORD)
    clock.tick(seconds=1)
    for n in range(2, LOCK_AFTER):  # failures 2..4 wait 2, 4, 8 s
        with pytest.raises(LoginRefused, match="salah"):
            accounts.authenticate("budi", "keliru-0000001")
        clock.tick(seconds=2 ** (n - 1) - 0.5)
        with pytest.raises(LoginRefused, match="tunggu"):
            accounts.authenticate("budi", "keliru-0000001")
        clock.tick(seconds=0.5)
    with pytest.raises(LoginRefused, match="salah"):  # the 5th failure locks
        accounts.authenticate("budi", "keliru-0000001")
    clock.tick(minutes=14, seconds=59)
    with pytest.raises(LoginRefused, match="dikunci sementara karena 5 kali salah"):
        accounts.authenticate("budi", PASSWORD)  # even the right password
    clock.tick(seconds=1)
    assert accounts.authenticate("budi", PASSWORD).username == "budi"
    with pytest.raises(LoginRefused, match="Nama pengguna atau kata sandi salah"):
        accounts.authenticate("tidak-ada", PASSWORD)  # unknown name: the same sentence


def test_sessions_expire_at_their_limits():
    start = T0
    assert session_valid(start, start + SESSION_IDLE - timedelta(seconds=1),
                         start + SESSION_IDLE - timedelta(seconds=1) + timedelta(seconds=0))
    assert not session_valid(start, start, start + SESSION_IDLE)  # idle exactly 2 h: out
    late = start + SESSION_MAX
    assert not session_valid(start, late - timedelta(minutes=1), late)  # 12 h in all: out
    assert session_valid(start, late - timedelta(minutes=1), late - timedelta(seconds=1))


def test_oidc_email_maps_to_an_account(world):
    _, accounts, ws, _, _, _ = world
    accounts.create_account(LOCAL_ACTOR, "sari", email="Sari@Kota.go.id")
    assert accounts.account_by_email("sari@kota.go.id").username == "sari"
    with pytest.raises(LoginRefused, match="belum terdaftar"):
        accounts.account_by_email("orang@lain.id")
    with pytest.raises(LoginRefused):  # no password: local sign-in impossible
        accounts.authenticate("sari", PASSWORD)




def test_cli_user_add_hashes_the_password_and_refuses_an_opd_operator_without_opd(
        tmp_path, monkeypatch, capsys):
    import io

    from sotk_core.__main__ import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert main(["workspace", "--db", url, "init", "--name", "Kota Uji"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["workspace", "--db", url, "user", "add", "budi", "--role", "opd", "--opd",
                 "Dinas Uji", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["workspace", "--db", url, "user", "add", "tono", "--role", "opd",
                 "--password-stdin"]) == 1
    out = capsys.readouterr()
    assert "Operator OPD untuk Dinas Uji" in out.out
    assert 'Operator OPD perlu nama OPD-nya (--opd "Nama OPD")' in out.err
    assert PASSWORD not in out.out + out.err
    db = Database.open(url)
    accounts = AccountService(db)
    assert accounts.authenticate("budi", PASSWORD).username == "budi"
    assert [a.username for a, _ in accounts.list_accounts(LOCAL_ACTOR, 1)] == ["budi"]
    db.dispose()
