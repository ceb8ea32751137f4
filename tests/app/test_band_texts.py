"""AppTest: the pages explain EJ/EU with the band table chosen in the sidebar.

Sidebar: "Tabel pita PJ/PU" = "Pita PJ kustom", A above 1,10 and D from 0,40 (B 0,90 and C 0,70
as in the default table): A >1,10 · B 0,90–1,10 · C 0,70–0,89 · D 0,40–0,69 · E <0,40.
"""

from __future__ import annotations

from sotk_ui import state
from tests.app.helpers import assert_clean, goto, metric_texts

DEFAULT_CAPTION = ("EJ/EU = kebutuhan desimal ÷ pegawai ada. >1,00: beban berlebih (kurang "
                   "pegawai); <0,50: beban rendah (kelebihan pegawai). Predikat PJ/PU: A >1,00 · "
                   "B 0,90–1,00 · C 0,70–0,89 · D 0,50–0,69 · E <0,50.")
CUSTOM_CAPTION = ("EJ/EU = kebutuhan desimal ÷ pegawai ada. >1,10: beban berlebih (kurang "
                  "pegawai); <0,40: beban rendah (kelebihan pegawai). Predikat PJ/PU: A >1,10 · "
                  "B 0,90–1,10 · C 0,70–0,89 · D 0,40–0,69 · E <0,40.")


def custom_bands(at):
    at.selectbox(key="set_pj").set_value("kustom").run()
    at.number_input(key="set_pj_A").set_value(1.10).run()
    at.number_input(key="set_pj_D").set_value(0.40).run()
    assert_clean(at)
    s = at.session_state[state.SETTINGS]
    assert (s.pj_table, s.overload_ej, s.idle_ej) == ("kustom", 1.10, 0.40)
    return at


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_produktivitas_caption_follows_the_band_table(app):
    goto(app, "produktivitas")
    assert_clean(app)
    assert DEFAULT_CAPTION in captions(app)
    custom_bands(app)
    assert CUSTOM_CAPTION in captions(app)
    assert DEFAULT_CAPTION not in captions(app)


def test_ringkasan_eu_help_follows_the_band_table(app):
    assert metric_texts(app, "EU kota")[2] == (
        "EU = Σ kebutuhan desimal ÷ Σ pegawai. >1,00 = beban berlebih (kurang pegawai); "
        "<0,50 = beban rendah (kelebihan pegawai).")
    custom_bands(app)
    assert metric_texts(app, "EU kota")[2] == (
        "EU = Σ kebutuhan desimal ÷ Σ pegawai. >1,10 = beban berlebih (kurang pegawai); "
        "<0,40 = beban rendah (kelebihan pegawai).")


def test_opd_page_reading_guide_follows_the_band_table(app):
    custom_bands(goto(app, "opd"))
    guide = " ".join(m.value for m in app.markdown)
    assert ("EJ 1,00 = pas; di atas 1,10 = beban berlebih (kurang pegawai); di bawah 0,40 = "
            "beban rendah (kelebihan pegawai).") in guide
    assert "A berarti EJ/EU di atas 1,10: beban berlebih" in guide
    assert "di bawah 0,50" not in guide and "di atas 1,00" not in guide
    assert "A berarti EJ/EU di atas 1,10" in metric_texts(app, "EU OPD")[2]


def test_simulasi_eu_help_follows_the_band_table(app):
    custom_bands(goto(app, "simulasi"))
    helps = [m.proto.help for m in app.metric if m.label == "EU OPD"]
    assert helps == [
        "EJ = kebutuhan desimal ÷ pegawai ada. Di atas 1,10: beban berlebih (kurang pegawai); "
        "di bawah 0,40: beban rendah (kelebihan pegawai). Kebutuhan desimal = beban kerja "
        "(jam/tahun) ÷ jam kerja efektif (WKE)."]
