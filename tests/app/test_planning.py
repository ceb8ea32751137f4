"""AppTest of the Perencanaan page on the sample city: the three views, their cards, charts and
tables, the like-unit rules and the outlier threshold from session state. Every expected number
is derived by hand in sample_data/story.py (planning stories) or below."""

from __future__ import annotations

import pytest

from sample_data.story import SAMPLE_STORY
from sotk_core.model.like_units import GroupRule
from sotk_ui import state
from tests.app.helpers import array, assert_clean, bar_values, chart, metric_texts, table_with


def view(at, name: str):
    at.query_params["view"] = name
    at.switch_page("pages/perencanaan.py").run()
    assert_clean(at)
    assert at.title[0].value == "Perencanaan"
    return at


# ---- formasi ------------------------------------------------------------------------------


def test_formasi_cards(app):
    at = view(app, "formasi")
    value, sub, _ = metric_texts(at, "Pensiun 5 tahun")
    # Σ Pensiun 5 Tahun: 34 in the 15 first OPDs + 1 Bidan (Puskesmas Kota Lama)
    # + 1 Mekarsari + 3 Karangrejo = 39
    assert (value, sub) == (f"{SAMPLE_STORY['formasi']['city_retiring']} orang", "2026–2030")
    assert metric_texts(at, "Kebutuhan ABK")[1] == "bezetting 479"


def test_formasi_chart_and_the_kecamatan_that_lacks_nine(app):
    at = view(app, "formasi")
    spec = chart(at, "plan_formasi")
    new = bar_values(spec, "Usulan formasi baru (orang)")
    moved = bar_values(spec, "Dari redistribusi (orang)")
    # Karangrejo lacks 1 + 3 + 1 + 1 + 3 = 9 and spares nobody
    assert (new["Kec. Karangrejo"], moved["Kec. Karangrejo"]) == (9, 0)
    # Dinas Kesehatan: Ahli Muda spares 4 (2 to Ahli Pertama, same bidang; 2 to
    # Pengadministrasi Umum), Perawat Puskesmas Sukamaju spares 1 (to the vacant Epidemiolog)
    assert moved["Dinkes"] == 5


def test_formasi_detail_of_one_opd(app):
    app.session_state[state.OPD] = "Kecamatan Karangrejo"
    at = view(app, "formasi")
    # 22 staff, 3 retire (2027, 2028, 2029): 19 left; need 9 heads × 1 + 3 + 1 + 4 + 3 + 2
    # + 5 + 1 = 28
    assert any(m.value.startswith("Kecamatan Karangrejo: dalam 2026–2030 3 pegawai pensiun; "
                                  "bezetting 22 orang menjadi 19 orang, kebutuhan ABK 28 orang. "
                                  "Kurang 9 orang, seluruhnya usulan formasi baru (9 orang).")
               for m in at.markdown)
    rows = table_with(at, "Nama", "Kebutuhan formasi (orang)")
    story = SAMPLE_STORY["formasi"]["need_4"]
    row = rows.loc[rows["Nama"] == story["name"]].iloc[0]  # only Seksi Pemerintahan's retires
    assert (row["Kebutuhan (orang)"], row["Pegawai ada (orang)"], row["Pensiun 5 th (orang)"],
            row["Kebutuhan formasi (orang)"]) == (4, 3, 2, 3)
    years = bar_values(chart(at, "plan_years"))
    assert years == {"2026": 0, "2027": 1, "2028": 1, "2029": 1, "2030": 0, "Tanpa tahun": 0}
    # per unit, each with the units below it: the kecamatan itself is the OPD's total; its
    # five seksi and the sekretariat lack 1 + 3 + 1 + 1 + 3 + 0 = 9; the need 4 position sits
    # in Seksi Pemerintahan with its head (need 1, 1 staff): 5 needed, 4 staff, 2 retire → 3
    units = table_with(at, "Unit", "Kelebihan tersisa (orang)").set_index("Unit")
    cols = ["Kebutuhan (orang)", "Pegawai ada (orang)", "Pensiun 5 th (orang)",
            "Kebutuhan formasi (orang)"]
    assert list(units.loc["Kecamatan Karangrejo", cols]) == [28, 22, 3, 9]
    assert list(units.loc["– Seksi Pemerintahan", cols]) == [5, 4, 2, 3]
    children = [u for u in units.index if u.startswith("– ") and not u.startswith("– – ")]
    assert len(children) == 6
    assert units.loc[children, "Kebutuhan formasi (orang)"].sum() == 9


def test_redistribution_is_listed_for_mekarsari(app):
    app.session_state[state.OPD] = "Kecamatan Mekarsari"
    at = view(app, "formasi")
    # Operator Layanan Operasional: 4 staff for 2,7 FTE (need 3) spares 1; Pengadministrasi
    # Perkantoran loses 1 of 2 in 2026 (need 2): covered, no new formasi
    texts = "\n".join(m.value for m in at.markdown)
    assert ("1 orang: Operator Layanan Operasional (Seksi Pelayanan Umum) → Pengadministrasi "
            "Perkantoran (Subbagian Umum dan Kepegawaian)") in texts


# ---- like units ---------------------------------------------------------------------------


def test_kecamatan_side_by_side(app):
    at = view(app, "sejenis")
    story = SAMPLE_STORY["kecamatan"]
    assert metric_texts(at, "Median EU")[0] == "0,91"
    assert metric_texts(at, "Pencilan")[0] == "1"
    # 1,39 − 0,91 = 0,48 above the median; 0,48 / 0,91 = 52,7 % → 53 %
    assert any(m.value.endswith("Kecamatan Karangrejo: EU 1,39 — 0,48 (53 %) di atas median "
                                "kelompok Kecamatan (0,91).") for m in at.markdown)
    bars = bar_values(chart(at, "like_bars"))
    assert bars == {"Kec. Karangrejo": 1.39, "Kec. Tanjungjaya": 1.07, "Kec. Kota Lama": 0.91,
                    "Kec. Mekarsari": 0.82, "Kec. Sukamaju": 0.76}
    assert sorted(bars.values()) == sorted(story["eu"].values())
    # Kecamatan Sukamaju has no Kematangan sheet: a dash, never the grid's "None"
    members = table_with(at, "Unit", "Total kematangan (11–55)").set_index("Unit")
    assert list(members["Total kematangan (11–55)"]) == ["29", "44", "30", "39", "–"]
    assert members.loc["Kecamatan Sukamaju", "Total kematangan (11–55)"] == "–"
    same = table_with(at, "Nama", "Rentang EJ")
    row = same.loc[same["Nama"] == "Pengadministrasi Perkantoran"].iloc[0]
    assert (row["EJ terendah"], row["EJ tertinggi"], row["Rentang EJ"]) == (0.9, 1.6, 0.7)


def test_a_lower_outlier_threshold_finds_more(app):
    # 15 %: Tanjungjaya +0,16 (+17,6 %) and Sukamaju −0,15 (−16,5 %) join Karangrejo
    app.session_state[state.LIKE_SHARE] = 0.15
    at = view(app, "sejenis")
    assert metric_texts(at, "Pencilan") == ("3", "≥ 15 % dari median", metric_texts(
        at, "Pencilan")[2])


def test_rules_from_session_state(app):
    app.session_state[state.LIKE_RULES] = [GroupRule("Puskesmas", "unit", "UPT", "UPT Puskesmas*")]
    at = view(app, "sejenis")
    assert at.selectbox(key="like_group_widget").options == ["Puskesmas (3 unit)"]
    # 0,80 / 0,90 / 1,00: median 0,90, none 25 % away
    assert metric_texts(at, "Median EU")[:2] == ("0,90", "0,80–1,00")
    assert metric_texts(at, "Pencilan")[0] == "0"


# ---- maturity beside workload -----------------------------------------------------------------


@pytest.mark.parametrize(("label", "opd"), [
    ("Belum matang dan beban berlebih", "Kec. Karangrejo"),
    ("Matang tetapi beban berlebih", "Kec. Tanjungjaya")])
def test_quadrant_cards(app, label, opd):
    at = view(app, "kuadran")
    assert metric_texts(at, label)[:2] == ("1 OPD", opd)


def test_quadrant_plane_and_table(app):
    at = view(app, "kuadran")
    spec = chart(at, "quad_plane")
    points = {}
    for t in spec["data"]:
        for x, y, h in zip(array(t["x"]), array(t["y"]), t["hovertext"], strict=True):
            points[h.split("</b>")[0].removeprefix("<b>")] = (x, y)
    story = SAMPLE_STORY["quadrants"]
    assert points["Kecamatan Karangrejo"] == (29, 1.39)
    assert points["Kecamatan Tanjungjaya"] == (44, 1.07)
    assert "Kecamatan Sukamaju" not in points  # no Kematangan sheet
    rows = table_with(at, "Kuadran", "Variabel terlemah").set_index("Singkatan")
    assert rows.loc["Kec. Sukamaju", "Total kematangan (11–55)"] == "–"
    k = rows.loc["Kec. Karangrejo"]
    assert k["Kuadran"] == "Belum matang dan beban berlebih"
    assert k["Variabel terlemah"].startswith(f"{story['belum_berlebih']['weakest']} ")
    assert k["Unit dengan EU tertinggi"] == "Subbagian Umum dan Kepegawaian (EU 1,50)"
