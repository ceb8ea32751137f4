"""Access in a real browser: a visitor following a workspace link sees only the sample city
and the sign-in form; an OPD operator lands on their own OPD and cannot replace another
OPD's workbook (through the uploader, and by a direct call to the service); a viewer gets
no note form and their what-ifs are never saved to the workspace."""

from __future__ import annotations

import pytest

from sotk_core.store import LOCAL_ACTOR, PermissionDenied, WorkspaceService
from sotk_core.store.access import AccountService, RolePolicy
from tests.e2e.conftest import (
    ROOT,
    VIEWPORTS,
    error_texts,
    heading,
    nav,
    open_app,
    selected,
    shot,
    sign_in,
)
from tests.e2e.test_workspace import QUERY, _move_two, _server

A = LOCAL_ACTOR
PASSWORD = "rahasia-kota-2026"
OWN, OTHER = "Dinas Kesehatan", "Dinas Sosial"
OTHER_FILE = ROOT / "sample_data" / "11_dinsos.xlsx"


def _city(db_url: str) -> tuple[int, int]:
    """Kota Uji, round 2026 = the sample city; rina admin, budi operator of Dinas Kesehatan,
    ruang a viewer. Returns (workspace id, round id)."""
    svc = WorkspaceService.open(db_url)
    ws = svc.create_workspace(A, "Kota Uji")
    rnd = svc.create_round(A, ws.id, "2026")
    svc.submit(A, rnd.id, [(p.name, p.read_bytes())
                           for p in sorted((ROOT / "sample_data").glob("*.xlsx"))])
    accounts = AccountService(svc.db)
    for name, role, opds in (("rina", "admin", ()), ("budi", "opd", (OWN,)),
                             ("ruang", "viewer", ())):
        accounts.create_account(A, name, PASSWORD)
        accounts.grant(A, name, ws.id, role, opds)
    svc.close()
    return ws.id, rnd.id


def _sidebar_text(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


@pytest.mark.e2e
def test_visitor_sees_the_sample_city_and_an_operator_only_their_own_opd(new_context,
                                                                          tmp_path):
    db_url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    ws_id, rid = _city(db_url)
    with _server(db_url) as url:
        for size in ("1024x768", "1280x720", "1920x1080"):
            page = new_context(viewport=VIEWPORTS[size]).new_page()
            open_app(page, f"{url}/{QUERY}")
            assert heading(page).startswith("Ringkasan Kota Contoh")
            assert "Masuk untuk membuka ruang kerja kota \u201cKota Uji\u201d" in _sidebar_text(page)
            main = page.locator('[data-testid="stMain"]').inner_text()
            assert "Kota Uji" not in main and OTHER not in _sidebar_text(page)
            shot(page, f"access_visitor_{size}")

            sign_in(page, "budi", PASSWORD)
            assert error_texts(page) == []
            assert heading(page) == "Ringkasan OPD"
            assert selected(page, "opdview_opd_widget") == OWN
            page.get_by_text("Workbook OPD ini").first.wait_for()
            shot(page, f"access_operator_landing_{size}")
            page.context.close()

        page = new_context(viewport=VIEWPORTS["1024x768"]).new_page()
        open_app(page, f"{url}/{QUERY}")
        sign_in(page, "budi", PASSWORD)
        page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
            [{"name": "dinsos_ganti.xlsx", "buffer": OTHER_FILE.read_bytes(),
              "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
        refused = page.locator('[data-testid="stSidebar"] [data-testid="stAlertContentError"]')
        refused.first.wait_for()
        assert any(f"hanya boleh mengirim workbook untuk OPD miliknya ({OWN}), bukan untuk "
                   f"OPD '{OTHER}'" in t for t in refused.all_inner_texts())
        shot(page, "access_operator_refused_1024x768")

    svc = WorkspaceService.open(db_url)
    try:
        assert [v.version for v in svc.submission_versions(A, rid, OTHER)] == [1]
        accounts = AccountService(svc.db)
        budi = accounts.actor_for(accounts.get("budi"), ws_id)
        guarded = WorkspaceService(svc.db, RolePolicy(svc.db))  # as the app builds it
        with pytest.raises(PermissionDenied, match="hanya boleh mengirim workbook"):
            guarded.submit(budi, rid, [("dinsos_ganti.xlsx", OTHER_FILE.read_bytes())])
        assert [v.version for v in svc.submission_versions(A, rid, OTHER)] == [1]
    finally:
        svc.close()


@pytest.mark.e2e
def test_a_viewer_reads_but_writes_no_note_and_saves_no_scenario(page, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    _, rid = _city(db_url)
    with _server(db_url) as url:
        open_app(page, f"{url}/simulasi{QUERY}")
        sign_in(page, "ruang", PASSWORD)
        nav(page, "simulasi")
        _move_two(page)  # a what-if in the viewer's own session
        assert error_texts(page) == []
        nav(page, "produktivitas")
        assert page.get_by_role("button", name="Simpan catatan").count() == 0
        shot(page, "access_viewer_produktivitas_1280x720")
    svc = WorkspaceService.open(db_url)
    try:
        assert svc.list_scenarios(A, rid) == [] and svc.list_notes(A, rid) == []
    finally:
        svc.close()
