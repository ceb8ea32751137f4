"""AppTest: files in other layouts uploaded through the sidebar (issue 12). The anjab workbook,
the e-Formasi bezetting list and the kematangan instrument of tests/data/make_formats.py are
one OPD: 10.692 jam, need 9, bezetting 9, kematangan 28 (hand computation in
tests/core/test_formats.py). The Data page lists what each file gave and offers the OPD as
a template-v1 workbook that reads back clean."""

from __future__ import annotations

from sotk_core.workbook import read_workbook
from sotk_ui import state
from tests.app.helpers import XLSX, assert_clean, goto, table_with
from tests.data import make_formats as mf

OPD = "Dinas Perpustakaan dan Kearsipan"
FILES = [("anjab.xlsx", mf.anjab_bytes(), XLSX), ("eformasi.xlsx", mf.eformasi_bytes(), XLSX),
         ("kematangan.xlsx", mf.ya_tidak_bytes(), XLSX)]


def test_other_layouts_are_combined_summarised_and_offered_as_template(app):
    app.sidebar.file_uploader[0].set_value(FILES).run()
    assert app.session_state[state.SOURCE] == "upload"
    goto(app, "data")
    assert_clean(app)
    status = table_with(app, "File", "Galat")
    assert list(status["File"]) == ["anjab.xlsx, eformasi.xlsx, kematangan.xlsx"]
    assert list(status["Status"]) == ["Dihitung"] and list(status["Tugas"]) == [14]
    sources = table_with(app, "Format", "Keterangan")
    used = sources.loc[sources["Status"] == "dipakai", ["File", "Keterangan"]].values.tolist()
    assert used == [
        ["anjab.xlsx", "6 jabatan dengan 14 uraian tugas, bezetting 6 jabatan, 6 angka hitungan "
                       "form sebagai pembanding"],
        ["eformasi.xlsx", "bezetting 6 jabatan, 6 angka hitungan form sebagai pembanding"],
        ["kematangan.xlsx", "kematangan 11 variabel"]]
    (button,) = [b for b in app.get("download_button") if b.key == "sources_dl"]
    assert button.proto.label == f"Template SOTK v1: {OPD}"
    # every uploaded file has its own issue expander
    labels = [e.label for e in app.expander]
    for name, _, _ in FILES:
        assert sum(name in lab for lab in labels) == 1, labels


def test_the_offered_template_reads_back_clean():
    from sotk_core.workbook.formats import read_files
    from sotk_core.workbook.formats.convert import template_bytes

    (book,), _ = read_files([(n, d) for n, d, _ in FILES])
    back = read_workbook(template_bytes(book), "t.xlsx")
    assert back.ok and back.issues == () and back.name == OPD
    assert back.positions["existing"].sum() == 9 and len(back.tasks) == 14
