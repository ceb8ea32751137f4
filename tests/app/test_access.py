"""Access in the app (AppTest): a visitor sees only the sample city and the sign-in form,
signing in opens the linked workspace, a wrong password is refused in Indonesian, an OPD
operator cannot replace another OPD's workbook through the uploader, a viewer gets no note
form, and the admin page lists accounts and the audit log."""

from __future__ import annotations

import time

import pytest

from sotk_core.store import LOCAL_ACTOR, WorkspaceService
from sotk_core.store.access import AccountService
from tests.app.helpers import XLSX, goto
from tests.builders import opd_bytes

A = LOCAL_ACTOR
PASSWORD = "rahasia-kota-2026"


@pytest.fixture()
def city(tmp_path, monkeypatch):
    """Kota Uji, round 2026: Dinas Uji and Dinas Lain; rina admin, budi operator of Dinas
    Uji, ruang a viewer."""
    url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    monkeypatch.setenv("SOTK_DATABASE_URL", url)
    svc = WorkspaceService.open(url)
    ws = svc.create_workspace(A, "Kota Uji")
    rnd = svc.create_round(A, ws.id, "2026")
    svc.submit(A, rnd.id, [("uji.xlsx", opd_bytes()),
                           ("lain.xlsx", opd_bytes({"name": "Dinas Lain"}))])
    accounts = AccountService(svc.db)
    for name, role, opds in (("rina", "admin", ()), ("budi", "opd", ("Dinas Uji",)),
                             ("ruang", "viewer", ())):
        accounts.create_account(A, name, PASSWORD)
        accounts.grant(A, name, ws.id, role, opds)
    yield svc, rnd
    svc.close()


def _visit(new_app):
    at = new_app()
    at.query_params["ruang"] = "Kota Uji"
    at.query_params["putaran"] = "2026"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sign_in(at, name: str, password: str = PASSWORD):
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button(key="FormSubmitter:login-Masuk").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_visitor_sees_only_the_sample_city_and_the_sign_in_form(city, new_app):
    at = _visit(new_app)
    assert at.session_state["sotk_round"] is None
    assert [e.label for e in at.sidebar.expander if "Masuk" in e.label] == [
        "Masuk untuk membuka ruang kerja kota \u201cKota Uji\u201d"]
    page_text = " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    assert "Dinas Lain" not in page_text and "Kota Uji · putaran" not in page_text
    assert at.query_params["ruang"] == "Kota Uji"  # the link is kept for after signing in


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_linked_round(city, new_app):
    svc, rnd = city
    at = _sign_in(_visit(new_app), "rina", "bukan-sandinya-1")
    assert [e.value for e in at.sidebar.error] == ["Nama pengguna atau kata sandi salah."]
    assert at.session_state["sotk_round"] is None
    time.sleep(1.1)  # one failed attempt: the next is accepted after 1 s (throttle 1, 2, 4, 8 s)
    at = _sign_in(at, "rina")
    assert at.session_state["sotk_round"] == rnd.id
    assert any("Bu" in c.value or "rina" in c.value for c in at.sidebar.caption)


def test_an_opd_operator_cannot_replace_another_opds_workbook(city, new_app):
    svc, rnd = city
    at = _sign_in(_visit(new_app), "budi")
    assert at.session_state["sotk_round"] == rnd.id
    uploader = at.sidebar.file_uploader[0]
    uploader.set_value([("lain2.xlsx", opd_bytes({"name": "Dinas Lain", "sakip": 10.0}),
                         XLSX)]).run()
    refused = [e.value for e in at.sidebar.error]
    assert any("hanya boleh mengirim workbook untuk OPD miliknya (Dinas Uji), bukan untuk "
               "OPD 'Dinas Lain'" in e for e in refused), refused
    assert [v.version for v in svc.submission_versions(A, rnd.id, "Dinas Lain")] == [1]
    at.sidebar.file_uploader[0].set_value([("uji2.xlsx", opd_bytes({"sakip": 80.0}),
                                            XLSX)]).run()
    assert [v.version for v in svc.submission_versions(A, rnd.id, "Dinas Uji")] == [2, 1]


def test_a_viewer_gets_no_note_form_and_no_admin_page(city, new_app):
    at = _sign_in(_visit(new_app), "ruang")
    goto(at, "produktivitas")
    assert not at.exception
    assert not [b for b in at.button if b.label == "Simpan catatan"]
    assert any("hanya melihat catatan" in c.value for c in at.caption)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        goto(at, "akun")  # not in a viewer's navigation at all


def test_the_admin_page_lists_accounts_adds_one_and_shows_the_audit_log(city, new_app):
    svc, rnd = city
    at = goto(_sign_in(_visit(new_app), "rina"), "akun")
    assert not at.exception and not at.error, [e.value for e in at.error]
    accounts = at.dataframe[0].value
    assert accounts["Nama pengguna"].tolist() == ["budi", "rina", "ruang"]
    assert accounts.set_index("Nama pengguna").loc["budi", "OPD"] == "Dinas Uji"
    at.text_input(key="acc_name").input("sari")
    at.selectbox(key="acc_role").select("opd")
    at.multiselect(key="acc_opds").select("Dinas Lain")
    at.text_input(key="acc_password").input("sandi-sari-2026")
    at.button(key="FormSubmitter:acc_add-Buat akun").click().run()
    assert any("Akun 'sari' dibuat: Operator OPD." in s.value for s in at.success)
    member = dict((a.username, m) for a, m in AccountService(svc.db).list_accounts(A, 1))
    assert member["sari"].opds == ("Dinas Lain",) and member["sari"].role == "opd"
    log = at.dataframe[1].value
    assert {"Mengirim workbook", "Mengelola akun"} <= set(log["Tindakan"])
    assert set(log.loc[log["Tindakan"] == "Mengelola akun", "Akun"]) >= {"rina"}


def test_an_opd_operator_lands_on_their_own_opd_one_click_from_the_city(city, new_app):
    svc, rnd = city
    at = _sign_in(_visit(new_app), "budi")
    assert [t.value for t in at.title] == ["Ringkasan OPD"]  # not the city page
    assert at.selectbox(key="opdview_opd_widget").value == "Dinas Uji"
    assert "Workbook OPD ini" in [h.value for h in at.subheader]
    status = [m.value for m in at.markdown if m.value.startswith("Versi **")]
    assert status and status[0].startswith("Versi **1** · dikirim oleh lokal, ")
    assert status[0].endswith("· **0** galat, **0** peringatan"), status
    goto(at, "ringkasan")
    links = [p.proto for p in at.get("page_link")]
    assert [(p.label, p.page) for p in links if "OPD saya" in p.label] == [
        ("Buka ringkasan OPD saya: Dinas Uji", "opd")], [p.label for p in links]
    admin = _sign_in(_visit(new_app), "rina")  # the Bagian Organisasi starts on the city
    assert [t.value for t in admin.title] == ["Ringkasan Kota Uji"]
    assert not [p for p in admin.get("page_link") if "OPD saya" in p.proto.label]
