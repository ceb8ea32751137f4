"""Every text and chart line that names an EJ/EU threshold follows the PJ band table of the
Settings in force (sotk_core.base.texts, the band lines of sotk_core.present.charts).

Default table (Permendagri practice): A > 1,00 · B 0,90–1,00 · C 0,70–0,89 · D 0,50–0,69 ·
E < 0,50, so above 1,00 is overloaded and below 0,50 under-used.
Custom table CUSTOM: A > 1,10 · B 0,90–1,10 · C 0,70–0,89 · D 0,40–0,69 · E < 0,40.

Dinas Uji (tests/builders.py, WKE 1.250 jam): EU 10,384 / 10 = 1,0384 -> 1,04: PU A by default
(1,04 > 1,00), B under CUSTOM (0,90 <= 1,04 <= 1,10).
"""

from __future__ import annotations

import pytest

from sotk_core import Settings, evaluate
from sotk_core.base import texts
from sotk_core.base.labels import label
from sotk_core.present import charts
from sotk_core.present.charts import theme
from sotk_core.present.charts.balance import ej_bins
from sotk_core.present.charts.deck import extreme_units
from sotk_core.present.deck import CITY_SLIDES, build_deck
from sotk_core.scenario import MoveStaff, Scenario

INF = float("-inf")


def bands(a: float, b: float, c: float, d: float) -> tuple[tuple[str, str, float], ...]:
    return (("A", "Sangat Baik", a), ("B", "Baik", b), ("C", "Cukup", c), ("D", "Sedang", d),
            ("E", "Kurang", INF))


CUSTOM = Settings(ej_bands=bands(1.10, 0.90, 0.70, 0.40))

# ---- texts ------------------------------------------------------------------------------

DEFAULT_TEXTS = {
    texts.explain_ej: "EJ (efektivitas jabatan) = kebutuhan desimal ÷ pegawai ada. EJ 1,00 = pas; "
                      "di atas 1,00 = beban berlebih (kurang pegawai); di bawah 0,50 = beban "
                      "rendah (kelebihan pegawai).",
    texts.explain_pj: "PJ/PU adalah predikat EJ/EU (A–E). A berarti EJ/EU di atas 1,00: beban "
                      "berlebih, bukan prestasi: unit itu kekurangan pegawai.",
    texts.eu_city_help: "EU = Σ kebutuhan desimal ÷ Σ pegawai. >1,00 = beban berlebih (kurang "
                        "pegawai); <0,50 = beban rendah (kelebihan pegawai).",
    texts.ej_eu_reading: "EJ/EU = kebutuhan desimal ÷ pegawai ada. >1,00: beban berlebih "
                         "(kurang pegawai); <0,50: beban rendah (kelebihan pegawai). Predikat "
                         "PJ/PU: A >1,00 · B 0,90–1,00 · C 0,70–0,89 · D 0,50–0,69 · E <0,50.",
    texts.whatif_ej_help: "EJ = kebutuhan desimal ÷ pegawai ada. Di atas 1,00: beban berlebih "
                          "(kurang pegawai); di bawah 0,50: beban rendah (kelebihan pegawai). "
                          "Kebutuhan desimal = beban kerja (jam/tahun) ÷ jam kerja efektif "
                          "(WKE).",
    texts.ej_overload_note: "EJ = kebutuhan desimal ÷ pegawai ada (di atas 1,00 beban "
                            "berlebih)",
}


@pytest.mark.parametrize("make", list(DEFAULT_TEXTS), ids=lambda f: f.__name__)
def test_default_settings_give_the_texts_of_before(make):
    assert make(Settings()) == DEFAULT_TEXTS[make]


def test_custom_band_table_texts_by_hand():
    assert texts.explain_ej(CUSTOM) == (
        "EJ (efektivitas jabatan) = kebutuhan desimal ÷ pegawai ada. EJ 1,00 = pas; di atas "
        "1,10 = beban berlebih (kurang pegawai); di bawah 0,40 = beban rendah (kelebihan "
        "pegawai).")
    assert texts.explain_pj(CUSTOM) == (
        "PJ/PU adalah predikat EJ/EU (A–E). A berarti EJ/EU di atas 1,10: beban berlebih, "
        "bukan prestasi: unit itu kekurangan pegawai.")
    assert texts.eu_city_help(CUSTOM) == (
        "EU = Σ kebutuhan desimal ÷ Σ pegawai. >1,10 = beban berlebih (kurang pegawai); "
        "<0,40 = beban rendah (kelebihan pegawai).")
    assert texts.ej_eu_reading(CUSTOM) == (
        "EJ/EU = kebutuhan desimal ÷ pegawai ada. >1,10: beban berlebih (kurang pegawai); "
        "<0,40: beban rendah (kelebihan pegawai). Predikat PJ/PU: A >1,10 · B 0,90–1,10 · "
        "C 0,70–0,89 · D 0,40–0,69 · E <0,40.")
    assert "Di atas 1,10: beban berlebih" in texts.whatif_ej_help(CUSTOM)
    assert "di bawah 0,40: beban rendah" in texts.whatif_ej_help(CUSTOM)
    assert texts.ej_overload_note(CUSTOM).endswith("(di atas 1,10 beban berlebih)")


@pytest.mark.parametrize("make", list(DEFAULT_TEXTS), ids=lambda f: f.__name__)
def test_custom_band_table_leaves_no_default_threshold(make):
    text = make(CUSTOM)
    assert "1,10" in text
    # 0,50 and "above 1,00" are the default thresholds; "EJ 1,00 = pas" (need = staff) is not
    rest = text.replace("EJ 1,00 = pas", "")
    assert "0,50" not in rest and "1,00" not in rest, text


@pytest.mark.parametrize(("a", "phrase"), [
    (1.00, "pegawai ada. EJ 1,00 = pas; di atas 1,00 = beban berlebih"),
    (0.99, "pegawai ada. Di atas 0,99 = beban berlebih"),
])
def test_ej_1_00_is_pas_only_while_it_is_not_overloaded(a, phrase):
    # A > 1,00: EJ 1,00 is graded B (not overloaded), so it reads "pas"; A > 0,99: EJ 1,00 is
    # overloaded, and the sentence starts at the threshold
    text = texts.explain_ej(Settings(ej_bands=bands(a, 0.90, 0.70, 0.50)))
    assert phrase in text
    assert ("EJ 1,00 = pas" in text) is (a == 1.00)


@pytest.mark.parametrize(("d", "fits"), [(1.00, True), (1.01, False)])
def test_ej_1_00_is_not_pas_when_it_is_under_used(d, fits):
    # D from 1,00: EJ 1,00 is D (not under-used); D from 1,01: EJ 1,00 is E, under-used
    s = Settings(ej_bands=bands(1.50, 1.30, 1.10, d))
    assert ("EJ 1,00 = pas" in texts.explain_ej(s)) is fits


def test_ministry_table_grades_in_the_caption():
    from sotk_core.base.tables import PJ_TABLES_BY_ID

    s = Settings(ej_bands=PJ_TABLES_BY_ID["depkeu"].bands)
    assert texts.ej_eu_reading(s).endswith(
        "Predikat PJ/PU: A >1,00 · B 0,81–1,00 · C 0,66–0,80 · D 0,50–0,65 · E <0,50.")
    assert s.band_text() == "A > 1,00; B 0,81–1,00; C 0,66–0,80; D 0,50–0,65; E < 0,50"


def test_balanced_range_headers_name_no_numbers():
    # the balanced range is a setting (Settings.balanced_ej), a column header is fixed: it
    # names the range in words (the page caption and the Asumsi sheet give the numbers)
    assert label("share_outside") == "Porsi di luar rentang EJ seimbang"
    assert label("staff_outside") == "Pegawai di luar rentang EJ seimbang (orang)"


# ---- charts -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def custom_eval(uji_eval):
    return evaluate(uji_eval.city, CUSTOM)


def _lines(fig) -> list[float]:
    return sorted(round(s.x0, 2) for s in fig.layout.shapes if s.type == "line")


def _texts(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_band_lines_and_labels_follow_a_custom_table(custom_eval):
    fig = charts.opd_eu(custom_eval.opds, custom_eval.settings)
    # dashed D 0,40 and A 1,10, dotted C 0,70 and B 0,90
    assert _lines(fig) == [0.4, 0.7, 0.9, 1.1]
    assert "◀ Beban rendah &lt;0,40 " in _texts(fig)
    assert "Beban berlebih &gt;1,10 ▶" in _texts(fig)
    assert not any("0,50" in t or "1,00" in t for t in _texts(fig))
    # EU 1,04 is B under this table: the balanced band's legend, 0,70 up to 1,10
    assert [t.name for t in fig.data] == ["EU 0,70–1,10 (B, C): seimbang"]
    assert list(fig.data[0].x) == [1.04]
    assert theme.band_names(CUSTOM)["mid"] == "EJ 0,40–0,69 (D): agak rendah"
    assert theme.band_names(CUSTOM)["low"] == "EJ < 0,40 (E): beban rendah"


def test_axis_reaches_past_a_high_overload_line(uji_eval):
    # values up to 1,04: the axis ends at max(1,04, A + 0,05) × 1,15 (room for the labels):
    # default 1,05 × 1,15 = 1,2075; A > 1,30: 1,35 × 1,15 = 1,5525, past the line at 1,30
    assert charts.opd_eu(uji_eval.opds, Settings()).layout.xaxis.range[1] == pytest.approx(
        1.2075)
    high = Settings(ej_bands=bands(1.30, 0.90, 0.70, 0.50))
    fig = charts.opd_eu(evaluate(uji_eval.city, high).opds, high)
    assert fig.layout.xaxis.range[1] == pytest.approx(1.5525)
    assert max(_lines(fig)) == 1.3


def test_vertical_band_lines_follow_a_custom_table():
    import plotly.graph_objects as go

    fig = theme.add_band_lines(go.Figure(), CUSTOM, axis="y")
    assert sorted(round(s.y0, 2) for s in fig.layout.shapes if s.type == "line") == [
        0.4, 0.7, 0.9, 1.1]
    assert _texts(fig) == ["Beban rendah &lt;0,40 ▼", "Beban berlebih &gt;1,10 ▲"]


def test_histogram_bins_follow_a_custom_table(custom_eval):
    fig = charts.ej_histogram(custom_eval.workload.positions, custom_eval.settings,
                              opd="Dinas Uji")
    assert list(fig.data[0].x) == ["< 0,40", "0,40–0,69", "0,70–0,89", "0,90–1,10",
                                   "1,11–1,20", "> 1,20"]
    # DU staff by EJ (test_charts): 0,60 J03 (2) | 0,72, 0,80 ×3 (6) | 0,96, 1,00 (2)
    assert list(fig.data[0].y) == [0, 2, 6, 2, 0, 0]


@pytest.mark.parametrize(("a", "labels"), [
    (1.19, ["1,20–1,20", "> 1,20"]),  # A + 0,01 = 1,20 <= 1,20: the usual split
    (1.20, ["1,21–1,40", "> 1,40"]),  # A + 0,01 = 1,21 > 1,20: split 0,20 above A
])
def test_histogram_splits_a_high_a_band_above_its_bound(a, labels):
    got = [b[0] for b in ej_bins(Settings(ej_bands=bands(a, 0.90, 0.70, 0.50)))]
    assert got[-2:] == labels


def test_extreme_units_lines_follow_a_custom_table(custom_eval):
    fig = extreme_units(custom_eval.workload.units, custom_eval.opds, custom_eval.settings,
                        n=1)
    assert sorted(round(s.x0, 2) for s in fig.layout.shapes if s.type == "line") == [0.4, 1.1]
    assert "◀ rendah &lt;0,40 " in _texts(fig) and " berlebih &gt;1,10 ▶" in _texts(fig)


def test_deck_effect_slide_names_the_custom_threshold(custom_eval):
    # the scenario of test_deck: J06 -> J08 one person, two positions change
    city = custom_eval.city
    scenario = Scenario("Geser analis").add(MoveStaff("Dinas Uji", "J06", "Dinas Uji", "J08", 1),
                                            city)
    slide = build_deck(custom_eval, scenario=scenario)[CITY_SLIDES + 2]
    assert slide.key == "simulasi.jabatan"
    assert slide.text == ("2 jabatan berubah · EJ = kebutuhan desimal ÷ pegawai ada (di atas "
                          "1,10 beban berlebih)")
