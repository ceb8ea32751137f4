"""The workspace database in a real browser: a note and a scenario change survive a reload
and a server restart; two app servers on one PostgreSQL database see each other's notes."""

from __future__ import annotations

from urllib.parse import quote

from sotk_core.store import LOCAL_ACTOR, WorkspaceService
from sotk_core.store.access import AccountService
from tests.e2e.conftest import (
    ROOT,
    _free_port,
    app_server,
    choose,
    error_texts,
    nav,
    open_app,
    sign_in,
    wait_for_app,
)
from tests.store.conftest import pg_admin_url, pg_url  # noqa: F401 - fixture for the PG test

A = LOCAL_ACTOR
OPD = "Dinas Kesehatan"
SRC, DST = "08.04-02", "08.04-03"
QUERY = f"?ruang={quote('Kota Uji')}&putaran=2026"
ADMIN, PASSWORD = "rina", "rahasia-kota-2026"
NOTE = "Bidang P2P: dua pegawai pindah ke seksi surveilans (keputusan FGD)"


def _server(db_url: str, port: int | None = None):
    port = port or _free_port()
    return app_server({"SOTK_DATABASE_URL": db_url}, port,
                      ROOT / "artifacts" / f"streamlit_ws_{port}.log")


def _workspace(db_url: str) -> int:
    """Kota Uji, round 2026 = the sample city's workbooks, and its admin account; returns the
    round id."""
    svc = WorkspaceService.open(db_url)
    ws = svc.create_workspace(A, "Kota Uji")
    rnd = svc.create_round(A, ws.id, "2026")
    files = [(p.name, p.read_bytes()) for p in sorted((ROOT / "sample_data").glob("*.xlsx"))]
    svc.submit(A, rnd.id, files)
    accounts = AccountService(svc.db)
    accounts.create_account(A, ADMIN, PASSWORD, display_name="Bu Rina")
    accounts.grant(A, ADMIN, ws.id, "admin")
    svc.close()
    return rnd.id


def _open_signed_in(page, url: str) -> None:
    """Follow a link to the round; the sign-in form opens; after signing in it is there."""
    open_app(page, url)
    sign_in(page, ADMIN, PASSWORD)


def _expand_notes(page) -> None:
    box = page.locator('[data-testid="stExpander"] details',
                       has=page.locator("summary", has_text="Catatan FGD")).first
    if not box.evaluate("d => d.open"):
        box.locator("summary").click()
        wait_for_app(page)


def _type_note(page, text: str) -> None:
    _expand_notes(page)
    box = page.locator(".st-key-prod_notes_text textarea")
    box.fill(text)
    box.press("Tab")
    page.get_by_role("button", name="Simpan catatan").click()
    wait_for_app(page)


def _note_visible(page, text: str) -> bool:
    _expand_notes(page)
    return page.locator('[data-testid="stMain"]').get_by_text(text).first.is_visible()


def _move_two(page) -> None:
    choose(page, "whatif_opd_widget", OPD)
    _pick(page, "mv_from", _position_label(SRC))
    _pick(page, "mv_to", _position_label(DST))
    amount = page.locator(".st-key-mv_n input")
    amount.fill("2")
    amount.press("Tab")
    page.get_by_role("button", name="Terapkan pemindahan").click()
    wait_for_app(page)


def _pick(page, key: str, option: str) -> None:
    """Type into a long st.selectbox to filter it (its list is virtual), then pick."""
    box = page.locator(f".st-key-{key} input")
    box.scroll_into_view_if_needed()
    box.click()
    box.fill(option[:40])
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_function(
        f"() => document.querySelector('.st-key-{key} input')?.value === {option!r}")
    wait_for_app(page)


def _position_label(code: str) -> str:
    from sotk_core import Settings, evaluate, load_paths
    from sotk_core.base.fmt import fmt_num

    city = load_paths(sorted((ROOT / "sample_data").glob("*.xlsx")))
    p = evaluate(city, Settings()).workload.positions.set_index(["opd", "code"]).loc[(OPD, code)]
    return f"{p['name']} · {p['unit_name']} ({fmt_num(p['existing'])} org)"


def _scenario_shown(page) -> bool:
    return page.locator('[data-testid="stMain"]').get_by_text(
        "Pindahkan 2 pegawai dari").count() >= 1


def test_note_and_scenario_survive_reload_and_restart(page, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    rid = _workspace(db_url)
    with _server(db_url) as url:
        _open_signed_in(page, f"{url}/simulasi{QUERY}")
        _move_two(page)
        assert error_texts(page) == [] and _scenario_shown(page)
        nav(page, "produktivitas")
        _type_note(page, NOTE)
        assert _note_visible(page, NOTE)
        svc = WorkspaceService.open(db_url)
        assert [n.text for n in svc.list_notes(A, rid)] == [NOTE]
        assert len(svc.list_scenarios(A, rid)[0].changes) == 1
        svc.close()
        assert "ruang=Kota" in page.url and "putaran=2026" in page.url
        page.reload()
        wait_for_app(page)
        sign_in(page, ADMIN, PASSWORD)  # a reload is a new session: sign in again
        assert _note_visible(page, NOTE)  # the same round, the note from the database
        nav(page, "simulasi")
        assert _scenario_shown(page)
        here = page.url
    with _server(db_url) as again:  # a new server process on the same database
        page.goto(here.replace(url, again))
        wait_for_app(page)
        sign_in(page, ADMIN, PASSWORD)
        assert error_texts(page) == []
        assert _scenario_shown(page)
        nav(page, "produktivitas")
        assert _note_visible(page, NOTE)


def test_two_servers_on_one_postgres_share_notes(new_context, pg_url):  # noqa: F811
    _workspace(pg_url)
    with _server(pg_url) as first, _server(pg_url) as second:
        a = new_context().new_page()
        _open_signed_in(a, f"{first}/produktivitas{QUERY}")
        _type_note(a, NOTE)
        assert _note_visible(a, NOTE)
        b = new_context().new_page()
        _open_signed_in(b, f"{second}/produktivitas{QUERY}")
        assert error_texts(b) == []
        assert _note_visible(b, NOTE)  # typed on the other server, read from the database
        _type_note(b, "Catatan dari server kedua")
        a.reload()
        wait_for_app(a)
        sign_in(a, ADMIN, PASSWORD)
        assert _note_visible(a, "Catatan dari server kedua")
