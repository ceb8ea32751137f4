"""AppTest of the sidebar (sotk_ui/panels.py): uploads through the real st.file_uploader
(AppTest 1.67 drives it with `FileUploader.set_value`) and the WKE preset.

The good upload is the hand-built "Dinas Uji" of tests/builders.py, whose numbers are
computed by hand there (WKE 1.250 jam):
  staff  J01..J08 = 1+1+2+1+1+3+1+0 = 10 orang
  hours  1.000+1.200+1.500+1.000+905+3.000+1.250+3.125 = 12.980 jam
  need   rounded per position 1+1+1+1+1+2+1+3 = 11 orang; decimal 12.980 ÷ 1.250 = 10,384
  surplus J03 (+1) + J06 (+1) = 2; shortage J08 (3, vacant) = 3
  EU     10,384 ÷ 10 = 1,0384 -> 1,04 > 1,00: PU A (Sangat Baik)
  maturity: verified level 3 on all 11 variables = 33 (Sedang, >28–37)
"""

from __future__ import annotations

import copy

import pytest
from builders import TASKS, opd_bytes

from sotk_core.base.fmt import fmt_num
from sotk_core.base.settings import Settings
from sotk_core.model.city import load_files
from sotk_core.model.evaluate import evaluate
from sotk_ui import state
from tests.app.helpers import (
    PAGES,
    XLSX,
    assert_clean,
    goto,
    metric_texts,
    table_with,
)

GOOD = ("dinas_uji.xlsx", opd_bytes(), XLSX)


def broken_bytes() -> bytes:
    """Dinas Rusak: the third task's Volume is text -> error at Beban Kerja, row 4, Volume."""
    tasks = copy.deepcopy(TASKS)
    tasks[2]["volume"] = "tiga puluh"
    return opd_bytes({"name": "Dinas Rusak", "abbr": "DR"}, **{"Beban Kerja": tasks})


BROKEN = ("dinas_rusak.xlsx", broken_bytes(), XLSX)
NOT_EXCEL = ("catatan.xlsx", b"ini bukan workbook", XLSX)


def upload(at, *files):
    uploader = at.sidebar.file_uploader[0]
    assert uploader.key == f"uploader_{at.session_state[state.UPLOADER_NONCE]}"
    uploader.set_value(list(files)).run()
    return at


def issue_rows(at, file_name: str):
    """The issue table inside the Data page's expander for this file."""
    exp = [e for e in at.expander if file_name in e.label]
    assert len(exp) == 1, [e.label for e in at.expander]
    frames = [d.value for d in exp[0].dataframe]
    assert len(frames) == 1
    return exp[0].label, frames[0]


def test_good_and_broken_upload(app):
    upload(app, GOOD, BROKEN)
    assert_clean(app)
    assert app.session_state[state.SOURCE] == "upload"
    assert sorted(app.session_state[state.UPLOADS]) == ["dinas_rusak.xlsx", "dinas_uji.xlsx"]
    # the uploader is cleared (new key) so the same files are not added twice
    assert app.sidebar.file_uploader[0].key == "uploader_1"

    # Ringkasan: only Dinas Uji is computed; the hand numbers of the module docstring
    assert app.title[0].value == "Ringkasan Kota (unggahan)"
    assert any(c.value == "1 OPD dihitung dari 2 file · 1 file tidak dihitung karena galat "
               "(lihat halaman Data)" for c in app.caption)
    value, sub, help_text = metric_texts(app, "Pegawai ada")
    assert (value, sub) == ("10 orang", "kebutuhan 11 orang")
    assert "Kebutuhan desimal 10,38 orang = beban kerja 12.980 jam ÷ WKE 1.250 jam" in help_text
    assert metric_texts(app, "Lebih / kurang")[0] == "+2 / −3"
    assert metric_texts(app, "EU kota")[:2] == ("1,04", "PU A (Sangat Baik)")
    assert metric_texts(app, "Kematangan kota")[:2] == ("33,00", "Sedang · 1 OPD")

    # Data: both files listed, the broken one with its error at sheet, row and column
    goto(app, "data")
    assert_clean(app)
    status = table_with(app, "File", "Status").set_index("File")
    assert status.loc["dinas_uji.xlsx", "Status"] == "Dihitung"
    assert status.loc["dinas_rusak.xlsx", "Status"] == "Tidak dihitung"
    assert status.loc["dinas_rusak.xlsx", "Galat"] == 1
    head, rows = issue_rows(app, "dinas_rusak.xlsx")
    assert "1 galat — OPD ini tidak dihitung" in head
    row = rows.iloc[0]
    assert (row["Tingkat"], row["Sheet"], row["Baris"], row["Kolom"]) == (
        "Galat", "Beban Kerja", "4", "Volume")
    assert "tiga puluh" in row["Pesan"] and "bukan angka" in row["Pesan"]
    assert [e.label for e in app.expander if "dinas_uji.xlsx" in e.label] == [
        ":material/check_circle: dinas_uji.xlsx: tidak ada masalah"]

    # every page still works on the uploaded city
    for stem in PAGES:
        goto(app, stem)
        assert_clean(app)

    # the upload is kept in plain session state: Produktivitas shows Dinas Uji
    goto(app, "produktivitas")
    assert app.selectbox(key="prod_opd_widget").value == "Dinas Uji"
    assert metric_texts(app, "Jabatan kosong")[:2] == ("1", "dari 8 jabatan")  # J08


def test_second_upload_adds_to_the_first(app):
    upload(app, GOOD)
    upload(app, ("dinas_dua.xlsx", opd_bytes({"name": "Dinas Dua", "abbr": "DD"}), XLSX))
    assert_clean(app)
    assert sorted(app.session_state[state.UPLOADS]) == ["dinas_dua.xlsx", "dinas_uji.xlsx"]
    # two identical OPDs: 2 × 10 staff, 2 × 11 need
    assert metric_texts(app, "Pegawai ada")[:2] == ("20 orang", "kebutuhan 22 orang")


def test_upload_that_is_not_excel_does_not_break_the_app(app):
    upload(app, NOT_EXCEL)
    assert_clean(app)
    # nothing to compute: a warning pointing to Data, not an error
    assert any("Belum ada OPD yang dapat dihitung" in w.value for w in app.warning)
    for stem in PAGES:
        goto(app, stem)
        assert not app.exception, stem
        assert not app.error, (stem, [e.value for e in app.error])
    goto(app, "data")
    head, rows = issue_rows(app, "catatan.xlsx")
    assert "galat" in head
    assert "bukan workbook Excel" in rows.iloc[0]["Pesan"]


def test_back_to_the_sample_city(app, sample_eval):
    upload(app, GOOD)
    assert metric_texts(app, "Pegawai ada")[0] == "10 orang"
    app.button(key="reset_sample").click().run()
    assert_clean(app)
    assert app.session_state[state.SOURCE] == "sample"
    assert app.session_state[state.UPLOADS] == {}
    assert metric_texts(app, "Pegawai ada")[0] == f"{fmt_num(sample_eval.summary['existing'])} orang"


def test_uploads_stay_in_their_session(new_app, sample_eval):
    """Two AppTest sessions in one process: what A uploads never reaches B."""
    a, b = new_app(), new_app()
    a.run()
    b.run()
    upload(a, GOOD)
    b.run()
    assert_clean(b)
    assert metric_texts(a, "Pegawai ada")[0] == "10 orang"
    assert metric_texts(b, "Pegawai ada")[0] == f"{fmt_num(sample_eval.summary['existing'])} orang"
    assert b.session_state[state.SOURCE] == "sample"


# ---- settings -----------------------------------------------------------------------------


def test_wke_preset_changes_the_need(app, sample_eval):
    """Permendagri 12/2008 (1.300 jam) instead of PermenPANRB 1/2020 (1.250 jam): the decimal
    need of the same hours shrinks by 1.250/1.300 (sample: 353,51 -> 339,91 orang)."""
    s = sample_eval.summary
    assert f"Kebutuhan desimal {fmt_num(s['need_raw'], 2)} orang" in metric_texts(
        app, "Pegawai ada")[2]
    app.selectbox(key="set_preset").set_value("Permendagri 12/2008").run()
    assert_clean(app)
    assert app.session_state[state.SETTINGS] == Settings.from_preset("Permendagri 12/2008")
    help_text = metric_texts(app, "Pegawai ada")[2]
    expected = s["need_raw"] * 1250 / 1300
    assert f"Kebutuhan desimal {fmt_num(expected, 2)} orang" in help_text
    assert f"beban kerja {fmt_num(s['workload_hours'])} jam ÷ WKE 1.300 jam" in help_text
    # the shown whole need equals the core's under the new preset
    ev1300 = evaluate(sample_eval.city, Settings.from_preset("Permendagri 12/2008"))
    assert ev1300.summary["need_raw"] == pytest.approx(expected)
    assert metric_texts(app, "Pegawai ada")[1] == f"kebutuhan {fmt_num(ev1300.summary['need'])} orang"
    assert metric_texts(app, "EU kota")[0] == fmt_num(ev1300.summary["eu"], 2)
    # the "Dihitung dengan ..." line app.py draws on every page names the preset in use
    assert any("Permendagri 12/2008 · WKE 1.300 jam/tahun" in c.value for c in app.caption)
    # the setting survives a page switch (plain session state, not widget state)
    goto(app, "produktivitas")
    o = ev1300.opds.set_index("opd").loc[app.selectbox(key="prod_opd_widget").value]
    assert metric_texts(app, "EU OPD")[0] == fmt_num(o["eu"], 2)


def test_wke_preset_on_the_hand_built_opd(app):
    """Dinas Uji under 1.300 jam: 12.980 ÷ 1.300 = 9,98 orang; EU 9,985 ÷ 10 = 1,00 (B)."""
    upload(app, GOOD)
    app.selectbox(key="set_preset").set_value("Permendagri 12/2008").run()
    assert_clean(app)
    assert "Kebutuhan desimal 9,98 orang" in metric_texts(app, "Pegawai ada")[2]
    assert metric_texts(app, "EU kota")[:2] == ("1,00", "PU B (Baik)")
    expected = evaluate(load_files([GOOD[:2]]), Settings.from_preset("Permendagri 12/2008"))
    assert metric_texts(app, "Pegawai ada")[1] == (
        f"kebutuhan {fmt_num(expected.summary['need'])} orang")  # 10 orang
