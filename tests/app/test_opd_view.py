"""AppTest of the OPD head's page (Ringkasan OPD) and of the failed-files notice every page
shows. Dinas Kesehatan of the sample city, figures by hand (WKE 1.250 jam):
  Administrator Kesehatan Ahli Pertama (Bidang Pelayanan dan Sumber Daya Kesehatan): 1 staff,
    need_raw 2,799867 -> "2,80", EJ 2,80 > 1,00: beban berlebih, PJ A;
  Administrator Kesehatan Ahli Muda (same bidang): 6 staff, need_raw 1,9792 -> "1,98",
    EJ 0,33 < 0,50: beban rendah;
  Epidemiolog Kesehatan Ahli Pertama: 0 staff, need_raw 1,05: kosong;
  Bidang Pencegahan dan Pengendalian Penyakit: EU 1,06 > 1,00: beban berlebih.
"""

from __future__ import annotations

from pathlib import Path

from sotk_ui import state
from tests.app.helpers import XLSX, assert_clean, goto, metric_texts
from tests.builders import opd_bytes

ROOT = Path(__file__).resolve().parents[2]
DINKES = "Dinas Kesehatan"
BIDANG = "Bidang Pelayanan dan Sumber Daya Kesehatan"


def _lines(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_the_opd_head_sees_overloaded_and_idle_at_once(app):
    goto(app, "opd")
    app.selectbox(key="opdview_opd_widget").set_value(DINKES).run()
    assert_clean(app)
    text = _lines(app)
    over = text.split("Beban berlebih: perlu tambahan pegawai")[1].split("Beban rendah")[0]
    assert f"Administrator Kesehatan Ahli Pertama · {BIDANG}: butuh 2,80 orang, ada 1 — " \
           "beban berlebih (EJ 2,80)" in over
    assert "Epidemiolog Kesehatan Ahli Pertama · Bidang Pencegahan dan Pengendalian Penyakit: " \
           "butuh 1,05 orang, ada 0 — kosong" in over
    assert "Bidang Pencegahan dan Pengendalian Penyakit: butuh 4,26 orang, ada 4 — beban " \
           "berlebih (EU 1,06)" in over
    idle = text.split("Beban rendah: pegawai dapat dialihkan")[1]
    assert f"Administrator Kesehatan Ahli Muda · {BIDANG}: butuh 1,98 orang, ada 6 — beban " \
           "rendah (EJ 0,33)" in idle
    # the positions by EJ with their unit; PJ A is read as overloaded, not as praise
    (table,) = [t.value for t in app.table]
    first = table.iloc[0]
    assert list(table.columns) == ["Jabatan", "Unit", "EJ", "PJ: artinya",
                                   "Kebutuhan desimal dan pegawai"]
    assert (first["Jabatan"], first["Unit"], first["EJ"], first["PJ: artinya"]) == (
        "Administrator Kesehatan Ahli Pertama", BIDANG, "2,80", "A · beban berlebih")
    ej = [float(v.replace(",", ".")) for v in table["EJ"] if v != "–"]
    assert ej == sorted(ej, reverse=True)
    assert table.iloc[-1]["EJ"] == "–" and table.iloc[-1]["PJ: artinya"] == "kosong"
    # the PU of the OPD with its reading; EJ, EU and the decimal need explained
    value, sub, _ = metric_texts(app, "EU OPD")
    assert (value, sub) == ("0,89", "PU C · seimbang")
    assert "kebutuhan desimal" in " ".join(e.label for e in app.expander).lower()
    assert any("EJ (efektivitas jabatan) = kebutuhan desimal ÷ pegawai ada" in m.value
               for m in app.markdown)


def test_an_opd_user_lands_on_their_own_opd(new_app):
    at = new_app()
    at.session_state[state.OWN_OPD] = "Dinas Sosial"
    at.run()
    goto(at, "opd")
    assert_clean(at)
    assert at.selectbox(key="opdview_opd_widget").value == "Dinas Sosial"


def test_files_that_could_not_be_computed_are_named_on_every_page(new_app):
    broken = ROOT / "tests" / "data" / "corpus" / "kolom_hilang_jabatan_existing.xlsx"
    at = new_app()
    at.run()
    at.sidebar.file_uploader[0].set_value([("baik.xlsx", opd_bytes(), XLSX),
                                           (broken.name, broken.read_bytes(), XLSX)]).run()
    for stem in ("ringkasan", "opd", "kematangan", "produktivitas", "keseimbangan",
                 "evaluasi_sotk", "simulasi", "data"):
        goto(at, stem)
        warnings = [w.value for w in at.warning]
        # '_' inside a word starts no emphasis: the name stands as it is (sotk_ui.safe.md)
        assert any("1 file tidak dapat dihitung" in w and broken.name in w
                   for w in warnings), (stem, warnings)
    goto(at, "presentasi")
    assert any(broken.name in c.value for c in at.caption)
